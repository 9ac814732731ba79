"""Every page of the risk and opportunity register passes axe (WCAG 2.1 AA) in English,
Bokmål and Swedish, including its forms shown with their errors; and in the browser a risk
above the risk appetite is accepted only with a named decision, which the risk's page and
the overview then show (who and when)."""

from __future__ import annotations

import re

import pytest

from tests.e2e.test_accessibility import LANGS, axe_clean, check_pages

R1 = "/o/fjordby/risks/RSK-0001"  # INI-0001, 16 → 9, owned by the contributor
R2 = "/o/fjordby/risks/RSK-0002"  # organisation level, 20, above appetite, not accepted
ACCEPTED = "/o/fjordby/risks/{accepted}"  # made below: above appetite and accepted

PAGES = [
    ("viewer", "/o/fjordby/risks/"),
    ("pmo", "/o/fjordby/risks/?kind=risk&level=organisation&appetite=needs_decision"
            "&sort=-residual"),
    ("contributor", "/o/fjordby/risks/?owner=me&review=overdue&q=leverand%C3%B8r"
                    "&category=supplier&status=open"),
    ("viewer", "/o/fjordby/risks/?kind=risk&basis=residual&status=open&probability=3&impact=3"),
    ("viewer", "/o/fjordby/risks/?appetite=accepted&sort=appetite"),
    ("viewer", "/o/fjordby/risks/?q=no-such-risk"),
    ("viewer", R2 + "/"),
    ("pmo", R2 + "/"),
    ("viewer", ACCEPTED + "/"),
    ("pmo", ACCEPTED + "/"),
    ("contributor", R1 + "/"),
    ("viewer", R1 + "/"),
    ("viewer", R1 + "/history/"),
    ("pmo", ACCEPTED + "/history/"),
    ("contributor", "/o/fjordby/risks/new/"),
    ("contributor", "/o/fjordby/risks/new/?initiative=INI-0001"),
    ("contributor", "/o/fjordby/risks/new/?programme=PRG-0001"),
    ("contributor", R1 + "/edit/"),
    ("contributor", R1 + "/actions/new/"),
    ("contributor", R1 + "/actions/{action}/"),
    ("viewer", "/o/fjordby/risks/heatmap/"),
    ("viewer", "/o/fjordby/risks/heatmap/?kind=risk&basis=inherent"),
    ("viewer", "/o/fjordby/risks/heatmap/?kind=risk&basis=residual"),
    ("viewer", "/o/fjordby/risks/heatmap/?kind=opportunity&basis=inherent"),
    ("viewer", "/o/fjordby/risks/heatmap/?kind=opportunity&basis=residual"),
    ("viewer", "/o/fjordby/risks/due/"),
    ("contributor", "/o/fjordby/risks/due/?owner=me"),
    ("admin", "/o/fjordby/risks/appetite/"),
    ("viewer", "/o/fjordby/risks/appetite/"),
    ("viewer", "/o/fjordby/initiatives/INI-0001/risks/"),
    ("contributor", "/o/fjordby/initiatives/INI-0001/risks/?kind=risk&basis=inherent"),
    ("viewer", "/o/fjordby/initiatives/INI-0002/risks/?kind=opportunity"),
    ("viewer", "/o/fjordby/programmes/PRG-0001/risks/"),
    ("pmo", "/o/fjordby/programmes/PRG-0001/risks/?basis=inherent"),
    ("viewer", R1 + "/edit/", 403),
    ("employee", "/o/fjordby/risks/", 403),
]


def _fjordby():
    from gevinst.core.models import Organisation

    return Organisation.objects.get(slug="fjordby")


def make_risk(title: str, probability: int, impact: int, *, residual=(None, None),
              kind: str = "risk", category: str = "delivery", initiative: str | None = None,
              accept: str = "", strategy: str | None = None) -> str:
    """A risk made through the services (as a person would), optionally accepted by the
    PMO with the decision ``accept``; returns its reference."""
    from gevinst.core.scoping import tenant_scope
    from gevinst.portfolio.models import Initiative
    from gevinst.risks.services import do_accept_risk, do_create_risk
    from tests.conftest import person

    org = _fjordby()
    with tenant_scope(org):
        data = {"kind": kind, "title": title, "category": category, "probability": probability,
                "impact": impact, "residual_probability": residual[0],
                "residual_impact": residual[1], "owner": person("pmo"),
                "strategy": strategy or ("exploit" if kind == "opportunity" else "reduce")}
        if initiative:
            data["initiative"] = Initiative.objects.get(organisation=org, reference=initiative)
        risk = do_create_risk(actor=person("pmo"), organisation=org, data=data)
        if accept:
            risk = do_accept_risk(actor=person("pmo"), risk=risk, decision=accept)
        return risk.reference


