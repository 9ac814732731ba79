"""Every write to status reports: create (pre-filled), edit and delete drafts, publish."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gevinst.core.models import User
from gevinst.core.versioning import claim_version
from gevinst.portfolio import periods
from gevinst.portfolio.models import DIMENSIONS, Initiative, StatusReport

RAG_FIELDS = ("overall", *DIMENSIONS)
COMMENT_FIELDS = tuple(f"{d}_comment" for d in DIMENSIONS)
AMOUNT_FIELDS = ("budget", "actual", "forecast")
# What a person may write on a draft (state, author and publication are the service's).
REPORT_FIELDS = (*RAG_FIELDS, "summary", *COMMENT_FIELDS, *AMOUNT_FIELDS)


def published_error() -> ValidationError:
    return ValidationError(
        _("This report is published. A published report is a record of its period and can "
          "no longer be changed or deleted; write the next period's report instead."),
        code="published")


def _check_draft(report: StatusReport) -> None:
    stored = (StatusReport._base_manager.filter(pk=report.pk)
              .values_list("state", flat=True).first())
    if report.is_published or stored == StatusReport.State.PUBLISHED:
        raise published_error()


def _validate(report: StatusReport) -> None:
    errors: dict[str, list[str]] = {}
    for field in AMOUNT_FIELDS:
        value = getattr(report, field)
        if value is not None and value < 0:
            errors.setdefault(field, []).append(_("Give an amount of zero or more."))
    try:
        report.full_clean(exclude=["organisation", "initiative", "author", "published_by",
                                   *errors.keys()], validate_unique=False,
                          validate_constraints=False)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def _apply(report: StatusReport, data: dict) -> None:
    for field, value in data.items():
        if field not in REPORT_FIELDS:
            raise TypeError(f"unknown status report field: {field}")
        if field in RAG_FIELDS + ("summary",) + COMMENT_FIELDS and value is None:
            value = ""
        setattr(report, field, value)


def latest_published_before(initiative: Initiative, period_start: dt.date | None
                            ) -> StatusReport | None:
    qs = StatusReport.objects.filter(organisation_id=initiative.organisation_id,
                                     initiative=initiative,
                                     state=StatusReport.State.PUBLISHED)
    if period_start is not None:
        qs = qs.filter(period_start__lt=period_start)
    return qs.order_by("-period_start").first()


@transaction.atomic
def do_create_report(*, actor: User, initiative: Initiative,
                     period_start: dt.date | None = None, data: dict | None = None
                     ) -> StatusReport:
    """A draft for a period (default: the current one), pre-filled from the latest
    published report before it; ``data`` overrides the pre-filled values."""
    organisation = initiative.organisation
    cadence = organisation.status_report_cadence
    today = timezone.localdate()
    period = periods.period_start(period_start or today, cadence)
    if period > periods.period_start(today, cadence):
        raise ValidationError({"period_start": _(
            "This period has not started yet. Report on the current or an earlier period.")})
    if StatusReport.objects.filter(organisation=organisation, initiative=initiative,
                                   period_start=period).exists():
        raise ValidationError({"period_start": _(
            "There is already a report for %(period)s. Open it instead of writing a new one.")
            % {"period": periods.period_label(period, cadence)}})
    report = StatusReport(organisation=organisation, initiative=initiative,
                          period_start=period, author=actor)
    previous = latest_published_before(initiative, period)
    if previous is not None:
        for field in REPORT_FIELDS:
            setattr(report, field, getattr(previous, field))
    _apply(report, data or {})
    _validate(report)
    report._history_user = actor
    report.save()
    return report


@transaction.atomic
def do_update_report(*, actor: User, report: StatusReport, data: dict,
                     expected_version: int | None) -> StatusReport:
    _check_draft(report)
    _apply(report, data)
    _validate(report)
    claim_version(report, expected_version)
    report._history_user = actor
    report.save()
    return report


def _refresh_initiative_rag(initiative: Initiative) -> None:
    """Initiative.rag/rag_period follow the latest published period (whatever order the
    periods were published in)."""
    latest = (StatusReport.objects.filter(organisation_id=initiative.organisation_id,
                                          initiative=initiative,
                                          state=StatusReport.State.PUBLISHED)
              .order_by("-period_start").values_list("overall", "period_start").first())
    rag, period = latest if latest else ("", None)
    # A plain UPDATE: the initiative's own editors keep their version (no edit conflict).
    Initiative.objects.filter(pk=initiative.pk).update(rag=rag, rag_period=period)
    initiative.rag, initiative.rag_period = rag, period


@transaction.atomic
def do_publish_report(*, actor: User, report: StatusReport, expected_version: int | None,
                      data: dict | None = None) -> StatusReport:
    """Publish a draft (after applying ``data``, if given): it becomes an immutable record."""
    _check_draft(report)
    _apply(report, data or {})
    _validate(report)
    missing = {field: [_("Choose a status (green, amber or red) before publishing.")]
               for field in RAG_FIELDS if not getattr(report, field)}
    if missing:
        raise ValidationError(missing)
    claim_version(report, expected_version)
    report.state = StatusReport.State.PUBLISHED
    report.published_at = timezone.now()
    report.published_by = actor
    report._history_user = actor
    report.save()
    _refresh_initiative_rag(report.initiative)
    return report


@transaction.atomic
def do_delete_report(*, actor: User, report: StatusReport) -> None:
    _check_draft(report)
    report._history_user = actor
    report.delete()


# --- reminders ----------------------------------------------------------------------------

ORG_LANGUAGES = {"NO": "nb", "SE": "sv"}


def organisation_language(organisation) -> str:
    """The language an organisation's emails are written in (people have no language of
    their own yet): its country's, else the site default."""
    from django.conf import settings

    available = {code for code, _name in settings.LANGUAGES}
    language = ORG_LANGUAGES.get(organisation.country, settings.LANGUAGE_CODE)
    return language if language in available else settings.LANGUAGE_CODE


