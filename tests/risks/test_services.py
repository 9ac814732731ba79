"""Writes to the risk register (risks/services): scores kept, appetite flags, the named
decision to accept, escalation, review, closing, actions, appetite and edit conflicts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gevinst.core.versioning import EditConflict
from gevinst.portfolio.models import Initiative, Programme
from gevinst.risks.models import Risk, RiskAction, RiskAppetite
from gevinst.risks.services import (
    do_accept_risk,
    do_add_action,
    do_close_risk,
    do_create_risk,
    do_escalate_risk,
    do_reopen_risk,
    do_review_risk,
    do_set_appetite,
    do_update_action,
    do_update_risk,
)

pytestmark = pytest.mark.usefixtures("scoped")


def _create(org, people, **data):
    base = {"title": "Nøkkelperson slutter", "category": "people", "probability": 3,
            "impact": 3}
    base.update(data)
    return do_create_risk(actor=people["contributor"], organisation=org, data=base)


def _errors(exc_info) -> dict:
    return exc_info.value.message_dict


# --------------------------------------------------------------------------- scores, level

def test_create_keeps_scores_and_reference(org, people):
    risk = _create(org, people, probability=4, impact=5, residual_probability=2,
                   residual_impact=3)
    assert (risk.score, risk.residual_score) == (20, 6)
    assert risk.reference.startswith("RSK-") and risk.number >= 3
    assert risk.level == "organisation" and not risk.above_appetite


def test_residual_falls_back_to_inherent_score(org, people):
    risk = _create(org, people, probability=4, impact=4)
    assert risk.residual_score == 16
    assert risk.above_appetite  # 16 > 12 by default


def test_residual_is_both_or_neither(org, people):
    with pytest.raises(ValidationError) as exc:
        _create(org, people, residual_probability=2)
    assert "residual_impact" in _errors(exc)


@pytest.mark.parametrize("field", ["probability", "impact", "residual_probability"])
def test_probability_and_impact_are_1_to_5(org, people, field):
    data = {field: 6}
    if field == "residual_probability":
        data["residual_impact"] = 2
    with pytest.raises(ValidationError) as exc:
        _create(org, people, **data)
    assert field in _errors(exc)


def test_level_is_derived_from_initiative_or_programme(org, people):
    first = Initiative.objects.get(organisation=org, number=1)
    second = Initiative.objects.get(organisation=org, number=2)
    programme = Programme.objects.get(organisation=org, number=1)
    on_first = _create(org, people, initiative=first)
    assert on_first.level == "initiative" and on_first.programme_id == programme.pk
    assert _create(org, people, initiative=second).programme_id is None
    assert _create(org, people, programme=programme).level == "programme"


def test_initiative_from_another_organisation_is_refused(org, other_org, people):
    from gevinst.core.scoping import unscoped

    with unscoped():
        foreign = Initiative.objects.get(organisation=other_org, number=1)
    with pytest.raises(ValidationError) as exc:
        _create(org, people, initiative=foreign)
    assert "initiative" in _errors(exc)


def test_owner_must_be_a_member(org, people):
    with pytest.raises(ValidationError) as exc:
        _create(org, people, owner=people["outsider"])
    assert "owner" in _errors(exc)


def test_strategy_must_fit_the_kind(org, people):
    with pytest.raises(ValidationError) as exc:
        _create(org, people, kind="opportunity", strategy="reduce")
    assert "strategy" in _errors(exc)
    with pytest.raises(ValidationError):
        _create(org, people, kind="risk", strategy="exploit")
    assert _create(org, people, kind="opportunity", strategy="exploit").kind == "opportunity"


# --------------------------------------------------------------------------- appetite flags

def test_appetite_flag_uses_the_category_threshold(org, people):
    do_set_appetite(actor=people["admin"], organisation=org, thresholds={"people": 6})
    assert _create(org, people, category="people", probability=2, impact=4).above_appetite
    assert not _create(org, people, category="legal", probability=2, impact=4).above_appetite


def test_opportunities_are_never_flagged(org, people):
    chance = _create(org, people, kind="opportunity", strategy="enhance", probability=5,
                     impact=5)
    assert not chance.above_appetite


def test_strategy_accept_above_appetite_is_refused(org, people):
    with pytest.raises(ValidationError) as exc:
        _create(org, people, probability=5, impact=5, strategy="accept")
    assert "strategy" in _errors(exc)
    # Within appetite, accepting needs no decision.
    assert _create(org, people, probability=2, impact=2, strategy="accept").strategy == "accept"


def test_appetite_change_reflags_in_bulk(org, people, django_assert_max_num_queries):
    rsk1 = Risk.objects.get(organisation=org, reference="RSK-0001")  # supplier, 9
    rsk2 = Risk.objects.get(organisation=org, reference="RSK-0002")  # people, 20
    # Constant: the thresholds, their history, one UPDATE per category and the marks that
    # make cached heat maps recompute (core/aggregates.py).
    with django_assert_max_num_queries(15):
        do_set_appetite(actor=people["admin"], organisation=org,
                        thresholds={"supplier": 8, "people": 20})
    rsk1.refresh_from_db()
    rsk2.refresh_from_db()
    assert rsk1.above_appetite and not rsk2.above_appetite
    do_set_appetite(actor=people["admin"], organisation=org, thresholds={"supplier": None})
    rsk1.refresh_from_db()
    assert not rsk1.above_appetite
    assert not RiskAppetite.objects.filter(organisation=org, category="supplier").exists()


def test_appetite_is_for_administrators_and_1_to_25(org, people):
    with pytest.raises(PermissionDenied):
        do_set_appetite(actor=people["pmo"], organisation=org, thresholds={"people": 6})
    with pytest.raises(ValidationError) as exc:
        do_set_appetite(actor=people["admin"], organisation=org, thresholds={"people": 26})
    assert "people" in _errors(exc)


# --------------------------------------------------------------------------- acceptance

def test_accept_without_decision_text_is_refused(org, people):
    risk = Risk.objects.get(organisation=org, reference="RSK-0002")
    with pytest.raises(ValidationError) as exc:
        do_accept_risk(actor=people["pmo"], risk=risk, decision="  ")
    assert "decision" in _errors(exc)
    risk.refresh_from_db()
    assert risk.accepted_at is None


def test_accept_records_who_when_why_and_score(org, people):
    risk = Risk.objects.get(organisation=org, reference="RSK-0002")
    do_accept_risk(actor=people["pmo"], risk=risk, decision="Opplæring starter i januar.")
    risk.refresh_from_db()
    assert risk.is_accepted and risk.strategy == "accept"
    assert risk.accepted_by == people["pmo"] and risk.accepted_score == 20
    assert timezone.localdate(risk.accepted_at) == timezone.localdate()
    assert risk.acceptance_decision == "Opplæring starter i januar."


def test_accept_within_appetite_is_refused(org, people):
    risk = Risk.objects.get(organisation=org, reference="RSK-0001")  # 9 ≤ 12
    with pytest.raises(ValidationError) as exc:
        do_accept_risk(actor=people["pmo"], risk=risk, decision="Greit.")
    assert "within appetite" in str(_errors(exc)["decision"])


def test_opportunity_cannot_be_accepted(org, people):
    chance = _create(org, people, kind="opportunity", strategy="exploit", probability=5,
                     impact=5)
    with pytest.raises(ValidationError):
        do_accept_risk(actor=people["pmo"], risk=chance, decision="Ja.")


def test_acceptance_lapses_when_residual_rises_above_accepted_score(org, people):
    risk = _create(org, people, probability=4, impact=4, residual_probability=3,
                   residual_impact=5)  # 15
    do_accept_risk(actor=people["pmo"], risk=risk, decision="Vi lever med det.")
    # Lower is still covered by the decision.
    risk = do_update_risk(actor=people["contributor"], risk=risk,
                          data={"residual_probability": 3, "residual_impact": 5},
                          expected_version=risk.version)
    assert risk.is_accepted
    risk = do_update_risk(actor=people["contributor"], risk=risk,
                          data={"residual_probability": 4, "residual_impact": 4},
                          expected_version=risk.version)
    risk.refresh_from_db()
    assert risk.above_appetite and not risk.is_accepted
    assert risk.accepted_by is None and risk.acceptance_decision == ""
    # The old decision is in the history.
    decisions = list(risk.history.values_list("acceptance_decision", flat=True))
    assert "Vi lever med det." in decisions


def test_acceptance_holds_when_score_falls(org, people):
    risk = Risk.objects.get(organisation=org, reference="RSK-0002")
    do_accept_risk(actor=people["pmo"], risk=risk, decision="Akseptert.")
    risk = do_update_risk(actor=people["pmo"], risk=risk, data={"probability": 3},
                          expected_version=risk.version)
    assert risk.residual_score == 15 and risk.is_accepted


# --------------------------------------------------------------------------- escalation

def test_escalation_goes_upward_only(org, people):
    risk = Risk.objects.get(organisation=org, reference="RSK-0001")
    with pytest.raises(ValidationError) as exc:
        do_escalate_risk(actor=people["pmo"], risk=risk, level="programme", reason="")
    assert "reason" in _errors(exc)
    do_escalate_risk(actor=people["pmo"], risk=risk, level="programme", reason="Berører alle")
    risk.refresh_from_db()
    assert risk.level == "programme" and risk.escalated_on == timezone.localdate()
    assert risk.initiative.reference == "INI-0001"
    with pytest.raises(ValidationError) as exc:
        do_escalate_risk(actor=people["pmo"], risk=risk, level="programme", reason="Igjen")
    assert "level" in _errors(exc)
    do_escalate_risk(actor=people["pmo"], risk=risk, level="organisation", reason="Stort")
    org_level = Risk.objects.get(organisation=org, reference="RSK-0002")
    with pytest.raises(ValidationError):
        do_escalate_risk(actor=people["pmo"], risk=org_level, level="programme", reason="Ned")


def test_escalation_to_programme_needs_a_programme(org, people):
    second = Initiative.objects.get(organisation=org, number=2)  # no programme
    risk = _create(org, people, initiative=second)
    with pytest.raises(ValidationError) as exc:
        do_escalate_risk(actor=people["pmo"], risk=risk, level="programme", reason="Stort")
    assert "level" in _errors(exc)


def test_escalated_risk_keeps_its_level_on_edit(org, people):
    risk = Risk.objects.get(organisation=org, reference="RSK-0001")
    do_escalate_risk(actor=people["pmo"], risk=risk, level="organisation", reason="Stort")
    risk = do_update_risk(actor=people["pmo"], risk=risk,
                          data={"initiative": risk.initiative, "programme": risk.programme},
                          expected_version=risk.version)
    assert risk.level == "organisation"


# --------------------------------------------------------------------------- review, close

def test_review_sets_dates_and_needs_a_future_date(org, people):
    risk = Risk.objects.get(organisation=org, reference="RSK-0001")
    today = timezone.localdate()
    with pytest.raises(ValidationError) as exc:
        do_review_risk(actor=people["contributor"], risk=risk, next_review=today)
    assert "next_review" in _errors(exc)
    do_review_risk(actor=people["contributor"], risk=risk,
                   next_review=today + dt.timedelta(days=90), comment="Ingen endring")
    risk.refresh_from_db()
    assert risk.last_reviewed_on == today
    assert risk.next_review == today + dt.timedelta(days=90)


def test_close_and_reopen(org, people):
    risk = Risk.objects.get(organisation=org, reference="RSK-0001")
    do_close_risk(actor=people["contributor"], risk=risk, status="occurred", comment="Skjedde")
    risk.refresh_from_db()
    assert risk.status == "occurred" and risk.closed_on == timezone.localdate()
    with pytest.raises(ValidationError):
        do_close_risk(actor=people["contributor"], risk=risk, status="closed")
    do_reopen_risk(actor=people["contributor"], risk=risk)
    risk.refresh_from_db()
    assert risk.status == "open" and risk.closed_on is None
    with pytest.raises(ValidationError):
        do_reopen_risk(actor=people["contributor"], risk=risk)


# --------------------------------------------------------------------------- conflicts

def test_stale_version_is_an_edit_conflict(org, people):
    risk = Risk.objects.get(organisation=org, reference="RSK-0001")
    stale = Risk.objects.get(pk=risk.pk)
    do_update_risk(actor=people["contributor"], risk=risk, data={"title": "Først"},
                   expected_version=risk.version)
    with pytest.raises(EditConflict):
        do_update_risk(actor=people["pmo"], risk=stale, data={"title": "Sist"},
                       expected_version=stale.version)
    assert Risk.objects.get(pk=risk.pk).title == "Først"


# --------------------------------------------------------------------------- actions

def test_actions_add_update_and_complete(org, people):
    risk = Risk.objects.get(organisation=org, reference="RSK-0002")
    with pytest.raises(ValidationError) as exc:
        do_add_action(actor=people["pmo"], risk=risk, description=" ")
    assert "description" in _errors(exc)
    action = do_add_action(actor=people["pmo"], risk=risk, description="Kurs for ansatte",
                           owner=people["viewer"], due_date=dt.date(2027, 1, 31))
    assert action.organisation_id == org.pk and action.status == "planned"
    action = do_update_action(actor=people["viewer"], action=action, data={"status": "done"},
                              expected_version=action.version)
    assert action.completed_on == timezone.localdate()
    with pytest.raises(EditConflict):
        do_update_action(actor=people["viewer"], action=RiskAction.objects.get(pk=action.pk),
                         data={"status": "planned"}, expected_version=1)


def test_action_owner_must_be_a_member(org, people):
    risk = Risk.objects.get(organisation=org, reference="RSK-0002")
    with pytest.raises(ValidationError) as exc:
        do_add_action(actor=people["pmo"], risk=risk, description="Noe",
                      owner=people["outsider"])
    assert "owner" in _errors(exc)



def test_a_review_comment_longer_than_history_keeps_is_refused_not_cut(org, people):
    risk = Risk.objects.get(organisation=org, number=1)
    with pytest.raises(ValidationError) as caught:
        do_review_risk(actor=people["pmo"], risk=risk, comment="x" * 101,
                       next_review=timezone.localdate() + dt.timedelta(days=30))
    assert "100 characters (it has 101)" in caught.value.message_dict["comment"][0]
    with pytest.raises(ValidationError):
        do_close_risk(actor=people["pmo"], risk=risk, status="closed", comment="y" * 101)
    risk.refresh_from_db()
    assert risk.status == "open" and risk.last_reviewed_on is None
