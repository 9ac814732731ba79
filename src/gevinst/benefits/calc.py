"""The arithmetic of benefits realisation: pure functions over numbers and dates.

Everything a total, a status or a report shows is computed here, so that it can be checked
against hand-computed cases (tests/benefits/test_calc.py).

- Achievement % = (actual − baseline) ÷ (target − baseline) × 100. The formula is
  direction-aware by itself when the target lies on the right side of the baseline (which
  the services enforce); when baseline = target, a value at or beyond the target in the
  wanted direction is 100 %, anything else 0 %.
- A measure's health compares the achievement of its latest measurement with the achievement
  its planned trajectory asked for in that period: not behind → on track; behind by no more
  than the tolerance (percentage points) → within tolerance; further behind → behind. A
  planned period whose due date has passed without a measurement → not measured when due.
- Valuation per year at full realisation: time saved = minutes per case × cases per year ÷ 60
  hours, valued at the loaded hourly cost; FTE = hours ÷ productive hours per FTE; unit cost
  avoided = cost per unit × units per year; contract difference = cost before − cost after.
- The planned value of a year = yearly value × share of the year × (1 − optimism adjustment).
  The realised value of a year = yearly value × achievement at the year's last measurement.
- NPV = Σ value(year) ÷ (1 + rate)^(year − base year).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal("100")
ZERO = Decimal("0")
CENT = Decimal("0.01")
TENTH = Decimal("0.1")
# A measurement of a period is due this many days after the period ends.
GRACE_DAYS = 30

INCREASE = "increase"
DECREASE = "decrease"

ON_TRACK = "on_track"
WITHIN_TOLERANCE = "within_tolerance"
BEHIND = "behind"
NOT_MEASURED = "not_measured"
NO_DATA = "no_data"
SEVERITY = {BEHIND: 4, NOT_MEASURED: 3, WITHIN_TOLERANCE: 2, ON_TRACK: 1, NO_DATA: 0}

MONTHS_PER_PERIOD = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}


# --------------------------------------------------------------------------- periods

def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + (day.month - 1) + months
    return dt.date(index // 12, index % 12 + 1, 1)


def period_start(day: dt.date, frequency: str) -> dt.date:
    """The first day of the measuring period that ``day`` falls in."""
    months = MONTHS_PER_PERIOD[frequency]
    return dt.date(day.year, (day.month - 1) // months * months + 1, 1)


def next_period(start: dt.date, frequency: str) -> dt.date:
    return _add_months(period_start(start, frequency), MONTHS_PER_PERIOD[frequency])


def period_end(start: dt.date, frequency: str) -> dt.date:
    return next_period(start, frequency) - dt.timedelta(days=1)


def due_date(start: dt.date, frequency: str) -> dt.date:
    """When the measurement of the period starting ``start`` is due."""
    return period_end(start, frequency) + dt.timedelta(days=GRACE_DAYS)


def periods_between(first: dt.date, last: dt.date, frequency: str) -> list[dt.date]:
    """Period starts from the period of ``first`` to that of ``last``, both included."""
    out, current, end = [], period_start(first, frequency), period_start(last, frequency)
    while current <= end:
        out.append(current)
        current = next_period(current, frequency)
    return out


# --------------------------------------------------------------------------- achievement

def achievement(baseline: Decimal | None, target: Decimal | None, value: Decimal | None,
                direction: str) -> Decimal | None:
    """Achievement in % of the planned change from baseline to target (None if unknown)."""
    if baseline is None or target is None or value is None:
        return None
    baseline, target, value = Decimal(baseline), Decimal(target), Decimal(value)
    if target == baseline:
        reached = value >= target if direction == INCREASE else value <= target
        return HUNDRED if reached else ZERO
    result = (value - baseline) / (target - baseline) * HUNDRED
    return result.quantize(TENTH, rounding=ROUND_HALF_UP)


def target_on_wrong_side(baseline: Decimal | None, target: Decimal | None,
                         direction: str) -> bool:
    """An increase measure whose target is below its baseline (or the reverse)."""
    if baseline is None or target is None:
        return False
    return target < baseline if direction == INCREASE else target > baseline


def health_of(actual_achievement: Decimal | None, planned_achievement: Decimal | None,
              tolerance: Decimal) -> str:
    """On track, within tolerance or behind, from the achievement of a measurement and the
    achievement the plan asked for in the same period."""
    if actual_achievement is None:
        return NO_DATA
    planned = planned_achievement if planned_achievement is not None else ZERO
    shortfall = planned - actual_achievement
    if shortfall <= 0:
        return ON_TRACK
    if shortfall <= tolerance:
        return WITHIN_TOLERANCE
    return BEHIND


def worst(healths: Iterable[str]) -> str:
    return max(healths, key=lambda h: SEVERITY[h], default=NO_DATA)


def planned_for(plan: Mapping[dt.date, Decimal], period: dt.date) -> Decimal | None:
    """The planned value in force in ``period``: that period's, else the latest before it."""
    if period in plan:
        return plan[period]
    earlier = [p for p in plan if p <= period]
    return plan[max(earlier)] if earlier else None


