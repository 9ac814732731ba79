"""Reads for the benefits map and the benefits realisation plan of an initiative or a
programme.

The scope (which benefits, with which share) comes from the register's selectors
(:func:`~gevinst.benefits.selectors.register.initiative_benefits` and
:func:`~gevinst.benefits.selectors.register.programme_benefits`), so the plan counts every
benefit once, at the share attributed to the initiative (or to the programme's initiatives
together, capped at 100 %), exactly like the register's totals.

Every function costs a fixed number of queries, however many benefits, measures and years
there are: rows are loaded in bulk and put together in Python. A plan lists at most
:data:`PLAN_LIMIT` benefits in detail (its totals and value profile always cover all of
them); a PDF at most :data:`PDF_LIMIT`, which bounds the time it takes to lay out.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gevinst.benefits import calc
from gevinst.benefits.map import (
    BENEFIT,
    CHANGE,
    DISBENEFIT,
    INITIATIVE,
    OBJECTIVE,
    MapEdge,
    MapNode,
    render_benefits_map,
    text_alternative,
)
from gevinst.benefits.models import (
    Benefit,
    BenefitInitiative,
    BenefitYear,
    Health,
    Measure,
    PlannedValue,
)
from gevinst.benefits.selectors import realisation
from gevinst.benefits.selectors import register as register_selectors
from gevinst.benefits.selectors.measures import period_label
from gevinst.core.models import Organisation, Unit
from gevinst.core.templatetags.gevinst_format import NBSP, format_number

# A plan page shows at most this many benefits in detail (its totals cover all of them).
PLAN_LIMIT = 200
# A PDF is laid out in the request: WeasyPrint takes about 0.2–0.4 s of CPU per benefit,
# so a plan with more benefits than this gets no PDF (make one per initiative instead).
PDF_LIMIT = 50
ZERO = Decimal("0")

INITIATIVE_SCOPE = "initiative"
PROGRAMME_SCOPE = "programme"


# --------------------------------------------------------------------------- scope

@dataclass
class Scope:
    """What a map or a plan is about: one initiative, or a programme and its initiatives,
    with the benefits in scope (register ShareRows, oldest benefit first)."""

    kind: str  # INITIATIVE_SCOPE | PROGRAMME_SCOPE
    subject: object  # the Initiative or the Programme
    organisation: Organisation
    initiatives: list
    rows: list  # register_selectors.ShareRow

    @property
    def is_programme(self) -> bool:
        return self.kind == PROGRAMME_SCOPE

    @property
    def reference(self) -> str:
        return self.subject.reference

    @property
    def name(self) -> str:
        return self.subject.name if self.is_programme else self.subject.title

    def attributions(self) -> dict[tuple[int, int], Decimal]:
        """(initiative id, benefit id) → the initiative's attribution (%), in scope."""
        if not self.is_programme:
            return {(self.subject.pk, row.benefit.pk): row.attribution for row in self.rows}
        by_reference = {initiative.reference: initiative.pk for initiative in self.initiatives}
        out = {}
        for row in self.rows:
            for reference, attribution in row.initiatives:
                if reference in by_reference:
                    out[(by_reference[reference], row.benefit.pk)] = Decimal(attribution)
        return out


def initiative_scope(initiative, organisation: Organisation | None = None) -> Scope:
    """The initiative and its benefits (one query)."""
    return Scope(kind=INITIATIVE_SCOPE, subject=initiative,
                 organisation=organisation or initiative.organisation,
                 initiatives=[initiative],
                 rows=register_selectors.initiative_benefits(initiative))


def programme_scope(programme, organisation: Organisation | None = None) -> Scope:
    """The programme, its initiatives and their benefits, each benefit once (three
    queries)."""
    from gevinst.portfolio.models import Initiative

    initiatives = list(Initiative.objects.filter(
        organisation_id=programme.organisation_id, programme=programme)
        .only("id", "organisation_id", "number", "reference", "title").order_by("number"))
    return Scope(kind=PROGRAMME_SCOPE, subject=programme,
                 organisation=organisation or programme.organisation,
                 initiatives=initiatives,
                 rows=register_selectors.programme_benefits(programme))


