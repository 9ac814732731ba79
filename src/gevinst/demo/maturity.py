"""Demo maturity assessments: Fjordby's surveys of its digital maturity a year apart (2024
and 2025, closed, with results, reporting groups and recommendations) and one open now
with some answers in, plus peer municipalities of Fjordby's kind and size whose closed 2025
surveys give Fjordby's results a benchmark.

Everything goes through the maturity services (``do_create_campaign``,
``do_open_campaign``, ``do_save_answers``, ``do_send_reminders``, ``do_close_campaign``),
so the rules hold: the invitations are the members of the units plus the other addresses,
the answers are anonymous and checked, units with fewer than five respondents are merged
at closing, the results and recommendations are computed by the app. The answers come from
a seeded random generator around a profile per survey and area (``maturity_data``): from
2024 to 2025 benefits realisation and data improve, green IT stays where it was.

A survey can only be opened while its closing date lies ahead, so the surveys are run
today and their dates (created, opens, closes, opened, closed, and the campaign's history
rows) are moved back afterwards with plain UPDATEs. Nothing computed depends on a date.

No email is sent: the invitations and reminders would go to the demo's (invented)
addresses, so sending them is switched off while the demo loads (``_no_emails``).

Idempotent: an organisation that has maturity assessments is left alone; a peer that
exists is kept as it is.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import statistics
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from django.utils import timezone

from gevinst.core.models import Membership, Organisation, Role, Unit, User
from gevinst.core.scoping import tenant_scope
from gevinst.core.services import do_add_member, do_create_organisation, do_create_unit
from gevinst.demo import maturity_data as md
from gevinst.maturity.models import Campaign, Invitation
from gevinst.maturity.services import campaigns as campaign_services
from gevinst.maturity.services.campaigns import (
    do_close_campaign,
    do_create_campaign,
    do_open_campaign,
    do_send_reminders,
)
from gevinst.maturity.services.responses import do_save_answers
from gevinst.maturity.services.versions import DEFAULT_KEY, current_version, install_default_model

FIRST_WAVE = 0.65  # the share of the respondents who answer before the reminder
REMINDED_DAYS_BEFORE_CLOSING = 7  # when the closed surveys' reminder went out


@contextmanager
def _no_emails() -> Iterator[None]:
    """Switch off the invitation and reminder emails while the demo loads: the services
    render them in the transaction and send them on commit, so they are not even rendered.
    The demo is loaded from the command line (``gevinst loaddemo``), never while serving."""
    saved = campaign_services.send_invitations
    campaign_services.send_invitations = lambda _campaign, invitations, **_kwargs: [
        i.email for i in invitations
    ]
    try:
        yield
    finally:
        campaign_services.send_invitations = saved


# --------------------------------------------------------------------------- answers


def _clip(value: float, low: float = 0.02, high: float = 0.98) -> float:
    return min(high, max(low, value))


def spread(n: int, sd: float, rng: random.Random) -> list[float]:
    """``n`` deviations of a normal distribution with standard deviation ``sd``, evenly
    spread over its quantiles and shuffled: a survey's respondents differ as people do, but
    their mean is the profile's (a small survey is not thrown off by a few draws)."""
    if n == 0:
        return []
    normal = statistics.NormalDist(0, sd)
    values = [normal.inv_cdf((i + 0.5) / n) for i in range(n)]
    rng.shuffle(values)
    return values


def answers_for(
    content: dict, level: dict[str, float], rng: random.Random, dimensions: set[str] | None = None
) -> dict:
    """One respondent's answers to the model's questions (only ``dimensions`` when given),
    around their maturity per dimension (``level``, 0–1): a level question the option
    nearest to it, a checklist the easier items more often ticked, a practice the status
    nearest to it; each with some noise."""
    scale = content["practice_scale"]
    answers: dict = {}
    for dimension in content["dimensions"]:
        if dimensions is not None and dimension["key"] not in dimensions:
            continue
        theta = level.get(dimension["key"], 0.5)
        for question in dimension["questions"]:
            options = question["options"]
            if question["type"] == "level":
                aim = theta + rng.gauss(0, 0.15)
                answers[question["key"]] = min(
                    range(len(options)), key=lambda i: abs(options[i]["score"] - aim)
                )
            elif question["type"] == "checklist":
                last = max(1, len(options) - 1)
                answers[question["key"]] = [
                    i
                    for i in range(len(options))
                    if rng.random() < _clip(theta + 0.3 * (0.5 - i / last), 0.0, 1.0)
                ]
            else:
                aim = theta + rng.gauss(0, 0.15)
                answers[question["key"]] = min(scale, key=lambda s: abs(s["score"] - aim))["key"]
    return answers


