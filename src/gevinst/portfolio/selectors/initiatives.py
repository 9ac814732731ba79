"""Every read of the portfolio that a view or the API needs."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from gevinst.core.models import Membership, Organisation, Role, Unit
from gevinst.portfolio.models import Initiative, Phase

SORTS = {
    "reference": ("number",),
    "-reference": ("-number",),
    "title": ("title", "number"),
    "-title": ("-title", "-number"),
    "phase": ("phase__order", "number"),
    "-phase": ("-phase__order", "-number"),
    "status": ("status", "number"),
    "-status": ("-status", "-number"),
    "unit": ("owning_unit__name", "number"),
    "-unit": ("-owning_unit__name", "-number"),
    "start": ("start_date", "number"),
    "-start": ("-start_date", "-number"),
    "end": ("end_date", "number"),
    "-end": ("-end_date", "-number"),
    "updated": ("updated_at", "number"),
    "-updated": ("-updated_at", "-number"),
}
DEFAULT_SORT = "-reference"


@dataclass(frozen=True)
class InitiativeFilter:
    q: str = ""
    phase: str = ""
    status: str = ""
    unit: int | None = None
    ambition: str = ""
    lighthouse: bool | None = None
    sort: str = DEFAULT_SORT


def phases(organisation: Organisation) -> QuerySet[Phase]:
    return Phase.objects.filter(organisation=organisation).order_by("order")


def units(organisation: Organisation) -> QuerySet[Unit]:
    return Unit.objects.filter(organisation=organisation).order_by("name")


def portfolio_people(organisation: Organisation):
    """Members who can own or manage initiatives (everyone but the employee role)."""
    return (Membership.objects.filter(organisation=organisation)
            .exclude(role=Role.EMPLOYEE).select_related("user").order_by("user__full_name"))


def initiatives(organisation: Organisation, f: InitiativeFilter | None = None
                ) -> QuerySet[Initiative]:
    f = f or InitiativeFilter()
    qs = Initiative.objects.filter(organisation=organisation).select_related(
        "phase", "owning_unit", "owner", "manager"
    )
    if f.q.strip():
        qs = qs.filter(search_text__contains=f.q.strip().lower())
    if f.phase:
        qs = qs.filter(phase__key=f.phase)
    if f.status:
        qs = qs.filter(status=f.status)
    if f.unit:
        qs = qs.filter(owning_unit_id=f.unit)
    if f.ambition:
        qs = qs.filter(ambition=f.ambition)
    if f.lighthouse is not None:
        qs = qs.filter(is_lighthouse=f.lighthouse)
    return qs.order_by(*SORTS.get(f.sort, SORTS[DEFAULT_SORT]))


def get_initiative(organisation: Organisation, reference: str) -> Initiative:
    """The initiative ``reference`` inside ``organisation``, or 404."""
    initiative = (
        Initiative.objects.filter(organisation=organisation, reference=reference.upper())
        .select_related("phase", "owning_unit", "owner", "manager").first()
    )
    if initiative is None:
        raise Http404
    return initiative


def phase_counts(organisation: Organisation) -> list[tuple[Phase, int]]:
    rows = phases(organisation).annotate(
        n=Count("initiatives", filter=~Q(initiatives__status=Initiative.Status.STOPPED))
    )
    return [(p, p.n) for p in rows]


def portfolio_summary(organisation: Organisation) -> dict:
    agg = Initiative.objects.filter(organisation=organisation).aggregate(
        total=Count("id"),
        active=Count("id", filter=Q(status=Initiative.Status.ACTIVE)),
        on_hold=Count("id", filter=Q(status=Initiative.Status.ON_HOLD)),
        lighthouse=Count("id", filter=Q(is_lighthouse=True)),
        transform=Count("id", filter=Q(ambition=Initiative.Ambition.TRANSFORM)),
    )
    return agg


def initiative_rows(organisation: Organisation, f: InitiativeFilter | None = None):
    """The initiative list page: plain rows of only the columns it shows (no model objects,
    no long texts, no people), as named tuples."""
    return initiatives(organisation, f).select_related(None).values_list(
        "reference", "title", "is_lighthouse", "phase_id", "status", "start_date",
        "end_date", "owning_unit__name", named=True)


API_FIELDS = ("reference", "number", "title", "problem", "target_state", "ambition",
              "is_lighthouse", "status", "owning_unit_id", "start_date", "end_date",
              "created_at", "updated_at", "version", "phase__key", "owner__id",
              "owner__email", "owner__full_name", "manager__id", "manager__email",
              "manager__full_name")


def initiatives_for_api(organisation: Organisation, f: InitiativeFilter | None = None
                        ) -> QuerySet[Initiative]:
    """What the API shows of each initiative: no unit join, people without their secrets."""
    return (initiatives(organisation, f).select_related(None)
            .select_related("phase", "owner", "manager").only(*API_FIELDS))
