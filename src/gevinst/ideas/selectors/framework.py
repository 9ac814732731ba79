"""The organisation's scoring framework: its criteria in order and its priority bands."""

from __future__ import annotations

from dataclasses import dataclass

from django.shortcuts import get_object_or_404

from gevinst.core.models import Organisation
from gevinst.ideas.models import IdeaSettings, ScoringCriterion


@dataclass
class Framework:
    criteria: list[ScoringCriterion]
    settings: IdeaSettings

    @property
    def active(self) -> list[ScoringCriterion]:
        return [c for c in self.criteria if c.active]

    @property
    def total_weight(self):
        return sum((c.weight for c in self.active), start=0)


def idea_settings(organisation: Organisation) -> IdeaSettings:
    """The organisation's bands (installed with the organisation; made if ever missing,
    unsaved, with the default bands)."""
    found = IdeaSettings.objects.filter(organisation=organisation).first()
    return found if found is not None else IdeaSettings(organisation=organisation)


def framework(organisation: Organisation) -> Framework:
    """Every criterion (in use or not) in order, and the bands. Two queries."""
    return Framework(
        criteria=list(ScoringCriterion.objects.filter(organisation=organisation)
                      .order_by("order", "id")),
        settings=idea_settings(organisation))


def get_criterion(organisation: Organisation, criterion_id: int) -> ScoringCriterion:
    """The organisation's criterion ``criterion_id``, else 404."""
    return get_object_or_404(ScoringCriterion, organisation=organisation, pk=criterion_id)
