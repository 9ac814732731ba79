"""Every write to measures, their planned trajectory and measurements, and the refresh that
keeps the derived follow-up state (health, achievement, next due, values) up to date."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gevinst.benefits import calc
from gevinst.benefits.models import Benefit, BenefitYear, Measure, Measurement, PlannedValue
from gevinst.benefits.signals import TOPIC
from gevinst.core.aggregates import mark_changed
from gevinst.core.models import Organisation, User
from gevinst.core.versioning import claim_version

MEASURE_FIELDS = ("name", "unit", "direction", "data_source", "method", "frequency",
                  "baseline_value", "baseline_date", "baseline_evidence", "target_value",
                  "target_date", "tolerance", "order")
MEASUREMENT_FIELDS = ("actual", "forecast", "comment", "evidence")


def _tracked(instance, actor):
    instance._history_user = actor
    return instance


def _clean_measure(measure: Measure) -> None:
    errors: dict[str, list[str]] = {}
    if calc.target_on_wrong_side(measure.baseline_value, measure.target_value,
                                 measure.direction):
        errors["target_value"] = [
            _("Higher is better, so the target must be at or above the baseline.")
            if measure.direction == Measure.Direction.INCREASE else
            _("Lower is better, so the target must be at or below the baseline.")]
    if (measure.baseline_date and measure.target_date
            and measure.target_date < measure.baseline_date):
        errors["target_date"] = [_("The target date comes after the baseline date.")]
    if measure.baseline_value is not None and measure.baseline_date is None:
        errors["baseline_date"] = [_("Give the date the baseline was measured.")]
    try:
        measure.full_clean(exclude=["organisation", "benefit"], validate_unique=False,
                           validate_constraints=False)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def do_create_measure(*, actor: User | None, benefit: Benefit, name: str, unit: str,
                      **fields) -> Measure:
    unknown = set(fields) - set(MEASURE_FIELDS)
    if unknown:
        raise TypeError(f"unknown measure fields: {sorted(unknown)}")
    if "order" not in fields:
        fields["order"] = benefit.measures.count() + 1
    measure = Measure(organisation_id=benefit.organisation_id, benefit=benefit, name=name,
                      unit=unit, **fields)
    _clean_measure(measure)
    _tracked(measure, actor).save()
    refresh_benefit(benefit)
    return measure


@transaction.atomic
def do_update_measure(*, actor: User, measure: Measure, data: dict,
                      expected_version: int | None) -> Measure:
    unknown = set(data) - set(MEASURE_FIELDS)
    if unknown:
        raise TypeError(f"unknown measure fields: {sorted(unknown)}")
    old_frequency = measure.frequency
    for name, value in data.items():
        setattr(measure, name, value)
    _clean_measure(measure)
    if measure.frequency != old_frequency and (measure.measurements.exists()
                                               or measure.plan.exists()):
        raise ValidationError({"frequency": _(
            "The frequency cannot change once the measure has a plan or measurements; add a "
            "new measure instead.")})
    claim_version(measure, expected_version)
    _tracked(measure, actor).save()
    refresh_benefit(measure.benefit)
    return measure


@transaction.atomic
def do_delete_measure(*, actor: User, measure: Measure) -> None:
    if measure.measurements.exclude(actual__isnull=True).exists():
        raise ValidationError(_("This measure has measurements and is kept as history; stop "
                                "planning it instead."))
    benefit = measure.benefit
    _tracked(measure, actor).delete()
    refresh_benefit(benefit)


def _decimal(value, field: str, errors: dict) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        out = Decimal(str(value))
        if not out.is_finite():
            raise InvalidOperation
        return out
    except (InvalidOperation, ValueError):
        errors.setdefault(field, []).append(_("Enter a number."))
        return None


def _check_period(measure: Measure, period: dt.date, field: str, errors: dict) -> None:
    if period is None:
        errors.setdefault(field, []).append(_("Choose a period."))
    elif calc.period_start(period, measure.frequency) != period:
        errors.setdefault(field, []).append(
            _("%(date)s is not the first day of a %(frequency)s period.")
            % {"date": period.isoformat(), "frequency": measure.get_frequency_display().lower()})


@transaction.atomic
def do_set_plan(*, actor: User, measure: Measure,
                values: dict[dt.date, Decimal | None]) -> list[PlannedValue]:
    """Replace the planned trajectory: period (first day) → planned value."""
    errors: dict[str, list[str]] = {}
    clean: dict[dt.date, Decimal] = {}
    for period, value in values.items():
        _check_period(measure, period, "plan", errors)
        number = _decimal(value, "plan", errors)
        if number is not None:
            clean[period] = number
    if errors:
        raise ValidationError(errors)
    existing = {row.period: row for row in measure.plan.all()}
    for period, row in existing.items():
        if period not in clean:
            _tracked(row, actor).delete()
    rows = []
    for period, value in sorted(clean.items()):
        row = existing.get(period) or PlannedValue(
            organisation_id=measure.organisation_id, measure=measure, period=period)
        if row.pk is None or row.value != value:
            row.value = value
            _tracked(row, actor).save()
        rows.append(row)
    refresh_benefit(measure.benefit)
    return rows


def _apply_measurement(row: Measurement, data: dict, errors: dict) -> None:
    for name, value in data.items():
        if name not in MEASUREMENT_FIELDS:
            raise TypeError(f"unknown measurement field: {name}")
        if name in ("actual", "forecast"):
            setattr(row, name, _decimal(value, name, errors))
        else:
            setattr(row, name, value or "")
    if row.actual is None and row.forecast is None and not errors:
        errors.setdefault("actual", []).append(_("Enter an actual value or a forecast."))


def _record(actor, measure, period, data, expected_version, errors) -> Measurement | None:
    _check_period(measure, period, "period", errors)
    if measure.benefit.status in (Benefit.Status.IDENTIFIED, Benefit.Status.WITHDRAWN):
        errors.setdefault("period", []).append(
            _("Measurements are recorded once the benefit is profiled, and not for a "
              "withdrawn benefit."))
    row = Measurement.objects.filter(organisation_id=measure.organisation_id, measure=measure,
                                     period=period).first() if period else None
    creating = row is None
    if creating:
        row = Measurement(organisation_id=measure.organisation_id, measure=measure,
                          period=period)
    _apply_measurement(row, data, errors)
    if errors:
        return None
    if not creating:
        claim_version(row, expected_version)
        row.verified_by = None  # a changed figure must be verified again
        row.verified_at = None
    row.recorded_by = actor
    row.achievement = calc.achievement(measure.baseline_value, measure.target_value,
                                       row.actual, measure.direction)
    _tracked(row, actor).save()
    return row


def _after_measurement(benefit: Benefit, actor) -> None:
    if benefit.status == Benefit.Status.APPROVED:
        benefit.status = Benefit.Status.IN_REALISATION
        benefit.version += 1
        _tracked(benefit, actor).save(update_fields=["status", "version", "updated_at"])


@transaction.atomic
def do_record_measurement(*, actor: User, measure: Measure, period: dt.date, data: dict,
                          expected_version: int | None = None) -> Measurement:
    """Record (or correct) the measurement of a period. Correcting an existing one needs
    the version the editor read; a corrected figure loses its verification."""
    errors: dict[str, list[str]] = {}
    row = _record(actor, measure, period, data, expected_version, errors)
    if errors:
        raise ValidationError(errors)
    _after_measurement(measure.benefit, actor)
    refresh_benefit(measure.benefit)
    return row


class GridErrors(ValidationError):
    """Errors of a grid of measurements: ``rows`` maps the row's index to field errors."""

    def __init__(self, rows: dict[int, dict[str, list[str]]]):
        self.rows = rows
        super().__init__(_("Nothing was saved: %(count)s rows have errors.")
                         % {"count": len(rows)})


