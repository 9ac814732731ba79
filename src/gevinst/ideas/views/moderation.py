"""Moderation by the portfolio office: the open abuse reports (hide what was reported, with a
reason, or dismiss the report) and what is hidden now (unhide it); hiding and unhiding an
idea or a comment (a form page with the reason field when opened, POST to act)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gevinst.core.access import role_required
from gevinst.core.forms import run_service
from gevinst.core.models import Role
from gevinst.ideas import access
from gevinst.ideas.forms.pmo import HideForm
from gevinst.ideas.models import AbuseReport
from gevinst.ideas.selectors.detail import get_comment, get_idea
from gevinst.ideas.selectors.moderation import hidden_items, open_reports
from gevinst.ideas.services.moderation import (
    do_dismiss_report,
    do_hide_comment,
    do_hide_idea,
    do_unhide_comment,
    do_unhide_idea,
)
from gevinst.ideas.views.review import pmo_tabs


def _moderator(request) -> None:
    if not access.can_moderate(request.membership):
        raise PermissionDenied


def _base_url(request) -> str:
    return request.build_absolute_uri("/")[:-1]


def _next(request, default: str) -> str:
    """Where to go after acting: the page the form came from (this site only), else
    ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return default


def _refusal(exc: ValidationError) -> str:
    return " ".join(str(m) for m in exc.messages)


@role_required(Role.PMO)
@require_GET
def idea_moderation(request, org_slug):
    _moderator(request)
    org = request.organisation
    return render(request, "ideas/moderation.html", {
        "reports": open_reports(org), "hidden": hidden_items(org),
        "tabs": pmo_tabs(request, "moderation"), "hide_form": HideForm(),
        "here": request.get_full_path(),
    })


@role_required(Role.PMO)
@require_POST
def idea_abuse_dismiss(request, org_slug, abuse_id):
    _moderator(request)
    org = request.organisation
    report = get_object_or_404(AbuseReport.objects.select_related("idea"), organisation=org,
                               pk=abuse_id)
    try:
        do_dismiss_report(actor=request.user, report=report)
    except ValidationError as exc:
        messages.error(request, _refusal(exc))
    else:
        messages.success(request, _("The report on %(ref)s is dismissed; nothing was hidden.")
                         % {"ref": report.idea.reference})
    return redirect(_next(request, reverse("idea_moderation", kwargs={"org_slug": org.slug})))


def _hide_page(request, *, idea, form, comment=None, status=200):
    return render(request, "ideas/hide.html", {
        "idea": idea, "comment": comment, "form": form,
        "target_hidden": (comment or idea).hidden,
        "next": _next(request, ""),
    }, status=status)


def _hide_or_unhide(request, *, idea, comment=None):
    """GET: the form page; POST action=hide (with a reason) or action=unhide."""
    org = request.organisation
    detail = reverse("idea_detail", kwargs={"org_slug": org.slug, "idea": idea.reference})
    done_url = _next(request, detail + (f"#comment-{comment.pk}" if comment else ""))
    if request.method != "POST":
        return _hide_page(request, idea=idea, comment=comment, form=HideForm())
    if request.POST.get("action") == "unhide":
        try:
            if comment is not None:
                do_unhide_comment(actor=request.user, comment=comment)
            else:
                do_unhide_idea(actor=request.user, idea=idea)
        except ValidationError as exc:
            messages.error(request, _refusal(exc))
            return redirect(done_url)
        text = (_("The comment on %(ref)s is shown again to everyone.") if comment is not None
                else _("%(ref)s is shown again to everyone."))
        messages.success(request, text % {"ref": idea.reference})
        return redirect(done_url)
    form = HideForm(request.POST)
    if form.is_valid():
        reason = form.cleaned_data["reason"]
        if comment is not None:
            done = run_service(form, lambda: do_hide_comment(
                actor=request.user, comment=comment, reason=reason,
                base_url=_base_url(request)))
            text = _("The comment on %(ref)s is hidden; its author is told why.")
        else:
            done = run_service(form, lambda: do_hide_idea(
                actor=request.user, idea=idea, reason=reason, base_url=_base_url(request)))
            text = _("%(ref)s is hidden; its author is told why.")
        if done:
            messages.success(request, text % {"ref": idea.reference})
            return redirect(done_url)
    return _hide_page(request, idea=idea, comment=comment, form=form)


@role_required(Role.PMO)
@require_http_methods(["GET", "POST"])
def idea_hide(request, org_slug, idea):
    _moderator(request)
    obj = get_idea(request.organisation, idea, request.membership)
    return _hide_or_unhide(request, idea=obj)


@role_required(Role.PMO)
@require_http_methods(["GET", "POST"])
def idea_comment_hide(request, org_slug, idea, comment_id):
    _moderator(request)
    obj = get_idea(request.organisation, idea, request.membership)
    comment = get_comment(obj, comment_id)
    return _hide_or_unhide(request, idea=obj, comment=comment)


urlpatterns = [
    path("ideas/moderation/", idea_moderation, name="idea_moderation"),
    path("ideas/moderation/<int:abuse_id>/dismiss/", idea_abuse_dismiss,
         name="idea_abuse_dismiss"),
    path("ideas/<str:idea>/hide/", idea_hide, name="idea_hide"),
    path("ideas/<str:idea>/comments/<int:comment_id>/hide/", idea_comment_hide,
         name="idea_comment_hide"),
]
