"""The initiative log (decisions, change requests, issues, lessons) and the lesson search."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gevinst.core.access import READ_PORTFOLIO, WRITE_PORTFOLIO, has_role, role_required
from gevinst.core.forms import run_service
from gevinst.core.versioning import EditConflict
from gevinst.portfolio.forms.logs import EditLogEntryForm, LogEntryForm
from gevinst.portfolio.models import LogEntry
from gevinst.portfolio.selectors import initiatives as initiative_selectors
from gevinst.portfolio.selectors import logs as selectors
from gevinst.portfolio.services.logs import (
    CLOSABLE,
    do_create_log_entry,
    do_set_log_entry_status,
    do_update_log_entry,
)

FIELDS = LogEntryForm.Meta.fields


def _kind(value: str) -> str:
    return value if value in LogEntry.Kind.values else ""


@role_required(READ_PORTFOLIO)
@require_GET
def initiative_log(request, org_slug, reference):
    initiative = initiative_selectors.get_initiative(request.organisation, reference)
    kind = _kind(request.GET.get("kind", ""))
    return render(request, "portfolio/log/initiative.html", {
        "initiative": initiative, "tab": "log", "kind": kind, "kinds": LogEntry.Kind.choices,
        "entries": list(selectors.log_entries(initiative, kind)), "closable": CLOSABLE,
        "can_write": has_role(request.membership, WRITE_PORTFOLIO),
    })


@role_required(WRITE_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def initiative_log_new(request, org_slug, reference):
    org = request.organisation
    initiative = initiative_selectors.get_initiative(org, reference)
    initial = {"kind": _kind(request.GET.get("kind", "")) or LogEntry.Kind.DECISION,
               "occurred_on": timezone.localdate()}
    form = LogEntryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in FIELDS}
        entry = run_service(form, lambda: do_create_log_entry(
            actor=request.user, initiative=initiative, **data))
        if entry:
            messages.success(request, _("“%(title)s” added to the log.") % {"title": entry.title})
            return redirect("initiative_log", org_slug=org.slug, reference=initiative.reference)
    return render(request, "portfolio/log/form.html",
                  {"form": form, "initiative": initiative, "entry": None})


@role_required(WRITE_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def initiative_log_edit(request, org_slug, reference, entry_id):
    org = request.organisation
    initiative = initiative_selectors.get_initiative(org, reference)
    entry = selectors.get_log_entry(initiative, entry_id)
    form = EditLogEntryForm(request.POST or None, instance=entry,
                            initial={"version": entry.version})
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in FIELDS}
        saved = run_service(form, lambda: do_update_log_entry(
            actor=request.user, entry=entry, data=data,
            expected_version=form.cleaned_data["version"]))
        if saved:
            messages.success(request, _("“%(title)s” saved.") % {"title": saved.title})
            return redirect("initiative_log", org_slug=org.slug, reference=initiative.reference)
    current = None
    if getattr(form, "edit_conflict", False):
        current = selectors.get_log_entry(initiative, entry_id)
    return render(request, "portfolio/log/form.html",
                  {"form": form, "initiative": initiative, "entry": entry, "current": current})


@role_required(WRITE_PORTFOLIO)
@require_POST
def initiative_log_status(request, org_slug, reference, entry_id):
    org = request.organisation
    initiative = initiative_selectors.get_initiative(org, reference)
    entry = selectors.get_log_entry(initiative, entry_id)
    version = request.POST.get("version", "")
    try:
        do_set_log_entry_status(actor=request.user, entry=entry,
                                status=request.POST.get("status", ""),
                                expected_version=int(version) if version.isdigit() else None)
    except EditConflict:
        messages.error(request, _("Somebody else changed “%(title)s” meanwhile; look at it "
                                  "again before you close or reopen it.") % {"title": entry.title})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if entry.status == LogEntry.Status.CLOSED:
            messages.success(request, _("“%(title)s” closed.") % {"title": entry.title})
        else:
            messages.success(request, _("“%(title)s” reopened.") % {"title": entry.title})
    return redirect("initiative_log", org_slug=org.slug, reference=initiative.reference)


@role_required(READ_PORTFOLIO)
@require_GET
def lesson_search(request, org_slug):
    org = request.organisation
    g = request.GET
    unit = g.get("unit", "")
    kind = g.get("kind", LogEntry.Kind.LESSON)
    f = selectors.LessonFilter(
        q=g.get("q", "")[:200],
        kind=kind if kind in LogEntry.Kind.values or kind == "" else LogEntry.Kind.LESSON,
        unit=int(unit) if unit.isdigit() else None,
        phase=g.get("phase", ""),
    )
    paginator = Paginator(selectors.search_log(org, f), settings.GEVINST_PAGE_SIZE)
    page = paginator.get_page(g.get("page"))
    query = g.copy()
    query.pop("page", None)
    return render(request, "portfolio/log/lessons.html", {
        "page": page, "filter": f, "query": query.urlencode(), "kinds": LogEntry.Kind.choices,
        "units": list(initiative_selectors.units(org)),
        "phases": list(initiative_selectors.phases(org)),
    })
