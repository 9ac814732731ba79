"""Reads of the risk register: the overview across the organisation (filters, sort, pages),
the register of an initiative and of a programme, and the filter options.

The lists read the stored fields the services keep (``score``, ``residual_score``,
``above_appetite``, acceptance), select only the columns they show, and count once, so that
the overview of tens of thousands of risks costs a fixed number of queries. Filters on a
programme or an initiative use ``IN (subquery)``, never a join that would repeat a risk.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.conf import settings
from django.db.models import (
    Case,
    F,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from gevinst.core.models import Organisation, User
from gevinst.core.paging import CountedPaginator
from gevinst.risks.models import Category, Risk

# The columns of the lists: all a row reads (``.only()``).
LIST_FIELDS = (
    "id", "organisation_id", "number", "reference", "kind", "title", "level", "category",
    "status", "score", "residual_score", "strategy", "next_review", "above_appetite",
    "accepted_at", "accepted_score", "accepted_by_id", "accepted_by__full_name",
    "accepted_by__email", "owner_id", "owner__full_name", "owner__email", "initiative_id",
    "initiative__reference", "initiative__title", "programme_id", "programme__reference",
    "programme__name",
)
RELATED = ("owner", "accepted_by", "initiative", "programme")

# Sort key → order (a tie-breaker on the number keeps pages stable).
SORTS: dict[str, tuple] = {
    "reference": (F("number").asc(),),
    "kind": (F("kind").asc(), F("number").asc()),
    "title": (F("title").asc(), F("number").asc()),
    "level": (F("level").asc(), F("number").asc()),
    "where": (F("initiative__reference").asc(nulls_last=True),
              F("programme__name").asc(nulls_last=True), F("number").asc()),
    "category": (F("category").asc(), F("number").asc()),
    "owner": (F("owner__full_name").asc(nulls_last=True), F("number").asc()),
    "score": (F("score").asc(), F("number").asc()),
    "residual": (F("residual_score").asc(), F("number").asc()),
    "strategy": (F("strategy").asc(), F("number").asc()),
    "status": (F("status").asc(), F("number").asc()),
    "next_review": (F("next_review").asc(nulls_last=True), F("number").asc()),
    "appetite": (F("above_appetite").asc(), F("residual_score").asc(), F("number").asc()),
}
DEFAULT_SORT = "-residual"
FILTER_KEYS = ("q", "kind", "level", "category", "status", "owner", "initiative",
               "programme", "appetite", "review", "probability", "impact", "basis")
APPETITE_FILTERS = ("above", "needs_decision", "accepted")
BASES = ("residual", "inherent")

# Accepted by a decision that still covers the current score (Risk.is_accepted in SQL).
ACCEPTED = Q(accepted_at__isnull=False, accepted_score__isnull=False,
             accepted_score__gte=F("residual_score"))


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
    """The valid sort of ``params`` (``sort=title`` or ``sort=-title``), else the default
    (highest score after action first)."""
    value = str(params.get("sort") or "")
    return value if value.lstrip("-") in SORTS else DEFAULT_SORT


def _int(value) -> int | None:
    value = str(value or "").strip()
    return int(value) if value.isdigit() and len(value) < 12 else None


def clean_filters(params: Mapping) -> dict:
    """The filters of ``params`` that are valid, cleaned; unknown or invalid values are left
    out (a filter that does not apply never hides everything). ``initiative`` and
    ``programme`` take a reference (INI-0001, PRG-0001) or an id; ``owner`` an id."""
    active: dict = {}
    q = str(params.get("q") or "").strip()[:200]
    if q:
        active["q"] = q
    for key, choices in (("kind", Risk.Kind.values), ("level", Risk.Level.values),
                         ("category", Category.values), ("status", Risk.Status.values),
                         ("appetite", APPETITE_FILTERS), ("review", ("overdue",)),
                         ("basis", BASES)):
        value = str(params.get(key) or "")
        if value in choices:
            active[key] = value
    owner = _int(params.get("owner"))
    if owner is not None:
        active["owner"] = owner
    for key, prefix in (("initiative", "INI-"), ("programme", "PRG-")):
        value = str(params.get(key) or "").strip().upper()[:20]
        if value.isdigit() and len(value) < 12:
            active[key] = int(value)
        elif value.startswith(prefix):
            active[key] = value
    for key in ("probability", "impact"):
        number = _int(params.get(key))
        if number is not None and 1 <= number <= 5:
            active[key] = number
    return active


def cell_axes(basis: str) -> tuple:
    """Probability and impact expressions of the heat map's basis (the residual falls back
    to the inherent values while it is not assessed)."""
    if basis == "inherent":
        return F("probability"), F("impact")
    return (Coalesce("residual_probability", "probability"),
            Coalesce("residual_impact", "impact"))


def _initiatives(organisation: Organisation, value) -> QuerySet:
    from gevinst.portfolio.models import Initiative

    qs = Initiative.objects.filter(organisation=organisation)
    return qs.filter(pk=value) if isinstance(value, int) else qs.filter(reference=value)


def _programme_ids(organisation: Organisation, value) -> QuerySet:
    from gevinst.portfolio.models import Programme

    qs = Programme.objects.filter(organisation=organisation)
    return (qs.filter(pk=value) if isinstance(value, int) else qs.filter(reference=value)
            ).values("pk")


def filtered(organisation: Organisation, active: Mapping,
             today: dt.date | None = None) -> QuerySet[Risk]:
    """The organisation's risks that pass the cleaned filters ``active``."""
    qs = Risk.objects.filter(organisation=organisation)
    if "q" in active:
        q = active["q"]
        qs = qs.filter(Q(reference__icontains=q) | Q(title__icontains=q))
    for key in ("kind", "level", "category", "status"):
        if key in active:
            qs = qs.filter(**{key: active[key]})
    if "owner" in active:
        qs = qs.filter(owner_id=active["owner"])
    if "initiative" in active:
        qs = qs.filter(initiative_id__in=_initiatives(organisation, active["initiative"])
                       .values("pk"))
    if "programme" in active:
        from gevinst.portfolio.models import Initiative

        ids = _programme_ids(organisation, active["programme"])
        qs = qs.filter(Q(programme_id__in=ids) | Q(initiative_id__in=Initiative.objects.filter(
            organisation=organisation, programme_id__in=ids).values("pk")))
    appetite = active.get("appetite")
    if appetite == "above":
        qs = qs.filter(above_appetite=True)
    elif appetite == "needs_decision":
        qs = qs.filter(above_appetite=True).exclude(ACCEPTED)
    elif appetite == "accepted":
        qs = qs.filter(ACCEPTED, above_appetite=True)
    if active.get("review") == "overdue":
        qs = qs.filter(status=Risk.Status.OPEN,
                       next_review__lt=today or timezone.localdate())
    if "probability" in active or "impact" in active:
        probability, impact = cell_axes(active.get("basis", "residual"))
        qs = qs.alias(cell_p=probability, cell_i=impact)
        if "probability" in active:
            qs = qs.filter(cell_p=active["probability"])
        if "impact" in active:
            qs = qs.filter(cell_i=active["impact"])
    return qs


