"""Statistics of ideas for leaders (those who read the portfolio): ideas per unit and month,
time to the first answer, the share accepted and the ideas per status; each chart with a
table of its numbers."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import path
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from gevinst.core import charts
from gevinst.core.access import READ_PORTFOLIO, role_required
from gevinst.ideas import access
from gevinst.ideas.models import Idea
from gevinst.ideas.selectors.statistics import WITHIN_DAYS, idea_statistics
from gevinst.ideas.views.review import pmo_tabs

WIDTH = 520
SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"


def _month(day) -> str:
    return date_format(day, "YEAR_MONTH_FORMAT")


def _short_month(day) -> str:
    return date_format(day, "M Y")


def _bars(values: list[dict], *, y_title: str, fmt: str) -> dict:
    """Vertical bars per month with the value written above each bar (a plain Vega-Lite
    dict, like the dashboard's)."""
    x = {"field": "month", "type": "ordinal", "sort": None, "title": None,
         "axis": {"labelAngle": -40}}
    y = {"field": "n", "type": "quantitative", "title": y_title, "axis": {"format": fmt}}
    return {
        "$schema": SCHEMA, "data": {"values": values}, "width": WIDTH, "height": 220,
        "layer": [
            {"mark": {"type": "bar", "color": charts.PALETTE[0]},
             "encoding": {"x": x, "y": y}},
            {"mark": {"type": "text", "align": "center", "baseline": "bottom", "dy": -3,
                      "color": "#1f2937"},
             "encoding": {"x": x, "y": y,
                          "text": {"field": "n", "type": "quantitative", "format": fmt}}},
        ],
    }


def ideas_chart(s, org) -> charts.Chart:
    values = [{"month": _short_month(m), "n": n} for m, n in zip(s.months, s.month_totals,
                                                                  strict=True)]
    return charts.Chart("ideas_month", _("Ideas submitted per month"),
                        _bars(values, y_title=_("Ideas"), fmt=",~f"), org)


def answer_chart(s, org) -> charts.Chart:
    values = [{"month": _short_month(a.month), "n": round(a.median_days, 1)}
              for a in s.answer_months if a.median_days is not None]
    return charts.Chart("answer_days", _("Median days to the first answer, by month of "
                                            "submission"),
                        _bars(values, y_title=_("Days"), fmt=",.1f"), org)


def _tables(s, org) -> dict:
    def num(value, decimals=0):
        return charts.format_number(value, org, decimals)

    months = [{"label": _month(m), "short": _short_month(m)} for m in s.months]
    no_unit = _("No unit")
    labels = dict(Idea.Status.choices)
    return {
        "months": months,
        "units": [{"name": r.name or no_unit, "counts": [num(n) for n in r.counts],
                   "total": num(r.total)} for r in s.units],
        "month_totals": [num(n) for n in s.month_totals], "total": num(s.total),
        "answers": [{"month": _month(a.month), "submitted": num(a.submitted),
                     "answered": num(a.answered),
                     "median": num(a.median_days, 1) if a.median_days is not None else "—",
                     "mean": num(a.mean_days, 1) if a.mean_days is not None else "—"}
                    for a in s.answer_months],
        "answered": num(s.answered),
        "median": num(s.median_days, 1) if s.median_days is not None else "—",
        "mean": num(s.mean_days, 1) if s.mean_days is not None else "—",
        "within_share": num(s.within_share, 1) if s.within_share is not None else None,
        "accepted_share": num(s.accepted_share, 1) if s.accepted_share is not None else None,
        "due": num(s.due_for_answer), "within": num(s.answered_within),
        "decided": num(s.decided), "accepted": num(s.accepted),
        "statuses": [{"label": labels[value], "count": num(n)}
                     for value, n in s.status_counts.items()],
    }


@role_required(READ_PORTFOLIO)
@require_GET
def idea_statistics_page(request, org_slug):
    if not access.can_see_statistics(request.membership):
        raise PermissionDenied
    org = request.organisation
    s = idea_statistics(org)
    drawn = [ideas_chart(s, org)] if s.total else []
    if any(a.median_days is not None for a in s.answer_months):
        drawn.append(answer_chart(s, org))
    drawn = charts.render_many(drawn)
    return render(request, "ideas/statistics.html", {
        "s": s, "t": _tables(s, org), "charts": {c.key: c for c in drawn},
        "tabs": pmo_tabs(request, "statistics"), "within_days": WITHIN_DAYS,
        "first_month": _month(s.months[0]), "last_month": _month(s.months[-1]),
    })


urlpatterns = [
    path("ideas/statistics/", idea_statistics_page, name="idea_statistics"),
]
