"""The portfolio office's work on one idea: the official answer (status and answer, emailed to
the author and the followers), ratings on the scoring criteria (the office and the idea's
reviewers), the reviewers, and acceptance into the portfolio (which creates the initiative).

Each page refuses with the service's messages on the fields they concern and keeps what was
typed. Who may do what is in ideas/access.py."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gevinst.core.access import role_required
from gevinst.core.forms import run_service
from gevinst.core.models import Role
from gevinst.ideas import access
from gevinst.ideas.forms.pmo import AcceptForm, AnswerForm, ReviewersForm, ScoreForm
from gevinst.ideas.models import Idea, IdeaRating, ScoringCriterion
from gevinst.ideas.selectors.detail import get_idea
from gevinst.ideas.selectors.framework import idea_settings
from gevinst.ideas.selectors.review import idea_reviewers
from gevinst.ideas.services.processing import (
    do_accept_idea,
    do_answer_idea,
    do_assign_reviewers,
    do_rate_idea,
)


def _posted(request):
    """The submitted data of a POST (even when empty: every box unchecked), else None."""
    return request.POST if request.method == "POST" else None


def _base_url(request) -> str:
    return request.build_absolute_uri("/")[:-1]


def _idea(request, reference: str) -> Idea:
    return get_idea(request.organisation, reference, request.membership)


def _to_idea(idea: Idea, anchor: str = ""):
    response = redirect("idea_detail", org_slug=idea.organisation.slug, idea=idea.reference)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


# --------------------------------------------------------------------------- answer

def _answer_choices(idea: Idea) -> list[str]:
    """The statuses an answer may give now: an accepted idea can only be done; any other
    idea anything but done (acceptance has its own page)."""
    if idea.status in (Idea.Status.ACCEPTED, Idea.Status.DONE):
        return [Idea.Status.DONE]
    return [Idea.Status.UNDER_REVIEW, Idea.Status.PARKED, Idea.Status.REJECTED,
            Idea.Status.DUPLICATE]


@role_required(Role.PMO)
@require_http_methods(["GET", "POST"])
def idea_answer(request, org_slug, idea):
    obj = _idea(request, idea)
    if not access.can_process(request.membership):
        raise PermissionDenied
    allowed = _answer_choices(obj)
    initial = {"version": obj.version,
               "status": obj.status if obj.status in allowed else allowed[0],
               "duplicate_of": obj.duplicate_of.reference if obj.duplicate_of_id else ""}
    form = AnswerForm(_posted(request), idea=obj, initial=initial)
    form.fields["status"].choices = [c for c in form.fields["status"].choices
                                     if c[0] in allowed]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        answered = run_service(form, lambda: do_answer_idea(
            actor=request.user, idea=obj, status=data["status"], answer=data["answer"],
            duplicate_of=form.duplicate if data["status"] == Idea.Status.DUPLICATE else None,
            expected_version=data["version"], base_url=_base_url(request)))
        if answered:
            messages.success(request, _(
                "%(ref)s is now “%(status)s”. The author and the followers get the answer "
                "by email.") % {"ref": obj.reference, "status": obj.get_status_display()})
            return _to_idea(obj, "processing")
    return render(request, "ideas/answer.html", {"idea": obj, "form": form})


# --------------------------------------------------------------------------- score

@role_required(Role.EMPLOYEE)
@require_http_methods(["GET", "POST"])
def idea_score(request, org_slug, idea):
    obj = _idea(request, idea)
    if not access.can_score(request.membership, obj):
        raise PermissionDenied
    org = request.organisation
    criteria = list(ScoringCriterion.objects.filter(organisation=org, active=True)
                    .order_by("order", "id"))
    ratings = dict(IdeaRating.objects.filter(organisation=org, idea=obj)
                   .values_list("criterion_id", "rating"))
    form = ScoreForm(_posted(request), criteria=criteria, ratings=ratings)
    if request.method == "POST" and form.is_valid():
        saved = run_service(form, lambda: do_rate_idea(actor=request.user, idea=obj,
                                                       ratings=form.ratings()))
        if saved:
            if saved.score is None:
                text = _("The ratings of %(ref)s are saved. It gets a score when every "
                         "criterion is rated.") % {"ref": obj.reference}
            else:
                text = _("The ratings of %(ref)s are saved: score %(score)s, %(band)s "
                         "priority.") % {"ref": obj.reference, "score": saved.score,
                                         "band": saved.get_band_display().lower()}
            messages.success(request, text)
            return redirect("idea_score", org_slug=org.slug, idea=obj.reference)
    return render(request, "ideas/score.html", {
        "idea": obj, "form": form, "criteria": criteria, "settings": idea_settings(org),
        "fields": [(c, form[ScoreForm.name_of(c)]) for c in criteria],
        "can_process": access.can_process(request.membership),
    })


# --------------------------------------------------------------------------- reviewers

@role_required(Role.PMO)
@require_http_methods(["GET", "POST"])
def idea_reviewers_page(request, org_slug, idea):
    obj = _idea(request, idea)
    if not access.can_process(request.membership):
        raise PermissionDenied
    org = request.organisation
    current = idea_reviewers(obj)
    form = ReviewersForm(_posted(request), organisation=org,
                         initial={"reviewers": [u.pk for u in current]})
    if request.method == "POST" and form.is_valid():
        chosen = list(form.cleaned_data["reviewers"])
        saved = run_service(form, lambda: do_assign_reviewers(
            actor=request.user, idea=obj, reviewers=chosen,
            base_url=_base_url(request)) or True)
        if saved:
            if chosen:
                messages.success(request, _("The reviewers of %(ref)s are saved: %(names)s. "
                                            "Newly chosen reviewers get an email.") % {
                    "ref": obj.reference,
                    "names": ", ".join(u.full_name or u.email for u in chosen)})
            else:
                messages.success(request, _("%(ref)s has no reviewers now.")
                                 % {"ref": obj.reference})
            return _to_idea(obj, "processing")
    return render(request, "ideas/reviewers.html", {"idea": obj, "form": form,
                                                    "current": current})


# --------------------------------------------------------------------------- accept

def _default_unit(idea: Idea):
    first = idea.units.order_by("name").first()
    return first if first is not None else idea.unit


@role_required(Role.PMO)
@require_http_methods(["GET", "POST"])
def idea_accept(request, org_slug, idea):
    obj = _idea(request, idea)
    if not access.can_process(request.membership):
        raise PermissionDenied
    org = request.organisation
    form = None
    if obj.initiative_id is None:
        from gevinst.portfolio.models import Phase

        initial = {"version": obj.version,
                   "phase": Phase.objects.filter(organisation=org, key="idea").first(),
                   "owning_unit": _default_unit(obj)}
        form = AcceptForm(_posted(request), organisation=org, initial=initial)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            initiative = run_service(form, lambda: do_accept_idea(
                actor=request.user, idea=obj, answer=data["answer"], phase=data["phase"],
                owner=data["owner"], manager=data["manager"],
                owning_unit=data["owning_unit"], expected_version=data["version"],
                base_url=_base_url(request)))
            if initiative:
                messages.success(request, _(
                    "%(ref)s is accepted into the portfolio as initiative %(ini)s “%(title)s”"
                    ". The author and the followers get the answer by email.") % {
                    "ref": obj.reference, "ini": initiative.reference,
                    "title": initiative.title})
                return _to_idea(obj, "processing")
    elif request.method == "POST":
        messages.error(request, _("This idea is already accepted: it became an initiative."))
        return _to_idea(obj, "processing")
    return render(request, "ideas/accept.html", {
        "idea": obj, "form": form, "units": list(obj.units.order_by("name"))})


urlpatterns = [
    path("ideas/<str:idea>/answer/", idea_answer, name="idea_answer"),
    path("ideas/<str:idea>/score/", idea_score, name="idea_score"),
    path("ideas/<str:idea>/reviewers/", idea_reviewers_page, name="idea_reviewers"),
    path("ideas/<str:idea>/accept/", idea_accept, name="idea_accept"),
]