@transaction.atomic
def do_record_measurements(*, actor: User, entries: list[dict]) -> list[Measurement]:
    """Record many measurements at once, all or nothing.

    Each entry: {"measure": Measure, "period": date, "data": {...}, "version": int|None}.
    Entries whose data is empty are skipped. On any error nothing is saved and GridErrors
    tells which rows and fields."""
    saved, problems = [], {}
    sid = transaction.savepoint()
    benefits = {}
    for index, entry in enumerate(entries):
        data = {k: v for k, v in entry["data"].items() if v not in (None, "")}
        if not data:
            continue
        errors: dict[str, list[str]] = {}
        try:
            row = _record(actor, entry["measure"], entry["period"], data,
                          entry.get("version"), errors)
        except ValidationError as exc:  # an edit conflict or similar
            errors.setdefault("actual", []).extend(exc.messages)
            row = None
        except Exception as exc:  # noqa: BLE001 - EditConflict is reported per row
            from gevinst.core.versioning import EditConflict

            if not isinstance(exc, EditConflict):
                raise
            errors.setdefault("actual", []).append(str(exc))
            row = None
        if errors:
            problems[index] = errors
        elif row is not None:
            saved.append(row)
            benefits[entry["measure"].benefit_id] = entry["measure"].benefit
    if problems:
        transaction.savepoint_rollback(sid)
        raise GridErrors(problems)
    transaction.savepoint_commit(sid)
    for benefit in benefits.values():
        _after_measurement(benefit, actor)
        refresh_benefit(benefit)
    return saved


