"""The benefits map: initiative → enabling change → benefit → objective, drawn as SVG.

Pure Python over plain data (``MapNode``, ``MapEdge``); selectors build the data, views and
PDF templates put the SVG inline (``{{ map_svg }}`` after ``mark_safe``) next to the text
alternative from :func:`text_alternative` (a nested list: every chart has its data as text).

Layout: four columns (layers) under translated headings; boxes with wrapped labels, ordered
top to bottom with a few barycentre sweeps that keep the order with the fewest edge
crossings; edges are cubic Bézier curves with arrowheads and an optional label at the
midpoint. The drawing is 1000 units wide and as tall as the longest column needs; it scales
to its container (``width="100%"`` + ``viewBox``).

Accessibility: a map without links is one image (``role="img"``, ``<title>``, ``<desc>``,
``aria-labelledby``/``aria-describedby``). A map with links is ``role="group"`` instead:
the children of an image are presentational, so links inside ``role="img"`` would be
focusable but nameless to a screen reader (axe: nested-interactive). Links are ``<a href>``,
in the tab order, with a visible focus state. Dark text on light fills (≥ 4.5:1); nothing is
told by colour alone: a dis-benefit has a dashed border and says so in its note, a node
that is behind has a thicker border (and its note, from the caller, says so).

WeasyPrint draws the same SVG in PDFs: everything is presentation attributes (the one
``<style>`` rule is the browser's focus ring, which a PDF has no use for). Output is
deterministic: the same input gives byte-identical SVG (ids come from a hash of the input).
Labels are 12 units high: about 9 pt on an A4 landscape page (``class="gv-pdf-wide"`` in
print.css), 6 pt in portrait, so PDFs should give the map a landscape page.
"""

from __future__ import annotations

import hashlib
import json
import re
from bisect import bisect_right, insort
from dataclasses import asdict, dataclass

from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

LAYERS = 4
INITIATIVE, CHANGE, BENEFIT, OBJECTIVE = range(LAYERS)
COLUMN_HEADINGS = (
    gettext_lazy("Initiatives"),
    gettext_lazy("Enabling changes"),
    gettext_lazy("Benefits"),
    gettext_lazy("Objectives"),
)
DISBENEFIT = "disbenefit"

# Geometry, in viewBox units.
WIDTH = 1000
MARGIN = 10
BOX_W = 206
GAP_X = (WIDTH - 2 * MARGIN - LAYERS * BOX_W) / (LAYERS - 1)
PAD_X = 8
PAD_Y = 7
FONT_SIZE = 12
LINE_H = 15
NOTE_SIZE = 11
NOTE_H = 14
EDGE_LABEL_SIZE = 10
HEADING_SIZE = 13
HEADING_LINE_H = 16
GAP_Y = 14
MAX_CHARS = 28
MAX_LINES = 4
ELLIPSIS = "…"
FONT = "DejaVu Sans, Verdana, sans-serif"  # wide fonts: the width estimate errs safe

# Colours: dark text on light fills (contrast ≥ 4.5:1, tested); borders ≥ 3:1 on white.
TEXT = "#1f2937"
NOTE_TEXT = "#374151"
EDGE = "#4b5563"
BACKGROUND = "#ffffff"
LAYER_STYLES = (  # (fill, border) per layer
    ("#e8f0fb", "#1e5aa8"),
    ("#f1ebfd", "#6d28d9"),
    ("#e6f4ea", "#1a7f37"),
    ("#fdf2dc", "#8a5a00"),
)
# kind → (fill or None for the layer's, border, border width, dash pattern)
KIND_STYLES = {
    DISBENEFIT: ("#fdecec", "#b42318", 2, "6 3"),
    "behind": (None, "#b42318", 3, ""),
    "at_risk": (None, "#8a5a00", 3, ""),
    "on_track": (None, "#1a7f37", 2, ""),
    "achieved": (None, "#1a7f37", 2, ""),
}
FILLS = tuple(fill for fill, _border in LAYER_STYLES) + tuple(
    style[0] for style in KIND_STYLES.values() if style[0])

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SAFE_HREF = re.compile(r"^(?:https?://|/|#|\?|[\w.~-]+(?:/|$))", re.IGNORECASE)


