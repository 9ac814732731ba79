"""The portfolio office processes ideas: official answers (a status with a reason, emailed
to the author and every follower), reviewers, ratings on the scoring framework, and
acceptance, which turns the idea into an initiative of the portfolio.

Statuses: submitted → under review → accepted (only by ``do_accept_idea``) / parked /
rejected / duplicate (of another idea) → done (only from accepted).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gevinst.core.models import Membership, Unit, User
from gevinst.core.versioning import claim_version
from gevinst.ideas import access, notifications
from gevinst.ideas.models import Idea, IdeaAnswer, IdeaRating, ScoringCriterion
from gevinst.ideas.services.framework import score_idea
from gevinst.ideas.services.ideas import clean_text, membership_of, save_idea, tracked

ANSWER_MAX = 10_000
ACCEPT_PHASES = ("idea", "concept")
# What do_answer_idea may set (acceptance is do_accept_idea).
ANSWER_STATUSES = (Idea.Status.UNDER_REVIEW, Idea.Status.PARKED, Idea.Status.REJECTED,
                   Idea.Status.DUPLICATE, Idea.Status.DONE)
ANSWER_FIELDS = ["status", "duplicate_of", "answer", "answered_at", "answered_by",
                 "first_answered_at"]


def _processor(actor: User, organisation_id: int) -> Membership:
    membership = membership_of(organisation_id, actor)
    if not access.can_process(membership):
        raise PermissionDenied(_("Only the portfolio office processes ideas."))
    return membership


def _answer_text(answer: str, errors: dict) -> str:
    return clean_text(answer, "answer", errors, required=True, max_length=ANSWER_MAX,
                      missing=_("Write the official answer: the author and the followers "
                                "get it by email."))


def _record_answer(*, actor: User, idea: Idea, status: str, text: str,
                   duplicate_of: Idea | None, base_url: str | None) -> IdeaAnswer:
    now = timezone.now()
    idea.status = status
    idea.duplicate_of = duplicate_of if status == Idea.Status.DUPLICATE else None
    idea.answer, idea.answered_at, idea.answered_by = text, now, actor
    if idea.first_answered_at is None:
        idea.first_answered_at = now
    fields = [*ANSWER_FIELDS, "initiative"] if status == Idea.Status.ACCEPTED else ANSWER_FIELDS
    save_idea(idea, actor, fields)
    answer = IdeaAnswer.objects.create(organisation_id=idea.organisation_id, idea=idea,
                                       status=status, text=text,
                                       duplicate_of=idea.duplicate_of, answered_by=actor)
    notifications.send_answer(idea, answer, actor=actor, base_url=base_url)
    return answer


def _check_duplicate(idea: Idea, duplicate_of, errors: dict) -> Idea | None:
    if duplicate_of is None or duplicate_of == "":
        errors.setdefault("duplicate_of", []).append(
            _("Choose the idea this one duplicates."))
        return None
    target_id = getattr(duplicate_of, "pk", duplicate_of)
    target = Idea.objects.filter(organisation_id=idea.organisation_id, pk=target_id).first()
    if target is None or target.hidden:
        errors.setdefault("duplicate_of", []).append(
            _("Choose an idea of this organisation."))
        return None
    if target.pk == idea.pk:
        errors.setdefault("duplicate_of", []).append(
            _("An idea cannot be a duplicate of itself."))
    elif target.duplicate_of_id == idea.pk:
        errors.setdefault("duplicate_of", []).append(
            _("%(reference)s is marked as a duplicate of this idea; choose the original "
              "idea instead.") % {"reference": target.reference})
    return target


@transaction.atomic
def do_answer_idea(*, actor: User, idea: Idea, status: str, answer: str,
                   duplicate_of: Idea | None = None, expected_version: int | None,
                   base_url: str | None = None) -> IdeaAnswer:
    """Give an idea a status with an official answer (required). Emails the author and
    every follower but the answerer when the transaction commits. Acceptance goes through
    ``do_accept_idea``; "done" only follows acceptance."""
    _processor(actor, idea.organisation_id)
    errors: dict[str, list[str]] = {}
    text = _answer_text(answer, errors)
    target = None
    if status == Idea.Status.ACCEPTED:
        errors.setdefault("status", []).append(
            _("Accept an idea with “Accept into the portfolio”: it creates the "
              "initiative."))
    elif status not in ANSWER_STATUSES:
        errors.setdefault("status", []).append(
            _("Choose under review, parked, rejected, duplicate or done."))
    elif status == Idea.Status.DONE:
        if idea.status != Idea.Status.ACCEPTED:
            errors.setdefault("status", []).append(
                _("Only an accepted idea can be done."))
    elif idea.status in (Idea.Status.ACCEPTED, Idea.Status.DONE):
        errors.setdefault("status", []).append(
            _("This idea is accepted and is now an initiative; it can only be marked "
              "done."))
    elif status == Idea.Status.DUPLICATE:
        target = _check_duplicate(idea, duplicate_of, errors)
    if errors:
        raise ValidationError(errors)
    claim_version(idea, expected_version)
    return _record_answer(actor=actor, idea=idea, status=status, text=text,
                          duplicate_of=target, base_url=base_url)


@transaction.atomic
def do_assign_reviewers(*, actor: User, idea: Idea, reviewers: list[User],
                        base_url: str | None = None) -> None:
    """Set the idea's reviewers (members of the organisation). The newly assigned get an
    email asking them to rate the idea."""
    _processor(actor, idea.organisation_id)
    wanted = {getattr(r, "pk", r) for r in reviewers or ()}
    members = {m.user_id: m.user for m in Membership.objects.filter(
        organisation_id=idea.organisation_id, user_id__in=wanted).select_related("user")}
    if set(members) != wanted:
        raise ValidationError({"reviewers": _("Choose members of this organisation.")})
    before = set(idea.reviewers.values_list("pk", flat=True))
    idea.reviewers.set(sorted(wanted))
    added = [members[pk] for pk in sorted(wanted - before)]
    if added:
        notifications.send_reviewer_assigned(idea, added, actor=actor, base_url=base_url)


def _rating_value(value, field: str, errors: dict) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if not 1 <= number <= 5 or str(value).strip() != str(number):
        errors.setdefault(field, []).append(_("Choose a rating from 1 to 5."))
        return None
    return number


@transaction.atomic
def do_rate_idea(*, actor: User, idea: Idea, ratings: dict[int, int | None]) -> Idea:
    """Rate the idea on criteria (criterion id → 1..5, or None to clear a rating) and
    recompute its score and band. The portfolio office and the idea's reviewers. Errors are
    keyed ``criterion_<id>``."""
    membership = membership_of(idea.organisation_id, actor)
    if not access.can_score(membership, idea):
        raise PermissionDenied(_("Only the portfolio office and the idea's reviewers rate "
                                 "it."))
    ids = {int(getattr(k, "pk", k)) for k in ratings}
    criteria = {c.pk: c for c in ScoringCriterion.objects.filter(
        organisation_id=idea.organisation_id, pk__in=ids)}
    errors: dict[str, list[str]] = {}
    clean: dict[int, int | None] = {}
    for key, value in ratings.items():
        pk = int(getattr(key, "pk", key))
        field = f"criterion_{pk}"
        criterion = criteria.get(pk)
        if criterion is None:
            errors.setdefault(field, []).append(_("Choose a criterion of this "
                                                  "organisation."))
            continue
        number = _rating_value(value, field, errors)
        if not criterion.active and number is not None:
            errors.setdefault(field, []).append(_("This criterion is no longer in use."))
            continue
        clean[pk] = number
    if errors:
        raise ValidationError(errors)
    existing = {r.criterion_id: r for r in IdeaRating.objects.filter(
        organisation_id=idea.organisation_id, idea=idea, criterion_id__in=list(clean))}
    for pk, number in clean.items():
        row = existing.get(pk)
        if number is None:
            if row is not None:
                tracked(row, actor).delete()
        elif row is None:
            tracked(IdeaRating(organisation_id=idea.organisation_id, idea=idea,
                               criterion_id=pk, rating=number, rated_by=actor), actor).save()
        elif row.rating != number:
            row.rating, row.rated_by = number, actor
            tracked(row, actor).save()
    score, band = score_idea(idea)
    if (score, band) != (idea.score, idea.band):
        idea.score, idea.band = score, band
        save_idea(idea, actor, ["score", "band"])
    return idea


def _phase(organisation_id: int, phase):
    from gevinst.portfolio.models import Phase

    key = "idea" if phase in (None, "") else getattr(phase, "key", phase)
    if isinstance(phase, Phase):
        found = phase if phase.organisation_id == organisation_id else None
    elif isinstance(key, int):
        found = Phase.objects.filter(organisation_id=organisation_id, pk=key).first()
    else:
        found = Phase.objects.filter(organisation_id=organisation_id, key=key).first()
    if found is None or found.key not in ACCEPT_PHASES:
        return None
    return found


@transaction.atomic
def do_accept_idea(*, actor: User, idea: Idea, answer: str, phase=None, owner=None,
                   manager=None, owning_unit=None, expected_version: int | None,
                   base_url: str | None = None):
    """Accept an idea into the portfolio: one transaction creates the initiative from it
    (title, problem, proposal, expected benefit, affected units, the idea's score as
    priority score) in the phase Idea (default) or Concept, links it to the idea, sets the
    status accepted with the official answer and emails the author and followers.
    The owning unit defaults to the first affected unit, else the author's unit."""
    from gevinst.portfolio.services.initiatives import do_create_initiative

    _processor(actor, idea.organisation_id)
    errors: dict[str, list[str]] = {}
    if idea.initiative_id is not None:
        raise ValidationError(_("This idea is already accepted: it became an initiative."),
                              code="accepted")
    if idea.status in (Idea.Status.ACCEPTED, Idea.Status.DONE):
        raise ValidationError(_("This idea is already accepted."), code="accepted")
    if idea.hidden:
        errors.setdefault("__all__", []).append(
            _("This idea is hidden by a moderator. Unhide it before accepting it."))
    text = _answer_text(answer, errors)
    chosen = _phase(idea.organisation_id, phase)
    if chosen is None:
        errors.setdefault("phase", []).append(
            _("Choose the phase Idea or Concept for the new initiative."))
    units = list(idea.units.all())
    if owning_unit in (None, ""):
        owning_unit = units[0] if units else (
            Unit.objects.filter(organisation_id=idea.organisation_id, pk=idea.unit_id).first()
            if idea.unit_id else None)
    elif not isinstance(owning_unit, Unit):
        owning_unit = Unit.objects.filter(organisation_id=idea.organisation_id,
                                          pk=owning_unit).first()
        if owning_unit is None:
            errors.setdefault("owning_unit", []).append(_("Choose a unit of this "
                                                          "organisation."))
    if errors:
        raise ValidationError(errors)
    claim_version(idea, expected_version)
    initiative = do_create_initiative(
        actor=actor, organisation=idea.organisation, title=idea.title, problem=idea.problem,
        proposal=idea.proposal, expected_benefit=idea.expected_benefit,
        affected_units=units, priority_score=idea.score, phase=chosen, owner=owner,
        manager=manager, owning_unit=owning_unit)
    idea.initiative = initiative
    _record_answer(actor=actor, idea=idea, status=Idea.Status.ACCEPTED, text=text,
                   duplicate_of=None, base_url=base_url)
    return initiative