def overview_queryset(organisation: Organisation, params: Mapping,
                      today: dt.date | None = None) -> tuple[QuerySet[Risk], dict]:
    """The overview's risks filtered and sorted by ``params`` (a dict or a QueryDict),
    reading only the list's columns; and the filters in force."""
    active = clean_filters(params)
    qs = filtered(organisation, active, today).select_related(*RELATED).only(*LIST_FIELDS)
    sort = sort_key(params)
    order = SORTS[sort.lstrip("-")]
    if sort.startswith("-"):
        order = _descending(order)
    return qs.order_by(*order), active


def count_query(queryset: QuerySet[Risk]) -> QuerySet[Risk]:
    """The same filter without joins or order: for counting pages."""
    return queryset.select_related(None).order_by()


def risk_overview(organisation: Organisation, filters: Mapping, *,
                  per_page: int | None = None, today: dt.date | None = None):
    """One page of the organisation's risk overview (``filters``: kind, level, category,
    status, owner, initiative, programme, appetite, review, probability, impact, basis, q,
    sort and page). The page carries ``active`` (the filters in force) and ``sort``. Two
    queries: the count (once, without joins) and the rows of the page."""
    queryset, active = overview_queryset(organisation, filters, today)
    paginator = CountedPaginator(queryset, per_page or settings.GEVINST_PAGE_SIZE,
                                 count_queryset=count_query(queryset))
    page = paginator.get_page(filters.get("page"))
    page.active = active
    page.sort = sort_key(filters)
    return page


