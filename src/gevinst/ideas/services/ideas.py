"""Submitting and editing ideas.

Any member submits an idea (the employee role included). The author follows it from the
start and edits it until the first answer; the portfolio office edits it until it becomes an
initiative (``access.can_edit_idea``). Every create and every change of title or problem
updates the similar-idea index (ideas/similarity.py).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from gevinst.core.models import Membership, Organisation, Unit, User
from gevinst.core.services import next_reference
from gevinst.core.versioning import claim_version
from gevinst.ideas import access
from gevinst.ideas.models import Idea, IdeaFollower

IDEA_FIELDS = ("title", "problem", "proposal", "expected_benefit", "units")
TITLE_MAX = 200
TEXT_MAX = 10_000
# Saved by edits (never the counters, which other writers keep with F() updates).
EDIT_FIELDS = ["title", "problem", "proposal", "expected_benefit", "updated_at"]


def membership_of(organisation_id: int, user: User | None) -> Membership | None:
    if user is None or user.pk is None:
        return None
    return (Membership.objects.filter(organisation_id=organisation_id, user=user)
            .select_related("user").first())


def tracked(instance, actor, reason: str = ""):
    instance._history_user = actor
    if reason:
        instance._change_reason = reason[:100]
    return instance


def save_idea(idea: Idea, actor, fields: list[str]) -> None:
    """Save only ``fields`` of the idea (and updated_at), recording who did it."""
    tracked(idea, actor).save(update_fields=sorted({*fields, "updated_at"}))


def ensure_follower(idea: Idea, user: User) -> None:
    """Make ``user`` follow ``idea`` (nothing happens when they do already)."""
    if IdeaFollower.objects.filter(organisation_id=idea.organisation_id, idea=idea,
                                   user=user).exists():
        return
    try:
        with transaction.atomic():
            IdeaFollower.objects.create(organisation_id=idea.organisation_id, idea=idea,
                                        user=user)
    except IntegrityError:
        pass  # followed at the same moment by another request


def index(idea: Idea) -> None:
    """Update the similar-idea index for the idea's title and problem."""
    from gevinst.ideas import similarity

    similarity.index_idea(idea)


def clean_text(value, field: str, errors: dict, *, required: bool = False,
               max_length: int = TEXT_MAX, missing: str = "") -> str:
    text = str(value or "").strip()
    if required and not text:
        errors.setdefault(field, []).append(missing)
    elif len(text) > max_length:
        errors.setdefault(field, []).append(
            _("Keep it to %(max)s characters (it has %(n)s).")
            % {"max": number_format(max_length, force_grouping=True),
               "n": number_format(len(text), force_grouping=True)})
    return text


def _clean_units(organisation_id: int, units, errors: dict) -> list[Unit]:
    units = list(units or ())
    ids = {getattr(u, "pk", u) for u in units}
    found = list(Unit.objects.filter(organisation_id=organisation_id, pk__in=ids))
    if len(found) != len(ids):
        errors.setdefault("units", []).append(_("Choose units of this organisation."))
    return found


def _validate(data: dict, organisation_id: int, errors: dict) -> dict:
    clean: dict = {}
    if "title" in data:
        clean["title"] = clean_text(data["title"], "title", errors, required=True,
                                    max_length=TITLE_MAX,
                                    missing=_("Give the idea a short title."))
    if "problem" in data:
        clean["problem"] = clean_text(
            data["problem"], "problem", errors, required=True,
            missing=_("Describe the problem: what is wrong or could be better today, and "
                      "for whom?"))
    for field in ("proposal", "expected_benefit"):
        if field in data:
            clean[field] = clean_text(data[field], field, errors)
    if "units" in data:
        clean["units"] = _clean_units(organisation_id, data["units"], errors)
    return clean


@transaction.atomic
def do_submit_idea(*, actor: User, organisation: Organisation, title: str, problem: str,
                   proposal: str = "", expected_benefit: str = "", units=(),
                   attachments=()) -> Idea:
    """Submit an idea. The author is ``actor``, submitted from their unit; they follow the
    idea. The attachments are checked all together: one refused file refuses the idea."""
    from gevinst.ideas.services import attachments as files

    membership = membership_of(organisation.pk, actor)
    if not access.can_use_ideas(membership):
        raise PermissionDenied(_("Only members of the organisation submit ideas."))
    errors: dict[str, list[str]] = {}
    clean = _validate({"title": title, "problem": problem, "proposal": proposal,
                       "expected_benefit": expected_benefit, "units": units},
                      organisation.pk, errors)
    attachments = [f for f in (attachments or ()) if f]
    checked = []
    if len(attachments) > files.MAX_ATTACHMENTS:
        errors.setdefault("attachments", []).append(
            _("Attach at most %(max)s files (you chose %(n)s).")
            % {"max": files.MAX_ATTACHMENTS, "n": len(attachments)})
    else:
        for upload in attachments:
            try:
                checked.append(files.validate_upload(upload))
            except ValidationError as exc:
                errors.setdefault("attachments", []).extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    idea = Idea(organisation=organisation, title=clean["title"], problem=clean["problem"],
                proposal=clean["proposal"], expected_benefit=clean["expected_benefit"],
                author=actor, unit_id=membership.unit_id)
    idea.number, idea.reference = next_reference(organisation, "IDE")
    tracked(idea, actor).save()
    if clean["units"]:
        idea.units.set(clean["units"])
    IdeaFollower.objects.create(organisation=organisation, idea=idea, user=actor)
    for upload, check in zip(attachments, checked, strict=True):
        files.store(actor=actor, idea=idea, file=upload, checked=check)
    index(idea)
    return idea


@transaction.atomic
def do_update_idea(*, actor: User, idea: Idea, data: dict,
                   expected_version: int | None) -> Idea:
    """Edit an idea (``data`` keys: title, problem, proposal, expected_benefit, units). The
    author while it waits for a first answer, the portfolio office until it becomes an
    initiative. A stale ``expected_version`` raises EditConflict."""
    unknown = set(data) - set(IDEA_FIELDS)
    if unknown:
        raise TypeError(f"unknown idea fields: {sorted(unknown)}")
    membership = membership_of(idea.organisation_id, actor)
    if not access.can_edit_idea(membership, idea):
        if idea.initiative_id is not None:
            raise ValidationError(_("This idea became an initiative; edit the initiative "
                                    "instead."), code="converted")
        raise PermissionDenied(_("You can edit your idea until it gets its first answer."))
    errors: dict[str, list[str]] = {}
    clean = _validate(data, idea.organisation_id, errors)
    if errors:
        raise ValidationError(errors)
    reindex = any(field in clean and clean[field] != getattr(idea, field)
                  for field in ("title", "problem"))
    claim_version(idea, expected_version)
    for field, value in clean.items():
        if field != "units":
            setattr(idea, field, value)
    save_idea(idea, actor, EDIT_FIELDS)
    if "units" in clean:
        idea.units.set(clean["units"])
    if reindex:
        index(idea)
    return idea
