"""Reads of the benefit register: the overview across the portfolio, totals, "My benefits",
one benefit's page, and the benefits of an initiative or a programme.

Counted once: a benefit shared by several initiatives is one benefit. Every total here
takes each benefit once (the overview and :func:`totals` de-duplicate by the benefit's id,
whatever joins a caller's queryset has), and the totals of an initiative or a programme
take each benefit once at the share attributed to that initiative (or to the programme's
initiatives together, capped at 100 %). Withdrawn benefits are listed but are out of every
total. Cash-releasing benefits are always kept apart from freed capacity (non-cash) and from
benefits that are not monetised.

The lists read the stored follow-up fields (``Benefit.health``, ``achievement``,
``next_due``, ``annual_value``) that the services keep up to date, so that an overview of
tens of thousands of benefits costs a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.utils import timezone

from gevinst.benefits import calc
from gevinst.benefits.models import (
    HEALTH_SEVERITY,
    Benefit,
    BenefitInitiative,
    BenefitYear,
    Health,
    Measure,
    Measurement,
    PlannedValue,
)
from gevinst.benefits.signals import TOPIC
from gevinst.core.aggregates import cached
from gevinst.core.models import Organisation, Unit, User

HUNDRED = Decimal("100")
ZERO = Decimal("0")
C = Benefit.Cashability

# The columns of the overview: all a row reads (``.only()``).
LIST_FIELDS = (
    "id", "organisation_id", "number", "reference", "title", "category", "cashability",
    "is_disbenefit", "status", "health", "achievement", "next_due", "annual_value",
    "owner_id", "owner__full_name", "owner__email", "owner_unit_id", "owner_unit__name",
)

HEALTH_RANK = Case(
    *[When(health=value, then=Value(rank)) for value, rank in HEALTH_SEVERITY.items()],
    default=Value(0), output_field=IntegerField())

# Sort key → order (a tie-breaker on the number keeps pages stable).
SORTS: dict[str, tuple] = {
    "reference": (F("number").asc(),),
    "title": (F("title").asc(), F("number").asc()),
    "category": (F("category").asc(), F("number").asc()),
    "owner": (F("owner__full_name").asc(nulls_last=True), F("number").asc()),
    "unit": (F("owner_unit__name").asc(nulls_last=True), F("number").asc()),
    "status": (F("status").asc(), F("number").asc()),
    # Health by severity: the worst (behind) first when ascending.
    "health": (F("health_rank").desc(), F("number").asc()),
    "achievement": (F("achievement").asc(nulls_last=True), F("number").asc()),
    "next_due": (F("next_due").asc(nulls_last=True), F("number").asc()),
    "value": (F("annual_value").asc(), F("number").asc()),
}
DEFAULT_SORT = "-reference"
FILTER_KEYS = ("q", "category", "unit", "owner", "status", "health", "programme",
               "objective")


def _descending(order: tuple) -> tuple:
    out = []
    for expr in order:
        nulls_last = bool(getattr(expr, "nulls_last", False))
        if expr.descending:
            out.append(expr.expression.asc(nulls_last=nulls_last or None))
        else:
            out.append(expr.expression.desc(nulls_last=nulls_last or None))
    return tuple(out)


def sort_key(params: Mapping) -> str:
    """The valid sort of ``params`` (``sort=title`` or ``sort=-title``), else the default."""
    value = str(params.get("sort") or "")
    return value if value.lstrip("-") in SORTS else DEFAULT_SORT


def _int(value) -> int | None:
    value = str(value or "").strip()
    return int(value) if value.isdigit() and len(value) < 12 else None


def clean_filters(params: Mapping) -> dict:
    """The filters of ``params`` that are valid, cleaned (ids as ints); unknown or invalid
    values are left out (a filter that does not apply never hides everything)."""
    active: dict = {}
    q = str(params.get("q") or "").strip()[:200]
    if q:
        active["q"] = q
    for key, choices in (("category", Benefit.Category.values),
                         ("status", Benefit.Status.values),
                         ("health", Health.values)):
        value = str(params.get(key) or "")
        if value in choices:
            active[key] = value
    for key in ("unit", "owner", "programme", "objective"):
        number = _int(params.get(key))
        if number is not None:
            active[key] = number
    return active


def filtered(organisation: Organisation, active: Mapping) -> QuerySet[Benefit]:
    """The organisation's benefits that pass the cleaned filters ``active``; one row per
    benefit: programme, objective and realising unit are tested with ``pk IN (subquery)``,
    never a join that would repeat a benefit. The subqueries are not correlated, so the
    database runs each once (a correlated EXISTS over the links made SQLite scan every
    link for every benefit)."""
    qs = Benefit.objects.filter(organisation=organisation)
    if "q" in active:
        q = active["q"]
        qs = qs.filter(Q(reference__icontains=q) | Q(title__icontains=q))
    for key in ("category", "status", "health"):
        if key in active:
            qs = qs.filter(**{key: active[key]})
    if "owner" in active:
        qs = qs.filter(owner_id=active["owner"])
    if "unit" in active:
        realising = Benefit.realising_units.through.objects.filter(
            unit_id=active["unit"]).values("benefit_id")
        qs = qs.filter(Q(owner_unit_id=active["unit"]) | Q(pk__in=realising))
    if "programme" in active:
        qs = qs.filter(pk__in=BenefitInitiative.objects.filter(
            organisation=organisation, initiative__programme_id=active["programme"],
        ).values("benefit_id"))
    if "objective" in active:
        qs = qs.filter(pk__in=Benefit.objectives.through.objects.filter(
            objective_id=active["objective"]).values("benefit_id"))
    return qs


def benefit_overview(organisation: Organisation, params: Mapping
                     ) -> tuple[QuerySet[Benefit], dict]:
    """The benefits overview: the organisation's benefits filtered and sorted by ``params``
    (a dict or a QueryDict with q, category, unit, owner, status, health, programme,
    objective and sort), reading only the list's columns; and the filters in force.

    Each benefit appears once (see the module docstring). ``unit`` matches the receiving
    unit or a realising unit; ``programme`` a benefit linked to any initiative of the
    programme; ``q`` the reference or the title.
    """
    active = clean_filters(params)
    qs = filtered(organisation, active).select_related("owner", "owner_unit").only(*LIST_FIELDS)
    sort = sort_key(params)
    order = SORTS[sort.lstrip("-")]
    if sort.startswith("-"):
        order = _descending(order)
    if sort.lstrip("-") == "health":
        qs = qs.annotate(health_rank=HEALTH_RANK)
    return qs.order_by(*order), active


def count_query(queryset: QuerySet[Benefit]) -> QuerySet[Benefit]:
    """The same filter without joins or order: for counting pages."""
    return queryset.select_related(None).order_by()


# --------------------------------------------------------------------------- totals

def _empty_totals() -> dict:
    return {"cash": ZERO, "cash_count": 0, "non_cash": ZERO, "non_cash_count": 0,
            "non_cash_hours": ZERO, "not_monetised": ZERO, "not_monetised_count": 0,
            "count": 0, "withdrawn_count": 0}


def totals(queryset_or_ids: QuerySet[Benefit] | Iterable[int]) -> dict:
    """Sums and counts of benefits split by cashability, each benefit counted once.

    Takes a queryset of benefits (any filter or join; it is reduced to distinct ids) or
    ids. Withdrawn benefits are out of the sums and counts (``withdrawn_count`` says how
    many were left out). Keys: ``cash``, ``non_cash``, ``not_monetised`` (yearly value at
    full realisation; a dis-benefit counts against), ``cash_count``, ``non_cash_count``,
    ``not_monetised_count``, ``non_cash_hours`` (hours freed per year) and ``count``.
    One query, grouped by cashability and status (a queryset without joins is aggregated
    as it is; one with joins through ``pk IN (...)``, so that a benefit repeated by a join
    still counts once).
    """
    if isinstance(queryset_or_ids, QuerySet):
        plain = queryset_or_ids.select_related(None).order_by()
        if (plain.model is Benefit and len(plain.query.alias_map) <= 1
                and not plain.query.distinct and not plain.query.is_sliced):
            base = plain  # no join: every row is a distinct benefit already
        else:
            base = Benefit.objects.filter(pk__in=plain.values("pk"))
    else:
        base = Benefit.objects.filter(pk__in=list(queryset_or_ids))
    out = _empty_totals()
    groups = (base.values("cashability", "status")
              .annotate(value=Sum("annual_value"), n=Count("pk"), hours=Sum("annual_hours")))
    for row in groups:
        if row["status"] == Benefit.Status.WITHDRAWN:
            out["withdrawn_count"] += row["n"]
            continue
        key = row["cashability"]
        if key not in C.values:
            continue
        out[key] += row["value"] or ZERO
        out[f"{key}_count"] += row["n"]
        out["count"] += row["n"]
        if key == C.NON_CASH:
            out["non_cash_hours"] += row["hours"] or ZERO
    return out


def overview_totals(organisation: Organisation, active: Mapping,
                    initiative_id: int | None = None) -> dict:
    """``totals`` of the benefits overview's filters ``active`` (cleaned: ``clean_filters``)
    and, for the API, an initiative; cached until the organisation's benefits change
    (core/aggregates.py)."""
    def compute():
        qs = filtered(organisation, active)
        if initiative_id is not None:
            qs = qs.filter(pk__in=BenefitInitiative.objects.filter(
                organisation=organisation, initiative_id=initiative_id).values("benefit_id"))
        return totals(qs)

    return cached(organisation.pk, TOPIC, "overview-totals",
                  [sorted(active.items()), initiative_id], compute)


def share_totals(rows: Iterable) -> dict:
    """Totals of rows that carry ``benefit`` and ``value`` (the attributed yearly value):
    split by cashability, withdrawn benefits left out, each row being one benefit."""
    out = _empty_totals()
    for row in rows:
        benefit = row.benefit
        if benefit.status == Benefit.Status.WITHDRAWN:
            out["withdrawn_count"] += 1
            continue
        key = benefit.cashability
        out[key] += row.value
        out[f"{key}_count"] += 1
        out["count"] += 1
        if key == C.NON_CASH:
            out["non_cash_hours"] += row.hours
    return out


# --------------------------------------------------------------------------- initiative

@dataclass
class ShareRow:
    """A benefit seen from an initiative or a programme: the share attributed to it and
    the part of the yearly value (and hours) that share carries."""

    benefit: Benefit
    attribution: Decimal
    value: Decimal
    hours: Decimal
    initiatives: list[tuple[str, Decimal]] = field(default_factory=list)


ROW_FIELDS = ("id", "organisation_id", "number", "reference", "title", "category",
              "cashability", "is_disbenefit", "status", "health", "achievement", "next_due",
              "annual_value", "annual_hours", "owner_id", "owner__full_name", "owner__email",
              "owner_unit_id", "owner_unit__name")


def _share_row(benefit: Benefit, attribution: Decimal, initiatives=None) -> ShareRow:
    attribution = min(Decimal(attribution), HUNDRED)
    return ShareRow(benefit=benefit, attribution=attribution,
                    value=calc.attributed(benefit.annual_value, attribution),
                    hours=calc.attributed(benefit.annual_hours, attribution),
                    initiatives=initiatives or [])


def initiative_benefits(initiative) -> list[ShareRow]:
    """The benefits of ``initiative``, each with its attribution % and the attributed yearly
    value (calc.attributed); oldest benefit first. One query. Totals: :func:`share_totals`.
    """
    links = (BenefitInitiative.objects
             .filter(organisation_id=initiative.organisation_id, initiative=initiative)
             .select_related("benefit", "benefit__owner", "benefit__owner_unit")
             .only("id", "attribution", "benefit_id",
                   *[f"benefit__{name}" for name in ROW_FIELDS])
             .order_by("benefit__number"))
    return [_share_row(link.benefit, link.attribution) for link in links]


def programme_benefits(programme) -> list[ShareRow]:
    """The distinct benefits linked to any initiative of ``programme``, each counted once
    with the SUM of the attributions of the programme's initiatives (capped at 100 %), and
    which of the programme's initiatives carry it. Two queries."""
    org_id = programme.organisation_id
    in_programme = BenefitInitiative.objects.filter(
        organisation_id=org_id, initiative__programme=programme)
    shares: dict[int, Decimal] = defaultdict(lambda: ZERO)
    by_benefit: dict[int, list[tuple[str, Decimal]]] = defaultdict(list)
    for benefit_id, reference, attribution in (
            in_programme.order_by("initiative__number")
            .values_list("benefit_id", "initiative__reference", "attribution")):
        shares[benefit_id] += attribution
        by_benefit[benefit_id].append((reference, attribution))
    if not shares:
        return []
    benefits = (Benefit.objects.filter(organisation_id=org_id,
                                       pk__in=in_programme.values("benefit_id"))
                .select_related("owner", "owner_unit").only(*ROW_FIELDS)
                .order_by("number"))
    return [_share_row(b, shares[b.pk], by_benefit[b.pk]) for b in benefits]


