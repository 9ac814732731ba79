"""Submitting an idea (every member) with the similar ideas shown while the title and the
problem are typed, and editing an idea (the author before the first answer, the portfolio
office until it is accepted).

Similar ideas come two ways: htmx asks ``idea_similar`` for the list as the person types,
and without JavaScript the "Check for similar ideas" button (``name=check``) posts the
form, which comes back with the list and everything typed kept."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from gevinst.core.access import role_required
from gevinst.core.forms import run_service
from gevinst.core.models import Role
from gevinst.ideas import access
from gevinst.ideas.forms.staff import EditIdeaForm, SubmitIdeaForm
from gevinst.ideas.selectors.detail import get_idea
from gevinst.ideas.services.ideas import do_submit_idea, do_update_idea
from gevinst.ideas.similarity import similar_ideas

# Below this many letters of title + problem, similar ideas are not looked up.
SIMILAR_MIN_CHARS = 8
TEXT_FIELDS = ("title", "problem", "proposal", "expected_benefit")


def similar_for(org, title: str, problem: str, exclude_id: int | None = None):
    """The similar ideas of a text as typed, or None when there is too little text."""
    text = f"{title or ''} {problem or ''}".strip()
    if len(text) < SIMILAR_MIN_CHARS:
        return None
    return similar_ideas(org, text, exclude_id=exclude_id, limit=5)


def _similar_url(org) -> str:
    return reverse("idea_similar", kwargs={"org_slug": org.slug})


@role_required(Role.EMPLOYEE)
@require_http_methods(["GET", "POST"])
def idea_submit(request, org_slug):
    org = request.organisation
    similar = None
    data = request.POST
    if request.method == "POST" and "check" in data:
        # Only look for similar ideas: nothing is validated or saved yet.
        initial = {name: data.get(name, "") for name in TEXT_FIELDS}
        initial["units"] = data.getlist("units")
        form = SubmitIdeaForm(initial=initial, organisation=org,
                              similar_url=_similar_url(org))
        similar = similar_for(org, data.get("title"), data.get("problem"))
    else:
        form = SubmitIdeaForm(data or None, request.FILES or None, organisation=org,
                              similar_url=_similar_url(org))
        if request.method == "POST":
            if form.is_valid():
                idea = run_service(form, lambda: do_submit_idea(
                    actor=request.user, organisation=org,
                    attachments=form.cleaned_data.get("attachments") or (),
                    **form.service_data()))
                if idea:
                    messages.success(request, _(
                        "Thank you! Your idea %(ref)s is submitted. You will get an email "
                        "when it is answered.") % {"ref": idea.reference})
                    return redirect("idea_detail", org_slug=org.slug, idea=idea.reference)
            similar = similar_for(org, data.get("title"), data.get("problem"))
    return render(request, "ideas/submit.html", {
        "form": form, "similar": similar,
        "files_dropped": request.method == "POST" and bool(request.FILES),
    })


@role_required(Role.EMPLOYEE)
@require_GET
def idea_similar(request, org_slug):
    """The similar ideas of ``?title=&problem=`` (``exclude=<id>`` leaves one idea out): for
    htmx the list that the submission form shows in its live region, else a page of its
    own."""
    exclude = request.GET.get("exclude", "")
    exclude_id = int(exclude) if exclude.isdigit() and len(exclude) < 12 else None
    similar = similar_for(request.organisation, request.GET.get("title", "")[:500],
                          request.GET.get("problem", "")[:2000], exclude_id)
    template = "ideas/_similar.html" if request.htmx else "ideas/staff_similar_page.html"
    return render(request, template, {"similar": similar})


@role_required(Role.EMPLOYEE)
@require_http_methods(["GET", "POST"])
def idea_edit(request, org_slug, idea):
    org = request.organisation
    obj = get_idea(org, idea, request.membership)
    if not access.can_edit_idea(request.membership, obj):
        raise PermissionDenied
    initial = {name: getattr(obj, name) for name in TEXT_FIELDS}
    initial.update(units=list(obj.units.all()), version=obj.version)
    form = EditIdeaForm(request.POST or None, organisation=org, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = run_service(form, lambda: do_update_idea(
            actor=request.user, idea=obj, data=form.service_data(),
            expected_version=form.cleaned_data["version"]))
        if saved:
            messages.success(request, _("%(ref)s saved.") % {"ref": saved.reference})
            return redirect("idea_detail", org_slug=org.slug, idea=saved.reference)
    current = None
    if getattr(form, "edit_conflict", False):
        current = get_idea(org, idea, request.membership)
    return render(request, "ideas/edit.html", {"form": form, "idea": obj, "current": current})


urlpatterns = [
    path("ideas/new/", idea_submit, name="idea_submit"),
    path("ideas/similar/", idea_similar, name="idea_similar"),
    path("ideas/<str:idea>/edit/", idea_edit, name="idea_edit"),
]
