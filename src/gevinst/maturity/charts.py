"""The radar (spider) chart of maturity results, drawn on the server as inline SVG.

Hand-made rather than through Vega-Lite (core/charts.py), which has no polar line chart:
a radar is a few polygons. One SVG for the web page and for the PDF (WeasyPrint draws
inline SVG). The chart is an image with a name (``role="img"``, ``<title>``, ``<desc>``);
its numbers are in the table next to it, so the marks inside are not read out.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from gevinst.core.charts import FONT

RINGS = (25, 50, 75, 100)
SIZE = 600  # the drawing's width; the height follows the legend
CENTRE_Y = 230
RADIUS = 150
LABEL_GAP = 18
LINE_HEIGHT = 15
WRAP = 20  # characters per line of an axis label

# Colours with at least 3:1 contrast against white (WCAG 1.4.11), told apart by the line's
# pattern too (not by colour alone).
STYLES = {
    "current": {"stroke": "#1e5aa8", "fill": "#1e5aa8", "fill_opacity": "0.15",
                "dash": "", "width": "2.5"},
    "previous": {"stroke": "#4b5563", "fill": "none", "fill_opacity": "0",
                 "dash": "6 4", "width": "2"},
    "peers": {"stroke": "#9a5b00", "fill": "none", "fill_opacity": "0",
              "dash": "2 3", "width": "2"},
}


def _point(index: int, count: int, value: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    r = RADIUS * max(0.0, min(100.0, value)) / 100
    return SIZE / 2 + r * math.cos(angle), CENTRE_Y + r * math.sin(angle)


def _points(values: Sequence[float | None]) -> str:
    count = len(values)
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in (
        _point(i, count, v if v is not None else 0) for i, v in enumerate(values)))


def _runs(values: Sequence[float | None]) -> list[list[int]]:
    """The axes of the unbroken stretches of a series with gaps (two values or more each),
    so that a missing value is a gap in the line, not a score of 0."""
    count = len(values)
    start = next(i for i, v in enumerate(values) if v is None)
    runs, run = [], []
    for step in range(1, count + 1):
        index = (start + step) % count
        if values[index] is None:
            if len(run) > 1:
                runs.append(run)
            run = []
        else:
            run.append(index)
    return runs


def _label(index: int, count: int, text: str) -> str:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    cos, sin = math.cos(angle), math.sin(angle)
    x = SIZE / 2 + (RADIUS + LABEL_GAP) * cos
    y = CENTRE_Y + (RADIUS + LABEL_GAP) * sin
    anchor = "middle" if abs(cos) < 0.2 else ("start" if cos > 0 else "end")
    lines = textwrap.wrap(text, WRAP) or [""]
    if sin < -0.2:  # above the centre: the last line next to the ring
        y -= (len(lines) - 1) * LINE_HEIGHT
    elif abs(sin) <= 0.2:
        y -= (len(lines) - 1) * LINE_HEIGHT / 2
    y += 4 if sin >= -0.2 else 0
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if i == 0 else LINE_HEIGHT}">{escape(line)}</tspan>'
        for i, line in enumerate(lines))
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}">{spans}</text>'


def radar_svg(axes: Sequence[str], series: Sequence[dict], *, chart_id: str = "radar",
              title: str | None = None, description: str | None = None) -> SafeString:
    """An accessible SVG radar chart: ``axes`` the dimensions' names, ``series`` a list of
    ``{"label", "values" (0–100 or None per axis), "style" ("current", "previous",
    "peers")}``. Rings at 25, 50, 75 and 100; a legend below the drawing."""
    count = len(axes)
    title = title or _("Maturity per dimension")
    if description is None:
        description = _("Scores from 0 to 100 per dimension for %(series)s; the table "
                        "beside the chart holds the numbers.") % {
            "series": ", ".join(str(s["label"]) for s in series)}
    legend_top = CENTRE_Y + RADIUS + 60
    height = legend_top + 22 * len(series) + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="gv-radar" role="img" '
        f'viewBox="0 0 {SIZE} {height}" width="{SIZE}" height="{height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        f'<g aria-hidden="true" font-family="{FONT}" font-size="13" fill="#1e2b3c">',
    ]
    if count >= 3:
        for ring in RINGS:
            parts.append(f'<polygon points="{_points([ring] * count)}" fill="none" '
                         f'stroke="#9ca3af" stroke-width="{1.2 if ring == 100 else 0.8}"/>')
            x, y = _point(0, count, ring)
            parts.append(f'<text x="{x + 4:.1f}" y="{y - 3:.1f}" class="gv-radar__ring">'
                         f'{ring}</text>')
        for i in range(count):
            x, y = _point(i, count, 100)
            parts.append(f'<line x1="{SIZE / 2:.1f}" y1="{CENTRE_Y}" x2="{x:.1f}" '
                         f'y2="{y:.1f}" stroke="#9ca3af" stroke-width="0.8"/>')
        for s in series:
            style = STYLES.get(s.get("style") or "current", STYLES["current"])
            dash = f' stroke-dasharray="{style["dash"]}"' if style["dash"] else ""
            if all(v is not None for v in s["values"]):
                parts.append(
                    f'<polygon points="{_points(s["values"])}" fill="{style["fill"]}" '
                    f'fill-opacity="{style["fill_opacity"]}" stroke="{style["stroke"]}" '
                    f'stroke-width="{style["width"]}"{dash} stroke-linejoin="round"/>')
            else:  # a gap where a value is missing; no area
                for run in _runs(s["values"]):
                    points = " ".join("{:.1f},{:.1f}".format(*_point(i, count, s["values"][i]))
                                      for i in run)
                    parts.append(
                        f'<polyline points="{points}" fill="none" stroke="{style["stroke"]}" '
                        f'stroke-width="{style["width"]}"{dash} stroke-linejoin="round"/>')
            for i, value in enumerate(s["values"]):
                if value is None:
                    continue
                x, y = _point(i, count, value)
                parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" '
                             f'fill="{style["stroke"]}"/>')
        for i, name in enumerate(axes):
            parts.append(_label(i, count, str(name)))
    for row, s in enumerate(series):
        style = STYLES.get(s.get("style") or "current", STYLES["current"])
        y = legend_top + 22 * row
        dash = f' stroke-dasharray="{style["dash"]}"' if style["dash"] else ""
        parts.append(f'<line x1="40" y1="{y}" x2="80" y2="{y}" stroke="{style["stroke"]}" '
                     f'stroke-width="{style["width"]}"{dash}/>')
        parts.append(f'<text x="90" y="{y + 4}">{escape(str(s["label"]))}</text>')
    parts.append("</g></svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
