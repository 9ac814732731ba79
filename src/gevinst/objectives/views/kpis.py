"""Pages of KPIs: create and edit (portfolio office), the KPI's page (facts, chart, the
measurements with what was expected on each day, and the form to record one), and
correcting or deleting a measurement (portfolio office and the objective's owner)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gevinst.core import charts
from gevinst.core.access import READ_PORTFOLIO, role_required
from gevinst.core.forms import run_service
from gevinst.core.versioning import EditConflict
from gevinst.objectives import access
from gevinst.objectives.charts import kpi_chart
from gevinst.objectives.forms import (
    EditKpiForm,
    EditKpiMeasurementForm,
    KpiForm,
    KpiMeasurementForm,
)
from gevinst.objectives.selectors.kpis import kpi_views
from gevinst.objectives.selectors.lookups import get_kpi, get_kpi_measurement, get_objective
from gevinst.objectives.services import (
    do_create_kpi,
    do_delete_kpi_measurement,
    do_record_kpi_measurement,
    do_update_kpi,
    do_update_kpi_measurement,
)


def _to_kpi(org, kpi, anchor: str = ""):
    url = reverse("kpi_detail", kwargs={"org_slug": org.slug,
                                        "objective": kpi.objective.reference,
                                        "kpi": kpi.reference})
    return redirect(f"{url}#{anchor}" if anchor else url)


def _form_page(request, form, objective, kpi=None, current=None):
    return render(request, "objectives/kpi_form.html", {
        "form": form, "objective": objective, "kpi": kpi, "current": current})


@role_required(access.MANAGE_OBJECTIVES)
@require_http_methods(["GET", "POST"])
def kpi_create(request, org_slug, objective):
    org = request.organisation
    obj = get_objective(org, objective)
    form = KpiForm(request.POST or None, organisation=org)
    if request.method == "POST" and form.is_valid():
        kpi = run_service(form, lambda: do_create_kpi(
            actor=request.user, objective=obj, **form.data_for_service()))
        if kpi:
            messages.success(request, _("KPI %(ref)s added.") % {"ref": kpi.reference})
            return _to_kpi(org, kpi)
    return _form_page(request, form, obj)


@role_required(access.MANAGE_OBJECTIVES)
@require_http_methods(["GET", "POST"])
def kpi_edit(request, org_slug, objective, kpi):
    org = request.organisation
    obj = get_objective(org, objective)
    item = get_kpi(obj, kpi)
    form = EditKpiForm(request.POST or None, instance=item, organisation=org,
                       initial={"version": item.version})
    if request.method == "POST" and form.is_valid():
        saved = run_service(form, lambda: do_update_kpi(
            actor=request.user, kpi=item, data=form.data_for_service(),
            expected_version=form.cleaned_data["version"]))
        if saved:
            messages.success(request, _("KPI %(ref)s saved.") % {"ref": saved.reference})
            return _to_kpi(org, saved)
    current = get_kpi(obj, kpi) if getattr(form, "edit_conflict", False) else None
    return _form_page(request, form, obj, kpi=item, current=current)


@role_required(READ_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def kpi_detail(request, org_slug, objective, kpi):
    """The KPI: facts, chart and table of its measurements; POST records a measurement."""
    org = request.organisation
    obj = get_objective(org, objective)
    item = get_kpi(obj, kpi)
    can_record = access.can_record(request.membership, obj)
    form = None
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        form = KpiMeasurementForm(request.POST, organisation=org, kpi=item)
        if form.is_valid():
            row = run_service(form, lambda: do_record_kpi_measurement(
                actor=request.user, kpi=item, **form.data_for_service()))
            if row:
                messages.success(request, _("Measurement of %(date)s recorded.")
                                 % {"date": row.measured_on.isoformat()})
                return _to_kpi(org, item, "measurements")
    elif can_record:
        form = KpiMeasurementForm(organisation=org, kpi=item)
    [view] = kpi_views([item], org, timezone.localdate())
    [chart] = charts.render_many([kpi_chart(view, org)])
    return render(request, "objectives/kpi_detail.html", {
        "objective": obj, "kpi": item, "view": view, "chart": chart, "form": form,
        "can_manage": access.can_manage(request.membership), "can_record": can_record,
    })


@role_required(READ_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def kpi_measurement_edit(request, org_slug, objective, kpi, kpi_measurement_id):
    """Correct a measurement (its day, value or comment), or delete it."""
    org = request.organisation
    obj = get_objective(org, objective)
    item = get_kpi(obj, kpi)
    row = get_kpi_measurement(item, kpi_measurement_id)
    if not access.can_record(request.membership, obj):
        raise PermissionDenied
    if request.method == "POST" and "delete" in request.POST:
        raw = request.POST.get("version", "")
        try:
            do_delete_kpi_measurement(actor=request.user, measurement=row,
                                      expected_version=int(raw) if raw.isdigit() else -1)
        except EditConflict:
            messages.error(request, _("Somebody else changed this measurement meanwhile; look "
                                      "at it again before you delete it."))
            return redirect(request.path)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(request.path)
        messages.success(request, _("Measurement of %(date)s deleted.")
                         % {"date": row.measured_on.isoformat()})
        return _to_kpi(org, item, "measurements")
    form = EditKpiMeasurementForm(
        request.POST or None, organisation=org, kpi=item,
        initial={"measured_on": row.measured_on, "value": row.value, "comment": row.comment,
                 "version": row.version})
    if request.method == "POST" and form.is_valid():
        data = form.data_for_service()
        saved = run_service(form, lambda: do_update_kpi_measurement(
            actor=request.user, measurement=row, data=data,
            expected_version=form.cleaned_data["version"]))
        if saved:
            messages.success(request, _("Measurement of %(date)s saved.")
                             % {"date": saved.measured_on.isoformat()})
            return _to_kpi(org, item, "measurements")
    current = None
    if getattr(form, "edit_conflict", False):
        current = get_kpi_measurement(item, kpi_measurement_id)
    return render(request, "objectives/measurement_form.html", {
        "form": form, "objective": obj, "kpi": item, "measurement": row, "current": current})


urlpatterns = [
    path("objectives/<str:objective>/kpis/new/", kpi_create, name="kpi_create"),
    path("objectives/<str:objective>/kpis/<str:kpi>/", kpi_detail, name="kpi_detail"),
    path("objectives/<str:objective>/kpis/<str:kpi>/edit/", kpi_edit, name="kpi_edit"),
    path("objectives/<str:objective>/kpis/<str:kpi>/measurements/<int:kpi_measurement_id>/",
         kpi_measurement_edit, name="kpi_measurement_edit"),
]
