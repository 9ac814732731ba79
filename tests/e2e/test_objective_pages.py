"""Every page of objectives and KPIs passes axe (WCAG 2.1 AA) in English, Bokmål and
Swedish, including its forms shown with their errors; and in the browser an objective's
page shows its KPI against target (a chart with a data table) and the initiatives and
benefits that contribute, and a measurement recorded by the PMO appears in the table."""

from __future__ import annotations

import pytest

from tests.e2e.test_accessibility import LANGS, axe_clean, check_pages

OBJ = "/o/fjordby/objectives/OBJ-0001"
K = OBJ + "/kpis/KPI-0001"
CHILD = "/o/fjordby/objectives/{child}"

PAGES = [
    ("viewer", "/o/fjordby/objectives/"),
    ("pmo", "/o/fjordby/objectives/"),
    ("viewer", "/o/fjordby/objectives/?q=tid&off_track=1"),
    ("viewer", "/o/fjordby/objectives/?q=no-such-objective"),
    ("viewer", OBJ + "/"),
    ("pmo", OBJ + "/"),
    ("viewer", OBJ + "/history/"),
    ("viewer", CHILD + "/"),  # no KPIs, nothing linked; the viewer is its owner
    ("pmo", CHILD + "/"),
    ("pmo", "/o/fjordby/objectives/new/"),
    ("pmo", "/o/fjordby/objectives/new/?parent=OBJ-0001"),
    ("pmo", OBJ + "/edit/"),
    ("pmo", OBJ + "/kpis/new/"),
    ("viewer", K + "/"),
    ("pmo", K + "/"),
    ("pmo", K + "/edit/"),
    ("pmo", K + "/measurements/{measurement}/"),
    ("contributor", K + "/"),
    ("contributor", OBJ + "/edit/", 403),
    ("viewer", K + "/measurements/{measurement}/", 403),
    ("employee", "/o/fjordby/objectives/", 403),
]


def _ids() -> dict:
    from gevinst.core.models import Organisation
    from gevinst.core.scoping import tenant_scope
    from gevinst.objectives.models import KpiMeasurement, Objective
    from gevinst.objectives.services import do_create_objective
    from tests.conftest import person

    org = Organisation.objects.get(slug="fjordby")
    with tenant_scope(org):
        child = do_create_objective(
            actor=person("pmo"), organisation=org, title="Færre manuelle vedtak",
            parent=Objective.objects.get(organisation=org, reference="OBJ-0001"),
            owner=person("viewer"))
        measurement = KpiMeasurement.objects.get(organisation=org, kpi__reference="KPI-0001")
    return {"child": child.reference, "measurement": measurement.pk}


def _submit(page, form: str = "main form.gv-form") -> None:
    page.locator(f"{form} button[type=submit][data-variant=primary]").first.click()
    page.wait_for_load_state()


@pytest.mark.parametrize("lang", LANGS)
def test_every_objective_page_passes_axe(open_as, lang):
    ids = _ids()
    check_pages(open_as, PAGES, lang, ids)


@pytest.mark.parametrize("lang", LANGS)
def test_objective_forms_with_errors_pass_axe(open_as, lang):
    ids = _ids()
    page = open_as("pmo", lang)

    # An objective without a title.
    page.goto(page.base + "/o/fjordby/objectives/new/")
    _submit(page)
    assert page.locator(".ds-error-summary").is_visible()
    assert page.locator("#id_title[aria-invalid=true]").count() == 1
    axe_clean(page, "new objective with errors")
    page.goto(page.base + OBJ + "/edit/")
    page.fill("#id_title", "")
    _submit(page)
    assert page.locator(".ds-error-summary").is_visible()
    axe_clean(page, "edit objective with errors")

    # A KPI with nothing filled in, then one whose target comes before its baseline.
    page.goto(page.base + OBJ + "/kpis/new/")
    _submit(page)
    assert page.locator(".ds-error-summary").is_visible()
    assert page.locator("[aria-invalid=true]").count() >= 3
    axe_clean(page, "new KPI with errors")
    page.goto(page.base + K + "/edit/")
    page.fill("#id_target_date", "2025-01-01")
    _submit(page)
    assert page.locator("#id_target_date[aria-invalid=true]").count() == 1
    axe_clean(page, "edit KPI with errors")

    # A measurement that is not a number, and one dated in the future.
    page.goto(page.base + K + "/")
    page.fill("#id_value", "mange")
    _submit(page, "#record form")
    assert page.locator("#record .ds-error-summary").is_visible()
    assert page.locator("#id_value[aria-invalid=true]").count() == 1
    axe_clean(page, "record a measurement with errors")
    page.goto(page.base + K + f"/measurements/{ids['measurement']}/")
    page.fill("#id_measured_on", "2099-01-01")
    _submit(page)
    assert page.locator(".ds-error-summary").is_visible()
    assert page.locator("#id_measured_on[aria-invalid=true]").count() == 1
    axe_clean(page, "correct a measurement: dated in the future")
    page.goto(page.base + K + f"/measurements/{ids['measurement']}/")
    page.fill("#id_value", "")
    _submit(page)
    assert page.locator("#id_value[aria-invalid=true]").count() == 1
    axe_clean(page, "correct a measurement: no value")


