"""Answering a survey through the personal link ``/survey/<token>/`` (outside /o/: the
secret is the key; an anonymous respondent needs no account). In a signed-in campaign the
link asks the invited member to sign in first."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from gevinst.maturity.forms import SurveyForm
from gevinst.maturity.modeldata import localized
from gevinst.maturity.services import responses


def _invalid(request):
    return render(request, "maturity/respond_invalid.html", status=404)


@never_cache
@require_http_methods(["GET", "POST"])
def respond(request, token):
    invitation = responses.find_invitation(token)
    if invitation is None or invitation.campaign.status == "draft":
        return _invalid(request)
    campaign = invitation.campaign
    context = {"campaign": campaign, "survey_org": invitation.organisation,
               "model_name": localized(campaign.model_version.content.get("name"))}
    if campaign.mode == campaign.Mode.SIGNED_IN:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if invitation.user_id != request.user.pk:
            return render(request, "maturity/respond_other_user.html", status=403)
    if invitation.completed:
        return render(request, "maturity/respond_done.html", context)
    if not responses.accepting(campaign):
        return render(request, "maturity/respond_closed.html", context)
    draft = responses.draft_for(invitation, token)
    content = campaign.model_version.content
    form = SurveyForm(content, request.POST or None,
                      initial_answers=draft.answers if draft else None,
                      sending="save" not in request.POST)
    saved, answers = False, {}
    # The save the page shows (hidden in the form), so that a later save from another
    # window is told rather than overwritten; a page sent back with errors keeps its own.
    posted = _posted_version(request) if request.method == "POST" else None
    version = posted if posted is not None else draft.version if draft else 0
    if request.method == "POST" and form.is_valid():
        answers = form.answers()
        send = "send" in request.POST
        if not form.errors:
            try:
                response = responses.do_save_answers(
                    invitation=invitation, token=token, answers=answers, send=send,
                    expected_version=posted)
            except ValidationError as exc:
                if getattr(exc, "code", None) == "conflict":
                    # The page now carries the latest save: saving or sending again keeps
                    # the answers on it, knowingly.
                    latest = responses.draft_for(invitation, token)
                    version = latest.version if latest else 0
                if hasattr(exc, "error_dict"):
                    for key, messages in exc.message_dict.items():
                        for message in messages:
                            form.add_error(key if key in form.fields else None, message)
                else:
                    form.add_error(None, exc.messages)
            else:
                if send:
                    return render(request, "maturity/respond_done.html",
                                  {**context, "just_sent": True})
                saved, version = True, response.version
                form = SurveyForm(content, initial_answers=answers)
    answered = len(answers) if saved else len(draft.answers) if draft else 0
    return render(request, "maturity/respond.html", {
        **context, "form": form, "sections": form.bound_sections(), "saved": saved,
        "answered": answered, "questions": len(form.fields), "version": version},
        status=400 if form.errors else 200)


def _posted_version(request) -> int | None:
    """The save the page showed; None (no check) from a page without one."""
    try:
        return int(request.POST["version"])
    except (KeyError, ValueError):
        return None


urlpatterns = [path("survey/<str:token>/", respond, name="maturity_respond")]
