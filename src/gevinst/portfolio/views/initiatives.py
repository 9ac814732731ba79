"""Initiatives: list (filter, sort, search, pages), create, detail, edit, history, export."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from gevinst.core.access import READ_PORTFOLIO, WRITE_PORTFOLIO, has_role, role_required
from gevinst.core.excel import xlsx_response
from gevinst.core.forms import run_service
from gevinst.core.history import history_entries
from gevinst.core.paging import CountedPaginator
from gevinst.portfolio import listing
from gevinst.portfolio.forms.initiatives import EditInitiativeForm, InitiativeForm
from gevinst.portfolio.models import RAG, Initiative
from gevinst.portfolio.selectors import initiatives as selectors
from gevinst.portfolio.selectors import overview
from gevinst.portfolio.services.initiatives import do_create_initiative, do_update_initiative

FORM_FIELDS = InitiativeForm.Meta.fields


def _filter_from(request) -> selectors.InitiativeFilter:
    g = request.GET
    unit = g.get("unit", "")
    programme = g.get("programme", "")
    lighthouse = {"yes": True, "no": False}.get(g.get("lighthouse", ""))
    sort = g.get("sort", selectors.DEFAULT_SORT)
    rag = g.get("rag", "")
    return selectors.InitiativeFilter(
        q=g.get("q", "")[:200],
        phase=g.get("phase", ""),
        status=g.get("status", "") if g.get("status", "") in Initiative.Status.values else "",
        unit=int(unit) if unit.isdigit() else None,
        ambition=g.get("ambition", "") if g.get("ambition") in Initiative.Ambition.values else "",
        lighthouse=lighthouse,
        sort=sort if sort in selectors.SORTS else selectors.DEFAULT_SORT,
        programme=(int(programme) if programme.isdigit()
                   else selectors.NONE if programme == selectors.NONE else None),
        rag=rag if rag in RAG.values or rag == selectors.NONE else "",
    )


@role_required(READ_PORTFOLIO)
@require_GET
def initiative_list(request, org_slug):
    """The portfolio overview: chosen columns, filters, sort, search, pages, saved views."""
    org = request.organisation
    f = _filter_from(request)
    chosen = listing.chosen_columns(request.GET)
    paginator = CountedPaginator(selectors.initiative_rows(org, f, chosen),
                                 settings.GEVINST_PAGE_SIZE,
                                 count_queryset=selectors.initiative_count_query(org, f))
    page = paginator.get_page(request.GET.get("page"))
    phases = list(selectors.phases(org))
    query = request.GET.copy()
    query.pop("page", None)
    membership = request.membership
    context = {
        "page": page,
        "rows": listing.rows_html(org, page.object_list, {p.pk: str(p) for p in phases},
                                  chosen),
        "filter": f,
        "columns": listing.columns(f, request.GET, chosen),
        "query": query.urlencode(),
        "saved_query": listing.clean_query(request.GET),
    }
    template = "portfolio/initiative_list.html"
    if request.htmx and request.htmx.target == "initiative-results":
        # Only the results are swapped in: no filters, column picker or saved views.
        return render(request, template + "#results", context)
    context.update({
        "filters": listing.filters(f, phases, selectors.unit_options(org),
                                   selectors.programmes(org)),
        "column_picker": listing.column_picker(chosen),
        "saved_views": [{"view": v, "can_delete": overview.can_delete(membership, v)}
                        for v in overview.saved_view_rows(org, request.user)],
        "can_share": overview.can_share(membership),
        "can_write": has_role(membership, WRITE_PORTFOLIO),
    })
    return render(request, template, context)


# The export of the full list (no ?cols=): every column, with the long texts.
FULL_EXPORT = ("reference", "title", "phase", "status", "ambition", "lighthouse", "unit",
               "owner", "manager", "start", "end", "problem", "target_state", "updated",
               "rag", "programme")


def _export_value(i, key, statuses, ambitions, rags, tz):
    if key == "phase":
        return str(i.phase)
    if key == "status":
        return statuses.get(i.status, i.status)
    if key == "ambition":
        return ambitions.get(i.ambition, i.ambition)
    if key == "lighthouse":
        return i.is_lighthouse
    if key == "unit":
        return i.owning_unit.name if i.owning_unit else None
    if key in ("owner", "manager"):
        person = getattr(i, key)
        return str(person) if person else None
    if key == "start":
        return i.start_date
    if key == "end":
        return i.end_date
    if key == "updated":
        return i.updated_at.astimezone(tz).replace(tzinfo=None)
    if key == "rag":
        return rags.get(i.rag, i.rag)
    if key == "programme":
        return i.programme.name if i.programme else None
    return getattr(i, key)


@role_required(READ_PORTFOLIO)
@require_GET
def initiative_export(request, org_slug):
    """The overview to Excel: its filters and sort; its chosen columns when ``cols`` is
    given, otherwise every column with the long texts."""
    org = request.organisation
    keys = listing.chosen_columns(request.GET) if request.GET.getlist("cols") else FULL_EXPORT
    labels = {**listing.column_labels(), "start": _("Start date"), "end": _("End date"),
              "problem": _("Problem"), "target_state": _("Target state")}
    statuses = {k: str(v) for k, v in Initiative.Status.choices}
    ambitions = {k: str(v) for k, v in Initiative.Ambition.choices}
    rags = listing.rag_labels()
    tz = timezone.get_current_timezone()
    qs = selectors.initiatives(org, _filter_from(request))
    if "programme" in keys:
        qs = qs.select_related("programme")
    rows = ([_export_value(i, k, statuses, ambitions, rags, tz) for k in keys]
            for i in qs.iterator(chunk_size=1000))
    stamp = timezone.localdate().isoformat()
    return xlsx_response(f"{org.slug}-initiatives-{stamp}.xlsx", _("Initiatives"),
                         [labels[k] for k in keys], rows)


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
        data = {k: form.cleaned_data[k] for k in FORM_FIELDS if k in form.fields}
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