def _levels(
    profile: dict[str, float], effects: list[dict[str, float]], rng: random.Random
) -> list[dict[str, float]]:
    """Each respondent's maturity per dimension: the profile, their area's difference
    (``effects``, one per respondent), their own (all dimensions) and per dimension."""
    n = len(effects)
    person = spread(n, md.PERSON_SPREAD, rng)
    own = {d: spread(n, md.DIMENSION_SPREAD, rng) for d in md.DIMENSIONS}
    return [
        {
            d: _clip(profile[d] + effects[i].get(d, 0.0) + person[i] + own[d][i])
            for d in md.DIMENSIONS
        }
        for i in range(n)
    ]


# --------------------------------------------------------------------------- dates


def _at(day: dt.date, hour: int, rng: random.Random) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, rng.randint(0, 59))))


def _backdate(
    campaign: Campaign,
    *,
    created: dt.datetime,
    opens_on: dt.date,
    closes_on: dt.date,
    opened: dt.datetime,
    closed: dt.datetime | None,
    reminded: dt.date | None = None,
) -> None:
    """Move a campaign that the services ran today back to its own dates (and its history
    rows: created, opened, closed; the day of its reminder). Dates only; the results do not
    depend on them."""
    Campaign.objects.filter(organisation_id=campaign.organisation_id, pk=campaign.pk).update(
        created_at=created,
        opens_on=opens_on,
        closes_on=closes_on,
        opened_at=opened,
        closed_at=closed,
        reminded_on=reminded,
    )
    moments = [created, opened, closed]
    rows = list(campaign.history.order_by("history_id").values_list("history_id", flat=True))
    for history_id, moment in zip(rows, moments, strict=False):
        if moment is not None:
            type(campaign).history.filter(history_id=history_id).update(history_date=moment)
    # The values the history rows recorded move with them, so the history tells the same
    # dates as the campaign (created on 21 November opening on 26 November, not today).
    history = type(campaign).history.filter(id=campaign.pk)
    history.update(created_at=created, opens_on=opens_on, closes_on=closes_on)
    history.filter(opened_at__isnull=False).update(opened_at=opened)
    if closed is not None:
        history.filter(closed_at__isnull=False).update(closed_at=closed)


# --------------------------------------------------------------------------- Fjordby


def _ascii(text: str) -> str:
    text = text.lower().replace("ø", "o").replace("æ", "ae").replace("å", "a")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _staff_addresses(
    organisation: Organisation, needed: dict[str, int], taken: set[str]
) -> list[tuple[str, str]]:
    """(address, unit name) of the staff without an account, ``needed`` per unit: the same
    invented people every year."""
    rng = random.Random(f"{md.SEED}-staff")
    names = list(itertools.product(md.FIRST_NAMES, md.LAST_NAMES))
    rng.shuffle(names)
    pool = iter(names)
    out = []
    for unit_name, count in needed.items():
        while count > 0:
            first, last = next(pool)
            address = f"{_ascii(first)}.{_ascii(last)}@{organisation.slug}.example"
            if address in taken:
                continue
            taken.add(address)
            out.append((address, unit_name))
            count -= 1
    return out


def _area(unit: Unit | None, units: dict[int, Unit]) -> str:
    """The name of the unit's area: its ancestor just under the top (itself when it is one)."""
    while unit is not None and unit.parent_id is not None:
        parent = units.get(unit.parent_id)
        if parent is None or parent.parent_id is None:
            return unit.name
        unit = parent
    return unit.name if unit is not None else ""


