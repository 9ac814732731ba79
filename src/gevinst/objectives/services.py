"""Every write to objectives (the tree that benefits and initiatives link to), their KPIs and
the KPIs' measurements, and the links from initiatives to objectives.

Edits of an objective, a KPI or a measurement carry the version the editor read
(core/versioning.py): a second writer is told, never silently overwritten.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gevinst.benefits import calc as benefits_calc
from gevinst.core.models import Membership, Organisation, Role, User
from gevinst.core.services import next_reference
from gevinst.core.versioning import claim_version
from gevinst.objectives.models import Kpi, KpiMeasurement, Objective

OBJECTIVE_FIELDS = ("title", "description", "parent", "owner")
KPI_FIELDS = ("name", "description", "unit", "direction", "data_source", "baseline_value",
              "baseline_date", "target_value", "target_date", "tolerance")
MEASUREMENT_FIELDS = ("measured_on", "value", "comment")


def _tracked(instance, actor):
    instance._history_user = actor
    return instance


def _add(errors: dict, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


# --------------------------------------------------------------------------- objectives

def _descendant_ids(objective: Objective) -> set[int]:
    """The ids of every objective below ``objective`` in the tree (one query)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Objective.objects.filter(
            organisation_id=objective.organisation_id).values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    out: set[int] = set()
    todo = list(children.get(objective.pk, []))
    while todo:
        pk = todo.pop()
        if pk not in out:
            out.add(pk)
            todo.extend(children.get(pk, []))
    return out


def _clean_objective(objective: Objective) -> None:
    errors: dict[str, list[str]] = {}
    org_id = objective.organisation_id
    if not (objective.title or "").strip():
        _add(errors, "title", _("Give the objective a title."))
    parent = objective.parent
    if parent is not None:
        if parent.organisation_id != org_id:
            _add(errors, "parent", _("Choose an objective of this organisation."))
        elif objective.pk is not None and (parent.pk == objective.pk
                                           or parent.pk in _descendant_ids(objective)):
            _add(errors, "parent", _("An objective cannot be part of itself or of one of "
                                     "its own sub-objectives."))
    if objective.owner_id is not None and not Membership.objects.filter(
            organisation_id=org_id, user_id=objective.owner_id).exclude(
            role=Role.EMPLOYEE).exists():
        _add(errors, "owner", _("Choose a person who works with the portfolio in this "
                                "organisation."))
    try:
        objective.full_clean(exclude=["organisation", "parent", "owner", "number",
                                      "reference", *errors], validate_unique=False,
                             validate_constraints=False)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def do_create_objective(*, actor: User | None, organisation: Organisation, title: str,
                        description: str = "", parent: Objective | None = None,
                        owner: User | None = None) -> Objective:
    objective = Objective(organisation=organisation, title=(title or "").strip(),
                          description=description or "", parent=parent, owner=owner)
    _clean_objective(objective)
    objective.number, objective.reference = next_reference(organisation, "OBJ")
    _tracked(objective, actor).save()
    return objective


@transaction.atomic
def do_update_objective(*, actor: User, objective: Objective, data: dict,
                        expected_version: int | None) -> Objective:
    for field, value in data.items():
        if field not in OBJECTIVE_FIELDS:
            raise TypeError(f"unknown objective field: {field}")
        if field in ("title", "description"):
            value = (value or "").strip() if field == "title" else (value or "")
        setattr(objective, field, value)
    _clean_objective(objective)
    claim_version(objective, expected_version)
    _tracked(objective, actor).save()
    return objective


# --------------------------------------------------------------------------- KPIs

def _decimal(value, field: str, errors: dict) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        out = Decimal(str(value))
        if not out.is_finite():
            raise InvalidOperation
        return out
    except (InvalidOperation, ValueError):
        _add(errors, field, _("Enter a number."))
        return None


