"""The benefits map pages of an initiative and of a programme: every node of the chain
initiative → enabling change → benefit → objective, the visible text alternative, links,
a programme drawing a shared benefit once, query counts and tenancy."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gevinst.benefits.services.benefits import do_create_benefit
from gevinst.core.scoping import tenant_scope
from gevinst.objectives.models import Objective
from gevinst.portfolio.models import Initiative, Programme

INI_MAP = "/o/fjordby/initiatives/INI-0001/benefits/map/"
PRG_MAP = "/o/fjordby/programmes/PRG-0001/benefits/map/"


def _svg(html: str) -> str:
    return re.search(r"<svg.*?</svg>", html, re.S).group(0)


def _text_alternative(html: str) -> str:
    return re.search(r'<ul class="ds-list gv-map-text">.*?</section>', html, re.S).group(0)


def _labels(response, layer: int) -> list[str]:
    return [n.label for n in response.context["map"].nodes if n.layer == layer]


def _into_programme(org, number: int) -> None:
    with tenant_scope(org):
        Initiative.objects.filter(organisation=org, number=number).update(
            programme=Programme.objects.get(organisation=org, reference="PRG-0001"))


def test_initiative_map_shows_every_node_of_the_chain(client_as):
    response = client_as("viewer").get(INI_MAP)
    assert response.status_code == 200
    assert _labels(response, 0) == ["INI-0001 Fjordby kommune initiativ 1"]
    assert _labels(response, 1) == ["Digital søknad", "Nye rutiner i tildelingen"]
    assert _labels(response, 2) == ["BEN-0001 Spart tid i saksbehandling"]
    assert _labels(response, 3) == ["OBJ-0001 Mer tid til kjerneoppgaver"]
    edges = {(e.source.split(":")[0], e.target.split(":")[0], e.label)
             for e in response.context["map"].edges}
    assert ("ini", "chg", "60\u00a0%") in edges  # the initiative's share on its edges
    assert ("chg", "ben", "") in edges and ("ben", "obj", "") in edges
    assert not any(s == "ini" and t == "ben" for s, t, _label in edges)
    svg = _svg(response.content.decode())
    for text in ("INI-0001", "Digital søknad", "BEN-0001", "OBJ-0001"):
        assert text in svg


def test_text_alternative_is_visible_and_links_each_benefit(client_as):
    html = client_as("viewer").get(INI_MAP).content.decode()
    text = _text_alternative(html)
    assert '<a class="ds-link" href="/o/fjordby/benefits/BEN-0001/">' \
           "BEN-0001 Spart tid i saksbehandling</a>" in text
    assert "INI-0001 Fjordby kommune initiativ 1</a> (60\u00a0%)" in text
    assert "<li>Digital søknad</li>" in text and "<li>Nye rutiner i tildelingen</li>" in text
    assert "<li>OBJ-0001 Mer tid til kjerneoppgaver</li>" in text
    # Visible: not in a visually hidden block.
    section = html[html.index('class="gv-benefit-map__text"') - 200:]
    assert "visually-hidden" not in section[:300] and "sr-only" not in section[:300]


def test_nodes_link_to_initiative_and_benefit_but_not_objective(client_as):
    response = client_as("viewer").get(INI_MAP)
    hrefs = {n.layer: n.href for n in response.context["map"].nodes}
    assert hrefs[0] == "/o/fjordby/initiatives/INI-0001/"
    assert hrefs[2] == "/o/fjordby/benefits/BEN-0001/"
    assert hrefs[1] is None and hrefs[3] is None
    svg = _svg(response.content.decode())
    assert 'role="group"' in svg and 'href="/o/fjordby/benefits/BEN-0001/"' in svg


def test_benefit_without_enabling_changes_hangs_on_the_initiative(org, people, client_as):
    with tenant_scope(org):
        do_create_benefit(actor=people["contributor"], organisation=org,
                          title="Færre purringer", cashability="not_monetised",
                          is_disbenefit=True,
                          initiative=Initiative.objects.get(organisation=org, number=1),
                          attribution=Decimal("25"))
    response = client_as("viewer").get(INI_MAP)
    benefit = next(n for n in response.context["map"].nodes
                   if n.label.endswith("Færre purringer"))
    assert benefit.kind == "disbenefit" and "Identified" in benefit.note
    direct = [e for e in response.context["map"].edges if e.target == benefit.id]
    assert [(e.source.split(":")[0], e.label) for e in direct] == [("ini", "25\u00a0%")]
    assert "Færre purringer</a> (dis-benefit)" in response.content.decode()


def test_links_between_map_plan_and_pdf(client_as):
    html = client_as("viewer").get(INI_MAP).content.decode()
    assert 'href="/o/fjordby/initiatives/INI-0001/benefits/plan/"' in html
    assert 'href="/o/fjordby/initiatives/INI-0001/benefits/plan.pdf"' in html
    assert 'href="/o/fjordby/initiatives/INI-0001/benefits/map/" aria-current="page"' in html


def test_programme_map_draws_a_shared_benefit_once(org, client_as):
    _into_programme(org, 2)
    response = client_as("viewer").get(PRG_MAP)
    assert response.status_code == 200
    assert _labels(response, 0) == ["INI-0001 Fjordby kommune initiativ 1",
                                    "INI-0002 Fjordby kommune initiativ 2"]
    assert _labels(response, 1) == ["Digital søknad", "Nye rutiner i tildelingen"]
    assert _labels(response, 2) == ["BEN-0001 Spart tid i saksbehandling"]
    shares = sorted(e.label for e in response.context["map"].edges
                    if e.source.startswith("ini:"))
    assert shares == ["40\u00a0%", "40\u00a0%", "60\u00a0%", "60\u00a0%"]
    (entry,) = response.context["map"].entries
    assert [share for _label, _href, share in entry.initiatives] == ["60\u00a0%", "40\u00a0%"]
    assert entry.note.endswith("100\u00a0%")  # the programme's share of the benefit


def test_programme_map_lists_initiatives_without_benefits(org, client_as):
    from gevinst.benefits.models import BenefitInitiative

    _into_programme(org, 2)
    with tenant_scope(org):
        BenefitInitiative.objects.filter(organisation=org, initiative__number=1).delete()
    response = client_as("viewer").get(PRG_MAP)
    assert response.context["map"].idle_initiatives == [
        ("INI-0001 Fjordby kommune initiativ 1", "/o/fjordby/initiatives/INI-0001/")]
    assert _labels(response, 2) == ["BEN-0001 Spart tid i saksbehandling"]
    assert "Initiatives without benefits" in response.content.decode()


def test_empty_map_says_there_is_nothing_to_draw(org, client_as):
    from gevinst.benefits.models import BenefitInitiative

    with tenant_scope(org):
        BenefitInitiative.objects.filter(organisation=org).delete()
    html = client_as("viewer").get(INI_MAP).content.decode()
    assert "No benefits are linked yet" in html and 'role="img"' in _svg(html)


def _more_benefits(org, people, n: int) -> None:
    with tenant_scope(org):
        initiative = Initiative.objects.get(organisation=org, number=1)
        objective = Objective.objects.get(organisation=org, reference="OBJ-0001")
        for i in range(n):
            do_create_benefit(actor=people["contributor"], organisation=org,
                              title=f"Gevinst {i}", enabling_changes=f"Endring {i}\nFelles",
                              objectives=[objective], initiative=initiative, attribution=50)


@pytest.mark.parametrize("url", [INI_MAP, PRG_MAP])
def test_map_pages_cost_a_fixed_number_of_queries(url, org, people, client_as,
                                                  django_assert_max_num_queries):
    client = client_as("viewer")
    client.get(url)  # warm up (session, caches)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    _more_benefits(org, people, 4)
    with django_assert_max_num_queries(10):
        response = client.get(url)
    assert len(response.context["map"].entries) == 5
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after.captured_queries) == len(before.captured_queries)


@pytest.mark.parametrize("url", [INI_MAP, PRG_MAP])
def test_other_organisations_people_get_404(url, client_as):
    assert client_as("viewer", "asdal").get(url).status_code == 404
    assert client_as("admin", "asdal").get(url).status_code == 404


def test_programme_of_another_organisation_is_not_found(client_as):
    # PRG-0002 exists only in Åsdal.
    response = client_as("admin").get("/o/fjordby/programmes/PRG-0002/benefits/map/")
    assert response.status_code == 404
