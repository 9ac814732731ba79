"""The organisation's scoring framework (the portfolio office): the criteria with their
weights, use and rubric text, the priority bands, adding and editing a criterion. Changing
the weights, the criteria in use or the bands rescores every idea (the services do it)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from gevinst.core.access import role_required
from gevinst.core.forms import run_service
from gevinst.core.models import Role
from gevinst.ideas import access
from gevinst.ideas.forms.pmo import BandsForm, CriterionForm, EditCriterionForm
from gevinst.ideas.models import Idea
from gevinst.ideas.selectors.framework import framework, get_criterion
from gevinst.ideas.services.framework import (
    do_create_criterion,
    do_update_bands,
    do_update_criterion,
)
from gevinst.ideas.views.review import pmo_tabs


def _posted(request):
    """The submitted data of a POST (even when empty: every box unchecked), else None."""
    return request.POST if request.method == "POST" else None


def _processor(request) -> None:
    if not access.can_process(request.membership):
        raise PermissionDenied


def _rescored(request, saved, organisation) -> None:
    """Tell how many ideas were rescored: the service's count when it gives one, else every
    idea of the organisation (a rescoring recomputes them all)."""
    count = getattr(saved, "rescored", None)
    if count is None:
        count = Idea.objects.filter(organisation=organisation).count()
    messages.info(request, ngettext("%(n)s idea was rescored.", "%(n)s ideas were rescored.",
                                    count) % {"n": count})


@role_required(Role.PMO)
@require_http_methods(["GET", "POST"])
def idea_scoring(request, org_slug):
    """The criteria and the bands form (POST saves the bands)."""
    _processor(request)
    org = request.organisation
    current = framework(org)
    bands = current.settings
    form = BandsForm(_posted(request), initial={
        "high_from": bands.high_from, "medium_from": bands.medium_from,
        "version": bands.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = run_service(form, lambda: do_update_bands(
            actor=request.user, organisation=org, high_from=data["high_from"],
            medium_from=data["medium_from"], expected_version=data["version"]))
        if saved:
            messages.success(request, _("The priority bands are saved."))
            _rescored(request, saved, org)
            return redirect("idea_scoring", org_slug=org.slug)
    return render(request, "ideas/scoring.html", {
        "framework": current, "form": form, "tabs": pmo_tabs(request, "scoring"),
    })


def _criterion_page(request, form, criterion=None):
    return render(request, "ideas/criterion_form.html", {
        "form": form, "criterion": criterion, "tabs": pmo_tabs(request, "scoring")})


@role_required(Role.PMO)
@require_http_methods(["GET", "POST"])
def idea_criterion_create(request, org_slug):
    _processor(request)
    org = request.organisation
    form = CriterionForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        saved = run_service(form, lambda: do_create_criterion(
            actor=request.user, organisation=org, name=data["name"],
            description=data["description"], weight=data["weight"],
            rubric=[data[f"rubric_{n}"] for n in range(1, 6)], order=data["order"]))
        if saved:
            messages.success(request, _("The criterion “%(name)s” is added.")
                             % {"name": saved.label})
            _rescored(request, saved, org)
            return redirect("idea_scoring", org_slug=org.slug)
    return _criterion_page(request, form)


@role_required(Role.PMO)
@require_http_methods(["GET", "POST"])
def idea_criterion_edit(request, org_slug, criterion_id):
    _processor(request)
    org = request.organisation
    criterion = get_criterion(org, criterion_id)
    initial = {name: getattr(criterion, name) for name in (
        "name", "description", "weight", "rubric_1", "rubric_2", "rubric_3", "rubric_4",
        "rubric_5", "order", "active")}
    initial["version"] = criterion.version
    form = EditCriterionForm(_posted(request), criterion=criterion, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        if data.get("order") is None:
            data["order"] = criterion.order
        before = (criterion.weight, criterion.active)
        saved = run_service(form, lambda: do_update_criterion(
            actor=request.user, criterion=criterion, data=data,
            expected_version=form.cleaned_data["version"]))
        if saved:
            messages.success(request, _("The criterion “%(name)s” is saved.")
                             % {"name": saved.label})
            if (saved.weight, saved.active) != before:
                _rescored(request, saved, org)
            return redirect("idea_scoring", org_slug=org.slug)
    return _criterion_page(request, form, criterion)


urlpatterns = [
    path("ideas/scoring/", idea_scoring, name="idea_scoring"),
    path("ideas/scoring/new/", idea_criterion_create, name="idea_criterion_create"),
    path("ideas/scoring/<int:criterion_id>/", idea_criterion_edit, name="idea_criterion_edit"),
]
