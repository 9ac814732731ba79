"""The arithmetic of benefits realisation against hand-computed cases (benefits/calc.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gevinst.benefits import calc

# --------------------------------------------------------------------------- achievement

def test_achievement_of_an_increase_measure():
    # Baseline 100, target 400: 250 is half-way, 400 full, 100 nothing, 50 below baseline.
    assert calc.achievement(D(100), D(400), D(250), "increase") == D("50.0")
    assert calc.achievement(D(100), D(400), D(400), "increase") == D("100.0")
    assert calc.achievement(D(100), D(400), D(100), "increase") == D("0.0")
    assert calc.achievement(D(100), D(400), D(50), "increase") == D("-16.7")
    assert calc.achievement(D(100), D(400), D(460), "increase") == D("120.0")


def test_achievement_of_a_decrease_measure():
    # No-shows from 12 % down to 4 %: 8 % is half-way, 2 % beyond target, 14 % worse.
    assert calc.achievement(D(12), D(4), D(8), "decrease") == D("50.0")
    assert calc.achievement(D(12), D(4), D(2), "decrease") == D("125.0")
    assert calc.achievement(D(12), D(4), D(14), "decrease") == D("-25.0")


def test_achievement_when_baseline_equals_target():
    # Keep the level: at or beyond it in the wanted direction is 100 %, otherwise 0 %.
    assert calc.achievement(D(95), D(95), D(95), "increase") == D(100)
    assert calc.achievement(D(95), D(95), D(97), "increase") == D(100)
    assert calc.achievement(D(95), D(95), D(94), "increase") == D(0)
    assert calc.achievement(D(3), D(3), D(2), "decrease") == D(100)
    assert calc.achievement(D(3), D(3), D(4), "decrease") == D(0)


def test_achievement_unknown_without_baseline_target_or_value():
    assert calc.achievement(None, D(4), D(8), "decrease") is None
    assert calc.achievement(D(12), None, D(8), "decrease") is None
    assert calc.achievement(D(12), D(4), None, "decrease") is None


def test_target_on_the_wrong_side_is_detected():
    assert calc.target_on_wrong_side(D(100), D(50), "increase")
    assert calc.target_on_wrong_side(D(10), D(20), "decrease")
    assert not calc.target_on_wrong_side(D(10), D(10), "decrease")
    assert not calc.target_on_wrong_side(None, D(10), "decrease")


# Whole hundredths as integers: cheap to draw (no slow-generation health check on a busy
# machine) and still every two-decimal value from -1000 to 1000.
CENTS = st.integers(-100_000, 100_000).map(lambda n: D(n) / 100)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(CENTS, CENTS, CENTS)
def test_achievement_is_the_same_seen_from_either_direction(baseline, target, value):
    # Mirroring every number turns an increase measure into a decrease measure with the
    # same achievement (when baseline and target differ).
    if baseline == target:
        return
    up = calc.achievement(baseline, target, value, "increase")
    down = calc.achievement(-baseline, -target, -value, "decrease")
    assert up == down


# --------------------------------------------------------------------------- health

def test_health_compares_achievement_with_the_plan():
    assert calc.health_of(D(60), D(50), D(10)) == calc.ON_TRACK
    assert calc.health_of(D(50), D(50), D(10)) == calc.ON_TRACK
    assert calc.health_of(D(41), D(50), D(10)) == calc.WITHIN_TOLERANCE
    assert calc.health_of(D(40), D(50), D(10)) == calc.WITHIN_TOLERANCE
    assert calc.health_of(D("39.9"), D(50), D(10)) == calc.BEHIND
    assert calc.health_of(None, D(50), D(10)) == calc.NO_DATA


def _state(actuals, today, plan=None):
    plan = plan if plan is not None else {
        dt.date(2026, 1, 1): D(175), dt.date(2026, 4, 1): D(250),
        dt.date(2026, 7, 1): D(325), dt.date(2026, 10, 1): D(400)}
    return calc.measure_state(baseline=D(100), target=D(400), direction="increase",
                              tolerance=D(10), frequency="quarterly", plan=plan,
                              actuals=actuals, today=today)


def test_measure_on_track_then_not_measured_when_due():
    # Q1 planned 175 (25 %), measured 190 (30 %): on track. Q2 is due 30 days after
    # 30 June; until then it is only the next due date.
    state = _state({dt.date(2026, 1, 1): D(190)}, dt.date(2026, 7, 15))
    assert state.health == calc.ON_TRACK
    assert state.achievement == D("30.0")
    assert state.next_due == dt.date(2026, 7, 30)
    late = _state({dt.date(2026, 1, 1): D(190)}, dt.date(2026, 8, 1))
    assert late.health == calc.NOT_MEASURED
    assert late.overdue == [dt.date(2026, 4, 1)]


def test_measure_behind_and_within_tolerance():
    # Q2 planned 250 = 50 %; 230 = 43.3 % (6.7 points short: within 10); 200 = 33.3 %.
    today = dt.date(2026, 7, 15)
    assert _state({dt.date(2026, 4, 1): D(230)}, today).health == calc.WITHIN_TOLERANCE
    assert _state({dt.date(2026, 4, 1): D(200)}, today).health == calc.BEHIND


def test_measure_without_plan_or_measurements_has_no_data():
    state = _state({}, dt.date(2026, 7, 15), plan={})
    assert state.health == calc.NO_DATA and state.next_due is None


def test_worst_health_wins():
    assert calc.worst([calc.ON_TRACK, calc.BEHIND, calc.NOT_MEASURED]) == calc.BEHIND
    assert calc.worst([]) == calc.NO_DATA


# --------------------------------------------------------------------------- periods

@pytest.mark.parametrize(("frequency", "day", "start", "end"), [
    ("monthly", dt.date(2026, 2, 14), dt.date(2026, 2, 1), dt.date(2026, 2, 28)),
    ("quarterly", dt.date(2026, 5, 31), dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
    ("half_yearly", dt.date(2026, 11, 2), dt.date(2026, 7, 1), dt.date(2026, 12, 31)),
    ("yearly", dt.date(2026, 3, 3), dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
])
def test_periods_by_frequency(frequency, day, start, end):
    assert calc.period_start(day, frequency) == start
    assert calc.period_end(start, frequency) == end
    assert calc.due_date(start, frequency) == end + dt.timedelta(days=30)


def test_periods_between():
    assert calc.periods_between(dt.date(2026, 2, 10), dt.date(2026, 11, 30), "quarterly") == [
        dt.date(2026, 1, 1), dt.date(2026, 4, 1), dt.date(2026, 7, 1), dt.date(2026, 10, 1)]


# --------------------------------------------------------------------------- valuation

def test_time_saved_valuation_and_fte():
    # 12 minutes × 5 000 cases ÷ 60 = 1 000 hours; at 650 an hour = 650 000 a year;
    # 1 000 hours ÷ 1 695 productive hours = 0.59 FTE.
    hours = calc.hours_saved(D(12), D(5000))
    assert hours == D(1000)
    assert calc.yearly_value(method="time_saved", minutes_per_case=D(12),
                             cases_per_year=D(5000), hourly_cost=D(650)) == D("650000.00")
    assert round(calc.fte(hours, 1695), 2) == D("0.59")


def test_unit_cost_contract_and_not_monetised_valuation():
    # 40 000 letters × 14.50 postage and print = 580 000.
    assert calc.yearly_value(method="unit_cost", unit_cost=D("14.50"),
                             units_per_year=D(40000)) == D("580000.00")
    # Scanning contract 1.2 m before, 0.45 m after = 750 000.
    assert calc.yearly_value(method="contract", contract_cost_before=D(1_200_000),
                             contract_cost_after=D(450_000)) == D("750000.00")
    assert calc.yearly_value(method="not_monetised") == D(0)


def test_a_disbenefit_counts_against():
    assert calc.yearly_value(method="unit_cost", unit_cost=D(100), units_per_year=D(30),
                             is_disbenefit=True) == D("-3000.00")


def test_planned_and_realised_value_of_a_year():
    # Full value 650 000; 2027 plans 75 % of it; optimism adjustment 20 % → 390 000.
    assert calc.planned_value(D(650000), D(75), D(20)) == D("390000.00")
    # The year ended at 40 % achievement: 260 000 realised.
    assert calc.realised_value(D(650000), D(40)) == D("260000.00")
    assert calc.realised_value(D(650000), None) is None


def test_npv_against_a_hand_computed_case():
    # 100 000 in 2026, 200 000 in 2027, 200 000 in 2028 at 4 % discounted to 2026:
    # 100 000 + 200 000 / 1.04 + 200 000 / 1.0816 = 100 000 + 192 307.69 + 184 911.24
    # = 477 218.93.
    values = {2026: D(100000), 2027: D(200000), 2028: D(200000)}
    assert calc.npv(values, D(4), 2026) == D("477218.93")
    # Discounted to 2027 instead: the 2026 value grows by a year's interest.
    assert calc.npv(values, D(4), 2027) == D("496307.69")
    assert calc.npv({}, D(4), 2026) == D(0)
    assert calc.npv(values, D(0), 2026) == D(500000)


def test_attributed_share():
    assert calc.attributed(D("650000.00"), D(60)) == D("390000.00")