class _FjordbySurveys:
    def __init__(self, organisation: Organisation, admin: User, today: dt.date):
        self.organisation = organisation
        self.admin = admin
        self.today = today
        self.rng = random.Random(md.SEED)
        self.units = {u.pk: u for u in Unit.objects.filter(organisation=organisation)}
        by_name = {u.name: u for u in self.units.values()}
        self.staffing = [row for row in md.FJORDBY_STAFFING if row[0] in by_name]
        self.roots = [u for u in self.units.values() if u.parent_id is None]
        members = Membership.objects.filter(
            organisation=organisation, unit__isnull=False
        ).select_related("user", "unit")
        per_unit: dict[str, int] = {}
        taken = set()
        for membership in members:
            per_unit[membership.unit.name] = per_unit.get(membership.unit.name, 0) + 1
            taken.add(membership.user.email.lower())
        needed = {
            name: max(0, invited - per_unit.get(name, 0))
            for name, invited, *_counts in self.staffing
        }
        self.extra = "\n".join(
            f"{address}, {unit}" for address, unit in _staff_addresses(organisation, needed, taken)
        )
        self.persona = f"employee@{organisation.slug}.example"

    def run(self, spec: dict, *, open_now: bool = False) -> Campaign:
        rng = self.rng
        campaign = do_create_campaign(
            actor=self.admin,
            organisation=self.organisation,
            units=self.roots,
            title=spec["title"],
            opens_on=self.today,
            closes_on=self.today + dt.timedelta(days=25),
            extra_emails=self.extra,
            message=spec["message"],
        )
        do_open_campaign(actor=self.admin, campaign=campaign, expected_version=campaign.version)
        content = campaign.model_version.content
        invitations = list(
            Invitation.objects.filter(organisation=self.organisation, campaign=campaign)
            .select_related("unit", "organisation", "campaign", "campaign__model_version")
            .order_by("email")
        )
        by_unit: dict[str, list[Invitation]] = {}
        for invitation in invitations:
            by_unit.setdefault(invitation.unit.name if invitation.unit else "", []).append(
                invitation
            )
        column = md.ANSWERED_COLUMN[spec["key"]]
        respondents = []
        for row in self.staffing:
            pool = [
                i for i in by_unit.get(row[0], []) if not (open_now and i.email == self.persona)
            ]
            respondents += rng.sample(pool, min(row[column], len(pool)))
        rng.shuffle(respondents)
        effects = [md.AREA_EFFECTS.get(_area(i.unit, self.units), {}) for i in respondents]
        levels = _levels(spec["level"], effects, rng)
        first = round(FIRST_WAVE * len(respondents))
        for invitation, level in zip(respondents[:first], levels[:first], strict=True):
            do_save_answers(
                invitation=invitation,
                token=invitation.token,
                send=True,
                answers=answers_for(content, level, rng),
            )
        if open_now:
            self._drafts(spec, content, invitations, respondents)
            for invitation, level in zip(respondents[first:], levels[first:], strict=True):
                do_save_answers(
                    invitation=invitation,
                    token=invitation.token,
                    send=True,
                    answers=answers_for(content, level, rng),
                )
            opens_on = self.today - dt.timedelta(days=spec["opened_days_ago"])
            _backdate(
                campaign,
                created=_at(opens_on - dt.timedelta(days=5), 13, rng),
                opens_on=opens_on,
                closes_on=self.today + dt.timedelta(days=spec["closes_in_days"]),
                opened=_at(opens_on, 8, rng),
                closed=None,
            )
            return campaign
        do_send_reminders(actor=self.admin, campaign=campaign)
        for invitation, level in zip(respondents[first:], levels[first:], strict=True):
            do_save_answers(
                invitation=invitation,
                token=invitation.token,
                send=True,
                answers=answers_for(content, level, rng),
            )
        campaign.refresh_from_db()
        do_close_campaign(actor=self.admin, campaign=campaign, expected_version=campaign.version)
        _backdate(
            campaign,
            created=_at(spec["created"], 13, rng),
            opens_on=spec["opens_on"],
            closes_on=spec["closes_on"],
            opened=_at(spec["opens_on"], 8, rng),
            closed=_at(spec["closed"], 9, rng),
            reminded=spec["closes_on"] - dt.timedelta(days=REMINDED_DAYS_BEFORE_CLOSING),
        )
        return campaign

    def _drafts(self, spec, content, invitations, respondents) -> None:
        """A few people have saved some answers without sending them."""
        rng = self.rng
        chosen = {i.pk for i in respondents}
        waiting = [i for i in invitations if i.pk not in chosen and i.email != self.persona]
        for invitation in rng.sample(waiting, min(spec["drafts"], len(waiting))):
            area = md.AREA_EFFECTS.get(_area(invitation.unit, self.units), {})
            [level] = _levels(spec["level"], [area], rng)
            do_save_answers(
                invitation=invitation,
                token=invitation.token,
                send=False,
                answers=answers_for(content, level, rng, dimensions=set(md.DIMENSIONS[:3])),
            )


def _ensure_model() -> None:
    """The default model (installed by a migration; a flushed database has lost it). An
    installed one is never replaced: the operator may have installed a newer version."""
    if current_version(DEFAULT_KEY) is None:
        install_default_model()


