"""Status reports: an initiative's status tab, one report, drafts (edit, publish, delete),
and the portfolio page of who has reported for a period."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gevinst.core.access import READ_PORTFOLIO, WRITE_PORTFOLIO, has_role, role_required
from gevinst.core.forms import run_service
from gevinst.core.templatetags.gevinst_format import format_money
from gevinst.portfolio import periods
from gevinst.portfolio.forms.reports import NewReportForm, StatusReportForm
from gevinst.portfolio.models import RAG, StatusReport
from gevinst.portfolio.selectors import initiatives as initiative_selectors
from gevinst.portfolio.selectors import reports as selectors
from gevinst.portfolio.services.reports import (
    do_create_report,
    do_delete_report,
    do_publish_report,
    do_update_report,
)

RAG_COLOURS = {RAG.GREEN: "success", RAG.AMBER: "warning", RAG.RED: "danger"}


def money(value, organisation) -> str:
    """An amount in the organisation's conventions and currency; a dash for none."""
    return format_money(value, organisation) or "—"


def rag_tag(value: str) -> dict:
    return {"value": value, "label": str(RAG(value).label) if value else _("Not set"),
            "colour": RAG_COLOURS.get(value, "neutral")}


def report_view(report: StatusReport, organisation) -> dict:
    """What templates show of a report: labels, tags and amounts ready to print."""
    cadence = organisation.status_report_cadence
    return {
        "obj": report,
        "period": periods.period_label(report.period_start, cadence),
        "overall": rag_tag(report.overall),
        "dimensions": [{"label": d.label, "tag": rag_tag(d.rag), "comment": d.comment}
                       for d in selectors.dimensions(report)],
        "budget": money(report.budget, organisation),
        "actual": money(report.actual, organisation),
        "forecast": money(report.forecast, organisation),
    }


def risk_suggestion(initiative, chosen: str = "") -> dict:
    """The risk dimension the risk register suggests for a report of ``initiative``: its
    RAG and why, from the initiative's open risks (one query). ``rag`` is empty when the
    register holds no open risk of the initiative (nothing to go by). Only a suggestion:
    ``differs`` tells when the report says otherwise."""
    from gevinst.risks import calc
    from gevinst.risks.selectors import open_risks_for_report

    risks = [r for r in open_risks_for_report(initiative) if r.kind == "risk"]
    if not risks:
        return {"rag": "", "reason": _("The risk register holds no open risk of this "
                                       "initiative."), "count": 0, "differs": False}
    rag, reason = calc.suggested_risk_rag(risks)
    return {"rag": rag, "reason": reason, "tag": rag_tag(rag), "count": len(risks),
            "differs": bool(chosen) and chosen != rag}


def _refused(request, report, status: int = 409):
    return render(request, "portfolio/reports/report_locked.html", {
        "initiative": report.initiative, "report": report_view(report, request.organisation),
    }, status=status)


@role_required(READ_PORTFOLIO)
@require_GET
def initiative_status(request, org_slug, reference):
    org = request.organisation
    initiative = initiative_selectors.get_initiative(org, reference)
    initiative.organisation = org
    latest = selectors.latest_published(initiative)
    can_write = has_role(request.membership, WRITE_PORTFOLIO)
    new_form = None
    if can_write:
        choices = [(p.isoformat(), periods.period_label(p, org.status_report_cadence))
                   for p in selectors.open_periods(initiative)]
        if choices:
            default = selectors.default_period(org).isoformat()
            new_form = NewReportForm(choices=choices, initial={
                "period_start": default if default in dict(choices) else choices[0][0]})
    return render(request, "portfolio/reports/initiative_status.html", {
        "initiative": initiative, "tab": "status", "can_write": can_write,
        "latest": report_view(latest, org) if latest else None,
        "trend": [report_view(r, org) for r in selectors.trend(initiative)],
        "dimension_labels": selectors.dimension_labels(),
        "drafts": [report_view(r, org) for r in selectors.draft_reports(initiative)],
        "new_form": new_form,
    })


