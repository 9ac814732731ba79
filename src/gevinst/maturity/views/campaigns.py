"""The organisation's maturity assessments (under /o/<org>/maturity/): the list (with the
surveys the member is asked to answer), the model, and the administrators' work on a
campaign: prepare, open, remind, close, delete a draft."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gevinst.core.access import role_required
from gevinst.core.forms import run_service
from gevinst.core.history import history_entries
from gevinst.core.models import Role
from gevinst.core.versioning import EditConflict
from gevinst.maturity import access, calc
from gevinst.maturity.forms import ActionForm, CampaignForm, EditCampaignForm
from gevinst.maturity.modeldata import localized
from gevinst.maturity.models import Campaign
from gevinst.maturity.selectors.campaigns import campaign_list, get_campaign, progress, to_answer
from gevinst.maturity.services import campaigns as service
from gevinst.maturity.services.versions import DEFAULT_KEY, current_version

FIELDS = ("title", "mode", "opens_on", "closes_on", "extra_emails", "message")


def _base_url(request) -> str:
    return request.build_absolute_uri("/")[:-1]


@role_required(Role.EMPLOYEE)
@require_http_methods(["GET"])
def campaigns(request, org_slug):
    """Every member sees the surveys they are asked to answer; readers of the portfolio
    also see the organisation's assessments."""
    org, membership = request.organisation, request.membership
    return render(request, "maturity/campaigns.html", {
        "to_answer": to_answer(org, request.user),
        "campaigns": campaign_list(org) if access.can_read_results(membership) else None,
        "can_manage": access.can_manage(membership),
    })


@role_required(access.READ_RESULTS)
@require_http_methods(["GET"])
def model(request, org_slug):
    """The current maturity model: its dimensions, levels and questions."""
    version = current_version(DEFAULT_KEY)
    content = version.content if version else {"dimensions": [], "bands": []}
    bands = content["bands"]
    dimensions = [{
        "key": d["key"], "name": localized(d["name"]), "weight": d["weight"],
        "description": localized(d.get("description")),
        "levels": [(localized(b["name"]), localized(d["levels"].get(b["key"]))) for b in bands],
        "questions": [{"text": localized(q["text"]), "type": q["type"], "weight": q["weight"],
                       "options": [localized(o["text"]) for o in q.get("options", [])]}
                      for q in d["questions"]],
    } for d in content["dimensions"]]
    return render(request, "maturity/model.html", {
        "version": version, "dimensions": dimensions,
        "bands": [(localized(b["name"]), b["from"]) for b in bands],
        "scale": [localized(s["name"]) for s in content.get("practice_scale", [])]})


@role_required(access.MANAGE_CAMPAIGNS)
@require_http_methods(["GET", "POST"])
def campaign_new(request, org_slug):
    org = request.organisation
    form = CampaignForm(request.POST or None, organisation=org)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in FIELDS}
        campaign = run_service(form, lambda: service.do_create_campaign(
            actor=request.user, organisation=org, units=form.cleaned_data["units"], **data))
        if campaign is not None:
            messages.success(request, _("%(reference)s saved as a draft. Check who is "
                                        "invited, then open it.")
                             % {"reference": campaign.reference})
            return redirect("maturity_campaign", org_slug=org.slug,
                            campaign=campaign.reference)
    return render(request, "maturity/campaign_form.html", {"form": form, "campaign": None},
                  status=400 if form.errors else 200)


@role_required(access.MANAGE_CAMPAIGNS)
@require_http_methods(["GET", "POST"])
def campaign_edit(request, org_slug, campaign):
    org = request.organisation
    found = get_campaign(org, campaign)
    if found.status != Campaign.Status.DRAFT:
        messages.error(request, _("Only a draft can be changed; this survey is already open."))
        return redirect("maturity_campaign", org_slug=org.slug, campaign=found.reference)
    form = EditCampaignForm(request.POST or None, instance=found, organisation=org,
                            initial={"version": found.version})
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in FIELDS}
        data["units"] = form.cleaned_data["units"]
        if run_service(form, lambda: service.do_update_campaign(
                actor=request.user, campaign=found, data=data,
                expected_version=form.cleaned_data["version"])):
            messages.success(request, _("%(reference)s saved.") % {"reference": found.reference})
            return redirect("maturity_campaign", org_slug=org.slug, campaign=found.reference)
    return render(request, "maturity/campaign_form.html", {"form": form, "campaign": found},
                  status=400 if form.errors else 200)


