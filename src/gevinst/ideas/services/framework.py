"""The organisation's scoring framework: criteria, weights, rubric text and priority bands,
and the scores of its ideas (ideas/calc.py holds the arithmetic). Changing the framework
rescores every idea of the organisation in bulk."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gevinst.core.aggregates import mark_changed
from gevinst.core.models import Organisation, User
from gevinst.core.scoping import unscoped
from gevinst.core.versioning import claim_version
from gevinst.ideas import access, calc
from gevinst.ideas.defaults import DEFAULT_CRITERIA
from gevinst.ideas.models import Idea, IdeaRating, IdeaSettings, ScoringCriterion
from gevinst.ideas.signals import TOPIC

NAME_MAX = 120
RUBRIC_MAX = 300
CRITERION_FIELDS = ("name", "description", "weight", "rubric_1", "rubric_2", "rubric_3",
                    "rubric_4", "rubric_5", "order", "active")


@transaction.atomic
def do_install_default_framework(*, organisation: Organisation, actor: User | None) -> None:
    """Give an organisation the default five criteria (weight 1) and the default bands.
    Idempotent: an organisation that has criteria or settings keeps them."""
    if not ScoringCriterion.objects.filter(organisation=organisation).exists():
        for order, criterion in enumerate(DEFAULT_CRITERIA):
            row = ScoringCriterion(organisation=organisation, key=criterion["key"], order=order)
            row._history_user = actor
            row.save()
    if not IdeaSettings.objects.filter(organisation=organisation).exists():
        settings = IdeaSettings(organisation=organisation)
        settings._history_user = actor
        settings.save()


# --- scoring --------------------------------------------------------------------------------

def _weights(organisation_id: int) -> dict[int, Decimal]:
    """Active criteria of the organisation: id → weight."""
    return dict(ScoringCriterion.objects.filter(organisation_id=organisation_id, active=True)
                .values_list("pk", "weight"))


def _bands(organisation_id: int) -> IdeaSettings | None:
    return IdeaSettings.objects.filter(organisation_id=organisation_id).first()


def score_idea(idea: Idea) -> tuple[Decimal | None, str]:
    """The idea's score and band from its ratings and the organisation's framework now."""
    weights = _weights(idea.organisation_id)
    ratings = dict(IdeaRating.objects.filter(organisation_id=idea.organisation_id, idea=idea,
                                             criterion_id__in=list(weights))
                   .values_list("criterion_id", "rating"))
    score = calc.weighted_score([(ratings.get(pk), w) for pk, w in weights.items()])
    return score, calc.band_for(score, _bands(idea.organisation_id))


def rescore_organisation(organisation_id: int) -> int:
    """Recompute the score and band of every idea of the organisation from the current
    criteria and bands (after a change of the framework). Returns how many ideas changed.
    A few queries and one bulk UPDATE per batch, whatever the number of ideas."""
    with unscoped():  # filtered by organisation explicitly; also runs in background work
        weights = _weights(organisation_id)
        bands = _bands(organisation_id)
        ratings: dict[int, dict[int, int]] = defaultdict(dict)
        for idea_id, criterion_id, rating in IdeaRating.objects.filter(
                organisation_id=organisation_id, criterion_id__in=list(weights)
        ).values_list("idea_id", "criterion_id", "rating"):
            ratings[idea_id][criterion_id] = rating
        changed = []
        for idea in Idea.objects.filter(organisation_id=organisation_id).only(
                "pk", "score", "band").order_by("pk").iterator(chunk_size=2000):
            given = ratings.get(idea.pk, {})
            score = calc.weighted_score([(given.get(pk), w) for pk, w in weights.items()])
            band = calc.band_for(score, bands)
            if score != idea.score or band != idea.band:
                idea.score, idea.band = score, band
                changed.append(idea)
        Idea.objects.bulk_update(changed, ["score", "band"], batch_size=500)
    mark_changed(organisation_id, TOPIC)
    return len(changed)


def _processor(actor: User | None, organisation_id: int) -> None:
    from gevinst.ideas.services.ideas import membership_of

    if actor is not None and not access.can_process(membership_of(organisation_id, actor)):
        raise PermissionDenied(_("Only the portfolio office sets up the scoring framework."))


def _decimal(value, field: str, errors: dict, *, low: Decimal, high: Decimal,
             message: str) -> Decimal | None:
    if isinstance(value, str):
        value = value.strip().replace(",", ".").replace("\u00a0", "").replace(" ", "")
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        errors.setdefault(field, []).append(message)
        return None
    if not number.is_finite() or not low <= number <= high or number != number.quantize(
            Decimal("0.01")):
        errors.setdefault(field, []).append(message)
        return None
    return number.quantize(Decimal("0.01"))


@transaction.atomic
def do_update_bands(*, actor: User | None, organisation: Organisation, high_from,
                    medium_from, expected_version: int | None) -> IdeaSettings:
    """Set the priority bands (scores 1–5, medium below high) and rescore every idea."""
    _processor(actor, organisation.pk)
    errors: dict[str, list[str]] = {}
    message = _("Enter a score from 1 to 5 with at most two decimals.")
    high = _decimal(high_from, "high_from", errors, low=Decimal(1), high=Decimal(5),
                    message=message)
    medium = _decimal(medium_from, "medium_from", errors, low=Decimal(1), high=Decimal(5),
                      message=message)
    if high is not None and medium is not None and medium >= high:
        errors.setdefault("medium_from", []).append(
            _("Medium priority must start below high priority."))
    if errors:
        raise ValidationError(errors)
    do_install_default_framework(organisation=organisation, actor=actor)
    row = IdeaSettings.objects.get(organisation=organisation)
    claim_version(row, expected_version)
    row.high_from, row.medium_from = high, medium
    row._history_user = actor
    row.save()
    rescore_organisation(organisation.pk)
    return row


def _check_criterion(criterion: ScoringCriterion, errors: dict) -> None:
    criterion.name = str(criterion.name or "").strip()
    criterion.description = str(criterion.description or "").strip()
    if not criterion.name and not criterion.key:
        errors.setdefault("name", []).append(_("Name the criterion."))
    elif len(criterion.name) > NAME_MAX:
        errors.setdefault("name", []).append(
            _("Keep the name to %(max)s characters.") % {"max": NAME_MAX})
    elif criterion.name:
        others = ScoringCriterion.objects.filter(organisation_id=criterion.organisation_id)
        if criterion.pk:
            others = others.exclude(pk=criterion.pk)
        if any(c.label.casefold() == criterion.name.casefold() for c in others):
            errors.setdefault("name", []).append(
                _("There is a criterion with this name already."))
    weight = _decimal(criterion.weight, "weight", errors, low=Decimal(0),
                      high=Decimal("100"),
                      message=_("Enter a weight from 0 to 100 with at most two decimals "
                                "(0 leaves the criterion out of the score)."))
    if weight is not None:
        criterion.weight = weight
    for n in range(1, 6):
        field = f"rubric_{n}"
        text = str(getattr(criterion, field) or "").strip()
        setattr(criterion, field, text)
        if len(text) > RUBRIC_MAX:
            errors.setdefault(field, []).append(
                _("Keep it to %(max)s characters.") % {"max": RUBRIC_MAX})
    if criterion.order is None or criterion.order == "":
        criterion.order = 0
    try:
        order = int(criterion.order)
        if order < 0 or order > 32767:
            raise ValueError
        criterion.order = order
    except (TypeError, ValueError):
        errors.setdefault("order", []).append(_("Enter a whole number of 0 or more."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def do_create_criterion(*, actor: User | None, organisation: Organisation, name: str,
                        description: str = "", weight=1, rubric=("",) * 5,
                        order: int | None = None) -> ScoringCriterion:
    """Add a criterion (active). Every idea is rescored: with a weight above zero, ideas
    lose their score until they are rated on it."""
    _processor(actor, organisation.pk)
    rubric = list(rubric or ())
    if len(rubric) != 5:
        raise TypeError("rubric holds the meaning of the ratings 1 to 5 (five texts)")
    if order is None:
        last = (ScoringCriterion.objects.filter(organisation=organisation)
                .order_by("-order").values_list("order", flat=True).first())
        order = 0 if last is None else last + 1
    criterion = ScoringCriterion(organisation=organisation, name=name,
                                 description=description, weight=weight, order=order,
                                 **{f"rubric_{n}": rubric[n - 1] for n in range(1, 6)})
    _check_criterion(criterion, {})
    criterion._history_user = actor
    criterion.save()
    rescore_organisation(organisation.pk)
    return criterion


@transaction.atomic
def do_update_criterion(*, actor: User | None, criterion: ScoringCriterion, data: dict,
                        expected_version: int | None) -> ScoringCriterion:
    """Edit a criterion (``data`` keys: name, description, weight, rubric_1..5, order,
    active). A default criterion left without a name or rubric text keeps the default
    wording. A change of weight or of use rescores every idea."""
    unknown = set(data) - set(CRITERION_FIELDS)
    if unknown:
        raise TypeError(f"unknown criterion fields: {sorted(unknown)}")
    _processor(actor, criterion.organisation_id)
    before = (criterion.weight, criterion.active)
    for field, value in data.items():
        if field == "active":
            value = bool(value)
        setattr(criterion, field, value)
    _check_criterion(criterion, {})
    claim_version(criterion, expected_version)
    criterion._history_user = actor
    criterion.save()
    if (Decimal(before[0]), before[1]) != (criterion.weight, criterion.active):
        rescore_organisation(criterion.organisation_id)
    return criterion