@transaction.atomic
def do_verify_measurement(*, actor: User, measurement: Measurement) -> Measurement:
    """Confirm a measurement; the person who recorded it cannot verify it."""
    if measurement.actual is None:
        raise ValidationError(_("Only an actual value can be verified."))
    if measurement.recorded_by_id == actor.pk:
        raise ValidationError(_("Someone other than the person who recorded the figure must "
                                "verify it."))
    measurement.verified_by = actor
    measurement.verified_at = timezone.now()
    _tracked(measurement, actor).save(update_fields=["verified_by", "verified_at"])
    return measurement


@transaction.atomic
def do_delete_measurement(*, actor: User, measurement: Measurement,
                          expected_version: int | None) -> None:
    claim_version(measurement, expected_version)
    benefit = measurement.measure.benefit
    _tracked(measurement, actor).delete()
    refresh_benefit(benefit)


# --------------------------------------------------------------------------- refresh

def _year_achievements(measure: Measure, actuals: dict[dt.date, Decimal]) -> dict[int, Decimal]:
    """Achievement of the main measure at the last measurement of each year."""
    last_by_year: dict[int, dt.date] = {}
    for period in actuals:
        if period.year not in last_by_year or period > last_by_year[period.year]:
            last_by_year[period.year] = period
    out = {}
    for year, period in last_by_year.items():
        ach = calc.achievement(measure.baseline_value, measure.target_value, actuals[period],
                               measure.direction)
        if ach is not None:
            out[year] = ach
    return out


class Changes:
    """The derived values that differ from what is stored, per model: row id → the changed
    fields and their new values (only those: a day's refresh changes a health or a due
    date, not the values)."""

    def __init__(self):
        self.rows: dict[str, dict[int, dict]] = {key: {} for key in DERIVED}

    def compare(self, key: str, obj, new: dict) -> None:
        diff = {name: value for name, value in new.items() if getattr(obj, name) != value}
        if diff:
            for name, value in diff.items():
                setattr(obj, name, value)
            self.rows[key].setdefault(obj.pk, {}).update(diff)

    def set(self, key: str, pk: int, values: dict) -> None:
        self.rows[key].setdefault(pk, {}).update(values)

    def count(self) -> int:
        return sum(len(rows) for rows in self.rows.values())


