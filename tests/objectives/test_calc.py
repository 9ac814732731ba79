"""The arithmetic of KPIs against hand-computed cases (objectives/calc.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from gevinst.objectives import calc

JAN1 = dt.date(2026, 1, 1)
DEC31 = dt.date(2026, 12, 31)  # 364 days after JAN1


def test_achievement_of_an_increasing_kpi():
    # Digital applications from 20 % to 80 %: 35 % is a quarter of the way, 80 % all of it.
    assert calc.achievement(D(20), D(80), D(35), "increase") == D("25.0")
    assert calc.achievement(D(20), D(80), D(80), "increase") == D("100.0")
    assert calc.achievement(D(20), D(80), D(10), "increase") == D("-16.7")


def test_achievement_of_a_decreasing_kpi():
    # Processing time from 30 days down to 10: 20 days is half-way, 5 days beyond target.
    assert calc.achievement(D(30), D(10), D(20), "decrease") == D("50.0")
    assert calc.achievement(D(30), D(10), D(5), "decrease") == D("125.0")
    assert calc.achievement(D(30), D(10), D(33), "decrease") == D("-15.0")


def test_achievement_when_baseline_equals_target():
    # Keep the level: at or beyond it in the wanted direction is 100 %, otherwise 0 %.
    assert calc.achievement(D(95), D(95), D(96), "increase") == D(100)
    assert calc.achievement(D(95), D(95), D(94), "increase") == D(0)
    assert calc.achievement(D(3), D(3), D(2), "decrease") == D(100)
    assert calc.achievement(D(3), D(3), D(4), "decrease") == D(0)


def test_no_achievement_without_a_value():
    assert calc.achievement(D(20), D(80), None, "increase") is None


def test_expected_achievement_is_a_straight_line_capped_to_0_and_100():
    assert calc.expected_achievement(JAN1, DEC31, JAN1) == D(0)
    assert calc.expected_achievement(JAN1, DEC31, dt.date(2026, 7, 2)) == D("50.0")  # 182/364
    assert calc.expected_achievement(JAN1, DEC31, dt.date(2026, 4, 1)) == D("24.7")  # 90/364
    assert calc.expected_achievement(JAN1, DEC31, DEC31) == D(100)
    assert calc.expected_achievement(JAN1, DEC31, dt.date(2025, 6, 1)) == D(0)  # before
    assert calc.expected_achievement(JAN1, DEC31, dt.date(2027, 6, 1)) == D(100)  # after


def test_expected_value_follows_the_line_in_either_direction():
    mid = dt.date(2026, 7, 2)
    assert calc.expected_value(D(20), D(80), JAN1, DEC31, mid) == D(50)
    assert calc.expected_value(D(30), D(10), JAN1, DEC31, mid) == D(20)
    assert calc.expected_value(D(30), D(10), JAN1, DEC31, dt.date(2025, 1, 1)) == D(30)
    assert calc.expected_value(D(30), D(10), JAN1, DEC31, dt.date(2030, 1, 1)) == D(10)


def test_health_compares_achievement_with_the_expected_within_tolerance():
    assert calc.health(D("50.0"), D("50.0"), D(5)) == calc.ON_TRACK
    assert calc.health(D("60.0"), D("50.0"), D(5)) == calc.ON_TRACK
    assert calc.health(D("45.0"), D("50.0"), D(5)) == calc.WITHIN_TOLERANCE
    assert calc.health(D("44.9"), D("50.0"), D(5)) == calc.BEHIND
    assert calc.health(None, D("50.0"), D(5)) == calc.NO_DATA


def test_objective_health_is_its_worst_kpi():
    assert calc.worst([calc.ON_TRACK, calc.BEHIND, calc.WITHIN_TOLERANCE]) == calc.BEHIND
    assert calc.worst([calc.ON_TRACK, calc.NO_DATA]) == calc.ON_TRACK
    assert calc.worst([]) == calc.NO_DATA


def test_state_of_the_test_worlds_kpi():
    # KPI-0001: 20 → 80 from 2026-01-01 to 2027-12-31 (729 days), 35 on 2026-06-30 (day 180).
    state = calc.kpi_state(
        baseline=D(20), target=D(80), direction="increase", baseline_date=JAN1,
        target_date=dt.date(2027, 12, 31), tolerance=D(5), latest_value=D(35),
        latest_on=dt.date(2026, 6, 30), today=dt.date(2027, 1, 1))
    assert state.achievement == D("25.0")
    assert state.expected == D("24.7")  # 180 / 729
    assert state.expected_today == D("50.1")  # 365 / 729
    assert state.health == calc.ON_TRACK
    assert not state.off_track


def test_a_kpi_behind_or_never_measured_is_off_track():
    # Lower is better: 100 → 0 over 2026; 80 on 2 July is 20 % where 50 % was expected.
    behind = calc.kpi_state(
        baseline=D(100), target=D(0), direction="decrease", baseline_date=JAN1,
        target_date=DEC31, tolerance=D(5), latest_value=D(80),
        latest_on=dt.date(2026, 7, 2), today=dt.date(2026, 8, 1))
    assert (behind.achievement, behind.expected, behind.health) == (
        D("20.0"), D("50.0"), calc.BEHIND)
    assert behind.off_track
    never = calc.kpi_state(
        baseline=D(100), target=D(0), direction="decrease", baseline_date=JAN1,
        target_date=DEC31, tolerance=D(5), latest_value=None, latest_on=None,
        today=dt.date(2026, 8, 1))
    assert never.health == calc.NO_DATA and never.not_measured and never.off_track
    assert never.achievement is None and never.expected_today == D("58.2")  # 212 / 364