@dataclass(frozen=True)
class MapNode:
    id: str  # unique within the map, e.g. "ini:12", "chg:3", "ben:7", "obj:2"
    layer: int  # 0 initiative, 1 enabling change, 2 benefit, 3 objective
    label: str  # e.g. "INI-0001 Digitalt tilsyn"; wrapped, at most four lines
    href: str | None = None  # link target
    note: str = ""  # small second line, e.g. "60 %" or "On track"
    kind: str = ""  # style hint: "disbenefit", "behind", "at_risk", "on_track", "achieved"


@dataclass(frozen=True)
class MapEdge:
    source: str
    target: str
    label: str = ""  # e.g. "60 %"


# --- text ------------------------------------------------------------------------------

def _clean(text: str) -> str:
    """One line of text: no control characters (not allowed in XML), spaces collapsed."""
    return " ".join(_CONTROL.sub("", str(text)).split())


def _char_em(char: str) -> float:
    """Estimated advance width of a character in DejaVu Sans, in em (errs wide)."""
    if char in "il.,:;|!'`ı":
        return 0.32
    if char in " fjrt()[]{}-/":
        return 0.4
    if char in "mwMW%@":
        return 1.0
    if char.isdigit():
        return 0.64
    if char.isupper():
        return 0.75
    if char.isascii():
        return 0.62
    if "\u1100" <= char <= "\uffdc":  # CJK and other wide scripts
        return 1.0
    return 0.66


def text_width(text: str, font_size: float = FONT_SIZE) -> float:
    """Estimated width of a line of text, in viewBox units."""
    return sum(_char_em(char) for char in text) * font_size


def _fits(text: str, max_chars: int, max_width: float, font_size: float) -> bool:
    return len(text) <= max_chars and text_width(text, font_size) <= max_width


def truncate(text: str, *, max_chars: int = MAX_CHARS, max_width: float = BOX_W - 2 * PAD_X,
             font_size: float = FONT_SIZE) -> str:
    """One line that fits, ending in an ellipsis when something had to go."""
    text = _clean(text)
    if _fits(text, max_chars, max_width, font_size):
        return text
    return _with_ellipsis(text, max_chars, max_width, font_size)


def _with_ellipsis(text: str, max_chars: int, max_width: float, font_size: float) -> str:
    while text and not _fits(text + ELLIPSIS, max_chars, max_width, font_size):
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


def wrap_label(text: str, *, max_chars: int = MAX_CHARS, max_lines: int = MAX_LINES,
               max_width: float = BOX_W - 2 * PAD_X, font_size: float = FONT_SIZE) -> list[str]:
    """Lines of at most ``max_chars`` characters that fit ``max_width``; at most
    ``max_lines`` of them, the last ending in an ellipsis when the text is longer."""
    lines: list[str] = []
    current = ""
    for word in _clean(text).split(" "):
        candidate = f"{current} {word}" if current else word
        if _fits(candidate, max_chars, max_width, font_size):
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while not _fits(current, max_chars, max_width, font_size):  # a word too long
            cut = len(current) - 1
            while cut > 1 and not _fits(current[:cut], max_chars, max_width, font_size):
                cut -= 1
            lines.append(current[:cut])
            current = current[cut:]
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        last = _with_ellipsis(lines[max_lines - 1], max_chars, max_width, font_size)
        lines = lines[: max_lines - 1] + [last]
    return lines or [""]