# --------------------------------------------------------------------------- one benefit

@dataclass
class ProfileYear:
    year: int
    share: Decimal
    planned: Decimal
    realised: Decimal | None


@dataclass
class BenefitPage:
    """What the benefit's overview page shows beyond the benefit's own fields."""

    realising_units: list[Unit]
    objectives: list
    links: list[ShareRow]
    profile: list[ProfileYear]
    hours: Decimal
    fte: Decimal
    npv_planned: Decimal | None
    npv_realised: Decimal | None
    base_year: int
    planned_total: Decimal
    realised_total: Decimal | None
    attributed_total: Decimal


def benefit_page(benefit: Benefit, organisation: Organisation,
                 today: dt.date | None = None) -> BenefitPage:
    """Valuation figures, value profile with NPV (base year = this year, at the
    organisation's discount rate), linked initiatives with their attributed value,
    realising units and objectives. Four queries."""
    today = today or timezone.localdate()
    units = list(benefit.realising_units.order_by("name"))
    objectives = list(benefit.objectives.order_by("number"))
    links = []
    for link in (BenefitInitiative.objects
                 .filter(organisation_id=benefit.organisation_id, benefit=benefit)
                 .select_related("initiative").order_by("initiative__number")):
        row = _share_row(benefit, link.attribution)
        row.initiatives = [(link.initiative.reference, link.attribution)]
        row.initiative = link.initiative
        links.append(row)
    years = list(BenefitYear.objects.filter(organisation_id=benefit.organisation_id,
                                            benefit=benefit).order_by("year"))
    profile = [ProfileYear(y.year, y.share, y.planned_value, y.realised_value) for y in years]
    rate = organisation.discount_rate
    npv_planned = (calc.npv({p.year: p.planned for p in profile}, rate, today.year)
                   if profile else None)
    realised = {p.year: p.realised for p in profile if p.realised is not None}
    npv_realised = calc.npv(realised, rate, today.year) if realised else None
    hours = benefit.annual_hours or ZERO
    return BenefitPage(
        realising_units=units, objectives=objectives, links=links, profile=profile,
        hours=hours, fte=calc.fte(hours, organisation.productive_hours_per_fte),
        npv_planned=npv_planned, npv_realised=npv_realised, base_year=today.year,
        planned_total=sum((p.planned for p in profile), ZERO),
        realised_total=sum(realised.values(), ZERO) if realised else None,
        attributed_total=sum((row.attribution for row in links), ZERO),
    )


