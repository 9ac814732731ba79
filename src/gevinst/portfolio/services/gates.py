"""Every write to the phase model, the checklists and the gate decisions.

The phase model (phases and their checklist templates) belongs to the organisation's admin.
An initiative gets a copy of a phase's checklist when it enters the phase; contributors work
through it; a portfolio manager records the decision at the decision point, which is the
only way an initiative changes phase.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from gevinst.core.models import Organisation, User
from gevinst.core.versioning import EditConflict, claim_version
from gevinst.portfolio.models import (
    ChecklistItem,
    ChecklistTemplateItem,
    GateDecision,
    Initiative,
    Phase,
)

PHASE_FIELDS = ("custom_name", "description", "is_work_in_progress")
TEMPLATE_ITEM_FIELDS = ("text", "guidance", "is_mandatory", "order")
Decision = GateDecision.Decision
MOVES = {Decision.APPROVE, Decision.APPROVE_WITH_CONDITIONS}


def _tracked(instance, actor):
    instance._history_user = actor
    return instance


def fingerprint(instance, fields) -> str:
    """What the editor started from, for records without a version field: a change by
    somebody else in between changes the fingerprint."""
    raw = "\x1f".join(repr(getattr(instance, f)) for f in fields)
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def _check_fingerprint(instance, fields, expected: str | None) -> None:
    current = type(instance)._base_manager.select_for_update().get(pk=instance.pk)
    if expected != fingerprint(current, fields):
        raise EditConflict(instance, -1)


def _clean(instance, exclude=()) -> None:
    try:
        instance.full_clean(exclude=["organisation", *exclude], validate_unique=False,
                            validate_constraints=False)
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from exc


# --- The phase model (admin) ---------------------------------------------------------------


@transaction.atomic
def do_update_phase(*, actor: User, phase: Phase, data: dict, expected: str | None) -> Phase:
    """Rename a phase, describe it, or change whether it counts as work in progress."""
    for field, value in data.items():
        if field not in PHASE_FIELDS:
            raise TypeError(f"unknown phase field: {field}")
        setattr(phase, field, value.strip() if isinstance(value, str) else value)
    _check_fingerprint(phase, PHASE_FIELDS, expected)
    _clean(phase, exclude=["key", "order"])
    _tracked(phase, actor).save()
    return phase


def _new_key(organisation: Organisation, name: str) -> str:
    base = (slugify(name) or "phase")[:24]
    taken = set(Phase.objects.filter(organisation=organisation).values_list("key", flat=True))
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


@transaction.atomic
def do_create_phase(*, actor: User, organisation: Organisation, name: str,
                    after: Phase | None, description: str = "",
                    is_work_in_progress: bool = False) -> Phase:
    """Add a custom phase after ``after`` (at the start when ``after`` is None)."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"custom_name": _("Give the phase a name.")})
    if after is not None and after.organisation_id != organisation.pk:
        raise ValidationError({"after": _("Choose a phase of this organisation.")})
    position = after.order + 1 if after is not None else 1
    # Make room, from the end, so that no two phases ever share a place.
    for later in (Phase.objects.filter(organisation=organisation, order__gte=position)
                  .order_by("-order")):
        later.order += 1
        _tracked(later, actor).save(update_fields=["order"])
    phase = Phase(organisation=organisation, key=_new_key(organisation, name),
                  custom_name=name, order=position, description=description.strip(),
                  is_work_in_progress=is_work_in_progress)
    _clean(phase)
    _tracked(phase, actor).save()
    return phase


@transaction.atomic
def do_move_phase(*, actor: User, phase: Phase, direction: str) -> Phase:
    """Swap a phase with its neighbour: ``direction`` is "up" (earlier) or "down"."""
    siblings = Phase.objects.filter(organisation_id=phase.organisation_id)
    if direction == "up":
        neighbour = siblings.filter(order__lt=phase.order).order_by("-order").first()
    elif direction == "down":
        neighbour = siblings.filter(order__gt=phase.order).order_by("order").first()
    else:
        raise ValidationError(_("Move a phase up or down."))
    if neighbour is None:
        raise ValidationError(_("%(phase)s is already at that end of the phase model.")
                              % {"phase": phase})
    parked = (siblings.aggregate(m=Max("order"))["m"] or 0) + 1
    mine, theirs = phase.order, neighbour.order
    phase.order = parked
    _tracked(phase, actor).save(update_fields=["order"])
    neighbour.order = mine
    _tracked(neighbour, actor).save(update_fields=["order"])
    phase.order = theirs
    phase.save(update_fields=["order"])
    return phase