def _num(value: float) -> str:
    """A coordinate, short and stable: at most one decimal."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _safe_href(href: str | None) -> str | None:
    """Links to the web only: relative or http(s); ``javascript:`` and the like dropped."""
    if not href:
        return None
    href = href.strip()
    return href if _SAFE_HREF.match(href) and not _CONTROL.search(href) else None


# --- graph -------------------------------------------------------------------------------

def _validate(nodes: list[MapNode], edges: list[MapEdge]) -> dict[str, MapNode]:
    by_id: dict[str, MapNode] = {}
    for node in nodes:
        if node.id in by_id:
            raise ValueError(f"benefits map: node id {node.id!r} is used twice")
        if not isinstance(node.layer, int) or not 0 <= node.layer < LAYERS:
            raise ValueError(f"benefits map: node {node.id!r} has layer {node.layer!r}, "
                             f"not 0–{LAYERS - 1}")
        by_id[node.id] = node
    for edge in edges:
        for end in (edge.source, edge.target):
            if end not in by_id:
                raise ValueError(f"benefits map: edge {edge.source!r} → {edge.target!r} "
                                 f"names an unknown node {end!r}")
        if by_id[edge.source].layer >= by_id[edge.target].layer:
            raise ValueError(f"benefits map: edge {edge.source!r} → {edge.target!r} must go "
                             "from a lower layer to a higher one")
    return by_id


def _crossings(edges: list[MapEdge], by_id: dict[str, MapNode],
               index: dict[str, int]) -> int:
    """Edge crossings between each pair of layers: inversions of the target order."""
    groups: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for edge in edges:
        key = (by_id[edge.source].layer, by_id[edge.target].layer)
        groups.setdefault(key, []).append((index[edge.source], index[edge.target]))
    total = 0
    for pairs in groups.values():
        targets: list[int] = []
        for _source, target in sorted(pairs):  # earlier edges ending lower cross this one
            total += len(targets) - bisect_right(targets, target)
            insort(targets, target)
    return total


def order_layers(nodes: list[MapNode], edges: list[MapEdge],
                 sweeps: int = 4) -> list[list[MapNode]]:
    """Nodes per layer, top to bottom: input order, improved by barycentre sweeps (down,
    then up); the order with the fewest crossings wins, ties keep the earlier one."""
    by_id = _validate(nodes, edges)
    layers: list[list[str]] = [[] for _layer in range(LAYERS)]
    for node in nodes:
        layers[node.layer].append(node.id)
    lower: dict[str, list[str]] = {node.id: [] for node in nodes}
    higher: dict[str, list[str]] = {node.id: [] for node in nodes}
    for edge in edges:
        higher[edge.source].append(edge.target)
        lower[edge.target].append(edge.source)

    def index_of(order: list[list[str]]) -> dict[str, int]:
        return {node_id: i for layer in order for i, node_id in enumerate(layer)}

    def rank_of(order: list[list[str]]) -> dict[str, float]:
        return {node_id: (i + 0.5) / len(layer)
                for layer in order for i, node_id in enumerate(layer)}

    def sweep(order: list[list[str]], layer_numbers, neighbours) -> list[list[str]]:
        order = [list(layer) for layer in order]
        for number in layer_numbers:
            rank = rank_of(order)
            keys = []
            for i, node_id in enumerate(order[number]):
                near = neighbours[node_id]
                centre = (sum(rank[n] for n in near) / len(near)) if near else rank[node_id]
                keys.append((centre, i, node_id))
            order[number] = [node_id for _centre, _i, node_id in sorted(keys)]
        return order

    best = layers
    best_crossings = _crossings(edges, by_id, index_of(best))
    order = layers
    for _round in range(sweeps):
        for numbers, neighbours in ((range(1, LAYERS), lower),
                                    (range(LAYERS - 2, -1, -1), higher)):
            order = sweep(order, numbers, neighbours)
            crossings = _crossings(edges, by_id, index_of(order))
            if crossings < best_crossings:
                best, best_crossings = order, crossings
        if best_crossings == 0:
            break
    return [[by_id[node_id] for node_id in layer] for layer in best]


# --- drawing -----------------------------------------------------------------------------

@dataclass
class _Box:
    node: MapNode
    lines: list[str]
    note: str
    x: float
    y: float
    h: float

    @property
    def centre(self) -> float:
        return self.y + self.h / 2


def _note(node: MapNode) -> str:
    if node.kind == DISBENEFIT:
        return f"{_('Dis-benefit')} · {node.note}" if _clean(node.note) else _("Dis-benefit")
    return node.note


def _box_height(lines: int, note: str) -> float:
    return 2 * PAD_Y + lines * LINE_H + (NOTE_H + 2 if note else 0)


def _map_id(nodes, edges, title: str, description: str) -> str:
    raw = json.dumps([title, description, [asdict(n) for n in nodes],
                      [asdict(e) for e in edges]], sort_keys=True, ensure_ascii=False)
    return "gv-map-" + hashlib.sha256(raw.encode()).hexdigest()[:10]


def _open_svg(map_id: str, height: float, title: str, description: str, role: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{map_id}" class="gv-benefits-map" '
        f'viewBox="0 0 {WIDTH} {_num(height)}" width="100%" '
        f'preserveAspectRatio="xMidYMin meet" role="{role}" '
        f'aria-labelledby="{map_id}-title" aria-describedby="{map_id}-desc" '
        f'font-family="{FONT}" font-size="{FONT_SIZE}">',
        f'<title id="{map_id}-title">{escape(_clean(title))}</title>',
        f'<desc id="{map_id}-desc">{escape(_clean(description))}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{_num(height)}" fill="{BACKGROUND}"/>',
    ]


def _empty_svg(title: str, description: str) -> str:
    map_id = _map_id([], [], title, description)
    height = 60
    parts = _open_svg(map_id, height, title, description, "img")
    parts.append(
        f'<text x="{WIDTH // 2}" y="35" text-anchor="middle" fill="{TEXT}" '
        f'font-size="14">{escape(_("There is nothing to draw yet."))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _ports(boxes: dict[str, _Box], edges: list[MapEdge],
           order: dict[str, int]) -> dict[int, tuple[float, float]]:
    """Where each edge leaves its source and enters its target: spread along the box side,
    sorted by the other end's position so that edges of one box do not cross each other."""
    outgoing: dict[str, list[int]] = {}
    incoming: dict[str, list[int]] = {}
    for i, edge in enumerate(edges):
        outgoing.setdefault(edge.source, []).append(i)
        incoming.setdefault(edge.target, []).append(i)
    start: dict[int, float] = {}
    end: dict[int, float] = {}

    def spread(box: _Box, ids: list[int], other, result: dict[int, float]) -> None:
        ids = sorted(ids, key=lambda i: (boxes[other(edges[i])].node.layer,
                                         order[other(edges[i])], i))
        step = min(10.0, (box.h - 12) / max(len(ids), 1))
        for k, i in enumerate(ids):
            result[i] = box.centre + (k - (len(ids) - 1) / 2) * step

    for node_id, ids in outgoing.items():
        spread(boxes[node_id], ids, lambda e: e.target, start)
    for node_id, ids in incoming.items():
        spread(boxes[node_id], ids, lambda e: e.source, end)
    return {i: (start[i], end[i]) for i in range(len(edges))}