def _ids() -> dict:
    from gevinst.core.scoping import unscoped
    from gevinst.risks.models import RiskAction

    accepted = make_risk("Avhengighet av én nøkkelperson", 5, 4,
                         accept="Akseptert ut 2027; ny ressurs rekrutteres.")
    make_risk("Felles innkjøp med nabokommunen", 3, 4, residual=(4, 4), kind="opportunity",
              category="financial", initiative="INI-0002")
    with unscoped():
        action = RiskAction.objects.get(risk__reference="RSK-0001",
                                        organisation__slug="fjordby")
    return {"accepted": accepted, "action": action.pk}


def _submit(page, form: str) -> None:
    page.locator(f"{form} button[type=submit]").first.click()
    page.wait_for_load_state()


@pytest.mark.parametrize("lang", LANGS)
def test_every_risk_page_passes_axe(open_as, lang):
    ids = _ids()
    check_pages(open_as, PAGES, lang, ids)


@pytest.mark.parametrize("lang", LANGS)
def test_an_opened_heat_map_cell_passes_axe(open_as, lang):
    page = open_as("viewer", lang)
    page.goto(page.base + "/o/fjordby/risks/heatmap/")
    summaries = page.locator("table.gv-heat summary")
    assert summaries.count() == 2  # RSK-0001 after action (3×3), RSK-0002 (4×5)
    for i in range(summaries.count()):
        summaries.nth(i).click()
    assert page.locator("table.gv-heat a", has_text="RSK-0002").is_visible()
    axe_clean(page)


@pytest.mark.parametrize("lang", LANGS)
def test_risk_forms_with_errors_pass_axe(open_as, lang):
    page = open_as("contributor", lang)

    # A new risk with nothing filled in: the title is missing.
    page.goto(page.base + "/o/fjordby/risks/new/?initiative=INI-0001")
    _submit(page, "main form.gv-form")
    assert page.locator(".ds-error-summary").is_visible()
    assert page.locator("#id_title[aria-invalid=true]").count() == 1
    axe_clean(page, "new risk with errors")

    # Editing: the title emptied and only half of the assessment after action.
    page.goto(page.base + R1 + "/edit/")
    page.fill("#id_title", "")
    page.select_option("#id_residual_impact", index=0)
    _submit(page, "main form.gv-form")
    assert page.locator(".ds-error-summary").is_visible()
    assert page.locator("#id_title[aria-invalid=true]").count() == 1
    axe_clean(page, "edit risk with errors")

    # An action without a description.
    page.goto(page.base + R1 + "/actions/new/")
    _submit(page, "main form.gv-form")
    assert page.locator(".ds-error-summary").is_visible()
    axe_clean(page, "new action with errors")

    # The risk page's forms: a review dated in the past, an escalation without a reason.
    page.goto(page.base + R1 + "/")
    page.fill("#review input[name=next_review]", "2020-01-01")
    _submit(page, "#review")
    assert page.locator("#review .ds-error-summary").is_visible()
    axe_clean(page, "review with errors")
    page.goto(page.base + R1 + "/")
    _submit(page, "#escalate")
    assert page.locator("#escalate .ds-error-summary").is_visible()
    assert page.locator("#escalate textarea[aria-invalid=true]").count() == 1
    axe_clean(page, "escalation with errors")

    # Closing when somebody else changed the risk meanwhile: refused and said so.
    page.goto(page.base + R1 + "/")
    page.locator("#close input[name=version]").evaluate("e => e.value = '0'")
    _submit(page, "#close")
    assert page.locator("#close .ds-error-summary").is_visible()
    axe_clean(page, "close refused")

    # Closed: the risk page offers to reopen it.
    page.goto(page.base + R1 + "/")
    _submit(page, "#close")
    assert page.locator("#reopen").is_visible()
    axe_clean(page, "closed risk")

    # The PMO accepts a risk above appetite without a decision text: refused.
    pmo = open_as("pmo", lang)
    pmo.goto(pmo.base + R2 + "/")
    _submit(pmo, "#accept")
    assert pmo.locator("#accept .ds-error-summary").is_visible()
    assert pmo.locator("#id_decision[aria-invalid=true]").count() == 1
    axe_clean(pmo, "accept without a decision")

    # The administrator sets a threshold outside 1–25.
    admin = open_as("admin", lang)
    admin.goto(admin.base + "/o/fjordby/risks/appetite/")
    admin.fill("#id_people", "30")
    _submit(admin, "main form.gv-form")
    assert admin.locator(".ds-error-summary").is_visible()
    assert admin.locator("#id_people[aria-invalid=true]").count() == 1
    axe_clean(admin, "appetite with errors")


