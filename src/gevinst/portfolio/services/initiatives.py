"""Every write to the portfolio: phases and initiatives."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gevinst.core.models import Membership, Organisation, Role, Unit, User
from gevinst.core.services import next_reference
from gevinst.core.versioning import claim_version
from gevinst.portfolio.models import Initiative, Phase

INITIATIVE_FIELDS = ("title", "problem", "proposal", "expected_benefit", "target_state",
                     "ambition", "is_lighthouse",
                     "owning_unit", "owner", "manager", "phase", "status", "start_date",
                     "end_date", "programme")


@transaction.atomic
def do_install_default_phases(*, organisation: Organisation, actor: User | None) -> list[Phase]:
    """Give an organisation the default phase model (Idea → ... → Closed) with the default
    checklist of each phase (portfolio/defaults.py).

    Idempotent: an organisation that already has phases keeps its phase model (its admin
    may have renamed, reordered or removed phases); a standard phase whose checklist is
    still empty gets the default checklist.

    The texts are stored in the organisation's language (Bokmål in Norway, Swedish in
    Sweden, English otherwise): the admin edits them as the organisation's own.
    """
    from django.utils import translation

    from gevinst.portfolio import defaults

    with translation.override(defaults.LANGUAGE_BY_COUNTRY.get(organisation.country, "en")):
        return _install_default_phases(organisation, actor)


def _install_default_phases(organisation: Organisation, actor: User | None) -> list[Phase]:
    from gevinst.portfolio import defaults
    from gevinst.portfolio.models import ChecklistTemplateItem

    phases = list(Phase.objects.filter(organisation=organisation).order_by("order"))
    if not phases:
        for order, spec in enumerate(defaults.PHASES, start=1):
            phase = Phase(organisation=organisation, key=spec.key, order=order,
                          description=str(spec.description),
                          is_work_in_progress=spec.work_in_progress)
            phase._history_user = actor
            phase.save()
            phases.append(phase)
    filled = set(ChecklistTemplateItem.objects.filter(phase__in=phases)
                 .values_list("phase_id", flat=True))
    for phase in phases:
        spec = defaults.BY_KEY.get(phase.key)
        if spec is None or phase.pk in filled:
            continue
        for order, item in enumerate(spec.checklist, start=1):
            template = ChecklistTemplateItem(
                organisation=organisation, phase=phase, text=str(item.text),
                guidance=str(item.guidance), is_mandatory=item.mandatory, order=order)
            template._history_user = actor
            template.save()
    return phases


def _validate(initiative: Initiative) -> None:
    """Rules beyond single fields; raises ValidationError keyed by field."""
    errors: dict[str, list[str]] = {}
    org_id = initiative.organisation_id
    if not (initiative.title or "").strip():
        errors.setdefault("title", []).append(_("Give the initiative a title."))
    if (initiative.start_date and initiative.end_date
            and initiative.end_date < initiative.start_date):
        errors.setdefault("end_date", []).append(_("The end date cannot be before the start date."))
    if initiative.owning_unit_id is not None:
        unit = Unit._base_manager.filter(pk=initiative.owning_unit_id).first()
        if unit is None or unit.organisation_id != org_id:
            errors.setdefault("owning_unit", []).append(_("Choose a unit of this organisation."))
    if initiative.programme_id is not None:
        from gevinst.portfolio.models import Programme

        programme = Programme._base_manager.filter(pk=initiative.programme_id).first()
        if programme is None or programme.organisation_id != org_id:
            errors.setdefault("programme", []).append(
                _("Choose a programme of this organisation."))
    if initiative.phase_id is not None:
        phase = Phase._base_manager.filter(pk=initiative.phase_id).first()
        if phase is None or phase.organisation_id != org_id:
            errors.setdefault("phase", []).append(_("Choose a phase of this organisation."))
    people = {f: getattr(initiative, f"{f}_id") for f in ("owner", "manager")}
    wanted = {pk for pk in people.values() if pk is not None}
    if wanted:
        members = set(
            Membership._base_manager.filter(organisation_id=org_id, user_id__in=wanted)
            .exclude(role=Role.EMPLOYEE).values_list("user_id", flat=True)
        )
        for field, pk in people.items():
            if pk is not None and pk not in members:
                errors.setdefault(field, []).append(
                    _("Choose a person who works with the portfolio in this organisation."))
    try:
        initiative.full_clean(exclude=["organisation", "reference", "number", *errors.keys()],
                              validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def do_create_initiative(*, actor: User | None, organisation: Organisation,
                         **fields) -> Initiative:
    objectives = fields.pop("objectives", None)
    affected_units = fields.pop("affected_units", None)
    # Only the conversion of an idea sets the priority score (the idea's weighted score).
    priority_score = fields.pop("priority_score", None)
    unknown = set(fields) - set(INITIATIVE_FIELDS)
    if unknown:
        raise TypeError(f"unknown initiative fields: {sorted(unknown)}")
    initiative = Initiative(organisation=organisation, priority_score=priority_score, **fields)
    if initiative.phase_id is None:
        initiative.phase = Phase.objects.filter(organisation=organisation).order_by("order").first()
    _validate(initiative)
    initiative.number, initiative.reference = next_reference(organisation, "INI")
    initiative._history_user = actor
    initiative.save()
    from gevinst.portfolio.services.gates import copy_checklist

    copy_checklist(actor=actor, initiative=initiative, phase=initiative.phase)
    if objectives:
        _link_objectives(actor, initiative, objectives)
    if affected_units:
        _set_affected_units(initiative, affected_units)
    return initiative


@transaction.atomic
def do_update_initiative(*, actor: User, initiative: Initiative, data: dict,
                         expected_version: int | None) -> Initiative:
    data = dict(data)
    objectives = data.pop("objectives", None)
    affected_units = data.pop("affected_units", None)
    if "phase" in data and getattr(data["phase"], "pk", data["phase"]) != initiative.phase_id:
        raise ValidationError({"phase": _(
            "The phase changes only through a gate decision (the Phases and gates tab).")})
    for field, value in data.items():
        if field not in INITIATIVE_FIELDS:
            raise TypeError(f"unknown initiative field: {field}")
        setattr(initiative, field, value)
    _validate(initiative)
    claim_version(initiative, expected_version)
    initiative._history_user = actor
    # Only the edited fields: the status RAG kept by publishing may have moved meanwhile.
    initiative.save(update_fields=[*INITIATIVE_FIELDS, "updated_at"])
    if objectives is not None:
        _link_objectives(actor, initiative, objectives)
    if affected_units is not None:
        _set_affected_units(initiative, affected_units)
    return initiative


def _set_affected_units(initiative: Initiative, units) -> None:
    """The units the initiative affects: units of its own organisation only."""
    units = list(units)
    ids = {getattr(u, "pk", u) for u in units}
    found = set(Unit.objects.filter(organisation_id=initiative.organisation_id, pk__in=ids)
                .values_list("pk", flat=True))
    if found != ids:
        raise ValidationError({"affected_units": _("Choose units of this organisation.")})
    initiative.affected_units.set(sorted(found))


def _link_objectives(actor, initiative: Initiative, objectives) -> None:
    """The objectives the initiative contributes to (``objectives`` in the data of
    do_create_initiative / do_update_initiative; the objectives service checks them)."""
    from gevinst.objectives.services import do_link_initiative_objectives

    do_link_initiative_objectives(actor=actor, initiative=initiative, objectives=objectives)
