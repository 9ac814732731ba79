"""Every write to the portfolio: phases and initiatives."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gevinst.core.models import Membership, Organisation, Role, Unit, User
from gevinst.core.services import next_reference
from gevinst.core.versioning import claim_version
from gevinst.portfolio.models import Initiative, Phase

INITIATIVE_FIELDS = ("title", "problem", "target_state", "ambition", "is_lighthouse",
                     "owning_unit", "owner", "manager", "phase", "status", "start_date",
                     "end_date")


@transaction.atomic
def do_install_default_phases(*, organisation: Organisation, actor: User | None) -> list[Phase]:
    """Give a new organisation the default phase model (Idea → ... → Closed)."""
    phases = []
    for order, key in enumerate(Phase.Key.values, start=1):
        phase, _created = Phase.objects.get_or_create(
            organisation=organisation, key=key,
            defaults={"order": order, "is_work_in_progress": key in Phase.WORK_IN_PROGRESS_KEYS},
        )
        phases.append(phase)
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
    unknown = set(fields) - set(INITIATIVE_FIELDS)
    if unknown:
        raise TypeError(f"unknown initiative fields: {sorted(unknown)}")
    initiative = Initiative(organisation=organisation, **fields)
    if initiative.phase_id is None:
        initiative.phase = Phase.objects.filter(organisation=organisation).order_by("order").first()
    _validate(initiative)
    initiative.number, initiative.reference = next_reference(organisation, "INI")
    initiative._history_user = actor
    initiative.save()
    return initiative


@transaction.atomic
def do_update_initiative(*, actor: User, initiative: Initiative, data: dict,
                         expected_version: int | None) -> Initiative:
    for field, value in data.items():
        if field not in INITIATIVE_FIELDS:
            raise TypeError(f"unknown initiative field: {field}")
        setattr(initiative, field, value)
    _validate(initiative)
    claim_version(initiative, expected_version)
    initiative._history_user = actor
    initiative.save()
    return initiative
