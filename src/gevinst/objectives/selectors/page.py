"""One objective's page: its KPIs against target, the initiatives and benefits that
contribute (with their value and status), the totals and what is off track.

What contributes, how value is counted (each benefit once at 100 % in the objective's total;
initiatives with their attributed share) and what counts as off track: see links.py.
A fixed number of queries however many KPIs, initiatives and benefits.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from gevinst.benefits import calc as benefits_calc
from gevinst.benefits.models import Benefit, BenefitInitiative
from gevinst.benefits.selectors import register
from gevinst.core.models import Organisation
from gevinst.objectives import calc
from gevinst.objectives.models import Objective
from gevinst.objectives.selectors.kpis import KpiView, health_label, objective_kpis
from gevinst.objectives.selectors.links import (
    BenefitObjective,
    benefit_is_slipping,
    contributing_benefits,
    initiative_is_red,
)
from gevinst.portfolio.models import Initiative

ZERO = Decimal("0")
HUNDRED = Decimal("100")
BENEFIT_FIELDS = ("id", "organisation_id", "number", "reference", "title", "cashability",
                  "is_disbenefit", "status", "health", "achievement", "annual_value",
                  "owner_id", "owner__full_name", "owner__email")


@dataclass
class InitiativeRow:
    """A contributing initiative with its attributed share of its benefits' yearly value
    (withdrawn benefits left out) and how many benefits that is."""

    initiative: Initiative
    value: Decimal
    benefit_count: int

    @property
    def is_red(self) -> bool:
        return initiative_is_red(self.initiative.status, self.initiative.rag)


@dataclass
class BenefitRow:
    """A contributing benefit: linked to the objective itself (``direct``) and/or through
    contributing initiatives (``through``: (reference, attribution %))."""

    benefit: Benefit
    direct: bool
    through: list[tuple[str, Decimal]] = field(default_factory=list)

    @property
    def is_slipping(self) -> bool:
        return benefit_is_slipping(self.benefit.status, self.benefit.health)

    @property
    def is_withdrawn(self) -> bool:
        return self.benefit.status == Benefit.Status.WITHDRAWN


@dataclass
class OffTrackItems:
    kpis: list[KpiView]
    benefits: list[BenefitRow]
    initiatives: list[InitiativeRow]

    @property
    def count(self) -> int:
        return len(self.kpis) + len(self.benefits) + len(self.initiatives)


@dataclass
class ObjectivePage:
    children: list[Objective]
    kpis: list[KpiView]
    initiatives: list[InitiativeRow]
    benefits: list[BenefitRow]
    totals: dict
    health: str
    off_track: OffTrackItems

    @property
    def health_label(self) -> str:
        return health_label(self.health)


def contributing_initiatives(objective: Objective,
                             organisation: Organisation) -> list[InitiativeRow]:
    """The initiatives linked to the objective, each with its attributed value. Two
    queries."""
    initiatives = list(Initiative.objects.filter(organisation=organisation,
                                                 objectives=objective)
                       .select_related("phase").order_by("number"))
    values: dict[int, Decimal] = defaultdict(lambda: ZERO)
    counts: dict[int, int] = defaultdict(int)
    if initiatives:
        for initiative_id, attribution, annual_value in (
                BenefitInitiative.objects.filter(
                    organisation=organisation, initiative_id__in=[i.pk for i in initiatives])
                .exclude(benefit__status=Benefit.Status.WITHDRAWN)
                .values_list("initiative_id", "attribution", "benefit__annual_value")):
            values[initiative_id] += benefits_calc.attributed(annual_value,
                                                              min(attribution, HUNDRED))
            counts[initiative_id] += 1
    return [InitiativeRow(i, values[i.pk], counts[i.pk]) for i in initiatives]


def contributing_benefit_rows(objective: Objective, organisation: Organisation,
                              initiative_ids: list[int]) -> list[BenefitRow]:
    """The contributing benefits (oldest first), each once, with how each is linked.
    Three queries."""
    direct = set(BenefitObjective.objects.filter(objective_id=objective.pk)
                 .values_list("benefit_id", flat=True))
    through: dict[int, list[tuple[str, Decimal]]] = defaultdict(list)
    if initiative_ids:
        for benefit_id, reference, attribution in (
                BenefitInitiative.objects.filter(organisation=organisation,
                                                 initiative_id__in=initiative_ids)
                .order_by("initiative__number")
                .values_list("benefit_id", "initiative__reference", "attribution")):
            through[benefit_id].append((reference, attribution))
    benefits = (contributing_benefits(objective).select_related("owner")
                .only(*BENEFIT_FIELDS).order_by("number"))
    return [BenefitRow(b, b.pk in direct, through.get(b.pk, [])) for b in benefits]


def objective_page(objective: Objective, organisation: Organisation,
                   today: dt.date) -> ObjectivePage:
    """Everything the objective's page shows beyond the objective's own fields. Nine
    queries."""
    children = list(Objective.objects.filter(organisation=organisation, parent=objective)
                    .order_by("number"))
    kpis = objective_kpis(objective, organisation, today)
    initiatives = contributing_initiatives(objective, organisation)
    benefits = contributing_benefit_rows(objective, organisation,
                                         [row.initiative.pk for row in initiatives])
    totals = register.totals([row.benefit.pk for row in benefits])
    off_track = OffTrackItems(
        kpis=[view for view in kpis if view.state.off_track],
        benefits=[row for row in benefits if row.is_slipping],
        initiatives=[row for row in initiatives if row.is_red])
    return ObjectivePage(children=children, kpis=kpis, initiatives=initiatives,
                         benefits=benefits, totals=totals,
                         health=calc.worst(view.state.health for view in kpis),
                         off_track=off_track)
