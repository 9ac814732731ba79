"""In the browser: a portfolio manager takes an initiative through every gate."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.test_accessibility import AXE_OPTIONS, LANGS, _check


def _new_initiative(title: str) -> str:
    from gevinst.core.models import Organisation
    from gevinst.core.scoping import tenant_scope
    from gevinst.portfolio.models import Phase
    from gevinst.portfolio.services.initiatives import do_create_initiative
    from tests.conftest import person

    org = Organisation.objects.get(slug="fjordby")
    with tenant_scope(org):
        return do_create_initiative(
            actor=person("pmo"), organisation=org, title=title,
            phase=Phase.objects.get(organisation=org, key="idea")).reference


def _complete_mandatory_items(page) -> None:
    mandatory = page.locator("li[id^=checklist-item-]:has(.ds-tag[data-color=warning])")
    for index in range(mandatory.count()):
        item = mandatory.nth(index)
        item_id = item.get_attribute("id")
        item.locator("select").select_option("done")
        item.locator("button[type=submit]").click()
        page.locator(f"#{item_id} [role=status]").wait_for()  # swapped in by htmx


def _decide(page, decision: str = "approve") -> None:
    page.locator(f"input[name=gate-decision][value={decision}]").check()
    page.fill("#id_gate-decided_by", "Rådmannens ledergruppe")
    page.fill("#id_gate-rationale", "Vurdert ved beslutningspunktet.")
    page.locator("#id_gate-benefits_reviewed").check()
    page.get_by_role("button", name="Record decision").click()


def test_pmo_takes_an_initiative_from_idea_to_closed(open_as):
    reference = _new_initiative("Digital parkeringstillatelse")
    page = open_as("pmo")
    page.goto(page.base + f"/o/fjordby/initiatives/{reference}/")
    page.get_by_role("link", name="Phases and gates").click()

    # Refused at DP1: the first mandatory item is still open, and the refusal names it.
    first_open = page.locator(
        "li[id^=checklist-item-]:has(.ds-tag[data-color=warning]) h4").first.inner_text()
    _decide(page)
    summary = page.locator(".ds-error-summary")
    summary.wait_for()
    assert f"Mandatory checklist item still open: {first_open}" in summary.inner_text()
    assert "Phase: Idea" in page.locator(".gv-tags").first.inner_text()

    phases = ["Concept", "Planning", "Execution", "Closing", "Realisation", "Closed"]
    for number, phase in enumerate(phases, start=1):
        _complete_mandatory_items(page)
        _decide(page)
        page.locator(".gv-messages").wait_for()
        assert f"Phase: {phase}" in page.locator(".gv-tags").first.inner_text()
        timeline = page.locator("section[aria-labelledby=timeline-heading] ol > li")
        assert timeline.count() == number
        assert f"DP{number}: Approve" in timeline.nth(number - 1).inner_text()
    assert "Status: Completed" in page.locator(".gv-tags").first.inner_text()
    assert "there is no decision point left" in page.content()


def test_contributor_works_the_checklist_without_javascript(browser, e2e_world):
    from django.conf import settings
    from django.test import Client

    from tests.conftest import person

    context = browser.new_context(java_script_enabled=False)
    client = Client()
    client.force_login(person("contributor"))
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME,
                          "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                          "url": e2e_world.url}])
    page = context.new_page()
    page.goto(e2e_world.url + "/o/fjordby/initiatives/INI-0001/gates/")
    item = page.locator("li[id^=checklist-item-]").first
    item.locator("select").select_option("not_relevant")
    item.locator("textarea").fill("Ingen anskaffelse i dette prosjektet.")
    item.locator("button[type=submit]").click()
    assert "Checklist item saved" in page.locator(".gv-messages").inner_text()
    assert "Status: Not relevant" in page.locator("li[id^=checklist-item-]").first.inner_text()
    assert page.locator('input[name="gate-decision"]').count() == 0  # contributors don't decide
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_phase_settings_and_gate_pages_pass_axe(open_as, lang):
    from gevinst.core.scoping import unscoped
    from gevinst.portfolio.models import ChecklistTemplateItem, Phase

    with unscoped():
        phase = Phase.objects.get(organisation__slug="fjordby", key="planning")
        item = ChecklistTemplateItem.objects.filter(phase=phase).first()
    admin = open_as("admin", lang)
    for path in (f"/o/fjordby/settings/phases/{phase.pk}/",
                 f"/o/fjordby/settings/phases/{phase.pk}/items/new/",
                 f"/o/fjordby/settings/checklist-items/{item.pk}/"):
        _check(admin, path)
    # A refused decision (error summary and field errors) passes too.
    pmo = open_as("pmo", lang)
    pmo.goto(pmo.base + "/o/fjordby/initiatives/INI-0001/gates/")
    pmo.locator("input[name=gate-decision][value=approve_with_conditions]").check()
    pmo.locator("form[action$='/decide/'] button[type=submit]").click()
    pmo.locator(".ds-error-summary").wait_for()
    results = Axe().run(pmo, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
