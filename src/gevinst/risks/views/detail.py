"""One risk's pages: create, the risk's page (all fields, actions, and the forms to review,
accept with a named decision, escalate, close and reopen it), edit, and history.

Who may do what is in risks/access.py: writers and the risk's owner edit; accepting a risk
above appetite is for the portfolio office or the owner of its initiative or programme."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gevinst.core.access import READ_PORTFOLIO, WRITE_PORTFOLIO, role_required
from gevinst.core.forms import run_service
from gevinst.core.history import history_entries
from gevinst.core.versioning import EditConflict
from gevinst.portfolio.selectors.initiatives import get_initiative
from gevinst.portfolio.selectors.programmes import get_programme
from gevinst.risks import access, calc
from gevinst.risks.forms.risks import (
    AcceptForm,
    CloseForm,
    EditRiskForm,
    EscalateForm,
    ReviewForm,
    RiskForm,
)
from gevinst.risks.models import Risk
from gevinst.risks.selectors.risks import get_risk, risk_actions
from gevinst.risks.services import (
    do_accept_risk,
    do_close_risk,
    do_create_risk,
    do_escalate_risk,
    do_reopen_risk,
    do_review_risk,
    do_update_risk,
)
from gevinst.risks.services.risks import threshold_of

UP = {Risk.Level.INITIATIVE: (Risk.Level.PROGRAMME, Risk.Level.ORGANISATION),
      Risk.Level.PROGRAMME: (Risk.Level.ORGANISATION,), Risk.Level.ORGANISATION: ()}


def escalation_levels(risk: Risk) -> tuple[str, ...]:
    """The levels ``risk`` can be escalated to (a programme only when it has one)."""
    if risk.status != Risk.Status.OPEN:
        return ()
    levels = UP[Risk.Level(risk.level)]
    has_programme = risk.programme_id is not None or (
        risk.initiative_id is not None and risk.initiative.programme_id is not None)
    return tuple(level for level in levels
                 if level != Risk.Level.PROGRAMME or has_programme)


def _permissions(request, risk: Risk) -> dict:
    membership = request.membership
    can_edit = access.can_edit_risk(membership, risk)
    return {
        "can_edit": can_edit,
        "can_accept": access.can_accept(membership, risk),
        "can_write": access.can_write(membership),
    }


def _detail(request, risk: Risk, status: int = 200, **bound):
    """The risk's page; ``bound`` holds a submitted form that was refused (its errors and
    input are shown where it was filled in)."""
    perms = _permissions(request, risk)
    version = {"version": risk.version}
    forms = {
        "review_form": ReviewForm(initial=version),
        "accept_form": AcceptForm(initial=version),
        "escalate_form": EscalateForm(initial=version, levels=escalation_levels(risk)),
        "close_form": CloseForm(initial=version),
    }
    forms.update(bound)
    threshold = threshold_of(risk)
    return render(request, "risks/detail.html", {
        "risk": risk, "tab": "overview", "actions": risk_actions(risk),
        "threshold": threshold, "needs_decision": calc.needs_decision(risk),
        "band": calc.band(risk.score), "residual_band": calc.band(risk.residual_score),
        "escalation_levels": escalation_levels(risk),
        "residual_assessed": risk.residual_probability is not None,
        **perms, **forms,
    }, status=status)


@role_required(READ_PORTFOLIO)
@require_GET
def risk_detail(request, org_slug, risk):
    return _detail(request, get_risk(request.organisation, risk))


# --------------------------------------------------------------------------- create, edit

def _form_page(request, form, risk=None, current=None, initiative=None, programme=None):
    return render(request, "risks/form.html", {
        "form": form, "risk": risk, "current": current, "initiative": initiative,
        "programme": programme})


@role_required(WRITE_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def risk_create(request, org_slug):
    """Register a risk or an opportunity; ``?initiative=INI-…`` or ``?programme=PRG-…``
    preselects where it belongs (the level follows from it)."""
    org = request.organisation
    initiative = programme = None
    initial: dict = {}
    if request.GET.get("initiative"):
        initiative = get_initiative(org, request.GET["initiative"])
        initial = {"initiative": initiative, "programme": initiative.programme_id}
    elif request.GET.get("programme"):
        programme = get_programme(org, request.GET["programme"])
        initial = {"programme": programme}
    form = RiskForm(request.POST or None, organisation=org, initial=initial)
    if request.method == "POST" and form.is_valid():
        created = run_service(form, lambda: do_create_risk(
            actor=request.user, organisation=org, data=form.service_data()))
        if created:
            messages.success(request, _("%(kind)s %(ref)s registered.") % {
                "kind": created.get_kind_display(), "ref": created.reference})
            return redirect("risk_detail", org_slug=org.slug, risk=created.reference)
    return _form_page(request, form, initiative=initiative, programme=programme)


@role_required(READ_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def risk_edit(request, org_slug, risk):
    org = request.organisation
    obj = get_risk(org, risk)
    if not access.can_edit_risk(request.membership, obj):
        raise PermissionDenied
    form = EditRiskForm(request.POST or None, instance=obj, organisation=org,
                        initial={"version": obj.version})
    if request.method == "POST" and form.is_valid():
        saved = run_service(form, lambda: do_update_risk(
            actor=request.user, risk=obj, data=form.service_data(),
            expected_version=form.cleaned_data["version"]))
        if saved:
            messages.success(request, _("%(ref)s saved.") % {"ref": saved.reference})
            if calc.needs_decision(saved):
                messages.warning(request, _("%(ref)s is above the risk appetite and needs a "
                                            "named decision.") % {"ref": saved.reference})
            return redirect("risk_detail", org_slug=org.slug, risk=saved.reference)
    current = None
    if getattr(form, "edit_conflict", False):
        current = get_risk(org, risk)
    return _form_page(request, form, risk=obj, current=current)


# --------------------------------------------------------------------------- decisions

def _decision(request, risk: str, form_class, form_name: str, call, done: str,
              allowed=access.can_edit_risk, form_kwargs=None):
    """Handle one of the risk page's forms: check the permission, run the service, and on
    refusal show the page again with the form's errors and input."""
    org = request.organisation
    obj = get_risk(org, risk)
    if not allowed(request.membership, obj):
        raise PermissionDenied
    form = form_class(request.POST, **(form_kwargs(obj) if form_kwargs else {}))
    if form.is_valid():
        saved = run_service(form, lambda: call(obj, form.cleaned_data))
        if saved:
            messages.success(request, done % {"ref": saved.reference})
            return redirect("risk_detail", org_slug=org.slug, risk=saved.reference)
    return _detail(request, get_risk(org, risk), **{form_name: form})


