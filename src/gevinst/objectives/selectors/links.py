"""What contributes to an objective, and what counts as off track.

- The contributing initiatives are those linked to the objective (``Initiative.objectives``).
- The contributing benefits are those linked to the objective (``Benefit.objectives``) and
  the benefits of the contributing initiatives, each benefit once.
- The objective's value is the yearly value (at full realisation) of its contributing
  benefits, each counted once at 100 % however many initiatives share it; withdrawn benefits
  are out of every count and total. An initiative's own value is its attributed share of
  its benefits (as on its Benefits tab): those shares are shown, never added up into the
  objective's total.
- Off track: a KPI behind or never measured; a benefit being followed up that is behind or
  not measured when due; an initiative still running (active or on hold) whose latest
  status report is red.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from gevinst.benefits.models import Benefit, BenefitInitiative, Health
from gevinst.core.models import Organisation
from gevinst.objectives.models import Objective
from gevinst.portfolio.models import RAG, Initiative

InitiativeObjective = Initiative.objectives.through
BenefitObjective = Benefit.objectives.through

SLIPPING = (Health.BEHIND, Health.NOT_MEASURED)
RUNNING = (Initiative.Status.ACTIVE, Initiative.Status.ON_HOLD)


def benefit_is_slipping(status: str, health: str) -> bool:
    return status in Benefit.FOLLOWED_UP and health in SLIPPING


def initiative_is_red(status: str, rag: str) -> bool:
    return status in RUNNING and rag == RAG.RED


def initiative_links(organisation: Organisation,
                     objectives: Iterable[int] | None = None) -> QuerySet:
    """(objective, initiative) links of the organisation (optionally of some objectives)."""
    qs = InitiativeObjective.objects.filter(objective__organisation=organisation,
                                            initiative__organisation=organisation)
    if objectives is not None:
        qs = qs.filter(objective_id__in=list(objectives))
    return qs


def benefit_links(organisation: Organisation,
                  objectives: Iterable[int] | None = None) -> QuerySet:
    """(objective, benefit) direct links of the organisation."""
    qs = BenefitObjective.objects.filter(objective__organisation=organisation,
                                         benefit__organisation=organisation)
    if objectives is not None:
        qs = qs.filter(objective_id__in=list(objectives))
    return qs


def contributing_benefits(objective: Objective) -> QuerySet[Benefit]:
    """The objective's contributing benefits (direct or through its initiatives), each
    once, withdrawn ones included (callers leave them out of totals)."""
    organisation = objective.organisation_id
    direct = BenefitObjective.objects.filter(objective_id=objective.pk).values("benefit_id")
    initiatives = InitiativeObjective.objects.filter(
        objective_id=objective.pk).values("initiative_id")
    through = BenefitInitiative.objects.filter(
        organisation_id=organisation, initiative_id__in=initiatives).values("benefit_id")
    return Benefit.objects.filter(organisation_id=organisation).filter(
        Q(pk__in=direct) | Q(pk__in=through))