def _refresh(org: Organisation, benefits: list[Benefit], measures: dict[int, list[Measure]],
             plans: dict[int, dict], actuals: dict[int, dict], measurements: dict[int, list],
             years: dict[int, list[BenefitYear]], today: dt.date) -> Changes:
    """Compute the derived state of ``benefits`` from preloaded rows; return what changed
    (only the stored values that differ)."""
    changes = Changes()
    for benefit in benefits:
        value = calc.yearly_value(
            method=benefit.valuation_method if benefit.is_monetised else "not_monetised",
            minutes_per_case=benefit.minutes_per_case, cases_per_year=benefit.cases_per_year,
            hourly_cost=org.loaded_hourly_cost, unit_cost=benefit.unit_cost,
            units_per_year=benefit.units_per_year,
            contract_cost_before=benefit.contract_cost_before,
            contract_cost_after=benefit.contract_cost_after,
            is_disbenefit=benefit.is_disbenefit)
        hours = Decimal("0")
        if benefit.valuation_method == Benefit.Valuation.TIME_SAVED:
            hours = calc.hours_saved(benefit.minutes_per_case, benefit.cases_per_year)
            hours = hours.quantize(calc.TENTH)
        states = []
        main_years: dict[int, Decimal] = {}
        own = measures.get(benefit.pk, [])
        for index, measure in enumerate(own):
            acts = actuals.get(measure.pk, {})
            state = calc.measure_state(
                baseline=measure.baseline_value, target=measure.target_value,
                direction=measure.direction, tolerance=measure.tolerance,
                frequency=measure.frequency, plan=plans.get(measure.pk, {}), actuals=acts,
                today=today)
            states.append(state)
            changes.compare("measure", measure, {
                "health": state.health, "achievement": state.achievement,
                "next_due": state.next_due})
            for row_id, actual, stored in measurements.get(measure.pk, ()):
                ach = calc.achievement(measure.baseline_value, measure.target_value,
                                       actual, measure.direction)
                if stored != ach:
                    changes.set("measurement", row_id, {"achievement": ach})
            if index == 0:
                main_years = _year_achievements(measure, acts)
        main = states[0] if states else None
        dues = [s.next_due for s in states if s.next_due]
        lasts = [s.last_measured for s in states if s.last_measured]
        changes.compare("benefit", benefit, {
            "annual_value": value, "annual_hours": hours,
            "health": calc.worst(s.health for s in states),
            "achievement": main.achievement if main else None,
            "next_due": min(dues) if dues else None,
            "last_measured": max(lasts) if lasts else None})
        for row in years.get(benefit.pk, []):
            changes.compare("year", row, {
                "planned_value": calc.planned_value(value, row.share,
                                                    benefit.optimism_adjustment),
                "realised_value": calc.realised_value(value, main_years.get(row.year))})
    return changes


DERIVED = {
    "benefit": Benefit,
    "measure": Measure,
    "measurement": Measurement,
    "year": BenefitYear,
}
# Rows with the same new values are written by one UPDATE … WHERE id IN (…) of this many.
UPDATE_CHUNK = 500


def _save_derived(changes: Changes, organisation_id: int) -> int:
    """Write what changed. Derived fields are not history: plain UPDATEs, no history rows.

    Rows whose changed fields got the same new values (the daily run: thousands of measures
    become "not measured when due") share one UPDATE; the rest (new values per row, e.g.
    after a change of the hourly cost) go through bulk_update, grouped by the fields that
    changed."""
    for key, rows in changes.rows.items():
        model = DERIVED[key]
        groups: dict[tuple, list[int]] = defaultdict(list)
        for pk, values in rows.items():
            groups[tuple(sorted(values.items()))].append(pk)
        singles: dict[tuple, list] = defaultdict(list)
        for values, ids in groups.items():
            if len(ids) == 1:
                singles[tuple(name for name, _value in values)].append(
                    model(pk=ids[0], **dict(values)))
                continue
            for start in range(0, len(ids), UPDATE_CHUNK):
                model.objects.filter(pk__in=ids[start:start + UPDATE_CHUNK]).update(
                    **dict(values))
        for fields, objs in singles.items():
            model.objects.bulk_update(objs, list(fields), batch_size=500)
    count = changes.count()
    if count:
        mark_changed(organisation_id, TOPIC)
    return count


