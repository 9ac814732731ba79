"""The benefits realisation plan page of an initiative and of a programme: what an owner
signs off, each benefit counted once at the plan's share, NPV discounted to the current
year, actions, risks, sign-off, query counts and tenancy."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gevinst.benefits.models import Benefit
from gevinst.benefits.selectors import plan as selectors
from gevinst.benefits.services.benefits import do_create_benefit, do_update_benefit
from gevinst.benefits.services.measures import do_create_measure, do_set_plan
from gevinst.core.scoping import tenant_scope
from gevinst.portfolio.models import Initiative, Programme

INI_PLAN = "/o/fjordby/initiatives/INI-0001/benefits/plan/"
PRG_PLAN = "/o/fjordby/programmes/PRG-0001/benefits/plan/"


def _initiative(org, number: int) -> Initiative:
    return Initiative.objects.get(organisation=org, number=number)


def _into_programme(org, number: int) -> None:
    with tenant_scope(org):
        Initiative.objects.filter(organisation=org, number=number).update(
            programme=Programme.objects.get(organisation=org, reference="PRG-0001"))


def test_plan_page_shows_what_the_owner_signs_off(client_as):
    response = client_as("viewer").get(INI_PLAN, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("BEN-0001 Spart tid i saksbehandling", "Viewer Fjordby", "Helse og velferd",
                 "Capacity freed", "Non-cash (capacity freed)", "Medium",
                 "Digital søknad", "Nye rutiner i tildelingen", "OBJ-0001",
                 "Measure: Spart tid", "Baseline", "100 timer", "Jan. 1, 2026",
                 "400 timer", "Dec. 31, 2026", "10 percentage points", "Q3 2026",
                 "Time saved", "750\u00a0000\u00a0NOK", "450\u00a0000\u00a0NOK (60 %)",
                 "Net present value", "discounted to 2026 (the current year)",
                 "Actions to realise the benefits", "Risks to realisation",
                 "Sign-off by the benefit owners"):
        assert text in html, text
    # Attribution: every initiative of the benefit with its share.
    assert "INI-0001 Fjordby kommune initiativ 1: 60 %" in html
    assert "INI-0002 Fjordby kommune initiativ 2: 40 %" in html
    # The map with its text alternative, and links to the map page and the PDF.
    assert '<svg' in html and 'class="ds-list gv-map-text"' in html
    assert 'href="/o/fjordby/initiatives/INI-0001/benefits/map/"' in html
    assert 'href="/o/fjordby/initiatives/INI-0001/benefits/plan.pdf"' in html


def test_initiative_plan_counts_the_initiatives_share(client_as):
    plan = client_as("viewer").get(INI_PLAN).context["plan"]
    assert plan.count == 1
    assert plan.totals["non_cash"] == Decimal("450000.00")  # 60 % of 750 000
    assert plan.totals["non_cash_count"] == 1 and plan.totals["cash_count"] == 0
    assert [(y.year, y.non_cash) for y in plan.profile] == [
        (2026, Decimal("225000.00")), (2027, Decimal("450000.00"))]


def test_programme_plan_counts_a_shared_benefit_once(org, client_as):
    # BEN-0001 is shared by INI-0001 (60 %) and INI-0002 (40 %); both in the programme.
    _into_programme(org, 2)
    response = client_as("viewer").get(PRG_PLAN)
    assert response.status_code == 200
    plan = response.context["plan"]
    assert [p.benefit.reference for p in plan.benefits] == ["BEN-0001"]
    assert plan.count == 1 and plan.totals["count"] == 1
    assert plan.benefits[0].attribution == Decimal("100")
    assert plan.totals["non_cash"] == Decimal("750000.00")  # once, not 60 % + 40 % twice
    assert [(y.year, y.non_cash) for y in plan.profile] == [
        (2026, Decimal("375000.00")), (2027, Decimal("750000.00"))]
    html = response.content.decode()
    assert html.count('id="benefit-BEN-0001-heading"') == 1
    assert "Counted in this plan: 100 %" in html


def test_programme_plan_without_the_second_initiative_takes_only_its_share(client_as):
    plan = client_as("viewer").get(PRG_PLAN).context["plan"]
    assert plan.benefits[0].attribution == Decimal("60")
    assert plan.totals["non_cash"] == Decimal("450000.00")


def test_npv_is_discounted_to_the_current_year(org):
    with tenant_scope(org):
        scope = selectors.initiative_scope(_initiative(org, 1))
        plan = selectors.benefits_plan(scope, today=dt.date(2026, 6, 1))
        later = selectors.benefits_plan(scope, today=dt.date(2027, 3, 1))
    (item,) = plan.benefits
    # 375 000 in 2026 + 750 000 / 1.04 in 2027, at the organisation's 4 %.
    assert item.npv == Decimal("1096153.85")
    assert plan.npv_non_cash == Decimal("657692.31")  # the initiative's 60 %
    assert plan.base_year == 2026
    # A year later 2027 is the base year: 375 000 × 1.04 + 750 000.
    assert later.benefits[0].npv == Decimal("1140000.00")


def test_valuation_shows_hours_and_full_time_equivalents(org):
    with tenant_scope(org):
        plan = selectors.benefits_plan(selectors.initiative_scope(_initiative(org, 1)))
    (item,) = plan.benefits
    assert item.hours == Decimal("1000.0")  # 12 min × 5 000 cases ÷ 60
    assert item.fte.quantize(Decimal("0.01")) == Decimal("0.59")  # ÷ 1 695 hours


def test_actions_and_risks_come_from_the_register(org, people, client_as):
    with tenant_scope(org):
        benefit = Benefit.objects.get(organisation=org, reference="BEN-0001")
        do_update_benefit(actor=people["contributor"], benefit=benefit, data={
            "preconditions": "Vedtak om ny tildelingspraksis", "confidence": "low"},
            expected_version=benefit.version)
        do_create_benefit(actor=people["contributor"], organisation=org,
                          title="Mer manuelt arbeid i overgangen", is_disbenefit=True,
                          initiative=_initiative(org, 1), attribution=100)
    plan = client_as("viewer").get(INI_PLAN).context["plan"]
    actions = [(a.kind, a.text, [b.reference for b in a.benefits]) for a in plan.actions]
    assert ("change", "Digital søknad", ["BEN-0001"]) in actions
    assert ("precondition", "Vedtak om ny tildelingspraksis", ["BEN-0001"]) in actions
    risks = {(r.benefit.reference, r.kind) for r in plan.risks}
    assert {("BEN-0001", "precondition"), ("BEN-0001", "low_confidence"),
            ("BEN-0002", "disbenefit"), ("BEN-0002", "no_owner")} <= risks


def test_measure_without_baseline_is_a_risk(org, people, client_as):
    with tenant_scope(org):
        benefit = Benefit.objects.get(organisation=org, reference="BEN-0001")
        do_create_measure(actor=people["contributor"], benefit=benefit, name="Ventetid",
                          unit="dager", direction="decrease", frequency="yearly")
    plan = client_as("viewer").get(INI_PLAN).context["plan"]
    texts = [r.text for r in plan.risks if r.kind == "no_baseline"]
    assert texts == ["Ventetid has no baseline and no dated plan to get one."]


def test_sign_off_lists_each_benefit_owner_once(org, people, client_as):
    with tenant_scope(org):
        do_create_benefit(actor=people["contributor"], organisation=org,
                          title="Færre papirbrev", owner=people["viewer"],
                          initiative=_initiative(org, 1), attribution=100)
        do_create_benefit(actor=people["contributor"], organisation=org,
                          title="Uten eier", initiative=_initiative(org, 1), attribution=100)
    plan = client_as("viewer").get(INI_PLAN).context["plan"]
    assert [(s.name, [b.reference for b in s.benefits]) for s in plan.signers] == [
        ("Viewer Fjordby", ["BEN-0001", "BEN-0002"])]
    assert [b.reference for b in plan.without_owner] == ["BEN-0003"]


def _more_benefits(org, people, n: int) -> None:
    with tenant_scope(org):
        initiative = _initiative(org, 1)
        for i in range(n):
            benefit = do_create_benefit(
                actor=people["contributor"], organisation=org, title=f"Gevinst {i}",
                owner=people["pmo" if i % 2 else "viewer"], enabling_changes=f"Endring {i}",
                preconditions="Budsjett", initiative=initiative, attribution=50,
                valuation_method="unit_cost", cashability="cash",
                unit_cost=Decimal("100"), units_per_year=Decimal("10"))
            measure = do_create_measure(
                actor=people["contributor"], benefit=benefit, name=f"Mål {i}", unit="stk",
                direction="increase", frequency="yearly", baseline_value=Decimal("1"),
                baseline_date=dt.date(2026, 1, 1), target_value=Decimal("5"),
                target_date=dt.date(2028, 12, 31))
            do_set_plan(actor=people["contributor"], measure=measure,
                        values={dt.date(2027, 1, 1): 3, dt.date(2028, 1, 1): 5})


@pytest.mark.parametrize("url", [INI_PLAN, PRG_PLAN])
def test_plan_pages_cost_a_fixed_number_of_queries(url, org, people, client_as,
                                                   django_assert_max_num_queries):
    client = client_as("viewer")
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    _more_benefits(org, people, 4)
    with django_assert_max_num_queries(16):
        response = client.get(url)
    assert len(response.context["plan"].benefits) == 5
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after.captured_queries) == len(before.captured_queries)


def test_plan_details_at_most_the_limit_but_totals_cover_all(org, people, client_as,
                                                             monkeypatch):
    _more_benefits(org, people, 2)
    monkeypatch.setattr(selectors, "PLAN_LIMIT", 2)
    response = client_as("viewer").get(INI_PLAN)
    plan = response.context["plan"]
    assert plan.count == 3 and len(plan.benefits) == 2 and plan.truncated
    assert plan.totals["count"] == 3
    assert "describes the first 2 of 3 benefits" in response.content.decode()


@pytest.mark.parametrize("url", [INI_PLAN, PRG_PLAN])
def test_other_organisations_people_get_404(url, client_as):
    assert client_as("viewer", "asdal").get(url).status_code == 404
    assert client_as("admin", "asdal").get(url).status_code == 404


def test_unknown_initiative_is_not_found(client_as):
    # INI-0003 exists only in Åsdal.
    assert client_as("admin").get(
        "/o/fjordby/initiatives/INI-0003/benefits/plan/").status_code == 404
