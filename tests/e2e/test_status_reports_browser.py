"""Status-report pages that need a report's id pass axe, and a draft is written and published
in a real browser (the pages without ids are in test_accessibility.PAGES)."""

from __future__ import annotations

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.test_accessibility import AXE_OPTIONS, LANGS, _check


def _reports():
    from gevinst.core.scoping import unscoped
    from gevinst.portfolio.models import StatusReport

    with unscoped():
        rows = StatusReport.objects.filter(organisation__slug="fjordby",
                                           initiative__reference="INI-0001")
        return (rows.get(period_start=dt.date(2026, 9, 1)).pk,
                rows.get(period_start=dt.date(2026, 10, 1)).pk)


@pytest.mark.parametrize("lang", LANGS)
def test_report_pages_pass_axe(open_as, lang):
    published, draft = _reports()
    base = "/o/fjordby/initiatives/INI-0001/status/"
    viewer = open_as("viewer", lang)
    _check(viewer, f"{base}{published}/")
    _check(viewer, f"{base}{draft}/")
    contributor = open_as("contributor", lang)
    _check(contributor, f"{base}{draft}/edit/")
    _check(contributor, f"{base}{draft}/delete/")
    _check(contributor, f"{base}{published}/edit/", 409)
    _check(contributor, "/o/fjordby/initiatives/INI-0001/")


def test_contributor_publishes_a_draft_in_the_browser(open_as):
    _published, draft = _reports()
    page = open_as("contributor")
    page.goto(page.base + f"/o/fjordby/initiatives/INI-0001/status/{draft}/edit/")
    page.select_option("#id_benefits", "")
    page.locator("main form button[value=publish]").click()
    assert page.locator(".ds-error-summary").is_visible()
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    page.select_option("#id_benefits", "amber")
    page.select_option("#id_overall", "amber")
    page.fill("#id_summary", "Gevinstene kommer senere enn planlagt.")
    page.locator("main form button[value=publish]").click()
    page.wait_for_url(f"**/status/{draft}/")
    assert "Gevinstene kommer senere enn planlagt." in page.content()
    page.goto(page.base + "/o/fjordby/initiatives/INI-0001/")
    block = page.locator("section[aria-labelledby=latest-status-heading]")
    assert "Amber" in block.inner_text()
