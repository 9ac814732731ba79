"""Every write to money per year.

A row is one initiative's figures for one year and one kind (budget, actual or forecast).
Internal cost left empty (``None``) is worked out as internal hours × the organisation's
loaded hourly cost, so that people who only know the hours still get a cost.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gevinst.core.models import User
from gevinst.core.versioning import claim_version
from gevinst.portfolio.models import Initiative, MoneyYear

AMOUNT_FIELDS = ("investment", "operating_cost_change", "internal_hours", "internal_cost",
                 "external_purchases")
# Costs cannot be negative; the change in operating cost can (a saving).
NON_NEGATIVE = ("investment", "internal_hours", "internal_cost", "external_purchases")
FIRST_YEAR = 2000
YEARS_AHEAD = 30


def year_range() -> tuple[int, int]:
    return FIRST_YEAR, timezone.localdate().year + YEARS_AHEAD


def suggested_internal_cost(organisation, hours) -> Decimal:
    return (Decimal(hours or 0) * organisation.loaded_hourly_cost).quantize(Decimal("0.01"))


def _apply(row: MoneyYear, data: dict) -> None:
    errors: dict[str, list[str]] = {}
    for name, value in data.items():
        if name not in AMOUNT_FIELDS:
            raise TypeError(f"unknown money field: {name}")
        if value is None:
            continue
        try:
            value = Decimal(str(value))
            if not value.is_finite():
                raise ValueError
        except (ArithmeticError, ValueError):
            errors[name] = [_("Enter a number.")]
            continue
        if name in NON_NEGATIVE and value < 0:
            errors[name] = [_("Hours cannot be negative.") if name == "internal_hours"
                            else _("Enter zero or more; record savings as a change in "
                                   "operating cost.")]
            continue
        setattr(row, name, value)
    if "internal_cost" in data and data["internal_cost"] is None and "internal_cost" not in errors:
        row.internal_cost = suggested_internal_cost(row.organisation, row.internal_hours)
    if errors:
        raise ValidationError(errors)


def _validate(row: MoneyYear) -> None:
    errors: dict[str, list[str]] = {}
    first, last = year_range()
    if row.year is None or not first <= row.year <= last:
        errors["year"] = [_("Choose a year from %(first)s to %(last)s.")
                          % {"first": first, "last": last}]
    if row.kind not in MoneyYear.Kind.values:
        errors["kind"] = [_("Choose budget, actual or forecast.")]
    try:
        row.full_clean(exclude=["organisation", "initiative", "year", "kind"],
                       validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def do_add_money_year(*, actor: User | None, initiative: Initiative, year: int, kind: str,
                      **amounts) -> MoneyYear:
    """Record a year's figures of one kind; refused if that year and kind exist already."""
    row = MoneyYear(organisation_id=initiative.organisation_id, initiative=initiative,
                    year=year, kind=kind)
    row.organisation = initiative.organisation
    amounts.setdefault("internal_cost", None)
    _apply(row, amounts)
    _validate(row)
    if MoneyYear.objects.filter(organisation_id=initiative.organisation_id,
                                initiative=initiative, year=year, kind=kind).exists():
        raise ValidationError({"year": _("%(year)s already has a %(kind)s; edit it instead.")
                               % {"year": year, "kind": MoneyYear.Kind(kind).label.lower()}})
    row._history_user = actor
    row.save()
    return row


@transaction.atomic
def do_update_money_year(*, actor: User, row: MoneyYear, data: dict,
                         expected_version: int | None) -> MoneyYear:
    """Change the amounts of a row (year and kind stay; add another row for another year)."""
    _apply(row, data)
    _validate(row)
    claim_version(row, expected_version)
    row._history_user = actor
    row.save()
    return row


@transaction.atomic
def do_put_money_year(*, actor: User, initiative: Initiative, year: int, kind: str,
                      data: dict, expected_version: int | None) -> tuple[MoneyYear, bool]:
    """Create the row for (year, kind), or change it when it exists (then ``expected_version``
    must match). Returns (row, created)."""
    row = MoneyYear.objects.filter(organisation_id=initiative.organisation_id,
                                   initiative=initiative, year=year, kind=kind).first()
    if row is None:
        return do_add_money_year(actor=actor, initiative=initiative, year=year, kind=kind,
                                 **data), True
    return do_update_money_year(actor=actor, row=row, data=data,
                                expected_version=expected_version), False