def load_maturity(
    organisation: Organisation, people: dict[str, User], today: dt.date | None = None
) -> list[Campaign]:
    """Fjordby's maturity assessments (2024 and 2025 closed, one open now). Inside the
    organisation's scope. An organisation whose units are not Fjordby's, or that has
    assessments already, is left alone (returns [])."""
    if Campaign.objects.filter(organisation=organisation).exists():
        return []
    admin = people.get("admin")
    units = set(Unit.objects.filter(organisation=organisation).values_list("name", flat=True))
    known = [row for row in md.FJORDBY_STAFFING if row[0] in units]
    if admin is None or len(known) < len(md.FJORDBY_STAFFING) // 2:
        return []
    _ensure_model()
    today = today or timezone.localdate()
    surveys = _FjordbySurveys(organisation, admin, today)
    with _no_emails():
        made = [surveys.run(spec) for spec in md.FJORDBY_CAMPAIGNS]
        opens_on = today - dt.timedelta(days=md.FJORDBY_OPEN["opened_days_ago"])
        made.append(
            surveys.run(
                {**md.FJORDBY_OPEN, "title": md.FJORDBY_OPEN["title"].format(year=opens_on.year)},
                open_now=True,
            )
        )
    return made


# --------------------------------------------------------------------------- peers


@transaction.atomic
def load_peer(index: int, today: dt.date | None = None) -> tuple[Organisation, bool]:
    """Peer ``index`` of ``maturity_data.PEERS``: a municipality with a few units, one
    administrator who cannot sign in, and one closed survey of the default model."""
    name, slug, size, respondents, opens_on, closes_on = md.PEERS[index]
    existing = Organisation.objects.filter(slug=slug).first()
    if existing is not None:
        return existing, False
    _ensure_model()
    today = today or timezone.localdate()
    rng = random.Random(f"{md.SEED}-{slug}")
    org = do_create_organisation(
        actor=None, name=name, slug=slug, kind=Organisation.Kind.MUNICIPALITY, size=size
    )
    with tenant_scope(org), _no_emails():
        root = do_create_unit(
            actor=None, organisation=org, name=name.removesuffix(" (demo)"), parent=None
        )
        units = [
            do_create_unit(actor=None, organisation=org, name=unit, parent=root)
            for unit in md.PEER_UNITS
        ]
        email = f"admin@{slug}.example"
        admin = User.objects.filter(email=email).first() or User.objects.create_user(
            email=email, password=None, full_name=f"Administrator, {root.name}"
        )
        do_add_member(
            actor=None,
            organisation=org,
            user=admin,
            role=Role.ADMIN,
            title="Digitaliseringsrådgiver",
        )
        invited = respondents + max(2, respondents // 3)
        extra = "\n".join(
            f"ansatt{n:02d}@{slug}.example, {units[n % len(units)].name}"
            for n in range(1, invited + 1)
        )
        campaign = do_create_campaign(
            actor=admin,
            organisation=org,
            units=[root],
            title="Digital modenhet 2025",
            opens_on=today,
            closes_on=today + dt.timedelta(days=21),
            extra_emails=extra,
        )
        do_open_campaign(actor=admin, campaign=campaign, expected_version=campaign.version)
        content = campaign.model_version.content
        profile = {d: _clip(md.PEER_LEVEL[d] + rng.gauss(0, md.PEER_SPREAD)) for d in md.DIMENSIONS}
        invitations = list(
            Invitation.objects.filter(organisation=org, campaign=campaign)
            .select_related("organisation", "campaign", "campaign__model_version")
            .order_by("email")
        )
        answering = rng.sample(invitations, respondents)
        for invitation, level in zip(
            answering, _levels(profile, [{}] * respondents, rng), strict=True
        ):
            do_save_answers(
                invitation=invitation,
                token=invitation.token,
                send=True,
                answers=answers_for(content, level, rng),
            )
        campaign.refresh_from_db()
        do_close_campaign(actor=admin, campaign=campaign, expected_version=campaign.version)
        _backdate(
            campaign,
            created=_at(opens_on - dt.timedelta(days=7), 12, rng),
            opens_on=opens_on,
            closes_on=closes_on,
            opened=_at(opens_on, 8, rng),
            closed=_at(closes_on + dt.timedelta(days=3), 10, rng),
        )
    return org, True


def load_peers(today: dt.date | None = None) -> list[tuple[Organisation, bool]]:
    return [load_peer(index, today) for index in range(len(md.PEERS))]
