"""The portfolio dashboard's numbers: a fixed number of aggregate queries, whatever the size
of the portfolio (phases, one GROUP BY over initiatives, one over money per year)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from gevinst.core.models import Organisation
from gevinst.portfolio.models import RAG, Initiative, MoneyYear
from gevinst.portfolio.selectors.initiatives import phases as org_phases

# Counted per chart (the captions say so):
ONGOING = (Initiative.Status.ACTIVE, Initiative.Status.ON_HOLD)  # RAG and ambition
RAG_ORDER = ("red", "amber", "green", "")  # "" = no published status report yet
KINDS = ("budget", "actual", "forecast")


@dataclass
class Dashboard:
    phases: list[dict] = field(default_factory=list)  # key, name, count
    rag: list[dict] = field(default_factory=list)  # value, label, count
    money: list[dict] = field(default_factory=list)  # year, budget, actual, forecast
    ambition: list[dict] = field(default_factory=list)  # value, label, count, share
    wip_phases: list[dict] = field(default_factory=list)  # key, name, count
    wip_count: int = 0
    wip_limit: int | None = None
    total: int = 0

    @property
    def wip_over(self) -> bool:
        return self.wip_limit is not None and self.wip_count > self.wip_limit

    def as_dict(self) -> dict:
        return {
            "initiatives": self.total,
            "phases": self.phases, "rag": self.rag, "money": self.money,
            "ambition": self.ambition,
            "work_in_progress": {"count": self.wip_count, "limit": self.wip_limit,
                                 "over_limit": self.wip_over, "phases": self.wip_phases},
        }


def rag_labels() -> dict[str, str]:
    return {**{value: str(label) for value, label in RAG.choices}, "": _("Not reported")}


def dashboard(organisation: Organisation, programme: int | None = None) -> Dashboard:
    """Every number of the dashboard (optionally of one programme's initiatives)."""
    phases = list(org_phases(organisation))
    initiatives = Initiative.objects.filter(organisation=organisation)
    money = MoneyYear.objects.filter(organisation=organisation)
    if programme is not None:
        initiatives = initiatives.filter(programme_id=programme)
        money = money.filter(initiative__programme_id=programme)
    # COUNT(*), not COUNT(id): with only grouped columns read, PostgreSQL answers from the
    # (organisation, phase, status, rag, ambition) index without touching the wide rows.
    groups = list(initiatives.order_by().values("phase_id", "status", "rag", "ambition")
                  .annotate(n=Count("*")))
    # Total cost = investment + internal cost + external purchases: three column sums added
    # here (PostgreSQL's per-row numeric addition cost more than the sums themselves).
    sums = list(money.order_by().values("year", "kind").annotate(
        investment=Sum("investment"), internal=Sum("internal_cost"),
        external=Sum("external_purchases")))

    d = Dashboard(wip_limit=organisation.wip_limit)
    per_phase: dict[int, int] = {}
    wip_per_phase: dict[int, int] = {}
    rag = dict.fromkeys(RAG_ORDER, 0)
    ambition = dict.fromkeys(Initiative.Ambition.values, 0)
    wip_ids = {p.pk for p in phases if p.is_work_in_progress}
    for g in groups:
        n = g["n"]
        d.total += n
        if g["status"] != Initiative.Status.STOPPED:
            per_phase[g["phase_id"]] = per_phase.get(g["phase_id"], 0) + n
        if g["status"] in ONGOING:
            rag[g["rag"] if g["rag"] in rag else ""] += n
            ambition[g["ambition"]] = ambition.get(g["ambition"], 0) + n
        if g["status"] == Initiative.Status.ACTIVE and g["phase_id"] in wip_ids:
            wip_per_phase[g["phase_id"]] = wip_per_phase.get(g["phase_id"], 0) + n
    d.phases = [{"key": p.key, "name": str(p), "count": per_phase.get(p.pk, 0)}
                for p in phases]
    labels = rag_labels()
    d.rag = [{"value": v, "label": labels[v], "count": rag[v]} for v in RAG_ORDER]
    ongoing = sum(ambition.values())
    d.ambition = [{"value": v, "label": str(label), "count": ambition.get(v, 0),
                   "share": round(100 * ambition.get(v, 0) / ongoing, 1) if ongoing else 0.0}
                  for v, label in Initiative.Ambition.choices]
    d.wip_phases = [{"key": p.key, "name": str(p), "count": wip_per_phase.get(p.pk, 0)}
                    for p in phases if p.pk in wip_ids]
    d.wip_count = sum(wip_per_phase.values())
    years: dict[int, dict] = {}
    for s in sums:
        row = years.setdefault(s["year"], {"year": s["year"],
                                           **{k: Decimal("0") for k in KINDS}})
        row[s["kind"]] = sum((s[k] or Decimal("0") for k in ("investment", "internal",
                                                               "external")), Decimal("0"))
    d.money = [years[y] for y in sorted(years)]
    return d


def work_in_progress(organisation: Organisation) -> tuple[int, int | None]:
    """(initiatives active in work-in-progress phases, the organisation's limit): one
    query, for the warning on the home page."""
    count = Initiative.objects.filter(
        organisation=organisation, status=Initiative.Status.ACTIVE,
        phase__is_work_in_progress=True).count()
    return count, organisation.wip_limit
