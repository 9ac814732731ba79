"""The emails of ideas: an official answer (to the author and every follower), a hidden idea
or comment (to its author) and an assignment as reviewer (to the reviewer).

One email per recipient, in the organisation's language, plain text with an HTML
alternative (templates/ideas/email/), each with an absolute link to the idea page. The
messages are rendered in the writer's transaction and sent when it commits (one robust
callback each: a refused address does not stop the others). The actor never emails
themself.

Links are absolute: ``base_url`` (the view passes ``request.build_absolute_uri("/")[:-1]``),
else the ``GEVINST_BASE_URL`` setting or environment variable.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from gevinst.core.models import Membership, User


def default_base_url() -> str:
    return (getattr(settings, "GEVINST_BASE_URL", "")
            or os.environ.get("GEVINST_BASE_URL", "")).rstrip("/")


def idea_link(idea, base_url: str | None = None) -> str:
    base = default_base_url() if base_url is None else base_url.rstrip("/")
    return base + reverse("idea_detail", kwargs={"org_slug": idea.organisation.slug,
                                                 "idea": idea.reference})


def _language(organisation) -> str:
    from gevinst.benefits.services.followup import organisation_language

    return organisation_language(organisation)


def recipients(organisation_id: int, user_ids, *, exclude: User | None = None) -> list[User]:
    """The users among ``user_ids`` who are still members of the organisation, active and
    with an address, without ``exclude`` (the actor), ordered by email."""
    ids = set(user_ids)
    if exclude is not None:
        ids.discard(exclude.pk)
    if not ids:
        return []
    members = Membership.objects.filter(organisation_id=organisation_id, user_id__in=ids,
                                        user__is_active=True).select_related("user")
    return sorted((m.user for m in members if m.user.email), key=lambda u: u.email)


def _message(*, subject: str, template: str, context: dict, to: User,
             language: str) -> EmailMultiAlternatives:
    context = {**context, "person": to, "language": language}
    message = EmailMultiAlternatives(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body=render_to_string(f"ideas/email/{template}.txt", context),
        to=[to.email], headers={"Content-Language": language})
    message.attach_alternative(render_to_string(f"ideas/email/{template}.html", context),
                               "text/html")
    return message


def _send_on_commit(messages: list[EmailMultiAlternatives]) -> None:
    for message in messages:
        transaction.on_commit(lambda m=message: m.send(), robust=True)


def send_answer(idea, answer, *, actor: User | None, base_url: str | None = None) -> list[str]:
    """Email the official answer ``answer`` (an IdeaAnswer) to the author and every follower
    but the answerer (only the author while the idea is hidden by a moderator). Returns the
    addresses (sent when the transaction commits)."""
    from gevinst.ideas.models import IdeaFollower

    organisation = idea.organisation
    ids = set()
    if not idea.hidden:  # a hidden idea is not shown to its followers: only the author hears
        ids = set(IdeaFollower.objects.filter(organisation_id=idea.organisation_id, idea=idea)
                  .values_list("user_id", flat=True))
    ids.add(idea.author_id)  # the author always gets the answers
    people = recipients(idea.organisation_id, ids, exclude=actor)
    language = _language(organisation)
    messages = []
    with translation.override(language):
        link = idea_link(idea, base_url)
        duplicate = None
        if answer.duplicate_of_id:
            original = answer.duplicate_of
            duplicate = {"reference": original.reference, "title": original.title,
                         "link": idea_link(original, base_url)}
        context = {
            "organisation": organisation, "idea": idea, "link": link,
            "status": idea.Status(answer.status).label, "answer": answer.text,
            "answered_by": actor.get_full_name() if actor else "",
            "duplicate": duplicate,
            "initiative": idea.initiative.reference if answer.status == idea.Status.ACCEPTED
            and idea.initiative_id else "",
        }
        subject = _("New answer on %(reference)s: %(status)s") % {
            "reference": idea.reference, "status": context["status"]}
        for person in people:
            messages.append(_message(
                subject=subject, template="answer", to=person, language=language,
                context={**context, "is_author": person.pk == idea.author_id}))
    _send_on_commit(messages)
    return [m.to[0] for m in messages]


def send_hidden(idea, *, actor: User | None, reason: str, comment=None,
                base_url: str | None = None) -> list[str]:
    """Tell the author of a hidden idea (or of ``comment``) that a moderator hid it, and
    why."""
    author_id = comment.author_id if comment is not None else idea.author_id
    people = recipients(idea.organisation_id, [author_id], exclude=actor)
    language = _language(idea.organisation)
    messages = []
    with translation.override(language):
        context = {"organisation": idea.organisation, "idea": idea, "comment": comment,
                   "reason": reason, "link": idea_link(idea, base_url)}
        if comment is not None:
            subject = _("Your comment on %(reference)s was hidden by a moderator") % {
                "reference": idea.reference}
        else:
            subject = _("Your idea %(reference)s was hidden by a moderator") % {
                "reference": idea.reference}
        for person in people:
            messages.append(_message(subject=subject, template="hidden", context=context,
                                     to=person, language=language))
    _send_on_commit(messages)
    return [m.to[0] for m in messages]


def send_reviewer_assigned(idea, reviewers, *, actor: User | None,
                           base_url: str | None = None) -> list[str]:
    """Ask the newly assigned ``reviewers`` to rate the idea."""
    people = recipients(idea.organisation_id, [r.pk for r in reviewers], exclude=actor)
    language = _language(idea.organisation)
    messages = []
    with translation.override(language):
        context = {"organisation": idea.organisation, "idea": idea,
                   "assigned_by": actor.get_full_name() if actor else "",
                   "link": idea_link(idea, base_url)}
        subject = _("You are asked to review %(reference)s") % {"reference": idea.reference}
        for person in people:
            messages.append(_message(subject=subject, template="reviewer", context=context,
                                     to=person, language=language))
    _send_on_commit(messages)
    return [m.to[0] for m in messages]
