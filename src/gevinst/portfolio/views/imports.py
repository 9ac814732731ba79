"""Excel import (PMO and admin): upload, template, column mapping, dry run, import, progress."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from gevinst.core.access import role_required
from gevinst.core.excel import XLSX_TYPE, xlsx_response
from gevinst.core.forms import run_service
from gevinst.core.models import Role
from gevinst.portfolio.forms.imports import MappingForm, UploadForm
from gevinst.portfolio.imports.headings import FIELDS, KINDS
from gevinst.portfolio.imports.selectors import get_import_job, recent_import_jobs
from gevinst.portfolio.imports.template import template_bytes
from gevinst.portfolio.models.imports import ImportJob
from gevinst.portfolio.services.imports import (
    do_set_mapping,
    do_start_check,
    do_start_import,
    do_upload_import,
)

IMPORT_PORTFOLIO = Role.PMO
ERRORS_SHOWN = 1000


@role_required(IMPORT_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def import_start(request, org_slug):
    org = request.organisation
    kind = request.GET.get("kind", "")  # ?kind=benefits from the benefit register's link
    form = UploadForm(request.POST or None, request.FILES or None,
                      initial={"kind": kind} if kind in ImportJob.Kind.values else None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = run_service(form, lambda: do_upload_import(
            actor=request.user, organisation=org, kind=form.cleaned_data["kind"],
            data=upload.read(), file_name=upload.name))
        if job:
            return redirect("import_job", org_slug=org.slug, job_id=job.pk)
    return render(request, "portfolio/imports/start.html", {
        "form": form, "jobs": recent_import_jobs(org), "kinds": ImportJob.Kind.choices,
    })


@role_required(IMPORT_PORTFOLIO)
@require_GET
def import_template(request, org_slug):
    kind = request.GET.get("kind", "initiatives")
    if kind not in FIELDS:
        raise Http404
    response = HttpResponse(template_bytes(kind, request.organisation), content_type=XLSX_TYPE)
    names = {"initiatives": _("initiatives"), "money": _("money-per-year")}
    name = names[kind] if kind in names else str(KINDS[kind].file_name)
    response["Content-Disposition"] = f'attachment; filename="gevinst-{name}-template.xlsx"'
    return response


@role_required(IMPORT_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def import_job(request, org_slug, job_id):
    org = request.organisation
    job = get_import_job(org, job_id)
    form = MappingForm(request.POST or None, job=job)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "check" and form.is_valid():
            started = run_service(form, lambda: do_start_check(
                actor=request.user, job=do_set_mapping(actor=request.user, job=job,
                                                       mapping=form.mapping())))
            if started:
                return redirect("import_job", org_slug=org.slug, job_id=job.pk)
        elif action == "import":
            started = run_service(form, lambda: do_start_import(actor=request.user, job=job))
            if started:
                job.refresh_from_db()
                if job.status == ImportJob.Status.DONE:
                    messages.success(request, _("The import is finished."))
                return redirect("import_job", org_slug=org.slug, job_id=job.pk)
        job.refresh_from_db()
    if request.htmx and request.htmx.target == "import-progress":
        if not job.is_busy:  # finished: show the whole page with the outcome
            response = HttpResponse("")
            response["HX-Refresh"] = "true"
            return response
        return render(request, "portfolio/imports/job.html#progress", {"job": job})
    return render(request, "portfolio/imports/job.html", {
        "job": job, "form": form, "errors": job.errors[:ERRORS_SHOWN],
        "more_errors": max(0, len(job.errors) - ERRORS_SHOWN),
        "fields": FIELDS[job.kind],
        "editable": not job.is_busy and job.status != ImportJob.Status.DONE,
    })


@role_required(IMPORT_PORTFOLIO)
@require_GET
def import_errors(request, org_slug, job_id):
    job = get_import_job(request.organisation, job_id)
    headers = [_("Row"), _("Column"), _("Heading"), _("Value"), _("Problem")]
    rows = ((e["row"] or None, e["column"], e["heading"], e["value"], e["message"])
            for e in job.errors)
    return xlsx_response(f"import-{job.pk}-errors.xlsx", _("Errors"), headers, rows)