# --------------------------------------------------------------------------- formatting

def percent(value, organisation=None) -> str:
    """``60 %``, ``12,5 %``: a share without trailing zeros, in the organisation's
    convention."""
    if value is None:
        return ""
    number = Decimal(value).normalize()
    decimals = max(0, -number.as_tuple().exponent)
    return f"{format_number(number, organisation, min(decimals, 2))}{NBSP}%"


def _benefit_note(benefit: Benefit, attribution: Decimal, organisation) -> str:
    """The benefit's follow-up health while it is followed up, else its status; and the
    share attributed to the scope."""
    if benefit.status in Benefit.FOLLOWED_UP:
        state = Health(benefit.health).label
    else:
        state = Benefit.Status(benefit.status).label
    return f"{state} · {percent(attribution, organisation)}"


def _benefit_kind(benefit: Benefit) -> str:
    if benefit.is_disbenefit:
        return DISBENEFIT
    if benefit.status == Benefit.Status.REALISED:
        return "achieved"
    if benefit.status not in Benefit.FOLLOWED_UP:
        return ""
    return {Health.BEHIND: "behind", Health.NOT_MEASURED: "behind",
            Health.WITHIN_TOLERANCE: "at_risk", Health.ON_TRACK: "on_track"}.get(
        benefit.health, "")


def _change_key(text: str) -> str:
    return " ".join(text.split()).casefold()


# --------------------------------------------------------------------------- map

@dataclass
class MapEntry:
    """One benefit of the text alternative, ready for a template."""

    label: str
    href: str | None
    note: str
    disbenefit: bool
    initiatives: list[tuple[str, str | None, str]]  # (label, href, share)
    changes: list[str]
    objectives: list[str]


@dataclass
class BenefitsMap:
    svg: str
    title: str
    description: str
    entries: list[MapEntry]
    idle_initiatives: list[tuple[str, str | None]]  # initiatives without benefits
    nodes: list[MapNode]
    edges: list[MapEdge]
    count: int = 0  # benefits in scope; the map draws at most PLAN_LIMIT of them

    @property
    def is_empty(self) -> bool:
        return not self.entries

    @property
    def truncated(self) -> bool:
        return self.count > len(self.entries)


def _objectives_of(benefit_ids: list[int]) -> dict[int, list[tuple[int, str, str]]]:
    """benefit id → [(objective id, reference, title)] in objective order (one query)."""
    out: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    if not benefit_ids:
        return out
    through = Benefit.objectives.through.objects.filter(benefit_id__in=benefit_ids)
    for benefit_id, objective_id, reference, title in (
            through.order_by("objective__number", "objective_id")
            .values_list("benefit_id", "objective_id", "objective__reference",
                         "objective__title")):
        out[benefit_id].append((objective_id, reference, title))
    return out


def _changes_of(benefits: list[Benefit]) -> dict[int, list[str]]:
    """benefit id → its enabling changes, read in one query (the register's rows leave the
    text out) unless the benefits already carry it."""
    ids = [b.pk for b in benefits]
    if not ids:
        return {}
    loaded = [b for b in benefits if "enabling_changes" in b.__dict__]
    if len(loaded) == len(benefits):
        return {b.pk: b.enabling_change_list for b in benefits}
    texts = dict(Benefit.objects.filter(pk__in=ids).values_list("pk", "enabling_changes"))
    return {pk: Benefit(enabling_changes=text or "").enabling_change_list
            for pk, text in texts.items()}


