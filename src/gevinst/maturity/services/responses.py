"""Answering a maturity survey through a personal link (``/survey/<token>/``).

The link's secret finds the invitation (who was asked) and, through a keyed hash, the
respondent's unsent answers (so that they can save and come back). Sending the answers
marks the invitation answered and removes the hash from the response: from then on nothing
leads from the person to their answers, and nothing from the answers to the person.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from gevinst.core.scoping import tenant_scope, unscoped
from gevinst.maturity import calc
from gevinst.maturity.models import Campaign, Invitation, Response

SALT = "gevinst.maturity.response"


def resume_key(token: str) -> str:
    return salted_hmac(SALT, token, algorithm="sha256").hexdigest()


def find_invitation(token: str) -> Invitation | None:
    """The invitation of a personal link (platform code: the secret names the tenant)."""
    if not token or len(token) > 64:
        return None
    with unscoped():
        return (Invitation.objects.select_related("campaign", "campaign__model_version",
                                                  "organisation")
                .filter(token=token).first())


def accepting(campaign: Campaign) -> bool:
    """Whether the survey takes answers now (open, and its closing day not passed)."""
    return (campaign.status == Campaign.Status.OPEN
            and timezone.localdate() <= campaign.closes_on)


def draft_for(invitation: Invitation, token: str) -> Response | None:
    with tenant_scope(invitation.organisation):
        return Response.objects.filter(organisation=invitation.organisation,
                                       campaign_id=invitation.campaign_id,
                                       resume_key=resume_key(token)).first()


def check_answers(content: dict, answers: dict, *, complete: bool) -> dict[str, list[str]]:
    """Problems per question key: an answer the question cannot take; with ``complete``
    also every question not answered."""
    errors: dict[str, list[str]] = {}
    scale = content["practice_scale"]
    for dimension in content["dimensions"]:
        for question in dimension["questions"]:
            answer = answers.get(question["key"])
            try:
                calc.item_score(question, answer, scale)
            except calc.AnswerError:
                errors[question["key"]] = [_("Choose one of the answers given.")]
                continue
            if complete and answer is None:
                errors[question["key"]] = [_("Answer this question before sending.")]
    return errors


def clean_answers(content: dict, answers: dict) -> dict:
    """Only the model's question keys, answered."""
    keys = {q["key"] for d in content["dimensions"] for q in d["questions"]}
    return {k: v for k, v in answers.items() if k in keys and v is not None}


def do_save_answers(*, invitation: Invitation, token: str, answers: dict,
                    send: bool, expected_version: int | None = None) -> Response:
    """Save the respondent's answers (``send``: final, every question answered). Raises
    ValidationError with a message per question, or a general one when the survey no longer
    takes answers, the answers were already sent, or (``expected_version``: the save the
    page showed) they were saved from another window since."""
    content = invitation.campaign.model_version.content
    with tenant_scope(invitation.organisation), transaction.atomic():
        # The campaign is read again under a lock, so that answers sent while an
        # administrator closes the survey are either in before the closing or refused.
        campaign = Campaign.objects.select_for_update().get(pk=invitation.campaign_id)
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.completed:
            raise ValidationError(_("Your answers are already sent. Thank you!"),
                                  code="sent")
        if not accepting(campaign):
            raise ValidationError(_("This survey is closed and takes no more answers."),
                                  code="closed")
        answers = clean_answers(content, answers)
        errors = check_answers(content, answers, complete=send)
        if errors:
            raise ValidationError(errors)
        key = resume_key(token)
        response = Response.objects.filter(organisation=invitation.organisation,
                                           campaign=campaign, resume_key=key).first()
        if response is None:
            response = Response(organisation=invitation.organisation, campaign=campaign,
                                unit_id=locked.unit_id, resume_key=key)
        if expected_version is not None and response.version != expected_version:
            raise ValidationError(
                _("Your answers were saved from another window or browser after this page "
                  "was opened. The answers on this page are kept: check them, then save or "
                  "send again to keep these."), code="conflict")
        response.version += 1
        response.answers = answers
        if send:
            response.submitted = True
            response.resume_key = None
            response.version = 0  # how often it was saved says nothing once it is sent
            Invitation.objects.filter(pk=locked.pk).update(completed=True)
            invitation.completed = True
        response.save()
    return response
