"""Planned against realised benefits per year for the organisation, an initiative and a
programme: hand-computed figures, no benefit counted twice, cash kept apart from freed
capacity, counts by health and status, the pages and their query counts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gevinst.benefits.models import Benefit, BenefitInitiative, BenefitYear
from gevinst.benefits.selectors.realisation import (
    RealisationFilter,
    health_counts,
    planned_vs_actual,
    status_counts,
)
from gevinst.benefits.services.benefits import do_create_benefit, do_set_value_profile
from gevinst.core import charts
from gevinst.portfolio.models import Initiative, Programme

DASHBOARD = "/o/fjordby/benefits/dashboard/"


@pytest.fixture
def world(scoped):
    """BEN-0001 (non-cash, time saved): 12 min × 5 000 cases ÷ 60 = 1 000 hours a year ×
    Fjordby's loaded hourly cost. Profile 2026 50 %, 2027 100 %. Q1 2026 measured 190 on
    baseline 100 → target 400: achievement 30 %, so 2026 realised = 30 % of the full value."""
    org = scoped
    full = Decimal(1000) * org.loaded_hourly_cost
    return {"org": org, "full": full,
            "one": Initiative.objects.get(organisation=org, number=1),
            "two": Initiative.objects.get(organisation=org, number=2),
            "programme": Programme.objects.get(organisation=org, number=1)}


def _year(rows, year):
    return next(r for r in rows if r["year"] == year)


def test_organisation_figures_by_hand(world):
    full = world["full"]
    rows = planned_vs_actual(world["org"])
    assert [r["year"] for r in rows] == [2026, 2027]
    assert _year(rows, 2026) == {"year": 2026, "cash_planned": 0, "cash_realised": None,
                                 "non_cash_planned": full / 2,
                                 "non_cash_realised": full * Decimal("0.3")}
    assert _year(rows, 2027)["non_cash_planned"] == full
    assert _year(rows, 2027)["non_cash_realised"] is None  # not measured yet
    assert full == Decimal("750000.00")  # 1 000 h × 750 NOK


def test_shared_benefit_is_counted_once_and_attributed(world):
    full = world["full"]
    org_rows = planned_vs_actual(world["org"])
    one = planned_vs_actual(world["org"], initiative=world["one"])
    two = planned_vs_actual(world["org"], initiative=world["two"])
    # The organisation counts BEN-0001 once, although two initiatives share it.
    assert _year(org_rows, 2026)["non_cash_planned"] == Decimal("375000.00")
    # INI-0001 has 60 %, INI-0002 40 %: together exactly the organisation's figure.
    assert _year(one, 2026)["non_cash_planned"] == Decimal("225000.00")
    assert _year(one, 2026)["non_cash_realised"] == Decimal("135000.00")
    assert _year(one, 2027)["non_cash_planned"] == full * Decimal("0.6")
    assert _year(two, 2026)["non_cash_planned"] == Decimal("150000.00")
    for year in (2026, 2027):
        assert (_year(one, year)["non_cash_planned"] + _year(two, year)["non_cash_planned"]
                == _year(org_rows, year)["non_cash_planned"])


def test_programme_sums_its_initiatives_shares_capped_at_100(world):
    org, programme = world["org"], world["programme"]
    # PRG-0001 holds INI-0001 only: 60 %.
    rows = planned_vs_actual(org, programme=programme)
    assert _year(rows, 2026)["non_cash_planned"] == Decimal("225000.00")
    # With INI-0002 in it too: 60 + 40 = 100 %, the benefit still counted once.
    Initiative.objects.filter(pk=world["two"].pk).update(programme=programme)
    rows = planned_vs_actual(org, programme=programme)
    assert _year(rows, 2026)["non_cash_planned"] == Decimal("375000.00")
    # Shares that add up to more than 100 % (written past the service) are capped.
    BenefitInitiative.objects.filter(organisation=org).update(attribution=Decimal(80))
    rows = planned_vs_actual(org, programme=programme)
    assert _year(rows, 2026)["non_cash_planned"] == Decimal("375000.00")


def test_cash_is_kept_apart_and_withdrawn_left_out(world, people):
    org = world["org"]
    cash = do_create_benefit(actor=people["contributor"], organisation=org,
                             title="Lavere portokostnad", category="cash_releasing",
                             cashability="cash", valuation_method="contract",
                             contract_cost_before=Decimal(500000),
                             contract_cost_after=Decimal(300000), initiative=world["one"],
                             attribution=100)
    do_set_value_profile(actor=people["contributor"], benefit=cash, shares={2026: 100})
    rows = planned_vs_actual(org)
    assert _year(rows, 2026)["cash_planned"] == Decimal("200000.00")
    assert _year(rows, 2026)["non_cash_planned"] == Decimal("375000.00")
    assert _year(planned_vs_actual(org, initiative=world["one"]), 2026)["cash_planned"] == 200000
    Benefit.objects.filter(pk=cash.pk).update(status=Benefit.Status.WITHDRAWN)
    assert _year(planned_vs_actual(org), 2026)["cash_planned"] == 0


def test_filters_by_unit_and_category(world):
    org = world["org"]
    unit = Benefit.objects.get(organisation=org, reference="BEN-0001").owner_unit_id
    assert planned_vs_actual(org, filters=RealisationFilter(unit=unit))
    assert planned_vs_actual(org, filters=RealisationFilter(unit=unit + 999)) == []
    assert planned_vs_actual(org, filters=RealisationFilter(category="cash_releasing")) == []
    assert planned_vs_actual(org, filters=RealisationFilter(category="capacity_freed"))


def test_counts_by_health_and_status(world, people):
    org = world["org"]
    do_create_benefit(actor=people["contributor"], organisation=org, title="Bedre kvalitet",
                      category="service_quality", cashability="not_monetised",
                      initiative=world["one"])
    withdrawn = do_create_benefit(actor=people["contributor"], organisation=org,
                                  title="Trukket", initiative=world["one"])
    Benefit.objects.filter(pk=withdrawn.pk).update(status=Benefit.Status.WITHDRAWN)
    health = {h["health"]: h for h in health_counts(org)}
    ben1 = Benefit.objects.get(organisation=org, reference="BEN-0001").health
    assert health[ben1]["count"] == 1 and health[ben1]["not_monetised"] == 0
    assert health["no_data"] == {"health": "no_data", "label": "No measurements yet",
                                 "count": 1, "not_monetised": 1}
    assert sum(h["count"] for h in health.values()) == 2  # withdrawn left out
    statuses = {s["status"]: s["count"] for s in status_counts(org, initiative=world["one"])}
    assert statuses["withdrawn"] == 1 and statuses["identified"] == 1
    assert statuses["in_realisation"] == 1
    assert sum(status_counts(org, initiative=world["two"])[i]["count"]
               for i in range(len(Benefit.Status.choices))) == 1


def test_dashboard_shows_the_figures(client_as, world):
    html = client_as("viewer").get(DASHBOARD).content.decode()
    assert "375\u00a0000" in html and "225\u00a0000" in html  # 2026 planned, realised
    assert "750\u00a0000" in html  # 2027 planned
    assert "Each benefit is counted once" in html
    html = client_as("viewer").get(DASHBOARD, {"initiative": "ini-0001"}).content.decode()
    assert "225\u00a0000" in html and "135\u00a0000" in html and "450\u00a0000" in html
    assert "375\u00a0000" not in html
    html = client_as("viewer").get(DASHBOARD, {"programme": world["programme"].pk}).content
    assert "225\u00a0000" in html.decode()


def test_initiative_and_programme_pages(client_as, world):
    client = client_as("viewer")
    html = client.get("/o/fjordby/initiatives/INI-0002/benefits/realisation/").content.decode()
    assert "150\u00a0000" in html and "90\u00a0000" in html  # 40 % of 375 000 and 225 000
    html = client.get("/o/fjordby/programmes/PRG-0001/benefits/realisation/").content.decode()
    assert "225\u00a0000" in html and "135\u00a0000" in html


def test_chart_specs_are_valid_vega_lite(world):
    import altair as alt

    from gevinst.benefits.views.measures import count_chart, value_chart

    org = world["org"]
    rows = planned_vs_actual(org)
    for chart in (value_chart("c", "C", rows, "cash", org),
                  value_chart("n", "N", rows, "non_cash", org),
                  count_chart("h", "H", [{"label": h["label"], "n": h["count"]}
                                         for h in health_counts(org)], "x", "y", org)):
        kind = alt.LayerChart if "layer" in chart.spec else alt.Chart
        kind.from_dict(chart.spec, validate=True)


def test_dashboard_costs_a_fixed_number_of_queries(client_as, world, people,
                                                   django_assert_max_num_queries):
    client = client_as("viewer")
    client.get(DASHBOARD)
    for i in range(10):
        benefit = do_create_benefit(
            actor=people["contributor"], organisation=world["org"], title=f"Gevinst {i}",
            cashability="cash", category="cash_releasing", valuation_method="unit_cost",
            unit_cost=Decimal(100), units_per_year=Decimal(10 + i), initiative=world["one"])
        do_set_value_profile(actor=people["contributor"], benefit=benefit,
                             shares={2026 + i % 3: 100})
    charts.clear_local_cache()
    client.get(DASHBOARD)
    for url in (DASHBOARD, DASHBOARD + "?initiative=INI-0001",
                "/o/fjordby/initiatives/INI-0001/benefits/realisation/",
                "/o/fjordby/programmes/PRG-0001/benefits/realisation/"):
        client.get(url)
        with django_assert_max_num_queries(11):
            assert client.get(url).status_code == 200


def test_year_rows_are_summed_in_sql_not_per_benefit(world, django_assert_num_queries):
    assert BenefitYear.objects.filter(organisation=world["org"]).count() >= 2
    with django_assert_num_queries(1):
        planned_vs_actual(world["org"], programme=world["programme"])
    with django_assert_num_queries(1):
        health_counts(world["org"], initiative=world["one"])


@pytest.mark.parametrize("url", [
    DASHBOARD, "/o/fjordby/initiatives/INI-0001/benefits/realisation/",
    "/o/fjordby/programmes/PRG-0001/benefits/realisation/"])
def test_realisation_pages_of_another_organisation_are_404(client_as, url):
    assert client_as("admin", "asdal").get(url).status_code == 404


def test_foreign_initiative_and_programme_are_404_here(client_as):
    client = client_as("admin")
    assert client.get("/o/fjordby/initiatives/INI-0003/benefits/realisation/").status_code == 404
    assert client.get("/o/fjordby/programmes/PRG-0002/benefits/realisation/").status_code == 404