@transaction.atomic
def do_delete_phase(*, actor: User, phase: Phase) -> None:
    """Remove a phase that no initiative is in or has ever passed through."""
    name = str(phase)
    if Phase.objects.filter(organisation_id=phase.organisation_id).count() <= 2:
        raise ValidationError(_("A phase model needs at least two phases."))
    used = (Initiative.objects.filter(phase=phase).exists()
            or ChecklistItem.objects.filter(phase=phase).exists()
            or GateDecision.objects.filter(from_phase=phase).exists()
            or GateDecision.objects.filter(to_phase=phase).exists())
    if used:
        raise ValidationError(
            _("%(phase)s is in use: initiatives are in it or have passed through it, so it "
              "cannot be removed. Rename it instead.") % {"phase": name})
    for item in ChecklistTemplateItem.objects.filter(phase=phase):
        _tracked(item, actor).delete()
    _tracked(phase, actor).delete()


@transaction.atomic
def do_create_template_item(*, actor: User, phase: Phase, text: str, guidance: str = "",
                            is_mandatory: bool = False, order: int | None = None
                            ) -> ChecklistTemplateItem:
    if order is None:
        last = ChecklistTemplateItem.objects.filter(phase=phase).aggregate(m=Max("order"))["m"]
        order = (last or 0) + 1
    item = ChecklistTemplateItem(organisation_id=phase.organisation_id, phase=phase,
                                 text=(text or "").strip(), guidance=(guidance or "").strip(),
                                 is_mandatory=is_mandatory, order=order)
    _clean(item, exclude=["phase"])
    _tracked(item, actor).save()
    return item


@transaction.atomic
def do_update_template_item(*, actor: User, item: ChecklistTemplateItem, data: dict,
                            expected: str | None) -> ChecklistTemplateItem:
    """Change a checklist item of the phase model. Initiatives already in the phase keep
    the copy they got when they entered it."""
    for field, value in data.items():
        if field not in TEMPLATE_ITEM_FIELDS:
            raise TypeError(f"unknown checklist item field: {field}")
        setattr(item, field, value.strip() if isinstance(value, str) else value)
    _check_fingerprint(item, TEMPLATE_ITEM_FIELDS, expected)
    _clean(item, exclude=["phase"])
    _tracked(item, actor).save()
    return item


@transaction.atomic
def do_delete_template_item(*, actor: User, item: ChecklistTemplateItem) -> None:
    _tracked(item, actor).delete()


# --- An initiative's checklist -------------------------------------------------------------


def copy_checklist(*, actor: User | None, initiative: Initiative, phase: Phase
                   ) -> list[ChecklistItem]:
    """Give ``initiative`` its own copy of ``phase``'s checklist (once per phase).

    Call inside the caller's transaction."""
    if ChecklistItem.objects.filter(initiative=initiative, phase=phase).exists():
        return []
    items = []
    for template in ChecklistTemplateItem.objects.filter(phase=phase).order_by("order", "pk"):
        item = ChecklistItem(organisation_id=initiative.organisation_id, initiative=initiative,
                             phase=phase, template_item=template, text=template.text,
                             guidance=template.guidance, is_mandatory=template.is_mandatory,
                             order=template.order)
        _tracked(item, actor).save()
        items.append(item)
    return items


def copy_checklists_bulk(*, actor: User | None, initiatives: list[Initiative]) -> int:
    """``copy_checklist`` for many new initiatives at once (imports).

    Two INSERT ... SELECT statements in the database (the items from the phases' templates,
    then one "+" history row per item, by ``actor``): the same rows ``copy_checklist``
    makes, without building tens of thousands of Python objects. Returns how many items
    were created.
    """
    if not initiatives:
        return 0
    ids = [i.pk for i in initiatives]
    org_id = initiatives[0].organisation_id
    item = connection.ops.quote_name
    items, history = ChecklistItem._meta.db_table, ChecklistItem.history.model._meta.db_table
    initiative_table = Initiative._meta.db_table
    template_table = ChecklistTemplateItem._meta.db_table
    now = timezone.now()
    created = 0
    with connection.cursor() as cursor:
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"INSERT INTO {items} (organisation_id, initiative_id, phase_id, "
                f"template_item_id, text, guidance, is_mandatory, {item('order')}, status, "
                f"comment, updated_at, version) "
                f"SELECT i.organisation_id, i.id, i.phase_id, t.id, t.text, t.guidance, "
                f"t.is_mandatory, t.{item('order')}, %s, '', %s, 1 "
                f"FROM {initiative_table} i JOIN {template_table} t ON t.phase_id = i.phase_id "
                f"WHERE i.organisation_id = %s AND i.id IN ({marks}) "
                f"ORDER BY i.id, t.{item('order')}, t.id",
                [ChecklistItem.Status.OPEN, now, org_id, *chunk])
            created += cursor.rowcount
            cursor.execute(
                f"INSERT INTO {history} (id, organisation_id, initiative_id, phase_id, "
                f"template_item_id, text, guidance, is_mandatory, {item('order')}, status, "
                f"comment, history_date, history_change_reason, history_type, "
                f"history_user_id) "
                f"SELECT c.id, c.organisation_id, c.initiative_id, c.phase_id, "
                f"c.template_item_id, c.text, c.guidance, c.is_mandatory, c.{item('order')}, "
                f"c.status, c.comment, %s, NULL, '+', %s "
                f"FROM {items} c WHERE c.organisation_id = %s AND c.initiative_id IN ({marks}) "
                f"ORDER BY c.id",
                [now, actor.pk if actor else None, org_id, *chunk])
    return created


