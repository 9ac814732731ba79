"""An objective's page shows what contributes, tested with hand-built data: exact numbers,
each benefit counted once in the objective's total, withdrawn benefits left out, and what
is off track.

The world: objective "Raskere saksbehandling" (OBJ-0002 in Fjordby) with INI-0001 and
INI-0002 linked. INI-0001 and INI-0002 already share BEN-0001 (60/40, 750 000 a year,
non-cash, not measured when due). Built here:
- A "Lavere lisenskostnad": cash, 500 000 − 300 000 = 200 000 a year, INI-0001 60 %,
  INI-0002 40 %;
- B "Spart tid i arkivet": non-cash, 3 min × 10 000 cases ÷ 60 = 500 h × 750 = 375 000,
  INI-0002 100 %, and linked to the objective itself;
- C "Mindre porto": cash 100 000, linked to the objective only (no initiative);
- D "Trukket gevinst": cash 300 000, INI-0001 50 %, withdrawn;
- E "Annet": cash 50 000 of INI-0003, an initiative not linked to the objective.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from gevinst.benefits.services.benefits import (
    do_change_benefit_status,
    do_create_benefit,
    do_link_initiative,
)
from gevinst.objectives.models import Objective
from gevinst.objectives.selectors.overview import objective_overview
from gevinst.objectives.selectors.page import objective_page
from gevinst.objectives.services import (
    do_create_kpi,
    do_create_objective,
    do_link_initiative_objectives,
    do_record_kpi_measurement,
)
from gevinst.portfolio.models import Initiative
from gevinst.portfolio.services.initiatives import do_create_initiative

NBSP = "\u00a0"
TODAY = dt.date(2026, 8, 1)


def _contract(org, actor, title, before, after, **extra):
    return do_create_benefit(
        actor=actor, organisation=org, title=title, cashability="cash",
        valuation_method="contract", contract_cost_before=Decimal(before),
        contract_cost_after=Decimal(after), **extra)


@pytest.fixture
def world(scoped, people):
    org, pmo = scoped, people["pmo"]
    one = Initiative.objects.get(organisation=org, number=1)
    two = Initiative.objects.get(organisation=org, number=2)
    objective = do_create_objective(actor=pmo, organisation=org,
                                    title="Raskere saksbehandling")
    for initiative in (one, two):
        do_link_initiative_objectives(
            actor=pmo, initiative=initiative,
            objectives=[*initiative.objectives.all(), objective])
    a = _contract(org, pmo, "Lavere lisenskostnad", 500_000, 300_000, initiative=one,
                  attribution=60)
    do_link_initiative(actor=pmo, benefit=a, initiative=two, attribution=40)
    b = do_create_benefit(
        actor=pmo, organisation=org, title="Spart tid i arkivet", cashability="non_cash",
        valuation_method="time_saved", minutes_per_case=Decimal(3),
        cases_per_year=Decimal(10_000), initiative=two, attribution=100,
        objectives=[objective])
    c = _contract(org, pmo, "Mindre porto", 100_000, 0, objectives=[objective])
    d = _contract(org, pmo, "Trukket gevinst", 300_000, 0, initiative=one, attribution=50)
    do_change_benefit_status(actor=pmo, benefit=d, status="withdrawn",
                             comment="Erstattet av A.")
    three = do_create_initiative(actor=pmo, organisation=org, title="Ikke med")
    e = _contract(org, pmo, "Annet", 50_000, 0, initiative=three, attribution=100)
    # KPIs: one behind (lower is better, 100 → 0 over 2026; 80 on 2 July is 20 % where
    # 50 % was expected), one never measured.
    behind = do_create_kpi(actor=pmo, objective=objective, name="Ventetid", unit="dager",
                           direction="decrease", baseline_value=Decimal(100),
                           baseline_date=dt.date(2026, 1, 1), target_value=Decimal(0),
                           target_date=dt.date(2026, 12, 31))
    do_record_kpi_measurement(actor=pmo, kpi=behind, measured_on=dt.date(2026, 7, 2),
                              value=Decimal(80))
    silent = do_create_kpi(actor=pmo, objective=objective, name="Klager", unit="antall",
                           direction="decrease", baseline_value=Decimal(40),
                           baseline_date=dt.date(2026, 1, 1), target_value=Decimal(20),
                           target_date=dt.date(2027, 12, 31))
    # INI-0002's latest status report is red.
    Initiative.objects.filter(pk=two.pk).update(rag="red")
    return {"objective": Objective.objects.get(pk=objective.pk), "a": a, "b": b, "c": c,
            "d": d, "e": e, "behind": behind, "silent": silent}


def test_initiatives_show_their_attributed_share_without_withdrawn_benefits(world, scoped):
    page = objective_page(world["objective"], scoped, TODAY)
    rows = {r.initiative.reference: r for r in page.initiatives}
    assert list(rows) == ["INI-0001", "INI-0002"]
    # INI-0001: BEN-0001 60 % of 750 000 + A 60 % of 200 000 (D is withdrawn).
    assert rows["INI-0001"].value == Decimal("570000.00")
    assert rows["INI-0001"].benefit_count == 2
    # INI-0002: BEN-0001 40 % + A 40 % + B 100 % = 300 000 + 80 000 + 375 000.
    assert rows["INI-0002"].value == Decimal("755000.00")
    assert rows["INI-0002"].benefit_count == 3


def test_objective_total_counts_each_benefit_once_at_full_value(world, scoped):
    page = objective_page(world["objective"], scoped, TODAY)
    refs = [row.benefit.reference for row in page.benefits]
    # BEN-0001, A, B, C and the withdrawn D contribute; E (INI-0003) does not.
    assert refs == ["BEN-0001", world["a"].reference, world["b"].reference,
                    world["c"].reference, world["d"].reference]
    totals = page.totals
    assert totals["cash"] == Decimal("300000.00")  # A 200 000 + C 100 000, D withdrawn
    assert totals["cash_count"] == 2
    assert totals["non_cash"] == Decimal("1125000.00")  # BEN-0001 750 000 + B 375 000
    assert totals["non_cash_count"] == 2
    assert totals["count"] == 4 and totals["withdrawn_count"] == 1
    # The initiatives' shares (570 000 + 755 000) are not what the objective adds up.
    assert totals["cash"] + totals["non_cash"] == Decimal("1425000.00")


def test_each_benefit_says_how_it_contributes(world, scoped):
    page = objective_page(world["objective"], scoped, TODAY)
    rows = {row.benefit.reference: row for row in page.benefits}
    a, b, c = (rows[world[k].reference] for k in "abc")
    assert not a.direct and a.through == [("INI-0001", Decimal("60.00")),
                                          ("INI-0002", Decimal("40.00"))]
    assert b.direct and b.through == [("INI-0002", Decimal("100.00"))]
    assert c.direct and c.through == []


def test_what_is_off_track(world, scoped):
    page = objective_page(world["objective"], scoped, TODAY)
    off = page.off_track
    assert [v.kpi.name for v in off.kpis] == ["Ventetid", "Klager"]
    assert [r.benefit.reference for r in off.benefits] == ["BEN-0001"]  # not measured
    assert [r.initiative.reference for r in off.initiatives] == ["INI-0002"]
    assert page.health == "behind"
    ventetid = page.kpis[0]
    assert (ventetid.state.achievement, ventetid.state.expected) == (Decimal("20.0"),
                                                                     Decimal("50.0"))


def test_the_overview_counts_the_same(world, scoped):
    rows = {r.objective.reference: r for r in objective_overview(scoped, TODAY)}
    row = rows[world["objective"].reference]
    assert (row.initiative_count, row.benefit_count) == (2, 4)
    assert row.value == Decimal("1425000.00")
    assert (row.off_track.kpis_behind, row.off_track.kpis_not_measured,
            row.off_track.benefits, row.off_track.initiatives) == (1, 1, 1, 1)
    assert row.health == "behind"


def test_the_page_shows_the_contribution(world, client_as):
    html = client_as("viewer").get(
        f"/o/fjordby/objectives/{world['objective'].reference}/").content.decode()
    initiatives = re.search(r'id="initiatives".*?</section>', html, re.S)[0]
    assert f"570{NBSP}000" in initiatives and f"755{NBSP}000" in initiatives
    totals = re.search(r'<section class="gv-benefit-totals".*?</section>', html, re.S)[0]
    assert f"300{NBSP}000{NBSP}NOK" in totals and f"1{NBSP}125{NBSP}000{NBSP}NOK" in totals
    assert "1 withdrawn benefit is not counted." in totals
    benefits = html[html.index('id="benefits"'):]
    assert "Annet" not in benefits
    assert "through INI-0001 (60 %)" in benefits and "to this objective" in benefits
    off = re.search(r'id="off-track".*?</section>', html, re.S)[0]
    assert "Ventetid" in off and "behind: 20,0 % achieved where 50,0 % was expected" in off
    assert "Klager" in off and "not measured yet" in off
    assert "BEN-0001" in off and "INI-0002" in off
    assert "4 things off track" in html


def test_without_initiatives_only_the_benefits_linked_directly_count(world, scoped):
    for number in (1, 2):
        initiative = Initiative.objects.get(organisation=scoped, number=number)
        do_link_initiative_objectives(actor=None, initiative=initiative, objectives=[])
    page = objective_page(world["objective"], scoped, TODAY)
    assert page.initiatives == []
    assert [r.benefit.reference for r in page.benefits] == [world["b"].reference,
                                                            world["c"].reference]
    assert page.totals["cash"] == Decimal("100000.00")  # C
    assert page.totals["non_cash"] == Decimal("375000.00")  # B
    assert page.totals["withdrawn_count"] == 0
    assert [r.benefit.reference for r in page.off_track.benefits] == []
