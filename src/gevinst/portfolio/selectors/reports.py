"""Every read of status reports that a view, the API or the reminder needs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from gevinst.core.models import Organisation, User
from gevinst.portfolio import periods
from gevinst.portfolio.models import DIMENSIONS, RAG, Initiative, Phase, StatusReport
from gevinst.portfolio.models.reports import StatusReminder

TREND_LENGTH = 12
# Initiatives in these phases are not expected to report (not started, or finished).
NON_REPORTING_PHASES = (Phase.Key.IDEA, Phase.Key.CLOSED)


@dataclass
class Dimension:
    key: str
    label: str
    rag: str
    rag_label: str
    comment: str = ""


def dimensions(report: StatusReport) -> list[Dimension]:
    """The six dimensions of a report, in order, with labels and comments."""
    out = []
    for key in DIMENSIONS:
        value = getattr(report, key)
        out.append(Dimension(
            key=key, label=str(StatusReport._meta.get_field(key).verbose_name).capitalize(),
            rag=value, rag_label=str(RAG(value).label) if value else "",
            comment=getattr(report, f"{key}_comment")))
    return out


def dimension_labels() -> list[str]:
    return [str(StatusReport._meta.get_field(k).verbose_name).capitalize() for k in DIMENSIONS]


def reports_of(initiative: Initiative) -> QuerySet[StatusReport]:
    return (StatusReport.objects.filter(organisation_id=initiative.organisation_id,
                                        initiative=initiative)
            .order_by("-period_start"))


def published_reports(initiative: Initiative) -> QuerySet[StatusReport]:
    return reports_of(initiative).filter(state=StatusReport.State.PUBLISHED)


def draft_reports(initiative: Initiative) -> QuerySet[StatusReport]:
    return reports_of(initiative).filter(state=StatusReport.State.DRAFT)


def trend(initiative: Initiative, n: int = TREND_LENGTH) -> list[StatusReport]:
    """The last ``n`` published periods, newest first (drafts never count)."""
    return list(published_reports(initiative)[:n])


def latest_published(initiative: Initiative) -> StatusReport | None:
    return published_reports(initiative).select_related("published_by").first()


def get_report(organisation: Organisation, reference: str, report_id: int) -> StatusReport:
    """Report ``report_id`` of initiative ``reference`` inside ``organisation``, or 404."""
    report = (StatusReport.objects
              .filter(organisation=organisation, pk=report_id,
                      initiative__organisation=organisation,
                      initiative__reference=reference.upper())
              .select_related("initiative", "initiative__phase", "initiative__manager",
                              "initiative__owner", "initiative__owning_unit", "author",
                              "published_by")
              .first())
    if report is None:
        raise Http404
    return report


def open_periods(initiative: Initiative, today: dt.date | None = None, n: int = 4
                 ) -> list[dt.date]:
    """Periods (current and a few before) that have no report yet, newest first."""
    cadence = initiative.organisation.status_report_cadence
    candidates = periods.recent_periods(today or timezone.localdate(), cadence, n)
    taken = set(reports_of(initiative).filter(period_start__in=candidates)
                .values_list("period_start", flat=True))
    return [p for p in candidates if p not in taken]


def default_period(organisation: Organisation, today: dt.date | None = None) -> dt.date:
    """The period people report on now: the one just finished (a period is reported on
    after it ends, by the due day of the month after)."""
    return periods.last_finished_period(today or timezone.localdate(),
                                        organisation.status_report_cadence)


def expected_to_report(organisation: Organisation) -> QuerySet[Initiative]:
    """Active initiatives in phases that report."""
    return (Initiative.objects.filter(organisation=organisation,
                                      status=Initiative.Status.ACTIVE)
            .exclude(phase__key__in=NON_REPORTING_PHASES))


def _published_for(period: dt.date):
    return StatusReport.objects.filter(initiative=OuterRef("pk"), period_start=period,
                                       state=StatusReport.State.PUBLISHED)


def not_reported(organisation: Organisation, period: dt.date) -> QuerySet[Initiative]:
    """Initiatives expected to report that have no published report for ``period``; each
    carries ``has_draft`` (a draft is on its way)."""
    drafts = StatusReport.objects.filter(initiative=OuterRef("pk"), period_start=period,
                                         state=StatusReport.State.DRAFT)
    return (expected_to_report(organisation)
            .filter(~Exists(_published_for(period)))
            .annotate(has_draft=Exists(drafts))
            .select_related("phase", "manager")
            .order_by("number"))


def published_in(organisation: Organisation, period: dt.date) -> QuerySet[StatusReport]:
    return (StatusReport.objects.filter(organisation=organisation, period_start=period,
                                        state=StatusReport.State.PUBLISHED)
            .select_related("initiative", "initiative__manager")
            .order_by("initiative__number"))


@dataclass
class PeriodSummary:
    period: dt.date
    expected: int  # initiatives that should report
    reported_expected: int  # of those, how many published a report
    reported: int  # published reports of the period (any initiative)
    by_rag: dict[str, int] = field(default_factory=dict)

    @property
    def missing(self) -> int:
        return self.expected - self.reported_expected


def period_summary(organisation: Organisation, period: dt.date) -> PeriodSummary:
    """Counts for the portfolio page: how many should report, how many did, by overall RAG."""
    counts = StatusReport.objects.filter(
        organisation=organisation, period_start=period, state=StatusReport.State.PUBLISHED,
    ).aggregate(reported=Count("id"),
                **{rag: Count("id", filter=Q(overall=rag)) for rag in RAG.values})
    expected = expected_to_report(organisation).aggregate(
        n=Count("id"), done=Count("id", filter=Q(Exists(_published_for(period)))))
    return PeriodSummary(period=period, expected=expected["n"], reported=counts["reported"],
                         reported_expected=expected["done"],
                         by_rag={rag: counts[rag] for rag in RAG.values})


# --- reminders ----------------------------------------------------------------------------


def due_reminders(organisation: Organisation, period: dt.date
                  ) -> dict[User, list[Initiative]]:
    """Managers with initiatives not reported for ``period`` and not yet reminded of it."""
    reminded = StatusReminder.objects.filter(initiative=OuterRef("pk"), period_start=period)
    rows = (not_reported(organisation, period)
            .filter(manager__isnull=False, manager__is_active=True)
            .filter(~Exists(reminded)))
    out: dict[User, list[Initiative]] = {}
    for initiative in rows:
        out.setdefault(initiative.manager, []).append(initiative)
    return out