@transaction.atomic
def do_update_checklist_item(*, actor: User, item: ChecklistItem, status: str, comment: str,
                             expected_version: int | None) -> ChecklistItem:
    """Mark a checklist item open, done or not relevant, with a comment."""
    phase_id = (Initiative._base_manager.filter(pk=item.initiative_id)
                .values_list("phase_id", flat=True).first())
    if item.phase_id != phase_id:
        raise ValidationError({"status": _(
            "This item belongs to a phase the initiative has left; its checklist is closed.")})
    if status not in ChecklistItem.Status.values:
        raise ValidationError({"status": _("Choose open, done or not relevant.")})
    if status == ChecklistItem.Status.NOT_RELEVANT and item.is_mandatory \
            and not (comment or "").strip():
        raise ValidationError({"comment": _(
            "Explain why a mandatory item is not relevant for this initiative.")})
    item.status = status
    item.comment = (comment or "").strip()
    claim_version(item, expected_version)
    _tracked(item, actor).save()
    return item


# --- Gate decisions ------------------------------------------------------------------------


def next_phase(phase: Phase) -> Phase | None:
    return (Phase.objects.filter(organisation_id=phase.organisation_id, order__gt=phase.order)
            .order_by("order").first())


def benefits_blocking_closure(initiative: Initiative) -> list:
    """The initiative's benefits not yet handed over to their owners: while there is one,
    the initiative cannot enter the last phase (closed)."""
    from gevinst.benefits.services.benefits import benefits_not_handed_over

    return benefits_not_handed_over(initiative)


def benefits_for_review(initiative: Initiative) -> list:
    """The benefits reviewed at the initiative's gates, in one query; each carries
    ``attribution`` (the initiative's share in it) and ``blocks_closure`` (not handed over
    to its owner yet, so the initiative cannot be closed)."""
    from gevinst.benefits.models import Benefit, BenefitInitiative

    benefits = []
    for link in (BenefitInitiative.objects
                 .filter(organisation_id=initiative.organisation_id, initiative=initiative)
                 .select_related("benefit", "benefit__owner").order_by("benefit__number")):
        benefit = link.benefit
        benefit.attribution = link.attribution
        benefit.blocks_closure = (benefit.handed_over_on is None
                                  and benefit.status != Benefit.Status.WITHDRAWN)
        benefits.append(benefit)
    return benefits


def open_mandatory_items(initiative: Initiative) -> list[ChecklistItem]:
    return list(ChecklistItem.objects.filter(
        initiative=initiative, phase_id=initiative.phase_id, is_mandatory=True,
        status=ChecklistItem.Status.OPEN).order_by("order", "pk"))


