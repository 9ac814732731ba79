"""The portfolio dashboard: five charts, each with its data table."""

from __future__ import annotations

import math

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from gevinst.core import charts
from gevinst.core.access import READ_PORTFOLIO, role_required
from gevinst.portfolio import listing
from gevinst.portfolio.selectors import dashboard as selectors
from gevinst.portfolio.selectors.initiatives import programmes

WIDTH = 420
SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"


def _count_axis(highest: int) -> tuple[dict, dict]:
    """Whole-number ticks for counts (Vega would draw 0.5 steps for small numbers)."""
    step = max(1, math.ceil(highest / 5))
    top = max(step, math.ceil(highest / step) * step)
    return ({"values": list(range(0, top + 1, step)), "format": ",~f"},
            {"domain": [0, top], "nice": False})


def _bar(values, *, x_title, y_title, colour=None, horizontal=True, height=None) -> dict:
    """A bar chart of counts with the count written at each bar (Vega-Lite, plain dicts:
    Altair's object model and validation would cost ~100 ms a page; the tests validate
    these specs against the Vega-Lite schema with Altair)."""
    axis, scale = _count_axis(max((v["n"] for v in values), default=0))
    count = {"field": "n", "type": "quantitative", "axis": axis, "scale": scale}
    label = {"field": "label", "type": "nominal", "sort": None}
    if horizontal:
        enc = {"x": {**count, "title": x_title}, "y": {**label, "title": y_title}}
        text_mark = {"type": "text", "align": "left", "baseline": "middle", "dx": 3,
                     "color": "#1f2937"}
    else:
        enc = {"x": {**label, "title": x_title, "axis": {"labelAngle": 0}},
               "y": {**count, "title": y_title}}
        text_mark = {"type": "text", "align": "center", "baseline": "bottom", "dy": -3,
                     "color": "#1f2937"}
    bar_enc = dict(enc)
    if colour is not None:
        bar_enc["color"] = colour
    return {
        "$schema": SCHEMA, "data": {"values": values},
        "width": WIDTH, "height": height or max(90, 28 * len(values)),
        "layer": [
            {"mark": {"type": "bar", "color": charts.PALETTE[0]}, "encoding": bar_enc},
            {"mark": text_mark, "encoding": {
                **enc, "text": {"field": "n", "type": "quantitative", "format": ",~f"}}},
        ],
    }


def phase_chart(d, org) -> charts.Chart:
    values = [{"label": p["name"], "n": p["count"]} for p in d.phases]
    return charts.Chart("phases", _("Initiatives per phase"), _bar(
        values, x_title=_("Initiatives"), y_title=_("Phase")), org)


def rag_chart(d, org) -> charts.Chart:
    values = [{"label": r["label"], "n": r["count"], "rag": r["value"] or "none"}
              for r in d.rag]
    colour = {"field": "rag", "type": "nominal", "legend": None, "scale": {
        "domain": [r["value"] or "none" for r in d.rag],
        "range": [charts.RAG_COLOURS[r["value"]] for r in d.rag]}}
    return charts.Chart("rag", _("Overall status (RAG) of ongoing initiatives"), _bar(
        values, x_title=_("Status"), y_title=_("Initiatives"), colour=colour,
        horizontal=False, height=200), org)


def money_chart(d, org) -> charts.Chart:
    names = {"budget": _("Budget"), "actual": _("Actual"), "forecast": _("Forecast")}
    order = [names[k] for k in selectors.KINDS]
    values = [{"year": str(m["year"]), "kind": names[k], "amount": float(m[k])}
              for m in d.money for k in selectors.KINDS]
    spec = {
        "$schema": SCHEMA, "data": {"values": values}, "width": WIDTH, "height": 220,
        "mark": {"type": "bar"},
        "encoding": {
            "x": {"field": "year", "type": "nominal", "title": _("Year"),
                  "axis": {"labelAngle": 0}},
            "xOffset": {"field": "kind", "type": "nominal", "sort": order},
            "y": {"field": "amount", "type": "quantitative", "axis": {"format": ",~f"},
                  "title": _("Total cost (%(currency)s)") % {"currency": org.currency}},
            "color": {"field": "kind", "type": "nominal", "title": None, "sort": order,
                      "scale": {"domain": order, "range": charts.PALETTE[:3]}},
        },
    }
    return charts.Chart("money", _("Spend against budget per year"), spec, org)


