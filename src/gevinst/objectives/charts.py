"""The chart of a KPI: its measurements over time against the straight line from the
baseline to the target (core/charts.py draws it as an accessible SVG; the page shows the
same numbers in a table)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from gevinst.core import charts
from gevinst.objectives.selectors.kpis import KpiView

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
WIDTH = 420


def kpi_chart(view: KpiView, organisation, key: str | None = None) -> charts.Chart:
    """Measured values from the baseline on (solid) and the expected straight line from the
    baseline to the target (dashed), in the KPI's unit, by date."""
    kpi = view.kpi
    names = {"expected": _("Expected"), "measured": _("Measured")}
    order = [names["expected"], names["measured"]]
    values = [
        {"date": kpi.baseline_date.isoformat(), "series": names["expected"],
         "value": float(kpi.baseline_value)},
        {"date": kpi.target_date.isoformat(), "series": names["expected"],
         "value": float(kpi.target_value)},
        # The measured line starts at the baseline (measured on the baseline date).
        {"date": kpi.baseline_date.isoformat(), "series": names["measured"],
         "value": float(kpi.baseline_value)},
        *[{"date": row.measurement.measured_on.isoformat(), "series": names["measured"],
           "value": float(row.measurement.value)} for row in view.rows],
    ]
    unit = kpi.unit or _("value")
    spec = {
        "$schema": SCHEMA, "data": {"values": values}, "width": WIDTH, "height": 220,
        "mark": {"type": "line", "point": {"size": 50}, "strokeWidth": 2},
        "encoding": {
            "x": {"field": "date", "type": "temporal", "title": _("Date"),
                  "axis": {"format": "%Y-%m", "labelAngle": 0, "tickCount": 6}},
            "y": {"field": "value", "type": "quantitative", "title": unit,
                  "axis": {"format": ",~f"}, "scale": {"zero": False}},
            "color": {"field": "series", "type": "nominal", "title": None, "sort": order,
                      "scale": {"domain": order, "range": [charts.PALETTE[1],
                                                           charts.PALETTE[0]]}},
            "strokeDash": {"field": "series", "type": "nominal", "title": None, "sort": order,
                           "scale": {"domain": order, "range": [[6, 3], [1, 0]]}},
        },
    }
    title = _("%(kpi)s: measured and expected (%(unit)s)") % {"kpi": kpi.name, "unit": unit}
    return charts.Chart(key or f"kpi-{kpi.pk}", title, spec, organisation)
