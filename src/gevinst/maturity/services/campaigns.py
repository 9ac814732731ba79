"""Campaigns of a maturity assessment: prepare (draft), open (invite), remind, close (final
answers, reporting groups, results, recommendations). The organisation's administrators
run them."""

from __future__ import annotations

import datetime as dt
import secrets
from collections import Counter

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gevinst.core.access import has_role
from gevinst.core.models import Membership, Organisation, Role, Unit, User
from gevinst.core.services import next_reference
from gevinst.core.versioning import claim_version
from gevinst.maturity import calc
from gevinst.maturity.models import Campaign, Invitation, Recommendation, Response
from gevinst.maturity.notifications import send_invitations
from gevinst.maturity.services.versions import DEFAULT_KEY, current_version

CAMPAIGN_FIELDS = ("title", "mode", "opens_on", "closes_on", "extra_emails", "message")
RECOMMENDATIONS = 3  # the dimensions with the largest weighted gaps that get a recommendation
# `gevinst remind` reminds those who have not answered this many days before the closing
# date, unless someone was reminded in that time already (by hand or by an earlier run).
AUTO_REMINDER_DAYS = 3


def _admin(actor: User, organisation_id: int) -> None:
    membership = Membership.objects.filter(organisation_id=organisation_id, user=actor).first()
    if not has_role(membership, Role.ADMIN):
        raise PermissionDenied


def _tracked(instance, actor):
    instance._history_user = actor
    return instance


def parse_extra_emails(organisation: Organisation, text: str) -> tuple[list[tuple[str, Unit
                                                                                 | None]],
                                                                       list[str]]:
    """The lines of "more people to invite": ``address`` or ``address, unit name or code``.
    Returns the (address, unit) pairs and a message per wrong line."""
    units = list(Unit.objects.filter(organisation=organisation))
    by_name = {u.name.casefold(): u for u in units}
    by_name.update({u.code.casefold(): u for u in units if u.code})
    found, errors, seen = [], [], set()
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        address, _sep, unit_name = (part.strip() for part in line.partition(","))
        address = address.lower()
        try:
            validate_email(address)
        except ValidationError:
            errors.append(_("Line %(n)s: “%(value)s” is not an email address.")
                          % {"n": number, "value": address})
            continue
        unit = None
        if unit_name:
            unit = by_name.get(unit_name.casefold())
            if unit is None:
                errors.append(_("Line %(n)s: there is no unit “%(unit)s”.")
                              % {"n": number, "unit": unit_name})
                continue
        if address in seen:
            continue
        seen.add(address)
        found.append((address, unit))
    return found, errors


def _subtree(organisation: Organisation, chosen) -> set[int]:
    parents = dict(Unit.objects.filter(organisation=organisation).values_list("pk", "parent_id"))
    chosen_ids = {u.pk for u in chosen}
    inside = set()
    for unit in parents:
        node, seen = unit, set()
        while node is not None and node not in seen:
            if node in chosen_ids:
                inside.add(unit)
                break
            seen.add(node)
            node = parents.get(node)
    return inside


def invitees(campaign: Campaign) -> list[tuple[str, User | None, Unit | None]]:
    """Who a campaign invites: the members of its units (and the units under them), then
    the extra addresses; each address once, as (email, member or None, unit)."""
    organisation = campaign.organisation
    inside = _subtree(organisation, campaign.units.all())
    members = (Membership.objects.filter(organisation=organisation, unit_id__in=inside,
                                         user__is_active=True)
               .select_related("user", "unit").order_by("user__email"))
    found: dict[str, tuple[str, User | None, Unit | None]] = {}
    for membership in members:
        email = membership.user.email.lower()
        found.setdefault(email, (email, membership.user, membership.unit))
    extra, _errors = parse_extra_emails(organisation, campaign.extra_emails)
    if extra:
        users = {m.user.email.lower(): m.user for m in Membership.objects.filter(
            organisation=organisation, user__email__in=[e for e, _u in extra])
            .select_related("user")}
        for email, unit in extra:
            found.setdefault(email, (email, users.get(email), unit))
    return list(found.values())


