"""The chart helper: locale number formats, an accessible SVG, caching by content."""

from __future__ import annotations

import re
from decimal import Decimal
from types import SimpleNamespace

from gevinst.core import charts

NORWAY = SimpleNamespace(pk=1, country="NO")
OTHER = SimpleNamespace(pk=2, country="XX")
SPEC = {"data": {"values": [{"a": "x", "n": 1234}]}, "mark": "bar",
        "encoding": {"x": {"field": "n", "type": "quantitative"},
                     "y": {"field": "a", "type": "nominal"}}}


def test_numbers_in_the_organisations_format():
    assert charts.format_number(Decimal("1234567.891"), NORWAY, 2) == "1\u00a0234\u00a0567,89"
    assert charts.format_number(1234567, OTHER) == "1,234,567"
    assert charts.format_number(None, NORWAY) == "—"


def test_svg_is_one_named_image_without_vega_roles(db):
    charts.clear_local_cache()
    [chart] = charts.render_many([charts.Chart("demo", "Demo <chart>", SPEC, NORWAY)])
    svg = str(chart.svg)
    opening = re.match(r"<svg\b[^>]*>", svg)[0]
    assert 'role="img"' in opening and 'aria-labelledby="chart-demo-title"' in opening
    assert ' width="' not in opening  # scales with the page (viewBox kept)
    assert '<title id="chart-demo-title">Demo &lt;chart&gt;</title>' in svg
    assert svg.count("role=") == 1 and "aria-roledescription" not in svg
    assert "1\u00a0200" in svg or "1\u00a0000" in svg  # axis labels in the locale


def test_same_spec_is_drawn_once(db, monkeypatch):
    charts.clear_local_cache()
    calls = []
    original = charts.render
    monkeypatch.setattr(charts, "render", lambda c: calls.append(c.key) or original(c))
    charts.render_many([charts.Chart("demo", "Demo", SPEC, NORWAY)])
    charts.render_many([charts.Chart("demo", "Demo", SPEC, NORWAY)])
    charts.clear_local_cache()
    charts.render_many([charts.Chart("demo", "Demo", SPEC, NORWAY)])  # from Django's cache
    assert calls == ["demo"]
    changed = {**SPEC, "data": {"values": [{"a": "x", "n": 99}]}}
    charts.render_many([charts.Chart("demo", "Demo", changed, NORWAY)])
    assert calls == ["demo", "demo"]
