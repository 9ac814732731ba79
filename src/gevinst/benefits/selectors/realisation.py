"""Planned against realised benefits per year, and benefits counted by health and by status,
for an organisation, an initiative or a programme. Used by the dashboards, the benefits
realisation plan (PDF) and the API.

Every figure is one aggregate query over stored fields (``BenefitYear.planned_value`` and
``realised_value``, ``Benefit.health`` and ``status``, kept by the services), never a loop
over measurements, so that the numbers come as fast for 20,000 benefits as for twenty.

No benefit is counted twice:
- for the organisation, each benefit counts once, whatever the number of its initiatives;
- for an initiative, a benefit counts with the initiative's attribution (%);
- for a programme, with the sum of the attributions of the programme's initiatives to the
  benefit, at most 100 %.
Cash-releasing benefits are always kept apart from freed capacity (non-cash); benefits that
are not monetised have no value and are counted by health instead. Withdrawn benefits are
left out of every figure except the count by status.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Least

from gevinst.benefits import calc
from gevinst.benefits.models import Benefit, BenefitInitiative, BenefitYear, Health
from gevinst.benefits.signals import TOPIC
from gevinst.core.aggregates import cached
from gevinst.core.models import Organisation

CASH = Benefit.Cashability.CASH
NON_CASH = Benefit.Cashability.NON_CASH
HEALTH_ORDER = (Health.ON_TRACK, Health.WITHIN_TOLERANCE, Health.BEHIND, Health.NOT_MEASURED,
                Health.NO_DATA)
_AMOUNT = DecimalField(max_digits=28, decimal_places=6)


@dataclass
class RealisationFilter:
    """Filters beside the scope: the benefit's receiving unit and category."""

    unit: int | None = None
    category: str = ""


def _pk(thing) -> int | None:
    return None if thing is None else getattr(thing, "pk", thing)


def _links(organisation: Organisation, initiative, programme):
    """The links that put benefits in scope (None: the whole organisation)."""
    links = BenefitInitiative.objects.filter(organisation=organisation)
    if initiative is not None:
        return links.filter(initiative_id=_pk(initiative))
    if programme is not None:
        return links.filter(initiative__programme_id=_pk(programme))
    return None


def _benefit_q(prefix: str, filters: RealisationFilter | None) -> Q:
    q = Q()
    if filters is not None:
        if filters.unit is not None:
            q &= Q(**{f"{prefix}owner_unit_id": filters.unit})
        if filters.category:
            q &= Q(**{f"{prefix}category": filters.category})
    return q


def _share(organisation: Organisation, initiative, programme):
    """The share (%) of each benefit in scope, as a correlated subquery on benefit_id:
    the attribution of the initiative, or the programme's initiatives' sum capped at 100."""
    links = _links(organisation, initiative, programme).filter(benefit_id=OuterRef("benefit_id"))
    total = Subquery(links.order_by().values("benefit_id").annotate(s=Sum("attribution"))
                     .values("s")[:1], output_field=_AMOUNT)
    return Least(Coalesce(total, Value(Decimal("0")), output_field=_AMOUNT),
                 Value(Decimal("100")), output_field=_AMOUNT)


def planned_vs_actual(organisation: Organisation, *, initiative=None, programme=None,
                      filters: RealisationFilter | None = None) -> list[dict]:
    """Per year: planned and realised value of cash-releasing benefits and of freed
    capacity (non-cash), in the organisation's currency, each benefit counted once (or by
    its attribution to the initiative or programme). Realised is None for a year in which
    no benefit has a measured value yet. One query."""
    years = BenefitYear.objects.filter(
        _benefit_q("benefit__", filters), organisation=organisation,
        benefit__cashability__in=(CASH, NON_CASH),
    ).exclude(benefit__status=Benefit.Status.WITHDRAWN)
    links = _links(organisation, initiative, programme)
    if links is None:
        planned, realised = Sum("planned_value"), Sum("realised_value")
    else:
        years = years.filter(benefit_id__in=links.values("benefit_id"))
        share = _share(organisation, initiative, programme)
        planned = Sum(ExpressionWrapper(F("planned_value") * share / Value(Decimal("100")),
                                        output_field=_AMOUNT))
        realised = Sum(ExpressionWrapper(F("realised_value") * share / Value(Decimal("100")),
                                         output_field=_AMOUNT))
    sums = (years.order_by().values("year", "benefit__cashability")
            .annotate(planned=planned, realised=realised))
    out: dict[int, dict] = {}
    for s in sums:
        row = out.setdefault(s["year"], {"year": s["year"], "cash_planned": Decimal("0"),
                                         "cash_realised": None,
                                         "non_cash_planned": Decimal("0"),
                                         "non_cash_realised": None})
        kind = "cash" if s["benefit__cashability"] == CASH else "non_cash"
        row[f"{kind}_planned"] = _money(s["planned"]) or Decimal("0")
        row[f"{kind}_realised"] = _money(s["realised"])
    return [out[y] for y in sorted(out)]


