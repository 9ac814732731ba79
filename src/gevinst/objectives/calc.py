"""The arithmetic of objectives and their KPIs: pure functions over numbers and dates.

- A KPI's achievement is that of a benefit measure (benefits/calc.py): (value − baseline) ÷
  (target − baseline) × 100, direction-aware; when baseline = target, a value at or beyond
  the target in the wanted direction is 100 %, anything else 0 %.
- The expected achievement on a day is the straight line from the baseline date (0 %) to
  the target date (100 %), capped to 0..100 (before the baseline date 0 %, from the target
  date on 100 %). The expected value on a day is the baseline plus that share of the change.
- A KPI's health compares the achievement of its latest measurement with the achievement
  expected on the day it was measured: not behind → on track; behind by no more than the
  tolerance (percentage points) → within tolerance; further behind → behind. A KPI without
  measurements has no data: it counts as "not measured" in what is off track.
- An objective's health is the worst of its KPIs' (behind first, no data last).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from gevinst.benefits import calc as benefits_calc

HUNDRED = Decimal("100")
ZERO = Decimal("0")
TENTH = Decimal("0.1")

ON_TRACK = benefits_calc.ON_TRACK
WITHIN_TOLERANCE = benefits_calc.WITHIN_TOLERANCE
BEHIND = benefits_calc.BEHIND
NO_DATA = benefits_calc.NO_DATA


def achievement(baseline: Decimal, target: Decimal, value: Decimal | None,
                direction: str) -> Decimal | None:
    """Achievement (%) of ``value`` on the way from ``baseline`` to ``target``."""
    return benefits_calc.achievement(baseline, target, value, direction)


def expected_achievement(baseline_date: dt.date, target_date: dt.date,
                         day: dt.date) -> Decimal:
    """The achievement (%) the straight line from baseline to target asks for on ``day``,
    capped to 0..100, to one decimal."""
    if day >= target_date:
        return HUNDRED
    if day <= baseline_date:
        return ZERO
    span = (target_date - baseline_date).days
    share = Decimal((day - baseline_date).days) / Decimal(span) * HUNDRED
    return share.quantize(TENTH, rounding=ROUND_HALF_UP)


def expected_value(baseline: Decimal, target: Decimal, baseline_date: dt.date,
                   target_date: dt.date, day: dt.date) -> Decimal:
    """The value the straight line from baseline to target asks for on ``day``."""
    if day >= target_date:
        return Decimal(target)
    if day <= baseline_date:
        return Decimal(baseline)
    span = (target_date - baseline_date).days
    share = Decimal((day - baseline_date).days) / Decimal(span)
    return Decimal(baseline) + (Decimal(target) - Decimal(baseline)) * share


def health(actual_achievement: Decimal | None, expected: Decimal | None,
           tolerance: Decimal) -> str:
    """On track, within tolerance, behind, or no data (no measurement)."""
    return benefits_calc.health_of(actual_achievement, expected, Decimal(tolerance))


def worst(healths: Iterable[str]) -> str:
    """The worst of ``healths`` (behind, within tolerance, on track, no data)."""
    return benefits_calc.worst(healths)


@dataclass(frozen=True)
class KpiState:
    """Where a KPI stands: its latest measurement against the straight line and target."""

    latest_value: Decimal | None
    latest_on: dt.date | None
    achievement: Decimal | None
    expected: Decimal | None  # expected achievement on the day of the latest measurement
    expected_today: Decimal
    health: str

    @property
    def not_measured(self) -> bool:
        return self.latest_on is None

    @property
    def off_track(self) -> bool:
        """Behind, or never measured."""
        return self.health == BEHIND or self.latest_on is None


def kpi_state(*, baseline: Decimal, target: Decimal, direction: str, baseline_date: dt.date,
              target_date: dt.date, tolerance: Decimal, latest_value: Decimal | None,
              latest_on: dt.date | None, today: dt.date) -> KpiState:
    """The state of one KPI from its latest measurement (``latest_on`` its day)."""
    expected_today = expected_achievement(baseline_date, target_date, today)
    if latest_on is None or latest_value is None:
        return KpiState(None, None, None, None, expected_today, NO_DATA)
    ach = achievement(baseline, target, latest_value, direction)
    expected = expected_achievement(baseline_date, target_date, latest_on)
    return KpiState(Decimal(latest_value), latest_on, ach, expected, expected_today,
                    health(ach, expected, tolerance))
