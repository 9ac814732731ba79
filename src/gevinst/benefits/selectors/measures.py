"""Reads of measures, their planned trajectory and measurements: the benefit's measures page,
the periods that forms offer and the quick-entry grid.

Every function here costs a fixed number of queries, whatever the number of measures,
periods or measurements (the rows are loaded in bulk and put together in Python).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from gevinst.benefits import calc
from gevinst.benefits.models import (
    Benefit,
    BenefitInitiative,
    Health,
    Measure,
    Measurement,
    PlannedValue,
)
from gevinst.core.models import Organisation, Unit, User
from gevinst.core.templatetags.gevinst_format import format_number

# No form offers more periods than this (ten years of months and then some).
PERIOD_CAP = 240
# Benefits whose measures can be recorded (the service refuses the others).
RECORDABLE = [s for s in Benefit.Status.values
              if s not in (Benefit.Status.IDENTIFIED, Benefit.Status.WITHDRAWN)]
GRID_PAGE_SIZE = 50
MAX_DECIMALS = 4


def display_number(value, organisation) -> str:
    """A measured or planned number the organisation's way, without trailing zeros
    (``1 234,5``); '' for no value."""
    if value is None or value == "":
        return ""
    if not isinstance(value, Decimal):
        try:
            value = Decimal(str(value))
        except ArithmeticError:
            return str(value)
    value = value.normalize()
    decimals = min(MAX_DECIMALS, max(0, -value.as_tuple().exponent))
    return format_number(value, organisation, decimals)


def display_percent(value, organisation) -> str:
    """An achievement (%) with one decimal: ``30,0``; '' for none."""
    return "" if value is None else format_number(value, organisation, 1)


# --------------------------------------------------------------------------- periods

def period_label(period: dt.date, frequency: str) -> str:
    """A period as people name it: "January 2026", "Q1 2026", "H2 2026", "2026"."""
    if frequency == Measure.Frequency.MONTHLY:
        return date_format(period, "YEAR_MONTH_FORMAT")
    if frequency == Measure.Frequency.QUARTERLY:
        return _("Q%(quarter)s %(year)s") % {"quarter": (period.month - 1) // 3 + 1,
                                             "year": period.year}
    if frequency == Measure.Frequency.HALF_YEARLY:
        return _("H%(half)s %(year)s") % {"half": (period.month - 1) // 6 + 1,
                                          "year": period.year}
    return str(period.year)


def _capped(periods: list[dt.date]) -> list[dt.date]:
    return periods[-PERIOD_CAP:]


def plan_periods(measure: Measure, planned=()) -> list[dt.date]:
    """The periods a plan has a row for: from the baseline date to the target date by the
    measure's frequency, and every period already planned."""
    periods = set(planned)
    if measure.baseline_date and measure.target_date:
        periods.update(_capped(calc.periods_between(
            measure.baseline_date, measure.target_date, measure.frequency)))
    return sorted(periods)


def measurement_periods(measure: Measure, today: dt.date, planned=(),
                        measured=()) -> list[dt.date]:
    """The periods a measurement can be recorded for: from the baseline (or the first
    planned period) to the later of the target date and today — benefits are measured
    after their initiatives and targets have passed — plus every planned or measured one."""
    known = set(planned) | set(measured)
    first = measure.baseline_date or (min(known) if known else None) or today
    last = max(d for d in (measure.target_date, today, *known) if d is not None)
    periods = set(_capped(calc.periods_between(first, last, measure.frequency)))
    return sorted(periods | known)


def latest_finished_period(frequency: str, today: dt.date) -> dt.date:
    """The last period that has ended by ``today``."""
    current = calc.period_start(today, frequency)
    return calc.period_start(current - dt.timedelta(days=1), frequency)


# --------------------------------------------------------------------------- measures page

@dataclass
class PeriodRow:
    period: dt.date
    label: str
    planned: Decimal | None = None
    measurement: Measurement | None = None
    achievement: Decimal | None = None
    status: str = ""  # a Health value, "due" (not due yet) or "" (nothing planned)
    status_label: str = ""
    text: dict = field(default_factory=dict)  # planned, actual, forecast, achievement

    @property
    def actual(self):
        return self.measurement.actual if self.measurement else None

    @property
    def forecast(self):
        return self.measurement.forecast if self.measurement else None


