"""Excel export of the objectives: one workbook with three sheets — Objectives (the tree,
with health, what contributes and what is off track), KPIs (baseline, target, latest value,
achievement, expected, health) and KPI measurements (every measurement with what the
straight line expected on its day).

A fixed number of queries however many rows. Every text is written as text
(core/excel.py): a title such as ``=HYPERLINK(...)`` stays text in Excel.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence

import xlsxwriter
from django.http import HttpResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from gevinst.core.access import READ_PORTFOLIO, role_required
from gevinst.core.excel import WORKBOOK_OPTIONS, XLSX_TYPE, write_text
from gevinst.objectives import calc
from gevinst.objectives.models import Kpi, KpiMeasurement
from gevinst.objectives.selectors.kpis import health_label, kpi_state, with_latest
from gevinst.objectives.selectors.overview import objective_overview


def _number(value) -> float | None:
    return None if value is None else float(value)


def _sheet(book, formats: dict, name: str, headers: Sequence[str],
           rows: Iterable[Sequence]) -> None:
    """One sheet: bold headings, dates as dates, numbers as numbers, texts as text."""
    ws = book.add_worksheet(name[:31])
    widths = [min(max(len(h), 10), 60) for h in headers]
    for col, header in enumerate(headers):
        write_text(ws, 0, col, str(header), formats["bold"])
    count = 0
    for r, row in enumerate(rows, start=1):
        count = r
        for c, value in enumerate(row):
            if isinstance(value, dt.date):
                ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()), formats["date"])
            elif value is None:
                ws.write_blank(r, c, None)
            elif isinstance(value, bool):
                ws.write_boolean(r, c, value)
            elif isinstance(value, int | float):
                ws.write_number(r, c, value)
            else:
                text = str(value)
                write_text(ws, r, c, text)
                widths[c] = min(max(widths[c], len(text) + 2), 60)
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(count, 1), len(headers) - 1)


def workbook(sheets: list[tuple[str, Sequence[str], Iterable[Sequence]]]) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, WORKBOOK_OPTIONS)
    formats = {"bold": book.add_format({"bold": True, "text_wrap": True, "valign": "top"}),
               "date": book.add_format({"num_format": "yyyy-mm-dd"})}
    for name, headers, rows in sheets:
        _sheet(book, formats, name, headers, rows)
    book.close()
    return buffer.getvalue()


def objective_sheet(org, today: dt.date):
    rows = objective_overview(org, today)
    headers = [_("Reference"), _("Title"), _("Description"), _("Part of"), _("Level"),
               _("Owner"), _("KPIs"), _("Health"), _("Initiatives"), _("Benefits"),
               f"{_('Yearly value of the contributing benefits')} ({org.currency})",
               _("KPIs behind"), _("KPIs not measured"), _("Benefits slipping"),
               _("Initiatives red"), _("Off track")]
    out = []
    for row in rows:
        o = row.objective
        out.append([
            o.reference, o.title, o.description, row.parent.reference if row.parent else None,
            row.depth + 1, o.owner.email if o.owner else None, len(row.kpis),
            health_label(row.health), row.initiative_count, row.benefit_count,
            float(row.value), row.off_track.kpis_behind, row.off_track.kpis_not_measured,
            row.off_track.benefits, row.off_track.initiatives, bool(row.off_track)])
    return _("Objectives"), headers, out


def kpi_sheet(org, today: dt.date):
    headers = [_("Objective"), _("Reference"), _("Name"), _("Description"), _("Unit"),
               _("Direction"), _("Data source"), _("Baseline"), _("Baseline date"),
               _("Target"), _("Target date"), _("Tolerance (percentage points)"),
               _("Latest value"), _("Latest measured on"), _("Achievement (%)"),
               _("Expected achievement on that day (%)"), _("Expected achievement today (%)"),
               _("Health")]
    directions = {k: str(v) for k, v in Kpi.Direction.choices}
    kpis = with_latest(Kpi.objects.filter(organisation=org).select_related("objective"), org)

    def row(kpi: Kpi) -> list:
        state = kpi_state(kpi, kpi.latest_value, kpi.latest_on, today)
        return [kpi.objective.reference, kpi.reference, kpi.name, kpi.description, kpi.unit,
                directions.get(kpi.direction, kpi.direction), kpi.data_source,
                _number(kpi.baseline_value), kpi.baseline_date, _number(kpi.target_value),
                kpi.target_date, _number(kpi.tolerance), _number(state.latest_value),
                state.latest_on, _number(state.achievement), _number(state.expected),
                _number(state.expected_today), health_label(state.health)]

    return _("KPIs"), headers, (row(k) for k in kpis.order_by("objective__number", "number"))


def measurement_sheet(org):
    headers = [_("Objective"), _("KPI"), _("KPI name"), _("Unit"), _("Date"), _("Value"),
               _("Expected value"), _("Achievement (%)"), _("Expected achievement (%)"),
               _("Health"), _("Comment"), _("Recorded by")]
    measurements = (KpiMeasurement.objects.filter(organisation=org)
                    .select_related("kpi", "kpi__objective", "recorded_by")
                    .order_by("kpi__objective__number", "kpi__number", "measured_on"))

    def row(m: KpiMeasurement) -> list:
        k = m.kpi
        achievement = calc.achievement(k.baseline_value, k.target_value, m.value, k.direction)
        expected = calc.expected_achievement(k.baseline_date, k.target_date, m.measured_on)
        expected_value = calc.expected_value(k.baseline_value, k.target_value,
                                             k.baseline_date, k.target_date, m.measured_on)
        return [k.objective.reference, k.reference, k.name, k.unit, m.measured_on,
                _number(m.value), round(float(expected_value), 4), _number(achievement),
                _number(expected), health_label(calc.health(achievement, expected,
                                                            k.tolerance)),
                m.comment, m.recorded_by.email if m.recorded_by else None]

    return _("KPI measurements"), headers, (row(m) for m in measurements.iterator(
        chunk_size=2000))


@role_required(READ_PORTFOLIO)
@require_GET
def objectives_export(request, org_slug):
    """The objectives, their KPIs and every KPI measurement, in one workbook."""
    org = request.organisation
    today = timezone.localdate()
    data = workbook([objective_sheet(org, today), kpi_sheet(org, today),
                     measurement_sheet(org)])
    response = HttpResponse(data, content_type=XLSX_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="{org.slug}-objectives-{today.isoformat()}.xlsx"')
    return response


urlpatterns = [
    path("objectives/export.xlsx", objectives_export, name="objectives_export"),
]
