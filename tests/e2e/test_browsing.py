"""What a person does in the browser: keyboard, no JavaScript, create and edit."""

from __future__ import annotations

from tests.conftest import person


def test_skip_link_is_first_and_moves_focus_to_main(open_as):
    page = open_as("viewer")
    page.goto(page.base + "/o/fjordby/initiatives/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_pages_are_readable_without_javascript(browser, e2e_world):
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(person("viewer"))
    context = browser.new_context(java_script_enabled=False)
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": e2e_world.url,
                          "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])
    page = context.new_page()
    page.goto(e2e_world.url + "/o/fjordby/initiatives/?q=initiativ+2")
    rows = page.locator("main table tbody tr")
    assert rows.count() == 1
    assert "initiativ 2" in rows.first.inner_text()
    page.locator("main table tbody tr a").first.click()
    assert page.locator("h1").inner_text().startswith("INI-0002")
    context.close()


def test_contributor_creates_and_edits_an_initiative(open_as):
    page = open_as("contributor")
    page.goto(page.base + "/o/fjordby/initiatives/new/")
    page.fill("#id_title", "Digital byggesøknad")
    page.fill("#id_problem", "Søknader kommer på papir.")
    page.select_option("#id_ambition", "transform")
    page.fill("#id_start_date", "2026-03-01")
    page.fill("#id_end_date", "2027-03-01")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/initiatives/INI-0003/")
    assert "Digital byggesøknad" in page.locator("h1").inner_text()
    page.get_by_role("link", name="Edit").click()
    page.fill("#id_title", "Digital byggesøknad for alle")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/initiatives/INI-0003/")
    page.get_by_role("link", name="History").click()
    history = page.locator("main").inner_text()
    assert "Digital byggesøknad for alle" in history and "Contributor Fjordby" in history


def test_second_editor_is_warned_in_the_browser(open_as):
    first, second = open_as("contributor"), open_as("pmo")
    for page in (first, second):
        page.goto(page.base + "/o/fjordby/initiatives/INI-0001/edit/")
    first.fill("#id_title", "Lagret først")
    first.locator("main form button[type=submit]").click()
    first.wait_for_url("**/initiatives/INI-0001/")
    second.fill("#id_title", "Lagret etterpå")
    second.locator("main form button[type=submit]").click()
    assert second.locator(".ds-error-summary").is_visible()
    assert second.input_value("#id_title") == "Lagret etterpå"
    first.goto(first.base + "/o/fjordby/initiatives/INI-0001/")
    assert "Lagret først" in first.locator("h1").inner_text()


def test_filters_update_the_list_with_htmx(open_as):
    page = open_as("viewer")
    page.goto(page.base + "/o/fjordby/initiatives/")
    assert page.locator("main table tbody tr").count() == 2
    page.fill("#f-q", "initiativ 1")
    page.wait_for_function(
        "document.querySelectorAll('main table tbody tr').length === 1")
    assert "q=initiativ" in page.url
