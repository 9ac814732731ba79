"""Reads of KPIs: each KPI's state (latest value against the straight line and the target)
and its measurements with what was expected on each day. A fixed number of queries,
however many KPIs and measurements."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import OuterRef, QuerySet, Subquery

from gevinst.benefits.models import Health
from gevinst.benefits.selectors.measures import display_number, display_percent
from gevinst.core.models import Organisation
from gevinst.objectives import calc
from gevinst.objectives.models import Kpi, KpiMeasurement, Objective


def health_label(value: str) -> str:
    """The words of a health value ("On track", "Behind", "No measurements yet")."""
    try:
        return str(Health(value).label)
    except ValueError:
        return value


def kpi_state(kpi: Kpi, latest_value, latest_on, today: dt.date) -> calc.KpiState:
    return calc.kpi_state(
        baseline=kpi.baseline_value, target=kpi.target_value, direction=kpi.direction,
        baseline_date=kpi.baseline_date, target_date=kpi.target_date,
        tolerance=kpi.tolerance, latest_value=latest_value, latest_on=latest_on, today=today)


def texts(kpi: Kpi, state: calc.KpiState, organisation: Organisation) -> dict:
    """The KPI's numbers as the organisation writes them ('' for none)."""
    return {
        "baseline": display_number(kpi.baseline_value, organisation),
        "target": display_number(kpi.target_value, organisation),
        "latest": display_number(state.latest_value, organisation),
        "achievement": display_percent(state.achievement, organisation),
        "expected": display_percent(state.expected, organisation),
        "expected_today": display_percent(state.expected_today, organisation),
        "tolerance": display_number(kpi.tolerance, organisation),
        "none": display_percent(calc.ZERO, organisation),
        "full": display_percent(calc.HUNDRED, organisation),
    }


def with_latest(queryset: QuerySet[Kpi], organisation: Organisation) -> QuerySet[Kpi]:
    """KPIs annotated with their latest measurement's value and day (``latest_value``,
    ``latest_on``): one query for any number of KPIs."""
    latest = (KpiMeasurement.objects.filter(organisation=organisation, kpi=OuterRef("pk"))
              .order_by("-measured_on"))
    return queryset.annotate(latest_value=Subquery(latest.values("value")[:1]),
                             latest_on=Subquery(latest.values("measured_on")[:1]))


@dataclass
class KpiLine:
    """A KPI in a list: its state and its numbers as text."""

    kpi: Kpi
    state: calc.KpiState
    text: dict

    @property
    def health(self) -> str:
        return self.state.health

    @property
    def health_label(self) -> str:
        return health_label(self.state.health)


def kpi_lines(organisation: Organisation, today: dt.date,
              objectives: Iterable[int] | None = None) -> dict[int, list[KpiLine]]:
    """Objective id → its KPIs (in order) with their states. One query."""
    qs = Kpi.objects.filter(organisation=organisation)
    if objectives is not None:
        qs = qs.filter(objective_id__in=list(objectives))
    out: dict[int, list[KpiLine]] = defaultdict(list)
    for kpi in with_latest(qs, organisation).order_by("objective_id", "number"):
        state = kpi_state(kpi, kpi.latest_value, kpi.latest_on, today)
        out[kpi.objective_id].append(KpiLine(kpi, state, texts(kpi, state, organisation)))
    return out


@dataclass
class MeasurementRow:
    """A measurement with what the straight line asked for on its day."""

    measurement: KpiMeasurement
    achievement: Decimal | None
    expected: Decimal
    expected_value: Decimal
    health: str
    text: dict = field(default_factory=dict)

    @property
    def health_label(self) -> str:
        return health_label(self.health)


@dataclass
class KpiView:
    """A KPI with its state and every measurement (oldest first)."""

    kpi: Kpi
    state: calc.KpiState
    rows: list[MeasurementRow]
    text: dict

    @property
    def health(self) -> str:
        return self.state.health

    @property
    def health_label(self) -> str:
        return health_label(self.state.health)


def measurement_row(kpi: Kpi, m: KpiMeasurement,
                    organisation: Organisation) -> MeasurementRow:
    achievement = calc.achievement(kpi.baseline_value, kpi.target_value, m.value,
                                   kpi.direction)
    expected = calc.expected_achievement(kpi.baseline_date, kpi.target_date, m.measured_on)
    expected_value = calc.expected_value(kpi.baseline_value, kpi.target_value,
                                         kpi.baseline_date, kpi.target_date, m.measured_on)
    return MeasurementRow(
        measurement=m, achievement=achievement, expected=expected,
        expected_value=expected_value,
        health=calc.health(achievement, expected, kpi.tolerance),
        text={"value": display_number(m.value, organisation),
              "achievement": display_percent(achievement, organisation),
              "expected": display_percent(expected, organisation),
              "expected_value": display_number(expected_value.quantize(Decimal("0.01")),
                                               organisation)})


def kpi_views(kpis: list[Kpi], organisation: Organisation,
              today: dt.date) -> list[KpiView]:
    """Each of ``kpis`` with its measurements and state. One query for the measurements."""
    by_kpi: dict[int, list[KpiMeasurement]] = defaultdict(list)
    if kpis:
        for m in (KpiMeasurement.objects.filter(organisation=organisation,
                                                kpi_id__in=[k.pk for k in kpis])
                  .select_related("recorded_by").order_by("kpi_id", "measured_on")):
            by_kpi[m.kpi_id].append(m)
    views = []
    for kpi in kpis:
        measurements = by_kpi.get(kpi.pk, [])
        for m in measurements:
            m.kpi = kpi
        latest = measurements[-1] if measurements else None
        state = kpi_state(kpi, latest.value if latest else None,
                          latest.measured_on if latest else None, today)
        views.append(KpiView(kpi=kpi, state=state,
                             rows=[measurement_row(kpi, m, organisation)
                                   for m in measurements],
                             text=texts(kpi, state, organisation)))
    return views


def objective_kpis(objective: Objective, organisation: Organisation,
                   today: dt.date) -> list[KpiView]:
    """The objective's KPIs with their measurements. Two queries."""
    kpis = list(Kpi.objects.filter(organisation=organisation, objective=objective)
                .order_by("number"))
    for kpi in kpis:
        kpi.objective = objective
    return kpi_views(kpis, organisation, today)