def _load(org: Organisation, benefit_ids: list[int] | None):
    """The rows the refresh needs, as plain values (measurements and the plan are the
    bulk: hundreds of thousands of rows in a large organisation, read as tuples, looked up
    through their measures' ids so that each chunk reads only its own rows)."""
    measures_qs = Measure.objects.filter(organisation=org).order_by("benefit_id", "order", "pk")
    year_qs = BenefitYear.objects.filter(organisation=org)
    if benefit_ids is not None:
        measures_qs = measures_qs.filter(benefit_id__in=benefit_ids)
        year_qs = year_qs.filter(benefit_id__in=benefit_ids)
    measures: dict[int, list[Measure]] = defaultdict(list)
    for m in measures_qs.only("id", "benefit_id", "order", "baseline_value", "target_value",
                              "direction", "tolerance", "frequency", "health", "achievement",
                              "next_due"):
        measures[m.benefit_id].append(m)
    ids = [m.pk for group in measures.values() for m in group]
    plan_qs = PlannedValue.objects.filter(organisation=org)
    meas_qs = Measurement.objects.filter(organisation=org)
    if benefit_ids is not None:
        plan_qs = plan_qs.filter(measure_id__in=ids)
        meas_qs = meas_qs.filter(measure_id__in=ids)
    plans: dict[int, dict] = defaultdict(dict)
    for measure_id, period, value in plan_qs.values_list("measure_id", "period", "value"):
        plans[measure_id][period] = value
    actuals: dict[int, dict] = defaultdict(dict)
    measurements: dict[int, list] = defaultdict(list)
    for row_id, measure_id, period, actual, achievement in meas_qs.values_list(
            "id", "measure_id", "period", "actual", "achievement"):
        if actual is not None:
            actuals[measure_id][period] = actual
        measurements[measure_id].append((row_id, actual, achievement))
    years: dict[int, list] = defaultdict(list)
    for row in year_qs.only("id", "benefit_id", "year", "share", "planned_value",
                            "realised_value"):
        years[row.benefit_id].append(row)
    return measures, plans, actuals, measurements, years


def refresh_benefit(benefit: Benefit, today: dt.date | None = None) -> None:
    """Recompute one benefit's derived state (after any write that touches it)."""
    org = benefit.organisation
    today = today or timezone.localdate()
    data = _load(org, [benefit.pk])
    _save_derived(_refresh(org, [benefit], *data, today=today), org.pk)


def benefits_changed_by_the_date(organisation: Organisation, today: dt.date) -> list[int]:
    """Benefits whose stored state the passing of time alone can change: those with a
    measure whose next measurement fell due before ``today`` while the measure still looks
    fine (once refreshed it is "not measured when due", and stays so until measured, which
    refreshes it through the services). Everything else changes only through a write,
    which refreshes the benefit there and then."""
    return list(Measure.objects.filter(organisation=organisation, next_due__lt=today)
                .exclude(health__in=[calc.BEHIND, calc.NOT_MEASURED])
                .order_by("benefit_id").values_list("benefit_id", flat=True).distinct())


def refresh_organisation(organisation: Organisation, today: dt.date | None = None,
                         chunk: int = 2000, full: bool = True) -> int:
    """Recompute the benefits of an organisation: every benefit (``full``; after a change of
    the organisation's hourly cost, or to repair), or only those the date can have changed
    (the daily job). Returns the number of rows whose stored state changed."""
    today = today or timezone.localdate()
    if full:
        ids = list(Benefit.objects.filter(organisation=organisation).order_by("pk")
                   .values_list("pk", flat=True))
    else:
        ids = benefits_changed_by_the_date(organisation, today)
    total = 0
    fields = ["id", "organisation_id", "valuation_method", "cashability", "minutes_per_case",
              "cases_per_year", "unit_cost", "units_per_year", "contract_cost_before",
              "contract_cost_after", "is_disbenefit", "optimism_adjustment", "annual_value",
              "annual_hours", "health", "achievement", "next_due", "last_measured"]
    for start in range(0, len(ids), chunk):
        part = ids[start:start + chunk]
        benefits = list(Benefit.objects.filter(organisation=organisation, pk__in=part)
                        .only(*fields))
        data = _load(organisation, part)
        with transaction.atomic():
            total += _save_derived(_refresh(organisation, benefits, *data, today=today),
                                   organisation.pk)
    return total
