"""Pages of objectives: the overview for leaders (the tree with KPIs, contributions and what
is off track), one objective (KPIs against target with charts and tables, contributing
initiatives and benefits, what is off track), create, edit and history. The KPI pages are
in views/kpis.py and mounted here."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from gevinst.core import charts
from gevinst.core.access import READ_PORTFOLIO, role_required
from gevinst.core.forms import run_service
from gevinst.core.history import history_entries
from gevinst.objectives import access
from gevinst.objectives.charts import kpi_chart
from gevinst.objectives.forms import EditObjectiveForm, ObjectiveForm
from gevinst.objectives.selectors import overview
from gevinst.objectives.selectors.lookups import get_objective
from gevinst.objectives.selectors.page import objective_page
from gevinst.objectives.services import do_create_objective, do_update_objective
from gevinst.objectives.views import kpis


@role_required(READ_PORTFOLIO)
@require_GET
def objective_list(request, org_slug):
    """The objectives overview: the tree, each objective's KPIs against target, what
    contributes and what is off track; search and "off track only"."""
    org = request.organisation
    rows = overview.objective_overview(org, timezone.localdate())
    q = request.GET.get("q", "").strip()[:200]
    off_track_only = request.GET.get("off_track") == "1"
    shown = overview.filter_rows(rows, q=q, off_track_only=off_track_only)
    return render(request, "objectives/list.html", {
        "rows": shown, "q": q, "off_track_only": off_track_only,
        "filtered": bool(q or off_track_only),
        "summary": {"objectives": len(rows),
                    "kpis": sum(len(row.kpis) for row in rows),
                    "off_track": sum(1 for row in rows if row.off_track)},
        "can_manage": access.can_manage(request.membership),
    })


@role_required(READ_PORTFOLIO)
@require_GET
def objective_detail(request, org_slug, objective):
    org = request.organisation
    obj = get_objective(org, objective)
    today = timezone.localdate()
    page = objective_page(obj, org, today)
    # Each sub-objective with its health and what is off track, as the overview counts them.
    children = [row for row in overview.objective_overview(org, today)
                if row.parent is not None and row.parent.pk == obj.pk]
    drawn = {c.key: c for c in charts.render_many([kpi_chart(v, org) for v in page.kpis])}
    return render(request, "objectives/detail.html", {
        "objective": obj, "tab": "overview", "page": page, "children": children,
        "kpis": [{"view": v, "chart": drawn.get(f"kpi-{v.kpi.pk}")} for v in page.kpis],
        "can_manage": access.can_manage(request.membership),
        "can_record": access.can_record(request.membership, obj),
    })


def _form_page(request, form, objective=None, current=None):
    return render(request, "objectives/form.html", {
        "form": form, "objective": objective, "current": current})


@role_required(access.MANAGE_OBJECTIVES)
@require_http_methods(["GET", "POST"])
def objective_create(request, org_slug):
    org = request.organisation
    initial = {}
    parent = request.GET.get("parent", "")
    if parent:
        initial["parent"] = get_objective(org, parent)
    form = ObjectiveForm(request.POST or None, organisation=org, initial=initial)
    if request.method == "POST" and form.is_valid():
        created = run_service(form, lambda: do_create_objective(
            actor=request.user, organisation=org, **form.data_for_service()))
        if created:
            messages.success(request, _("Objective %(ref)s created.")
                             % {"ref": created.reference})
            return redirect("objective_detail", org_slug=org.slug, objective=created.reference)
    return _form_page(request, form)


@role_required(access.MANAGE_OBJECTIVES)
@require_http_methods(["GET", "POST"])
def objective_edit(request, org_slug, objective):
    org = request.organisation
    obj = get_objective(org, objective)
    form = EditObjectiveForm(request.POST or None, instance=obj, organisation=org,
                             initial={"version": obj.version})
    if request.method == "POST" and form.is_valid():
        saved = run_service(form, lambda: do_update_objective(
            actor=request.user, objective=obj, data=form.data_for_service(),
            expected_version=form.cleaned_data["version"]))
        if saved:
            messages.success(request, _("Objective %(ref)s saved.") % {"ref": saved.reference})
            return redirect("objective_detail", org_slug=org.slug, objective=saved.reference)
    current = get_objective(org, objective) if getattr(form, "edit_conflict", False) else None
    return _form_page(request, form, objective=obj, current=current)


@role_required(READ_PORTFOLIO)
@require_GET
def objective_history(request, org_slug, objective):
    obj = get_objective(request.organisation, objective)
    return render(request, "objectives/history.html", {
        "objective": obj, "tab": "history", "history": history_entries(obj),
        "can_manage": access.can_manage(request.membership)})


urlpatterns = [
    path("objectives/", objective_list, name="objective_list"),
    path("objectives/new/", objective_create, name="objective_create"),
    path("objectives/<str:objective>/", objective_detail, name="objective_detail"),
    path("objectives/<str:objective>/edit/", objective_edit, name="objective_edit"),
    path("objectives/<str:objective>/history/", objective_history, name="objective_history"),
    *kpis.urlpatterns,
]
