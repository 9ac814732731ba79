"""The heat map: a real table a screen reader can walk (caption, row and column headers),
a focusable control with a full name in every non-empty cell and none in empty cells,
bands backed by numbers, the risks and their appetite flags listed per cell, switches for
risks/opportunities and before/after action, and a fixed number of queries."""

from __future__ import annotations

import re

from gevinst.risks.models import Risk
from gevinst.risks.selectors import heat_map
from gevinst.risks.services import do_accept_risk
from tests.risks.helpers import bulk_risks

URL = "/o/fjordby/risks/heatmap/"


def _cells(page: str) -> list[str]:
    return re.findall(r'<td class="gv-heat__cell".*?</td>', page, re.S)


def test_heat_map_is_a_table_with_headers(client_as, org):
    page = client_as("viewer").get(URL).content.decode()
    assert "<caption>" in page and "2 open risks by probability and impact, after action" in page
    headers = re.findall(r'<th scope="row">(Probability \d)</th>', page)
    assert headers == [f"Probability {p}" for p in (5, 4, 3, 2, 1)]
    assert re.findall(r'<th scope="col">(Impact \d)</th>', page) == [
        f"Impact {i}" for i in range(1, 6)]
    assert len(_cells(page)) == 25


def test_non_empty_cells_have_a_named_control_and_empty_cells_none(client_as, org):
    page = client_as("viewer").get(URL).content.decode()
    cells = _cells(page)
    filled = [c for c in cells if "<summary>" in c]
    assert len(filled) == 2
    assert "Probability 4, impact 5, score 20 (high): 1 risk</span></summary>" in page
    assert "Probability 3, impact 3, score 9 (medium): 1 risk</span></summary>" in page
    for cell in cells:
        if "<summary>" not in cell:
            assert "<a " not in cell and "<button" not in cell and "tabindex" not in cell
            assert ": none" in cell


def test_cells_list_their_risks_with_appetite_flags(client_as, org, people, scoped):
    page = client_as("viewer").get(URL).content.decode()
    high = next(c for c in _cells(page) if "impact 5, score 20" in c)
    assert 'href="/o/fjordby/risks/RSK-0002/">RSK-0002</a>' in high
    assert "Above appetite" in high
    do_accept_risk(actor=people["pmo"], risk=Risk.objects.get(organisation=org,
                                                              reference="RSK-0002"),
                   decision="Akseptert av rådmannen.")
    page = client_as("viewer").get(URL).content.decode()
    high = next(c for c in _cells(page) if "impact 5, score 20" in c)
    assert "Accepted above appetite" in high


def test_bands_are_marked_and_every_cell_shows_its_score(client_as, org):
    page = client_as("viewer").get(URL).content.decode()
    bands = re.findall(r'data-band="(\w+)"', page)
    assert {"low", "medium", "high"} <= set(bands)
    assert "low, 1 to 4" in page and "high, 15 to 25" in page
    scores = re.findall(r'<span class="gv-heat__score" aria-hidden="true">(\d+)</span>', page)
    assert sorted(map(int, scores)) == sorted(p * i for p in range(1, 6) for i in range(1, 6))


def test_switch_to_before_action_and_to_opportunities(client_as, org):
    client = client_as("viewer")
    page = client.get(f"{URL}?basis=inherent").content.decode()
    assert "before action" in page
    assert "Probability 4, impact 4, score 16 (high): 1 risk" in page  # RSK-0001 before
    assert 'href="?basis=inherent&amp;kind=opportunity#heatmap"' in page
    page = client.get(f"{URL}?kind=opportunity").content.decode()
    assert "0 open opportunities" in page
    assert not [c for c in _cells(page) if "<summary>" in c]
    # Åsdal's opportunity shows in Åsdal's map.
    page = client_as("viewer", "asdal").get("/o/asdal/risks/heatmap/?kind=opportunity")
    assert "1 opportunity</span></summary>" in page.content.decode()


def test_data_table_beside_the_map(client_as, org):
    page = client_as("viewer").get(URL).content.decode()
    assert "The heat map as a table" in page
    table = page[page.index("The heat map as a table"):]
    assert table.index("RSK-0002") < table.index("RSK-0001")  # highest score first


def test_closed_risks_are_not_on_the_map(client_as, org, scoped):
    Risk.objects.filter(organisation=org, reference="RSK-0002").update(status="closed")
    assert heat_map(org).total == 1


def test_full_cells_link_to_the_overview(client_as, org, scoped):
    bulk_risks(org, 25 * 12)  # 12 risks in every cell
    page = client_as("viewer").get(f"{URL}?basis=inherent").content.decode()
    assert "All 12 in the overview" in page
    assert "probability=5&amp;impact=5" in page
    assert "kind=risk&amp;basis=inherent&amp;status=open" in page


def test_heat_map_costs_a_fixed_number_of_queries(client_as, org, scoped,
                                                  django_assert_max_num_queries):
    client = client_as("viewer")
    client.get(URL)
    with django_assert_max_num_queries(10) as before:
        client.get(URL)
    bulk_risks(org, 200)
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(URL)