def benefits_map(scope: Scope, *, rows=None, objectives=None) -> BenefitsMap:
    """The map of ``scope``: its initiative(s) → the enabling changes of their benefits (one
    node per distinct text) → the benefits → their objectives, as SVG with the text
    alternative beside it. At most :data:`PLAN_LIMIT` benefits (the oldest). Two queries
    (none when ``objectives`` are given and the benefits carry their enabling changes)."""
    org = scope.organisation
    count = len(scope.rows)
    rows = (scope.rows if rows is None else rows)[:PLAN_LIMIT]
    benefits = [row.benefit for row in rows]
    share = {row.benefit.pk: row.attribution for row in rows}
    if objectives is None:
        objectives = _objectives_of([b.pk for b in benefits])
    changes = _changes_of(benefits)
    attributions = scope.attributions()

    nodes: list[MapNode] = []
    edges: list[MapEdge] = []
    for initiative in scope.initiatives:
        nodes.append(MapNode(
            f"ini:{initiative.pk}", INITIATIVE, f"{initiative.reference} {initiative.title}",
            href=reverse("initiative_detail", args=[org.slug, initiative.reference])))
    change_ids: dict[str, str] = {}
    change_edges: dict[tuple[str, str], list[Decimal]] = {}
    objective_ids: set[int] = set()
    objective_nodes: list[MapNode] = []
    benefit_nodes: list[MapNode] = []
    for benefit in benefits:
        node_id = f"ben:{benefit.pk}"
        benefit_nodes.append(MapNode(
            node_id, BENEFIT, f"{benefit.reference} {benefit.title}",
            href=reverse("benefit_detail", args=[org.slug, benefit.reference]),
            note=_benefit_note(benefit, share[benefit.pk], org),
            kind=_benefit_kind(benefit)))
        enabling = []
        for text in changes.get(benefit.pk, []):
            key = _change_key(text)
            if key not in change_ids:
                change_ids[key] = f"chg:{len(change_ids) + 1}"
                nodes.append(MapNode(change_ids[key], CHANGE, text))
            if change_ids[key] not in enabling:
                enabling.append(change_ids[key])
        for initiative in scope.initiatives:
            attribution = attributions.get((initiative.pk, benefit.pk))
            if attribution is None:
                continue
            source = f"ini:{initiative.pk}"
            if not enabling:
                edges.append(MapEdge(source, node_id, percent(attribution, org)))
            for change_id in enabling:
                change_edges.setdefault((source, change_id), []).append(attribution)
        for change_id in enabling:
            edges.append(MapEdge(change_id, node_id))
        for objective_id, reference, title in objectives.get(benefit.pk, []):
            if objective_id not in objective_ids:
                objective_ids.add(objective_id)
                # Objective pages do not exist yet: no link.
                objective_nodes.append(MapNode(f"obj:{objective_id}", OBJECTIVE,
                                               f"{reference} {title}"))
            edges.append(MapEdge(node_id, f"obj:{objective_id}"))
    for (source, change_id), shares in change_edges.items():
        distinct = sorted(set(shares), reverse=True)
        edges.append(MapEdge(source, change_id,
                             " / ".join(percent(s, org) for s in distinct)))
    nodes.extend(benefit_nodes)
    nodes.extend(objective_nodes)

    if scope.is_programme:
        title = _("Benefits map of programme %(ref)s %(name)s") % {
            "ref": scope.reference, "name": scope.name}
    else:
        title = _("Benefits map of initiative %(ref)s %(name)s") % {
            "ref": scope.reference, "name": scope.name}
    counts = ", ".join([
        ngettext("%(n)s initiative", "%(n)s initiatives", len(scope.initiatives))
        % {"n": len(scope.initiatives)},
        ngettext("%(n)s enabling change", "%(n)s enabling changes", len(change_ids))
        % {"n": len(change_ids)},
        ngettext("%(n)s benefit", "%(n)s benefits", len(benefit_nodes))
        % {"n": len(benefit_nodes)},
        ngettext("%(n)s objective", "%(n)s objectives", len(objective_nodes))
        % {"n": len(objective_nodes)},
    ])
    description = _("From initiatives through enabling changes and benefits to objectives: "
                    "%(counts)s. The text alternative beside the map lists the same.") % {
        "counts": counts}
    # Without benefits there is no chain to draw (the text lists the initiatives).
    svg = render_benefits_map(nodes if benefit_nodes else [], edges, title=title,
                              description=description)

    entries = []
    for item in text_alternative(nodes, edges):
        benefit_node = item["benefit"]
        benefit_pk = int(benefit_node.id.split(":")[1])
        initiatives = []
        for initiative_node, _label in item["initiatives"]:
            initiative_pk = int(initiative_node.id.split(":")[1])
            # The exact share of this benefit (a change edge may carry several).
            initiatives.append((initiative_node.label, initiative_node.href,
                                percent(attributions[(initiative_pk, benefit_pk)], org)))
        entries.append(MapEntry(
            label=benefit_node.label, href=benefit_node.href, note=benefit_node.note,
            disbenefit=benefit_node.kind == DISBENEFIT, initiatives=initiatives,
            changes=[n.label for n in item["changes"]],
            objectives=[n.label for n in item["objectives"]]))
    linked = {initiative_pk for initiative_pk, _benefit in attributions}
    idle = [(node.label, node.href) for node in nodes
            if node.layer == INITIATIVE and int(node.id.split(":")[1]) not in linked]
    return BenefitsMap(svg=svg, title=title, description=description, entries=entries,
                       idle_initiatives=idle, nodes=nodes, edges=edges, count=count)


