"""The organisation's risk appetite: per category, the score above which a risk needs a
named decision to be accepted. Changing it re-flags every risk of the organisation in a few
SQL UPDATEs (one per category), never row by row."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import BooleanField, Case, Value, When
from django.utils.translation import gettext as _

from gevinst.core.access import MANAGE_ORGANISATION
from gevinst.core.aggregates import mark_changed
from gevinst.core.models import Membership, Organisation, User
from gevinst.risks.models import Category, Risk, RiskAppetite
from gevinst.risks.signals import TOPIC


def _tracked(instance, actor):
    instance._history_user = actor
    return instance


def recompute_flags(organisation_id: int, categories=None) -> None:
    """Set ``above_appetite`` of every risk of the organisation (in ``categories``, default
    all) from the current thresholds: one UPDATE per category."""
    thresholds = dict(RiskAppetite.objects.filter(organisation_id=organisation_id)
                      .values_list("category", "threshold"))
    for category in categories or Category.values:
        threshold = thresholds.get(category, RiskAppetite.DEFAULT_THRESHOLD)
        Risk.objects.filter(organisation_id=organisation_id, category=category).update(
            above_appetite=Case(
                When(kind=Risk.Kind.RISK, residual_score__gt=threshold, then=Value(True)),
                default=Value(False), output_field=BooleanField()))
    mark_changed(organisation_id, TOPIC)


@transaction.atomic
def do_set_appetite(*, actor: User | None, organisation: Organisation,
                    thresholds: dict[str, int | None]) -> None:
    """Set the thresholds of the categories given (1–25; ``None`` returns a category to the
    default of 12) and re-flag the organisation's risks. Administrators only (``actor=None``
    is the system, e.g. the demo)."""
    if actor is not None:
        membership = Membership.objects.filter(organisation=organisation, user=actor).first()
        if membership is None or not membership.has_role(MANAGE_ORGANISATION):
            raise PermissionDenied(_("Only an administrator sets the risk appetite."))
    errors: dict[str, list[str]] = {}
    clean: dict[str, int | None] = {}
    for category, value in thresholds.items():
        if category not in Category.values:
            errors.setdefault("__all__", []).append(
                _("Unknown category: %(category)s.") % {"category": category})
            continue
        if value is None or value == "":
            clean[category] = None
            continue
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = 0
        if str(value).strip() != str(number) or not 1 <= number <= 25:
            errors.setdefault(category, []).append(_("Enter a whole number from 1 to 25."))
            continue
        clean[category] = number
    if errors:
        raise ValidationError(errors)
    rows = {row.category: row for row in RiskAppetite.objects.filter(
        organisation=organisation, category__in=list(clean))}
    changed = []
    for category, number in clean.items():
        row = rows.get(category)
        if number is None:
            if row is not None:
                _tracked(row, actor).delete()
                changed.append(category)
            continue
        if row is None:
            row = RiskAppetite(organisation=organisation, category=category, threshold=number)
        elif row.threshold == number:
            continue
        else:
            row.threshold = number
            row.version += 1
        _tracked(row, actor).save()
        changed.append(category)
    if changed:
        recompute_flags(organisation.pk, changed)