class MeasureState:
    """A measure's follow-up state on a given day (see the module docstring)."""

    __slots__ = ("health", "achievement", "next_due", "last_measured", "overdue")

    def __init__(self, health, achievement, next_due, last_measured, overdue):
        self.health = health
        self.achievement = achievement
        self.next_due = next_due
        self.last_measured = last_measured
        self.overdue = overdue  # planned periods past their due date without a measurement


def measure_state(*, baseline: Decimal | None, target: Decimal | None, direction: str,
                  tolerance: Decimal, frequency: str, plan: Mapping[dt.date, Decimal],
                  actuals: Mapping[dt.date, Decimal], today: dt.date) -> MeasureState:
    """Health, latest achievement and next due date of one measure.

    ``plan`` maps period → planned value; ``actuals`` maps period → actual value (periods
    with only a forecast are left out).
    """
    measured = set(actuals)
    last = max(measured) if measured else None
    unmeasured_due = sorted(p for p in plan if p not in measured
                            and (last is None or p > last))
    overdue = [p for p in unmeasured_due if due_date(p, frequency) < today]
    pending = [due_date(p, frequency) for p in unmeasured_due]
    next_due = min(pending) if pending else None
    if last is None:
        ach = None
        health = NOT_MEASURED if overdue else NO_DATA
    else:
        ach = achievement(baseline, target, actuals[last], direction)
        planned = planned_for(plan, last)
        planned_ach = achievement(baseline, target, planned, direction) if planned is not None \
            else None
        health = health_of(ach, planned_ach, Decimal(tolerance))
        if overdue:
            health = worst([health, NOT_MEASURED])
    return MeasureState(health, ach, next_due, last, overdue)


# --------------------------------------------------------------------------- valuation

def hours_saved(minutes_per_case: Decimal | None, cases_per_year: Decimal | None) -> Decimal:
    if minutes_per_case is None or cases_per_year is None:
        return ZERO
    return Decimal(minutes_per_case) * Decimal(cases_per_year) / Decimal(60)


def fte(hours: Decimal, productive_hours_per_fte: int | Decimal) -> Decimal:
    if not productive_hours_per_fte:
        return ZERO
    return Decimal(hours) / Decimal(productive_hours_per_fte)


def yearly_value(*, method: str, minutes_per_case=None, cases_per_year=None,
                 hourly_cost=None, unit_cost=None, units_per_year=None,
                 contract_cost_before=None, contract_cost_after=None,
                 is_disbenefit: bool = False) -> Decimal:
    """The value of a benefit per year at full realisation, rounded to cents; negative for
    a dis-benefit; zero when not monetised."""
    if method == "time_saved":
        value = hours_saved(minutes_per_case, cases_per_year) * Decimal(hourly_cost or 0)
    elif method == "unit_cost":
        value = Decimal(unit_cost or 0) * Decimal(units_per_year or 0)
    elif method == "contract":
        value = Decimal(contract_cost_before or 0) - Decimal(contract_cost_after or 0)
    else:
        value = ZERO
    value = value.quantize(CENT, rounding=ROUND_HALF_UP)
    return -abs(value) if is_disbenefit else value


def planned_value(full_value: Decimal, share: Decimal, optimism_adjustment: Decimal) -> Decimal:
    value = (Decimal(full_value) * Decimal(share) / HUNDRED
             * (HUNDRED - Decimal(optimism_adjustment)) / HUNDRED)
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def realised_value(full_value: Decimal, achievement_percent: Decimal | None) -> Decimal | None:
    if achievement_percent is None:
        return None
    return (Decimal(full_value) * Decimal(achievement_percent) / HUNDRED).quantize(
        CENT, rounding=ROUND_HALF_UP)


def npv(values: Mapping[int, Decimal], rate_percent: Decimal, base_year: int) -> Decimal:
    """Net present value at ``base_year`` of yearly values, discounted at ``rate_percent``."""
    factor = Decimal(1) + Decimal(rate_percent) / HUNDRED
    total = sum((Decimal(v) / factor ** (year - base_year) for year, v in values.items()),
                ZERO)
    return total.quantize(CENT, rounding=ROUND_HALF_UP)


def attributed(value: Decimal, attribution_percent: Decimal) -> Decimal:
    return (Decimal(value) * Decimal(attribution_percent) / HUNDRED).quantize(
        CENT, rounding=ROUND_HALF_UP)
