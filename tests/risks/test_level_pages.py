"""The risk pages of an initiative and of a programme: their registers (escalated risks
stay with their initiative and show at the level above too) and their heat maps."""

from __future__ import annotations

import re

from gevinst.core.scoping import tenant_scope
from gevinst.portfolio.models import Initiative, Programme
from gevinst.risks.models import Risk
from gevinst.risks.services import do_create_risk, do_escalate_risk
from tests.risks.helpers import bulk_risks

INI = "/o/fjordby/initiatives/INI-0001/risks/"
PRG = "/o/fjordby/programmes/PRG-0001/risks/"


def _section(page: str, heading_id: str) -> str:
    start = page.index(f'id="{heading_id}"')
    end = page.find("</section>", start)
    return page[start:end]


def test_initiative_page_lists_its_risks_under_its_tab(client_as, org):
    page = client_as("viewer").get(INI).content.decode()
    assert f'href="{INI}" aria-current="page">Risks<' in page
    assert 'href="/o/fjordby/risks/RSK-0001/">RSK-0001</a>' in page
    assert "RSK-0002" not in page.split('id="heatmap"')[0]  # organisation level, not here
    assert 'id="heatmap"' in page and "open risk by probability and impact" in page


def test_initiative_page_offers_adding_to_writers_only(client_as, org):
    add = "/o/fjordby/risks/new/?initiative=INI-0001"
    assert add in client_as("contributor").get(INI).content.decode()
    assert add not in client_as("viewer").get(INI).content.decode()


def test_initiative_without_risks_says_so(client_as, org):
    page = client_as("viewer").get("/o/fjordby/initiatives/INI-0002/risks/").content.decode()
    assert "No risks or opportunities are registered for this initiative yet." in page


def test_programme_page_separates_its_register_from_its_initiatives(client_as, org, people,
                                                                    scoped):
    programme = Programme.objects.get(organisation=org, number=1)
    own = do_create_risk(actor=people["pmo"], organisation=org, data={
        "title": "Programmet mangler gevinsteier", "probability": 2, "impact": 3,
        "programme": programme})
    page = client_as("viewer").get(PRG).content.decode()
    assert own.reference in _section(page, "own-heading")
    assert "RSK-0001" in _section(page, "below-heading")
    assert "RSK-0001" not in _section(page, "own-heading")
    # Escalated from INI-0001: now in the programme's register, still linked to INI-0001.
    do_escalate_risk(actor=people["pmo"], risk=Risk.objects.get(organisation=org,
                                                                reference="RSK-0001"),
                     level="programme", reason="Felles leverandør")
    page = client_as("viewer").get(PRG).content.decode()
    own_table = _section(page, "own-heading")
    assert "RSK-0001" in own_table and "escalated" in own_table
    assert "RSK-0001" not in _section(page, "below-heading")
    assert "RSK-0001" in client_as("viewer").get(INI).content.decode()


def test_programme_heat_map_covers_its_initiatives(client_as, org):
    page = client_as("viewer").get(PRG).content.decode()
    assert "1 open risk by probability and impact, after action of PRG-0001" in page
    assert "Probability 3, impact 3, score 9 (medium): 1 risk" in page


def test_programme_page_is_linked_from_the_programme(client_as, org):
    page = client_as("viewer").get("/o/fjordby/programmes/PRG-0001/").content.decode()
    assert f'href="{PRG}"' in page


def test_long_registers_are_cut_with_a_link(client_as, org, scoped):
    initiative = Initiative.objects.get(organisation=org, number=1)
    bulk_risks(org, 205, initiative=initiative, level="initiative")
    page = client_as("viewer").get(INI).content.decode()
    assert "The first 200 of 206 are shown." in page
    assert "/o/fjordby/risks/?initiative=INI-0001" in page
    rows = re.findall(r'<td><a class="ds-link" href="/o/fjordby/risks/RSK-\d+/">',
                      page.split('id="heatmap"')[0])
    assert len(rows) == 200


def test_level_pages_cost_a_fixed_number_of_queries(client_as, org, scoped,
                                                    django_assert_max_num_queries):
    initiative = Initiative.objects.get(organisation=org, number=1)
    programme = Programme.objects.get(organisation=org, number=1)
    client = client_as("viewer")
    for url in (INI, PRG):
        client.get(url)
    with django_assert_max_num_queries(14):
        client.get(INI)
    with django_assert_max_num_queries(14):
        client.get(PRG)
    bulk_risks(org, 40, initiative=initiative, level="initiative")
    bulk_risks(org, 40, start=300, programme=programme, level="programme")
    with django_assert_max_num_queries(14):
        client.get(INI)
    with django_assert_max_num_queries(14):
        client.get(PRG)


def test_other_organisations_initiative_is_404(client_as, org, other_org):
    with tenant_scope(other_org):
        assert Initiative.objects.filter(organisation=other_org, number=3).exists()
    assert client_as("viewer").get(
        "/o/fjordby/initiatives/INI-0003/risks/").status_code == 404