def _draw_box(box: _Box) -> list[str]:
    node = box.node
    fill, border = LAYER_STYLES[node.layer]
    border_width, dash = 1.5, ""
    if node.kind in KIND_STYLES:
        kind_fill, border, border_width, dash = KIND_STYLES[node.kind]
        fill = kind_fill or fill
    parts: list[str] = []
    href = _safe_href(node.href)
    full = _clean(node.label)
    if href:
        # The name says it all, whatever was cut to fit the box.
        name = f"{full}, {box.note}" if box.note else full
        parts.append(f'<a href="{escape(href)}" aria-label="{escape(name)}">')
    else:
        parts.append("<g>")
    if " ".join(box.lines) != full:  # shortened: the whole label as tooltip
        parts.append(f"<title>{escape(full)}</title>")
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    parts.append(
        f'<rect x="{_num(box.x)}" y="{_num(box.y)}" width="{BOX_W}" height="{_num(box.h)}" '
        f'rx="4" fill="{fill}" stroke="{border}" stroke-width="{border_width}"{dash_attr}/>')
    text_x = _num(box.x + PAD_X)
    parts.append(f'<text fill="{TEXT}" font-size="{FONT_SIZE}">')
    for i, line in enumerate(box.lines):
        baseline = box.y + PAD_Y + i * LINE_H + FONT_SIZE
        # A trailing space keeps the words of two lines apart when the text is read out
        # or copied (a newline between <tspan>s is dropped, not turned into a space).
        space = " " if i < len(box.lines) - 1 else ""
        parts.append(f'<tspan x="{text_x}" y="{_num(baseline)}">{escape(line)}{space}</tspan>')
    parts.append("</text>")
    if box.note:
        baseline = box.y + PAD_Y + len(box.lines) * LINE_H + 2 + NOTE_SIZE
        parts.append(f'<text x="{text_x}" y="{_num(baseline)}" fill="{NOTE_TEXT}" '
                     f'font-size="{NOTE_SIZE}">{escape(box.note)}</text>')
    parts.append("</a>" if href else "</g>")
    return parts


