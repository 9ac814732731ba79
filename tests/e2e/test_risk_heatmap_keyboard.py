"""The organisation's heat map is navigable by keyboard and readable by a screen reader.

Tabbing through the map reaches every cell that holds something — top row (probability 5)
to bottom, impact 1 to 5 within a row — and nothing else: empty cells are no tab stops.
Each control is named, as Chromium's accessibility tree gives it to a screen reader, by its
probability, impact, score and number of risks; Enter discloses the cell's risks. The map
is a table with a caption, column headers (impact) and row headers (probability).
"""

from __future__ import annotations

import re

from tests.e2e.test_risk_pages import make_risk

HEATMAP = "/o/fjordby/risks/heatmap/"


def _focused_in_map(page) -> dict | None:
    """The focused element, if it is inside the heat map table: its tag, its cell's
    probability and impact (from the row and column headers), and the accessible name
    and expanded state that Chromium's accessibility tree gives it."""
    info = page.evaluate("""() => {
        const el = document.activeElement;
        const table = el && el.closest('table.gv-heat');
        if (!table) return null;
        const td = el.closest('td');
        const tr = td.closest('tr');
        const column = Array.prototype.indexOf.call(tr.children, td);
        return {tag: el.tagName.toLowerCase(), row: tr.querySelector('th').textContent.trim(),
                column: table.tHead.rows[0].children[column].textContent.trim()};
    }""")
    if info is None:
        return None
    info.update(_ax_of_focused(page))
    return info


def _ax_of_focused(page) -> dict:
    """Role, accessible name and expanded state of the focused element, from Chromium's
    accessibility tree (what a screen reader is given)."""
    cdp = page.context.new_cdp_session(page)
    try:
        handle = cdp.send("Runtime.evaluate", {"expression": "document.activeElement"})
        node = cdp.send("Accessibility.getPartialAXTree", {
            "objectId": handle["result"]["objectId"], "fetchRelatives": False})["nodes"][0]
    finally:
        cdp.detach()
    props = {p["name"]: p.get("value", {}).get("value") for p in node.get("properties", [])}
    assert props.get("focused") is True, node
    return {"name": (node.get("name") or {}).get("value", ""),
            "role": (node.get("role") or {}).get("value", ""),
            "expanded": props.get("expanded")}


def _tab_through_map(page) -> list[dict]:
    """Focus the last switch link before the map, then Tab until focus leaves the map."""
    page.locator("#heatmap nav").last.get_by_role("link").last.focus()
    stops: list[dict] = []
    entered = False
    for _ in range(60):
        page.keyboard.press("Tab")
        stop = _focused_in_map(page)
        if stop is None:
            if entered:
                return stops
            continue
        entered = True
        stops.append(stop)
    raise AssertionError(f"focus never left the heat map: {stops}")


def test_the_heat_map_is_navigable_by_keyboard_and_named_for_screen_readers(open_as):
    # Besides RSK-0001 (after action 3×3) and RSK-0002 (4×5): one more risk in RSK-0002's
    # cell, one in the top row and one in the bottom row.
    same_cell = make_risk("Sluttdato for gammelt fagsystem", 4, 5)
    make_risk("Fagforeningen motsetter seg ny turnus", 5, 1, category="change")
    make_risk("Personvernkonsekvenser ikke vurdert", 1, 5, category="security")
    page = open_as("viewer")
    page.goto(page.base + HEATMAP)

    # A real table: named by its caption, with header cells for both axes.
    table = page.get_by_role("table", name=re.compile(r"5 open risks by probability and "
                                                      r"impact, after action"))
    assert table.count() == 1
    assert table.locator("caption").is_visible()
    assert [table.get_by_role("columnheader", name=f"Impact {i}").count()
            for i in range(1, 6)] == [1] * 5
    assert [table.get_by_role("rowheader", name=f"Probability {p}").count()
            for p in range(1, 6)] == [1] * 5

    stops = _tab_through_map(page)

    # Every non-empty cell, in reading order, and nothing else (no empty cell, no link
    # hidden in a closed cell).
    assert [(s["row"], s["column"]) for s in stops] == [
        ("Probability 5", "Impact 1"), ("Probability 4", "Impact 5"),
        ("Probability 3", "Impact 3"), ("Probability 1", "Impact 5")], stops
    assert {s["tag"] for s in stops} == {"summary"}
    empty_stops = page.evaluate("""() => [...document.querySelectorAll('table.gv-heat td')]
        .filter(td => !td.querySelector('details'))
        .flatMap(td => [...td.querySelectorAll('a, button, summary, input, [tabindex]')])
        .length""")
    assert empty_stops == 0

    # What a screen reader hears on each stop: probability, impact, score and how many.
    assert [s["name"] for s in stops] == [
        "Probability 5, impact 1, score 5 (medium): 1 risk",
        "Probability 4, impact 5, score 20 (high): 2 risks",
        "Probability 3, impact 3, score 9 (medium): 1 risk",
        "Probability 1, impact 5, score 5 (medium): 1 risk"], stops
    assert all(s["expanded"] is False for s in stops), stops

    # Enter on a cell discloses its risks; the next Tab goes to the first of them.
    page.locator("#heatmap nav").last.get_by_role("link").last.focus()
    for _ in range(2 + 5):
        page.keyboard.press("Tab")
        stop = _focused_in_map(page)
        if stop and stop["name"].startswith("Probability 4, impact 5"):
            break
    else:
        raise AssertionError("Tab never reached the cell probability 4, impact 5")
    page.keyboard.press("Enter")
    assert _ax_of_focused(page)["expanded"] is True
    cell = page.locator("table.gv-heat td", has=page.locator("summary:focus"))
    links = cell.locator("details a")
    assert sorted(links.all_inner_texts()) == sorted(["RSK-0002", same_cell])
    assert links.first.is_visible() and links.last.is_visible()
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.textContent.trim()")
    assert first in ("RSK-0002", same_cell)
    # Enter on a risk's link opens the risk.
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/risks/{first}/")

    # The switch to "before action" works by keyboard too: RSK-0001 moves to 4×4.
    page.goto(page.base + HEATMAP)
    before = page.locator("#heatmap nav").last.get_by_role("link").last
    assert before.inner_text().strip() == "Before action"
    before.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"basis=inherent"))
    names = [s["name"] for s in _tab_through_map(page)]
    assert "Probability 4, impact 4, score 16 (high): 1 risk" in names, names
    assert not any(n.startswith("Probability 3, impact 3") for n in names), names