@role_required(READ_PORTFOLIO)
@require_POST
def risk_review(request, org_slug, risk):
    return _decision(request, risk, ReviewForm, "review_form", lambda obj, data: do_review_risk(
        actor=request.user, risk=obj, next_review=data["next_review"],
        comment=data["comment"], expected_version=data["version"]),
        _("The review of %(ref)s is recorded."))


@role_required(READ_PORTFOLIO)
@require_POST
def risk_accept(request, org_slug, risk):
    return _decision(request, risk, AcceptForm, "accept_form", lambda obj, data: do_accept_risk(
        actor=request.user, risk=obj, decision=data["decision"],
        expected_version=data["version"]),
        _("%(ref)s is accepted above the risk appetite; your decision is recorded."),
        allowed=access.can_accept)


@role_required(READ_PORTFOLIO)
@require_POST
def risk_escalate(request, org_slug, risk):
    def form_kwargs(obj):
        return {"levels": escalation_levels(obj)}

    def call(obj, data):
        return do_escalate_risk(actor=request.user, risk=obj, level=data["level"],
                                reason=data["reason"], expected_version=data["version"])

    return _decision(request, risk, EscalateForm, "escalate_form", call,
                     _("%(ref)s is escalated."), form_kwargs=form_kwargs)


@role_required(READ_PORTFOLIO)
@require_POST
def risk_close(request, org_slug, risk):
    return _decision(request, risk, CloseForm, "close_form", lambda obj, data: do_close_risk(
        actor=request.user, risk=obj, status=data["status"], comment=data["comment"],
        expected_version=data["version"]),
        _("%(ref)s is closed."))


@role_required(READ_PORTFOLIO)
@require_POST
def risk_reopen(request, org_slug, risk):
    org = request.organisation
    obj = get_risk(org, risk)
    if not access.can_edit_risk(request.membership, obj):
        raise PermissionDenied
    version = request.POST.get("version", "")
    try:
        do_reopen_risk(actor=request.user, risk=obj,
                       expected_version=int(version) if version.isdigit() else None)
    except (ValidationError, EditConflict) as exc:
        for message in getattr(exc, "messages", [str(exc)]):
            messages.error(request, message)
    else:
        messages.success(request, _("%(ref)s is open again.") % {"ref": obj.reference})
    return redirect("risk_detail", org_slug=org.slug, risk=obj.reference)


# --------------------------------------------------------------------------- history

@role_required(READ_PORTFOLIO)
@require_GET
def risk_history(request, org_slug, risk):
    obj = get_risk(request.organisation, risk)
    comments = list(obj.history.exclude(history_change_reason__isnull=True)
                    .exclude(history_change_reason="").select_related("history_user")
                    .order_by("-history_date", "-history_id")
                    .values_list("history_date", "history_user__full_name",
                                 "history_user__email", "history_change_reason")[:200])
    return render(request, "risks/history.html", {
        "risk": obj, "tab": "history", "history": history_entries(obj),
        "comments": comments, **_permissions(request, obj)})


urlpatterns = [
    path("risks/new/", risk_create, name="risk_create"),
    path("risks/<str:risk>/", risk_detail, name="risk_detail"),
    path("risks/<str:risk>/edit/", risk_edit, name="risk_edit"),
    path("risks/<str:risk>/review/", risk_review, name="risk_review"),
    path("risks/<str:risk>/accept/", risk_accept, name="risk_accept"),
    path("risks/<str:risk>/escalate/", risk_escalate, name="risk_escalate"),
    path("risks/<str:risk>/close/", risk_close, name="risk_close"),
    path("risks/<str:risk>/reopen/", risk_reopen, name="risk_reopen"),
    path("risks/<str:risk>/history/", risk_history, name="risk_history"),
]
