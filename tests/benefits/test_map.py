"""The benefits map SVG (benefits/map.py): columns, escaping, edges, wrapping, text
alternative, accessibility, and that WeasyPrint draws it."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import pytest
from pypdf import PdfReader

from gevinst.benefits.map import (
    FILLS,
    MAX_CHARS,
    NOTE_TEXT,
    TEXT,
    MapEdge,
    MapNode,
    order_layers,
    render_benefits_map,
    text_alternative,
    wrap_label,
)
from gevinst.core.pdf import html_to_pdf

SVG = "{http://www.w3.org/2000/svg}"

NODES = [
    MapNode("ini:1", 0, "INI-0001 Digitalt tilsyn", href="/o/fjordby/initiatives/INI-0001/"),
    MapNode("ini:2", 0, "INI-0002 Ny saksbehandling"),
    MapNode("chg:1", 1, "Digital søknad"),
    MapNode("chg:2", 1, "Nye rutiner i tildelingen"),
    MapNode("ben:1", 2, "BEN-0001 Spart tid i saksbehandling", note="På sporet",
            kind="on_track"),
    MapNode("ben:2", 2, "BEN-0002 Mer manuelt arbeid i overgangen", kind="disbenefit"),
    MapNode("obj:1", 3, "OBJ-0001 Mer tid til kjerneoppgaver"),
]
EDGES = [
    MapEdge("ini:1", "chg:1", "60 %"),
    MapEdge("ini:2", "chg:1", "40 %"),
    MapEdge("ini:2", "chg:2"),
    MapEdge("chg:1", "ben:1"),
    MapEdge("chg:2", "ben:2"),
    MapEdge("ini:1", "ben:1", "60 %"),
    MapEdge("ben:1", "obj:1"),
]


def draw(nodes=NODES, edges=EDGES, **kwargs) -> str:
    return render_benefits_map(nodes, edges, title=kwargs.get("title", "Gevinstkart"),
                               description=kwargs.get("description", "Fra tiltak til mål"))


def boxes(svg: str) -> dict[str, dict]:
    """Box label (lines joined) → its rect attributes, note and element."""
    found = {}
    for element in ET.fromstring(svg).iter():
        rects = element.findall(f"{SVG}rect")
        texts = element.findall(f"{SVG}text")
        if element.tag in (f"{SVG}a", f"{SVG}g") and len(rects) == 1 and texts and \
                texts[0].findall(f"{SVG}tspan"):
            label = "".join(t.text for t in texts[0].findall(f"{SVG}tspan")).strip()
            rect = {k: float(v) if k in "xywidthheight" and k != "id" else v
                    for k, v in rects[0].attrib.items() if k in ("x", "y", "width", "height")}
            found[label] = {**rects[0].attrib, **rect, "element": element,
                            "note": texts[1].text if len(texts) > 1 else ""}
    return found


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_nodes_stand_in_the_column_of_their_layer():
    svg = draw()
    drawn = boxes(svg)

    assert len(drawn) == len(NODES)
    x = {label: box["x"] for label, box in drawn.items()}
    assert x["INI-0001 Digitalt tilsyn"] == x["INI-0002 Ny saksbehandling"]
    assert x["INI-0001 Digitalt tilsyn"] < x["Digital søknad"] < \
        x["BEN-0001 Spart tid i saksbehandling"] < x["OBJ-0001 Mer tid til kjerneoppgaver"]
    headings = [t for t in ET.fromstring(svg).iter(f"{SVG}text")
                if t.get("font-weight") == "bold"]
    assert [h.text for h in headings] == \
        ["Initiatives", "Enabling changes", "Benefits", "Objectives"]
    assert [float(h.get("x")) for h in headings] == sorted(float(h.get("x")) for h in headings)


def test_all_text_is_escaped():
    nodes = [MapNode("ini:1", 0, '<script>alert("x")</script> & co', note="<b>",
                     href='/x/?a=1&b="2"'),
             MapNode("ben:1", 2, "Gevinst")]
    svg = render_benefits_map(nodes, [MapEdge("ini:1", "ben:1", "<i>")],
                              title="<Kart>", description="A & B")

    assert "<script>" not in svg and "<b>" not in svg and "<i>" not in svg
    assert "&lt;script&gt;" in svg
    root = ET.fromstring(svg)  # well-formed XML
    assert root.find(f"{SVG}title").text == "<Kart>"
    assert root.find(f"{SVG}desc").text == "A & B"
    assert '<script>alert("x")</script> & co' in boxes(svg)
    assert [a.get("href") for a in root.iter(f"{SVG}a")] == ['/x/?a=1&b="2"']


def test_unsafe_links_are_dropped():
    nodes = [MapNode("ini:1", 0, "A", href="javascript:alert(1)"),
             MapNode("ini:2", 0, "B", href="https://example.no/b")]
    svg = render_benefits_map(nodes, [], title="t", description="d")

    assert "javascript" not in svg
    assert [a.get("href") for a in ET.fromstring(svg).iter(f"{SVG}a")] == \
        ["https://example.no/b"]


def test_every_edge_runs_from_its_source_box_to_its_target_box():
    svg = draw()
    drawn = {box["element"]: box for box in boxes(svg).values()}
    by_label = {label: box for label, box in boxes(svg).items()}
    labels = {node.id: node.label for node in NODES}
    paths = [p for p in ET.fromstring(svg).iter(f"{SVG}path") if p.get("marker-end")]

    assert len(drawn) == len(NODES)
    assert len(paths) == len(EDGES)
    for edge, path in zip(EDGES, paths, strict=True):
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path.get("d"))]
        (x1, y1), (x2, y2) = numbers[:2], numbers[-2:]
        source, target = by_label[labels[edge.source]], by_label[labels[edge.target]]
        assert x1 == source["x"] + source["width"]
        assert source["y"] <= y1 <= source["y"] + source["height"]
        assert target["x"] - 2 <= x2 <= target["x"]
        assert target["y"] <= y2 <= target["y"] + target["height"]
    assert svg.count(">60 %</text>") == 2 and svg.count(">40 %</text>") == 1


@pytest.mark.parametrize("edge", [MapEdge("ini:1", "ben:404"), MapEdge("nobody", "ben:1")])
def test_edges_to_unknown_nodes_are_refused(edge):
    with pytest.raises(ValueError, match="unknown node"):
        draw(edges=[*EDGES, edge])
    with pytest.raises(ValueError, match="unknown node"):
        text_alternative(NODES, [*EDGES, edge])


def test_inconsistent_maps_are_refused():
    with pytest.raises(ValueError, match="lower layer"):
        draw(edges=[MapEdge("obj:1", "ben:1")])
    with pytest.raises(ValueError, match="twice"):
        draw(nodes=[*NODES, MapNode("ini:1", 0, "Again")])
    with pytest.raises(ValueError, match="layer"):
        draw(nodes=[*NODES, MapNode("x:1", 4, "Too far")])


def test_long_labels_wrap_and_end_in_an_ellipsis():
    short = wrap_label("BEN-0001 Spart tid")
    long = wrap_label("INI-0001 " + " ".join(["Digitaliseringsprogram for helse"] * 6))
    one_word = wrap_label("Saksbehandlingstidsreduksjonsprogrammet" * 2)

    assert short == ["BEN-0001 Spart tid"]
    assert len(long) == 4 and long[-1].endswith("…")
    assert all(len(line) <= MAX_CHARS for line in long + one_word)
    assert long[:2] == ["INI-0001", "Digitaliseringsprogram for"]  # whole words
    assert "".join(one_word) == "Saksbehandlingstidsreduksjonsprogrammet" * 2
    svg = draw(nodes=[MapNode("ini:1", 0, "INI-0001 " + "lang tittel " * 20)], edges=[])
    assert svg.count("<tspan") == 4


def test_taller_columns_make_a_taller_map():
    def height(svg):
        return float(ET.fromstring(svg).get("viewBox").split()[3])

    few = draw(nodes=[MapNode("ini:1", 0, "A")], edges=[])
    many = draw(nodes=[MapNode(f"ini:{n}", 0, f"A{n}") for n in range(20)], edges=[])

    assert height(many) > height(few) * 5
    assert ET.fromstring(many).get("width") == "100%"
    assert ET.fromstring(many).get("viewBox").startswith("0 0 1000 ")


def test_same_input_gives_the_same_svg():
    first = draw()
    again = render_benefits_map(list(reversed(list(reversed(NODES)))), list(EDGES),
                                title="Gevinstkart", description="Fra tiltak til mål")

    assert first == again
    assert draw(title="Another map") != first  # ids (from the input) differ per map
    ids = re.findall(r'id="([^"]+)"', first)
    assert len(ids) == len(set(ids))


def test_ordering_untangles_crossing_edges():
    nodes = [MapNode("ini:1", 0, "A"), MapNode("ini:2", 0, "B"),
             MapNode("chg:1", 1, "Under B"), MapNode("chg:2", 1, "Under A")]
    edges = [MapEdge("ini:1", "chg:2"), MapEdge("ini:2", "chg:1")]

    layers = order_layers(nodes, edges)

    assert [n.label for n in layers[0]] == ["A", "B"]
    assert [n.label for n in layers[1]] == ["Under A", "Under B"]
    drawn = boxes(render_benefits_map(nodes, edges, title="t", description="d"))
    assert drawn["Under A"]["y"] < drawn["Under B"]["y"]


def test_text_alternative_groups_by_benefit():
    entries = text_alternative(NODES, EDGES)

    assert [e["benefit"].id for e in entries] == ["ben:1", "ben:2"]
    first, second = entries
    assert [(n.id, label) for n, label in first["initiatives"]] == \
        [("ini:1", "60 %"), ("ini:2", "40 %")]
    assert [n.id for n in first["changes"]] == ["chg:1"]
    assert [n.id for n in first["objectives"]] == ["obj:1"]
    assert [(n.id, label) for n, label in second["initiatives"]] == [("ini:2", "")]
    assert [n.id for n in second["changes"]] == ["chg:2"]
    assert second["objectives"] == []


def test_empty_map_says_there_is_nothing_to_draw():
    svg = render_benefits_map([], [], title="Gevinstkart", description="Tomt")
    root = ET.fromstring(svg)

    assert root.get("role") == "img"
    assert "There is nothing to draw yet." in svg
    assert root.find(f"{SVG}title").text == "Gevinstkart"


def test_map_is_named_and_its_links_are_reachable():
    linked = ET.fromstring(draw())
    plain = ET.fromstring(draw(nodes=[MapNode("ini:1", 0, "A"), MapNode("ben:1", 2, "B")],
                               edges=[MapEdge("ini:1", "ben:1")]))

    for root in (linked, plain):
        title_id = root.find(f"{SVG}title").get("id")
        desc_id = root.find(f"{SVG}desc").get("id")
        assert root.get("aria-labelledby") == title_id
        assert root.get("aria-describedby") == desc_id
    assert plain.get("role") == "img" and not list(plain.iter(f"{SVG}a"))
    # Links inside role="img" would be hidden from screen readers: a group instead.
    assert linked.get("role") == "group"
    [link] = linked.iter(f"{SVG}a")
    assert link.get("href") == "/o/fjordby/initiatives/INI-0001/"
    assert link.get("tabindex") in (None, "0")
    assert link.get("aria-label") == "INI-0001 Digitalt tilsyn"


def test_text_is_dark_on_light_with_enough_contrast():
    assert FILLS
    for fill in [*FILLS, "#ffffff"]:
        assert contrast(TEXT, fill) >= 4.5, fill
        assert contrast(NOTE_TEXT, fill) >= 4.5, fill
    for box in boxes(draw()).values():
        assert box["fill"] in FILLS


def test_dis_benefits_are_not_told_by_colour_alone():
    drawn = boxes(draw())
    disbenefit = drawn["BEN-0002 Mer manuelt arbeid i overgangen"]
    benefit = drawn["BEN-0001 Spart tid i saksbehandling"]

    assert disbenefit["stroke-dasharray"]
    assert "Dis-benefit" in disbenefit["note"]
    assert "stroke-dasharray" not in benefit and benefit["note"] == "På sporet"


def test_map_renders_in_a_pdf():
    svg = draw(nodes=[*NODES, MapNode("ini:3", 0, "INI-0003 <script>x</script>")])
    html = ('<!doctype html><html lang="nb"><head><title>Kart</title>'
            '<link rel="stylesheet" href="/static/gevinst/print.css"></head>'
            f"<body><h1>Gevinstkart</h1><figure>{svg}</figure></body></html>")

    pdf = html_to_pdf(html)

    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    for label in ("Enabling changes", "Digital søknad", "kjerneoppgaver", "Dis-benefit",
                  "<script>x</script>", "60 %"):
        assert label in text