def ambition_chart(d, org) -> charts.Chart:
    values = [{"label": a["label"], "n": a["count"]} for a in d.ambition]
    return charts.Chart("ambition", _("Improve or transform: balance of ongoing initiatives"),
                        _bar(values, x_title=_("Initiatives"), y_title=_("Ambition")), org)


def wip_chart(d, org) -> charts.Chart:
    row = _("In progress")
    axis, scale = _count_axis(max(d.wip_count, d.wip_limit or 0))
    values = [{"row": row, "phase": p["name"], "n": p["count"]} for p in d.wip_phases]
    layers = [{
        "data": {"values": values},
        "mark": {"type": "bar"},
        "encoding": {
            "x": {"aggregate": "sum", "field": "n", "type": "quantitative", "axis": axis,
                  "scale": scale, "title": _("Active initiatives in work-in-progress phases")},
            "y": {"field": "row", "type": "nominal", "title": None},
            "color": {"field": "phase", "type": "nominal", "title": _("Phase"),
                      "sort": [p["name"] for p in d.wip_phases]},
        },
    }]
    if d.wip_limit is not None:
        limit = {"values": [{"limit": d.wip_limit, "row": row,
                             "label": _("Limit %(n)s") % {"n": d.wip_limit}}]}
        layers += [
            {"data": limit, "mark": {"type": "rule", "color": charts.RAG_COLOURS["red"],
                                     "strokeWidth": 3, "strokeDash": [6, 3]},
             "encoding": {"x": {"field": "limit", "type": "quantitative"}}},
            {"data": limit, "mark": {"type": "text", "align": "left", "dx": 4, "dy": -22,
                                     "color": "#1f2937", "fontWeight": "bold"},
             "encoding": {"x": {"field": "limit", "type": "quantitative"},
                          "text": {"field": "label", "type": "nominal"}}},
        ]
    spec = {"$schema": SCHEMA, "width": WIDTH, "height": 60, "layer": layers}
    return charts.Chart("wip", _("Work in progress against the limit"), spec, org)


def _programme_from(request, options) -> int | None:
    raw = request.GET.get("programme", "")
    return int(raw) if raw.isdigit() and int(raw) in {pk for pk, _ in options} else None


def _tables(d, org) -> dict:
    """The data tables' cells, formatted in the organisation's locale."""
    def num(v, decimals=0):
        return charts.format_number(v, org, decimals)

    return {
        "money": [{"year": m["year"], **{k: num(m[k]) for k in selectors.KINDS},
                   "difference": num(m["actual"] - m["budget"])} for m in d.money],
        "ambition": [{**a, "count": num(a["count"]), "share": num(a["share"], 1)}
                     for a in d.ambition],
        "phases": [{**p, "count": num(p["count"])} for p in d.phases],
        "rag": [{**r, "count": num(r["count"])} for r in d.rag],
        "wip": [{**p, "count": num(p["count"])} for p in d.wip_phases],
        "wip_count": num(d.wip_count), "total": num(d.total),
        "wip_limit": None if d.wip_limit is None else num(d.wip_limit),
    }


@role_required(READ_PORTFOLIO)
@require_GET
def dashboard(request, org_slug):
    org = request.organisation
    options = programmes(org)
    programme = _programme_from(request, options)
    d = selectors.dashboard(org, programme)
    chart_list = charts.render_many([phase_chart(d, org), rag_chart(d, org),
                                     money_chart(d, org), ambition_chart(d, org),
                                     wip_chart(d, org)])
    filters = [{"id": "f-programme", "name": "programme", "label": _("Programme"),
                "options": listing.select_options(options, programme)}]
    return render(request, "portfolio/dashboard.html", {
        "d": d, "charts": {c.key: c for c in chart_list}, "tables": _tables(d, org),
        "filters": filters, "programme": programme,
    })
