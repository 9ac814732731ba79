"""Every write to programmes."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gevinst.core.models import Membership, Organisation, Role, User
from gevinst.core.services import next_reference
from gevinst.core.versioning import claim_version
from gevinst.portfolio.models import Programme

PROGRAMME_FIELDS = ("name", "description", "owner", "manager", "start_date", "end_date",
                    "is_active")


def _validate(programme: Programme) -> None:
    errors: dict[str, list[str]] = {}
    if not (programme.name or "").strip():
        errors.setdefault("name", []).append(_("Give the programme a name."))
    else:
        same = Programme.objects.filter(organisation_id=programme.organisation_id,
                                        name__iexact=programme.name.strip())
        if programme.pk:
            same = same.exclude(pk=programme.pk)
        if same.exists():
            errors.setdefault("name", []).append(_("There is already a programme with this name."))
    if programme.start_date and programme.end_date and programme.end_date < programme.start_date:
        errors.setdefault("end_date", []).append(_("The end date cannot be before the start date."))
    people = {f: getattr(programme, f"{f}_id") for f in ("owner", "manager")}
    wanted = {pk for pk in people.values() if pk is not None}
    if wanted:
        members = set(
            Membership._base_manager.filter(organisation_id=programme.organisation_id,
                                            user_id__in=wanted)
            .exclude(role=Role.EMPLOYEE).values_list("user_id", flat=True))
        for field, pk in people.items():
            if pk is not None and pk not in members:
                errors.setdefault(field, []).append(
                    _("Choose a person who works with the portfolio in this organisation."))
    try:
        programme.full_clean(exclude=["organisation", "reference", "number", *errors.keys()],
                             validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def do_create_programme(*, actor: User | None, organisation: Organisation,
                        **fields) -> Programme:
    unknown = set(fields) - set(PROGRAMME_FIELDS)
    if unknown:
        raise TypeError(f"unknown programme fields: {sorted(unknown)}")
    programme = Programme(organisation=organisation, **fields)
    programme.name = (programme.name or "").strip()
    _validate(programme)
    programme.number, programme.reference = next_reference(organisation, "PRG")
    programme._history_user = actor
    programme.save()
    return programme


@transaction.atomic
def do_update_programme(*, actor: User, programme: Programme, data: dict,
                        expected_version: int | None) -> Programme:
    for field, value in data.items():
        if field not in PROGRAMME_FIELDS:
            raise TypeError(f"unknown programme field: {field}")
        setattr(programme, field, value)
    programme.name = (programme.name or "").strip()
    _validate(programme)
    claim_version(programme, expected_version)
    programme._history_user = actor
    programme.save()
    return programme
