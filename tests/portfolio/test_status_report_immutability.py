"""A published status report is a snapshot: nobody changes or deletes it, by any road —
the web, the API, the services, the model, bulk queries, the admin, or (with the trigger
installed) raw SQL. Drafts stay editable."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction

from gevinst.core.scoping import ScopeError, tenant_scope, unscoped
from gevinst.portfolio.models import StatusReport
from gevinst.portfolio.models.reports import (
    PublishedReportError,
    drop_immutability_triggers,
    install_immutability_triggers,
)
from gevinst.portfolio.services.reports import (
    do_delete_report,
    do_publish_report,
    do_update_report,
)
from tests.conftest import person

SEPTEMBER = dt.date(2026, 9, 1)
OCTOBER = dt.date(2026, 10, 1)
BASE = "/o/fjordby/initiatives/INI-0001/status/"


def report(org, period) -> StatusReport:
    with tenant_scope(org):
        return StatusReport.objects.get(organisation=org, initiative__reference="INI-0001",
                                        period_start=period)


def test_saving_a_published_report_raises(org):
    published = report(org, SEPTEMBER)
    published.summary = "Omskrevet historie"
    with tenant_scope(org), pytest.raises(PublishedReportError):
        published.save()
    assert report(org, SEPTEMBER).summary == "Leveransen går etter planen."


def test_a_stale_draft_object_cannot_overwrite_the_published_row(org):
    stale = report(org, OCTOBER)
    fresh = report(org, OCTOBER)
    with tenant_scope(org):
        do_publish_report(actor=person("contributor"), report=fresh,
                          expected_version=fresh.version,
                          data={f: "green" for f in ("overall", "schedule", "cost", "scope",
                                                     "risk", "benefits", "resources")})
        stale.summary = "Etterpå"
        with pytest.raises(PublishedReportError):
            stale.save()


def test_deleting_a_published_report_raises(org):
    with tenant_scope(org), pytest.raises(PublishedReportError):
        report(org, SEPTEMBER).delete()
    assert report(org, SEPTEMBER).pk


def test_bulk_update_touching_a_published_report_raises_and_changes_nothing(org):
    with tenant_scope(org):
        with pytest.raises(PublishedReportError):
            StatusReport.objects.filter(initiative__reference="INI-0001").update(overall="red")
        assert "red" not in set(StatusReport.objects.filter(initiative__reference="INI-0001")
                                .values_list("overall", flat=True))


def test_bulk_delete_touching_a_published_report_raises(org):
    with tenant_scope(org):
        with pytest.raises(PublishedReportError):
            StatusReport.objects.all().delete()
        assert StatusReport.objects.count() == 2


def test_bulk_writes_to_drafts_still_work(org):
    with tenant_scope(org):
        assert StatusReport.objects.filter(state="draft").update(summary="Felles") == 1
        assert StatusReport.objects.get(period_start=OCTOBER).summary == "Felles"
        StatusReport.objects.filter(state="draft").delete()
        assert not StatusReport.objects.filter(state="draft").exists()


def test_guarded_manager_still_refuses_queries_without_a_tenant(db):
    with pytest.raises(ScopeError):
        list(StatusReport.objects.all())
    with unscoped():
        assert StatusReport.objects.filter(organisation__slug="asdal").count() == 2


def test_services_refuse_to_change_or_delete_a_published_report(org):
    published = report(org, SEPTEMBER)
    with tenant_scope(org):
        with pytest.raises(ValidationError):
            do_update_report(actor=person("pmo"), report=published, data={"summary": "x"},
                             expected_version=published.version)
        with pytest.raises(ValidationError):
            do_publish_report(actor=person("pmo"), report=published,
                              expected_version=published.version)
        with pytest.raises(ValidationError):
            do_delete_report(actor=person("pmo"), report=published)
    assert report(org, SEPTEMBER).version == published.version


def test_forced_edit_of_a_published_report_on_the_web_is_refused(client_as, org):
    published = report(org, SEPTEMBER)
    client = client_as("admin")
    assert client.get(f"{BASE}{published.pk}/edit/").status_code == 409
    response = client.post(f"{BASE}{published.pk}/edit/", {
        "version": published.version, "summary": "Omskrevet", "overall": "red",
        "action": "save"})
    assert response.status_code == 409
    assert "This report is published" in response.content.decode()
    assert report(org, SEPTEMBER).summary == "Leveransen går etter planen."


def test_forced_delete_of_a_published_report_on_the_web_is_refused(client_as, org):
    published = report(org, SEPTEMBER)
    assert client_as("admin").post(f"{BASE}{published.pk}/delete/").status_code == 409
    assert report(org, SEPTEMBER).pk == published.pk


def test_published_report_page_offers_no_edit_or_delete(client_as, org):
    published = report(org, SEPTEMBER)
    html = client_as("admin").get(f"{BASE}{published.pk}/").content.decode()
    assert f"{BASE}{published.pk}/edit/" not in html
    assert f"{BASE}{published.pk}/delete/" not in html


def test_status_reports_are_not_in_the_django_admin(client, org):
    from gevinst.core.models import User

    assert not admin.site.is_registered(StatusReport)
    operator = User.objects.create_superuser(email="operator@platform.test", password="x")
    client.force_login(operator)
    assert client.get("/admin/portfolio/statusreport/").status_code == 404
    published = report(org, SEPTEMBER)
    assert client.post(f"/admin/portfolio/statusreport/{published.pk}/change/",
                       {"summary": "x"}).status_code == 404
    assert report(org, SEPTEMBER).summary == "Leveransen går etter planen."


def test_the_database_refuses_raw_sql_updates_of_published_rows(org):
    """The trigger from the migration: even SQL that bypasses Django cannot rewrite history."""
    published = report(org, SEPTEMBER)
    draft = report(org, OCTOBER)
    with connection.cursor() as cursor:
        with pytest.raises(DatabaseError), transaction.atomic():
            cursor.execute("UPDATE portfolio_statusreport SET overall = 'red' WHERE id = %s",
                           [published.pk])
        cursor.execute("UPDATE portfolio_statusreport SET summary = 'ok' WHERE id = %s",
                       [draft.pk])
    assert report(org, SEPTEMBER).overall == "green"
    assert report(org, OCTOBER).summary == "ok"
    drop_immutability_triggers(connection)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE portfolio_statusreport SET overall = 'red' WHERE id = %s",
                       [published.pk])
    assert report(org, SEPTEMBER).overall == "red"  # the trigger, not the code, refused
    install_immutability_triggers(connection)
