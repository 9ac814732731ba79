"""Statistics of ideas for leaders: ideas per unit and month, time to the first official
answer, the share accepted of decided ideas and the ideas per status.

Everything covers the ideas submitted in the last ``months`` calendar months (the current
month included), hidden ideas left out. A unit is the author's unit when the idea was
submitted (``Idea.unit``). Months are calendar months in the site's time zone.

- Time to first answer: days from submission to the first official answer (fractions of a
  day count), median and mean per month of submission and overall, over the ideas answered.
- Answered within 30 days: of the ideas submitted at least 30 days ago, the share whose first
  answer came within 30 days.
- Share accepted: accepted (or done) ideas of the decided ones (accepted, done, parked or
  rejected; duplicates are merged into another idea and left out).

Cached per data version of the topic "ideas" (core/aggregates.py): every write of idea data
marks it, so the numbers follow at once. Computing costs four queries whatever the number
of ideas (counts per unit and month are grouped in the database; the answer times are read
as pairs of dates).
"""

from __future__ import annotations

import datetime as dt
import statistics as stats
from dataclasses import dataclass, field

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from gevinst.core.aggregates import cached
from gevinst.core.models import Organisation, Unit
from gevinst.ideas.models import Idea

TOPIC = "ideas"
WITHIN_DAYS = 30
DECIDED = (Idea.Status.ACCEPTED, Idea.Status.DONE, Idea.Status.PARKED, Idea.Status.REJECTED)
ACCEPTED = (Idea.Status.ACCEPTED, Idea.Status.DONE)
SECONDS_PER_DAY = 86400


@dataclass
class UnitRow:
    unit_id: int | None
    name: str  # "" for ideas without a unit (the template names it)
    counts: list[int]
    total: int


@dataclass
class AnswerMonth:
    month: dt.date
    submitted: int
    answered: int
    median_days: float | None
    mean_days: float | None


@dataclass
class IdeaStatistics:
    months: list[dt.date]  # first day of each month, oldest first
    units: list[UnitRow]  # most ideas first
    month_totals: list[int]
    total: int
    answer_months: list[AnswerMonth]
    answered: int
    median_days: float | None
    mean_days: float | None
    due_for_answer: int  # submitted at least 30 days ago
    answered_within: int  # of those, first answered within 30 days
    decided: int
    accepted: int
    status_counts: dict[str, int] = field(default_factory=dict)

    @property
    def within_share(self) -> float | None:
        """Share (0–100) answered within 30 days of those submitted at least 30 days ago."""
        return 100 * self.answered_within / self.due_for_answer if self.due_for_answer \
            else None

    @property
    def accepted_share(self) -> float | None:
        """Share (0–100) accepted of the decided ideas."""
        return 100 * self.accepted / self.decided if self.decided else None


def month_starts(now: dt.datetime, months: int) -> list[dt.date]:
    """The first days of the last ``months`` calendar months up to ``now``'s, oldest
    first (in the current time zone)."""
    local = timezone.localtime(now).date().replace(day=1)
    out = []
    year, month = local.year, local.month
    for _ in range(months):
        out.append(dt.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return out[::-1]


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _days(start: dt.datetime, end: dt.datetime) -> float:
    return (end - start).total_seconds() / SECONDS_PER_DAY


def _median(values: list[float]) -> float | None:
    return stats.median(values) if values else None


def _mean(values: list[float]) -> float | None:
    return stats.fmean(values) if values else None


def idea_statistics(organisation: Organisation, *, months: int = 12,
                    now: dt.datetime | None = None) -> IdeaStatistics:
    """The statistics of the last ``months`` months (see the module's doc), cached until the
    organisation's idea data changes."""
    now = now or timezone.now()
    months = max(1, min(int(months), 36))
    key = [months, timezone.localtime(now).date().isoformat(), timezone.get_current_timezone_name()]
    return cached(organisation.pk, TOPIC, "statistics", key,
                  lambda: _compute(organisation, months, now))


def _compute(organisation: Organisation, months: int, now: dt.datetime) -> IdeaStatistics:
    starts = month_starts(now, months)
    index = {m: i for i, m in enumerate(starts)}
    ideas = Idea.objects.filter(organisation=organisation, hidden=False,
                                created_at__gte=_start_of(starts[0]), created_at__lte=now)

    # Ideas per unit and month, grouped in the database.
    per_unit: dict[int | None, list[int]] = {}
    for row in (ideas.order_by().annotate(month=TruncMonth("created_at"))
                .values("unit_id", "month").annotate(n=Count("id"))):
        month = row["month"]
        month = month.date() if isinstance(month, dt.datetime) else month
        if month not in index:
            continue
        per_unit.setdefault(row["unit_id"], [0] * months)[index[month]] += row["n"]
    names = dict(Unit.objects.filter(organisation=organisation,
                                      pk__in=[pk for pk in per_unit if pk is not None])
                 .values_list("pk", "name"))
    units = [UnitRow(unit_id=pk, name=names.get(pk, "") if pk else "", counts=counts,
                     total=sum(counts)) for pk, counts in per_unit.items()]
    units.sort(key=lambda r: (-r.total, r.unit_id is None, r.name.lower()))
    month_totals = [sum(r.counts[i] for r in units) for i in range(months)]

    # Time to the first answer, per month of submission.
    due_before = now - dt.timedelta(days=WITHIN_DAYS)
    per_month: dict[int, list[float]] = {i: [] for i in range(months)}
    everyone: list[float] = []
    due = within = 0
    for created, first in ideas.order_by().values_list("created_at", "first_answered_at"):
        days = _days(created, first) if first is not None else None
        if days is not None:
            month = timezone.localtime(created).date().replace(day=1)
            if month in index:
                per_month[index[month]].append(days)
            everyone.append(days)
        if created <= due_before:
            due += 1
            within += days is not None and days <= WITHIN_DAYS
    answer_months = [AnswerMonth(month=m, submitted=month_totals[i],
                                 answered=len(per_month[i]), median_days=_median(per_month[i]),
                                 mean_days=_mean(per_month[i]))
                     for i, m in enumerate(starts)]

    by_status = dict(ideas.order_by().values("status").annotate(n=Count("id"))
                     .values_list("status", "n"))
    status_counts = {value: by_status.get(value, 0) for value in Idea.Status.values}
    return IdeaStatistics(
        months=starts, units=units, month_totals=month_totals, total=sum(month_totals),
        answer_months=answer_months, answered=len(everyone), median_days=_median(everyone),
        mean_days=_mean(everyone), due_for_answer=due, answered_within=within,
        decided=sum(status_counts[s] for s in DECIDED),
        accepted=sum(status_counts[s] for s in ACCEPTED), status_counts=status_counts)