@role_required(WRITE_PORTFOLIO)
@require_POST
def report_create(request, org_slug, reference):
    org = request.organisation
    initiative = initiative_selectors.get_initiative(org, reference)
    period = periods.parse_period(request.POST.get("period_start", ""),
                                  org.status_report_cadence)
    if period is None:
        messages.error(request, _("Choose the period the report is for."))
        return redirect("initiative_status", org_slug=org.slug, reference=initiative.reference)
    # A new draft's risk status comes from the risk register (a suggestion: it can be
    # changed like any other field).
    suggested = risk_suggestion(initiative)["rag"]
    try:
        report = do_create_report(actor=request.user, initiative=initiative,
                                  period_start=period,
                                  data={"risk": suggested} if suggested else None)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("initiative_status", org_slug=org.slug, reference=initiative.reference)
    messages.success(request, _("Draft created for %(period)s, filled in from the latest "
                                "published report where there was one.")
                     % {"period": periods.period_label(report.period_start,
                                                       org.status_report_cadence)})
    if suggested:
        messages.info(request, _("The risk status is suggested by the risk register: "
                                 "%(rag)s. Change it if you know better.")
                      % {"rag": RAG(suggested).label})
    return redirect("status_report_edit", org_slug=org.slug, reference=initiative.reference,
                    report_id=report.pk)


@role_required(READ_PORTFOLIO)
@require_GET
def report_detail(request, org_slug, reference, report_id):
    org = request.organisation
    report = selectors.get_report(org, reference, report_id)
    return render(request, "portfolio/reports/report_detail.html", {
        "initiative": report.initiative, "tab": "status", "report": report_view(report, org),
        "can_write": has_role(request.membership, WRITE_PORTFOLIO),
    })


@role_required(WRITE_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def report_edit(request, org_slug, reference, report_id):
    org = request.organisation
    report = selectors.get_report(org, reference, report_id)
    if report.is_published:
        return _refused(request, report)
    suggestion = risk_suggestion(report.initiative, chosen=report.risk)
    initial = {"version": report.version}
    if suggestion["rag"] and not report.risk:  # never over a status someone chose
        initial["risk"] = suggestion["rag"]
    form = StatusReportForm(request.POST or None, instance=report, currency=org.currency,
                            initial=initial, risk_suggestion=suggestion)
    if request.method == "POST" and form.is_valid():
        publish = request.POST.get("action") == "publish"
        service = do_publish_report if publish else do_update_report
        kwargs = {"data": form.report_data(), "expected_version": form.cleaned_data["version"]}
        saved = run_service(form, lambda: service(actor=request.user, report=report, **kwargs))
        if saved:
            label = periods.period_label(saved.period_start, org.status_report_cadence)
            if publish:
                messages.success(request, _("Status report for %(period)s published.")
                                 % {"period": label})
                return redirect("status_report_detail", org_slug=org.slug,
                                reference=report.initiative.reference, report_id=saved.pk)
            messages.success(request, _("Draft for %(period)s saved.") % {"period": label})
            return redirect("initiative_status", org_slug=org.slug,
                            reference=report.initiative.reference)
    current = None
    if getattr(form, "edit_conflict", False):
        current = selectors.get_report(org, reference, report_id)
    return render(request, "portfolio/reports/report_form.html", {
        "initiative": report.initiative, "tab": "status", "form": form,
        "report": report_view(report, org), "current": current,
        "risk_suggestion": suggestion,
    })


@role_required(WRITE_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def report_delete(request, org_slug, reference, report_id):
    org = request.organisation
    report = selectors.get_report(org, reference, report_id)
    if report.is_published:
        return _refused(request, report)
    if request.method == "POST":
        label = periods.period_label(report.period_start, org.status_report_cadence)
        do_delete_report(actor=request.user, report=report)
        messages.success(request, _("Draft for %(period)s deleted.") % {"period": label})
        return redirect("initiative_status", org_slug=org.slug,
                        reference=report.initiative.reference)
    return render(request, "portfolio/reports/report_delete.html", {
        "initiative": report.initiative, "tab": "status", "report": report_view(report, org),
    })


@role_required(READ_PORTFOLIO)
@require_GET
def status_reports(request, org_slug):
    org = request.organisation
    cadence = org.status_report_cadence
    period = (periods.parse_period(request.GET.get("period", ""), cadence)
              or selectors.default_period(org))
    choices = periods.recent_periods(timezone.localdate(), cadence, 12)
    if period not in choices:
        choices.append(period)
    summary = selectors.period_summary(org, period)
    return render(request, "portfolio/reports/status_reports.html", {
        "period": period,
        "period_label": periods.period_label(period, cadence),
        "due": periods.due_date(period, cadence, org.status_report_due_day),
        "choices": [(p.isoformat(), periods.period_label(p, cadence)) for p in choices],
        "summary": summary,
        "rag_counts": [(rag_tag(v), summary.by_rag[v]) for v in RAG.values],
        "missing": list(selectors.not_reported(org, period)),
        "published": [{"obj": r, "overall": rag_tag(r.overall)}
                      for r in selectors.published_in(org, period)],
    })
