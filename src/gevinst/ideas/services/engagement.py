"""What every member does with an idea: support it (once), follow it, comment and reply,
report abuse.

Supporting or commenting makes you a follower (you may unfollow; the author always follows).
``Idea.support_count`` and ``Idea.comment_count`` (visible comments) are kept here with F()
updates, so that concurrent supports never lose a count.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from gevinst.core.models import User
from gevinst.ideas import access
from gevinst.ideas.models import AbuseReport, Idea, IdeaComment, IdeaFollower, IdeaSupport
from gevinst.ideas.services.ideas import clean_text, ensure_follower, membership_of, tracked

COMMENT_MAX = 5_000
REASON_MAX = 2_000


def _member(actor: User, idea: Idea):
    """The actor's membership, refused unless they may use ideas and see this one."""
    membership = membership_of(idea.organisation_id, actor)
    if not access.can_use_ideas(membership) or not access.can_see_idea(membership, idea):
        raise PermissionDenied(_("You cannot see this idea."))
    return membership


def _count(idea: Idea, field: str, delta: int) -> None:
    """Add ``delta`` to a counter of the idea in one UPDATE; refresh the instance's value."""
    Idea.objects.filter(pk=idea.pk).update(**{field: F(field) + delta})
    setattr(idea, field, Idea.objects.filter(pk=idea.pk).values_list(field, flat=True)
            .first())


@transaction.atomic
def do_support(*, actor: User, idea: Idea) -> IdeaSupport:
    """Support an idea: once per person, never your own idea, never a hidden idea."""
    _member(actor, idea)
    if idea.hidden:
        raise ValidationError(_("This idea is hidden by a moderator and cannot be "
                                "supported."), code="hidden")
    if idea.author_id == actor.pk:
        raise ValidationError(_("You cannot support your own idea."), code="own_idea")
    if IdeaSupport.objects.filter(organisation_id=idea.organisation_id, idea=idea,
                                  user=actor).exists():
        raise ValidationError(_("You already support this idea."), code="already")
    try:
        with transaction.atomic():
            support = IdeaSupport.objects.create(organisation_id=idea.organisation_id,
                                                 idea=idea, user=actor)
    except IntegrityError:  # the same person's second request at the same moment
        raise ValidationError(_("You already support this idea."), code="already") from None
    _count(idea, "support_count", +1)
    ensure_follower(idea, actor)
    return support


@transaction.atomic
def do_withdraw_support(*, actor: User, idea: Idea) -> None:
    """Withdraw your support (nothing happens when you did not support the idea). You keep
    following the idea until you unfollow it."""
    _member(actor, idea)
    deleted, _rows = IdeaSupport.objects.filter(organisation_id=idea.organisation_id,
                                                idea=idea, user=actor).delete()
    if deleted:
        _count(idea, "support_count", -1)


@transaction.atomic
def do_follow(*, actor: User, idea: Idea) -> None:
    """Follow an idea: get its official answers by email (idempotent)."""
    _member(actor, idea)
    ensure_follower(idea, actor)


@transaction.atomic
def do_unfollow(*, actor: User, idea: Idea) -> None:
    """Stop following an idea (idempotent). The author always follows their idea."""
    _member(actor, idea)
    if idea.author_id == actor.pk:
        raise ValidationError(_("You submitted this idea, so you always get its answers."),
                              code="author")
    IdeaFollower.objects.filter(organisation_id=idea.organisation_id, idea=idea,
                                user=actor).delete()


@transaction.atomic
def do_comment(*, actor: User, idea: Idea, body: str, parent: IdeaComment | None = None
               ) -> IdeaComment:
    """Comment on an idea, or reply to a comment (a reply to a reply joins the top-level
    comment's thread). The writer follows the idea."""
    _member(actor, idea)
    errors: dict[str, list[str]] = {}
    if idea.hidden:
        errors.setdefault("body", []).append(
            _("This idea is hidden by a moderator and takes no new comments."))
    body = clean_text(body, "body", errors, required=True, max_length=COMMENT_MAX,
                      missing=_("Write a comment."))
    if parent is not None:
        if parent.idea_id != idea.pk:
            errors.setdefault("parent", []).append(_("Reply to a comment on this idea."))
        elif parent.parent_id is not None:
            parent = IdeaComment.objects.get(organisation_id=idea.organisation_id,
                                             pk=parent.parent_id)
        if parent.hidden and "parent" not in errors:
            errors.setdefault("parent", []).append(
                _("This comment is hidden by a moderator and takes no replies."))
    if errors:
        raise ValidationError(errors)
    comment = IdeaComment(organisation_id=idea.organisation_id, idea=idea, parent=parent,
                          author=actor, body=body)
    tracked(comment, actor).save()
    _count(idea, "comment_count", +1)
    ensure_follower(idea, actor)
    return comment


@transaction.atomic
def do_report_abuse(*, actor: User, idea: Idea, reason: str,
                    comment: IdeaComment | None = None) -> AbuseReport:
    """Report an idea, or a comment on it, to the moderators: one open report per person
    and target."""
    _member(actor, idea)
    errors: dict[str, list[str]] = {}
    reason = clean_text(reason, "reason", errors, required=True, max_length=REASON_MAX,
                        missing=_("Say what is wrong, so that a moderator can judge it."))
    if comment is not None and comment.idea_id != idea.pk:
        errors.setdefault("comment", []).append(_("Report a comment on this idea."))
    if errors:
        raise ValidationError(errors)
    target_hidden = comment.hidden if comment is not None else idea.hidden
    if target_hidden:
        raise ValidationError({"reason": _("A moderator has hidden it already.")})
    if AbuseReport.objects.filter(organisation_id=idea.organisation_id, idea=idea,
                                  comment=comment, reporter=actor,
                                  resolved_at__isnull=True).exists():
        message = (_("You have reported this comment already; a moderator will look at it.")
                   if comment is not None else
                   _("You have reported this idea already; a moderator will look at it."))
        raise ValidationError({"reason": message})
    return AbuseReport.objects.create(organisation_id=idea.organisation_id, idea=idea,
                                      comment=comment, reporter=actor, reason=reason)