@dataclass
class MeasureView:
    measure: Measure
    rows: list[PeriodRow] = field(default_factory=list)
    planned: dict = field(default_factory=dict)
    text: dict = field(default_factory=dict)  # baseline, target, achievement, tolerance

    @property
    def has_plan(self) -> bool:
        return bool(self.planned)


def _status(measure: Measure, row: PeriodRow, plan: dict, today: dt.date) -> None:
    labels = dict(Health.choices)
    if row.actual is not None:
        planned = calc.planned_for(plan, row.period)
        planned_ach = (calc.achievement(measure.baseline_value, measure.target_value, planned,
                                        measure.direction) if planned is not None else None)
        row.status = calc.health_of(row.achievement, planned_ach, Decimal(measure.tolerance))
    elif row.planned is not None and calc.due_date(row.period, measure.frequency) < today:
        row.status = Health.NOT_MEASURED
    elif row.planned is not None:
        row.status = "due"
        row.status_label = _("Due %(date)s") % {
            "date": date_format(calc.due_date(row.period, measure.frequency),
                                "SHORT_DATE_FORMAT")}
        return
    row.status_label = str(labels.get(row.status, "")) if row.status else ""


def measure_views(benefit: Benefit, today: dt.date,
                  organisation: Organisation | None = None) -> list[MeasureView]:
    """Each measure of ``benefit`` with its plan and measurements side by side per period
    (three queries)."""
    measures = list(Measure.objects.filter(organisation_id=benefit.organisation_id,
                                           benefit=benefit).order_by("order", "pk"))
    ids = [m.pk for m in measures]
    plans: dict[int, dict] = {pk: {} for pk in ids}
    for measure_id, period, value in (PlannedValue.objects
                                      .filter(organisation_id=benefit.organisation_id,
                                              measure_id__in=ids)
                                      .values_list("measure_id", "period", "value")):
        plans[measure_id][period] = value
    measured: dict[int, dict] = {pk: {} for pk in ids}
    for row in (Measurement.objects.filter(organisation_id=benefit.organisation_id,
                                           measure_id__in=ids)
                .select_related("recorded_by", "verified_by").order_by("period")):
        measured[row.measure_id][row.period] = row
    views = []
    for measure in measures:
        plan, rows = plans[measure.pk], measured[measure.pk]
        view = MeasureView(measure=measure, planned=plan, text={
            "baseline": display_number(measure.baseline_value, organisation),
            "target": display_number(measure.target_value, organisation),
            "achievement": display_percent(measure.achievement, organisation),
            "tolerance": display_number(measure.tolerance, organisation)})
        for period in sorted(set(plan) | set(rows)):
            row = PeriodRow(period=period, label=period_label(period, measure.frequency),
                            planned=plan.get(period), measurement=rows.get(period))
            row.achievement = calc.achievement(measure.baseline_value, measure.target_value,
                                               row.actual, measure.direction)
            _status(measure, row, plan, today)
            row.text = {"planned": display_number(row.planned, organisation),
                        "actual": display_number(row.actual, organisation),
                        "forecast": display_number(row.forecast, organisation),
                        "achievement": display_percent(row.achievement, organisation)}
            view.rows.append(row)
        views.append(view)
    return views


def planned_values(measure: Measure) -> dict[dt.date, Decimal]:
    return dict(PlannedValue.objects.filter(organisation_id=measure.organisation_id,
                                            measure=measure).values_list("period", "value"))


def measured_periods(measure: Measure) -> set[dt.date]:
    return set(Measurement.objects.filter(organisation_id=measure.organisation_id,
                                          measure=measure).values_list("period", flat=True))


# --------------------------------------------------------------------------- grid

@dataclass
class GridFilter:
    owner: int | None = None  # a user id ("me" is resolved by the view)
    programme: int | None = None
    initiative: str = ""  # a reference, INI-0001
    unit: int | None = None  # the receiving unit of the benefit
    frequency: str = ""
    month: dt.date | None = None  # None: the latest finished period of each measure