def test_an_objective_shows_its_kpi_against_target_and_what_contributes(open_as):
    page = open_as("pmo")
    page.goto(page.base + OBJ + "/")

    # KPI-0001 against target: facts, a chart, and the chart's data table.
    kpi = page.locator("#kpi-KPI-0001")
    assert kpi.get_by_role("heading", name="KPI-0001 Andel digitale søknader").is_visible()
    facts = kpi.locator("dl.gv-facts").inner_text()
    assert "80" in facts and "35" in facts  # the target and the latest value
    figure = kpi.locator("figure")
    assert figure.locator("svg").count() >= 1
    caption_id = figure.get_attribute("aria-describedby")
    table = kpi.locator("table")
    assert table.locator("caption").get_attribute("id") == caption_id
    rows = [r.split("\t") for r in table.locator("tbody tr").all_inner_texts()]
    assert len(rows) == 3  # baseline, the measurement of 2026-06-30, target
    assert table.locator("tbody tr").nth(1).locator("time").get_attribute(
        "datetime") == "2026-06-30"
    assert rows[1][1].strip() == "35"
    assert rows[1][3].strip().startswith("25")  # (35 − 20) / (80 − 20) = 25 % achieved
    assert rows[2][2].strip() == "80"

    # The contributing initiative and the benefit, direct and through INI-0001 (60 %).
    initiatives = page.locator("#initiatives table tbody tr")
    assert initiatives.count() == 1
    assert "INI-0001" in initiatives.first.inner_text()
    benefits = page.locator("#benefits table tbody tr")
    assert benefits.count() == 1
    benefit = benefits.first.inner_text()
    assert "BEN-0001" in benefit and "Spart tid i saksbehandling" in benefit
    assert "to this objective" in benefit and "through INI-0001 (60 %)" in benefit

    # The PMO records this month's measurement on the KPI's page and sees it in the table.
    kpi.get_by_role("link", name="KPI-0001 Andel digitale søknader").click()
    page.wait_for_url("**/kpis/KPI-0001/")
    page.fill("#id_measured_on", "2026-11-30")
    page.fill("#id_value", "50")
    page.fill("#id_comment", "Tall fra søknadsportalen")
    page.locator("#record").get_by_role("button", name="Record").click()
    page.locator(".gv-messages").wait_for()
    assert "2026-11-30" in page.locator(".gv-messages").inner_text()
    row = page.locator("#measurements table tbody tr",
                       has=page.locator("time[datetime='2026-11-30']"))
    assert row.count() == 1
    cells = row.inner_text().split("\t")
    assert cells[1].strip() == "50"
    assert cells[3].strip().startswith("50")  # (50 − 20) / (80 − 20)
    assert "Tall fra søknadsportalen" in row.inner_text()
    assert "Pmo Fjordby" in row.inner_text()

    # Back on the objective's page, the new measurement is the latest value.
    page.goto(page.base + OBJ + "/")
    latest = page.locator("#kpi-KPI-0001 dl.gv-facts dd").nth(3).inner_text()
    assert latest.startswith("50"), latest
    assert page.locator("#kpi-KPI-0001 table time[datetime='2026-11-30']").count() == 1
