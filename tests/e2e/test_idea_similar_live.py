"""The similar ideas of the submission form, for keyboard and screen-reader users: the list
is a named region with a heading; it is a polite live region that is on the page from the
start and keeps its identity while its content changes; it is filled after typing, once the
person pauses (debounced, not on every key); its links are reached with Tab right after the
problem field; and without JavaScript the "Check for similar ideas" button shows the same
list with everything typed kept."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from tests.e2e.test_accessibility import axe_clean

NEW = "/o/fjordby/ideas/new/"
TITLE = "Bestille time på nett hos helsestasjonen"
PROBLEM = "Foreldre må ringe i telefontiden for å få time, og køen er lang."
EXISTING = "IDE-0001"  # "Digital timebestilling på helsestasjonen"


@pytest.fixture
def open_without_js(browser, e2e_world):
    """open_without_js('employee') → a page logged in, with JavaScript switched off."""
    from django.conf import settings
    from django.test import Client

    from tests.conftest import person

    contexts = []

    def make(role: str, lang: str = "en"):
        context = browser.new_context(locale="en-GB", java_script_enabled=False)
        contexts.append(context)
        client = Client()
        client.force_login(person(role))
        url = e2e_world.url
        context.add_cookies([
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": lang, "url": url},
            {"name": settings.SESSION_COOKIE_NAME,
             "value": client.cookies[settings.SESSION_COOKIE_NAME].value, "url": url}])
        page = context.new_page()
        page.base = url
        return page

    yield make
    for context in contexts:
        context.close()


def _similar_requests(page) -> list[str]:
    """The URLs of the look-ups the page makes from now on (a live list)."""
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url) if "/ideas/similar/" in r.url else None)
    return seen


def test_the_similar_ideas_are_a_named_polite_live_region(open_as):
    page = open_as("employee")
    page.goto(page.base + NEW)

    # A region named by its heading, announced politely, present before anything is typed.
    section = page.get_by_role("region", name="Similar ideas")
    assert section.count() == 1
    assert section.get_by_role("heading", name="Similar ideas").is_visible()
    live = section.locator("[aria-live]")
    assert live.count() == 1
    assert live.get_attribute("aria-live") == "polite"
    assert live.get_attribute("id") == "similar-results"
    assert "Type a title" in live.inner_text()  # a hint, not an empty box
    # The two fields say which region they update.
    for field in ("#id_title", "#id_problem"):
        assert page.locator(field).get_attribute("aria-controls") == "similar-results"

    # Mark the region's element: a live region must stay the same node to be announced.
    live.evaluate("e => { e.dataset.marked = 'yes'; }")
    requests = _similar_requests(page)
    page.locator("#id_title").press_sequentially(TITLE, delay=30)
    with page.expect_response(lambda r: "/ideas/similar/" in r.url
                              and parse_qs(urlparse(r.url).query).get("problem") == [PROBLEM]):
        page.locator("#id_problem").press_sequentially(PROBLEM, delay=30)
    link = live.get_by_role("link", name=re.compile(EXISTING))
    link.wait_for(timeout=10_000)
    page.wait_for_timeout(600)  # longer than the pause the list waits for: nothing more

    # Debounced: a handful of look-ups for about a hundred keys, the last with both fields.
    keys = len(TITLE) + len(PROBLEM)
    assert 1 <= len(requests) <= 4, (len(requests), keys)
    last = parse_qs(urlparse(requests[-1]).query)
    assert last.get("title") == [TITLE]
    assert last.get("problem") == [PROBLEM]
    assert page.locator("#similar-results[data-marked=yes]").count() == 1
    assert live.get_attribute("aria-live") == "polite"
    # The list says how many and what to do, and each link says it opens a new tab.
    assert re.search(r"\d+ similar ideas? already exists?", live.inner_text())
    assert "(opens in a new tab)" in link.inner_text() or "new tab" in (
        link.evaluate("e => e.textContent"))
    axe_clean(page, "the similar ideas shown while typing")


def test_the_similar_ideas_are_reached_with_tab(open_as):
    page = open_as("employee")
    page.goto(page.base + NEW)
    page.locator("#id_title").press_sequentially(TITLE, delay=10)
    page.locator("#id_problem").press_sequentially(PROBLEM, delay=10)
    links = page.locator("#similar-results a")
    links.first.wait_for(timeout=10_000)
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert any(h.endswith(f"/ideas/{EXISTING}/") for h in hrefs), hrefs

    # From the problem field, Tab goes through every similar idea, then to the button.
    page.locator("#id_problem").focus()
    for href in hrefs:
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.getAttribute('href')") == href
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "check"
    # Typing on does not move the focus away from the field (the region is not focused).
    page.locator("#id_problem").focus()
    page.keyboard.type(" Også ved jordmor.")
    page.wait_for_timeout(800)
    assert page.evaluate("document.activeElement.id") == "id_problem"


def test_without_javascript_the_check_button_shows_the_similar_ideas(open_without_js):
    page = open_without_js("employee")
    page.goto(page.base + NEW)
    assert "Type a title" in page.locator("#similar-results").inner_text()
    page.fill("#id_title", TITLE)
    page.fill("#id_problem", PROBLEM)
    page.fill("#id_proposal", "Timebestilling i appen.")
    page.get_by_role("button", name="Check for similar ideas").click()
    page.wait_for_load_state()

    # Same page, nothing validated or saved, everything typed kept, the list shown.
    assert page.url.endswith(NEW)
    assert page.locator(".ds-error-summary").count() == 0
    assert page.locator("#id_title").input_value() == TITLE
    assert page.locator("#id_problem").input_value() == PROBLEM
    assert page.locator("#id_proposal").input_value() == "Timebestilling i appen."
    results = page.locator("#similar-results")
    assert results.get_by_role("link", name=re.compile(EXISTING)).count() == 1
    # (axe needs JavaScript: this page with the list is checked in test_idea_pages.py.)

    # Too little text: the hint again, not an empty list.
    page.fill("#id_title", "Kø")
    page.fill("#id_problem", "")
    page.get_by_role("button", name="Check for similar ideas").click()
    page.wait_for_load_state()
    assert "Type a title" in page.locator("#similar-results").inner_text()

    # Words that match nothing: said so.
    page.fill("#id_title", "Snøbrøyting av fotballbanen om vinteren")
    page.fill("#id_problem", "Banen ligger ubrukt fra desember til mars.")
    page.get_by_role("button", name="Check for similar ideas").click()
    page.wait_for_load_state()
    assert page.locator("#similar-results a[href*='/ideas/IDE-']").count() == 0
    assert "No similar ideas" in page.locator("#similar-results").inner_text()
