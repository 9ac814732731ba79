"""The organisation's scoring framework: criteria, weights, rubric text and priority bands."""

from __future__ import annotations

from django.db import transaction

from gevinst.core.models import Organisation, User
from gevinst.ideas.defaults import DEFAULT_CRITERIA
from gevinst.ideas.models import IdeaSettings, ScoringCriterion


@transaction.atomic
def do_install_default_framework(*, organisation: Organisation, actor: User | None) -> None:
    """Give an organisation the default five criteria (weight 1) and the default bands.
    Idempotent: an organisation that has criteria or settings keeps them."""
    if not ScoringCriterion.objects.filter(organisation=organisation).exists():
        for order, criterion in enumerate(DEFAULT_CRITERIA):
            row = ScoringCriterion(organisation=organisation, key=criterion["key"], order=order)
            row._history_user = actor
            row.save()
    if not IdeaSettings.objects.filter(organisation=organisation).exists():
        settings = IdeaSettings(organisation=organisation)
        settings._history_user = actor
        settings.save()
