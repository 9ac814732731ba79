"""The phase model (admin settings) and an initiative's "Phases and gates" tab."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gevinst.core.access import (
    MANAGE_ORGANISATION,
    READ_PORTFOLIO,
    WRITE_PORTFOLIO,
    has_role,
    role_required,
)
from gevinst.core.forms import run_service
from gevinst.core.history import history_entries
from gevinst.core.models import Role
from gevinst.portfolio.forms.gates import (
    ChecklistItemForm,
    GateDecisionForm,
    NewPhaseForm,
    NewTemplateItemForm,
    PhaseForm,
    TemplateItemForm,
)
from gevinst.portfolio.selectors import gates as selectors
from gevinst.portfolio.selectors.initiatives import get_initiative
from gevinst.portfolio.services import gates as services

# Who records gate decisions: the portfolio office and the organisation's admins.
# Contributors work through the checklists.
RECORD_GATE_DECISIONS = Role.PMO


def _refresh_fingerprint(form, instance, fields) -> None:
    """After an edit conflict, keep what was typed but start from the current record, so
    that saving again is a deliberate choice."""
    if getattr(form, "edit_conflict", False):
        current = type(instance)._base_manager.get(pk=instance.pk)
        form.data = form.data.copy()
        form.data["fingerprint"] = services.fingerprint(current, fields)
        form.current = current


# --- Settings: the phase model -------------------------------------------------------------


@role_required(MANAGE_ORGANISATION)
@require_GET
def phase_list(request, org_slug):
    from gevinst.portfolio.defaults import BY_KEY

    rows = selectors.phase_model(request.organisation)
    missing = [r.phase for r in rows
               if not r.items and BY_KEY.get(r.phase.key) and BY_KEY[r.phase.key].checklist]
    return render(request, "portfolio/phases/list.html",
                  {"rows": rows, "tab": "phases", "missing_defaults": missing})


@role_required(MANAGE_ORGANISATION)
@require_POST
def phase_defaults(request, org_slug):
    """Give standard phases whose checklist is empty the default checklist."""
    from gevinst.portfolio.services.initiatives import do_install_default_phases

    do_install_default_phases(organisation=request.organisation, actor=request.user)
    messages.success(request, _("The standard checklists were added to the phases without "
                                "a checklist."))
    return redirect("phase_list", org_slug=org_slug)


@role_required(MANAGE_ORGANISATION)
@require_http_methods(["GET", "POST"])
def phase_create(request, org_slug):
    org = request.organisation
    form = NewPhaseForm(request.POST or None, organisation=org)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        phase = run_service(form, lambda: services.do_create_phase(
            actor=request.user, organisation=org, name=cd["custom_name"], after=cd["after"],
            description=cd["description"], is_work_in_progress=cd["is_work_in_progress"]))
        if phase:
            messages.success(request, _("Phase %(phase)s added.") % {"phase": phase})
            return redirect("phase_edit", org_slug=org.slug, phase_id=phase.pk)
    return render(request, "portfolio/phases/new.html", {"form": form, "tab": "phases"})


@role_required(MANAGE_ORGANISATION)
@require_http_methods(["GET", "POST"])
def phase_edit(request, org_slug, phase_id):
    org = request.organisation
    phase = selectors.get_phase(org, phase_id)
    form = PhaseForm(request.POST or None, instance=phase, initial={
        "fingerprint": services.fingerprint(phase, services.PHASE_FIELDS)})
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in services.PHASE_FIELDS}
        if run_service(form, lambda: services.do_update_phase(
                actor=request.user, phase=phase, data=data,
                expected=form.cleaned_data["fingerprint"])):
            messages.success(request, _("Phase %(phase)s saved.") % {"phase": phase})
            return redirect("phase_list", org_slug=org.slug)
        _refresh_fingerprint(form, phase, services.PHASE_FIELDS)
        phase = selectors.get_phase(org, phase_id)
    items = list(phase.template_items.filter(organisation=org).order_by("order", "pk"))
    return render(request, "portfolio/phases/edit.html", {
        "form": form, "phase": phase, "items": items, "tab": "phases",
        "history": history_entries(phase, limit=20)})


@role_required(MANAGE_ORGANISATION)
@require_POST
def phase_move(request, org_slug, phase_id):
    phase = selectors.get_phase(request.organisation, phase_id)
    try:
        services.do_move_phase(actor=request.user, phase=phase,
                               direction=request.POST.get("direction", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Phase %(phase)s moved.") % {"phase": phase})
    return redirect("phase_list", org_slug=org_slug)


@role_required(MANAGE_ORGANISATION)
@require_POST
def phase_delete(request, org_slug, phase_id):
    phase = selectors.get_phase(request.organisation, phase_id)
    name = str(phase)
    try:
        services.do_delete_phase(actor=request.user, phase=phase)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Phase %(phase)s removed.") % {"phase": name})
    return redirect("phase_list", org_slug=org_slug)


@role_required(MANAGE_ORGANISATION)
@require_http_methods(["GET", "POST"])
def template_item_create(request, org_slug, phase_id):
    org = request.organisation
    phase = selectors.get_phase(org, phase_id)
    form = NewTemplateItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        item = run_service(form, lambda: services.do_create_template_item(
            actor=request.user, phase=phase, text=cd["text"], guidance=cd["guidance"],
            is_mandatory=cd["is_mandatory"], order=cd["order"]))
        if item:
            messages.success(request, _("Checklist item added to %(phase)s.") % {"phase": phase})
            return redirect("phase_edit", org_slug=org.slug, phase_id=phase.pk)
    return render(request, "portfolio/phases/item_form.html",
                  {"form": form, "phase": phase, "item": None, "tab": "phases"})


@role_required(MANAGE_ORGANISATION)
@require_http_methods(["GET", "POST"])
def template_item_edit(request, org_slug, template_item_id):
    org = request.organisation
    item = selectors.get_template_item(org, template_item_id)
    form = TemplateItemForm(request.POST or None, instance=item, initial={
        "fingerprint": services.fingerprint(item, services.TEMPLATE_ITEM_FIELDS)})
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in services.TEMPLATE_ITEM_FIELDS}
        if run_service(form, lambda: services.do_update_template_item(
                actor=request.user, item=item, data=data,
                expected=form.cleaned_data["fingerprint"])):
            messages.success(request, _("Checklist item saved."))
            return redirect("phase_edit", org_slug=org.slug, phase_id=item.phase_id)
        _refresh_fingerprint(form, item, services.TEMPLATE_ITEM_FIELDS)
    return render(request, "portfolio/phases/item_form.html", {
        "form": form, "phase": item.phase, "item": item, "tab": "phases",
        "history": history_entries(item, limit=20)})


@role_required(MANAGE_ORGANISATION)
@require_POST
def template_item_delete(request, org_slug, template_item_id):
    item = selectors.get_template_item(request.organisation, template_item_id)
    services.do_delete_template_item(actor=request.user, item=item)
    messages.success(request, _("Checklist item deleted. Initiatives already in the phase "
                                "keep their copy."))
    return redirect("phase_edit", org_slug=org_slug, phase_id=item.phase_id)


# --- An initiative's phases and gates ------------------------------------------------------


def _gates_page(request, initiative, *, item_forms=None, decision_form=None, status=200):
    view = selectors.gate_view(initiative)
    # The next decision would close the initiative: its benefits must be handed over.
    closes = view.next_phase is not None and view.next_phase.pk == view.phases[-1].pk
    benefits = services.benefits_for_review(initiative)
    can_write = has_role(request.membership, WRITE_PORTFOLIO)
    item_forms = item_forms or {}
    rows = [{"item": item,
             "form": item_forms.get(item.pk) or ChecklistItemForm.for_item(item)}
            for item in view.current_items]
    return render(request, "portfolio/gates/initiative_gates.html", {
        "initiative": initiative, "tab": "gates", "view": view, "rows": rows,
        "can_write": can_write,
        "can_decide": has_role(request.membership, RECORD_GATE_DECISIONS),
        "benefits": benefits, "closes": closes,
        "closing_blocked": [b for b in benefits if b.blocks_closure] if closes else [],
        "decision_form": decision_form or GateDecisionForm(
            initial={"version": initiative.version}),
    }, status=status)


@role_required(READ_PORTFOLIO)
@require_GET
def initiative_gates(request, org_slug, reference):
    return _gates_page(request, get_initiative(request.organisation, reference))


@role_required(WRITE_PORTFOLIO)
@require_POST
def checklist_item_update(request, org_slug, reference, item_id):
    initiative = get_initiative(request.organisation, reference)
    item = selectors.get_checklist_item(initiative, item_id)
    form = ChecklistItemForm(request.POST, prefix=f"item-{item.pk}")
    saved = None
    if form.is_valid():
        cd = form.cleaned_data
        saved = run_service(form, lambda: services.do_update_checklist_item(
            actor=request.user, item=item, status=cd["status"], comment=cd["comment"],
            expected_version=cd["version"]))
    if request.htmx:
        fresh = selectors.get_checklist_item(initiative, item.pk)
        context = {"row": {"item": fresh,
                           "form": ChecklistItemForm.for_item(fresh) if saved else form},
                   "initiative": initiative, "can_write": True, "saved": bool(saved)}
        return render(request, "portfolio/gates/_checklist_item.html", context)
    if saved:
        messages.success(request, _("Checklist item saved: %(item)s") % {"item": item.text})
        return redirect("initiative_gates", org_slug=org_slug, reference=initiative.reference)
    return _gates_page(request, initiative, item_forms={item.pk: form})


@role_required(RECORD_GATE_DECISIONS)
@require_POST
def gate_decision_create(request, org_slug, reference):
    initiative = get_initiative(request.organisation, reference)
    form = GateDecisionForm(request.POST)
    if form.is_valid():
        cd = form.cleaned_data
        record = run_service(form, lambda: services.do_record_gate_decision(
            actor=request.user, initiative=initiative, decision=cd["decision"],
            decided_on=cd["decided_on"], decided_by=cd["decided_by"],
            rationale=cd["rationale"], conditions=cd["conditions"],
            benefits_reviewed=cd["benefits_reviewed"], benefits_review=cd["benefits_review"],
            expected_version=cd["version"]))
        if record:
            messages.success(request, _("Decision recorded: %(decision)s.")
                             % {"decision": record.get_decision_display()})
            return redirect("initiative_gates", org_slug=org_slug,
                            reference=initiative.reference)
        initiative = get_initiative(request.organisation, reference)
    return _gates_page(request, initiative, decision_form=form)