# --------------------------------------------------------------------------- plan

@dataclass
class MeasurePlan:
    measure: Measure
    trajectory: list[tuple[str, Decimal]]  # (period label, planned value)


@dataclass
class BenefitPlan:
    """One benefit as the plan shows it: its own fields (``benefit``), the scope's share,
    all its initiatives, measures with their trajectories, valuation and value profile."""

    benefit: Benefit
    attribution: Decimal
    attributed_value: Decimal
    initiatives: list[tuple[str, str, Decimal, bool]]  # (reference, title, %, in scope)
    realising_units: list[Unit]
    objectives: list[tuple[int, str, str]]
    measures: list[MeasurePlan]
    profile: list[BenefitYear]
    npv: Decimal | None
    planned_total: Decimal
    hours: Decimal
    fte: Decimal

    @property
    def enabling_changes(self) -> list[str]:
        return self.benefit.enabling_change_list

    @property
    def missing_baselines(self) -> list[Measure]:
        return [m.measure for m in self.measures if not m.measure.has_baseline]


@dataclass
class Action:
    text: str
    kind: str  # "change" | "precondition"
    kind_label: str
    benefits: list[Benefit]


@dataclass
class Risk:
    benefit: Benefit
    kind: str  # "precondition" | "low_confidence" | "disbenefit" | "slipping" | ...
    kind_label: str
    text: str


@dataclass
class Signer:
    name: str
    email: str
    benefits: list[Benefit]


@dataclass
class ProfileSummaryYear:
    year: int
    cash: Decimal
    non_cash: Decimal

    @property
    def total(self) -> Decimal:
        return self.cash + self.non_cash


@dataclass
class Plan:
    scope: Scope
    today: dt.date
    benefits: list[BenefitPlan]
    count: int  # all benefits in scope (the plan details at most PLAN_LIMIT)
    totals: dict
    profile: list[ProfileSummaryYear]
    npv_cash: Decimal | None
    npv_non_cash: Decimal | None
    actions: list[Action]
    risks: list[Risk]
    signers: list[Signer]
    without_owner: list[Benefit]
    benefits_map: BenefitsMap
    limit: int = PLAN_LIMIT
    extra: dict = field(default_factory=dict)

    @property
    def truncated(self) -> bool:
        return self.count > len(self.benefits)

    @property
    def base_year(self) -> int:
        return self.today.year

    @property
    def discount_rate(self) -> Decimal:
        return self.scope.organisation.discount_rate

    @property
    def npv_total(self) -> Decimal | None:
        if self.npv_cash is None and self.npv_non_cash is None:
            return None
        return (self.npv_cash or ZERO) + (self.npv_non_cash or ZERO)


