"""Look-ups inside an organisation (never load-then-check), and one risk's page."""

from __future__ import annotations

from django.db.models import F
from django.shortcuts import get_object_or_404

from gevinst.core.models import Organisation
from gevinst.risks.models import Risk, RiskAction


def get_risk(organisation: Organisation, reference: str) -> Risk:
    """The organisation's risk with ``reference`` (e.g. RSK-0001), else 404."""
    return get_object_or_404(
        Risk.objects.select_related("owner", "initiative", "programme", "accepted_by",
                                    "initiative__owner", "programme__owner"),
        organisation=organisation, reference=str(reference).upper())


def get_action(organisation: Organisation, risk: Risk, action_id: int) -> RiskAction:
    """The action ``action_id`` of ``risk`` in the organisation, else 404."""
    return get_object_or_404(RiskAction.objects.select_related("owner"),
                             organisation=organisation, risk=risk, pk=action_id)


def risk_actions(risk: Risk) -> list[RiskAction]:
    return list(RiskAction.objects.filter(organisation_id=risk.organisation_id, risk=risk)
                .select_related("owner").order_by(F("due_date").asc(nulls_last=True), "id"))


def open_risks_for_report(initiative, today=None) -> list[Risk]:
    """The open risks of ``initiative`` (its own, escalated ones included), each annotated
    with ``overdue_action_count``: what calc.suggested_risk_rag reads. One query."""
    from django.db.models import Count, Q
    from django.utils import timezone

    today = today or timezone.localdate()
    return list(
        Risk.objects.filter(organisation_id=initiative.organisation_id, initiative=initiative,
                            status=Risk.Status.OPEN)
        .annotate(overdue_action_count=Count("actions", filter=Q(
            actions__status__in=RiskAction.OPEN, actions__due_date__lt=today)))
        .order_by("number"))
