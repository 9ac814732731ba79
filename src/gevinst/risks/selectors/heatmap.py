"""The 5×5 heat map: open risks (or opportunities) by probability and impact, before action
(inherent) or after (residual, falling back to inherent while not assessed), for the
organisation, a programme (its own risks and its initiatives') or an initiative.

Two queries whatever the number of risks: the counts per cell, and up to ``CELL_LIMIT``
risks per cell (a window function numbers the risks of each cell, highest score first).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from gevinst.core.aggregates import cached
from gevinst.core.models import Organisation
from gevinst.risks import calc
from gevinst.risks.models import Risk
from gevinst.risks.selectors.register import ACCEPTED, cell_axes
from gevinst.risks.signals import TOPIC

CELL_LIMIT = 10
KINDS = tuple(Risk.Kind.values)
BASES = ("residual", "inherent")


@dataclass
class HeatEntry:
    reference: str
    title: str
    above_appetite: bool
    accepted: bool

    @property
    def needs_decision(self) -> bool:
        return self.above_appetite and not self.accepted


@dataclass
class HeatCell:
    probability: int
    impact: int
    score: int
    band: str
    count: int = 0
    entries: list[HeatEntry] = field(default_factory=list)

    @property
    def risks(self) -> list[tuple[str, str]]:
        """(reference, title) of the risks listed in the cell (at most CELL_LIMIT)."""
        return [(e.reference, e.title) for e in self.entries]

    @property
    def more(self) -> int:
        """How many risks of the cell are not listed."""
        return self.count - len(self.entries)

    def __getitem__(self, key):  # cells read like dicts too: cell["score"]
        return getattr(self, key)


@dataclass
class HeatMap:
    kind: str
    basis: str
    rows: list[list[HeatCell]]  # probability 5 (top) to 1; impact 1 to 5 in each row
    total: int

    @property
    def cells(self) -> list[HeatCell]:
        return [cell for row in self.rows for cell in row]

    @property
    def filled(self) -> list[HeatCell]:
        """Non-empty cells, highest score first (the data table beside the map)."""
        return sorted((c for c in self.cells if c.count),
                      key=lambda c: (-c.score, -c.probability, c.impact))


def scope_queryset(organisation: Organisation, *, initiative=None,
                   programme=None) -> QuerySet[Risk]:
    """The risks a heat map covers: an initiative's (escalated ones too), a programme's
    (its own, and its initiatives'), else the organisation's."""
    qs = Risk.objects.filter(organisation=organisation)
    if initiative is not None:
        return qs.filter(initiative=initiative)
    if programme is not None:
        from gevinst.portfolio.models import Initiative

        return qs.filter(Q(programme=programme) | Q(initiative_id__in=Initiative.objects.filter(
            organisation=organisation, programme=programme).values("pk")))
    return qs


def heat_map(organisation: Organisation, *, kind: str = "risk", basis: str = "residual",
             initiative=None, programme=None, limit: int = CELL_LIMIT) -> HeatMap:
    """The heat map of open risks of ``kind`` on ``basis``; each cell with its count and up
    to ``limit`` risks (highest score after action first). Cached until the organisation's
    risks change (core/aggregates.py)."""
    kind = kind if kind in KINDS else "risk"
    basis = basis if basis in BASES else "residual"
    params = [kind, basis, getattr(initiative, "pk", initiative),
              getattr(programme, "pk", programme), limit]
    return cached(organisation.pk, TOPIC, "heat-map", params,
                  lambda: _heat_map(organisation, kind, basis, initiative, programme, limit))


def _heat_map(organisation: Organisation, kind: str, basis: str, initiative, programme,
              limit: int) -> HeatMap:
    probability, impact = cell_axes(basis)
    qs = (scope_queryset(organisation, initiative=initiative, programme=programme)
          .filter(kind=kind, status=Risk.Status.OPEN)
          .annotate(cell_p=probability, cell_i=impact))
    cells = {(p, i): HeatCell(probability=p, impact=i, score=calc.score(p, i),
                              band=calc.band(calc.score(p, i)))
             for p in range(1, 6) for i in range(1, 6)}
    total = 0
    for row in qs.order_by().values("cell_p", "cell_i").annotate(n=Count("pk")):
        cell = cells.get((row["cell_p"], row["cell_i"]))
        if cell is not None:
            cell.count = row["n"]
            total += row["n"]
    if total:
        listed = (qs.annotate(accepted=ACCEPTED, rank=Window(
                      RowNumber(), partition_by=[F("cell_p"), F("cell_i")],
                      order_by=[F("residual_score").desc(), F("number").asc()]))
                  .filter(rank__lte=limit)
                  .order_by("-residual_score", "number")
                  .values_list("cell_p", "cell_i", "reference", "title", "above_appetite",
                               "accepted"))
        for p, i, reference, title, above, accepted in listed:
            cell = cells.get((p, i))
            if cell is not None:
                cell.entries.append(HeatEntry(reference, title, bool(above), bool(accepted)))
    rows = [[cells[(p, i)] for i in range(1, 6)] for p in range(5, 0, -1)]
    return HeatMap(kind=kind, basis=basis, rows=rows, total=total)
