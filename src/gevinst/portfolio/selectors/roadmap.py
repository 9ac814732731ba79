"""The roadmap: initiatives as start→end bars in a window of years, one query for the rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F

from gevinst.core.models import Organisation
from gevinst.portfolio.selectors.initiatives import InitiativeFilter, initiatives

MAX_YEARS = 10


@dataclass(frozen=True)
class Window:
    """The years the timeline shows: 1 January of ``first`` to 31 December of the last."""

    first: int
    years: int

    @property
    def start(self) -> dt.date:
        return dt.date(self.first, 1, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.first + self.years - 1, 12, 31)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def position(self, day: dt.date) -> float:
        """Where ``day`` lies in the window, 0..100 (%), clipped."""
        return min(100.0, max(0.0, 100 * (day - self.start).days / self.days))

    @classmethod
    def around(cls, today: dt.date, first: str | int | None = None,
               years: str | int | None = None) -> Window:
        """Default: last year and the three years from now on."""
        try:
            first = int(first)
        except (TypeError, ValueError):
            first = today.year - 1
        try:
            years = int(years)
        except (TypeError, ValueError):
            years = 4
        first = min(max(first, 1990), 2100)
        return cls(first, min(max(years, 1), MAX_YEARS))


ROW_FIELDS = ("reference", "title", "phase_id", "status", "start_date", "end_date",
              "programme_id", "programme__name", "owning_unit__name")


def roadmap_rows(organisation: Organisation, f: InitiativeFilter | None = None, *,
                 by_programme: bool = False):
    """The roadmap's rows as named tuples: by start date (undated last), or grouped by
    programme (initiatives without one last)."""
    qs = initiatives(organisation, f).select_related(None)
    order = [F("start_date").asc(nulls_last=True), F("end_date").asc(nulls_last=True),
             "number"]
    if by_programme:
        order = [F("programme__name").asc(nulls_last=True), "programme_id", *order]
    return qs.order_by(*order).values_list(*ROW_FIELDS, named=True)
