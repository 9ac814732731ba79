"""Background tasks of benefits realisation (django-tasks; the database backend in
production). Every task takes the organisation id explicitly and scopes itself to it."""

from __future__ import annotations

from django_tasks import task


@task()
def refresh_benefits(*, organisation_id: int) -> int:
    """Recompute every benefit of an organisation (after its loaded hourly cost changed)."""
    from gevinst.benefits.services.measures import refresh_organisation
    from gevinst.core.models import Organisation
    from gevinst.core.scoping import tenant_scope

    organisation = Organisation.objects.get(pk=organisation_id)
    with tenant_scope(organisation):
        return refresh_organisation(organisation, full=True)
