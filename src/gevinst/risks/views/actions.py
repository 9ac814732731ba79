"""The actions of a risk: add one, edit one (its owner may, even as a viewer)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gevinst.core.access import READ_PORTFOLIO, role_required
from gevinst.core.forms import run_service
from gevinst.risks import access
from gevinst.risks.forms.risks import ActionForm, EditActionForm
from gevinst.risks.selectors.risks import get_action, get_risk
from gevinst.risks.services import do_add_action, do_update_action


def _page(request, risk, form, action=None):
    return render(request, "risks/action_form.html", {
        "risk": risk, "form": form, "action": action,
        "can_edit": access.can_edit_risk(request.membership, risk)})


@role_required(READ_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def risk_action_create(request, org_slug, risk):
    org = request.organisation
    obj = get_risk(org, risk)
    if not access.can_edit_risk(request.membership, obj):
        raise PermissionDenied
    form = ActionForm(request.POST or None, organisation=org)
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        added = run_service(form, lambda: do_add_action(
            actor=request.user, risk=obj, description=data["description"],
            owner=data["owner"], due_date=data["due_date"]))
        if added:
            messages.success(request, _("The action is added to %(ref)s.")
                             % {"ref": obj.reference})
            return redirect("risk_detail", org_slug=org.slug, risk=obj.reference)
    return _page(request, obj, form)


@role_required(READ_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def risk_action_edit(request, org_slug, risk, action_id):
    org = request.organisation
    obj = get_risk(org, risk)
    action = get_action(org, obj, action_id)
    action.risk = obj
    if not access.can_edit_action(request.membership, action):
        raise PermissionDenied
    form = EditActionForm(request.POST or None, instance=action, organisation=org,
                          initial={"version": action.version})
    if request.method == "POST" and form.is_valid():
        saved = run_service(form, lambda: do_update_action(
            actor=request.user, action=action, data=form.service_data(),
            expected_version=form.cleaned_data["version"]))
        if saved:
            messages.success(request, _("The action of %(ref)s is saved.")
                             % {"ref": obj.reference})
            return redirect("risk_detail", org_slug=org.slug, risk=obj.reference)
    return _page(request, obj, form, action=action)


urlpatterns = [
    path("risks/<str:risk>/actions/new/", risk_action_create, name="risk_action_create"),
    path("risks/<str:risk>/actions/<int:action_id>/", risk_action_edit,
         name="risk_action_edit"),
]
