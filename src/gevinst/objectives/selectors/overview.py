"""The objectives overview for leaders: the tree, each objective with its KPIs' latest value
against target, its health, what contributes and whether anything is off track.

Six queries however many objectives, KPIs, initiatives and benefits (see links.py for
what contributes and what counts as off track).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from gevinst.benefits.models import Benefit, BenefitInitiative
from gevinst.core.models import Organisation
from gevinst.objectives import calc
from gevinst.objectives.models import Objective
from gevinst.objectives.selectors.kpis import KpiLine, health_label, kpi_lines
from gevinst.objectives.selectors.links import (
    BenefitObjective,
    InitiativeObjective,
    benefit_is_slipping,
    benefit_links,
    initiative_is_red,
    initiative_links,
)

ZERO = Decimal("0")


@dataclass
class OffTrack:
    """How many things of an objective are off track, by kind."""

    kpis_behind: int = 0
    kpis_not_measured: int = 0
    benefits: int = 0
    initiatives: int = 0

    @property
    def count(self) -> int:
        return self.kpis_behind + self.kpis_not_measured + self.benefits + self.initiatives

    def __bool__(self) -> bool:
        return self.count > 0


@dataclass
class ObjectiveRow:
    objective: Objective
    depth: int
    parent: Objective | None
    kpis: list[KpiLine]
    health: str
    initiative_count: int = 0
    benefit_count: int = 0
    value: Decimal = ZERO
    off_track: OffTrack = field(default_factory=OffTrack)

    @property
    def health_label(self) -> str:
        return health_label(self.health)


def tree_order(objectives: list[Objective]) -> list[tuple[Objective, int]]:
    """``objectives`` depth first (each parent before its sub-objectives, siblings by
    number), with their depth; an objective whose parent is missing is a root."""
    by_id = {o.pk: o for o in objectives}
    children: dict[int | None, list[Objective]] = defaultdict(list)
    for o in objectives:
        children[o.parent_id if o.parent_id in by_id else None].append(o)
    out: list[tuple[Objective, int]] = []
    seen: set[int] = set()

    def walk(parent_id, depth):
        for o in sorted(children.get(parent_id, []), key=lambda x: x.number):
            if o.pk in seen:
                continue
            seen.add(o.pk)
            out.append((o, depth))
            walk(o.pk, depth + 1)

    walk(None, 0)
    # A cycle (refused by the service, but never trust data) still lists every objective.
    out.extend((o, 0) for o in sorted(objectives, key=lambda x: x.number) if o.pk not in seen)
    return out


def _matches(objective: Objective, q: str) -> bool:
    q = q.lower()
    return q in objective.reference.lower() or q in objective.title.lower()


def objective_overview(organisation: Organisation, today: dt.date) -> list[ObjectiveRow]:
    """Every objective of the organisation in tree order with its KPIs, what contributes
    and what is off track. Six queries."""
    objectives = list(Objective.objects.filter(organisation=organisation)
                      .select_related("owner").order_by("number"))
    by_id = {o.pk: o for o in objectives}
    kpis = kpi_lines(organisation, today)
    # Initiatives per objective, and which of them are red.
    initiatives: dict[int, set[int]] = defaultdict(set)
    red: set[int] = set()
    for objective_id, initiative_id, status, rag in initiative_links(organisation).values_list(
            "objective_id", "initiative_id", "initiative__status", "initiative__rag"):
        initiatives[objective_id].add(initiative_id)
        if initiative_is_red(status, rag):
            red.add(initiative_id)
    # Benefits per objective: linked directly, or through a contributing initiative.
    benefits: dict[int, set[int]] = defaultdict(set)
    for objective_id, benefit_id in benefit_links(organisation).values_list("objective_id",
                                                                            "benefit_id"):
        benefits[objective_id].add(benefit_id)
    linked = initiative_links(organisation).values("initiative_id")
    of_initiative: dict[int, set[int]] = defaultdict(set)
    for initiative_id, benefit_id in (BenefitInitiative.objects
                                      .filter(organisation=organisation,
                                              initiative_id__in=linked)
                                      .values_list("initiative_id", "benefit_id")):
        of_initiative[initiative_id].add(benefit_id)
    for objective_id, ids in initiatives.items():
        for initiative_id in ids:
            benefits[objective_id] |= of_initiative.get(initiative_id, set())
    direct = BenefitObjective.objects.filter(objective__organisation=organisation)
    info = {pk: (status, health, value) for pk, status, health, value in (
        Benefit.objects.filter(organisation=organisation)
        .filter(Q(pk__in=direct.values("benefit_id"))
                | Q(pk__in=BenefitInitiative.objects.filter(
                    organisation=organisation,
                    initiative_id__in=InitiativeObjective.objects.filter(
                        objective__organisation=organisation).values("initiative_id"))
                    .values("benefit_id")))
        .values_list("pk", "status", "health", "annual_value"))}
    rows = []
    for objective, depth in tree_order(objectives):
        lines = kpis.get(objective.pk, [])
        for line in lines:
            line.kpi.objective = objective  # known already: no query per KPI
        counted = [info[b] for b in benefits.get(objective.pk, ()) if b in info
                   and info[b][0] != Benefit.Status.WITHDRAWN]
        off = OffTrack(
            kpis_behind=sum(1 for line in lines if line.state.health == calc.BEHIND),
            kpis_not_measured=sum(1 for line in lines if line.state.not_measured),
            benefits=sum(1 for status, health, _v in counted
                         if benefit_is_slipping(status, health)),
            initiatives=sum(1 for i in initiatives.get(objective.pk, ()) if i in red))
        rows.append(ObjectiveRow(
            objective=objective, depth=depth, parent=by_id.get(objective.parent_id),
            kpis=lines, health=calc.worst(line.state.health for line in lines),
            initiative_count=len(initiatives.get(objective.pk, ())),
            benefit_count=len(counted),
            value=sum((value for _s, _h, value in counted), ZERO), off_track=off))
    return rows


def filter_rows(rows: list[ObjectiveRow], *, q: str = "",
                off_track_only: bool = False) -> list[ObjectiveRow]:
    """The rows whose reference or title contains ``q`` and, with ``off_track_only``, that
    have something off track (tree order kept)."""
    if q:
        rows = [row for row in rows if _matches(row.objective, q)]
    if off_track_only:
        rows = [row for row in rows if row.off_track]
    return rows