# --------------------------------------------------------------------------- the story

def _short(value) -> str:
    from django.utils import timezone, translation
    from django.utils.formats import date_format

    with translation.override("en"):
        return date_format(timezone.localtime(value), "SHORT_DATE_FORMAT")


def _long(value) -> str:
    from django.utils import timezone, translation
    from django.utils.formats import date_format

    with translation.override("en"):
        return date_format(timezone.localtime(value), "DATE_FORMAT")


def test_a_risk_above_appetite_is_accepted_only_with_a_named_decision(open_as):
    from gevinst.core.scoping import unscoped
    from gevinst.risks.models import Risk

    page = open_as("pmo")

    # The PMO finds the risks that need a decision and opens RSK-0002.
    page.goto(page.base + "/o/fjordby/risks/?appetite=needs_decision")
    row = page.locator("main table tbody tr", has_text="RSK-0002")
    assert row.count() == 1
    assert "Above appetite" in row.inner_text()
    row.get_by_role("link", name="RSK-0002").click()
    page.wait_for_url("**/risks/RSK-0002/")
    alert = page.locator("section.ds-alert", has_text="decision is needed")
    assert alert.is_visible()

    # Accepting without a decision text is refused, with the field's error shown.
    accept = page.locator("form#accept")
    accept.get_by_role("button", name="Accept risk").click()
    page.wait_for_load_state()
    summary = page.locator("#accept .ds-error-summary")
    assert summary.is_visible()
    assert summary.get_attribute("role") == "alert"  # announced, as the other forms do
    assert "Write the decision" in summary.inner_text()
    decision = page.locator("#id_decision")
    assert decision.get_attribute("aria-invalid") == "true"
    described = (decision.get_attribute("aria-describedby") or "").split()
    assert any("Write the decision" in page.locator(f"[id='{i}']").inner_text()
               for i in described), described
    summary.get_by_role("link").first.click()  # the summary leads to the field
    assert page.evaluate("document.activeElement.id") == "id_decision"
    assert page.locator(".gv-tags").get_by_text("Above appetite", exact=True).is_visible()
    with unscoped():
        refused = Risk.objects.get(reference="RSK-0002", organisation__slug="fjordby")
    assert refused.accepted_at is None and refused.accepted_by_id is None

    # With the decision written, it is accepted: who, when and why are on the page.
    decision.fill("Akseptert av kommunedirektøren til opplæringen er ferdig i 2027.")
    page.locator("form#accept").get_by_role("button", name="Accept risk").click()
    page.locator(".gv-messages").wait_for()
    with unscoped():
        accepted = Risk.objects.select_related("accepted_by").get(
            reference="RSK-0002", organisation__slug="fjordby")
    assert accepted.accepted_by.email == "pmo@fjordby.test"
    assert accepted.acceptance_decision.startswith("Akseptert av kommunedirektøren")
    facts = page.locator("section.ds-alert dl.gv-facts")
    text = facts.inner_text()
    assert "Pmo Fjordby" in text
    assert _long(accepted.accepted_at) in text
    assert "Akseptert av kommunedirektøren" in text
    assert page.locator(".gv-tags").get_by_text("Accepted above appetite").is_visible()

    # The overview: no longer among those needing a decision; shown as accepted, by whom, when.
    page.goto(page.base + "/o/fjordby/risks/?appetite=needs_decision")
    assert page.locator("main table tbody tr", has_text="RSK-0002").count() == 0
    page.goto(page.base + "/o/fjordby/risks/?appetite=accepted")
    row = page.locator("main table tbody tr", has_text="RSK-0002")
    assert row.count() == 1
    cell = row.locator("td").last.inner_text()
    assert re.search(r"Accepted above appetite\s+by Pmo Fjordby on "
                     + re.escape(_short(accepted.accepted_at)), cell), cell
