"""Measures, their planned trajectory and measurements (a benefit's "Measures" tab and its
forms), the quick-entry grid for many benefits at once, and the planned-vs-actual
dashboards of the organisation, an initiative and a programme."""

from __future__ import annotations

import math

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gevinst.benefits import access
from gevinst.benefits.forms import measures as forms
from gevinst.benefits.models import Benefit, Measure
from gevinst.benefits.selectors import measures as selectors
from gevinst.benefits.selectors import realisation
from gevinst.benefits.selectors.benefits import get_benefit, get_measure, get_measurement
from gevinst.benefits.services.measures import (
    GridErrors,
    do_create_measure,
    do_delete_measure,
    do_delete_measurement,
    do_record_measurement,
    do_record_measurements,
    do_set_plan,
    do_update_measure,
    do_verify_measurement,
)
from gevinst.core import charts
from gevinst.core.access import READ_PORTFOLIO, role_required
from gevinst.core.forms import run_service
from gevinst.core.paging import CountedPaginator
from gevinst.core.versioning import EditConflict
from gevinst.portfolio.listing import select_options
from gevinst.portfolio.models import Initiative, Programme
from gevinst.portfolio.selectors.initiatives import get_initiative, programmes
from gevinst.portfolio.selectors.programmes import get_programme

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
WIDTH = 420


def _version(request) -> int | None:
    raw = request.POST.get("version", "")
    return int(raw) if raw.isdigit() else None


def _to_measures(org, benefit: Benefit, anchor: str = ""):
    url = reverse("benefit_measures", kwargs={"org_slug": org.slug, "benefit": benefit.reference})
    return redirect(f"{url}#{anchor}" if anchor else url)


def _measure_texts(measure: Measure, org) -> dict:
    return {"baseline_text": selectors.display_number(measure.baseline_value, org),
            "target_text": selectors.display_number(measure.target_value, org)}


def _editable(request, reference: str) -> Benefit:
    benefit = get_benefit(request.organisation, reference)
    if not access.can_edit_benefit(request.membership, benefit):
        raise PermissionDenied
    return benefit


def _recordable(request, reference: str) -> Benefit:
    benefit = get_benefit(request.organisation, reference)
    if not access.can_record_measurements(request.membership, benefit):
        raise PermissionDenied
    return benefit


# --------------------------------------------------------------------------- measures tab

def measure_chart(view: selectors.MeasureView, org) -> charts.Chart:
    """Planned, actual and forecast per period, in the measure's own unit."""
    measure = view.measure
    names = {"planned": _("Planned"), "actual": pgettext("measurement", "Actual"),
             "forecast": _("Forecast")}
    order = list(names.values())
    labels = [row.label for row in view.rows]
    values = [{"period": row.label, "series": names[kind], "value": float(value)}
              for row in view.rows
              for kind, value in (("planned", row.planned), ("actual", row.actual),
                                  ("forecast", row.forecast)) if value is not None]
    spec = {
        "$schema": SCHEMA, "data": {"values": values}, "width": WIDTH, "height": 220,
        "mark": {"type": "line", "point": {"size": 50}, "strokeWidth": 2},
        "encoding": {
            "x": {"field": "period", "type": "ordinal", "sort": labels, "title": _("Period"),
                  "axis": {"labelAngle": 0 if len(labels) <= 6 else -45}},
            "y": {"field": "value", "type": "quantitative", "title": measure.unit,
                  "axis": {"format": ",~f"}, "scale": {"zero": False}},
            "color": {"field": "series", "type": "nominal", "title": None, "sort": order,
                      "scale": {"domain": order, "range": charts.PALETTE[:3]}},
            "strokeDash": {"field": "series", "type": "nominal", "title": None, "sort": order,
                           "scale": {"domain": order, "range": [[6, 3], [1, 0], [2, 2]]}},
        },
    }
    title = _("%(measure)s: planned, actual and forecast (%(unit)s)") % {
        "measure": measure.name, "unit": measure.unit}
    return charts.Chart(f"measure-{measure.pk}", title, spec, org)


