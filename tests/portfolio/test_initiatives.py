"""Initiatives on the web: list, create, edit, validation, concurrency, history, export."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from python_calamine import CalamineWorkbook

from gevinst.core.models import Unit
from gevinst.core.scoping import tenant_scope, unscoped
from gevinst.portfolio.models import Initiative, Phase
from gevinst.portfolio.services.initiatives import do_create_initiative
from tests.conftest import person

LIST = "/o/fjordby/initiatives/"


def _form(org, **overrides):
    with tenant_scope(org):
        unit = Unit.objects.get(organisation=org, name="Helse og velferd")
        phase = Phase.objects.get(organisation=org, key="planning")
    data = {"title": "Digital søknad om parkeringstillatelse", "problem": "Papirskjema.",
            "target_state": "Søknad på nett.", "ambition": "improve", "owning_unit": unit.pk,
            "owner": person("contributor").pk, "manager": person("contributor").pk,
            "phase": phase.pk, "status": "active", "start_date": "2026-02-01",
            "end_date": "2026-10-31"}
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _count(org):
    with tenant_scope(org):
        return Initiative.objects.count()


def _errors(response):
    return re.findall(r'id="id_(\w+)_error">([^<]*)<', response.content.decode())


def test_contributor_creates_initiative_with_next_reference(client_as, org):
    client = client_as("contributor")
    response = client.post(f"{LIST}new/", _form(org))
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}INI-0003/"
    with tenant_scope(org):
        created = Initiative.objects.get(reference="INI-0003")
    assert created.title == "Digital søknad om parkeringstillatelse"
    assert created.phase.key == "planning"
    assert created.history.first().history_user == person("contributor")


@pytest.mark.parametrize("overrides, field", [
    ({"title": ""}, "title"),
    ({"end_date": "2026-01-01"}, "end_date"),
])
def test_invalid_initiative_is_refused_on_the_field_and_nothing_saved(client_as, org,
                                                                       overrides, field):
    before = _count(org)
    response = client_as("contributor").post(f"{LIST}new/", _form(org, **overrides))
    assert response.status_code == 200
    assert field in dict(_errors(response))
    assert 'aria-invalid="true"' in response.content.decode()
    assert _count(org) == before


def test_unit_of_another_organisation_is_refused(client_as, org, other_org):
    with unscoped():
        foreign = Unit.objects.filter(organisation=other_org).first()
    before = _count(org)
    response = client_as("contributor").post(f"{LIST}new/", _form(org, owning_unit=foreign.pk))
    assert "owning_unit" in dict(_errors(response))
    assert _count(org) == before


def test_typed_values_are_kept_when_refused(client_as, org):
    response = client_as("contributor").post(
        f"{LIST}new/", _form(org, title="", problem="Lang tekst som ikke må gå tapt"))
    assert "Lang tekst som ikke må gå tapt" in response.content.decode()


def test_second_concurrent_edit_is_refused_not_overwritten(client, org):
    with tenant_scope(org):
        initiative = Initiative.objects.get(reference="INI-0001")
    version = initiative.version
    edit = f"{LIST}INI-0001/edit/"
    first, second = person("contributor"), person("pmo")
    client.force_login(first)
    assert client.post(edit, _form(org, title="Første lagring", version=version)).status_code \
        == 302
    client.force_login(second)
    response = client.post(edit, _form(org, title="Andre lagring", version=version))
    assert response.status_code == 200
    assert "Somebody else saved this record" in response.content.decode()
    assert "Andre lagring" in response.content.decode()  # the second person's input is kept
    with tenant_scope(org):
        assert Initiative.objects.get(reference="INI-0001").title == "Første lagring"
    # Saving again is now a deliberate choice, and works.
    again = re.search(r'name="version" value="(\d+)"', response.content.decode()).group(1)
    assert client.post(edit, _form(org, title="Andre lagring", version=again)).status_code \
        == 302


def test_edit_without_version_is_refused(client_as, org):
    response = client_as("contributor").post(f"{LIST}INI-0001/edit/", _form(org))
    assert response.status_code == 200
    with tenant_scope(org):
        assert Initiative.objects.get(reference="INI-0001").title != _form(org)["title"]


def test_history_tab_shows_who_changed_what(client_as, org):
    client = client_as("contributor")
    with tenant_scope(org):
        version = Initiative.objects.get(reference="INI-0001").version
    client.post(f"{LIST}INI-0001/edit/", _form(org, title="Nytt navn", version=version))
    page = client.get(f"{LIST}INI-0001/history/").content.decode()
    assert "Nytt navn" in page
    assert "Fjordby kommune initiativ 1" in page  # the old value
    assert "Contributor Fjordby" in page


@pytest.mark.parametrize("role, status", [
    ("viewer", 200), ("employee", 403), ("contributor", 200), ("admin", 200)])
def test_who_sees_the_initiative_list(client_as, role, status):
    assert client_as(role).get(LIST).status_code == status


@pytest.mark.parametrize("url", [f"{LIST}new/", f"{LIST}INI-0001/edit/"])
def test_viewer_cannot_write(client_as, org, url):
    client = client_as("viewer")
    assert client.get(url).status_code == 403
    assert client.post(url, _form(org, version=1)).status_code == 403


def test_list_filters_search_and_sorts(client_as, scoped):
    org = scoped
    phase = Phase.objects.get(organisation=org, key="idea")
    do_create_initiative(actor=None, organisation=org, title="Chatbot for innbyggere",
                         phase=phase, status="on_hold")
    client = client_as("viewer")
    page = client.get(LIST, {"q": "chatbot"}).content.decode()
    assert "Chatbot for innbyggere" in page and "initiativ 1" not in page
    page = client.get(LIST, {"phase": "idea"}).content.decode()
    assert "Chatbot for innbyggere" in page and "initiativ 2" not in page
    page = client.get(LIST, {"status": "active"}).content.decode()
    assert "Chatbot" not in page
    page = client.get(LIST, {"sort": "title"}).content.decode()
    assert page.index("Chatbot for innbyggere") < page.index("Fjordby kommune initiativ 1")
    page = client.get(LIST, {"sort": "-title"}).content.decode()
    assert page.index("Chatbot for innbyggere") > page.index("Fjordby kommune initiativ 1")


def test_list_pages_through_many_initiatives(client_as, scoped):
    for i in range(60):
        do_create_initiative(actor=None, organisation=scoped, title=f"Bulk {i:03d}")
    client = client_as("viewer")
    first = client.get(LIST, {"sort": "title"}).content.decode()
    second = client.get(LIST, {"sort": "title", "page": 2}).content.decode()
    assert "Bulk 000" in first and "Bulk 000" not in second
    assert "Page 2 of 2" in second


def _grow(org, n):
    with tenant_scope(org):
        for i in range(n):
            do_create_initiative(actor=None, organisation=org, title=f"Vekst {i}",
                                 owning_unit=Unit.objects.filter(organisation=org).first(),
                                 owner=person("pmo"), manager=person("contributor"))


def test_list_costs_the_same_queries_with_few_and_many(client_as, org,
                                                       django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as("viewer")
    client.get(LIST)  # first visit stores the current organisation in the session
    with CaptureQueriesContext(connection) as few:
        assert client.get(LIST).status_code == 200
    _grow(org, 70)
    with CaptureQueriesContext(connection) as many:
        assert client.get(LIST).status_code == 200
    assert len(many) == len(few)
    with django_assert_max_num_queries(12):
        client.get(LIST, {"q": "Vekst", "sort": "unit"})


def test_export_is_a_real_xlsx_with_the_filtered_rows(client_as, org):
    response = client_as("viewer").get(f"{LIST}export.xlsx", {"q": "initiativ 2"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml")
    rows = CalamineWorkbook.from_filelike(io.BytesIO(response.content)) \
        .get_sheet_by_index(0).to_python()
    assert rows[0][:2] == ["Reference", "Title"]
    assert [r[1] for r in rows[1:]] == ["Fjordby kommune initiativ 2"]
    assert rows[1][9] in (dt.date(2026, 1, 1), dt.datetime(2026, 1, 1))


def test_detail_shows_the_initiative(client_as):
    page = client_as("viewer").get(f"{LIST}ini-0001/")
    assert page.status_code == 200
    assert "Fjordby kommune initiativ 1" in page.content.decode()


def test_search_finds_words_in_any_case_in_problem_and_reference(client_as, scoped):
    created = do_create_initiative(actor=None, organisation=scoped, title="Ny løsning",
                                   problem="Søknader om BARNEHAGEPLASS kommer på papir.")
    client = client_as("viewer")
    for term in ("barnehageplass", "SØKNADER", created.reference.lower()):
        page = client.get(LIST, {"q": term}).content.decode()
        assert "Ny løsning" in page, term
        assert "Fjordby kommune initiativ 1" not in page, term


def test_search_text_follows_edits(client_as, scoped):
    initiative = Initiative.objects.get(organisation=scoped, reference="INI-0002")
    from gevinst.portfolio.services.initiatives import do_update_initiative

    do_update_initiative(actor=person("pmo"), initiative=initiative,
                         data={"title": "Elektronisk faktura"}, expected_version=1)
    client = client_as("viewer")
    assert "Elektronisk faktura" in client.get(LIST, {"q": "faktura"}).content.decode()
    assert "Elektronisk" not in client.get(LIST, {"q": "initiativ 2"}).content.decode()


def test_list_escapes_what_people_typed(client_as, scoped):
    from gevinst.core.services import do_create_unit

    unit = do_create_unit(actor=None, organisation=scoped, name='Enhet "<b>fet</b>"')
    do_create_initiative(actor=None, organisation=scoped, owning_unit=unit,
                         title="<script>alert('x')</script> & co")
    page = client_as("viewer").get(LIST).content.decode()
    assert "<script>alert" not in page and "<b>fet</b>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; co" in page
    assert "Enhet &quot;&lt;b&gt;fet&lt;/b&gt;&quot;" in page


def test_list_indexes_exist_on_postgres_and_only_there(db):
    """Migration 0007 adds the covering list index, the roadmap's index and the trigram
    index for search on PostgreSQL; on SQLite it changes nothing."""
    from django.db import connection

    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND "
                           "tbl_name = 'portfolio_initiative'")
            names = {row[0] for row in cursor.fetchall()}
        assert not {"initiative_list_cover", "initiative_roadmap",
                    "initiative_search_trgm"} & names
        assert "initiative_dashboard" in names  # the model's own indexes are there
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = "
                       "'portfolio_initiative'")
        names = {row[0] for row in cursor.fetchall()}
    assert {"initiative_list_cover", "initiative_roadmap", "initiative_search_trgm"} <= names
