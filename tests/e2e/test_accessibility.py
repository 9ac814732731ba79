"""Every page passes axe (WCAG 2.1 AA) with zero violations, in English, Bokmål and Swedish."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import PASSWORD

LANGS = ["en", "nb", "sv"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a",
                                                      "wcag21aa", "best-practice"]}}

# (who, path) — every page of the app; None = not logged in.
PAGES = [
    (None, "/accounts/login/"),
    (None, "/accounts/password/reset/"),
    ("admin", "/o/fjordby/"),
    ("employee", "/o/fjordby/"),
    ("viewer", "/o/fjordby/initiatives/"),
    ("viewer", "/o/fjordby/initiatives/?q=initiativ&sort=-title&phase=execution"),
    ("viewer", "/o/fjordby/initiatives/INI-0001/"),
    ("viewer", "/o/fjordby/initiatives/INI-0001/history/"),
    ("contributor", "/o/fjordby/initiatives/new/"),
    ("contributor", "/o/fjordby/initiatives/INI-0001/edit/"),
    ("admin", "/o/fjordby/settings/"),
    ("admin", "/o/fjordby/settings/units/"),
    ("admin", "/o/fjordby/settings/units/new/"),
    ("admin", "/o/fjordby/settings/members/"),
    ("admin", "/accounts/password/change/"),
    ("admin", "/accounts/2fa/"),
    ("admin", "/accounts/2fa/totp/activate"),
    ("admin", "/organisations/"),
    ("viewer", "/o/fjordby/settings/"),        # 403 page
    ("viewer", "/o/asdal/"),                   # 404 page
]


def _check(page, path):
    page.goto(page.base + path)
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"{path}\n{results.generate_report()}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_passes_axe(open_as, lang):
    pages = {}
    for who, path in PAGES:
        if who not in pages:
            pages[who] = open_as(who, lang)
        _check(pages[who], path)


@pytest.mark.parametrize("lang", LANGS)
def test_pages_with_errors_pass_axe(open_as, lang):
    page = open_as("contributor", lang)
    page.goto(page.base + "/o/fjordby/initiatives/new/")
    page.fill("#id_start_date", "2026-05-01")
    page.fill("#id_end_date", "2026-01-01")
    page.locator("main form button[type=submit]").click()
    assert page.locator(".ds-error-summary").is_visible()
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    anonymous = open_as(None, lang)
    anonymous.goto(anonymous.base + "/accounts/login/")
    anonymous.fill("input[name=login]", "viewer@fjordby.test")
    anonymous.fill("input[name=password]", PASSWORD + "wrong")
    anonymous.locator("main form button[type=submit]").click()
    results = Axe().run(anonymous, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