def _full_benefits(organisation: Organisation, ids: list[int]) -> dict[int, Benefit]:
    """The benefits with everything the plan shows, in five queries: the benefits (with
    owner and receiving unit), realising units, measures, planned trajectories and years."""
    if not ids:
        return {}
    benefits = (Benefit.objects.filter(organisation=organisation, pk__in=ids)
                .select_related("owner", "owner_unit")
                .prefetch_related(
                    Prefetch("realising_units",
                             queryset=Unit.objects.filter(organisation=organisation)
                             .order_by("name")),
                    Prefetch("measures",
                             queryset=Measure.objects.filter(organisation=organisation)
                             .order_by("order", "pk").prefetch_related(Prefetch(
                                 "plan", queryset=PlannedValue.objects.filter(
                                     organisation=organisation).order_by("period")))),
                    Prefetch("years", queryset=BenefitYear.objects.filter(
                        organisation=organisation).order_by("year"))))
    return {b.pk: b for b in benefits}


def _all_links(organisation: Organisation, ids: list[int]):
    """benefit id → [(initiative reference, title, attribution)] over every initiative,
    in or out of scope (one query)."""
    out: dict[int, list[tuple[str, str, Decimal]]] = defaultdict(list)
    if not ids:
        return out
    for benefit_id, reference, title, attribution in (
            BenefitInitiative.objects.filter(organisation=organisation, benefit_id__in=ids)
            .order_by("initiative__number")
            .values_list("benefit_id", "initiative__reference", "initiative__title",
                         "attribution")):
        out[benefit_id].append((reference, title, attribution))
    return out


def _benefit_plan(benefit: Benefit, row, links, objectives, organisation: Organisation,
                  in_scope: set[str], today: dt.date) -> BenefitPlan:
    measures = [MeasurePlan(measure=m, trajectory=[
        (period_label(p.period, m.frequency), p.value) for p in m.plan.all()])
        for m in benefit.measures.all()]
    profile = list(benefit.years.all())
    npv = (calc.npv({y.year: y.planned_value for y in profile}, organisation.discount_rate,
                    today.year) if profile else None)
    hours = benefit.annual_hours or ZERO
    return BenefitPlan(
        benefit=benefit, attribution=row.attribution, attributed_value=row.value,
        initiatives=[(ref, title, share, ref in in_scope) for ref, title, share in links],
        realising_units=list(benefit.realising_units.all()), objectives=objectives,
        measures=measures, profile=profile, npv=npv,
        planned_total=sum((y.planned_value for y in profile), ZERO),
        hours=hours, fte=calc.fte(hours, organisation.productive_hours_per_fte))


def _actions(plans: list[BenefitPlan]) -> list[Action]:
    """The enabling changes (one per distinct text, with the benefits it enables), then each
    benefit's preconditions."""
    changes: dict[str, Action] = {}
    for plan in plans:
        for text in plan.enabling_changes:
            action = changes.setdefault(_change_key(text), Action(
                text=text, kind="change", kind_label=_("Enabling change"), benefits=[]))
            if plan.benefit not in action.benefits:
                action.benefits.append(plan.benefit)
    actions = list(changes.values())
    for plan in plans:
        if plan.benefit.preconditions.strip():
            actions.append(Action(text=plan.benefit.preconditions.strip(),
                                  kind="precondition", kind_label=_("Precondition"),
                                  benefits=[plan.benefit]))
    return actions


