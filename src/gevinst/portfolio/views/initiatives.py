"""Initiatives: list (filter, sort, search, pages), create, detail, edit, history, export."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from gevinst.core.access import READ_PORTFOLIO, WRITE_PORTFOLIO, has_role, role_required
from gevinst.core.excel import xlsx_response
from gevinst.core.forms import run_service
from gevinst.core.history import history_entries
from gevinst.portfolio import listing
from gevinst.portfolio.forms.initiatives import EditInitiativeForm, InitiativeForm
from gevinst.portfolio.models import Initiative
from gevinst.portfolio.selectors import initiatives as selectors
from gevinst.portfolio.services.initiatives import do_create_initiative, do_update_initiative

FORM_FIELDS = InitiativeForm.Meta.fields


def _filter_from(request) -> selectors.InitiativeFilter:
    g = request.GET
    unit = g.get("unit", "")
    lighthouse = {"yes": True, "no": False}.get(g.get("lighthouse", ""))
    sort = g.get("sort", selectors.DEFAULT_SORT)
    return selectors.InitiativeFilter(
        q=g.get("q", "")[:200],
        phase=g.get("phase", ""),
        status=g.get("status", "") if g.get("status", "") in Initiative.Status.values else "",
        unit=int(unit) if unit.isdigit() else None,
        ambition=g.get("ambition", "") if g.get("ambition") in Initiative.Ambition.values else "",
        lighthouse=lighthouse,
        sort=sort if sort in selectors.SORTS else selectors.DEFAULT_SORT,
    )


@role_required(READ_PORTFOLIO)
@require_GET
def initiative_list(request, org_slug):
    org = request.organisation
    f = _filter_from(request)
    paginator = Paginator(selectors.initiative_rows(org, f), settings.GEVINST_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    phases = list(selectors.phases(org))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "rows": listing.rows_html(org, page.object_list, {p.pk: str(p) for p in phases}),
        "filter": f,
        "filters": listing.filters(f, phases, selectors.units(org)),
        "columns": listing.columns(f, request.GET),
        "query": query.urlencode(),
        "can_write": has_role(request.membership, WRITE_PORTFOLIO),
    }
    template = "portfolio/initiative_list.html"
    if request.htmx and request.htmx.target == "initiative-results":
        template += "#results"
    return render(request, template, context)


@role_required(READ_PORTFOLIO)
@require_GET
def initiative_export(request, org_slug):
    org = request.organisation
    rows = (
        (i.reference, i.title, str(i.phase), i.get_status_display(), i.get_ambition_display(),
         i.is_lighthouse, i.owning_unit.name if i.owning_unit else None,
         str(i.owner) if i.owner else None, str(i.manager) if i.manager else None,
         i.start_date, i.end_date, i.problem, i.target_state, i.updated_at)
        for i in selectors.initiatives(org, _filter_from(request)).iterator(chunk_size=1000)
    )
    headers = [_("Reference"), _("Title"), _("Phase"), _("Status"), _("Ambition"),
               _("Lighthouse"), _("Owning unit"), _("Owner"), _("Manager"), _("Start date"),
               _("End date"), _("Problem"), _("Target state"), _("Updated")]
    stamp = timezone.localdate().isoformat()
    return xlsx_response(f"{org.slug}-initiatives-{stamp}.xlsx", _("Initiatives"), headers, rows)


@role_required(WRITE_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def initiative_create(request, org_slug):
    org = request.organisation
    form = InitiativeForm(request.POST or None, organisation=org,
                          initial={"phase": selectors.phases(org).first()})
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in FORM_FIELDS}
        initiative = run_service(form, lambda: do_create_initiative(
            actor=request.user, organisation=org, **data))
        if initiative:
            messages.success(request, _("Initiative %(ref)s created.")
                             % {"ref": initiative.reference})
            return redirect("initiative_detail", org_slug=org.slug,
                            reference=initiative.reference)
    return render(request, "portfolio/initiative_form.html", {"form": form, "initiative": None})


@role_required(READ_PORTFOLIO)
@require_GET
def initiative_detail(request, org_slug, reference):
    initiative = selectors.get_initiative(request.organisation, reference)
    return render(request, "portfolio/initiative_detail.html", {
        "initiative": initiative, "tab": "overview",
        "can_write": has_role(request.membership, WRITE_PORTFOLIO),
    })


@role_required(READ_PORTFOLIO)
@require_GET
def initiative_history(request, org_slug, reference):
    initiative = selectors.get_initiative(request.organisation, reference)
    return render(request, "portfolio/initiative_history.html", {
        "initiative": initiative, "tab": "history", "history": history_entries(initiative),
        "can_write": has_role(request.membership, WRITE_PORTFOLIO),
    })


@role_required(WRITE_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def initiative_edit(request, org_slug, reference):
    org = request.organisation
    initiative = selectors.get_initiative(org, reference)
    form = EditInitiativeForm(request.POST or None, instance=initiative, organisation=org,
                              initial={"version": initiative.version})
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in FORM_FIELDS}
        saved = run_service(form, lambda: do_update_initiative(
            actor=request.user, initiative=initiative, data=data,
            expected_version=form.cleaned_data["version"]))
        if saved:
            messages.success(request, _("Initiative %(ref)s saved.") % {"ref": saved.reference})
            return redirect("initiative_detail", org_slug=org.slug, reference=saved.reference)
    current = None
    if getattr(form, "edit_conflict", False):
        current = selectors.get_initiative(org, reference)
    return render(request, "portfolio/initiative_form.html",
                  {"form": form, "initiative": initiative, "current": current})