def render_benefits_map(nodes: list[MapNode], edges: list[MapEdge], *, title: str,
                        description: str) -> str:
    """The benefits map as an SVG string (every text escaped: safe to ``mark_safe``).

    Raises ValueError for duplicate node ids, layers outside 0–3, and edges that name an
    unknown node or do not go from a lower layer to a higher one.
    """
    nodes, edges = list(nodes), list(edges)
    if not nodes:
        if edges:
            _validate(nodes, edges)
        return _empty_svg(title, description)
    columns = order_layers(nodes, edges)
    map_id = _map_id(nodes, edges, title, description)

    headings = [wrap_label(str(heading), max_lines=2, font_size=HEADING_SIZE,
                           max_width=BOX_W) for heading in COLUMN_HEADINGS]
    header_h = 14 + max(len(lines) for lines in headings) * HEADING_LINE_H + 10

    column_boxes: list[list[_Box]] = []
    column_heights = []
    for number, column in enumerate(columns):
        x = MARGIN + number * (BOX_W + GAP_X)
        boxes = []
        for node in column:
            lines = wrap_label(node.label)
            note = truncate(_note(node), font_size=NOTE_SIZE) if _clean(_note(node)) else ""
            boxes.append(_Box(node, lines, note, x, 0, _box_height(len(lines), note)))
        column_boxes.append(boxes)
        column_heights.append(sum(b.h for b in boxes) + GAP_Y * max(len(boxes) - 1, 0))
    body_h = max(column_heights)
    for boxes, column_h in zip(column_boxes, column_heights, strict=True):
        y = header_h + (body_h - column_h) / 2
        for box in boxes:
            box.y = y
            y += box.h + GAP_Y
    height = header_h + body_h + 16

    boxes_by_id = {box.node.id: box for boxes in column_boxes for box in boxes}
    order = {box.node.id: i for boxes in column_boxes for i, box in enumerate(boxes)}
    has_links = any(_safe_href(node.href) for node in nodes)
    parts = _open_svg(map_id, height, title, description, "group" if has_links else "img")
    if has_links:
        # The browser's focus ring for the links (a PDF has no focus; WeasyPrint skips it).
        parts.append(f"<style>#{map_id} a:focus rect {{ stroke: {TEXT}; stroke-width: 4; }}"
                     f"</style>")
    parts.append(
        f'<defs><marker id="{map_id}-arrow" viewBox="0 0 10 10" refX="10" refY="5" '
        f'markerWidth="6" markerHeight="6" orient="auto">'
        f'<path d="M 0 0 L 10 5 L 0 10 z" fill="{EDGE}"/></marker></defs>')

    # Column headings (with links, each column is a list named after its heading).
    parts.append('<g aria-hidden="true">' if has_links else "<g>")
    for number, lines in enumerate(headings):
        centre = MARGIN + number * (BOX_W + GAP_X) + BOX_W / 2
        for i, line in enumerate(lines):
            parts.append(
                f'<text x="{_num(centre)}" y="{_num(14 + (i + 1) * HEADING_LINE_H - 3)}" '
                f'text-anchor="middle" font-size="{HEADING_SIZE}" font-weight="bold" '
                f'fill="{TEXT}">{escape(line)}</text>')
    parts.append("</g>")

    # Edges under the boxes, their labels over them.
    ports = _ports(boxes_by_id, edges, order)
    curves, labels = [], []
    for i, edge in enumerate(edges):
        source, target = boxes_by_id[edge.source], boxes_by_id[edge.target]
        y1, y2 = ports[i]
        x1, x2 = source.x + BOX_W, target.x - 1
        bend = max(20.0, (x2 - x1) / 2)
        curves.append(
            f'<path d="M {_num(x1)} {_num(y1)} C {_num(x1 + bend)} {_num(y1)} '
            f'{_num(x2 - bend)} {_num(y2)} {_num(x2)} {_num(y2)}" fill="none" '
            f'stroke="{EDGE}" stroke-width="1.4" marker-end="url(#{map_id}-arrow)"/>')
        if _clean(edge.label):
            label = truncate(edge.label, max_width=GAP_X - 8, font_size=EDGE_LABEL_SIZE)
            mid_x, mid_y = (x1 + x2) / 2, (y1 + y2) / 2
            label_w = text_width(label, EDGE_LABEL_SIZE) + 6
            labels.append(
                f'<rect x="{_num(mid_x - label_w / 2)}" y="{_num(mid_y - 8)}" '
                f'width="{_num(label_w)}" height="15" rx="3" fill="{BACKGROUND}" '
                f'stroke="{EDGE}" stroke-width="0.5"/>'
                f'<text x="{_num(mid_x)}" y="{_num(mid_y + 3.5)}" text-anchor="middle" '
                f'font-size="{EDGE_LABEL_SIZE}" fill="{TEXT}">{escape(label)}</text>')
    parts.append('<g aria-hidden="true">')
    parts.extend(curves)
    parts.append("</g>")

    for heading, boxes in zip(COLUMN_HEADINGS, column_boxes, strict=True):
        as_list = has_links and boxes
        parts.append(f'<g role="list" aria-label="{escape(str(heading))}">' if as_list
                     else "<g>")
        for box in boxes:
            if as_list:
                parts.append('<g role="listitem">')
            parts.extend(_draw_box(box))
            if as_list:
                parts.append("</g>")
        parts.append("</g>")

    if labels:
        parts.append('<g aria-hidden="true">')
        parts.extend(labels)
        parts.append("</g>")
    parts.append("</svg>")
    return "\n".join(parts)


