"""Programmes: list, create, detail (the roll-up of its initiatives), edit, history."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from gevinst.core.access import READ_PORTFOLIO, has_role, role_required
from gevinst.core.forms import run_service
from gevinst.core.history import history_entries
from gevinst.core.models import Role
from gevinst.portfolio.forms.programmes import EditProgrammeForm, ProgrammeForm
from gevinst.portfolio.selectors import programmes as selectors
from gevinst.portfolio.services.programmes import do_create_programme, do_update_programme

# Programmes are set up by the portfolio office.
MANAGE_PROGRAMMES = Role.PMO
FIELDS = ProgrammeForm.Meta.fields


@role_required(READ_PORTFOLIO)
@require_GET
def programme_list(request, org_slug):
    return render(request, "portfolio/programmes/list.html", {
        "programmes": list(selectors.programmes(request.organisation)),
        "can_manage": has_role(request.membership, MANAGE_PROGRAMMES),
    })


@role_required(MANAGE_PROGRAMMES)
@require_http_methods(["GET", "POST"])
def programme_create(request, org_slug):
    org = request.organisation
    form = ProgrammeForm(request.POST or None, organisation=org)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in FIELDS}
        programme = run_service(form, lambda: do_create_programme(
            actor=request.user, organisation=org, **data))
        if programme:
            messages.success(request, _("Programme %(ref)s created.")
                             % {"ref": programme.reference})
            return redirect("programme_detail", org_slug=org.slug, programme=programme.reference)
    return render(request, "portfolio/programmes/form.html", {"form": form, "programme": None})


@role_required(READ_PORTFOLIO)
@require_GET
def programme_detail(request, org_slug, programme):
    org = request.organisation
    obj = selectors.get_programme(org, programme)
    from gevinst.benefits.selectors import register as benefit_selectors

    benefits = benefit_selectors.programme_benefits(obj)
    return render(request, "portfolio/programmes/detail.html", {
        "programme": obj, "rollup": selectors.rollup(obj),
        "can_manage": has_role(request.membership, MANAGE_PROGRAMMES),
        "benefits": benefits, "benefit_totals": benefit_selectors.share_totals(benefits),
    })


@role_required(READ_PORTFOLIO)
@require_GET
def programme_history(request, org_slug, programme):
    obj = selectors.get_programme(request.organisation, programme)
    return render(request, "portfolio/programmes/history.html", {
        "programme": obj, "history": history_entries(obj)})


@role_required(MANAGE_PROGRAMMES)
@require_http_methods(["GET", "POST"])
def programme_edit(request, org_slug, programme):
    org = request.organisation
    obj = selectors.get_programme(org, programme)
    form = EditProgrammeForm(request.POST or None, instance=obj, organisation=org,
                             initial={"version": obj.version})
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in FIELDS}
        saved = run_service(form, lambda: do_update_programme(
            actor=request.user, programme=obj, data=data,
            expected_version=form.cleaned_data["version"]))
        if saved:
            messages.success(request, _("Programme %(ref)s saved.") % {"ref": saved.reference})
            return redirect("programme_detail", org_slug=org.slug, programme=saved.reference)
    return render(request, "portfolio/programmes/form.html", {"form": form, "programme": obj})
