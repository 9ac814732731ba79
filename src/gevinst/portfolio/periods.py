"""Reporting periods: a month or a quarter, named by its first day.

An organisation reports monthly or quarterly (``Organisation.status_report_cadence``); the
report of a period is due on ``status_report_due_day`` of the month after the period ends.
"""

from __future__ import annotations

import datetime as dt

from django.utils import formats
from django.utils.translation import gettext as _

MONTHLY = "monthly"
QUARTERLY = "quarterly"


def _months(cadence: str) -> int:
    return 3 if cadence == QUARTERLY else 1


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + (day.month - 1) + months
    return dt.date(index // 12, index % 12 + 1, 1)


def period_start(day: dt.date, cadence: str) -> dt.date:
    """The first day of the period ``day`` falls in."""
    if cadence == QUARTERLY:
        return dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return dt.date(day.year, day.month, 1)


def is_period_start(day: dt.date, cadence: str) -> bool:
    return period_start(day, cadence) == day


def next_period(start: dt.date, cadence: str) -> dt.date:
    return _add_months(period_start(start, cadence), _months(cadence))


def previous_period(start: dt.date, cadence: str) -> dt.date:
    return _add_months(period_start(start, cadence), -_months(cadence))


def period_end(start: dt.date, cadence: str) -> dt.date:
    return next_period(start, cadence) - dt.timedelta(days=1)


def due_date(start: dt.date, cadence: str, due_day: int) -> dt.date:
    """When the report of the period starting ``start`` is due."""
    after = next_period(start, cadence)
    return after.replace(day=max(1, min(due_day, 28)))


def last_finished_period(today: dt.date, cadence: str) -> dt.date:
    """The period that ended most recently before ``today``."""
    return previous_period(period_start(today, cadence), cadence)


def recent_periods(today: dt.date, cadence: str, n: int) -> list[dt.date]:
    """The current period and the ``n - 1`` before it, newest first."""
    start = period_start(today, cadence)
    out = []
    for _i in range(n):
        out.append(start)
        start = previous_period(start, cadence)
    return out


def period_label(start: dt.date, cadence: str) -> str:
    """'March 2026' or 'Q1 2026', in the active language."""
    if cadence == QUARTERLY:
        return _("Q%(quarter)s %(year)s") % {"quarter": (start.month - 1) // 3 + 1,
                                              "year": start.year}
    return formats.date_format(start, "YEAR_MONTH_FORMAT")


def parse_period(value: str, cadence: str) -> dt.date | None:
    """A period from an address parameter ('2026-03' or '2026-03-01'); None if invalid."""
    value = (value or "").strip()
    if len(value) == 7:
        value += "-01"
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return None
    return period_start(day, cadence)