# --------------------------------------------------------------------------- levels

OPEN_FIRST = Case(When(status=Risk.Status.OPEN, then=Value(0)), default=Value(1),
                  output_field=IntegerField())


LEVEL_LIMIT = 200


class Listed(list):
    """Up to ``LEVEL_LIMIT`` risks of a level's register; ``total`` counts them all."""

    total: int = 0

    @property
    def more(self) -> int:
        return self.total - len(self)


def _listed(qs: QuerySet[Risk], limit: int = LEVEL_LIMIT) -> Listed:
    rows = Listed(qs.select_related(*RELATED).only(*LIST_FIELDS)
                  .alias(open_first=OPEN_FIRST)
                  .order_by("open_first", "-residual_score", "number")[:limit + 1])
    if len(rows) > limit:
        del rows[limit:]
        rows.total = qs.order_by().count()
    else:
        rows.total = len(rows)
    return rows


def initiative_register(initiative, limit: int = LEVEL_LIMIT) -> Listed:
    """The risks and opportunities of ``initiative`` (escalated ones too: they keep their
    initiative); open ones first, highest score first; at most ``limit`` (``total`` counts
    all). One query (two when there are more)."""
    return _listed(Risk.objects.filter(organisation_id=initiative.organisation_id,
                                       initiative=initiative), limit)


def programme_register(programme, limit: int = LEVEL_LIMIT) -> tuple[Listed, Listed]:
    """The programme's own register (risks at programme level and risks escalated from its
    initiatives, also those escalated further to the organisation) and the risks of its
    initiatives that stay at initiative level; each at most ``limit`` long. Two queries
    (more when a list is cut)."""
    from gevinst.portfolio.models import Initiative

    org_id = programme.organisation_id
    own = _listed(Risk.objects.filter(organisation_id=org_id, programme=programme)
                  .exclude(level=Risk.Level.INITIATIVE), limit)
    initiatives = Initiative.objects.filter(organisation_id=org_id, programme=programme)
    below = _listed(Risk.objects.filter(organisation_id=org_id, level=Risk.Level.INITIATIVE,
                                        initiative_id__in=initiatives.values("pk")), limit)
    return own, below


# --------------------------------------------------------------------------- options

def filter_options(organisation: Organisation) -> dict[str, list[tuple[int, str]]]:
    """(id, label) pairs for the overview's filters. Two queries."""
    from gevinst.portfolio.models import Programme

    owners = (User.objects.filter(pk__in=Risk.objects.filter(organisation=organisation)
                                  .exclude(owner__isnull=True).values("owner_id"))
              .order_by("full_name", "email").values_list("pk", "full_name", "email"))
    return {
        "owner": [(pk, name or email) for pk, name, email in owners],
        "programme": [(pk, f"{ref} {name}") for pk, ref, name in
                      Programme.objects.filter(organisation=organisation)
                      .order_by("name").values_list("pk", "reference", "name")],
    }


def owner_choices(organisation: Organisation) -> QuerySet[User]:
    """Members of the organisation (a risk owner may be a viewer)."""
    return (User.objects.filter(memberships__organisation=organisation)
            .order_by("full_name", "email").distinct())
