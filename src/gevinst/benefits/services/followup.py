"""The daily follow-up: refresh every benefit's state, then email each person one digest.

``run_followup(organisation)`` (run daily by ``gevinst followup``, see docs/operating.md):

1. refreshes the derived state of every benefit (``measures.refresh_organisation``): "not
   measured when due" changes with the date alone;
2. builds one digest per person from a list of **sections**; each section lists, per person,
   what needs their attention;
3. records a ``FollowUpDigest`` per person (one per person, organisation and day: a second
   run the same day sends nothing; a person with nothing to report gets nothing) and sends
   the emails after the transaction commits, in the organisation's language, as plain text
   with an HTML alternative and absolute links.

Benefits sections (only benefits whose status is in ``Benefit.FOLLOWED_UP``, for their
owner): benefits outside tolerance (a measure behind its plan by more than its tolerance),
measurements overdue (planned periods past their due date without a measurement) and
measurements due within ``DUE_SOON_DAYS`` days.

Adding a section (e.g. the risks module: "risks due for review", "overdue actions"): write
a builder ``def build(context: FollowUpContext) -> DigestSection | None`` that makes a few
queries for the whole organisation (never one per person or per row) and returns the items
grouped by the recipient's user id, and register it once, e.g. in the app's
``AppConfig.ready()``::

    from gevinst.benefits.services.followup import register_section
    register_section(risks_due_for_review)

Builders run inside ``translation.override`` of the organisation's language, so headings
and item texts written with ``gettext`` come out in the reader's language; the email
templates render any section generically (heading, intro, items with a link).
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Count, DateField, F, Func, Max, Min, Q
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gevinst.benefits import calc
from gevinst.benefits.models import Benefit, FollowUpDigest, Health, Measure, PlannedValue
from gevinst.benefits.services.measures import refresh_organisation
from gevinst.benefits.signals import TOPIC
from gevinst.core.aggregates import prune
from gevinst.core.models import Membership, Organisation, User
from gevinst.core.templatetags.gevinst_format import format_number

# A measurement due within this many days is announced in the digest.
DUE_SOON_DAYS = 14
# A section lists at most this many items; the rest are counted and point to the
# person's "My benefits" page (a digest, not a flood).
MAX_ITEMS_PER_SECTION = 25


# --------------------------------------------------------------------------- the digest

@dataclass
class DigestItem:
    """One line of a digest: what it is about, what needs doing, and where."""

    reference: str
    title: str
    detail: str
    link: str


@dataclass
class DigestSection:
    """A part of the digest; ``items`` maps a recipient's user id to their items."""

    key: str
    heading: str
    intro: str
    items: dict[int, list[DigestItem]] = field(default_factory=dict)
    # The page that lists everything of this kind for the reader: (label, absolute link).
    # Default: the reader's "My benefits" page.
    page: tuple[str, str] | None = None


# A reference no benefit has: reverse() once, then fill in each benefit's reference.
_SENTINEL = "BEN-SENTINEL"


@dataclass
class FollowUpContext:
    """What a section builder gets: the organisation, the day, and how to make links and
    labels. Labels come out in the active language (the run sets the organisation's) and
    are cached for the run: builders make tens of thousands of them."""

    organisation: Organisation
    today: dt.date
    base_url: str = ""
    _cache: dict = field(default_factory=dict, repr=False)

    @property
    def due_soon_until(self) -> dt.date:
        return self.today + dt.timedelta(days=DUE_SOON_DAYS)

    def link(self, name: str, fallback: str, **kwargs) -> str:
        """An absolute link to the page ``name`` inside the organisation (``fallback``, a
        path below /o/<slug>/, if the page's route is not installed)."""
        try:
            path = reverse(name, kwargs={"org_slug": self.organisation.slug, **kwargs})
        except NoReverseMatch:
            path = f"/o/{self.organisation.slug}/{fallback}"
        return self.base_url + path

    def benefit_link(self, reference: str) -> str:
        template = self._cache.get("benefit_link")
        if template is None:
            template = self._cache["benefit_link"] = self.link(
                "benefit_detail", f"benefits/{_SENTINEL}/", benefit=_SENTINEL)
        return template.replace(_SENTINEL, reference)

    def date(self, day: dt.date) -> str:
        key = ("date", day)
        if key not in self._cache:
            self._cache[key] = formats.date_format(day, "DATE_FORMAT")
        return self._cache[key]

    def period(self, start: dt.date, frequency: str) -> str:
        key = ("period", start, frequency)
        if key not in self._cache:
            self._cache[key] = period_label(start, frequency)
        return self._cache[key]

    def percent(self, value) -> str:
        return format_number(value, self.organisation, 0) + "\u00a0%"


