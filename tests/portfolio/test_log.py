"""The initiative log and the portfolio-wide search of lessons learned."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from gevinst.core.models import Unit
from gevinst.core.scoping import tenant_scope
from gevinst.portfolio.models import Initiative, LogEntry, Phase
from gevinst.portfolio.services.initiatives import do_create_initiative
from gevinst.portfolio.services.logs import do_create_log_entry
from tests.conftest import person

TAB = "/o/fjordby/initiatives/INI-0001/log/"
LESSONS = "/o/fjordby/lessons/"


def _errors(response):
    return dict(re.findall(r'id="id_(\w+)_error">([^<]*)<', response.content.decode()))


def _entry(org, title) -> LogEntry:
    with tenant_scope(org):
        return LogEntry.objects.get(organisation=org, title=title)


def _issue(org, title="Treg integrasjon", kind="issue") -> LogEntry:
    with tenant_scope(org):
        ini = Initiative.objects.get(organisation=org, reference="INI-0001")
        return do_create_log_entry(actor=person("contributor"), initiative=ini, kind=kind,
                                   title=title, occurred_on=dt.date(2026, 3, 1))


@pytest.mark.parametrize("role, status", [("viewer", 200), ("employee", 403)])
def test_log_and_lessons_are_for_portfolio_readers(client_as, org, role, status):
    client = client_as(role)
    assert client.get(TAB).status_code == status
    assert client.get(LESSONS).status_code == status


@pytest.mark.parametrize("role, status", [("viewer", 403), ("contributor", 200)])
def test_contributors_write_the_log(client_as, org, role, status):
    entry = _entry(org, "Valgte skyløsning")
    client = client_as(role)
    assert client.get(f"{TAB}new/").status_code == status
    assert client.get(f"{TAB}{entry.pk}/").status_code == status


def test_other_organisations_people_get_404(client_as, org):
    client = client_as("admin", "asdal")
    assert client.get(TAB).status_code == 404
    assert client.get(LESSONS).status_code == 404


def test_contributor_logs_a_change_request(client_as, org):
    response = client_as("contributor").post(f"{TAB}new/", {
        "kind": "change_request", "title": "Utvide til barnehager", "occurred_on": "2026-04-02",
        "description": "Ønske fra oppvekst."})
    assert response.status_code == 302
    entry = _entry(org, "Utvide til barnehager")
    assert entry.status == "open" and entry.author == person("contributor")
    page = client_as("viewer").get(TAB).content.decode()
    assert "Utvide til barnehager" in page and "Change request" in page


@pytest.mark.parametrize("overrides, field", [({"title": "  "}, "title"),
                                              ({"occurred_on": ""}, "occurred_on"),
                                              ({"kind": "rumour"}, "kind")])
def test_invalid_entry_is_refused_on_the_field(client_as, org, overrides, field):
    response = client_as("contributor").post(f"{TAB}new/", {
        "kind": "issue", "title": "Noe", "occurred_on": "2026-04-02", **overrides})
    assert response.status_code == 200
    assert field in _errors(response)


def test_closing_an_issue_then_reopening_it(client_as, org):
    issue = _issue(org)
    client = client_as("contributor")
    client.post(f"{TAB}{issue.pk}/status/", {"status": "closed", "version": issue.version})
    closed = _entry(org, "Treg integrasjon")
    assert closed.status == "closed"
    client.post(f"{TAB}{issue.pk}/status/", {"status": "open", "version": closed.version})
    assert _entry(org, "Treg integrasjon").status == "open"


def test_a_decision_cannot_be_closed(client_as, org):
    decision = _entry(org, "Valgte skyløsning")
    response = client_as("contributor").post(
        f"{TAB}{decision.pk}/status/", {"status": "closed", "version": decision.version},
        follow=True)
    assert "Only issues and change requests can be closed" in response.content.decode()
    assert _entry(org, "Valgte skyløsning").status == "open"


def test_closing_with_a_stale_version_is_refused(client_as, org):
    issue = _issue(org)
    client = client_as("contributor")
    client.post(f"{TAB}{issue.pk}/", {"kind": "issue", "title": "Treg integrasjon",
                                      "occurred_on": "2026-03-01", "description": "Mer",
                                      "version": issue.version})
    response = client.post(f"{TAB}{issue.pk}/status/",
                           {"status": "closed", "version": issue.version}, follow=True)
    assert "Somebody else changed" in response.content.decode()
    assert _entry(org, "Treg integrasjon").status == "open"


def test_concurrent_edit_of_an_entry_is_refused(client_as, org):
    entry = _entry(org, "Valgte skyløsning")
    client = client_as("contributor")
    data = {"kind": "decision", "occurred_on": "2026-02-01", "version": entry.version}
    assert client.post(f"{TAB}{entry.pk}/", {**data, "title": "Valgte sky"}).status_code == 302
    response = client.post(f"{TAB}{entry.pk}/", {**data, "title": "Valgte eget rom"})
    assert "Somebody else saved" in response.content.decode()
    assert _entry(org, "Valgte sky").title == "Valgte sky"


def test_entry_of_another_initiative_is_404(client_as, org):
    entry = _entry(org, "Valgte skyløsning")
    assert client_as("contributor").get(
        f"/o/fjordby/initiatives/INI-0002/log/{entry.pk}/").status_code == 404


def test_lesson_search_finds_words_in_any_case_across_the_portfolio(client_as, org):
    client = client_as("viewer")
    found = client.get(LESSONS, {"q": "TILLITSVALGTE starten"}).content.decode()
    assert "Involver tillitsvalgte tidlig" in found
    assert "Valgte skyløsning" not in found  # a decision, not a lesson
    missing = client.get(LESSONS, {"q": "tillitsvalgte budsjett"}).content.decode()
    assert "Involver tillitsvalgte tidlig" not in missing
    every_kind = client.get(LESSONS, {"kind": "", "q": "sky"}).content.decode()
    assert "Valgte skyløsning" in every_kind


def test_lesson_search_filters_by_unit_and_phase(client_as, org):
    with tenant_scope(org):
        top = Unit.objects.get(organisation=org, parent=None)
        unit = Unit.objects.get(organisation=org, name="Helse og velferd")
    client = client_as("viewer")
    assert "Involver tillitsvalgte" in client.get(LESSONS, {"unit": unit.pk}).content.decode()
    assert "Involver tillitsvalgte" not in client.get(LESSONS, {"unit": top.pk}).content.decode()
    assert "Involver tillitsvalgte" in client.get(LESSONS,
                                                  {"phase": "execution"}).content.decode()
    assert "Involver tillitsvalgte" not in client.get(LESSONS,
                                                      {"phase": "idea"}).content.decode()


def test_lesson_search_is_paged_and_costs_a_fixed_number_of_queries(
        client_as, org, settings, django_assert_max_num_queries):
    settings.GEVINST_PAGE_SIZE = 5
    with tenant_scope(org):
        phase = Phase.objects.get(organisation=org, key="idea")
        for i in range(12):
            ini = do_create_initiative(actor=person("pmo"), organisation=org,
                                       title=f"Forsøk {i}", phase=phase)
            do_create_log_entry(actor=None, initiative=ini, kind="lesson",
                                title=f"Lærdom nummer {i}", occurred_on=dt.date(2026, 1, 1))
    client = client_as("viewer")
    client.get(LESSONS)
    with django_assert_max_num_queries(10):
        page = client.get(LESSONS, {"q": "lærdom"}).content.decode()
    assert "12 entries found" in page
    assert page.count("Lærdom nummer") == 5
    assert "Page 1 of 3" in page
    last = client.get(LESSONS, {"q": "lærdom", "page": 3}).content.decode()
    assert last.count("Lærdom nummer") == 2


def test_log_tab_costs_a_fixed_number_of_queries(client_as, org, django_assert_max_num_queries):
    client = client_as("contributor")
    client.get(TAB)
    for i in range(15):
        _issue(org, title=f"Sak {i}")
    with django_assert_max_num_queries(10):
        page = client.get(TAB).content.decode()
    assert page.count("Sak ") >= 15
