"""Programmes: list, create and edit by the portfolio office, and the roll-up page."""

from __future__ import annotations

import re

import pytest

from gevinst.core.scoping import tenant_scope, unscoped
from gevinst.portfolio.models import Initiative, Phase, Programme
from gevinst.portfolio.services.initiatives import do_create_initiative
from gevinst.portfolio.services.money import do_add_money_year
from gevinst.portfolio.services.programmes import do_create_programme
from tests.conftest import person

LIST = "/o/fjordby/programmes/"
PRG = "/o/fjordby/programmes/PRG-0001/"


def _errors(response):
    return dict(re.findall(r'id="id_(\w+)_error">([^<]*)<', response.content.decode()))


def _programme(org, reference="PRG-0001") -> Programme:
    with tenant_scope(org):
        return Programme.objects.get(organisation=org, reference=reference)


@pytest.mark.parametrize("role, status", [("viewer", 200), ("contributor", 200),
                                          ("employee", 403)])
def test_programme_pages_are_for_portfolio_readers(client_as, org, role, status):
    client = client_as(role)
    assert client.get(LIST).status_code == status
    assert client.get(PRG).status_code == status
    assert client.get(f"{PRG}history/").status_code == status


@pytest.mark.parametrize("role, status", [("contributor", 403), ("pmo", 200), ("admin", 200)])
def test_only_the_portfolio_office_creates_and_edits_programmes(client_as, org, role, status):
    client = client_as(role)
    assert client.get(f"{LIST}new/").status_code == status
    assert client.get(f"{PRG}edit/").status_code == status


def test_other_organisations_people_get_404(client_as, org):
    client = client_as("admin", "asdal")
    assert client.get(LIST).status_code == 404
    assert client.get(PRG).status_code == 404


def test_pmo_creates_programme_with_next_reference(client_as, org):
    response = client_as("pmo").post(f"{LIST}new/", {
        "name": "Smart by", "description": "Sensorer og data.", "owner": person("pmo").pk,
        "is_active": "on"})
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}PRG-0002/"
    created = _programme(org, "PRG-0002")
    assert created.name == "Smart by"
    assert created.history.first().history_user == person("pmo")


def test_programme_name_must_be_unique_in_the_organisation(client_as, org):
    response = client_as("pmo").post(f"{LIST}new/", {"name": "digital velferd"})
    assert response.status_code == 200
    assert "name" in _errors(response)
    with tenant_scope(org):
        assert Programme.objects.filter(organisation=org).count() == 1


def test_same_programme_name_is_allowed_in_another_organisation(scoped):
    # Åsdal has a programme "Smart bygd"; Fjordby may have one too.
    do_create_programme(actor=None, organisation=scoped, name="Smart bygd")
    assert Programme.objects.filter(organisation=scoped).count() == 2


def test_programme_end_before_start_is_refused(client_as, org):
    response = client_as("pmo").post(f"{LIST}new/", {
        "name": "Ny", "start_date": "2026-05-01", "end_date": "2026-01-01"})
    assert "end_date" in _errors(response)


def test_concurrent_programme_edit_is_refused_and_keeps_typed_text(client_as, org):
    programme = _programme(org)
    client = client_as("pmo")
    stale = programme.version
    assert client.post(f"{PRG}edit/", {"name": "Først", "version": stale}).status_code == 302
    response = client.post(f"{PRG}edit/", {"name": "Mitt navn", "version": stale})
    assert response.status_code == 200
    assert "Somebody else saved" in response.content.decode()
    assert 'value="Mitt navn"' in response.content.decode()
    assert _programme(org).name == "Først"


def test_initiative_form_assigns_a_programme_of_the_organisation(client_as, org, other_org):
    with unscoped():
        foreign = Programme.objects.get(organisation=other_org, reference="PRG-0001")
    with tenant_scope(org):
        ini = Initiative.objects.get(organisation=org, reference="INI-0002")
    client = client_as("contributor")
    page = client.get(f"/o/fjordby/initiatives/{ini.reference}/edit/").content.decode()
    assert 'name="programme"' in page
    form = re.search(r'<form method="post" class="gv-form".*?</form>', page, re.S).group(0)
    data = {m[0]: m[1] for m in re.findall(r'name="(\w+)" value="([^"]*)"', form)}
    for name in ("title", "problem", "target_state"):
        data.setdefault(name, getattr(ini, name))
    data.update({"ambition": ini.ambition, "status": ini.status, "phase": ini.phase_id,
                 "owning_unit": ini.owning_unit_id or "", "version": ini.version,
                 "start_date": "2026-01-01", "end_date": "2026-12-31"})
    data.pop("csrfmiddlewaretoken", None)
    refused = client.post(f"/o/fjordby/initiatives/{ini.reference}/edit/",
                          {**data, "programme": foreign.pk})
    assert "programme" in _errors(refused)
    own = _programme(org)
    saved = client.post(f"/o/fjordby/initiatives/{ini.reference}/edit/",
                        {**data, "programme": own.pk})
    assert saved.status_code == 302
    with tenant_scope(org):
        assert Initiative.objects.get(pk=ini.pk).programme_id == own.pk


def test_initiative_page_shows_its_programme(client_as, org):
    page = client_as("viewer").get("/o/fjordby/initiatives/INI-0001/").content.decode()
    assert f'href="{PRG}"' in page
    assert "Digital velferd" in page


def test_programme_page_rolls_up_phases_rag_and_money(client_as, org):
    page = client_as("viewer").get(PRG).content.decode()
    assert "INI-0001" in page and "INI-0002" not in page
    # by phase: the one initiative is in execution
    execution = re.search(r'<th scope="row">Execution</th><td class="gv-num">(\d+)</td>', page)
    assert execution.group(1) == "1"
    assert re.search(r'<th scope="row">Green</th><td class="gv-num">1</td>', page)
    # money: 2026 budget total cost = 1 000 000 + 400 h × 750 + 200 000 = 1 500 000
    assert "1\u00a0500\u00a0000" in page
    assert "Benefits and risks" in page


def test_programme_page_costs_a_fixed_number_of_queries(client_as, org,
                                                        django_assert_max_num_queries):
    programme = _programme(org)
    client = client_as("viewer")
    client.get(PRG)
    with tenant_scope(org):
        execution = Phase.objects.get(organisation=org, key="execution")
        for i in range(15):
            ini = do_create_initiative(actor=person("pmo"), organisation=org,
                                       title=f"Del {i}", phase=execution, programme=programme)
            do_add_money_year(actor=None, initiative=ini, year=2025 + i % 3, kind="budget",
                              investment=1000)
    with django_assert_max_num_queries(14):
        assert client.get(PRG).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(LIST).status_code == 200


def test_main_menu_leads_to_programmes_money_and_lessons(client_as, org):
    page = client_as("viewer").get("/o/fjordby/initiatives/").content.decode()
    nav = re.search(r'<nav class="gv-nav".*?</nav>', page, re.S).group(0)
    for path in (LIST, "/o/fjordby/money/", "/o/fjordby/lessons/"):
        assert f'href="{path}"' in nav
