"""Reads of programmes: the list and one programme's roll-up of its initiatives."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from gevinst.core.models import Organisation
from gevinst.portfolio.models import RAG, Initiative, Phase, Programme
from gevinst.portfolio.selectors import money


def programmes(organisation: Organisation) -> QuerySet[Programme]:
    """Every programme with the number of its initiatives (active first, then by name)."""
    return (Programme.objects.filter(organisation=organisation)
            .select_related("owner", "manager")
            .annotate(n_initiatives=Count("initiatives"))
            .order_by("-is_active", "name"))


def programme_choices(organisation: Organisation) -> QuerySet[Programme]:
    return Programme.objects.filter(organisation=organisation).order_by("-is_active", "name")


def get_programme(organisation: Organisation, reference: str) -> Programme:
    """The programme ``reference`` (PRG-0001) inside ``organisation``, or 404."""
    programme = (Programme.objects.filter(organisation=organisation,
                                          reference=reference.upper())
                 .select_related("owner", "manager").first())
    if programme is None:
        raise Http404
    return programme


@dataclass
class Rollup:
    initiatives: list[Initiative]
    phases: list[tuple[Phase, int]]
    rag: list[tuple[str, str, int]]  # (value, label, count); value '' = not reported
    money: list[money.YearBlock]


def programme_initiatives(programme: Programme) -> QuerySet[Initiative]:
    return (Initiative.objects.filter(organisation_id=programme.organisation_id,
                                      programme=programme)
            .select_related("phase", "owning_unit").order_by("number"))


def rollup(programme: Programme) -> Rollup:
    """Everything the programme page rolls up, in a fixed number of queries."""
    org = programme.organisation
    members = programme_initiatives(programme)
    initiatives = list(members)
    phase_rows = (Phase.objects.filter(organisation=org).order_by("order")
                  .annotate(n=Count("initiatives", filter=Q(initiatives__programme=programme))))
    rag_counts = {row["rag"]: row["n"] for row in
                  members.order_by().values("rag").annotate(n=Count("id"))}
    rag = [(value, str(label), rag_counts.get(value, 0)) for value, label in RAG.choices]
    rag.append(("", "", rag_counts.get("", 0)))
    ids = Initiative.objects.filter(organisation=org, programme=programme).values("id")
    return Rollup(initiatives=initiatives, phases=[(p, p.n) for p in phase_rows], rag=rag,
                  money=money.portfolio_table(org, ids))