def _validate(campaign: Campaign, units, errors: dict) -> None:
    organisation = campaign.organisation
    try:
        campaign.full_clean(exclude=["organisation", "model_version", "number", "reference",
                                     "units"])
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if campaign.opens_on and campaign.closes_on and campaign.closes_on < campaign.opens_on:
        errors.setdefault("closes_on", []).append(_("The survey must close after it opens."))
    if units is not None:
        if not units:
            errors.setdefault("units", []).append(_("Choose at least one unit."))
        elif any(u.organisation_id != organisation.pk for u in units):
            errors.setdefault("units", []).append(_("Choose units of this organisation."))
    extra, problems = parse_extra_emails(organisation, campaign.extra_emails)
    if problems:
        errors.setdefault("extra_emails", []).extend(problems)
    elif extra and campaign.mode == Campaign.Mode.SIGNED_IN:
        members = set(Membership.objects.filter(organisation=organisation)
                      .values_list("user__email", flat=True))
        members = {m.lower() for m in members}
        outside = [e for e, _u in extra if e not in members]
        if outside:
            errors.setdefault("extra_emails", []).append(
                _("Only members can answer when they sign in; not members: %(list)s.")
                % {"list": ", ".join(outside)})


@transaction.atomic
def do_create_campaign(*, actor: User, organisation: Organisation, units, **fields) -> Campaign:
    """A new campaign (draft) with the current version of the default model."""
    _admin(actor, organisation.pk)
    unknown = set(fields) - set(CAMPAIGN_FIELDS)
    if unknown:
        raise TypeError(f"unknown campaign fields: {sorted(unknown)}")
    version = current_version(DEFAULT_KEY)
    if version is None:
        raise ValidationError(_("No maturity model is installed: ask the platform operator."))
    campaign = Campaign(organisation=organisation, model_version=version, created_by=actor,
                        **fields)
    errors: dict[str, list[str]] = {}
    units = list(units or [])
    _validate(campaign, units, errors)
    if errors:
        raise ValidationError(errors)
    campaign.number, campaign.reference = next_reference(organisation, "MAT")
    _tracked(campaign, actor).save()
    campaign.units.set(units)
    return campaign


def _draft(campaign: Campaign) -> None:
    if campaign.status != Campaign.Status.DRAFT:
        raise ValidationError(_("Only a draft can be changed; this survey is already open."),
                              code="not_draft")


@transaction.atomic
def do_update_campaign(*, actor: User, campaign: Campaign, data: dict,
                       expected_version: int | None) -> Campaign:
    _admin(actor, campaign.organisation_id)
    _draft(campaign)
    units = data.pop("units", None)
    unknown = set(data) - set(CAMPAIGN_FIELDS)
    if unknown:
        raise TypeError(f"unknown campaign fields: {sorted(unknown)}")
    for field, value in data.items():
        setattr(campaign, field, value)
    errors: dict[str, list[str]] = {}
    units = list(units) if units is not None else None
    _validate(campaign, units, errors)
    if errors:
        raise ValidationError(errors)
    claim_version(campaign, expected_version)
    _tracked(campaign, actor).save()
    if units is not None:
        campaign.units.set(units)
    return campaign


@transaction.atomic
def do_delete_campaign(*, actor: User, campaign: Campaign) -> None:
    _admin(actor, campaign.organisation_id)
    _draft(campaign)
    campaign.delete()


@transaction.atomic
def do_open_campaign(*, actor: User, campaign: Campaign, expected_version: int | None,
                     base_url: str | None = None) -> list[str]:
    """Open the survey: an invitation with a personal link to everyone it invites, emailed
    when the transaction commits. Returns the addresses."""
    _admin(actor, campaign.organisation_id)
    _draft(campaign)
    if campaign.closes_on < timezone.localdate():
        raise ValidationError({"closes_on": [_("The closing date has passed: choose a later "
                                               "one before opening.")]})
    people = invitees(campaign)
    if not people:
        raise ValidationError(_("Nobody would be invited: the units have no members and no "
                                "other addresses are given."), code="nobody")
    claim_version(campaign, expected_version)
    campaign.status = Campaign.Status.OPEN
    campaign.opened_at = timezone.now()
    _tracked(campaign, actor).save()
    made = Invitation.objects.bulk_create([
        Invitation(organisation=campaign.organisation, campaign=campaign, email=email,
                   user=user, unit=unit, token=secrets.token_urlsafe(32))
        for email, user, unit in people])
    return send_invitations(campaign, made, base_url=base_url)


@transaction.atomic
def do_send_reminders(*, actor: User, campaign: Campaign,
                      base_url: str | None = None) -> list[str]:
    """Email the invitees who have not sent their answers (the list of who answered is the
    invitations', never the answers')."""
    _admin(actor, campaign.organisation_id)
    if campaign.status != Campaign.Status.OPEN or close_date_passed(campaign):
        raise ValidationError(_("Reminders go out only while the survey takes answers."),
                              code="not_open")
    sent = _remind(campaign, timezone.localdate(), base_url)
    if not sent:
        raise ValidationError(_("Everyone invited has answered."), code="all_answered")
    return sent


def _waiting(campaign: Campaign) -> list[Invitation]:
    return list(campaign.invitations.filter(completed=False).order_by("email"))


