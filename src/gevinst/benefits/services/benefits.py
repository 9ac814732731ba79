"""Every write to the benefit register: benefits, initiative links with attribution, the
value profile and the lifecycle with its rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from gevinst.benefits.models import Benefit, BenefitInitiative, BenefitYear
from gevinst.core.models import Membership, Organisation, Unit, User
from gevinst.core.services import next_reference
from gevinst.core.versioning import claim_version

S = Benefit.Status

BENEFIT_FIELDS = (
    "title", "description", "is_disbenefit", "category", "beneficiary", "cashability",
    "owner", "owner_unit", "enabling_changes", "preconditions", "confidence",
    "optimism_adjustment", "baseline_plan_date", "baseline_plan", "valuation_method",
    "minutes_per_case", "cases_per_year", "unit_cost", "units_per_year",
    "contract_cost_before", "contract_cost_after",
)
M2M_FIELDS = ("realising_units", "objectives")
# What each valuation method needs.
VALUATION_INPUTS = {
    Benefit.Valuation.TIME_SAVED: ("minutes_per_case", "cases_per_year"),
    Benefit.Valuation.UNIT_COST: ("unit_cost", "units_per_year"),
    Benefit.Valuation.CONTRACT: ("contract_cost_before", "contract_cost_after"),
}
NON_NEGATIVE = ("minutes_per_case", "cases_per_year", "unit_cost", "units_per_year",
                "contract_cost_before", "contract_cost_after")

# Allowed lifecycle moves (the PMO approves; see views/API for who may do what).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.IDENTIFIED: (S.PROFILED, S.WITHDRAWN),
    S.PROFILED: (S.APPROVED, S.IDENTIFIED, S.WITHDRAWN),
    S.APPROVED: (S.IN_REALISATION, S.HANDED_OVER, S.PROFILED, S.WITHDRAWN),
    S.IN_REALISATION: (S.HANDED_OVER, S.REALISED, S.PARTLY_REALISED, S.NOT_REALISED,
                       S.WITHDRAWN),
    S.HANDED_OVER: (S.REALISED, S.PARTLY_REALISED, S.NOT_REALISED, S.WITHDRAWN),
    S.REALISED: (S.HANDED_OVER, S.IN_REALISATION),
    S.PARTLY_REALISED: (S.HANDED_OVER, S.IN_REALISATION),
    S.NOT_REALISED: (S.HANDED_OVER, S.IN_REALISATION),
    S.WITHDRAWN: (S.IDENTIFIED,),
}
# Moves only the portfolio office (or admin) may make.
PMO_TRANSITIONS = (S.APPROVED, S.REALISED, S.PARTLY_REALISED, S.NOT_REALISED, S.WITHDRAWN)


def _tracked(instance, actor):
    instance._history_user = actor
    return instance


def _check_relations(organisation: Organisation, data: dict, errors: dict) -> None:
    owner = data.get("owner")
    if owner is not None and not Membership.objects.filter(
            organisation=organisation, user=owner).exists():
        errors.setdefault("owner", []).append(
            _("Choose a member of this organisation as benefit owner."))
    unit = data.get("owner_unit")
    if unit is not None and unit.organisation_id != organisation.pk:
        errors.setdefault("owner_unit", []).append(_("Choose a unit of this organisation."))
    for unit in data.get("realising_units") or ():
        if unit.organisation_id != organisation.pk:
            errors.setdefault("realising_units", []).append(
                _("Choose units of this organisation."))
            break
    for objective in data.get("objectives") or ():
        if objective.organisation_id != organisation.pk:
            errors.setdefault("objectives", []).append(
                _("Choose objectives of this organisation."))
            break


def _validate(benefit: Benefit, errors: dict) -> None:
    for name in NON_NEGATIVE:
        value = getattr(benefit, name)
        if value is not None and value < 0:
            errors.setdefault(name, []).append(_("Enter zero or more."))
    for name in VALUATION_INPUTS.get(benefit.valuation_method, ()):
        if getattr(benefit, name) is None:
            errors.setdefault(name, []).append(
                _("Needed for the valuation method “%(method)s”.")
                % {"method": benefit.get_valuation_method_display()})
    if (benefit.cashability == Benefit.Cashability.NOT_MONETISED
            and benefit.valuation_method != Benefit.Valuation.NOT_MONETISED):
        errors.setdefault("valuation_method", []).append(
            _("A benefit that is not monetised has no valuation method; choose “Not "
              "monetised” or change the cashability."))
    try:
        benefit.full_clean(exclude=["organisation", "owner", "owner_unit", "number",
                                    "reference"], validate_unique=False,
                           validate_constraints=False)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def _set_m2m(benefit: Benefit, data: dict) -> None:
    if "realising_units" in data:
        benefit.realising_units.set(data["realising_units"] or [])
    if "objectives" in data:
        benefit.objectives.set(data["objectives"] or [])


@transaction.atomic
def do_create_benefit(*, actor: User | None, organisation: Organisation, title: str,
                      initiative=None, attribution: Decimal | int | None = None,
                      **fields) -> Benefit:
    """Register a benefit (status identified), optionally linked to an initiative."""
    unknown = set(fields) - set(BENEFIT_FIELDS) - set(M2M_FIELDS)
    if unknown:
        raise TypeError(f"unknown benefit fields: {sorted(unknown)}")
    errors: dict[str, list[str]] = {}
    _check_relations(organisation, fields, errors)
    plain = {k: v for k, v in fields.items() if k not in M2M_FIELDS}
    benefit = Benefit(organisation=organisation, title=title, **plain)
    _validate(benefit, errors)
    benefit.number, benefit.reference = next_reference(organisation, "BEN")
    _tracked(benefit, actor).save()
    _set_m2m(benefit, fields)
    if initiative is not None:
        do_link_initiative(actor=actor, benefit=benefit, initiative=initiative,
                           attribution=Decimal("100") if attribution is None else attribution)
    from gevinst.benefits.services.measures import refresh_benefit

    refresh_benefit(benefit)
    return benefit


@transaction.atomic
def do_update_benefit(*, actor: User, benefit: Benefit, data: dict,
                      expected_version: int | None) -> Benefit:
    unknown = set(data) - set(BENEFIT_FIELDS) - set(M2M_FIELDS)
    if unknown:
        raise TypeError(f"unknown benefit fields: {sorted(unknown)}")
    errors: dict[str, list[str]] = {}
    _check_relations(benefit.organisation, data, errors)
    for name, value in data.items():
        if name not in M2M_FIELDS:
            setattr(benefit, name, value)
    _validate(benefit, errors)
    if benefit.status in (S.APPROVED, S.IN_REALISATION, S.HANDED_OVER) and not benefit.owner_id:
        raise ValidationError({"owner": _("An approved benefit keeps an owner.")})
    claim_version(benefit, expected_version)
    _tracked(benefit, actor).save()
    _set_m2m(benefit, data)
    from gevinst.benefits.services.measures import refresh_benefit

    refresh_benefit(benefit)
    return benefit


# --------------------------------------------------------------------------- attribution

def attribution_elsewhere(benefit: Benefit, initiative=None) -> Decimal:
    """The share of ``benefit`` attributed to initiatives other than ``initiative``."""
    qs = BenefitInitiative.objects.filter(organisation_id=benefit.organisation_id,
                                          benefit=benefit)
    if initiative is not None:
        qs = qs.exclude(initiative=initiative)
    return qs.aggregate(total=Sum("attribution"))["total"] or Decimal("0")


def _check_attribution(benefit: Benefit, initiative, attribution) -> Decimal:
    try:
        value = Decimal(str(attribution))
        if not value.is_finite():
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        raise ValidationError({"attribution": _("Enter a number from 0 to 100.")}) from None
    if value <= 0 or value > 100:
        raise ValidationError({"attribution": _("Enter a share above 0 and at most 100 %.")})
    elsewhere = attribution_elsewhere(benefit, initiative)
    if elsewhere + value > 100:
        raise ValidationError({"attribution": _(
            "%(benefit)s is already attributed %(used)s %% to other initiatives; at most "
            "%(left)s %% is left, so that the benefit is never counted twice.") % {
                "benefit": benefit.reference, "used": f"{elsewhere.normalize():f}",
                "left": f"{(100 - elsewhere).normalize():f}"}})
    return value


@transaction.atomic
def do_link_initiative(*, actor: User | None, benefit: Benefit, initiative,
                       attribution) -> BenefitInitiative:
    """Link an initiative to a benefit with its share, or change the share of a link."""
    if initiative.organisation_id != benefit.organisation_id:
        raise ValidationError({"initiative": _("Choose an initiative of this organisation.")})
    # Lock the benefit so that two links written at once cannot pass 100 % together.
    Benefit.objects.select_for_update().filter(pk=benefit.pk).first()
    value = _check_attribution(benefit, initiative, attribution)
    link = BenefitInitiative.objects.filter(benefit=benefit, initiative=initiative).first()
    if link is None:
        link = BenefitInitiative(organisation_id=benefit.organisation_id, benefit=benefit,
                                 initiative=initiative)
    link.attribution = value
    _tracked(link, actor).save()
    return link


@transaction.atomic
def do_unlink_initiative(*, actor: User, benefit: Benefit, initiative) -> None:
    link = BenefitInitiative.objects.filter(organisation_id=benefit.organisation_id,
                                            benefit=benefit, initiative=initiative).first()
    if link is None:
        raise ValidationError({"initiative": _("This initiative is not linked.")})
    _tracked(link, actor).delete()


# --------------------------------------------------------------------------- value profile

@transaction.atomic
def do_set_value_profile(*, actor: User, benefit: Benefit,
                         shares: dict[int, Decimal]) -> list[BenefitYear]:
    """Replace the value profile: for each year, the share (%) of the full yearly value
    planned to be realised (e.g. 2026: 25, 2027: 75, 2028: 100)."""
    errors: dict[str, list[str]] = {}
    this_year = timezone.localdate().year
    for year, share in shares.items():
        if not 2000 <= int(year) <= this_year + 30:
            errors.setdefault("shares", []).append(
                _("%(year)s: choose a year from 2000 to %(last)s.")
                % {"year": year, "last": this_year + 30})
        if share is None or Decimal(share) < 0 or Decimal(share) > 200:
            errors.setdefault("shares", []).append(
                _("%(year)s: enter a share from 0 to 200 %%.") % {"year": year})
    if errors:
        raise ValidationError(errors)
    existing = {row.year: row for row in BenefitYear.objects.filter(
        organisation_id=benefit.organisation_id, benefit=benefit)}
    for year, row in existing.items():
        if year not in shares:
            _tracked(row, actor).delete()
    rows = []
    for year, share in sorted(shares.items()):
        row = existing.get(int(year)) or BenefitYear(
            organisation_id=benefit.organisation_id, benefit=benefit, year=int(year))
        row.share = Decimal(share)
        _tracked(row, actor).save()
        rows.append(row)
    from gevinst.benefits.services.measures import refresh_benefit

    refresh_benefit(benefit)
    return rows


# --------------------------------------------------------------------------- lifecycle

def approval_problems(benefit: Benefit) -> list[str]:
    """Why ``benefit`` cannot be approved yet (empty when it can)."""
    problems = []
    if not benefit.owner_id:
        problems.append(_("Name a benefit owner: a line manager in the unit that gains."))
    measures = list(benefit.measures.all())
    if not measures:
        problems.append(_("Add at least one measure."))
    missing = [m.name for m in measures if not m.has_baseline]
    if missing and not benefit.baseline_plan_date:
        problems.append(_("Record a baseline (value and date) for %(measures)s, or give the "
                          "date by which the baseline will be established.")
                        % {"measures": ", ".join(missing)})
    no_target = [m.name for m in measures if m.target_value is None]
    if no_target:
        problems.append(_("Set a target for %(measures)s.") % {"measures": ", ".join(no_target)})
    return problems


def transition_problems(benefit: Benefit, status: str) -> list[str]:
    if status not in TRANSITIONS.get(benefit.status, ()):
        return [_("A benefit that is “%(current)s” cannot become “%(new)s”.") % {
            "current": benefit.get_status_display(), "new": S(status).label}]
    if status == S.PROFILED and not benefit.measures.exists():
        return [_("Add at least one measure before the benefit is profiled.")]
    if status == S.APPROVED:
        return approval_problems(benefit)
    if status == S.HANDED_OVER and not benefit.owner_id:
        return [_("Name the benefit owner who takes it over.")]
    return []


@transaction.atomic
def do_change_benefit_status(*, actor: User | None, benefit: Benefit, status: str,
                             comment: str = "", on: dt.date | None = None,
                             expected_version: int | None = None) -> Benefit:
    """Move a benefit through its lifecycle; refusals list every unmet rule."""
    if status not in S.values:
        raise ValidationError({"status": _("Choose a status.")})
    problems = transition_problems(benefit, status)
    if status == S.WITHDRAWN and not comment.strip():
        problems.append(_("Say why the benefit is withdrawn."))
    if problems:
        raise ValidationError({"status": problems})
    if expected_version is not None:
        claim_version(benefit, expected_version)
    else:
        claim_version(benefit, benefit.version)
    benefit.status = status
    if comment:
        benefit.status_comment = comment
    if status == S.HANDED_OVER:
        benefit.handed_over_on = on or timezone.localdate()
    elif status in (S.IN_REALISATION, S.APPROVED, S.PROFILED, S.IDENTIFIED):
        benefit.handed_over_on = None
    _tracked(benefit, actor).save()
    return benefit


def benefits_not_handed_over(initiative) -> list[Benefit]:
    """Benefits of ``initiative`` that block its closure: not yet handed to their owners
    (withdrawn benefits do not block)."""
    return list(Benefit.objects.filter(
        organisation_id=initiative.organisation_id, links__initiative=initiative,
        handed_over_on__isnull=True).exclude(status=S.WITHDRAWN).order_by("number"))


def units_of(organisation: Organisation, ids) -> list[Unit]:
    return list(Unit.objects.filter(organisation=organisation, pk__in=ids))
