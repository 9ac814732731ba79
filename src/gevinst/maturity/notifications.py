"""The emails of a maturity assessment: the invitation to answer and the reminder, one per
invitee, with the personal link. Rendered in the writer's transaction, in the organisation's
language, plain text with an HTML alternative (templates/maturity/email/), sent when the
transaction commits (a refused address does not stop the others)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from gevinst.ideas.notifications import _language, default_base_url


def survey_link(token: str, base_url: str | None = None) -> str:
    base = default_base_url() if base_url is None else base_url.rstrip("/")
    return base + reverse("maturity_respond", kwargs={"token": token})


def send_invitations(campaign, invitations, *, reminder: bool = False,
                     base_url: str | None = None) -> list[str]:
    """Email each of ``invitations`` its personal link (the first time or as a reminder).
    Returns the addresses (sent when the transaction commits)."""
    organisation = campaign.organisation
    language = _language(organisation)
    messages = []
    with translation.override(language):
        context = {"organisation": organisation, "campaign": campaign, "reminder": reminder,
                   "closes": date_format(campaign.closes_on, "DATE_FORMAT"),
                   "signed_in": campaign.mode == campaign.Mode.SIGNED_IN,
                   "language": language}
        if reminder:
            subject = _("Reminder: %(title)s") % {"title": campaign.title}
        else:
            subject = _("%(org)s asks for your view: %(title)s") % {
                "org": organisation.name, "title": campaign.title}
        for invitation in invitations:
            here = {**context, "link": survey_link(invitation.token, base_url)}
            message = EmailMultiAlternatives(
                subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
                body=render_to_string("maturity/email/invitation.txt", here),
                to=[invitation.email], headers={"Content-Language": language})
            message.attach_alternative(render_to_string("maturity/email/invitation.html",
                                                        here), "text/html")
            messages.append(message)
    for message in messages:
        transaction.on_commit(lambda m=message: m.send(), robust=True)
    return [m.to[0] for m in messages]
