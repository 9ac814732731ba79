"""One idea as its page shows it: the idea (404 when missing or hidden from the reader), its
affected units, official answers, comments with their replies, attachments, reviewers, and
whether the reader supports and follows it. A fixed number of queries however many
comments, supports and attachments the idea has."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from gevinst.core.models import Organisation, Unit, User
from gevinst.ideas import access
from gevinst.ideas.models import (
    Idea,
    IdeaAnswer,
    IdeaAttachment,
    IdeaComment,
    IdeaFollower,
    IdeaSupport,
)

REFERENCE_MAX = 20


def get_idea(organisation: Organisation, reference: str, membership) -> Idea:
    """The organisation's idea with ``reference`` (IDE-0001), looked up inside the
    organisation; 404 when there is none or when it is hidden from ``membership``
    (``access.can_see_idea``). One query."""
    reference = str(reference or "").strip().upper()[:REFERENCE_MAX]
    idea = (Idea.objects.filter(organisation=organisation, reference=reference)
            .select_related("author", "unit", "answered_by", "duplicate_of", "hidden_by",
                            "initiative", "initiative__phase")
            .first())
    if idea is None or not access.can_see_idea(membership, idea):
        raise Http404
    return idea


def get_comment(idea: Idea, comment_id) -> IdeaComment:
    """The comment ``comment_id`` of ``idea``, else 404. One query."""
    comment_id = str(comment_id or "").strip()
    if not comment_id.isdigit() or len(comment_id) > 12:
        raise Http404
    comment = (IdeaComment.objects.filter(organisation_id=idea.organisation_id, idea=idea,
                                          pk=int(comment_id))
               .select_related("author").first())
    if comment is None:
        raise Http404
    return comment


def get_attachment(idea: Idea, attachment_id: int) -> IdeaAttachment:
    """The attachment ``attachment_id`` of ``idea`` (of the same organisation), else 404."""
    attachment = (IdeaAttachment.objects.filter(organisation_id=idea.organisation_id,
                                                idea=idea, pk=attachment_id)
                  .select_related("uploaded_by").first())
    if attachment is None:
        raise Http404
    return attachment


@dataclass
class IdeaPage:
    """What the idea page shows besides the idea itself.

    ``comments`` are the top-level comments, oldest first, each with ``thread`` (its
    replies, oldest first) and ``readable`` (False when hidden by a moderator and the
    reader is neither its author nor a moderator)."""

    idea: Idea
    units: list[Unit]
    answers: list[IdeaAnswer]
    comments: list[IdeaComment]
    attachments: list[IdeaAttachment]
    reviewers: list[User]
    supported: bool
    following: bool
    duplicate_of_visible: bool = False
    comment_total: int = 0


def idea_page(organisation: Organisation, idea: Idea, membership) -> IdeaPage:
    """Everything of the idea page but the idea (see ``IdeaPage``). Seven queries. Sets
    ``idea.reviewer_ids`` (for ``access.is_reviewer`` and ``access.can_score``)."""
    org_id = organisation.pk
    user_id = membership.user_id if membership is not None else None
    moderator = access.can_moderate(membership)

    units = list(idea.units.order_by("name").only("id", "name"))
    answers = list(IdeaAnswer.objects.filter(organisation_id=org_id, idea=idea)
                   .select_related("answered_by", "duplicate_of")
                   .order_by("-answered_at", "-id"))
    rows = list(IdeaComment.objects.filter(organisation_id=org_id, idea=idea)
                .select_related("author").order_by("created_at", "id"))
    by_id = {c.pk: c for c in rows}
    comments: list[IdeaComment] = []
    for c in rows:
        c.thread = []
        c.readable = not c.hidden or moderator or c.author_id == user_id
    for c in rows:
        parent = by_id.get(c.parent_id) if c.parent_id else None
        if parent is None:
            comments.append(c)
        else:
            while parent.parent_id and parent.parent_id in by_id:  # a reply to a reply
                parent = by_id[parent.parent_id]
            parent.thread.append(c)
    attachments = list(IdeaAttachment.objects.filter(organisation_id=org_id, idea=idea)
                       .select_related("uploaded_by").order_by("id"))
    reviewers = list(idea.reviewers.order_by("full_name", "email")
                     .only("id", "full_name", "email"))
    idea.reviewer_ids = {r.pk for r in reviewers}
    supported = following = False
    if user_id is not None:
        supported = IdeaSupport.objects.filter(organisation_id=org_id, idea=idea,
                                               user_id=user_id).exists()
        following = IdeaFollower.objects.filter(organisation_id=org_id, idea=idea,
                                                user_id=user_id).exists()
    duplicate = idea.duplicate_of if idea.duplicate_of_id else None
    return IdeaPage(
        idea=idea, units=units, answers=answers, comments=comments,
        attachments=attachments, reviewers=reviewers, supported=supported,
        following=following,
        duplicate_of_visible=duplicate is not None and access.can_see_idea(membership,
                                                                            duplicate),
        comment_total=len(rows))