def initiative_choices(organisation: Organisation):
    from gevinst.portfolio.models import Initiative

    return Initiative.objects.filter(organisation=organisation).order_by("number")


def owner_choices(organisation: Organisation) -> QuerySet[User]:
    """Members of the organisation (a benefit owner is a line manager, often a viewer)."""
    return (User.objects.filter(memberships__organisation=organisation)
            .order_by("full_name", "email").distinct())


# --------------------------------------------------------------------------- filter options

def filter_options(organisation: Organisation) -> dict[str, list[tuple[int, str]]]:
    """(id, label) pairs for the overview's filters. Four queries."""
    from gevinst.objectives.models import Objective
    from gevinst.portfolio.models import Programme

    owners = (User.objects.filter(pk__in=Benefit.objects.filter(organisation=organisation)
                                  .exclude(owner__isnull=True).values("owner_id"))
              .order_by("full_name", "email").values_list("pk", "full_name", "email"))
    return {
        "unit": list(Unit.objects.filter(organisation=organisation).order_by("name")
                     .values_list("pk", "name")),
        "owner": [(pk, name or email) for pk, name, email in owners],
        "programme": list(Programme.objects.filter(organisation=organisation)
                          .order_by("name").values_list("pk", "name")),
        "objective": [(pk, f"{ref} {title}") for pk, ref, title in
                      Objective.objects.filter(organisation=organisation)
                      .order_by("number").values_list("pk", "reference", "title")],
    }


