"""Status reports pick up the risk dimension from the register: suggested, never forced.

A new draft's risk status is the register's suggestion; the edit page shows the suggestion
and why, fills in a blank risk status, and never overrides a status someone chose.

The world: INI-0001 has RSK-0001 (open, 9 after action: amber), a published September 2026
report (all green) and an October draft with no statuses; INI-0002 has no risks and no
reports. Fjordby reports monthly. Risks made here are reviewed next in 2030 (no review is
late, whatever day the tests run).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from gevinst.core.scoping import tenant_scope
from gevinst.portfolio.models import Initiative, StatusReport
from gevinst.portfolio.services.reports import do_create_report, do_delete_report
from gevinst.portfolio.views.reports import risk_suggestion
from gevinst.risks.services import (
    do_accept_risk,
    do_add_action,
    do_create_risk,
    do_set_appetite,
)
from tests.conftest import person

pytestmark = pytest.mark.django_db

FAR = dt.date(2030, 1, 1)  # a review date that has not passed


def _initiative(org, number):
    with tenant_scope(org):
        return Initiative.objects.select_related("organisation").get(organisation=org,
                                                                      number=number)


def _risk(org, initiative, p, i, **data):
    with tenant_scope(org):
        return do_create_risk(actor=person("pmo"), organisation=org, data={
            "title": f"Risiko {p}×{i}", "probability": p, "impact": i,
            "initiative": initiative, "next_review": FAR, **data})


def _create(client, org, initiative, period):
    return client.post(reverse("status_report_create", args=[org.slug, initiative.reference]),
                       {"period_start": period.isoformat()})


def _report(org, initiative, period):
    with tenant_scope(org):
        return StatusReport.objects.get(organisation=org, initiative=initiative,
                                        period_start=period)


def _edit_url(org, report):
    return reverse("status_report_edit", args=[org.slug, report.initiative.reference,
                                               report.pk])


def test_a_new_draft_gets_the_risk_status_the_register_suggests(org, client_as):
    initiative = _initiative(org, 2)
    risk = _risk(org, initiative, 5, 4)  # 20: above the default appetite, not accepted
    client = client_as("contributor")
    response = _create(client, org, initiative, dt.date(2026, 6, 1))
    assert response.status_code == 302
    report = _report(org, initiative, dt.date(2026, 6, 1))
    assert report.risk == "red"
    page = client.get(response["Location"], follow=True).content.decode()
    assert "The risk status is suggested by the risk register: Red." in page
    page = client.get(_edit_url(org, report)).content.decode()
    assert "Risk status suggested by the risk register" in page
    assert (f"Above the risk appetite without a decision to accept: {risk.reference}."
            in page)
    assert '<option value="red" selected>' in page
    assert "Suggested by the risk register: Red." in page  # the risk field's description


def test_the_suggestion_replaces_last_periods_risk_status_but_nothing_else(org, client_as):
    """INI-0001's draft for October is started again: September (published) said green
    everywhere; RSK-0001 scores 9 after action, so the register suggests amber."""
    initiative = _initiative(org, 1)
    with tenant_scope(org):
        do_delete_report(actor=person("contributor"),
                         report=_report(org, initiative, dt.date(2026, 10, 1)))
    _create(client_as("contributor"), org, initiative, dt.date(2026, 10, 1))
    report = _report(org, initiative, dt.date(2026, 10, 1))
    assert report.risk == "amber"
    assert (report.overall, report.schedule, report.cost, report.benefits) == (
        "green", "green", "green", "green")


def test_an_initiative_without_open_risks_gets_no_suggested_status(org, client_as):
    initiative = _initiative(org, 2)
    _risk(org, initiative, 5, 5, kind="opportunity", strategy="exploit")  # ignored
    client = client_as("contributor")
    _create(client, org, initiative, dt.date(2026, 6, 1))
    report = _report(org, initiative, dt.date(2026, 6, 1))
    assert report.risk == ""
    page = client.get(_edit_url(org, report)).content.decode()
    assert "The risk register holds no open risk of this initiative." in page
    assert '<option value="" selected>' in page


def test_the_edit_page_never_overrides_a_status_someone_chose(org, client_as):
    initiative = _initiative(org, 2)
    _risk(org, initiative, 5, 4)
    with tenant_scope(org):
        report = do_create_report(actor=person("contributor"), initiative=initiative,
                                  period_start=dt.date(2026, 5, 1), data={"risk": "green"})
    client = client_as("contributor")
    page = client.get(_edit_url(org, report)).content.decode()
    assert '<option value="green" selected>' in page
    assert '<option value="red" selected>' not in page
    assert "The draft says otherwise." in page
    response = client.post(_edit_url(org, report), {
        "version": report.version, "risk": "green", "summary": "Alt er bra",
        "action": "save"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.risk, report.summary) == ("green", "Alt er bra")


def test_a_draft_without_a_risk_status_is_offered_the_suggestion_but_not_saved_with_it(
        org, client_as):
    """A draft made without a risk status (e.g. through the API): the form proposes the
    register's suggestion; only saving the form stores it."""
    initiative = _initiative(org, 2)
    _risk(org, initiative, 3, 3)  # 9: amber
    with tenant_scope(org):
        report = do_create_report(actor=person("contributor"), initiative=initiative,
                                  period_start=dt.date(2026, 5, 1))
    assert report.risk == ""
    page = client_as("contributor").get(_edit_url(org, report)).content.decode()
    assert '<option value="amber" selected>' in page
    report.refresh_from_db()
    assert report.risk == ""


def test_an_accepted_risk_no_longer_needs_a_decision(org):
    """With an appetite of 8 for delivery risks, a risk scoring 9 is above it: red until it
    is accepted, then amber (9 is still a risk to watch)."""
    initiative = _initiative(org, 2)
    with tenant_scope(org):
        do_set_appetite(actor=person("admin"), organisation=org,
                        thresholds={"delivery": 8})
    risk = _risk(org, initiative, 3, 3, category="delivery")
    with tenant_scope(org):
        assert risk_suggestion(initiative)["rag"] == "red"
        risk.refresh_from_db()
        do_accept_risk(actor=person("pmo"), risk=risk, decision="Vi tar risikoen.")
        suggestion = risk_suggestion(initiative)
    assert suggestion["rag"] == "amber"
    assert risk.reference in suggestion["reason"]


def test_the_suggestion_costs_one_query_however_many_risks_and_actions(
        org, django_assert_num_queries):
    initiative = _initiative(org, 2)
    for n in range(5):
        risk = _risk(org, initiative, 2, 2 + n % 3)
        with tenant_scope(org):
            for m in range(3):
                do_add_action(actor=person("pmo"), risk=risk, description=f"Tiltak {m}",
                              due_date=dt.date(2020, 1, 1 + m))
    with tenant_scope(org), django_assert_num_queries(1):
        suggestion = risk_suggestion(initiative)
    assert suggestion["rag"] == "amber"
    assert "Overdue action" in suggestion["reason"]
    assert suggestion["count"] == 5