@role_required(READ_PORTFOLIO)
@require_GET
def benefit_measures(request, org_slug, benefit):
    org = request.organisation
    obj = get_benefit(org, benefit)
    views = selectors.measure_views(obj, timezone.localdate(), org)
    drawn = {c.key: c for c in charts.render_many(
        [measure_chart(v, org) for v in views if v.rows])}
    membership = request.membership
    return render(request, "benefits/measures/benefit.html", {
        "benefit": obj, "tab": "measures",
        "measures": [{"view": v, "chart": drawn.get(f"measure-{v.measure.pk}")}
                     for v in views],
        "can_edit": access.can_edit_benefit(membership, obj),
        "can_record": access.can_record_measurements(membership, obj),
        "can_verify": access.can_verify_measurements(membership, obj),
    })


@role_required(READ_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def measure_create(request, org_slug, benefit):
    org = request.organisation
    obj = _editable(request, benefit)
    form = forms.MeasureForm(request.POST or None, organisation=org)
    if request.method == "POST" and form.is_valid():
        measure = run_service(form, lambda: do_create_measure(
            actor=request.user, benefit=obj, **form.data_for_service()))
        if measure:
            messages.success(request, _("Measure “%(name)s” added.") % {"name": measure.name})
            return _to_measures(org, obj, f"measure-{measure.pk}")
    return render(request, "benefits/measures/measure_form.html",
                  {"form": form, "benefit": obj, "measure": None})


@role_required(READ_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def measure_edit(request, org_slug, benefit, measure_id):
    org = request.organisation
    obj = _editable(request, benefit)
    measure = get_measure(obj, measure_id)
    form = forms.EditMeasureForm(request.POST or None, instance=measure,
                                 initial={"version": measure.version}, organisation=org)
    if request.method == "POST" and form.is_valid():
        saved = run_service(form, lambda: do_update_measure(
            actor=request.user, measure=measure, data=form.data_for_service(),
            expected_version=form.cleaned_data["version"]))
        if saved:
            messages.success(request, _("Measure “%(name)s” saved.") % {"name": saved.name})
            return _to_measures(org, obj, f"measure-{saved.pk}")
    current = get_measure(obj, measure_id) if getattr(form, "edit_conflict", False) else None
    return render(request, "benefits/measures/measure_form.html", {
        "form": form, "benefit": obj, "measure": measure, "current": current,
        "current_text": {"baseline": selectors.display_number(current.baseline_value, org),
                         "target": selectors.display_number(current.target_value, org)}
        if current else {}})


@role_required(READ_PORTFOLIO)
@require_POST
def measure_delete(request, org_slug, benefit, measure_id):
    org = request.organisation
    obj = _editable(request, benefit)
    measure = get_measure(obj, measure_id)
    try:
        do_delete_measure(actor=request.user, measure=measure)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _to_measures(org, obj, f"measure-{measure.pk}")
    messages.success(request, _("Measure “%(name)s” deleted.") % {"name": measure.name})
    return _to_measures(org, obj)


@role_required(READ_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def measure_plan(request, org_slug, benefit, measure_id):
    """The planned trajectory: one row per period from the baseline to the target date."""
    org = request.organisation
    obj = _editable(request, benefit)
    measure = get_measure(obj, measure_id)
    planned = selectors.planned_values(measure)
    periods = selectors.plan_periods(measure, planned)
    initial = {forms.PlanForm.field_name(p): v for p, v in planned.items()}
    filled = False
    if request.method == "POST" and "fill" in request.POST:
        # Fill in a straight line (not saved yet: the person checks and saves).
        line = forms.linear_plan(measure)
        initial.update({forms.PlanForm.field_name(p): v for p, v in line.items()})
        form = forms.PlanForm(initial=initial, measure=measure, periods=periods,
                              organisation=org)
        filled = bool(line)
        if not line:
            messages.error(request, _("A straight line needs the baseline value and date and "
                                      "the target value and date."))
    else:
        form = forms.PlanForm(request.POST or None, initial=initial, measure=measure,
                              periods=periods, organisation=org)
        if request.method == "POST" and form.is_valid():
            saved = run_service(form, lambda: do_set_plan(
                actor=request.user, measure=measure, values=form.values()))
            if saved is not None:
                messages.success(request, _("The plan of “%(name)s” is saved.")
                                 % {"name": measure.name})
                return _to_measures(org, obj, f"measure-{measure.pk}")
    return render(request, "benefits/measures/plan_form.html", {
        "form": form, "benefit": obj, "measure": measure, "filled": filled,
        **_measure_texts(measure, org),
        "can_fill": bool(measure.baseline_value is not None and measure.target_value is not None
                         and measure.baseline_date and measure.target_date),
    })


# --------------------------------------------------------------------------- measurements

def _default_period(measure: Measure, periods, measured, today) -> str:
    latest = selectors.latest_finished_period(measure.frequency, today)
    if latest in periods and latest not in measured:
        return latest.isoformat()
    free = [p for p in periods if p not in measured and p <= today]
    return (free[-1] if free else (periods[0] if periods else latest)).isoformat()


@role_required(READ_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def measurement_create(request, org_slug, benefit, measure_id):
    org = request.organisation
    obj = _recordable(request, benefit)
    measure = get_measure(obj, measure_id)
    today = timezone.localdate()
    planned = selectors.planned_values(measure)
    measured = selectors.measured_periods(measure)
    periods = selectors.measurement_periods(measure, today, planned, measured)
    wanted = request.GET.get("period", "")
    if wanted not in {p.isoformat() for p in periods}:
        wanted = _default_period(measure, periods, measured, today)
    form = forms.MeasurementForm(
        request.POST or None, measure=measure, periods=periods, measured=measured,
        organisation=org, initial={"period": wanted})
    if request.method == "POST" and form.is_valid():
        row = run_service(form, lambda: do_record_measurement(
            actor=request.user, measure=measure, period=form.cleaned_data["period"],
            data=form.data_for_service()))
        if row:
            messages.success(request, _("Measurement for %(period)s recorded.") % {
                "period": selectors.period_label(row.period, measure.frequency)})
            return _to_measures(org, obj, f"measure-{measure.pk}")
    return render(request, "benefits/measures/measurement_form.html", {
        "form": form, "benefit": obj, "measure": measure, "measurement": None,
        **_measure_texts(measure, org)})


@role_required(READ_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def measurement_edit(request, org_slug, benefit, measure_id, measurement_id):
    org = request.organisation
    obj = _recordable(request, benefit)
    measure = get_measure(obj, measure_id)
    measurement = get_measurement(measure, measurement_id)
    initial = {name: getattr(measurement, name)
               for name in ("actual", "forecast", "comment", "evidence")}
    form = forms.EditMeasurementForm(request.POST or None,
                                     initial={**initial, "version": measurement.version},
                                     organisation=org)
    if request.method == "POST" and form.is_valid():
        row = run_service(form, lambda: do_record_measurement(
            actor=request.user, measure=measure, period=measurement.period,
            data=form.data_for_service(), expected_version=form.cleaned_data["version"]))
        if row:
            messages.success(request, _("Measurement for %(period)s saved.") % {
                "period": selectors.period_label(row.period, measure.frequency)})
            return _to_measures(org, obj, f"measure-{measure.pk}")
    current = None
    if getattr(form, "edit_conflict", False):
        current = get_measurement(measure, measurement_id)
    return render(request, "benefits/measures/measurement_form.html", {
        "form": form, "benefit": obj, "measure": measure, "measurement": measurement,
        "period_label": selectors.period_label(measurement.period, measure.frequency),
        "current": current, **_measure_texts(measure, org),
        "current_text": {"actual": selectors.display_number(current.actual, org),
                         "forecast": selectors.display_number(current.forecast, org)}
        if current else {}})


@role_required(READ_PORTFOLIO)
@require_POST
def measurement_verify(request, org_slug, benefit, measure_id, measurement_id):
    org = request.organisation
    obj = get_benefit(org, benefit)
    if not access.can_verify_measurements(request.membership, obj):
        raise PermissionDenied
    measure = get_measure(obj, measure_id)
    measurement = get_measurement(measure, measurement_id)
    label = selectors.period_label(measurement.period, measure.frequency)
    try:
        do_verify_measurement(actor=request.user, measurement=measurement)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Measurement for %(period)s verified.") % {"period": label})
    return _to_measures(org, obj, f"measure-{measure.pk}")


@role_required(READ_PORTFOLIO)
@require_POST
def measurement_delete(request, org_slug, benefit, measure_id, measurement_id):
    org = request.organisation
    obj = _recordable(request, benefit)
    measure = get_measure(obj, measure_id)
    measurement = get_measurement(measure, measurement_id)
    label = selectors.period_label(measurement.period, measure.frequency)
    try:
        do_delete_measurement(actor=request.user, measurement=measurement,
                              expected_version=_version(request))
    except EditConflict:
        messages.error(request, _("Somebody else changed the measurement for %(period)s "
                                  "meanwhile; look at it again before you delete it.")
                       % {"period": label})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Measurement for %(period)s deleted.") % {"period": label})
    return _to_measures(org, obj, f"measure-{measure.pk}")


# --------------------------------------------------------------------------- grid

def _grid_filters(org, f, shown) -> list[dict]:
    owners = [("me", _("Me")), *selectors.owner_options(org)]
    return [
        {"id": "f-owner", "name": "owner", "label": _("Benefit owner"),
         "options": select_options(owners, shown["owner"])},
        {"id": "f-programme", "name": "programme", "label": _("Programme"),
         "options": select_options(programmes(org), f.programme)},
        {"id": "f-unit", "name": "unit", "label": _("Receiving unit"),
         "options": select_options(selectors.unit_options(org), f.unit)},
        {"id": "f-frequency", "name": "frequency", "label": _("Frequency"),
         "options": select_options(Measure.Frequency.choices, f.frequency)},
    ]


def _save_grid(request, rows) -> int | None:
    """Record every changed row, all or nothing; on errors put them on the rows and return
    None (every typed value stays in the rows)."""
    entries, owners = forms.grid_entries(request.POST, rows,
                                         forms.decimal_mark(request.organisation))
    if not entries:
        return 0
    try:
        saved = do_record_measurements(actor=request.user, entries=entries)
    except GridErrors as exc:
        for index, errors in exc.rows.items():
            owners[index].errors = errors
        return None
    return len(saved)


@role_required(READ_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def measurement_grid(request, org_slug):
    """Quick entry of the measurements of many benefits at once (50 measures a page)."""
    org = request.organisation
    today = timezone.localdate()
    f, shown = forms.grid_filter(request.GET, request.user)
    qs, count_qs = selectors.grid_measures(org, f)
    page = CountedPaginator(qs, selectors.GRID_PAGE_SIZE,
                            count_queryset=count_qs).get_page(request.GET.get("page"))
    if request.method == "POST":
        # Exactly the rows that were on the page the person filled in.
        ids = [int(v) for v in request.POST.getlist("measure") if v.isdigit()]
        measures = list(qs.filter(pk__in=ids[:selectors.GRID_PAGE_SIZE]))
    else:
        measures = list(page.object_list)
    rows = selectors.grid_rows(org, measures, f, today)
    for row in rows:
        row.can_record = access.can_record_measurements(request.membership, row.benefit)
    failed = False
    if request.method == "POST":
        saved = _save_grid(request, rows)
        if saved is not None:
            if saved:
                messages.success(request, _("%(n)s measurements saved.") % {"n": saved})
            else:
                messages.info(request, _("Nothing was changed, so nothing was saved."))
            return redirect(request.get_full_path())
        failed = True
    else:
        for row in rows:
            row.values = {"actual": row.text["actual"], "forecast": row.text["forecast"],
                          "comment": row.existing.comment if row.existing else ""}
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "benefits/measures/grid.html", {
        "rows": rows, "page": page, "query": query.urlencode(), "filter": f, "shown": shown,
        "filters": _grid_filters(org, f, shown), "failed": failed,
        "error_rows": [r for r in rows if r.errors],
        "action": request.get_full_path(),
    })


# --------------------------------------------------------------------------- dashboards

def _count_axis(highest: int) -> tuple[dict, dict]:
    step = max(1, math.ceil(highest / 5))
    top = max(step, math.ceil(highest / step) * step)
    return ({"values": list(range(0, top + 1, step)), "format": ",~f"},
            {"domain": [0, top], "nice": False})


def count_chart(key: str, title: str, values: list[dict], x_title: str, y_title: str,
                org) -> charts.Chart:
    """Horizontal bars of counts with the count written at each bar."""
    axis, scale = _count_axis(max((v["n"] for v in values), default=0))
    enc = {"x": {"field": "n", "type": "quantitative", "axis": axis, "scale": scale,
                 "title": x_title},
           "y": {"field": "label", "type": "nominal", "sort": None, "title": y_title}}
    spec = {
        "$schema": SCHEMA, "data": {"values": values}, "width": WIDTH,
        "height": max(90, 28 * len(values)),
        "layer": [
            {"mark": {"type": "bar", "color": charts.PALETTE[0]}, "encoding": enc},
            {"mark": {"type": "text", "align": "left", "baseline": "middle", "dx": 3,
                      "color": "#1f2937"},
             "encoding": {**enc, "text": {"field": "n", "type": "quantitative",
                                          "format": ",~f"}}},
        ],
    }
    return charts.Chart(key, title, spec, org)


def value_chart(key: str, title: str, rows: list[dict], kind: str, org) -> charts.Chart:
    """Planned against realised value per year (grouped bars) of one kind of benefit."""
    names = {"planned": _("Planned"), "realised": _("Realised")}
    order = list(names.values())
    values = [{"year": str(r["year"]), "kind": names[part], "amount": float(r[f"{kind}_{part}"])}
              for r in rows for part in ("planned", "realised")
              if r[f"{kind}_{part}"] is not None]
    spec = {
        "$schema": SCHEMA, "data": {"values": values}, "width": WIDTH, "height": 220,
        "mark": {"type": "bar"},
        "encoding": {
            "x": {"field": "year", "type": "nominal", "title": _("Year"),
                  "axis": {"labelAngle": 0}},
            "xOffset": {"field": "kind", "type": "nominal", "sort": order},
            "y": {"field": "amount", "type": "quantitative", "axis": {"format": ",~f"},
                  "title": _("Value (%(currency)s)") % {"currency": org.currency}},
            "color": {"field": "kind", "type": "nominal", "title": None, "sort": order,
                      "scale": {"domain": order, "range": [charts.PALETTE[6], charts.PALETTE[0]]}},
        },
    }
    return charts.Chart(key, title, spec, org)


def _difference(planned, realised):
    return None if realised is None or planned is None else realised - planned


def _realisation_filter(request) -> realisation.RealisationFilter:
    category = request.GET.get("category", "")
    return realisation.RealisationFilter(
        unit=forms.int_or_none(request.GET.get("unit", "")),
        category=category if category in Benefit.Category.values else "")


def _realisation_page(request, *, initiative=None, programme=None):
    org = request.organisation
    rf = _realisation_filter(request)
    numbers = realisation.summary(org, initiative=initiative, programme=programme,
                                  filters=rf)
    rows, health, statuses = numbers["years"], numbers["health"], numbers["status"]
    chart_list = [
        count_chart("benefit_health", _("Benefits by follow-up status"),
                    [{"label": h["label"], "n": h["count"]} for h in health],
                    _("Benefits"), _("Follow-up status"), org),
        count_chart("benefit_status", _("Benefits by lifecycle status"),
                    [{"label": s["label"], "n": s["count"]} for s in statuses],
                    _("Benefits"), _("Status"), org),
    ]
    blocks = [
        {"kind": "cash", "heading": _("Cash-releasing benefits"),
         "title": _("Cash-releasing benefits: planned and realised value per year")},
        {"kind": "non_cash", "heading": _("Capacity freed"),
         "title": _("Capacity freed (non-cash): planned and realised value per year")},
    ]
    sums = realisation.totals(rows)
    for block in blocks:
        kind = block["kind"]
        block["rows"] = [{"year": r["year"], "planned": r[f"{kind}_planned"],
                          "realised": r[f"{kind}_realised"],
                          "difference": _difference(r[f"{kind}_planned"],
                                                    r[f"{kind}_realised"])} for r in rows]
        block["total"] = {"planned": sums[f"{kind}_planned"],
                          "realised": sums[f"{kind}_realised"],
                          "difference": _difference(sums[f"{kind}_planned"],
                                                    sums[f"{kind}_realised"])}
        if rows:
            block["chart"] = value_chart(f"value_{kind}", block["title"], rows, kind, org)
            chart_list.append(block["chart"])
    drawn = {c.key: c for c in charts.render_many(chart_list)}
    selects = [
        {"id": "f-unit", "name": "unit", "label": _("Receiving unit"),
         "options": select_options(selectors.unit_options(org), rf.unit)},
        {"id": "f-category", "name": "category", "label": _("Category"),
         "options": select_options(Benefit.Category.choices, rf.category)},
    ]
    return {
        "rows": rows, "blocks": blocks, "health": health,
        "statuses": statuses, "charts": drawn, "filters": selects,
        "attributed": initiative is not None or programme is not None,
        "health_total": sum(h["count"] for h in health),
        "not_monetised_total": sum(h["not_monetised"] for h in health),
        "status_total": sum(s["count"] for s in statuses),
    }


@role_required(READ_PORTFOLIO)
@require_GET
def benefits_dashboard(request, org_slug):
    """Planned against realised benefits of the organisation (or of one programme or
    initiative, attributed), with counts by follow-up and lifecycle status."""
    org = request.organisation
    g = request.GET
    programme_id = forms.int_or_none(g.get("programme", ""))
    programme = (Programme.objects.filter(organisation=org, pk=programme_id).first()
                 if programme_id else None)
    reference = g.get("initiative", "").strip().upper()
    initiative = (Initiative.objects.filter(organisation=org, reference=reference)
                  .only("pk", "reference", "title").first() if reference else None)
    if reference and initiative is None:
        messages.warning(request, _("There is no initiative %(reference)s; showing all.")
                         % {"reference": reference})
    context = _realisation_page(request, initiative=initiative,
                                programme=None if initiative else programme)
    context["filters"] = [
        {"id": "f-programme", "name": "programme", "label": _("Programme"),
         "options": select_options(programmes(org), programme.pk if programme else None)},
        *context["filters"]]
    context.update({"scope": "organisation", "initiative": initiative,
                    "programme": programme, "initiative_reference": reference,
                    "action": reverse("benefits_dashboard", kwargs={"org_slug": org.slug})})
    return render(request, "benefits/realisation/dashboard.html", context)


@role_required(READ_PORTFOLIO)
@require_GET
def initiative_realisation(request, org_slug, reference):
    org = request.organisation
    initiative = get_initiative(org, reference)
    context = _realisation_page(request, initiative=initiative)
    action = reverse("initiative_realisation",
                     kwargs={"org_slug": org.slug, "reference": initiative.reference})
    context.update({"scope": "initiative", "initiative": initiative, "action": action})
    return render(request, "benefits/realisation/dashboard.html", context)


@role_required(READ_PORTFOLIO)
@require_GET
def programme_realisation(request, org_slug, programme):
    org = request.organisation
    obj = get_programme(org, programme)
    context = _realisation_page(request, programme=obj)
    context.update({"scope": "programme", "programme": obj, "action": reverse(
        "programme_realisation", kwargs={"org_slug": org.slug, "programme": obj.reference})})
    return render(request, "benefits/realisation/dashboard.html", context)


MEASURE = "benefits/<str:benefit>/measures/<int:measure_id>/"
MEASUREMENT = MEASURE + "measurements/<int:measurement_id>/"

urlpatterns = [
    # Fixed paths first: benefits/<str:benefit>/ of the register would catch them.
    path("benefits/measurements/", measurement_grid, name="measurement_grid"),
    path("benefits/dashboard/", benefits_dashboard, name="benefits_dashboard"),
    path("initiatives/<str:reference>/benefits/realisation/", initiative_realisation,
         name="initiative_realisation"),
    path("programmes/<str:programme>/benefits/realisation/", programme_realisation,
         name="programme_realisation"),
    path("benefits/<str:benefit>/measures/", benefit_measures, name="benefit_measures"),
    path("benefits/<str:benefit>/measures/new/", measure_create, name="measure_create"),
    path(MEASURE + "edit/", measure_edit, name="measure_edit"),
    path(MEASURE + "delete/", measure_delete, name="measure_delete"),
    path(MEASURE + "plan/", measure_plan, name="measure_plan"),
    path(MEASURE + "measurements/new/", measurement_create, name="measurement_create"),
    path(MEASUREMENT + "edit/", measurement_edit, name="measurement_edit"),
    path(MEASUREMENT + "verify/", measurement_verify, name="measurement_verify"),
    path(MEASUREMENT + "delete/", measurement_delete, name="measurement_delete"),
]
