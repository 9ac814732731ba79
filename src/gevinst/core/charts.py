"""Server-rendered charts: a Vega-Lite spec → accessible SVG (vl-convert).

Specs are plain dicts: building them with Vega-Altair's object model costs ~100 ms per
dashboard (deep copies and JSON-schema validation on every ``to_dict``), more than drawing;
the tests validate every spec against the Vega-Lite schema with Altair instead.

One chart for the web and for PDF, readable without JavaScript. Every chart is shown with a
data table that carries its numbers, so the SVG is an image with a short name (``role="img"``,
``<title>``, ``aria-labelledby``) and the marks inside it are hidden from assistive
technology (Vega's own ARIA output is switched off).

Rendering costs ~60 ms per chart with a warm converter and ~1 s for the first call in a
process, so SVGs are cached: in the process (a small LRU) and in Django's cache, keyed by a
hash of the spec, the title, the locale and the organisation. The key is content-addressed:
when the numbers change, the spec changes and so does the key — nothing is ever stale.
``render_many`` fetches every chart of a page with one cache read.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape
from threading import Lock

from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

CACHE_SECONDS = 60 * 60 * 24 * 7
# Part of every cache key: change it when render() or _accessible() change their output.
RENDER_VERSION = "2"
_LOCAL_MAX = 256
_local: OrderedDict[str, str] = OrderedDict()
_lock = Lock()

# Number formats per country of the organisation: (d3 locale, thousands, decimal).
NUMBER_FORMATS = {
    "NO": ("nb-NO", "\u00a0", ","),
    "SE": ("sv-SE", "\u00a0", ","),
    "DK": ("da-DK", ".", ","),
    "FI": ("fi-FI", "\u00a0", ","),
    "IS": ("is-IS", ".", ","),
}
DEFAULT_FORMAT = ("en-GB", ",", ".")

# Colours with at least 3:1 contrast against white (WCAG 1.4.11 for graphics).
RAG_COLOURS = {"red": "#c0262d", "amber": "#b7791f", "green": "#1a7f37", "": "#6b7280"}
PALETTE = ["#1e5aa8", "#b7791f", "#1a7f37", "#7c3aed", "#c0262d", "#0e7490", "#6b7280"]
FONT = "Inter, Helvetica Neue, Arial, DejaVu Sans, sans-serif"


def number_format(organisation) -> tuple[str, str, str]:
    return NUMBER_FORMATS.get(getattr(organisation, "country", ""), DEFAULT_FORMAT)


def format_number(value, organisation, decimals: int = 0) -> str:
    """``value`` with the organisation's thousands and decimal separators."""
    if value is None:
        return "—"
    _, thousands, decimal = number_format(organisation)
    text = f"{Decimal(value):,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", decimal).replace("\x00", thousands)


def d3_locale(organisation) -> dict:
    _, thousands, decimal = number_format(organisation)
    return {"decimal": decimal, "thousands": thousands, "grouping": [3],
            "currency": ["", ""]}


def base_config() -> dict:
    """Shared look: no Vega ARIA (the SVG is one image), readable fonts, no border."""
    return {
        "aria": False,
        "font": FONT,
        "view": {"stroke": None},
        "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelColor": "#1f2937",
                 "titleColor": "#1f2937", "gridColor": "#e5e7eb"},
        "legend": {"labelFontSize": 12, "titleFontSize": 12, "labelColor": "#1f2937",
                   "titleColor": "#1f2937", "orient": "bottom"},
        "range": {"category": PALETTE},
        "background": "white",
    }


@dataclass
class Chart:
    """One chart of a page: ``key`` makes the SVG's ids unique on the page."""

    key: str
    title: str
    spec: dict
    organisation: object = None
    svg: SafeString | None = field(default=None, init=False)

    def cache_key(self) -> str:
        locale = number_format(self.organisation)[0]
        org = getattr(self.organisation, "pk", None)
        raw = json.dumps([RENDER_VERSION, self.key, self.title, locale, self.spec], sort_keys=True,
                         default=str, separators=(",", ":"))
        return f"gv-chart:{org}:{hashlib.sha256(raw.encode()).hexdigest()}"


_SVG_OPEN = re.compile(r"<svg\b([^>]*)>")
_INNER_ARIA = re.compile(r'\s(?:role|aria-[a-z]+)="[^"]*"')


def _accessible(svg: str, chart: Chart) -> str:
    """Make Vega's SVG one image with a name: role, <title>, aria-labelledby; no fixed
    size (it scales with the page); no focus stop."""
    title_id = f"chart-{chart.key}-title"

    def opening(match: re.Match) -> str:
        attrs = re.sub(r'\s(?:width|height|role|aria-[a-z]+|focusable)="[^"]*"', "",
                       match[1])
        return (f'<svg{attrs} role="img" aria-labelledby="{title_id}" focusable="false">'
                f'<title id="{title_id}">{escape(chart.title)}</title>')

    # Vega marks carry their own roles and labels (even with "aria": false in layers);
    # inside one image they are noise, so they go.
    svg = _INNER_ARIA.sub("", svg)
    return _SVG_OPEN.sub(opening, svg, count=1)


def render(chart: Chart) -> str:
    """The accessible SVG of one chart (no caching)."""
    import vl_convert

    spec = dict(chart.spec)
    spec["config"] = {**base_config(), **spec.get("config", {})}
    svg = vl_convert.vegalite_to_svg(spec, format_locale=d3_locale(chart.organisation))
    return _accessible(svg, chart)


def _local_get(key: str) -> str | None:
    with _lock:
        svg = _local.get(key)
        if svg is not None:
            _local.move_to_end(key)
        return svg


def _local_put(key: str, svg: str) -> None:
    with _lock:
        _local[key] = svg
        _local.move_to_end(key)
        while len(_local) > _LOCAL_MAX:
            _local.popitem(last=False)


def render_many(charts: list[Chart]) -> list[Chart]:
    """Fill ``chart.svg`` of every chart: from the process, then from Django's cache (one
    read for all), rendering only what neither has."""
    keys = {c.key: c.cache_key() for c in charts}
    missing = []
    for chart in charts:
        svg = _local_get(keys[chart.key])
        if svg is None:
            missing.append(chart)
        else:
            chart.svg = mark_safe(svg)  # noqa: S308 - built by render() from our own spec
    if missing:
        found = cache.get_many([keys[c.key] for c in missing])
        fresh = {}
        for chart in missing:
            key = keys[chart.key]
            svg = found.get(key)
            if svg is None:
                svg = fresh[key] = render(chart)
            _local_put(key, svg)
            chart.svg = mark_safe(svg)  # noqa: S308 - built by render() from our own spec
        if fresh:
            cache.set_many(fresh, CACHE_SECONDS)
    return charts


def clear_local_cache() -> None:
    """Forget the in-process SVGs (tests)."""
    with _lock:
        _local.clear()
