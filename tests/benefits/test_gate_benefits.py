"""Benefits at the gates: every approval records a review of the initiative's benefits, and
an initiative cannot be closed until its benefits are handed over to their owners.

The world: BEN-0001 (in realisation, owner viewer@fjordby.test, achievement 30 %) is shared
by INI-0001 (60 %) and INI-0002 (40 %); both initiatives are in execution.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import escape

from gevinst.benefits.services.benefits import do_change_benefit_status, do_create_benefit
from gevinst.benefits.services.measures import do_create_measure
from gevinst.core.scoping import tenant_scope
from gevinst.portfolio.models import ChecklistItem, GateDecision, Initiative, Phase
from gevinst.portfolio.services.gates import (
    do_record_earlier_decision,
    do_record_gate_decision,
    do_update_checklist_item,
)
from gevinst.portfolio.services.initiatives import do_create_initiative
from tests.conftest import person

GATES = "/o/fjordby/initiatives/{ref}/gates/"
API = "/api/v1/o/fjordby/initiatives/{ref}/decisions"
TODAY = timezone.localdate()
REVIEW_NEEDED = "Review the initiative's benefits before approving."


def _initiative(org, key="idea", title="Digitale byggesøknader"):
    with tenant_scope(org):
        initiative = do_create_initiative(
            actor=person("pmo"), organisation=org, title=title,
            phase=Phase.objects.get(organisation=org, key=key))
        for item in ChecklistItem.objects.filter(initiative=initiative, is_mandatory=True):
            do_update_checklist_item(actor=person("contributor"), item=item, status="done",
                                     comment="", expected_version=item.version)
        return Initiative.objects.select_related("phase").get(pk=initiative.pk)


def _fresh(org, initiative):
    with tenant_scope(org):
        return Initiative.objects.select_related("phase").get(pk=initiative.pk)


def _decide(org, initiative, decision="approve", **extra):
    fields = {"decided_on": TODAY, "decided_by": "Styringsgruppen",
              "rationale": "Vurdert.", **extra}
    with tenant_scope(org):
        return do_record_gate_decision(actor=person("pmo"), initiative=_fresh(org, initiative),
                                       decision=decision, expected_version=None, **fields)


def _post(client, initiative, **overrides):
    data = {"gate-decision": "approve", "gate-decided_on": TODAY.isoformat(),
            "gate-decided_by": "Styringsgruppen", "gate-rationale": "Klar for neste fase.",
            "gate-conditions": "", "gate-version": initiative.version}
    data.update({f"gate-{k}": v for k, v in overrides.items()})
    return client.post(GATES.format(ref=initiative.reference) + "decide/", data)


def _benefit(org, initiative, title, *, hand_over=False):
    """A benefit of ``initiative`` owned by the viewer, approved (and handed over)."""
    with tenant_scope(org):
        benefit = do_create_benefit(actor=person("contributor"), organisation=org, title=title,
                                    owner=person("viewer"), initiative=initiative)
        do_create_measure(actor=person("contributor"), benefit=benefit, name="Saker",
                          unit="antall", baseline_value=Decimal("10"),
                          baseline_date=dt.date(2026, 1, 1), target_value=Decimal("20"))
        for status in ("profiled", "approved", *(("handed_over",) if hand_over else ())):
            benefit.refresh_from_db()
            do_change_benefit_status(actor=person("pmo"), benefit=benefit, status=status)
        benefit.refresh_from_db()
        return benefit


# --------------------------------------------------------------------------- the review

@pytest.mark.parametrize("decision", ["approve", "approve_with_conditions"])
def test_approval_without_benefits_review_is_refused(org, decision):
    initiative = _initiative(org)
    with pytest.raises(ValidationError) as exc:
        _decide(org, initiative, decision, conditions="Vilkår.")
    assert exc.value.message_dict == {"benefits_reviewed": [REVIEW_NEEDED]}
    assert _fresh(org, initiative).phase.key == "idea"


@pytest.mark.parametrize("decision", ["defer", "stop"])
def test_defer_and_stop_need_no_benefits_review(org, decision):
    record = _decide(org, _initiative(org), decision)
    assert record.benefits_reviewed is False


def test_approval_records_the_benefits_review(org):
    initiative = _initiative(org)
    record = _decide(org, initiative, benefits_reviewed=True,
                     benefits_review="  Gevinstene er fortsatt gyldige.  ")
    with tenant_scope(org):
        stored = GateDecision.objects.get(pk=record.pk)
    assert (stored.benefits_reviewed, stored.benefits_review) == (
        True, "Gevinstene er fortsatt gyldige.")
    assert _fresh(org, initiative).phase.key == "concept"


def test_earlier_decisions_may_leave_the_review_out(org):
    initiative = _initiative(org, "planning")
    with tenant_scope(org):
        concept = Phase.objects.get(organisation=org, key="concept")
        record = do_record_earlier_decision(
            actor=person("pmo"), initiative=initiative, from_phase=concept, decision="approve",
            decided_on=dt.date(2026, 1, 10), decided_by="Porteføljerådet", rationale="Godkjent.")
        reviewed = do_record_earlier_decision(
            actor=person("pmo"), initiative=initiative,
            from_phase=Phase.objects.get(organisation=org, key="idea"), decision="approve",
            decided_on=dt.date(2025, 10, 1), decided_by="Porteføljerådet", rationale="Godkjent.",
            benefits_reviewed=True, benefits_review="Gevinstkart gjennomgått.")
    assert record.benefits_reviewed is False
    assert (reviewed.benefits_reviewed, reviewed.benefits_review) == (
        True, "Gevinstkart gjennomgått.")


def test_web_approval_without_the_review_is_refused_and_keeps_the_input(client_as, org):
    initiative = _initiative(org)
    response = _post(client_as("pmo"), initiative, benefits_review="Usikker på eierne.")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_gate-benefits_reviewed_error"' in page
    assert escape(REVIEW_NEEDED) in page
    assert 'href="#id_gate-benefits_reviewed"' in page  # in the error summary
    assert "Usikker på eierne." in page
    assert _fresh(org, initiative).phase.key == "idea"


def test_web_approval_with_the_review_moves_on_and_shows_it_in_the_timeline(client_as, org):
    initiative = _initiative(org)
    client = client_as("pmo")
    response = _post(client, initiative, benefits_reviewed="on",
                     benefits_review="Eierne er på plass.")
    assert response.status_code == 302
    assert _fresh(org, initiative).phase.key == "concept"
    page = client.get(GATES.format(ref=initiative.reference)).content.decode()
    timeline = page[page.index('id="timeline-heading"'):]
    assert "Benefits reviewed" in timeline and "Eierne er på plass." in timeline


def test_gate_page_shows_the_initiatives_benefits_above_the_decision_form(client_as, org):
    page = client_as("pmo").get(GATES.format(ref="INI-0001")).content.decode()
    review = page[page.index('id="benefits-review-heading"'):page.index('id="decide-heading"')]
    assert "BEN-0001" in review and "Spart tid i saksbehandling" in review
    assert "In realisation" in review and "Viewer Fjordby" in review
    assert "30 %" in review and "60 %" in review  # achievement; this initiative's share
    assert 'href="/o/fjordby/benefits/BEN-0001/"' in review
    form = page[page.index('id="decide-heading"'):page.index('id="timeline-heading"')]
    assert 'name="gate-benefits_reviewed"' in form and 'name="gate-benefits_review"' in form


def test_gate_page_costs_the_same_queries_however_many_benefits(
        client_as, org, django_assert_max_num_queries):
    initiative = _initiative(org, "realisation")
    for n in range(4):
        _benefit(org, initiative, f"Gevinst {n}", hand_over=n % 2 == 0)
    client = client_as("pmo")
    client.get(GATES.format(ref=initiative.reference))
    with django_assert_max_num_queries(9):
        assert client.get(GATES.format(ref=initiative.reference)).status_code == 200


def test_gate_page_of_an_initiative_without_benefits_says_so(client_as, org):
    initiative = _initiative(org)
    page = client_as("viewer").get(GATES.format(ref=initiative.reference)).content.decode()
    assert "No benefits are linked to this initiative yet." in page


def test_gate_page_does_not_show_another_organisations_benefits(client_as, other_org):
    page = client_as("pmo", "asdal").get("/o/asdal/initiatives/INI-0003/gates/")
    assert page.status_code == 200
    assert "BEN-0001" not in page.content.decode()  # Åsdal's BEN-0001 is not on INI-0003


def test_another_organisation_cannot_reach_the_gate_page_or_decide(client_as, org):
    client = client_as("pmo", "asdal")
    assert client.get(GATES.format(ref="INI-0001")).status_code == 404
    assert client.post(GATES.format(ref="INI-0001") + "decide/", {}).status_code == 404


# --------------------------------------------------------------------------- the API

def test_api_approval_without_review_is_422(api, org):
    initiative = _initiative(org)
    response = api("pmo")("post", API.format(ref=initiative.reference),
                          json={"decision": "approve", "decided_on": TODAY.isoformat(),
                                "decided_by": "Styringsgruppen", "rationale": "Klar."})
    assert response.status_code == 422
    assert {"loc": ["body", "benefits_reviewed"], "msg": REVIEW_NEEDED} in [
        {"loc": d["loc"], "msg": d["msg"]} for d in response.json()["detail"]]
    assert _fresh(org, initiative).phase.key == "idea"


def test_api_accepts_and_returns_the_review(api, org):
    initiative = _initiative(org)
    call = api("pmo")
    response = call("post", API.format(ref=initiative.reference), json={
        "decision": "approve", "decided_on": TODAY.isoformat(), "decided_by": "Styringsgruppen",
        "rationale": "Klar.", "benefits_reviewed": True, "benefits_review": "Realistisk."})
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["benefits_reviewed"], body["benefits_review"]) == (True, "Realistisk.")
    listed = call("get", API.format(ref=initiative.reference)).json()
    assert [(d["benefits_reviewed"], d["benefits_review"]) for d in listed] == [
        (True, "Realistisk.")]


def test_api_gate_decisions_of_another_organisation_are_404(api):
    response = api("pmo", "asdal")("post", API.format(ref="INI-0001"), json={
        "decision": "defer", "decided_on": TODAY.isoformat(), "decided_by": "X",
        "rationale": "Y"})
    assert response.status_code == 404


# --------------------------------------------------------------------------- closing

def test_closing_requires_benefit_handover(org):
    initiative = _initiative(org, "realisation")
    pending = _benefit(org, initiative, "Raskere byggesaker")
    withdrawn = _benefit(org, initiative, "Trukket gevinst")
    with tenant_scope(org):
        do_change_benefit_status(actor=person("pmo"), benefit=withdrawn, status="withdrawn",
                                 comment="Overlapper med en annen gevinst.")
    with pytest.raises(ValidationError) as exc:
        _decide(org, initiative, benefits_reviewed=True)
    assert exc.value.message_dict == {"decision": [
        f"Benefit not handed over to its owner yet: {pending.reference} Raskere byggesaker"]}
    assert _fresh(org, initiative).phase.key == "realisation"

    with tenant_scope(org):
        do_change_benefit_status(actor=person("viewer"), benefit=pending,
                                 status="handed_over")
    _decide(org, initiative, benefits_reviewed=True)
    closed = _fresh(org, initiative)
    assert (closed.phase.key, closed.status) == ("closed", "completed")


def test_benefits_do_not_block_the_phases_before_closed(org):
    initiative = _initiative(org, "closing")
    _benefit(org, initiative, "Ikke overlevert ennå")
    _decide(org, initiative, benefits_reviewed=True)
    assert _fresh(org, initiative).phase.key == "realisation"


def test_web_refusal_to_close_lists_the_benefits_not_handed_over(client_as, org):
    initiative = _initiative(org, "realisation")
    first = _benefit(org, initiative, "Raskere byggesaker")
    second = _benefit(org, initiative, "Færre klager")
    client = client_as("pmo")
    page = client.get(GATES.format(ref=initiative.reference)).content.decode()
    warning = page[page.index('id="benefits-review-heading"'):page.index("<table")]
    assert "cannot move to Closed until these benefits are handed over" in warning
    assert first.reference in warning and second.reference in warning
    response = _post(client, initiative, benefits_reviewed="on")
    summary = response.content.decode()
    summary = summary[summary.index("ds-error-summary"):summary.index("</ul>",
                                                                      summary.index(
                                                                          "ds-error-summary"))]
    for benefit in (first, second):
        assert (f"Benefit not handed over to its owner yet: {benefit.reference} "
                f"{benefit.title}") in summary
    assert _fresh(org, initiative).phase.key == "realisation"


def test_api_refusal_to_close_lists_the_benefits_then_allows_it(api, org):
    initiative = _initiative(org, "realisation")
    benefit = _benefit(org, initiative, "Raskere byggesaker")
    call = api("pmo")
    body = {"decision": "approve", "decided_on": TODAY.isoformat(),
            "decided_by": "Kommunedirektørens ledergruppe", "rationale": "Avslutt.",
            "benefits_reviewed": True}
    refused = call("post", API.format(ref=initiative.reference), json=body)
    assert refused.status_code == 422
    messages = [d["msg"] for d in refused.json()["detail"] if d["loc"] == ["body", "decision"]]
    assert messages == [f"Benefit not handed over to its owner yet: {benefit.reference} "
                        "Raskere byggesaker"]
    with tenant_scope(org):
        do_change_benefit_status(actor=person("viewer"), benefit=benefit, status="handed_over")
    allowed = call("post", API.format(ref=initiative.reference), json=body)
    assert allowed.status_code == 201, allowed.content
    assert allowed.json()["to_phase"] == "closed"
