"""The arithmetic of the risk register against hand-computed cases (risks/calc.py)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from gevinst.risks import calc

TODAY = dt.date(2026, 10, 15)


def test_score_is_probability_times_impact():
    assert calc.score(1, 1) == 1
    assert calc.score(4, 3) == 12
    assert calc.score(5, 5) == 25


def test_current_score_is_residual_when_both_are_assessed():
    assert calc.current_score(3, 3, 16) == 9
    assert calc.current_score(1, 5, 25) == 5


def test_current_score_falls_back_to_inherent_score():
    assert calc.current_score(None, None, 20) == 20
    assert calc.current_score(3, None, 20) == 20
    assert calc.current_score(None, 2, 20) == 20


def test_threshold_is_the_category_row_else_default_12():
    assert calc.threshold_for("supplier", {"supplier": 6}) == 6
    assert calc.threshold_for("people", {"supplier": 6}) == 12
    assert calc.threshold_for("people", {}) == 12


def test_default_threshold_matches_the_model():
    from gevinst.risks.models import RiskAppetite

    assert calc.DEFAULT_THRESHOLD == RiskAppetite.DEFAULT_THRESHOLD == 12


def test_above_appetite_is_strictly_above_the_threshold():
    assert calc.is_above_appetite("risk", 13, 12)
    assert not calc.is_above_appetite("risk", 12, 12)
    assert calc.is_above_appetite("risk", 5, 4)


def test_opportunities_are_never_above_appetite():
    assert not calc.is_above_appetite("opportunity", 25, 1)


@pytest.mark.parametrize(("score", "band"), [
    (1, "low"), (4, "low"), (5, "medium"), (12, "medium"), (15, "high"), (25, "high")])
def test_bands(score, band):
    assert calc.band(score) == band


def _risk(**fields):
    base = dict(kind="risk", status="open", reference="RSK-0001", residual_score=4,
                above_appetite=False, is_accepted=False, next_review=None,
                overdue_action_count=0)
    base.update(fields)
    return SimpleNamespace(**base)


def test_needs_decision_when_above_appetite_and_not_accepted():
    assert calc.needs_decision(_risk(above_appetite=True))
    assert not calc.needs_decision(_risk(above_appetite=True, is_accepted=True))
    assert not calc.needs_decision(_risk(above_appetite=False))


def test_rag_red_when_a_risk_needs_a_decision():
    rag, reason = calc.suggested_risk_rag(
        [_risk(), _risk(reference="RSK-0007", residual_score=10, above_appetite=True)], TODAY)
    assert rag == "red" and "RSK-0007" in reason


def test_rag_red_when_residual_is_15_or_more_even_if_accepted():
    rag, _reason = calc.suggested_risk_rag(
        [_risk(residual_score=16, above_appetite=True, is_accepted=True)], TODAY)
    assert rag == "red"


def test_rag_amber_on_score_8_review_passed_or_overdue_action():
    assert calc.suggested_risk_rag([_risk(residual_score=8)], TODAY)[0] == "amber"
    assert calc.suggested_risk_rag([_risk(next_review=dt.date(2026, 10, 14))],
                                   TODAY)[0] == "amber"
    assert calc.suggested_risk_rag([_risk(next_review=TODAY)], TODAY)[0] == "green"
    assert calc.suggested_risk_rag([_risk(overdue_action_count=1)], TODAY)[0] == "amber"


def test_rag_reads_actions_when_not_annotated():
    action = SimpleNamespace(status="planned", due_date=dt.date(2026, 10, 1))
    done = SimpleNamespace(status="done", due_date=dt.date(2026, 10, 1))
    late = _risk(actions=SimpleNamespace(all=lambda: [action]))
    del late.overdue_action_count
    finished = _risk(actions=SimpleNamespace(all=lambda: [done]))
    del finished.overdue_action_count
    assert calc.suggested_risk_rag([late], TODAY)[0] == "amber"
    assert calc.suggested_risk_rag([finished], TODAY)[0] == "green"


def test_rag_ignores_opportunities_and_closed_risks():
    big = dict(residual_score=25, above_appetite=True)
    assert calc.suggested_risk_rag([_risk(kind="opportunity", **big),
                                    _risk(status="closed", **big)], TODAY)[0] == "green"
    assert calc.suggested_risk_rag([], TODAY)[0] == "green"


@pytest.mark.django_db
def test_open_risks_for_report_feed_the_suggestion(org, scoped):
    from gevinst.portfolio.models import Initiative
    from gevinst.risks.selectors import open_risks_for_report

    first = Initiative.objects.get(organisation=org, number=1)
    risks = open_risks_for_report(first, today=dt.date(2026, 11, 2))
    assert [r.reference for r in risks] == ["RSK-0001"]
    assert risks[0].overdue_action_count == 1  # due 2026-11-01
    rag, reason = calc.suggested_risk_rag(risks, dt.date(2026, 9, 1))
    assert rag == "amber" and "RSK-0001" in reason  # residual 9 ≥ 8
