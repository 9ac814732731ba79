"""What is due: open risks whose review date has passed and actions past their due date,
with their owners (the page of reviews due, and the owners' reminders)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F

from gevinst.core.models import Organisation
from gevinst.risks.models import Risk, RiskAction

DUE_LIMIT = 500


@dataclass
class RisksDue:
    reviews: list[Risk]
    review_count: int
    actions: list[RiskAction]
    action_count: int


def reviews_due(organisation: Organisation, today: dt.date, owner=None):
    qs = Risk.objects.filter(organisation=organisation, status=Risk.Status.OPEN,
                             next_review__lt=today)
    return qs.filter(owner_id=owner) if owner is not None else qs


def actions_overdue(organisation: Organisation, today: dt.date, owner=None):
    qs = RiskAction.objects.filter(organisation=organisation, status__in=RiskAction.OPEN,
                                   due_date__lt=today, risk__status=Risk.Status.OPEN)
    return qs.filter(owner_id=owner) if owner is not None else qs


def risks_due(organisation: Organisation, today: dt.date, *, owner: int | None = None,
              limit: int = DUE_LIMIT) -> RisksDue:
    """Open risks whose next review is before ``today`` (oldest first) and open actions of
    open risks due before ``today``, each list at most ``limit`` long with its full count;
    ``owner`` (a user id) narrows both to what that person owns. Four queries."""
    reviews = reviews_due(organisation, today, owner)
    actions = actions_overdue(organisation, today, owner)
    return RisksDue(
        reviews=list(reviews.select_related("owner", "initiative", "programme")
                     .only("id", "organisation_id", "number", "reference", "kind", "title",
                           "level", "next_review", "last_reviewed_on", "residual_score",
                           "above_appetite", "accepted_at", "accepted_score", "owner_id",
                           "owner__full_name", "owner__email", "initiative_id",
                           "initiative__reference", "programme_id", "programme__reference",
                           "programme__name")
                     .order_by("next_review", "number")[:limit]),
        review_count=reviews.count(),
        actions=list(actions.select_related("owner", "risk")
                     .only("id", "organisation_id", "description", "due_date", "status",
                           "owner_id", "owner__full_name", "owner__email", "risk_id",
                           "risk__reference", "risk__title", "risk__organisation_id")
                     .order_by(F("due_date").asc(), "id")[:limit]),
        action_count=actions.count(),
    )
