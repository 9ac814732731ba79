"""Background tasks of the portfolio (django-tasks; the database backend in production).

Every task takes the organisation id explicitly and scopes itself to it.
"""

from __future__ import annotations

from django_tasks import task


@task()
def run_import_job(*, organisation_id: int, job_id: int, actor_id: int | None = None) -> str:
    """Dry run or import of an uploaded workbook; progress is kept on the ImportJob."""
    from gevinst.portfolio.services.imports import run_job

    return run_job(organisation_id=organisation_id, job_id=job_id, actor_id=actor_id)