def _risks(plans: list[BenefitPlan]) -> list[Risk]:
    """What threatens realisation, from what the register holds: preconditions, low
    confidence, dis-benefits, slipping follow-up, no owner, measures without baseline."""
    risks = []
    for plan in plans:
        b = plan.benefit
        if b.status == Benefit.Status.WITHDRAWN:
            continue
        if b.preconditions.strip():
            risks.append(Risk(b, "precondition", _("Depends on a precondition"),
                              b.preconditions.strip()))
        if b.confidence == Benefit.Confidence.LOW:
            risks.append(Risk(b, "low_confidence", _("Low confidence"),
                              _("The estimate is uncertain: confidence is low.")))
        if b.is_disbenefit:
            risks.append(Risk(b, "disbenefit", _("Dis-benefit"),
                              b.description.strip() or b.title))
        if b.status in Benefit.FOLLOWED_UP and b.health in (Health.BEHIND,
                                                            Health.NOT_MEASURED):
            risks.append(Risk(b, "slipping", _("Follow-up"), Health(b.health).label))
        if b.owner_id is None:
            risks.append(Risk(b, "no_owner", _("No benefit owner"),
                              _("No line manager has been named to own the benefit.")))
        for measure in plan.missing_baselines:
            if b.baseline_plan_date:
                text = _("%(measure)s has no baseline yet; planned by %(date)s.") % {
                    "measure": measure.name,
                    "date": _date(b.baseline_plan_date)}
            else:
                text = _("%(measure)s has no baseline and no dated plan to get one.") % {
                    "measure": measure.name}
            risks.append(Risk(b, "no_baseline", _("No baseline"), text))
    return risks


def _date(value: dt.date) -> str:
    from django.utils.formats import date_format

    return date_format(value, "DATE_FORMAT")


def _signers(plans: list[BenefitPlan]) -> tuple[list[Signer], list[Benefit]]:
    """Each benefit owner once, with the benefits they sign for; and benefits without one."""
    signers: dict[int, Signer] = {}
    without = []
    for plan in plans:
        b = plan.benefit
        if b.status == Benefit.Status.WITHDRAWN:
            continue
        if b.owner_id is None:
            without.append(b)
            continue
        signer = signers.setdefault(b.owner_id, Signer(
            name=b.owner.full_name or b.owner.email, email=b.owner.email, benefits=[]))
        signer.benefits.append(b)
    return sorted(signers.values(), key=lambda s: (s.name.casefold(), s.email)), without


def _profile_summary(scope: Scope, today: dt.date):
    """The scope's planned value per year (after optimism adjustment, at its share),
    cash-releasing apart from capacity freed, and the NPV of each (one query)."""
    kwargs = ({"programme": scope.subject} if scope.is_programme
              else {"initiative": scope.subject})
    years = realisation.planned_vs_actual(scope.organisation, **kwargs)
    rows = [ProfileSummaryYear(year=y["year"], cash=y["cash_planned"],
                               non_cash=y["non_cash_planned"]) for y in years]
    rate = scope.organisation.discount_rate
    if not rows:
        return rows, None, None
    return (rows, calc.npv({r.year: r.cash for r in rows}, rate, today.year),
            calc.npv({r.year: r.non_cash for r in rows}, rate, today.year))


def benefits_plan(scope: Scope, today: dt.date | None = None) -> Plan:
    """Everything an owner signs off for ``scope``. A fixed number of queries (about ten)."""
    today = today or timezone.localdate()
    org = scope.organisation
    rows = scope.rows[:PLAN_LIMIT]
    ids = [row.benefit.pk for row in rows]
    full = _full_benefits(org, ids)
    links = _all_links(org, ids)
    objectives = _objectives_of(ids)
    in_scope = {initiative.reference for initiative in scope.initiatives}
    plans = [_benefit_plan(full[row.benefit.pk], row, links.get(row.benefit.pk, []),
                           objectives.get(row.benefit.pk, []), org, in_scope, today)
             for row in rows if row.benefit.pk in full]
    # The map reads the full benefits (their enabling changes are loaded).
    map_rows = [register_selectors.ShareRow(benefit=p.benefit, attribution=p.attribution,
                                            value=p.attributed_value, hours=ZERO)
                for p in plans]
    profile, npv_cash, npv_non_cash = _profile_summary(scope, today)
    signers, without_owner = _signers(plans)
    return Plan(
        scope=scope, today=today, benefits=plans, count=len(scope.rows),
        totals=register_selectors.share_totals(scope.rows), profile=profile,
        npv_cash=npv_cash, npv_non_cash=npv_non_cash, actions=_actions(plans),
        risks=_risks(plans), signers=signers, without_owner=without_owner,
        benefits_map=benefits_map(scope, rows=map_rows, objectives=objectives))