def _remind(campaign: Campaign, today: dt.date, base_url: str | None) -> list[str]:
    """Remind those who have not answered and note the day; returns their addresses."""
    waiting = _waiting(campaign)
    if not waiting:
        return []
    Invitation.objects.filter(pk__in=[i.pk for i in waiting]).update(
        reminders=F("reminders") + 1)
    # Not a change of the campaign's settings: no new version, no history entry.
    Campaign.objects.filter(pk=campaign.pk).update(reminded_on=today)
    campaign.reminded_on = today
    return send_invitations(campaign, waiting, reminder=True, base_url=base_url)


def due_for_automatic_reminder(campaign: Campaign, today: dt.date) -> bool:
    """Whether ``gevinst remind`` reminds the campaign's late respondents today: it is open,
    closes within AUTO_REMINDER_DAYS days, was opened before those days (the invitation
    itself is recent enough otherwise) and nobody has been reminded in that time."""
    window = campaign.closes_on - dt.timedelta(days=AUTO_REMINDER_DAYS)
    opened = timezone.localtime(campaign.opened_at).date() if campaign.opened_at else None
    return (campaign.status == Campaign.Status.OPEN and window <= today <= campaign.closes_on
            and opened is not None and opened < window
            and (campaign.reminded_on is None or campaign.reminded_on < window))


@transaction.atomic
def do_remind_before_closing(*, organisation: Organisation, today: dt.date | None = None,
                             base_url: str | None = None, dry_run: bool = False
                             ) -> list[tuple[Campaign, list[str]]]:
    """The automatic reminder, run daily by ``gevinst remind``: for each open campaign due
    (:func:`due_for_automatic_reminder`), email those who have not answered, once. With
    ``dry_run`` nothing is sent or noted. Returns each campaign with the addresses."""
    today = today or timezone.localdate()
    last = today + dt.timedelta(days=AUTO_REMINDER_DAYS)
    done = []
    for campaign in (Campaign.objects.filter(organisation=organisation,
                                             status=Campaign.Status.OPEN,
                                             closes_on__gte=today, closes_on__lte=last)
                     .select_related("organisation").order_by("closes_on", "number")):
        if not due_for_automatic_reminder(campaign, today):
            continue
        if dry_run:
            addresses = [i.email for i in _waiting(campaign)]
        else:
            addresses = _remind(campaign, today, base_url)
        if addresses:
            done.append((campaign, addresses))
    return done


def _unit_parents(organisation_id: int) -> dict[int, int | None]:
    return dict(Unit.objects.filter(organisation_id=organisation_id)
                .values_list("pk", "parent_id"))


def _invitation_group(unit_id: int | None, groups: dict, shown: set, parents: dict
                      ) -> int | None:
    """The reporting group an invitee of ``unit_id`` counts in (for the response rate):
    where the unit's respondents went (``groups``, from closing); for a unit nobody answered
    from, the group of its nearest ancestor that had respondents or is a group shown."""
    node, seen = unit_id, set()
    while node is not None and node not in seen:
        if node in groups:
            return groups[node]
        if node in shown:
            return node
        seen.add(node)
        node = parents.get(node)
    return None


def compute_summary(campaign: Campaign, groups: dict[int, int | None] | None = None,
                    rows: list[tuple[int | None, dict]] | None = None) -> dict:
    """The results of a closed campaign from its sent answers: the whole organisation and
    each reporting group of at least five respondents (``Response.unit`` is the group after
    closing; ``None`` the rest of the organisation). ``groups`` (from closing: each unit's
    reporting group) places the invitees of merged units for the response rates; ``rows``
    (from closing) are the sent answers as (group, answers), read from the database if not
    given."""
    content = campaign.model_version.content
    if rows is None:
        rows = list(Response.objects.filter(organisation_id=campaign.organisation_id,
                                            campaign=campaign, submitted=True)
                    .values_list("unit_id", "answers"))
    invited_units = list(campaign.invitations.values_list("unit_id", flat=True))
    parents = _unit_parents(campaign.organisation_id)
    names = dict(Unit.objects.filter(organisation_id=campaign.organisation_id)
                 .values_list("pk", "name"))
    # Each respondent is scored once; the whole and each group aggregate those scores.
    scored = [(unit_id, calc.respondent_scores(content, answers)) for unit_id, answers in rows]
    whole = calc.aggregate(content, [s for _u, s in scored], invited=len(invited_units))
    by_group: dict[int | None, list] = {}
    for unit_id, scores in scored:
        by_group.setdefault(unit_id, []).append(scores)
    shown = {g for g in by_group if g is not None}
    invited_per_group: dict[int | None, int] = {}
    for unit_id in invited_units:
        group = _invitation_group(unit_id, groups or {}, shown, parents)
        invited_per_group[group] = invited_per_group.get(group, 0) + 1
    groups = []
    # Only when the organisation is split in more than one group: one group is the whole.
    if len(by_group) > 1:
        for group, group_scores in by_group.items():
            found = calc.aggregate(content, group_scores, invited=invited_per_group.get(group))
            if not found["shown"]:
                continue
            found["unit"] = group
            found["name"] = names.get(group, "") if group is not None else ""
            groups.append(found)
        groups.sort(key=lambda g: (g["unit"] is None, g["name"].casefold()))
    organisation = campaign.organisation
    return {"model": {"key": campaign.model_version.model.key,
                      "version": campaign.model_version.number},
            # What the benchmark's peers are chosen by, as it was at closing.
            "organisation": {"kind": organisation.kind, "size": organisation.size},
            "whole": whole, "groups": groups}


