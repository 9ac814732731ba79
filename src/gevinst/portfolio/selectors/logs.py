"""Reads of the log: one initiative's entries and the portfolio-wide lesson search."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from gevinst.core.models import Organisation
from gevinst.portfolio.models import Initiative, LogEntry


def log_entries(initiative: Initiative, kind: str = "") -> QuerySet[LogEntry]:
    qs = (LogEntry.objects.filter(organisation_id=initiative.organisation_id,
                                  initiative=initiative).select_related("author"))
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-occurred_on", "-pk")


def get_log_entry(initiative: Initiative, entry_id: int) -> LogEntry:
    entry = log_entries(initiative).filter(pk=entry_id).first()
    if entry is None:
        raise Http404
    return entry


@dataclass(frozen=True)
class LessonFilter:
    q: str = ""
    kind: str = LogEntry.Kind.LESSON
    unit: int | None = None
    phase: str = ""


def search_log(organisation: Organisation, f: LessonFilter | None = None
               ) -> QuerySet[LogEntry]:
    """Log entries across the portfolio (lessons learned by default), newest first.

    Every word of ``q`` must occur in the title or description (case does not matter).
    """
    f = f or LessonFilter()
    qs = (LogEntry.objects.filter(organisation=organisation)
          .select_related("initiative", "initiative__owning_unit", "initiative__phase"))
    if f.kind:
        qs = qs.filter(kind=f.kind)
    for word in f.q.lower().split()[:10]:
        qs = qs.filter(search_text__contains=word)
    if f.unit:
        qs = qs.filter(initiative__owning_unit_id=f.unit)
    if f.phase:
        qs = qs.filter(initiative__phase__key=f.phase)
    return qs.order_by("-occurred_on", "-pk")