SectionBuilder = Callable[[FollowUpContext], "DigestSection | None"]


@dataclass
class FollowUpResult:
    organisation: Organisation
    today: dt.date
    benefits: int = 0  # benefits refreshed
    changed: int = 0  # stored rows whose derived state changed
    digests: dict[str, int] = field(default_factory=dict)  # email → items, of digests sent

    @property
    def sent(self) -> int:
        return len(self.digests)


# --------------------------------------------------------------------------- benefits sections

def period_label(start: dt.date, frequency: str) -> str:
    """'March 2026', 'Q1 2026', 'H1 2026' or '2026', in the active language."""
    if frequency == Measure.Frequency.QUARTERLY:
        return _("Q%(quarter)s %(year)s") % {"quarter": (start.month - 1) // 3 + 1,
                                              "year": start.year}
    if frequency == Measure.Frequency.HALF_YEARLY:
        return _("H%(half)s %(year)s") % {"half": 1 if start.month <= 6 else 2,
                                           "year": start.year}
    if frequency == Measure.Frequency.YEARLY:
        return str(start.year)
    return formats.date_format(start, "YEAR_MONTH_FORMAT")


def period_due(due: dt.date, frequency: str) -> dt.date:
    """The period whose measurement is due on ``due`` (the inverse of calc.due_date)."""
    return calc.period_start(due - dt.timedelta(days=calc.GRACE_DAYS), frequency)


def _followed_measures(ctx: FollowUpContext):
    """Measures of followed-up benefits that have an owner (one query when evaluated)."""
    return (Measure.objects
            .filter(organisation=ctx.organisation, benefit__status__in=Benefit.FOLLOWED_UP,
                    benefit__owner__isnull=False)
            .order_by("benefit__number", "order", "pk"))


ROW = ("pk", "name", "frequency", "next_due", "achievement", "tolerance",
       "benefit__owner_id", "benefit__reference", "benefit__title")


def _item(ctx: FollowUpContext, row: dict, detail: str) -> DigestItem:
    return DigestItem(reference=row["benefit__reference"], title=row["benefit__title"],
                      detail=detail, link=ctx.benefit_link(row["benefit__reference"]))


def behind_section(ctx: FollowUpContext) -> DigestSection:
    """Benefits slipping outside tolerance: a measure behind its plan by more than its
    tolerance at its latest measurement."""
    section = DigestSection(
        key="benefits_behind", heading=_("Benefits outside tolerance"),
        intro=_("The latest measurement is further behind the plan than the tolerance "
                "allows. Consider what can bring the benefit back on track, and tell the "
                "portfolio office."))
    for row in _followed_measures(ctx).filter(health=Health.BEHIND).values(*ROW):
        if row["achievement"] is None:
            detail = _("%(measure)s: behind plan by more than the tolerance "
                       "(%(tolerance)s percentage points).") % {
                "measure": row["name"], "tolerance": format_number(
                    row["tolerance"], ctx.organisation, 0)}
        else:
            detail = _("%(measure)s: %(achievement)s of the planned change achieved, behind "
                       "plan by more than the tolerance (%(tolerance)s percentage points).") % {
                "measure": row["name"], "achievement": ctx.percent(row["achievement"]),
                "tolerance": format_number(row["tolerance"], ctx.organisation, 0)}
        section.items.setdefault(row["benefit__owner_id"], []).append(_item(ctx, row, detail))
    return section


class DaysBefore(Func):
    """``date − n days`` as a date, in each database's own date arithmetic (Django's
    generic ``F(date) - timedelta`` calls a Python function per row on SQLite)."""

    output_field = DateField()

    def __init__(self, expression, days: int):
        self.days = int(days)
        super().__init__(expression)

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection,
                           template=f"date(%(expressions)s, '-{self.days} days')", **extra)

    def as_sql(self, compiler, connection, **extra):  # PostgreSQL: date - integer = date
        extra.setdefault("template", f"(%(expressions)s - {self.days})")
        return super().as_sql(compiler, connection, **extra)


@dataclass
class Overdue:
    """The planned periods of a measure past their due date without a measurement."""

    count: int
    first: dt.date
    last: dt.date