# --------------------------------------------------------------------------- my benefits

@dataclass
class MeasureLine:
    measure: Measure
    next_due: dt.date | None
    overdue: list[dt.date]
    last_measured: dt.date | None


@dataclass
class MyBenefit:
    benefit: Benefit
    measures: list[MeasureLine]

    @property
    def overdue_count(self) -> int:
        return sum(len(m.overdue) for m in self.measures)


@dataclass
class MyBenefits:
    due: list[MyBenefit]
    slipping: list[MyBenefit]
    others: list[MyBenefit]

    @property
    def count(self) -> int:
        return len(self.due) + len(self.slipping) + len(self.others)


SLIPPING = (Health.BEHIND, Health.NOT_MEASURED)


def is_due(benefit: Benefit, lines: list[MeasureLine], today: dt.date) -> bool:
    """A measurement can be recorded now (its period has ended) or is overdue."""
    if benefit.status not in Benefit.FOLLOWED_UP:
        return False
    if any(line.overdue for line in lines):
        return True
    return benefit.next_due is not None and benefit.next_due <= today + dt.timedelta(
        days=calc.GRACE_DAYS)


def my_benefits(organisation: Organisation, user: User,
                today: dt.date | None = None) -> MyBenefits:
    """The benefits ``user`` owns, each with its measures (next due date and overdue
    periods), in three sections: due or overdue now; slipping (behind or not measured when
    due); all others. Four queries however many benefits and measures."""
    today = today or timezone.localdate()
    benefits = list(Benefit.objects.filter(organisation=organisation, owner=user)
                    .select_related("owner_unit").order_by("next_due", "number"))
    ids = [b.pk for b in benefits]
    measures: dict[int, list[Measure]] = defaultdict(list)
    plans: dict[int, dict] = defaultdict(dict)
    actuals: dict[int, dict] = defaultdict(dict)
    if ids:
        for m in Measure.objects.filter(organisation=organisation, benefit_id__in=ids
                                        ).order_by("order", "pk"):
            measures[m.benefit_id].append(m)
        for mid, period, value in PlannedValue.objects.filter(
                organisation=organisation, measure__benefit_id__in=ids
        ).values_list("measure_id", "period", "value"):
            plans[mid][period] = value
        for mid, period, actual in Measurement.objects.filter(
                organisation=organisation, measure__benefit_id__in=ids,
                actual__isnull=False).values_list("measure_id", "period", "actual"):
            actuals[mid][period] = actual
    due, slipping, others = [], [], []
    for benefit in benefits:
        lines = []
        for m in measures.get(benefit.pk, []):
            state = calc.measure_state(
                baseline=m.baseline_value, target=m.target_value, direction=m.direction,
                tolerance=m.tolerance, frequency=m.frequency, plan=plans.get(m.pk, {}),
                actuals=actuals.get(m.pk, {}), today=today)
            lines.append(MeasureLine(measure=m, next_due=state.next_due,
                                     overdue=state.overdue,
                                     last_measured=state.last_measured))
        item = MyBenefit(benefit=benefit, measures=lines)
        if is_due(benefit, lines, today):
            due.append(item)
        elif (benefit.status in Benefit.FOLLOWED_UP
              and benefit.health in SLIPPING):
            slipping.append(item)
        else:
            others.append(item)
    return MyBenefits(due=due, slipping=slipping, others=others)