@role_required(access.READ_RESULTS)
@require_http_methods(["GET"])
def campaign_detail(request, org_slug, campaign):
    org, membership = request.organisation, request.membership
    found = get_campaign(org, campaign)
    manage = access.can_manage(membership)
    invitees = None
    if manage and found.status == Campaign.Status.DRAFT:
        invitees = service.invitees(found)
    whole = (found.summary or {}).get("whole") or {}
    overall = (whole.get("overall") or {}).get("mean") if whole.get("shown") else None
    band = calc.band(overall, found.model_version.content["bands"])
    return render(request, "maturity/campaign.html", {
        "campaign": found, "progress": progress(found), "can_manage": manage,
        "units": list(found.units.order_by("name")), "invitees": invitees,
        "overall": overall, "band": localized(band["name"]) if band else "",
        "action_form": ActionForm(initial={"version": found.version}),
        "history": history_entries(found) if manage else None,
        "auto_reminder_days": service.AUTO_REMINDER_DAYS,
        "date_passed": service.close_date_passed(found),
    })


def _action(request, campaign, call, done: str):
    org = request.organisation
    found = get_campaign(org, campaign)
    form = ActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The page was out of date: try again."))
    else:
        try:
            result = call(found, form.cleaned_data["version"])
        except ValidationError as exc:
            messages.error(request, " ".join(
                m for messages_ in getattr(exc, "message_dict", {"": exc.messages}).values()
                for m in messages_))
        except EditConflict:
            messages.error(request, _("Someone else changed this survey meanwhile: look at "
                                      "it again and repeat if still needed."))
        else:
            messages.success(request, done % {"reference": found.reference,
                                              "n": len(result) if isinstance(result, list)
                                              else 0})
    return redirect("maturity_campaign", org_slug=org.slug, campaign=found.reference)


@role_required(access.MANAGE_CAMPAIGNS)
@require_POST
def campaign_open(request, org_slug, campaign):
    return _action(request, campaign, lambda c, v: service.do_open_campaign(
        actor=request.user, campaign=c, expected_version=v, base_url=_base_url(request)),
        _("%(reference)s is open: %(n)s invitations are on their way."))


@role_required(access.MANAGE_CAMPAIGNS)
@require_POST
def campaign_remind(request, org_slug, campaign):
    return _action(request, campaign, lambda c, v: service.do_send_reminders(
        actor=request.user, campaign=c, base_url=_base_url(request)),
        _("Reminders sent to the %(n)s who have not answered %(reference)s."))


@role_required(access.MANAGE_CAMPAIGNS)
@require_POST
def campaign_close(request, org_slug, campaign):
    return _action(request, campaign, lambda c, v: service.do_close_campaign(
        actor=request.user, campaign=c, expected_version=v),
        _("%(reference)s is closed and its results are ready."))


@role_required(access.MANAGE_CAMPAIGNS)
@require_POST
def campaign_delete(request, org_slug, campaign):
    org = request.organisation
    found = get_campaign(org, campaign)
    try:
        service.do_delete_campaign(actor=request.user, campaign=found)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("maturity_campaign", org_slug=org.slug, campaign=found.reference)
    messages.success(request, _("Draft %(reference)s deleted.") % {"reference": campaign})
    return redirect("maturity_campaigns", org_slug=org.slug)


urlpatterns = [
    path("maturity/", campaigns, name="maturity_campaigns"),
    path("maturity/new/", campaign_new, name="maturity_campaign_new"),
    path("maturity/model/", model, name="maturity_model"),
    path("maturity/<str:campaign>/", campaign_detail, name="maturity_campaign"),
    path("maturity/<str:campaign>/edit/", campaign_edit, name="maturity_campaign_edit"),
    path("maturity/<str:campaign>/open/", campaign_open, name="maturity_campaign_open"),
    path("maturity/<str:campaign>/remind/", campaign_remind, name="maturity_campaign_remind"),
    path("maturity/<str:campaign>/close/", campaign_close, name="maturity_campaign_close"),
    path("maturity/<str:campaign>/delete/", campaign_delete, name="maturity_campaign_delete"),
]