def overdue_periods(ctx: FollowUpContext) -> dict[int, Overdue]:
    """Measure id → its overdue periods, for measures of followed-up benefits whose next
    measurement is past due (``next_due`` < today); counted in the database, in one query.

    The stored ``next_due`` is the due date of the first planned period after the last
    measured one, ``p0``; the overdue periods are the planned periods from ``p0`` whose due
    date (end of the period + GRACE_DAYS) is before today. In SQL, per frequency:
    ``p0 <= period``, written as ``period > next_due - (GRACE_DAYS + 31 × months + 1) days``
    (``next_due - GRACE_DAYS`` is the last day of ``p0``; the margin lies between the start
    of ``p0`` and that of the period before it, for every length of month), and
    ``period < start of the period holding (today - GRACE_DAYS)``."""
    grace = dt.timedelta(days=calc.GRACE_DAYS)
    window = Q()
    for frequency, months in calc.MONTHS_PER_PERIOD.items():
        window |= Q(measure__frequency=frequency,
                    period__lt=calc.period_start(ctx.today - grace, frequency),
                    period__gt=DaysBefore(F("measure__next_due"),
                                          calc.GRACE_DAYS + 31 * months + 1))
    rows = (PlannedValue.objects
            .filter(organisation=ctx.organisation, measure__next_due__lt=ctx.today,
                    measure__benefit__status__in=Benefit.FOLLOWED_UP,
                    measure__benefit__owner__isnull=False)
            .filter(window)
            .values("measure_id")
            .annotate(count=Count("id"), first=Min("period"), last=Max("period"))
            .order_by())
    return {row["measure_id"]: Overdue(row["count"], row["first"], row["last"])
            for row in rows}


def overdue_section(ctx: FollowUpContext) -> DigestSection:
    """Measurements not recorded when due (the benefit is "not measured when due")."""
    section = DigestSection(
        key="measurements_overdue", heading=_("Measurements overdue"),
        intro=_("These periods have passed their due date without a measurement. Record "
                "the figures, or tell the portfolio office why they cannot be measured."))
    periods = overdue_periods(ctx)
    templates: dict[int, str] = {}  # count → the (plural) text, translated once
    for row in _followed_measures(ctx).filter(next_due__lt=ctx.today).values(*ROW):
        frequency = row["frequency"]
        found = periods.get(row["pk"])
        first = found.first if found else period_due(row["next_due"], frequency)
        if found is None or found.count == 1:
            detail = _("%(measure)s: %(period)s not measured; it was due %(due)s.") % {
                "measure": row["name"], "period": ctx.period(first, frequency),
                "due": ctx.date(row["next_due"])}
        else:
            if found.count not in templates:
                templates[found.count] = ngettext(
                    "%(measure)s: %(count)s period not measured (%(first)s to %(last)s); the "
                    "first was due %(due)s.",
                    "%(measure)s: %(count)s periods not measured (%(first)s to %(last)s); "
                    "the first was due %(due)s.",
                    found.count)
            detail = templates[found.count] % {
                "measure": row["name"], "count": found.count,
                "first": ctx.period(first, frequency),
                "last": ctx.period(found.last, frequency), "due": ctx.date(row["next_due"])}
        section.items.setdefault(row["benefit__owner_id"], []).append(_item(ctx, row, detail))
    return section


def due_soon_section(ctx: FollowUpContext) -> DigestSection:
    """Measurements due in the coming days."""
    section = DigestSection(
        key="measurements_due", heading=_("Measurements due soon"),
        intro=ngettext("Due within the next %(days)s day.", "Due within the next %(days)s days.",
                       DUE_SOON_DAYS) % {"days": DUE_SOON_DAYS})
    rows = _followed_measures(ctx).filter(next_due__gte=ctx.today,
                                          next_due__lte=ctx.due_soon_until).values(*ROW)
    for row in rows:
        detail = _("%(measure)s: %(period)s is due %(due)s.") % {
            "measure": row["name"],
            "period": ctx.period(period_due(row["next_due"], row["frequency"]),
                                 row["frequency"]),
            "due": ctx.date(row["next_due"])}
        section.items.setdefault(row["benefit__owner_id"], []).append(_item(ctx, row, detail))
    return section


# The digest's sections, in the order they appear. Other modules add theirs with
# register_section (see the module docstring).
SECTION_BUILDERS: list[SectionBuilder] = [behind_section, overdue_section, due_soon_section]


def register_section(builder: SectionBuilder) -> SectionBuilder:
    """Add a section to every digest (idempotent; usable as a decorator)."""
    if builder not in SECTION_BUILDERS:
        SECTION_BUILDERS.append(builder)
    return builder


# --------------------------------------------------------------------------- the run

def organisation_language(organisation: Organisation) -> str:
    """The language of the organisation's emails: its country's, else the site default."""
    from gevinst.portfolio.defaults import LANGUAGE_BY_COUNTRY

    available = {code for code, _name in settings.LANGUAGES}
    language = LANGUAGE_BY_COUNTRY.get(organisation.country, settings.LANGUAGE_CODE)
    return language if language in available else settings.LANGUAGE_CODE


