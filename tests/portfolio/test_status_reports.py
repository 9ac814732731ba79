"""Status reports: periods, drafts pre-filled, publishing, the status tab, the trend and the
portfolio page of who has not reported.

The standing world: each organisation's INI-0001 published September 2026 (all green) and
has a draft for October 2026; INI-0002 has no reports.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from gevinst.core.scoping import tenant_scope
from gevinst.portfolio import periods
from gevinst.portfolio.models import Initiative, Phase, StatusReport
from gevinst.portfolio.services.initiatives import do_create_initiative
from gevinst.portfolio.services.reports import (
    RAG_FIELDS,
    do_create_report,
    do_publish_report,
    do_update_report,
)
from tests.conftest import person

BASE = "/o/fjordby/initiatives/INI-0001/status/"
SEPTEMBER = dt.date(2026, 9, 1)
OCTOBER = dt.date(2026, 10, 1)
ALL_GREEN = {f: "green" for f in RAG_FIELDS}


def initiative(org, reference="INI-0001") -> Initiative:
    with tenant_scope(org):
        return Initiative.objects.select_related("organisation").get(organisation=org,
                                                                      reference=reference)


def report_for(org, period, reference="INI-0001") -> StatusReport | None:
    with tenant_scope(org):
        return StatusReport.objects.filter(initiative__reference=reference,
                                           period_start=period).first()


def publish(org, reference, period, **fields) -> StatusReport:
    """A published report for ``period`` through the services, as the contributor."""
    actor = person("contributor", org.slug)
    with tenant_scope(org):
        report = do_create_report(actor=actor, initiative=initiative(org, reference),
                                  period_start=period, data={**ALL_GREEN, **fields})
        return do_publish_report(actor=actor, report=report, expected_version=report.version)


# --- periods ------------------------------------------------------------------------------


@pytest.mark.parametrize("day, cadence, start, due", [
    (dt.date(2026, 3, 17), "monthly", dt.date(2026, 3, 1), dt.date(2026, 4, 5)),
    (dt.date(2026, 12, 31), "monthly", dt.date(2026, 12, 1), dt.date(2027, 1, 5)),
    (dt.date(2026, 5, 2), "quarterly", dt.date(2026, 4, 1), dt.date(2026, 7, 5)),
    (dt.date(2026, 11, 30), "quarterly", dt.date(2026, 10, 1), dt.date(2027, 1, 5)),
])
def test_period_is_the_month_or_quarter_and_due_after_it_ends(day, cadence, start, due):
    assert periods.period_start(day, cadence) == start
    assert periods.due_date(start, cadence, 5) == due


def test_last_finished_period_steps_back_over_the_year_end():
    assert periods.last_finished_period(dt.date(2027, 1, 3), "monthly") == dt.date(2026, 12, 1)
    assert periods.last_finished_period(dt.date(2027, 2, 3), "quarterly") == dt.date(2026, 10, 1)


def test_quarter_is_named_by_its_number():
    assert periods.period_label(dt.date(2026, 7, 1), "quarterly") == "Q3 2026"


# --- drafts and publishing (services) -----------------------------------------------------


def test_new_draft_is_prefilled_from_the_latest_published_report(org):
    with tenant_scope(org):
        draft = do_create_report(actor=person("contributor"), initiative=initiative(org),
                                 period_start=dt.date(2026, 10, 15) + dt.timedelta(days=31))
    assert draft.period_start == dt.date(2026, 11, 1)
    assert draft.state == StatusReport.State.DRAFT
    assert draft.summary == "Leveransen går etter planen."
    assert draft.overall == "green" and draft.resources == "green"
    assert draft.budget == Decimal("1200000")
    assert draft.author == person("contributor")
    assert draft.published_at is None


def test_first_report_starts_empty(org):
    with tenant_scope(org):
        draft = do_create_report(actor=person("contributor"),
                                 initiative=initiative(org, "INI-0002"), period_start=SEPTEMBER)
    assert draft.summary == "" and draft.overall == "" and draft.budget is None


def test_second_report_for_a_period_is_refused(org):
    with tenant_scope(org), pytest.raises(ValidationError) as exc:
        do_create_report(actor=person("contributor"), initiative=initiative(org),
                         period_start=dt.date(2026, 9, 20))
    assert "period_start" in exc.value.message_dict


def test_report_on_a_period_not_started_is_refused(org):
    future = periods.next_period(periods.period_start(timezone.localdate(), "monthly"),
                                 "monthly")
    with tenant_scope(org), pytest.raises(ValidationError) as exc:
        do_create_report(actor=person("contributor"), initiative=initiative(org),
                         period_start=future)
    assert "period_start" in exc.value.message_dict


def test_publishing_requires_overall_and_all_six_dimensions(org):
    draft = report_for(org, OCTOBER)
    with tenant_scope(org), pytest.raises(ValidationError) as exc:
        do_publish_report(actor=person("contributor"), report=draft,
                          expected_version=draft.version,
                          data={**ALL_GREEN, "risk": "", "overall": ""})
    assert set(exc.value.message_dict) == {"risk", "overall"}
    assert report_for(org, OCTOBER).state == StatusReport.State.DRAFT


def test_publishing_records_who_and_when_and_sets_the_initiative_status(org):
    draft = report_for(org, OCTOBER)
    with tenant_scope(org):
        do_publish_report(actor=person("pmo"), report=draft, expected_version=draft.version,
                          data={**ALL_GREEN, "overall": "amber", "cost": "red"})
    published = report_for(org, OCTOBER)
    assert published.state == StatusReport.State.PUBLISHED
    assert published.published_by == person("pmo")
    assert published.published_at is not None
    assert published.history.first().history_user == person("pmo")
    ini = initiative(org)
    assert (ini.rag, ini.rag_period) == ("amber", OCTOBER)


def test_publishing_an_older_period_leaves_the_latest_status(org):
    publish(org, "INI-0001", dt.date(2026, 8, 1), overall="red")
    ini = initiative(org)
    assert (ini.rag, ini.rag_period) == ("green", SEPTEMBER)


def test_publishing_does_not_bump_the_initiative_version(org):
    before = initiative(org).version
    draft = report_for(org, OCTOBER)
    with tenant_scope(org):
        do_publish_report(actor=person("contributor"), report=draft,
                          expected_version=draft.version, data=ALL_GREEN)
    assert initiative(org).version == before


def test_concurrent_edit_of_a_draft_is_refused(org):
    from gevinst.core.versioning import EditConflict

    draft = report_for(org, OCTOBER)
    stale = draft.version
    with tenant_scope(org):
        do_update_report(actor=person("pmo"), report=draft, data={"summary": "Først"},
                         expected_version=stale)
        with pytest.raises(EditConflict):
            do_update_report(actor=person("contributor"), report=report_for(org, OCTOBER),
                             data={"summary": "Sist"}, expected_version=stale)
    assert report_for(org, OCTOBER).summary == "Først"


def test_negative_amount_is_refused_on_its_field(org):
    draft = report_for(org, OCTOBER)
    with tenant_scope(org), pytest.raises(ValidationError) as exc:
        do_update_report(actor=person("contributor"), report=draft,
                         data={"actual": Decimal("-1")}, expected_version=draft.version)
    assert set(exc.value.message_dict) == {"actual"}


# --- web: roles ---------------------------------------------------------------------------


@pytest.mark.parametrize("role, status", [("viewer", 200), ("contributor", 200),
                                          ("employee", 403)])
def test_status_tab_is_for_portfolio_readers(client_as, role, status):
    assert client_as(role).get(BASE).status_code == status


@pytest.mark.parametrize("role, status", [("viewer", 200), ("employee", 403)])
def test_status_reports_page_is_for_portfolio_readers(client_as, role, status):
    assert client_as(role).get("/o/fjordby/status-reports/").status_code == status


def test_viewer_reads_a_report_but_cannot_write(client_as, org):
    client = client_as("viewer")
    draft = report_for(org, OCTOBER)
    assert client.get(f"{BASE}{draft.pk}/").status_code == 200
    assert client.get(f"{BASE}{draft.pk}/edit/").status_code == 403
    assert client.post(f"{BASE}{draft.pk}/delete/").status_code == 403
    assert client.post(f"{BASE}new/", {"period_start": "2026-08-01"}).status_code == 403
    assert report_for(org, OCTOBER) is not None
    assert report_for(org, dt.date(2026, 8, 1)) is None


def test_other_organisation_gets_404_for_a_report(client_as, org):
    draft = report_for(org, OCTOBER)
    client = client_as("admin", "asdal")
    assert client.get(f"{BASE}{draft.pk}/").status_code == 404
    assert client.get("/o/asdal/initiatives/INI-0001/status/"
                      f"{draft.pk}/").status_code == 404


def test_report_of_another_initiative_is_404(client_as, org):
    draft = report_for(org, OCTOBER)
    assert client_as("viewer").get(
        f"/o/fjordby/initiatives/INI-0002/status/{draft.pk}/").status_code == 404


# --- web: writing -------------------------------------------------------------------------


def test_contributor_starts_a_draft_and_is_sent_to_edit_it(client_as, org):
    response = client_as("contributor").post(f"{BASE}new/", {"period_start": "2026-08-01"})
    created = report_for(org, dt.date(2026, 8, 1))
    assert created is not None and created.state == "draft"
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}{created.pk}/edit/"


def _form(report, **overrides):
    data = {"version": report.version, "summary": "Tester i oktober.", "budget": "1200000",
            "actual": "500000", "forecast": "1250000", "action": "save"}
    for field in RAG_FIELDS:
        data[field] = "green"
        if field != "overall":
            data[f"{field}_comment"] = ""
    data.update(overrides)
    return data


def test_contributor_saves_a_draft_without_publishing(client_as, org):
    draft = report_for(org, OCTOBER)
    response = client_as("contributor").post(f"{BASE}{draft.pk}/edit/",
                                             _form(draft, overall=""))
    assert response.status_code == 302
    saved = report_for(org, OCTOBER)
    assert saved.state == "draft" and saved.summary == "Tester i oktober."
    assert saved.actual == Decimal("500000")


def test_contributor_publishes_from_the_form(client_as, org):
    draft = report_for(org, OCTOBER)
    response = client_as("contributor").post(f"{BASE}{draft.pk}/edit/",
                                             _form(draft, action="publish", overall="amber"))
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}{draft.pk}/"
    assert report_for(org, OCTOBER).state == "published"
    assert initiative(org).rag == "amber"


def test_publishing_with_a_status_missing_shows_it_on_the_field(client_as, org):
    draft = report_for(org, OCTOBER)
    response = client_as("contributor").post(f"{BASE}{draft.pk}/edit/",
                                             _form(draft, action="publish", benefits=""))
    assert response.status_code == 200
    assert re.search(r'id="id_benefits_error"', response.content.decode())
    assert report_for(org, OCTOBER).state == "draft"


def test_stale_form_is_refused_and_keeps_what_was_typed(client_as, org):
    draft = report_for(org, OCTOBER)
    with tenant_scope(org):
        do_update_report(actor=person("pmo"), report=draft, data={"summary": "PMO skrev"},
                         expected_version=draft.version)
    stale = _form(draft, summary="Mitt utkast")
    stale["version"] = draft.version - 1
    response = client_as("contributor").post(f"{BASE}{draft.pk}/edit/", stale)
    assert response.status_code == 200
    assert "Saved meanwhile by someone else" in response.content.decode()
    assert "Mitt utkast" in response.content.decode()
    assert report_for(org, OCTOBER).summary == "PMO skrev"


def test_contributor_deletes_a_draft(client_as, org):
    draft = report_for(org, OCTOBER)
    response = client_as("contributor").post(f"{BASE}{draft.pk}/delete/")
    assert response.status_code == 302
    assert report_for(org, OCTOBER) is None


# --- web: reading -------------------------------------------------------------------------


def test_status_tab_shows_latest_published_report_in_full(client_as, org):
    publish(org, "INI-0001", dt.date(2026, 8, 1), summary="August var tregt.")
    html = client_as("viewer").get(BASE).content.decode()
    latest = html.split('id="latest-heading"')[1].split("</section>")[0]
    assert "September 2026" in latest
    assert "Leveransen går etter planen." in latest
    assert "August var tregt." not in latest


def test_trend_is_drawn_from_published_reports_only(client_as, org):
    draft = report_for(org, OCTOBER)
    with tenant_scope(org):
        do_update_report(actor=person("contributor"), report=draft,
                         data={"overall": "red"}, expected_version=draft.version)
    publish(org, "INI-0001", dt.date(2026, 8, 1), overall="amber")
    html = client_as("viewer").get(BASE).content.decode()
    trend = html.split('id="status-trend"')[1].split("</table>")[0]
    assert "September 2026" in trend and "August 2026" in trend
    assert "October 2026" not in trend
    assert "Red" not in trend
    assert trend.index("September 2026") < trend.index("August 2026")  # newest first
    assert "1\u00a0200\u00a0000\u00a0NOK" in trend


def test_trend_keeps_the_last_twelve_periods(client_as, org):
    for month in range(1, 9):
        publish(org, "INI-0002", dt.date(2026, month, 1))
    for month in range(7, 13):
        publish(org, "INI-0002", dt.date(2025, month, 1))
    html = client_as("viewer").get("/o/fjordby/initiatives/INI-0002/status/").content.decode()
    trend = html.split('id="status-trend"')[1].split("</table>")[0]
    assert trend.count("<tr>") == 1 + 12  # header + twelve periods
    assert "August 2026" in trend and "September 2025" in trend
    assert "August 2025" not in trend


def test_drafts_are_listed_with_a_link(client_as, org):
    draft = report_for(org, OCTOBER)
    html = client_as("viewer").get(BASE).content.decode()
    drafts = html.split('id="drafts-heading"')[1].split("</section>")[0]
    assert f"{BASE}{draft.pk}/" in drafts and "October 2026" in drafts


def test_initiative_overview_shows_latest_overall_status(client_as, org):
    html = client_as("viewer").get("/o/fjordby/initiatives/INI-0001/").content.decode()
    block = html.split('id="latest-status-heading"')[1].split("</section>")[0]
    assert "Green" in block and "September 2026" in block
    other = client_as("viewer").get("/o/fjordby/initiatives/INI-0002/").content.decode()
    assert "No status report published yet." in other


# --- portfolio page -----------------------------------------------------------------------


def _not_reported(html: str) -> str:
    return html.split('id="not-reported"')[1].split("</table>")[0]


def test_page_lists_who_has_not_reported_with_their_manager(client_as, org):
    html = client_as("viewer").get("/o/fjordby/status-reports/?period=2026-09").content.decode()
    missing = _not_reported(html)
    assert "INI-0002" in missing and "INI-0001" not in missing
    assert str(person("contributor")) in missing


def test_a_draft_does_not_count_as_reported(client_as, org):
    html = client_as("viewer").get("/o/fjordby/status-reports/?period=2026-10").content.decode()
    missing = _not_reported(html)
    assert "INI-0001" in missing and "Draft started" in missing


def test_initiatives_in_idea_or_closed_phase_or_not_active_are_not_expected(client_as, org):
    with tenant_scope(org):
        for key, status, title in (("idea", "active", "Ide-initiativ"),
                                   ("closed", "active", "Avsluttet initiativ"),
                                   ("execution", "on_hold", "Satt på vent")):
            do_create_initiative(actor=person("pmo"), organisation=org, title=title,
                                 phase=Phase.objects.get(organisation=org, key=key),
                                 status=status)
    html = client_as("viewer").get("/o/fjordby/status-reports/?period=2026-09").content.decode()
    missing = _not_reported(html)
    assert "Ide-initiativ" not in missing and "Avsluttet initiativ" not in missing
    assert "Satt på vent" not in missing


def test_page_counts_published_reports_by_status(client_as, org):
    publish(org, "INI-0002", SEPTEMBER, overall="red")
    response = client_as("viewer").get("/o/fjordby/status-reports/?period=2026-09")
    summary = response.context["summary"]
    assert summary.expected == 2 and summary.reported == 2 and summary.missing == 0
    assert summary.by_rag == {"green": 1, "amber": 0, "red": 1}
    assert "Every initiative that should report has published its report." in \
        response.content.decode()


def test_page_cost_does_not_grow_with_the_portfolio(client_as, org,
                                                    django_assert_max_num_queries):
    client = client_as("viewer")
    client.get("/o/fjordby/status-reports/?period=2026-09")  # warm the session
    with tenant_scope(org):
        execution = Phase.objects.get(organisation=org, key="execution")
        for i in range(15):
            made = do_create_initiative(actor=person("pmo"), organisation=org,
                                        title=f"Mange {i}", phase=execution,
                                        manager=person("contributor"))
            if i % 3 == 0:
                publish(org, made.reference, SEPTEMBER, overall="amber")
    with django_assert_max_num_queries(12):
        response = client.get("/o/fjordby/status-reports/?period=2026-09")
    assert response.status_code == 200
    assert response.context["summary"].expected == 17


def test_status_tab_cost_does_not_grow_with_the_trend(client_as, org,
                                                      django_assert_max_num_queries):
    for month in range(1, 9):
        publish(org, "INI-0002", dt.date(2026, month, 1))
    client = client_as("contributor")
    client.get("/o/fjordby/initiatives/INI-0002/status/")
    with django_assert_max_num_queries(14):
        assert client.get("/o/fjordby/initiatives/INI-0002/status/").status_code == 200


def test_bad_period_falls_back_to_the_current_one(client_as):
    response = client_as("viewer").get("/o/fjordby/status-reports/?period=nonsense")
    assert response.status_code == 200


def test_starting_a_draft_without_a_period_creates_nothing(client_as, org):
    response = client_as("contributor").post(f"{BASE}new/", {"period_start": "nonsense"})
    assert response.status_code == 302 and response["Location"] == BASE
    with tenant_scope(org):
        assert StatusReport.objects.filter(initiative__reference="INI-0001").count() == 2


def test_page_shows_the_period_just_finished_by_default(client_as):
    response = client_as("viewer").get("/o/fjordby/status-reports/")
    expected = periods.last_finished_period(timezone.localdate(), "monthly")
    assert response.context["period"] == expected
