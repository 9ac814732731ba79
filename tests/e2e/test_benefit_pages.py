"""Every benefits realisation page passes axe (WCAG 2.1 AA) in English, Bokmål and Swedish,
including forms shown with their errors."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.test_accessibility import AXE_OPTIONS, LANGS, check_pages

B = "/o/fjordby/benefits/BEN-0001"
PAGES = [
    ("viewer", "/o/fjordby/benefits/"),
    ("pmo", "/o/fjordby/benefits/?category=capacity_freed&health=behind&sort=-value"),
    ("viewer", "/o/fjordby/my-benefits/"),
    ("contributor", "/o/fjordby/my-benefits/"),
    ("viewer", B + "/"),
    ("pmo", B + "/"),
    ("viewer", B + "/history/"),
    ("contributor", "/o/fjordby/benefits/new/?initiative=INI-0001"),
    ("contributor", B + "/edit/"),
    ("contributor", B + "/links/"),
    ("contributor", B + "/profile/"),
    ("viewer", B + "/measures/"),
    ("contributor", B + "/measures/"),
    ("contributor", B + "/measures/new/"),
    ("contributor", B + "/measures/{measure}/edit/"),
    ("contributor", B + "/measures/{measure}/plan/"),
    ("viewer", B + "/measures/{measure}/measurements/new/"),
    ("contributor", B + "/measures/{measure}/measurements/{measurement}/edit/"),
    ("viewer", "/o/fjordby/benefits/measurements/?owner=me"),
    ("contributor", "/o/fjordby/benefits/measurements/"),
    ("viewer", "/o/fjordby/benefits/dashboard/"),
    ("viewer", "/o/fjordby/initiatives/INI-0001/benefits/"),
    ("viewer", "/o/fjordby/initiatives/INI-0001/benefits/realisation/"),
    ("viewer", "/o/fjordby/programmes/PRG-0001/benefits/realisation/"),
    ("viewer", "/o/fjordby/initiatives/INI-0001/benefits/map/"),
    ("viewer", "/o/fjordby/programmes/PRG-0001/benefits/map/"),
    ("viewer", "/o/fjordby/initiatives/INI-0001/benefits/plan/"),
    ("viewer", "/o/fjordby/programmes/PRG-0001/benefits/plan/"),
    ("viewer", "/o/fjordby/programmes/PRG-0001/"),
    ("pmo", "/o/fjordby/initiatives/INI-0001/gates/"),
    ("pmo", "/o/fjordby/import/?kind=benefits"),
    ("employee", B + "/", 403),
]


def _ids():
    from gevinst.benefits.models import Measure, Measurement
    from gevinst.core.scoping import unscoped

    with unscoped():
        measure = Measure.objects.get(benefit__reference="BEN-0001",
                                      organisation__slug="fjordby")
        measurement = Measurement.objects.filter(measure=measure).first()
    return {"measure": measure.pk, "measurement": measurement.pk}


@pytest.mark.parametrize("lang", LANGS)
def test_every_benefit_page_passes_axe(open_as, lang):
    ids = _ids()
    check_pages(open_as, PAGES, lang, ids)


@pytest.mark.parametrize("lang", LANGS)
def test_benefit_forms_with_errors_pass_axe(open_as, lang):
    ids = _ids()
    page = open_as("contributor", lang)
    # The grid refuses text in a number column: errors per row, nothing saved.
    page.goto(page.base + "/o/fjordby/benefits/measurements/")
    page.locator("main form input[name$=actual]").first.fill("mange")
    page.locator("main form button[type=submit][data-variant=primary]").click()
    assert page.locator(".ds-error-summary").is_visible()
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    # A measure whose target is on the wrong side of its baseline.
    page.goto(page.base + B + f"/measures/{ids['measure']}/edit/")
    page.fill("#id_target_value", "50")
    page.locator("main form button[type=submit][data-variant=primary]").click()
    assert page.locator("[aria-invalid=true]").count() >= 1
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    # Attribution above 100 %.
    page.goto(page.base + B + "/links/")
    page.locator("main form select").first.select_option(index=1)
    page.locator("main form input[name=attribution]").fill("90")
    page.locator("main form button[type=submit][data-variant=primary]").first.click()
    assert page.locator("[aria-invalid=true]").count() >= 1
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