def build_digests(ctx: FollowUpContext) -> dict[int, list[DigestSection]]:
    """Every person's digest: user id → their sections (each holding only their items)."""
    digests: dict[int, list[DigestSection]] = defaultdict(list)
    for builder in SECTION_BUILDERS:
        section = builder(ctx)
        if section is None:
            continue
        for user_id, items in section.items.items():
            if items:
                digests[user_id].append(DigestSection(
                    key=section.key, heading=section.heading, intro=section.intro,
                    items={user_id: items}, page=section.page))
    return digests


def _pages(ctx: FollowUpContext, sections: list[DigestSection]) -> list[dict]:
    """The pages the digest points to at its end, once each, in the sections' order."""
    mine = (_("Everything you own, what is due and how it goes"),
            ctx.link("my_benefits", "my-benefits/"))
    out: dict[str, str] = {}
    for section in sections:
        label, link = section.page or mine
        out.setdefault(link, label)
    return [{"label": label, "link": link} for link, label in out.items()]


def _message(ctx: FollowUpContext, user: User, sections: list[DigestSection]
             ) -> EmailMultiAlternatives:
    count = sum(len(items) for s in sections for items in s.items.values())
    context = {
        "organisation": ctx.organisation, "person": user, "today": ctx.today, "count": count,
        "sections": [{"key": s.key, "heading": s.heading, "intro": s.intro,
                      "items": s.items[user.pk][:MAX_ITEMS_PER_SECTION],
                      "more": max(0, len(s.items[user.pk]) - MAX_ITEMS_PER_SECTION)}
                     for s in sections],
        "pages": _pages(ctx, sections),
        "language": translation.get_language(),
    }
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + ngettext(
        "Follow-up in %(org)s: %(count)s thing needs your attention",
        "Follow-up in %(org)s: %(count)s things need your attention",
        count) % {"org": ctx.organisation.name, "count": count}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("benefits/email/followup_digest.txt", context),
        to=[user.email])
    message.attach_alternative(render_to_string("benefits/email/followup_digest.html", context),
                               "text/html")
    return message


def _send(message: EmailMultiAlternatives) -> None:
    message.send()


def run_followup(organisation: Organisation, today: dt.date | None = None,
                 base_url: str | None = None, full: bool = False) -> FollowUpResult:
    """The daily follow-up of one organisation (see the module docstring). Call inside the
    organisation's tenant scope. ``base_url`` (e.g. https://gevinst.example.no; default
    ``$GEVINST_BASE_URL``) makes the links absolute."""
    today = today or timezone.localdate()
    if base_url is None:
        base_url = os.environ.get("GEVINST_BASE_URL", "")
    result = FollowUpResult(organisation=organisation, today=today)
    # Daily, only what the date can have changed; ``full`` recomputes every benefit.
    result.changed = refresh_organisation(organisation, today=today, full=full)
    # The day's marks of changed benefits data are not needed once counted in a version.
    prune(organisation.pk, TOPIC)
    result.benefits = Benefit.objects.filter(organisation=organisation).count()
    ctx = FollowUpContext(organisation=organisation, today=today,
                          base_url=base_url.rstrip("/"))
    with transaction.atomic():
        # Who already had today's digest. Should two runs overlap, the unique constraint
        # (organisation, user, day) makes the second fail before it sends anything.
        done = set(FollowUpDigest.objects.filter(organisation=organisation, sent_on=today)
                   .values_list("user_id", flat=True))
        with translation.override(organisation_language(organisation)):
            digests = build_digests(ctx)
            recipients = {m.user_id: m.user for m in Membership.objects.filter(
                organisation=organisation, user__is_active=True).select_related("user")}
            messages, records = [], []
            for user_id in sorted(digests, key=lambda uid: getattr(recipients.get(uid),
                                                                   "email", "")):
                user = recipients.get(user_id)
                if user is None or user_id in done or not user.email:
                    continue  # left the organisation, already had today's digest, no address
                sections = digests[user_id]
                count = sum(len(items) for s in sections for items in s.items.values())
                messages.append(_message(ctx, user, sections))
                records.append(FollowUpDigest(organisation=organisation, user=user,
                                              sent_on=today, items=count))
                result.digests[user.email] = count
        FollowUpDigest.objects.bulk_create(records)
        for message in messages:
            # One callback per person, robust: a refused address does not stop the others.
            transaction.on_commit(lambda m=message: _send(m), robust=True)
    return result
