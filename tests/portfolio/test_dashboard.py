"""The portfolio dashboard: the numbers behind each chart, the data tables, the
work-in-progress warning, chart caching and a fixed number of queries."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from gevinst.core import charts
from gevinst.core.models import Organisation
from gevinst.core.scoping import unscoped
from gevinst.portfolio.models import Initiative, MoneyYear, Phase, Programme
from gevinst.portfolio.selectors.dashboard import dashboard
from gevinst.portfolio.services.initiatives import do_create_initiative
from tests.conftest import person

URL = "/o/fjordby/dashboard/"


def _money(org, initiative, year, kind, investment=0, internal=0, external=0, operating=0):
    MoneyYear.objects.create(organisation=org, initiative=initiative, year=year, kind=kind,
                             investment=Decimal(investment), internal_cost=Decimal(internal),
                             external_purchases=Decimal(external),
                             operating_cost_change=Decimal(operating))


@pytest.fixture
def known(scoped):
    """Fjordby: INI-1 and INI-2 active in execution (INI-1 red), an idea, an on-hold
    transformation in execution (amber), a stopped one in planning; money for two years;
    work-in-progress limit 1."""
    org = scoped
    phase = {p.key: p for p in Phase.objects.filter(organisation=org)}
    # Start from a clean slate, whatever else the standing world holds.
    MoneyYear.objects.filter(organisation=org).delete()
    Initiative.objects.filter(organisation=org).update(rag="", programme=None)
    Initiative.objects.filter(organisation=org, number=1).update(rag="red")
    idea = do_create_initiative(actor=person("pmo"), organisation=org, title="Idé",
                                phase=phase["idea"])
    hold = do_create_initiative(actor=person("pmo"), organisation=org, title="Pause",
                                phase=phase["execution"], status="on_hold",
                                ambition="transform")
    Initiative.objects.filter(pk=hold.pk).update(rag="amber")
    do_create_initiative(actor=person("pmo"), organisation=org, title="Stoppet",
                         phase=phase["planning"], status="stopped")
    one = Initiative.objects.get(organisation=org, number=1)
    two = Initiative.objects.get(organisation=org, number=2)
    _money(org, one, 2026, "budget", 100000, 20000, 30000, operating=999999)
    _money(org, one, 2026, "actual", 50000, 5000)
    _money(org, two, 2026, "budget", 50000)
    _money(org, two, 2027, "forecast", 0, 0, 70000)
    Organisation.objects.filter(pk=org.pk).update(wip_limit=1)
    org.wip_limit = 1
    return {"org": org, "idea": idea, "hold": hold, "one": one}


def test_numbers_per_chart(known):
    d = dashboard(known["org"])
    assert d.total == 5
    phases = {p["key"]: p["count"] for p in d.phases}
    assert phases == {"idea": 1, "concept": 0, "planning": 0, "execution": 3, "closing": 0,
                      "realisation": 0, "closed": 0}  # stopped not counted
    assert {r["value"]: r["count"] for r in d.rag} == {"red": 1, "amber": 1, "green": 0,
                                                       "": 2}
    assert [(a["value"], a["count"], a["share"]) for a in d.ambition] == [
        ("improve", 3, 75.0), ("transform", 1, 25.0)]
    assert d.money == [
        {"year": 2026, "budget": Decimal("200000"), "actual": Decimal("55000"),
         "forecast": Decimal("0")},
        {"year": 2027, "budget": Decimal("0"), "actual": Decimal("0"),
         "forecast": Decimal("70000")},
    ]  # total cost: investment + internal + external; operating change left out
    assert d.wip_count == 2  # INI-1 and INI-2 (the on-hold one does not count)
    assert d.wip_limit == 1 and d.wip_over


def test_programme_narrows_every_number(known):
    org = known["org"]
    prog = Programme.objects.create(organisation=org, number=801, reference="PRG-801",
                                    name="Velferd")
    Initiative.objects.filter(pk=known["one"].pk).update(programme=prog)
    d = dashboard(org, prog.pk)
    assert d.total == 1 and d.wip_count == 1 and not d.wip_over
    assert [m["budget"] for m in d.money] == [Decimal("150000")]


def _tables(html):
    return re.findall(r"<table.*?</table>", html, flags=re.S)


def test_page_has_a_chart_and_a_captioned_table_for_each(client_as, known):
    html = client_as("viewer").get(URL).content.decode()
    svgs = re.findall(r"<svg\b[^>]*>", html)
    assert len(svgs) == 5
    for svg in svgs:
        assert 'role="img"' in svg and "aria-labelledby=" in svg
    for key in ("phases", "rag", "money", "ambition", "wip"):
        assert f'<title id="chart-{key}-title">' in html
    tables = _tables(html)
    assert len(tables) == 5 and all("<caption>" in t for t in tables)
    # numbers in the organisation's locale (Norway: non-breaking space, decimal comma)
    money = next(t for t in tables if "Budget" in t)
    assert "200\u00a0000" in money and "55\u00a0000" in money and "70\u00a0000" in money
    ambition = next(t for t in tables if "Share" in t)
    assert "75,0" in ambition and "25,0" in ambition
    rag = next(t for t in tables if "Not reported" in t)
    assert re.search(r"Not reported</span></th><td class=\"gv-num\">2<", rag)


def test_wip_warning_when_over_the_limit(client_as, known):
    client = client_as("viewer")
    html = client.get(URL).content.decode()
    assert 'id="wip-warning"' in html
    assert "2 initiatives are active in work-in-progress phases; the limit is 1" in html
    home = client.get("/o/fjordby/").content.decode()
    assert 'id="wip-warning"' in home
    Organisation.objects.filter(pk=known["org"].pk).update(wip_limit=2)
    assert 'id="wip-warning"' not in client.get(URL).content.decode()
    assert 'id="wip-warning"' not in client.get("/o/fjordby/").content.decode()


def test_no_limit_means_no_warning(client_as, org):
    html = client_as("viewer").get(URL).content.decode()
    assert 'id="wip-warning"' not in html and "no limit" in html


def test_charts_are_cached_by_content(known, client_as, monkeypatch):
    client = client_as("viewer")
    charts.clear_local_cache()  # earlier tests' charts are in the process, not the database
    client.get(URL)
    charts.clear_local_cache()
    calls = []
    original = charts.render
    monkeypatch.setattr(charts, "render", lambda c: calls.append(c.key) or original(c))
    client.get(URL)
    assert calls == []  # from Django's cache
    Initiative.objects.filter(pk=known["idea"].pk).update(rag="green")
    client.get(URL)
    assert calls == ["rag"]  # only the chart whose numbers changed is drawn again


def test_dashboard_costs_a_fixed_number_of_queries(client_as, known,
                                                   django_assert_max_num_queries):
    client = client_as("viewer")
    org = known["org"]
    for grow in (0, 30):
        for i in range(grow):
            i_ = do_create_initiative(actor=None, organisation=org, title=f"Mer {i}")
            _money(org, i_, 2020 + i % 5, "actual", 1000)
        charts.clear_local_cache()
        # New numbers: five charts drawn and stored (a bounded number of cache writes).
        with django_assert_max_num_queries(40):
            assert client.get(URL).status_code == 200
        charts.clear_local_cache()
        # Another worker process: the charts come from Django's cache in one read.
        with django_assert_max_num_queries(10):
            assert client.get(URL).status_code == 200
        # The same process again: no cache read at all.
        with django_assert_max_num_queries(9):
            assert client.get(URL).status_code == 200


@pytest.mark.parametrize("role, status", [("viewer", 200), ("employee", 403)])
def test_who_sees_the_dashboard(client_as, role, status):
    assert client_as(role).get(URL).status_code == status


def test_dashboard_of_another_organisation_is_404(client_as):
    assert client_as("admin", "asdal").get(URL).status_code == 404


def test_programme_of_another_organisation_is_ignored(client_as, known, other_org):
    with unscoped():
        foreign = Programme.objects.create(organisation=other_org, number=77,
                                           reference="PRG-077", name="Fremmed")
    html = client_as("viewer").get(URL, {"programme": foreign.pk}).content.decode()
    assert "Fremmed" not in html
    assert "5 initiatives in the portfolio" in html


def test_every_chart_spec_is_valid_vega_lite(known):
    import altair as alt

    from gevinst.portfolio.views import dashboard as views

    d = dashboard(known["org"])
    for build in (views.phase_chart, views.rag_chart, views.money_chart, views.ambition_chart,
                  views.wip_chart):
        spec = build(d, known["org"]).spec
        kind = alt.LayerChart if "layer" in spec else alt.Chart
        kind.from_dict(spec, validate=True)  # raises on anything Vega-Lite does not know
