"""The idea page and what every member does there: support (or withdraw it), follow (or
unfollow), comment and reply, report the idea or a comment to the moderators.

A hidden idea is a 404 for everyone but its author (who sees the moderator's reason) and the
moderators (``access.can_see_idea``). The portfolio office's part of the page (answers,
score, reviewers, acceptance, the initiative's public progress) is
``templates/ideas/_processing.html``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gevinst.core.access import role_required
from gevinst.core.forms import run_service
from gevinst.core.models import Role
from gevinst.ideas import access
from gevinst.ideas.forms.staff import AttachmentForm, CommentForm, ReportForm
from gevinst.ideas.models import Idea
from gevinst.ideas.selectors.detail import get_comment, get_idea, idea_page
from gevinst.ideas.services.attachments import MAX_ATTACHMENTS
from gevinst.ideas.services.engagement import (
    do_comment,
    do_follow,
    do_report_abuse,
    do_support,
    do_unfollow,
    do_withdraw_support,
)


def permissions(membership, idea: Idea, user_id: int) -> dict:
    is_author = idea.author_id == user_id
    return {
        "is_author": is_author,
        "can_edit": access.can_edit_idea(membership, idea),
        "can_support": not idea.hidden and not is_author,
        "can_comment": not idea.hidden,
        "can_attach": access.can_process(membership) or is_author,
        "can_process": access.can_process(membership),
        "can_moderate": access.can_moderate(membership),
        "can_read_portfolio": access.can_read_portfolio(membership),
    }


def render_idea(request, idea: Idea, status: int = 200, **bound):
    """The idea page; ``bound`` holds a refused form (with its errors and the input) that
    replaces the empty one: ``comment_form``, ``reply_form`` (with ``reply_to``, the
    comment's id) or ``attachment_form``."""
    org = request.organisation
    membership = request.membership
    page = idea_page(org, idea, membership)
    context = {
        "idea": idea, "page": page,
        "comment_form": CommentForm(auto_id="comment-%s"),
        "reply_form": None, "reply_to": None,
        "attachment_form": AttachmentForm(),
        "max_attachments": MAX_ATTACHMENTS,
        **permissions(membership, idea, request.user.pk),
    }
    context.update(bound)
    context["attachments_full"] = len(page.attachments) >= MAX_ATTACHMENTS
    return render(request, "ideas/detail.html", context, status=status)


def idea_url(request, idea: Idea, anchor: str = "") -> str:
    url = reverse("idea_detail", kwargs={"org_slug": request.organisation.slug,
                                         "idea": idea.reference})
    return f"{url}#{anchor}" if anchor else url


def _messages_of(exc: ValidationError) -> list[str]:
    return list(exc.messages)


@role_required(Role.EMPLOYEE)
@require_GET
def idea_detail(request, org_slug, idea):
    return render_idea(request, get_idea(request.organisation, idea, request.membership))


@role_required(Role.EMPLOYEE)
@require_POST
def idea_support(request, org_slug, idea):
    """``action=support`` (the default) or ``action=withdraw``."""
    obj = get_idea(request.organisation, idea, request.membership)
    withdraw = request.POST.get("action") == "withdraw"
    try:
        if withdraw:
            do_withdraw_support(actor=request.user, idea=obj)
        else:
            do_support(actor=request.user, idea=obj)
    except ValidationError as exc:
        for message in _messages_of(exc):
            messages.error(request, message)
    else:
        messages.success(request, _("Your support is withdrawn.") if withdraw else _(
            "Thank you for your support. You now follow the idea and get its answers by "
            "email."))
    return redirect(idea_url(request, obj, "support"))


@role_required(Role.EMPLOYEE)
@require_POST
def idea_follow(request, org_slug, idea):
    """``action=follow`` (the default) or ``action=unfollow``."""
    obj = get_idea(request.organisation, idea, request.membership)
    unfollow = request.POST.get("action") == "unfollow"
    try:
        if unfollow:
            do_unfollow(actor=request.user, idea=obj)
        else:
            do_follow(actor=request.user, idea=obj)
    except ValidationError as exc:
        for message in _messages_of(exc):
            messages.error(request, message)
    else:
        messages.success(request, _("You no longer follow this idea.") if unfollow else _(
            "You follow this idea: its official answers come to you by email."))
    return redirect(idea_url(request, obj, "support"))


@role_required(Role.EMPLOYEE)
@require_POST
def idea_comment(request, org_slug, idea):
    """A comment, or with ``parent`` a reply to a comment of the idea."""
    obj = get_idea(request.organisation, idea, request.membership)
    form = CommentForm(request.POST, auto_id="comment-%s")
    parent = None
    if request.POST.get("parent"):
        parent = get_comment(obj, request.POST["parent"])
        form = CommentForm(request.POST, auto_id=f"reply-{parent.pk}-%s")
    if form.is_valid():
        saved = run_service(form, lambda: do_comment(
            actor=request.user, idea=obj, body=form.cleaned_data["body"], parent=parent))
        if saved:
            messages.success(request, _("Your reply is published.") if parent else _(
                "Your comment is published."))
            return redirect(idea_url(request, obj, f"comment-{saved.pk}"))
    # Errors on the parent (e.g. hidden meanwhile) are shown with the reply's text.
    if "parent" in form.errors:
        form.add_error("body", form.errors.pop("parent"))
    bound = ({"reply_form": form, "reply_to": parent.pk} if parent is not None
             else {"comment_form": form})
    return render_idea(request, get_idea(request.organisation, idea, request.membership),
                       **bound)


@role_required(Role.EMPLOYEE)
@require_http_methods(["GET", "POST"])
def idea_report(request, org_slug, idea):
    """Report the idea, or with ``?comment=<id>`` one of its comments, to the moderators."""
    obj = get_idea(request.organisation, idea, request.membership)
    comment_id = request.GET.get("comment") or request.POST.get("comment")
    comment = get_comment(obj, comment_id) if comment_id else None
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = run_service(form, lambda: do_report_abuse(
            actor=request.user, idea=obj, reason=form.cleaned_data["reason"],
            comment=comment))
        if saved:
            messages.success(request, _("Thank you. The moderators will look at your "
                                        "report."))
            return redirect(idea_url(request, obj, f"comment-{comment.pk}" if comment else ""))
    readable = comment is not None and (not comment.hidden or access.can_moderate(
        request.membership) or comment.author_id == request.user.pk)
    return render(request, "ideas/report.html", {
        "idea": obj, "comment": comment, "comment_readable": readable, "form": form})


urlpatterns = [
    path("ideas/<str:idea>/", idea_detail, name="idea_detail"),
    path("ideas/<str:idea>/support/", idea_support, name="idea_support"),
    path("ideas/<str:idea>/follow/", idea_follow, name="idea_follow"),
    path("ideas/<str:idea>/comments/", idea_comment, name="idea_comment"),
    path("ideas/<str:idea>/report/", idea_report, name="idea_report"),
]
