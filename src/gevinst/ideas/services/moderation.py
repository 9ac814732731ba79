"""Moderation: the portfolio office (PMO and administrators) hides an idea or a comment
with a reason, unhides it, and dismisses abuse reports.

A hidden idea is seen only by its author (with the reason) and the moderators; a hidden
comment shows its author and the moderators the reason, everyone else that a comment was
hidden. Hiding resolves the open reports of what was hidden (outcome "hidden") and emails
its author the reason. ``Idea.comment_count`` counts visible comments only.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gevinst.core.aggregates import mark_changed
from gevinst.core.models import User
from gevinst.ideas import access, notifications
from gevinst.ideas.models import AbuseReport, Idea, IdeaComment
from gevinst.ideas.services.ideas import clean_text, membership_of, save_idea, tracked
from gevinst.ideas.signals import TOPIC

REASON_MAX = 2_000
HIDE_FIELDS = ["hidden", "hidden_reason", "hidden_by", "hidden_at"]


def _moderator(actor: User, organisation_id: int) -> None:
    if not access.can_moderate(membership_of(organisation_id, actor)):
        raise PermissionDenied(_("Only the portfolio office moderates ideas and comments."))


def _reason(reason: str) -> str:
    errors: dict[str, list[str]] = {}
    reason = clean_text(reason, "reason", errors, required=True, max_length=REASON_MAX,
                        missing=_("Give the reason for hiding it: the author will see it."))
    if errors:
        raise ValidationError(errors)
    return reason


def _resolve(reports, actor: User, outcome: str) -> int:
    return reports.filter(resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=actor, outcome=outcome)


@transaction.atomic
def do_hide_idea(*, actor: User, idea: Idea, reason: str, base_url: str | None = None
                 ) -> Idea:
    """Hide an idea with a reason (shown to and emailed to its author)."""
    _moderator(actor, idea.organisation_id)
    reason = _reason(reason)
    if idea.hidden:
        raise ValidationError({"reason": _("This idea is hidden already.")})
    idea.hidden, idea.hidden_reason = True, reason
    idea.hidden_by, idea.hidden_at = actor, timezone.now()
    save_idea(idea, actor, HIDE_FIELDS)
    _resolve(AbuseReport.objects.filter(organisation_id=idea.organisation_id, idea=idea,
                                        comment__isnull=True), actor,
             AbuseReport.Outcome.HIDDEN)
    notifications.send_hidden(idea, actor=actor, reason=reason, base_url=base_url)
    return idea


@transaction.atomic
def do_unhide_idea(*, actor: User, idea: Idea) -> Idea:
    _moderator(actor, idea.organisation_id)
    if not idea.hidden:
        raise ValidationError(_("This idea is not hidden."), code="not_hidden")
    idea.hidden, idea.hidden_reason, idea.hidden_by, idea.hidden_at = False, "", None, None
    save_idea(idea, actor, HIDE_FIELDS)
    return idea


@transaction.atomic
def do_hide_comment(*, actor: User, comment: IdeaComment, reason: str,
                    base_url: str | None = None) -> IdeaComment:
    """Hide a comment with a reason (shown to and emailed to its author)."""
    _moderator(actor, comment.organisation_id)
    reason = _reason(reason)
    if comment.hidden:
        raise ValidationError({"reason": _("This comment is hidden already.")})
    comment.hidden, comment.hidden_reason = True, reason
    comment.hidden_by, comment.hidden_at = actor, timezone.now()
    tracked(comment, actor).save(update_fields=[*HIDE_FIELDS, "updated_at"])
    Idea.objects.filter(pk=comment.idea_id).update(comment_count=F("comment_count") - 1)
    _resolve(AbuseReport.objects.filter(organisation_id=comment.organisation_id,
                                        comment=comment), actor, AbuseReport.Outcome.HIDDEN)
    notifications.send_hidden(comment.idea, actor=actor, reason=reason, comment=comment,
                              base_url=base_url)
    return comment


@transaction.atomic
def do_unhide_comment(*, actor: User, comment: IdeaComment) -> IdeaComment:
    _moderator(actor, comment.organisation_id)
    if not comment.hidden:
        raise ValidationError(_("This comment is not hidden."), code="not_hidden")
    comment.hidden, comment.hidden_reason = False, ""
    comment.hidden_by, comment.hidden_at = None, None
    tracked(comment, actor).save(update_fields=[*HIDE_FIELDS, "updated_at"])
    Idea.objects.filter(pk=comment.idea_id).update(comment_count=F("comment_count") + 1)
    return comment


@transaction.atomic
def do_dismiss_report(*, actor: User, report: AbuseReport) -> AbuseReport:
    """Close a report without hiding anything."""
    _moderator(actor, report.organisation_id)
    if report.resolved_at is not None:
        raise ValidationError(_("This report is handled already."), code="resolved")
    if not _resolve(AbuseReport.objects.filter(pk=report.pk), actor,
                    AbuseReport.Outcome.DISMISSED):
        raise ValidationError(_("This report is handled already."), code="resolved")
    mark_changed(report.organisation_id, TOPIC)
    report.refresh_from_db(fields=["resolved_at", "resolved_by", "outcome"])
    return report