def _money(value) -> Decimal | None:
    if value is None:
        return None
    return Decimal(value).quantize(calc.CENT)


def totals(rows: list[dict]) -> dict:
    """The sums over every year of ``planned_vs_actual`` rows."""
    out = {}
    for key in ("cash_planned", "cash_realised", "non_cash_planned", "non_cash_realised"):
        values = [r[key] for r in rows if r[key] is not None]
        out[key] = sum(values, Decimal("0")) if values else None
    return out


def _benefits(organisation: Organisation, initiative, programme,
              filters: RealisationFilter | None, *, withdrawn: bool):
    qs = Benefit.objects.filter(_benefit_q("", filters), organisation=organisation)
    if not withdrawn:
        qs = qs.exclude(status=Benefit.Status.WITHDRAWN)
    links = _links(organisation, initiative, programme)
    if links is not None:
        qs = qs.filter(pk__in=links.values("benefit_id"))
    return qs


def health_counts(organisation: Organisation, *, initiative=None, programme=None,
                  filters: RealisationFilter | None = None) -> list[dict]:
    """Benefits by follow-up status (withdrawn left out), each counted once: rows of
    {health, label, count, not_monetised} in a fixed order. One query."""
    groups = (_benefits(organisation, initiative, programme, filters, withdrawn=False)
              .order_by().values("health", "cashability", "valuation_method")
              .annotate(n=Count("*")))
    counts = {h: [0, 0] for h in HEALTH_ORDER}
    for g in groups:
        entry = counts.setdefault(g["health"], [0, 0])
        entry[0] += g["n"]
        if (g["cashability"] == Benefit.Cashability.NOT_MONETISED
                or g["valuation_method"] == Benefit.Valuation.NOT_MONETISED):
            entry[1] += g["n"]
    labels = dict(Health.choices)
    return [{"health": h, "label": str(labels.get(h, h)), "count": c[0], "not_monetised": c[1]}
            for h, c in counts.items()]


def status_counts(organisation: Organisation, *, initiative=None, programme=None,
                  filters: RealisationFilter | None = None) -> list[dict]:
    """Benefits by lifecycle status (withdrawn ones included, as a status of their own):
    rows of {status, label, count} in lifecycle order. One query."""
    groups = dict(_benefits(organisation, initiative, programme, filters, withdrawn=True)
                  .order_by().values("status").annotate(n=Count("*"))
                  .values_list("status", "n"))
    return [{"status": value, "label": str(label), "count": groups.get(value, 0)}
            for value, label in Benefit.Status.choices]


def summary(organisation: Organisation, *, initiative=None, programme=None,
            filters: RealisationFilter | None = None) -> dict:
    """``planned_vs_actual``, ``health_counts`` and ``status_counts`` of a scope, cached
    until the organisation's benefits change (core/aggregates.py): the dashboard's numbers.
    Labels are made when read (they follow the reader's language)."""
    kwargs = {"initiative": initiative, "programme": programme, "filters": filters}

    def compute():
        return {"years": planned_vs_actual(organisation, **kwargs),
                "health": health_counts(organisation, **kwargs),
                "status": status_counts(organisation, **kwargs)}

    params = [_pk(initiative), _pk(programme), filters.unit if filters else None,
              filters.category if filters else ""]
    out = cached(organisation.pk, TOPIC, "realisation", params, compute)
    health_labels, status_labels = dict(Health.choices), dict(Benefit.Status.choices)
    for row in out["health"]:
        row["label"] = str(health_labels.get(row["health"], row["health"]))
    for row in out["status"]:
        row["label"] = str(status_labels.get(row["status"], row["status"]))
    return out
