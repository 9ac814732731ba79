"""In the browser: a benefit from identification to realisation, outliving its initiative.

Identified → refused approval without a baseline → profiled → approved → measured over
periods → one measurement outside tolerance puts it in the owner's daily digest → the
initiative is refused closure until the benefit is handed over → handed over → closed →
measured again after closure → realised.
"""

from __future__ import annotations

import datetime as dt

from django.core import mail


def _initiative_in_realisation(title: str) -> str:
    """An initiative in the Realisation phase with its mandatory checklist done."""
    from gevinst.core.models import Organisation
    from gevinst.core.scoping import tenant_scope
    from gevinst.portfolio.models import ChecklistItem, Phase
    from gevinst.portfolio.services.gates import do_update_checklist_item
    from gevinst.portfolio.services.initiatives import do_create_initiative
    from tests.conftest import person

    org = Organisation.objects.get(slug="fjordby")
    with tenant_scope(org):
        initiative = do_create_initiative(
            actor=person("pmo"), organisation=org, title=title,
            phase=Phase.objects.get(organisation=org, key="realisation"),
            start_date=dt.date(2024, 9, 1), end_date=dt.date(2025, 12, 31))
        for item in ChecklistItem.objects.filter(organisation=org, initiative=initiative,
                                                 phase=initiative.phase, is_mandatory=True):
            do_update_checklist_item(actor=person("pmo"), item=item, status="done",
                                     comment="", expected_version=item.version)
        return initiative.reference


def _measure_id(reference: str) -> int:
    from gevinst.benefits.models import Measure
    from gevinst.core.scoping import unscoped

    with unscoped():
        return Measure.objects.get(benefit__reference=reference,
                                   benefit__organisation__slug="fjordby").pk


def _status(page, label: str) -> None:
    page.get_by_role("button", name=f"Make it “{label}”").click()


def _record(page, base: str, measure_id: int, period: str, actual: str) -> None:
    page.goto(f"{base}/measures/{measure_id}/measurements/new/?period={period}")
    page.fill("#id_actual", actual)
    page.get_by_role("button", name="Save").click()
    page.locator(".gv-messages").wait_for()


def _decide_closure(page, initiative: str, base_url: str) -> None:
    page.goto(f"{base_url}/o/fjordby/initiatives/{initiative}/gates/")
    page.locator("input[name=gate-decision][value=approve]").check()
    page.fill("#id_gate-decided_by", "Kommunedirektørens ledergruppe")
    page.fill("#id_gate-rationale", "Prosjektet er levert.")
    page.locator("#id_gate-benefits_reviewed").check()
    page.get_by_role("button", name="Record decision").click()


def test_a_benefit_lives_from_identification_to_realisation(open_as):
    from gevinst.benefits.services.followup import run_followup
    from gevinst.core.models import Organisation
    from gevinst.core.scoping import tenant_scope

    initiative = _initiative_in_realisation("Digital parkeringstillatelse")
    page = open_as("pmo")

    # Identified: registered from the initiative, owned by a line manager (the viewer).
    page.goto(page.base + f"/o/fjordby/benefits/new/?initiative={initiative}")
    page.fill("#id_title", "Spart tid på parkeringssøknader")
    page.select_option("#id_owner", label="Viewer Fjordby (viewer@fjordby.test)")
    page.select_option("#id_valuation_method", "time_saved")
    page.fill("#id_minutes_per_case", "15")
    page.fill("#id_cases_per_year", "4000")
    page.get_by_role("button", name="Save").click()
    page.locator("h1").wait_for()
    reference = page.url.rstrip("/").rsplit("/", 1)[-1]
    assert reference.startswith("BEN-")
    assert "Identified" in page.content()
    base = page.base + f"/o/fjordby/benefits/{reference}"

    # A measure without a baseline; profiled; approval refused for want of the baseline.
    page.goto(base + "/measures/new/")
    page.fill("#id_name", "Timer spart per kvartal")
    page.fill("#id_unit", "timer")
    page.select_option("#id_frequency", "quarterly")
    page.fill("#id_target_value", "400")
    page.fill("#id_target_date", "2025-12-31")
    page.get_by_role("button", name="Save").click()
    page.locator(".gv-messages").wait_for()
    page.goto(base + "/")
    _status(page, "Profiled")
    page.locator(".gv-messages").wait_for()
    assert "Profiled" in page.locator("main").inner_text()
    _status(page, "Approved")
    summary = page.locator(".ds-error-summary")
    summary.wait_for()
    assert "baseline" in summary.inner_text()
    assert "Profiled" in page.locator("main").inner_text()

    # The baseline is measured; the trajectory planned; now it is approved.
    measure_id = _measure_id(reference)
    page.goto(base + f"/measures/{measure_id}/edit/")
    page.fill("#id_baseline_value", "100")
    page.fill("#id_baseline_date", "2025-01-01")
    page.get_by_role("button", name="Save").click()
    page.locator(".gv-messages").wait_for()
    page.goto(base + f"/measures/{measure_id}/plan/")
    page.get_by_role("button", name="Fill in a straight line from baseline to target").click()
    page.get_by_role("button", name="Save the plan").click()
    page.locator(".gv-messages").wait_for()
    page.goto(base + "/")
    _status(page, "Approved")
    page.locator(".gv-messages").wait_for()
    assert "Approved" in page.locator("main").inner_text()

    # Measured over three quarters: on plan, on plan, then far behind (outside tolerance).
    _record(page, base, measure_id, "2025-01-01", "180")
    _record(page, base, measure_id, "2025-04-01", "255")
    _record(page, base, measure_id, "2025-07-01", "240")
    page.goto(base + "/measures/")
    assert "Behind" in page.locator("main").inner_text()

    # The daily job: the owner gets one digest that names the slipping benefit.
    mail.outbox = []
    fjordby = Organisation.objects.get(slug="fjordby")
    with tenant_scope(fjordby):
        run_followup(fjordby)
    to_owner = [m for m in mail.outbox if m.to == ["viewer@fjordby.test"]]
    assert len(to_owner) == 1
    assert reference in to_owner[0].body

    # The initiative cannot be closed while the benefit is not handed over.
    _decide_closure(page, initiative, page.base)
    refusal = page.locator(".ds-error-summary")
    refusal.wait_for()
    assert reference in refusal.inner_text()
    assert "Phase: Realisation" in page.locator(".gv-tags").first.inner_text()

    # Handed over to its owner; now the initiative closes.
    page.goto(base + "/")
    _status(page, "Handed over")
    page.locator(".gv-messages").wait_for()
    _decide_closure(page, initiative, page.base)
    page.locator(".gv-messages").wait_for()
    assert "Phase: Closed" in page.locator(".gv-tags").first.inner_text()

    # Measured again after closure, and assessed as realised.
    _record(page, base, measure_id, "2025-10-01", "410")
    page.goto(base + "/")
    _status(page, "Realised")
    page.locator(".gv-messages").wait_for()
    main = page.locator("main").inner_text()
    assert "Realised" in main
    page.goto(base + "/measures/")
    assert "410" in page.locator("main").inner_text()