@dataclass
class GridRow:
    measure: Measure
    period: dt.date
    label: str
    planned: Decimal | None = None
    existing: Measurement | None = None
    can_record: bool = False
    values: dict = field(default_factory=dict)  # what the inputs show
    errors: dict = field(default_factory=dict)  # field → [messages]
    text: dict = field(default_factory=dict)  # baseline, target, planned, actual, forecast

    @property
    def benefit(self) -> Benefit:
        return self.measure.benefit

    @property
    def prefix(self) -> str:
        return f"m{self.measure.pk}"

    @property
    def first_error_field(self) -> str:
        for name in ("actual", "forecast", "comment"):
            if name in self.errors:
                return name
        return "actual"


def _grid_filtered(organisation: Organisation, f: GridFilter) -> QuerySet:
    qs = Measure.objects.filter(organisation=organisation, benefit__status__in=RECORDABLE)
    links = BenefitInitiative.objects.filter(organisation=organisation)
    if f.owner is not None:
        qs = qs.filter(benefit__owner_id=f.owner)
    if f.unit is not None:
        qs = qs.filter(benefit__owner_unit_id=f.unit)
    if f.frequency:
        qs = qs.filter(frequency=f.frequency)
    if f.programme is not None:
        qs = qs.filter(benefit_id__in=links.filter(initiative__programme_id=f.programme)
                       .values("benefit_id"))
    if f.initiative:
        qs = qs.filter(benefit_id__in=links.filter(
            initiative__reference=f.initiative.strip().upper()).values("benefit_id"))
    return qs


def grid_measures(organisation: Organisation, f: GridFilter) -> tuple[QuerySet, QuerySet]:
    """(the measures of the grid with their benefits, the same filter for counting)."""
    count = _grid_filtered(organisation, f)
    rows = (count.select_related("benefit")
            .order_by("benefit__number", "order", "pk"))
    return rows, count


def grid_period(measure: Measure, f: GridFilter, today: dt.date) -> dt.date:
    if f.month is not None:
        return calc.period_start(f.month, measure.frequency)
    return latest_finished_period(measure.frequency, today)


def grid_rows(organisation: Organisation, measures: list[Measure], f: GridFilter,
              today: dt.date) -> list[GridRow]:
    """One row per measure of a page, with the period that applies to it, its planned value
    and any measurement already recorded (two queries)."""
    rows = [GridRow(measure=m, period=(p := grid_period(m, f, today)),
                    label=period_label(p, m.frequency)) for m in measures]
    ids = [r.measure.pk for r in rows]
    periods = {r.period for r in rows}
    planned = {(m, p): v for m, p, v in PlannedValue.objects.filter(
        organisation=organisation, measure_id__in=ids, period__in=periods)
        .values_list("measure_id", "period", "value")}
    existing = {(m.measure_id, m.period): m for m in Measurement.objects.filter(
        organisation=organisation, measure_id__in=ids, period__in=periods)}
    for row in rows:
        key = (row.measure.pk, row.period)
        row.planned = planned.get(key)
        row.existing = existing.get(key)
        m = row.existing
        row.text = {
            "baseline": display_number(row.measure.baseline_value, organisation),
            "target": display_number(row.measure.target_value, organisation),
            "planned": display_number(row.planned, organisation),
            "actual": display_number(m.actual, organisation) if m else "",
            "forecast": display_number(m.forecast, organisation) if m else ""}
    return rows


def owner_options(organisation: Organisation) -> list[tuple[int, str]]:
    """(user id, name) of everyone who owns a benefit, for the owner filter."""
    owners = Benefit.objects.filter(organisation=organisation, owner__isnull=False).values(
        "owner_id")
    return [(u.pk, u.full_name or u.email) for u in
            User.objects.filter(pk__in=owners).order_by("full_name", "email")
            .only("pk", "full_name", "email")]


def unit_options(organisation: Organisation) -> list[tuple[int, str]]:
    return list(Unit.objects.filter(organisation=organisation).order_by("name")
                .values_list("pk", "name"))