def _clean_kpi(kpi: Kpi) -> None:
    errors: dict[str, list[str]] = {}
    for field in ("baseline_value", "target_value", "tolerance"):
        raw = getattr(kpi, field)
        if raw is None or raw == "":
            if field != "tolerance":
                _add(errors, field, _("This field is required."))
            continue
        setattr(kpi, field, _decimal(raw, field, errors))
    if not (kpi.name or "").strip():
        _add(errors, "name", _("Give the KPI a name."))
    for field in ("baseline_date", "target_date"):
        if getattr(kpi, field) is None:
            _add(errors, field, _("This field is required."))
    if kpi.tolerance is not None and not (Decimal(0) <= kpi.tolerance <= Decimal(100)):
        _add(errors, "tolerance", _("Give a tolerance between 0 and 100 percentage points."))
    if kpi.direction not in Kpi.Direction.values:
        _add(errors, "direction", _("Choose whether higher or lower is better."))
    elif "target_value" not in errors and "baseline_value" not in errors and \
            benefits_calc.target_on_wrong_side(kpi.baseline_value, kpi.target_value,
                                               kpi.direction):
        _add(errors, "target_value",
             _("Higher is better, so the target must be at or above the baseline.")
             if kpi.direction == Kpi.Direction.INCREASE else
             _("Lower is better, so the target must be at or below the baseline."))
    if kpi.baseline_date and kpi.target_date and kpi.target_date <= kpi.baseline_date:
        _add(errors, "target_date", _("The target date comes after the baseline date."))
    try:
        kpi.full_clean(exclude=["organisation", "objective", "number", "reference", *errors],
                       validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def do_create_kpi(*, actor: User | None, objective: Objective, **fields) -> Kpi:
    unknown = set(fields) - set(KPI_FIELDS)
    if unknown:
        raise TypeError(f"unknown KPI fields: {sorted(unknown)}")
    for text in ("description", "unit", "data_source"):
        fields[text] = fields.get(text) or ""
    if fields.get("tolerance") in (None, ""):
        fields.pop("tolerance", None)
    kpi = Kpi(organisation_id=objective.organisation_id, objective=objective, **fields)
    kpi.name = (kpi.name or "").strip()
    _clean_kpi(kpi)
    kpi.number, kpi.reference = next_reference(objective.organisation, "KPI")
    _tracked(kpi, actor).save()
    return kpi


@transaction.atomic
def do_update_kpi(*, actor: User, kpi: Kpi, data: dict,
                  expected_version: int | None) -> Kpi:
    for field, value in data.items():
        if field not in KPI_FIELDS:
            raise TypeError(f"unknown KPI field: {field}")
        if field in ("description", "unit", "data_source"):
            value = value or ""
        elif field == "name":
            value = (value or "").strip()
        elif field == "tolerance" and value in (None, ""):
            continue
        setattr(kpi, field, value)
    _clean_kpi(kpi)
    claim_version(kpi, expected_version)
    _tracked(kpi, actor).save()
    return kpi


# --------------------------------------------------------------------------- measurements

def _clean_measurement(row: KpiMeasurement, errors: dict) -> None:
    if row.measured_on is None:
        _add(errors, "measured_on", _("Give the day of the measurement."))
    elif row.measured_on > timezone.localdate():
        _add(errors, "measured_on", _("A measurement cannot be dated in the future."))
    if row.value is None or row.value == "":
        _add(errors, "value", _("Enter the measured value."))
        row.value = None
    else:
        row.value = _decimal(row.value, "value", errors)
    if not errors:
        try:
            row.full_clean(exclude=["organisation", "kpi", "recorded_by"],
                           validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def do_record_kpi_measurement(*, actor: User, kpi: Kpi, measured_on: dt.date | None, value,
                              comment: str = "",
                              expected_version: int | None = None) -> KpiMeasurement:
    """Record the KPI's value on a day (one measurement per KPI and day). A day that has a
    measurement already is corrected, which needs the version the person read: without it
    the day is refused (they did not know it was there), with a stale one it conflicts."""
    errors: dict[str, list[str]] = {}
    row = None
    if measured_on is not None:
        row = (KpiMeasurement.objects.select_for_update()
               .filter(organisation_id=kpi.organisation_id, kpi=kpi, measured_on=measured_on)
               .first())
    if row is not None and expected_version is None:
        raise ValidationError({"measured_on": _(
            "This day has a measurement already; correct that one instead.")})
    creating = row is None
    if creating:
        row = KpiMeasurement(organisation_id=kpi.organisation_id, kpi=kpi,
                             measured_on=measured_on)
    row.value = value
    row.comment = comment or ""
    _clean_measurement(row, errors)
    if not creating:
        claim_version(row, expected_version)
    row.recorded_by = actor
    _save_measurement(row, actor)
    return row


def _save_measurement(row: KpiMeasurement, actor) -> None:
    """Save; a day taken meanwhile by somebody else is told as such (not a crash)."""
    try:
        with transaction.atomic():
            _tracked(row, actor).save()
    except IntegrityError as exc:
        raise ValidationError({"measured_on": _(
            "This day has a measurement already; correct that one instead.")}) from exc


@transaction.atomic
def do_update_kpi_measurement(*, actor: User, measurement: KpiMeasurement, data: dict,
                              expected_version: int | None) -> KpiMeasurement:
    """Correct a measurement: its day, value or comment."""
    errors: dict[str, list[str]] = {}
    for field, value in data.items():
        if field not in MEASUREMENT_FIELDS:
            raise TypeError(f"unknown KPI measurement field: {field}")
        setattr(measurement, field, (value or "") if field == "comment" else value)
    _clean_measurement(measurement, errors)
    if KpiMeasurement.objects.filter(
            organisation_id=measurement.organisation_id, kpi_id=measurement.kpi_id,
            measured_on=measurement.measured_on).exclude(pk=measurement.pk).exists():
        raise ValidationError({"measured_on": _(
            "This day has another measurement already; correct that one instead.")})
    claim_version(measurement, expected_version)
    measurement.recorded_by = actor
    _save_measurement(measurement, actor)
    return measurement


@transaction.atomic
def do_delete_kpi_measurement(*, actor: User, measurement: KpiMeasurement,
                              expected_version: int | None = None) -> None:
    """Delete a measurement (kept in its history). With ``expected_version`` given, a
    measurement changed meanwhile is not deleted (EditConflict)."""
    if expected_version is not None:
        claim_version(measurement, expected_version)
    _tracked(measurement, actor).delete()


# --------------------------------------------------------------------------- initiatives

@transaction.atomic
def do_link_initiative_objectives(*, actor: User | None, initiative,
                                  objectives: Iterable[Objective] | None) -> None:
    """Set the objectives ``initiative`` contributes to (all of the organisation's)."""
    wanted = list(objectives or ())
    if any(o.organisation_id != initiative.organisation_id for o in wanted):
        raise ValidationError({"objectives": _("Choose objectives of this organisation.")})
    current = set(initiative.objectives.values_list("pk", flat=True))
    if current != {o.pk for o in wanted}:
        initiative._history_user = actor  # the history row the change makes names its author
        initiative.objectives.set(wanted)