def _validate_decision(initiative: Initiative, decision: str, decided_on, decided_by: str,
                       rationale: str, conditions: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if decision not in Decision.values:
        errors["decision"] = [_("Choose approve, approve with conditions, defer or stop.")]
    if decided_on is None:
        errors["decided_on"] = [_("Give the date of the decision.")]
    elif decided_on > timezone.localdate():
        errors["decided_on"] = [_("A decision cannot be dated in the future.")]
    if not decided_by.strip():
        errors["decided_by"] = [_("Say who took the decision, e.g. the management group.")]
    if not rationale.strip():
        errors["rationale"] = [_("Give the reasons for the decision.")]
    if decision == Decision.APPROVE_WITH_CONDITIONS and not conditions.strip():
        errors["conditions"] = [_("State the conditions of the approval.")]
    return errors


@transaction.atomic
def do_record_gate_decision(*, actor: User, initiative: Initiative, decision: str,
                            decided_on: dt.date | None, decided_by: str, rationale: str,
                            conditions: str = "", benefits_reviewed: bool = False,
                            benefits_review: str = "", expected_version: int | None
                            ) -> GateDecision:
    """Record the decision at the initiative's next decision point and act on it.

    Approve (with or without conditions) moves the initiative to the next phase and gives it
    that phase's checklist; it is refused while a mandatory item of the current phase is
    open, and unless the initiative's benefits were reviewed (``benefits_reviewed``, with
    what the review found in ``benefits_review``). Entering the last phase (closed) is
    refused while a benefit of the initiative is not handed over to its owner. Stop stops
    the initiative where it is. Defer records the decision only. Entering the last phase
    completes the initiative.
    """
    decided_by, rationale, conditions = (decided_by or "").strip(), (rationale or "").strip(), \
        (conditions or "").strip()
    benefits_review = (benefits_review or "").strip()
    current = Initiative._base_manager.select_related("phase").get(pk=initiative.pk)
    if current.status == Initiative.Status.STOPPED:
        raise ValidationError({"decision": _(
            "This initiative is stopped; no further gate decisions can be recorded.")})
    target = next_phase(current.phase)
    if target is None:
        raise ValidationError({"decision": _(
            "The initiative is in the last phase; there is no decision point left.")})
    errors = _validate_decision(current, decision, decided_on, decided_by, rationale,
                                conditions)
    last = (GateDecision.objects.filter(initiative=current).order_by("-decided_on")
            .values_list("decided_on", flat=True).first())
    if decided_on is not None and last is not None and decided_on < last \
            and "decided_on" not in errors:
        errors["decided_on"] = [_("The date cannot be before the previous decision (%(date)s).")
                                % {"date": last.isoformat()}]
    if decision in MOVES:
        blocking = open_mandatory_items(current)
        if blocking:
            errors.setdefault("decision", []).extend(
                _("Mandatory checklist item still open: %(item)s") % {"item": item.text}
                for item in blocking)
        pending = benefits_blocking_closure(current) if next_phase(target) is None else []
        if pending:
            errors.setdefault("decision", []).extend(
                _("Benefit not handed over to its owner yet: %(reference)s %(title)s")
                % {"reference": benefit.reference, "title": benefit.title}
                for benefit in pending)
        if not benefits_reviewed:
            errors["benefits_reviewed"] = [_("Review the initiative's benefits before "
                                             "approving.")]
    if errors:
        raise ValidationError(errors)
    claim_version(current, current.version if expected_version is None else expected_version)
    record = GateDecision(
        organisation_id=current.organisation_id, initiative=current,
        from_phase=current.phase, to_phase=target if decision in MOVES else None,
        decision=decision, decided_on=decided_on, decided_by=decided_by,
        rationale=rationale, conditions=conditions, benefits_reviewed=bool(benefits_reviewed),
        benefits_review=benefits_review, recorded_by=actor,
    )
    _tracked(record, actor).save()
    if decision in MOVES:
        current.phase = target
        if next_phase(target) is None:
            current.status = Initiative.Status.COMPLETED
        copy_checklist(actor=actor, initiative=current, phase=target)
    elif decision == Decision.STOP:
        current.status = Initiative.Status.STOPPED
    if decision != Decision.DEFER:
        _tracked(current, actor).save()
    initiative.phase, initiative.status, initiative.version = (current.phase, current.status,
                                                                current.version)
    return record


@transaction.atomic
def do_record_earlier_decision(*, actor: User | None, initiative: Initiative, from_phase: Phase,
                               decision: str, decided_on: dt.date, decided_by: str,
                               rationale: str, conditions: str = "",
                               benefits_reviewed: bool = False,
                               benefits_review: str = "") -> GateDecision:
    """Register a decision taken before the initiative was registered in Gevinst (an
    existing project registered in its current phase, or an import). It documents the
    history and changes nothing else: decision points the initiative has passed (approved
    or deferred there), or the stop of an initiative registered as stopped. Whether the
    benefits were reviewed then is recorded as far as it is known (not required)."""
    current = Initiative._base_manager.select_related("phase").get(pk=initiative.pk)
    if from_phase.organisation_id != current.organisation_id:
        raise ValidationError({"from_phase": _("Choose a phase of this organisation.")})
    if decision == Decision.STOP:
        if current.status != Initiative.Status.STOPPED or from_phase.pk != current.phase_id:
            raise ValidationError({"decision": _(
                "An earlier stop can only be recorded for a stopped initiative, at its "
                "phase.")})
    elif from_phase.order >= current.phase.order:
        raise ValidationError({"from_phase": _(
            "Choose a decision point the initiative has already passed.")})
    errors = _validate_decision(current, decision, decided_on, decided_by, rationale or "",
                                conditions or "")
    if errors:
        raise ValidationError(errors)
    record = GateDecision(
        organisation_id=current.organisation_id, initiative=initiative, from_phase=from_phase,
        to_phase=next_phase(from_phase) if decision in MOVES else None, decision=decision,
        decided_on=decided_on, decided_by=decided_by.strip(), rationale=rationale.strip(),
        conditions=(conditions or "").strip(), benefits_reviewed=bool(benefits_reviewed),
        benefits_review=(benefits_review or "").strip(), recorded_by=actor)
    _tracked(record, actor).save()
    return record
