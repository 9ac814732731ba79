"""The import job pages pass axe in every state: mapping, errors, ready, running, done."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.test_accessibility import AXE_OPTIONS, LANGS


def _jobs():
    """One job of Fjordby's in each state a person can see, made by the real services."""
    from gevinst.core.models import Organisation
    from gevinst.core.scoping import tenant_scope
    from gevinst.portfolio.models.imports import ImportJob
    from gevinst.portfolio.services.imports import (
        do_start_check,
        do_start_import,
        do_upload_import,
        run_job,
    )
    from tests.conftest import person
    from tests.portfolio.importbooks import NB, nb_row, workbook

    org = Organisation.objects.get(slug="fjordby")
    pmo = person("pmo")
    jobs = {}
    with tenant_scope(org):
        def upload(rows):
            return do_upload_import(actor=pmo, organisation=org, kind="initiatives",
                                    data=workbook(NB, rows), file_name="tiltak.xlsx")

        def run(job, start):
            start(actor=pmo, job=job)
            run_job(organisation_id=org.pk, job_id=job.pk, actor_id=pmo.pk)
            job.refresh_from_db()
            return job

        jobs["mapping"] = upload([nb_row(1)])
        jobs["errors"] = run(upload([nb_row(1, Startdato="32.13.2026"), nb_row(2, Tittel="")]),
                             do_start_check)
        jobs["ready"] = run(upload([nb_row(1)]), do_start_check)
        done = run(upload([nb_row(1), nb_row(2)]), do_start_check)
        jobs["done"] = run(done, do_start_import)
        running = upload([nb_row(1)])
        ImportJob.objects.filter(pk=running.pk).update(
            status=ImportJob.Status.RUNNING, action=ImportJob.Action.CHECK, processed_rows=0)
        jobs["running"] = running
    assert jobs["errors"].errors and jobs["done"].status == "done"
    return jobs


@pytest.mark.parametrize("lang", LANGS)
def test_import_job_pages_pass_axe(open_as, lang):
    jobs = _jobs()
    page = open_as("pmo", lang)
    for state, job in jobs.items():
        response = page.goto(f"{page.base}/o/fjordby/import/{job.pk}/")
        assert response.status == 200, state
        results = Axe().run(page, options=AXE_OPTIONS)
        assert results.violations_count == 0, f"{state}\n{results.generate_report()}"
    page.goto(f"{page.base}/o/fjordby/import/")
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