# --- text alternative --------------------------------------------------------------------

def text_alternative(nodes: list[MapNode], edges: list[MapEdge]) -> list[dict]:
    """The map as data for a nested list, one entry per benefit (layer 2) in input order:
    ``{"benefit": node, "initiatives": [(node, edge_label)], "changes": [node],
    "objectives": [node]}``.

    Initiatives are those linked to the benefit directly or through one of its enabling
    changes; the label is that of the direct edge if there is one, else of the edge from the
    initiative to the (first) change. Lists follow the input order of the nodes.
    """
    nodes, edges = list(nodes), list(edges)
    by_id = _validate(nodes, edges)
    position = {node.id: i for i, node in enumerate(nodes)}
    into: dict[str, list[MapEdge]] = {}
    out_of: dict[str, list[MapEdge]] = {}
    for edge in edges:
        into.setdefault(edge.target, []).append(edge)
        out_of.setdefault(edge.source, []).append(edge)

    def by_position(ids) -> list[MapNode]:
        return [by_id[i] for i in sorted(set(ids), key=position.__getitem__)]

    entries = []
    for benefit in nodes:
        if benefit.layer != BENEFIT:
            continue
        incoming = into.get(benefit.id, [])
        changes = by_position(e.source for e in incoming if by_id[e.source].layer == CHANGE)
        initiative_labels: dict[str, str] = {}
        for edge in incoming:  # direct links first: their label wins
            if by_id[edge.source].layer == INITIATIVE:
                initiative_labels.setdefault(edge.source, edge.label)
        for change in changes:
            for edge in into.get(change.id, []):
                if by_id[edge.source].layer == INITIATIVE:
                    initiative_labels.setdefault(edge.source, edge.label)
        objectives = by_position(e.target for e in out_of.get(benefit.id, [])
                                 if by_id[e.target].layer == OBJECTIVE)
        entries.append({
            "benefit": benefit,
            "initiatives": [(node, initiative_labels[node.id])
                            for node in by_position(initiative_labels)],
            "changes": changes,
            "objectives": objectives,
        })
    return entries
