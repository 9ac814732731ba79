"""The demo risk registers: Fjordby's realistic register (risks and opportunities at every
level, its appetite per category, accepted risks above appetite with decisions, one waiting
for a decision, escalations, overdue actions and passed reviews, closed risks), and Åsdal's
small one on the default appetite."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from gevinst.core.models import Membership, Organisation, Role
from gevinst.core.scoping import tenant_scope
from gevinst.demo import benefits as demo_benefits
from gevinst.demo import gates, reports
from gevinst.demo import objectives as demo_objectives
from gevinst.demo.loader import NAMES, ORGS, load_organisation
from gevinst.demo.risks import load_risks
from gevinst.risks import calc
from gevinst.risks.models import Category, Risk, RiskAction, RiskAppetite
from gevinst.risks.selectors.due import risks_due
from tests.conftest import FAST_HASHERS


def _load(monkeypatch, index: int, slug: str):
    """Load a demo organisation under a new slug; gates, status reports, objectives and
    benefits are left out (the risks do not need them; the programmes they do need come
    with the registers)."""
    monkeypatch.setitem(NAMES, slug, NAMES[ORGS[index]["slug"]])
    monkeypatch.setattr(gates, "load_gates", lambda *a, **k: None)
    monkeypatch.setattr(reports, "load_status_reports", lambda *a, **k: None)
    monkeypatch.setattr(demo_benefits, "load_benefits", lambda *a, **k: [])
    monkeypatch.setattr(demo_objectives, "load_objectives", lambda *a, **k: {})
    org, created = load_organisation({**ORGS[index], "slug": slug, "name": slug},
                                     password="x")
    assert created
    return org


@pytest.fixture(scope="module")
def _demo_ids(django_db_setup, django_db_blocker):
    """Fjordby's and Åsdal's demo, loaded once for this module inside a transaction that is
    rolled back at its end (each test runs in a savepoint inside it)."""
    with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as monkeypatch, \
            override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield {"fjordby": _load(monkeypatch, 0, "fjordby-risks").pk,
                   "asdal": _load(monkeypatch, 1, "asdal-risks").pk}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def fjordby_demo(_demo_ids, db):
    org = Organisation.objects.get(pk=_demo_ids["fjordby"])
    with tenant_scope(org):
        yield org


@pytest.fixture
def asdal_demo(_demo_ids, db):
    org = Organisation.objects.get(pk=_demo_ids["asdal"])
    with tenant_scope(org):
        yield org


def test_demo_register_has_risks_and_opportunities_at_every_level(fjordby_demo):
    register = Risk.objects.filter(organisation=fjordby_demo)
    risks = register.filter(kind=Risk.Kind.RISK)
    assert 25 <= risks.count() <= 35
    assert register.filter(kind=Risk.Kind.OPPORTUNITY).count() >= 3
    assert set(register.values_list("level", flat=True)) == set(Risk.Level.values)
    assert len(set(register.values_list("category", flat=True))) >= 8
    for risk in register:
        assert risk.cause and risk.effect and risk.owner_id, risk
    # Every strategy that fits, of both kinds, is used somewhere.
    assert {"reduce", "avoid", "monitor", "accept"} <= set(
        risks.values_list("strategy", flat=True))
    assert {"exploit", "share"} <= set(
        register.filter(kind=Risk.Kind.OPPORTUNITY).values_list("strategy", flat=True))
    # Some residuals are not assessed yet: their current score is the inherent one.
    unassessed = register.filter(residual_probability__isnull=True)
    assert unassessed.exists()
    assert all(r.residual_score == r.score for r in unassessed)


def test_demo_risks_are_owned_by_line_managers_and_the_portfolio_office(fjordby_demo):
    members = {m.user_id: m for m in Membership.objects.filter(organisation=fjordby_demo)
               .select_related("user")}
    owners = [members[r.owner_id] for r in Risk.objects.filter(organisation=fjordby_demo)]
    assert sum(1 for m in owners if m.user.email.startswith("leder.")) >= 15
    assert {m.role for m in owners} >= {Role.VIEWER, Role.PMO, Role.ADMIN}


def test_demo_appetite_is_set_per_category_and_flags_follow_it(fjordby_demo):
    appetite = dict(RiskAppetite.objects.filter(organisation=fjordby_demo)
                    .values_list("category", "threshold"))
    assert appetite["security"] == appetite["legal"] == 8
    assert appetite["people"] == 12 and appetite["financial"] == 15
    for risk in Risk.objects.filter(organisation=fjordby_demo):
        assert risk.score == calc.score(risk.probability, risk.impact)
        assert risk.residual_score == calc.current_score(
            risk.residual_probability, risk.residual_impact, risk.score)
        threshold = calc.threshold_for(risk.category, appetite)
        assert risk.above_appetite == calc.is_above_appetite(risk.kind, risk.residual_score,
                                                             threshold), risk


def test_demo_risks_above_appetite_are_accepted_with_a_decision_or_wait_for_one(fjordby_demo):
    above = Risk.objects.filter(organisation=fjordby_demo, above_appetite=True,
                                status=Risk.Status.OPEN).select_related("accepted_by")
    accepted = [r for r in above if r.is_accepted]
    waiting = [r for r in above if calc.needs_decision(r)]
    assert len(accepted) >= 3 and len(waiting) >= 1
    roles = dict(Membership.objects.filter(organisation=fjordby_demo)
                 .values_list("user_id", "role"))
    for risk in accepted:
        assert risk.strategy == Risk.Strategy.ACCEPT
        assert len(risk.acceptance_decision) > 80, risk
        assert risk.accepted_score == risk.residual_score
        assert roles[risk.accepted_by_id] in (Role.ADMIN, Role.PMO)
    assert {roles[r.accepted_by_id] for r in accepted} == {Role.ADMIN, Role.PMO}
    # Within appetite nothing is accepted by decision.
    assert not Risk.objects.filter(organisation=fjordby_demo, above_appetite=False,
                                   accepted_at__isnull=False).exists()
    # The security risk waiting for a decision is the DPIA not done.
    assert any("DPIA" in r.title and r.category == Category.SECURITY for r in waiting)


def test_demo_escalations_go_upwards_and_say_why(fjordby_demo):
    escalated = Risk.objects.filter(organisation=fjordby_demo, escalated_on__isnull=False)
    assert {r.level for r in escalated} == {Risk.Level.PROGRAMME, Risk.Level.ORGANISATION}
    for risk in escalated:
        assert risk.initiative_id is not None and len(risk.escalation_reason) > 40, risk
        if risk.level == Risk.Level.PROGRAMME:
            assert risk.programme_id == risk.initiative.programme_id


def test_demo_has_overdue_actions_and_reviews_that_have_passed(fjordby_demo):
    today = timezone.localdate()
    due = risks_due(fjordby_demo, today)
    assert due.review_count >= 3
    assert due.action_count >= 4
    actions = RiskAction.objects.filter(organisation=fjordby_demo)
    assert actions.count() >= 35
    assert all(a.owner_id and a.due_date for a in actions)
    assert {"planned", "in_progress", "done"} <= set(actions.values_list("status", flat=True))
    assert all(a.completed_on for a in actions.filter(status="done"))
    # Some risks were reviewed today and are next due later.
    assert Risk.objects.filter(organisation=fjordby_demo, last_reviewed_on=today,
                               next_review__gt=today).exists()


def test_demo_register_has_closed_risks_and_one_that_occurred(fjordby_demo):
    register = Risk.objects.filter(organisation=fjordby_demo)
    assert register.filter(status=Risk.Status.CLOSED).count() >= 2
    assert register.filter(status=Risk.Status.OCCURRED).count() == 1
    assert not register.exclude(status=Risk.Status.OPEN).filter(closed_on__isnull=True).exists()


def test_demo_asdal_has_a_small_register_on_the_default_appetite(asdal_demo):
    register = Risk.objects.filter(organisation=asdal_demo)
    assert 5 <= register.count() <= 10
    assert not RiskAppetite.objects.filter(organisation=asdal_demo).exists()
    above = register.filter(above_appetite=True)
    assert above.exists()
    assert all(r.residual_score > RiskAppetite.DEFAULT_THRESHOLD and not r.is_accepted
               for r in above)
    assert register.filter(kind=Risk.Kind.OPPORTUNITY).exists()
    assert not register.filter(level=Risk.Level.PROGRAMME).exists()  # Åsdal has none


def test_demo_risks_load_once(fjordby_demo):
    before = Risk.objects.filter(organisation=fjordby_demo).count()
    assert load_risks(fjordby_demo, {}) == []
    assert Risk.objects.filter(organisation=fjordby_demo).count() == before


def test_demo_risks_leave_an_organisation_without_the_demo_initiatives_alone(org):
    with tenant_scope(org):
        Risk.objects.filter(organisation=org).delete()
        assert load_risks(org, {"pmo": None}) == []
        assert not Risk.objects.filter(organisation=org).exists()