@transaction.atomic
def do_send_reminders(*, actor: User | None, organisation, today: dt.date | None = None,
                      base_url: str = "", dry_run: bool = False) -> list[tuple[User, list]]:
    """Email every manager whose report for the period just finished is due and not
    published: one email each, listing their initiatives; never twice for a period.

    Returns [(manager, initiatives)]. With ``dry_run`` nothing is sent or recorded.
    """
    from django.conf import settings
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.urls import reverse
    from django.utils import translation

    from gevinst.portfolio.models.reports import StatusReminder
    from gevinst.portfolio.selectors.reports import due_reminders

    today = today or timezone.localdate()
    cadence = organisation.status_report_cadence
    period = periods.last_finished_period(today, cadence)
    due = periods.due_date(period, cadence, organisation.status_report_due_day)
    if today < due:
        return []
    plan = list(due_reminders(organisation, period).items())
    if dry_run:
        return plan
    language = organisation_language(organisation)
    messages = []
    for manager, initiatives in plan:
        StatusReminder.objects.bulk_create([
            StatusReminder(organisation=organisation, initiative=i, period_start=period,
                           recipient=manager) for i in initiatives])
        with translation.override(language):
            items = [{"reference": i.reference, "title": i.title,
                      "link": base_url + reverse("initiative_status", kwargs={
                          "org_slug": organisation.slug, "reference": i.reference})}
                     for i in initiatives]
            label = periods.period_label(period, cadence)
            context = {"organisation": organisation, "manager": manager, "period": label,
                       "due": due, "items": items,
                       "overview": base_url + reverse("status_reports",
                                                      kwargs={"org_slug": organisation.slug})}
            messages.append((
                settings.ACCOUNT_EMAIL_SUBJECT_PREFIX
                + _("Status report for %(period)s is due") % {"period": label},
                render_to_string("portfolio/email/status_reminder.txt", context),
                manager.email,
            ))

    for subject, body, email in messages:
        # One callback per manager, robust: a refused address does not stop the others.
        transaction.on_commit(
            lambda s=subject, b=body, e=email: send_mail(subject=s, message=b, from_email=None,
                                                         recipient_list=[e]),
            robust=True)
    return plan