def recommend(content: dict, whole: dict, count: int = RECOMMENDATIONS) -> list[dict]:
    """The dimensions with the largest weighted gaps (weight × (100 − mean)) that have a
    next level, largest first: ``{"dimension", "score", "target_band", "gap"}``."""
    bands = content["bands"]
    found = []
    for dimension in content["dimensions"]:
        stats = (whole.get("dimensions") or {}).get(dimension["key"])
        if not stats:
            continue
        current = calc.band(stats["mean"], bands)
        index = next(i for i, b in enumerate(bands) if b["key"] == current["key"])
        if index + 1 >= len(bands):
            continue
        found.append({"dimension": dimension["key"], "score": stats["mean"],
                      "target_band": bands[index + 1]["key"],
                      "gap": dimension["weight"] * (100 - stats["mean"])})
    found.sort(key=lambda r: (-r["gap"], r["dimension"]))
    return found[:count]


@transaction.atomic
def do_close_campaign(*, actor: User, campaign: Campaign,
                      expected_version: int | None) -> Campaign:
    """Close the survey: answers not sent are deleted, each unit's responses are moved to
    the reporting group they are counted in (a unit below five respondents never stands on
    its own, not even in the database), the results are computed once and the
    recommendations made."""
    _admin(actor, campaign.organisation_id)
    if campaign.status != Campaign.Status.OPEN:
        raise ValidationError(_("Only an open survey can be closed."), code="not_open")
    # The version's UPDATE locks the campaign's row: a respondent sending now (who reads the
    # campaign under a lock, responses.do_save_answers) waits and then finds it closed, or
    # got in first and is counted.
    claim_version(campaign, expected_version)
    organisation_id = campaign.organisation_id
    responses = Response.objects.filter(organisation_id=organisation_id, campaign=campaign)
    responses.filter(submitted=False).delete()
    sent = list(responses.values_list("unit_id", "answers"))
    counts = Counter(unit_id for unit_id, _answers in sent if unit_id is not None)
    groups = calc.reporting_groups(counts, _unit_parents(organisation_id),
                                   unplaced=sum(unit_id is None for unit_id, _a in sent))
    # Every response is written anew, in random order, under its reporting group, and every
    # invitation is rewritten too: nothing physical (the order rows were inserted in, row
    # ids, PostgreSQL's transaction ids) is left to tell when, or together with which
    # invitation, an answer was sent.
    secrets.SystemRandom().shuffle(sent)
    stored = [(None if unit_id is None else groups[unit_id], answers)
              for unit_id, answers in sent]
    responses.delete()
    Response.objects.bulk_create(
        [Response(organisation_id=organisation_id, campaign=campaign, submitted=True,
                  unit_id=group, answers=answers) for group, answers in stored])
    Invitation.objects.filter(organisation_id=organisation_id, campaign=campaign).update(
        completed=F("completed"))
    campaign.status = Campaign.Status.CLOSED
    campaign.closed_at = timezone.now()
    campaign.summary = compute_summary(campaign, groups, stored)
    _tracked(campaign, actor).save()
    Recommendation.objects.filter(organisation_id=organisation_id, campaign=campaign).delete()
    Recommendation.objects.bulk_create([
        Recommendation(organisation_id=organisation_id, campaign=campaign, rank=rank,
                       dimension=r["dimension"], score=round(r["score"], 1),
                       target_band=r["target_band"])
        for rank, r in enumerate(recommend(campaign.model_version.content,
                                           campaign.summary["whole"]), start=1)])
    return campaign


def close_date_passed(campaign: Campaign, today: dt.date | None = None) -> bool:
    return (today or timezone.localdate()) > campaign.closes_on
