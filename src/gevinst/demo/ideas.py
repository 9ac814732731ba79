"""Demo ideas from staff: Fjordby's idea board (60+ ideas from employees in many units over
the last eighteen months) and a small one for Åsdal.

Everything goes through the idea services (``do_submit_idea``, ``do_support``,
``do_follow``, ``do_comment``, ``do_assign_reviewers``, ``do_rate_idea``,
``do_answer_idea``, ``do_accept_idea``, ``do_report_abuse``, ``do_hide_idea``,
``do_hide_comment``) and, for the accepted ideas' initiatives, the portfolio services (gate
decisions, dates, objectives), so the rules hold: one support per person, the author never
supports their own idea, supporters and commenters follow, statuses move as the portfolio
office may move them, duplicates point to earlier ideas, scores come from the default
framework, acceptance creates the initiative.

The services stamp everything "now". Afterwards the loader backdates the timestamps (idea
submitted, answers, first answer, supports, follows, comments, ratings, reports, hiding,
the initiative's creation) with plain UPDATEs, which is the one thing done outside the
services. Dates count from today, so the demo stays fresh; the times of day come from a
seeded random generator, so every load gives the same board.

No email is sent: the answers, hidings and reviewer assignments would email the demo
people, so the notifications are switched off while the demo loads (``_no_emails``).

Idempotent: an organisation that has ideas already is left alone.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction
from django.utils import timezone

from gevinst.core.aggregates import mark_changed
from gevinst.core.models import Membership, Organisation, Role, Unit, User
from gevinst.core.services import do_add_member, do_change_member, do_create_unit
from gevinst.demo import idea_data
from gevinst.demo.gates import COMMENTS, DECIDED_BY, RATIONALE
from gevinst.ideas import notifications
from gevinst.ideas.defaults import DEFAULT_CRITERIA
from gevinst.ideas.models import (
    AbuseReport,
    Idea,
    IdeaAnswer,
    IdeaComment,
    IdeaFollower,
    IdeaRating,
    IdeaSupport,
    ScoringCriterion,
)
from gevinst.ideas.services.engagement import do_comment, do_follow, do_report_abuse, do_support
from gevinst.ideas.services.ideas import do_submit_idea
from gevinst.ideas.services.moderation import do_hide_comment, do_hide_idea
from gevinst.ideas.services.processing import (
    do_accept_idea,
    do_answer_idea,
    do_assign_reviewers,
    do_rate_idea,
)
from gevinst.ideas.signals import TOPIC
from gevinst.portfolio.models import ChecklistItem, Initiative, Phase
from gevinst.portfolio.services.gates import (
    do_record_earlier_decision,
    do_record_gate_decision,
    do_update_checklist_item,
)
from gevinst.portfolio.services.initiatives import do_update_initiative

SEED = 6  # the issue that brought ideas; any fixed number keeps the board the same
NOTIFICATIONS = ("send_answer", "send_hidden", "send_reviewer_assigned")
# Who never supports ideas: the portfolio office answers them.
NO_SUPPORTERS = {"admin", "pmo"}
DATASETS = (
    (
        idea_data.FJORDBY_IDEAS,
        idea_data.FJORDBY_EMPLOYEES,
        idea_data.FJORDBY_EXTRA_UNITS,
        idea_data.FJORDBY_PERSONA_UNIT,
    ),
    (idea_data.ASDAL_IDEAS, idea_data.ASDAL_EMPLOYEES, [], idea_data.ASDAL_PERSONA_UNIT),
)


@contextmanager
def _no_emails() -> Iterator[None]:
    """Switch off the idea emails while the demo loads: the services render their messages
    in the transaction and send them on commit, so they are not even rendered. The demo is
    loaded from the command line (``gevinst loaddemo``), never while serving requests."""
    saved = {name: getattr(notifications, name) for name in NOTIFICATIONS}
    try:
        for name in NOTIFICATIONS:
            setattr(notifications, name, lambda *args, **kwargs: [])
        yield
    finally:
        for name, function in saved.items():
            setattr(notifications, name, function)


def _dataset(units: dict[str, Unit]) -> tuple | None:
    """Fjordby's or Åsdal's ideas, recognised by the units they need."""
    for dataset in DATASETS:
        specs, employees, extra, persona = dataset
        needed = {key for spec in specs for key in spec["units"]}
        needed |= {unit for _local, unit, _name, _title in employees} | {persona[0]}
        if needed <= set(units) | {key for key, _name, _parent in extra}:
            return dataset
    return None


def _add_units(organisation: Organisation, units: dict[str, Unit], extra) -> dict[str, Unit]:
    units = dict(units)
    for key, name, parent in extra:
        if key not in units:
            found = Unit.objects.filter(organisation=organisation, name=name).first()
            units[key] = found or do_create_unit(
                actor=None, organisation=organisation, name=name, parent=units[parent]
            )
    return units


def _add_employees(
    organisation: Organisation, units: dict[str, Unit], employees, hashed: str
) -> dict[str, User]:
    """The staff who submit and support ideas, as members with the employee role, with the
    (hashed) password of the demo's employee persona: the demo people share one password,
    and hashing it again would cost more than the rest of the ideas."""
    people = {}
    for local, unit_key, name, title in employees:
        email = f"{local}@{organisation.slug}.example"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=None, full_name=name)
            user.password = hashed
            user.save(update_fields=["password"])
        do_add_member(
            actor=None,
            organisation=organisation,
            user=user,
            role=Role.EMPLOYEE,
            unit=units[unit_key],
            title=title,
        )
        people[local] = user
    return people


def _place_persona(
    organisation: Organisation,
    people: dict[str, User],
    units: dict[str, Unit],
    persona: tuple[str, str],
) -> None:
    """The demo's employee persona gets a unit (her ideas count for it)."""
    membership = Membership.objects.filter(
        organisation=organisation, user=people.get("employee")
    ).first()
    if membership is None or membership.unit_id is not None:
        return
    unit_key, title = persona
    do_change_member(
        actor=people.get("admin"),
        membership=membership,
        role=membership.role,
        unit=units[unit_key],
        title=title,
        expected_version=membership.version,
    )


class _Clock:
    """Times of the demo: day offsets from a submission date, at plausible working hours."""

    def __init__(self, now: dt.datetime, rng: random.Random):
        self.now = now
        self.today = timezone.localtime(now).date()
        self.rng = rng

    def submitted(self, days: int) -> dt.datetime:
        return self._at(self.today - dt.timedelta(days=days), 7, 22)

    def after(self, start: dt.datetime, days: int) -> dt.datetime:
        """A time ``days`` after ``start`` (later the same day when 0), never in the future."""
        if days <= 0:
            moment = start + dt.timedelta(minutes=self.rng.randint(10, 300))
        else:
            moment = self._at(timezone.localtime(start).date() + dt.timedelta(days=days), 8, 16)
        return min(moment, self.now - dt.timedelta(minutes=5))

    def date(self, start: dt.datetime, days: int) -> dt.date:
        return min(timezone.localtime(start).date() + dt.timedelta(days=days), self.today)

    def _at(self, day: dt.date, first_hour: int, last_hour: int) -> dt.datetime:
        moment = dt.datetime.combine(
            day, dt.time(self.rng.randint(first_hour, last_hour - 1), self.rng.randint(0, 59))
        )
        return timezone.make_aware(moment)


class _Times:
    """The backdated timestamps, written after the services ran (plain UPDATEs)."""

    def __init__(self):
        self.rows: dict[tuple, dict[int, dt.datetime]] = {}

    def set(self, model, field: str, pk: int, moment: dt.datetime) -> None:
        self.rows.setdefault((model, field), {})[pk] = moment

    def write(self) -> None:
        """Backdating: the services stamp "now", the demo's history is older. The one write
        of the demo outside the services; it changes dates only, one statement per column
        (an UPDATE of thousands of rows one by one through the ORM would take seconds)."""
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            for (model, field), values in self.rows.items():
                column = model._meta.get_field(field).column
                sql = (
                    f"UPDATE {quote(model._meta.db_table)} SET {quote(column)} = %s "
                    f"WHERE {quote(model._meta.pk.column)} = %s"
                )
                cursor.executemany(
                    sql,
                    [
                        (connection.ops.adapt_datetimefield_value(moment), pk)
                        for pk, moment in values.items()
                    ],
                )


class _Loader:
    def __init__(self, organisation, people, units, now):
        self.organisation = organisation
        self.people = people
        self.units = units
        self.pmo = people["pmo"]
        self.rng = random.Random(SEED)
        self.clock = _Clock(now, self.rng)
        self.times = _Times()
        self.ideas: dict[str, Idea] = {}
        self.rated: set[str] = set()
        self.answered: list[dt.datetime] = []  # the answers of the idea being loaded
        criteria = {
            c.key: c
            for c in ScoringCriterion.objects.filter(organisation=organisation, active=True)
        }
        self.criteria = [criteria[c["key"]] for c in DEFAULT_CRITERIA]
        self.phases = list(Phase.objects.filter(organisation=organisation).order_by("order"))
        self.supporters = sorted(
            (key for key in people if key not in NO_SUPPORTERS), key=lambda key: people[key].email
        )

    # ------------------------------------------------------------------ one idea
    def load(self, spec: dict) -> Idea:
        author = self.people[spec["by"]]
        submitted = self.clock.submitted(spec["days"])
        idea = do_submit_idea(
            actor=author,
            organisation=self.organisation,
            title=spec["title"],
            problem=spec["problem"],
            proposal=spec.get("proposal", ""),
            expected_benefit=spec.get("benefit", ""),
            units=[self.units[key] for key in spec["units"]],
        )
        self.ideas[spec["key"]] = idea
        self.times.set(Idea, "created_at", idea.pk, submitted)
        following = {author.pk: submitted}
        self._supports(idea, spec, submitted, following)
        for key in spec.get("follow", []):
            do_follow(actor=self.people[key], idea=idea)
            following.setdefault(
                self.people[key].pk, self.clock.after(submitted, self.rng.randint(1, 20))
            )
        comments = self._comments(idea, spec, submitted, following)
        last = self._answers(idea, spec, submitted)
        self._moderation(idea, spec, submitted, comments)
        for user_id, pk in IdeaFollower.objects.filter(idea=idea).values_list("user_id", "pk"):
            self.times.set(IdeaFollower, "created_at", pk, following.get(user_id, submitted))
        self.times.set(Idea, "updated_at", idea.pk, max([*following.values(), *last]))
        return idea

    def _supports(self, idea, spec, submitted, following) -> None:
        pool = [key for key in self.supporters if key != spec["by"]]
        wanted = spec.get("supports", 0)
        if wanted > len(pool):
            raise ValueError(f"{spec['key']}: {wanted} supports, {len(pool)} possible")
        age = spec["days"]
        for key in self.rng.sample(pool, wanted):
            # Most support comes in the first weeks after an idea is submitted.
            day = min(int(self.rng.expovariate(1 / 12)), age - 1, 120)
            support = do_support(actor=self.people[key], idea=idea)
            moment = self.clock.after(submitted, day)
            self.times.set(IdeaSupport, "created_at", support.pk, moment)
            following.setdefault(self.people[key].pk, moment)

    def _comments(self, idea, spec, submitted, following) -> list[IdeaComment]:
        made = []
        for entry in spec.get("comments", []):
            who, day, body = entry[:3]
            comment = self._comment(idea, who, day, body, None, submitted, following)
            made.append(comment)
            for reply_who, reply_day, reply_body in entry[3] if len(entry) > 3 else []:
                self._comment(idea, reply_who, reply_day, reply_body, comment, submitted, following)
        return made

    def _comment(self, idea, who, day, body, parent, submitted, following) -> IdeaComment:
        comment = do_comment(actor=self.people[who], idea=idea, body=body, parent=parent)
        moment = self.clock.after(submitted, day)
        if parent is not None:  # a reply the same day comes after the comment
            written = self.times.rows[(IdeaComment, "created_at")][parent.pk]
            moment = min(
                max(moment, written + dt.timedelta(minutes=self.rng.randint(5, 90))),
                self.clock.now - dt.timedelta(minutes=5),
            )
        self.times.set(IdeaComment, "created_at", comment.pk, moment)
        self.times.set(IdeaComment, "updated_at", comment.pk, moment)
        following.setdefault(self.people[who].pk, moment)
        return comment

    def _answers(self, idea, spec, submitted) -> list[dt.datetime]:
        answered = self.answered = []
        reviewers = [self.people[key] for key in spec.get("reviewers", [])]
        for index, (day, status, text) in enumerate(spec.get("answers", [])):
            moment = self.clock.after(submitted, day)
            if index == 0 and reviewers:
                do_assign_reviewers(actor=self.pmo, idea=idea, reviewers=reviewers)
            if status == Idea.Status.ACCEPTED:
                self._rate(idea, spec, submitted, day)
                initiative = do_accept_idea(
                    actor=self.pmo,
                    idea=idea,
                    answer=text,
                    **self._acceptance(spec["accept"]),
                    expected_version=idea.version,
                )
                self._initiative(initiative, spec["accept"], submitted, day, moment)
                answer = IdeaAnswer.objects.get(idea=idea, status=Idea.Status.ACCEPTED)
            else:
                if status != Idea.Status.UNDER_REVIEW:
                    self._rate(idea, spec, submitted, day)
                duplicate = (
                    self.ideas[spec["duplicate_of"]] if status == Idea.Status.DUPLICATE else None
                )
                answer = do_answer_idea(
                    actor=self.pmo,
                    idea=idea,
                    status=status,
                    answer=text,
                    duplicate_of=duplicate,
                    expected_version=idea.version,
                )
            self.times.set(IdeaAnswer, "answered_at", answer.pk, moment)
            answered.append(moment)
        self._rate(idea, spec, submitted, None)  # still under review: rated by now
        if answered:
            self.times.set(Idea, "answered_at", idea.pk, answered[-1])
            self.times.set(Idea, "first_answered_at", idea.pk, answered[0])
        return answered

    def _rate(self, idea, spec, submitted, decided_on_day: int | None) -> None:
        """The ratings of the reviewers (or the portfolio office), once, before a decision or,
        for an idea still under review, some days after the first answer."""
        if not spec.get("ratings") or spec["key"] in self.rated:
            return
        self.rated.add(spec["key"])
        answers = spec.get("answers", [])
        if decided_on_day is None:
            day = min(answers[0][0] + 10, spec["days"] - 1)
        else:
            day = max(decided_on_day - 2, answers[0][0])
        reviewers = spec.get("reviewers", [])
        rater = self.people[reviewers[0]] if reviewers else self.pmo
        ratings = {c.pk: value for c, value in zip(self.criteria, spec["ratings"], strict=False)}
        do_rate_idea(actor=rater, idea=idea, ratings=ratings)
        moment = self.clock.after(submitted, day)
        if self.answered:  # after the answer that assigned the reviewers
            moment = min(
                max(moment, self.answered[0] + dt.timedelta(minutes=40)),
                self.clock.now - dt.timedelta(minutes=5),
            )
        for pk in IdeaRating.objects.filter(idea=idea).values_list("pk", flat=True):
            self.times.set(IdeaRating, "rated_at", pk, moment)

    # ------------------------------------------------------------------ initiatives
    def _acceptance(self, accept: dict) -> dict:
        unit = accept.get("unit")
        return {
            "phase": accept["phase"],
            "owner": self.people[accept["owner"]],
            "manager": self.people[accept["manager"]],
            "owning_unit": self.units[unit] if unit else None,
        }

    def _initiative(
        self,
        initiative: Initiative,
        accept: dict,
        submitted: dt.datetime,
        day: int,
        moment: dt.datetime,
    ) -> None:
        """The accepted idea's initiative: created when the idea was accepted, linked to the
        objectives it serves, and moved on through its gates since."""
        self.times.set(Initiative, "created_at", initiative.pk, moment)
        gates = accept.get("gates", [])
        self.times.set(
            Initiative,
            "updated_at",
            initiative.pk,
            max([moment, *(self.clock.after(submitted, gate_day) for gate_day, _index in gates)]),
        )
        self._objectives(initiative, accept.get("objectives", []))
        manager = self.people[accept["manager"]]
        if accept["phase"] != self.phases[0].key:
            # Accepted straight into the concept phase: the first decision point is passed.
            do_record_earlier_decision(
                actor=self.pmo,
                initiative=initiative,
                from_phase=self.phases[0],
                decision="approve",
                decided_on=self.clock.date(submitted, day),
                decided_by=DECIDED_BY[0],
                rationale=RATIONALE[0],
                benefits_reviewed=True,
            )
        for gate_day, index in gates:
            if initiative.phase_id != self.phases[index].pk:
                raise ValueError(f"{initiative.title}: gate {index + 1} does not follow")
            for n, item in enumerate(
                ChecklistItem.objects.filter(
                    initiative=initiative,
                    phase_id=initiative.phase_id,
                    is_mandatory=True,
                    status=ChecklistItem.Status.OPEN,
                ).order_by("order", "pk")
            ):
                do_update_checklist_item(
                    actor=manager,
                    item=item,
                    status="done",
                    comment=COMMENTS[(index + n) % len(COMMENTS)],
                    expected_version=item.version,
                )
            do_record_gate_decision(
                actor=self.pmo,
                initiative=initiative,
                decision="approve",
                decided_on=self.clock.date(submitted, gate_day),
                decided_by=DECIDED_BY[index],
                rationale=RATIONALE[index],
                benefits_reviewed=True,
                benefits_review="Forventede gevinster er gjennomgått med gevinsteier.",
                expected_version=None,
            )
        if "start" in accept:
            initiative.refresh_from_db()
            do_update_initiative(
                actor=self.pmo,
                initiative=initiative,
                data={
                    "start_date": self.clock.date(submitted, accept["start"]),
                    "end_date": (
                        timezone.localtime(submitted).date() + dt.timedelta(days=accept["end"])
                    ),
                },
                expected_version=initiative.version,
            )

    def _objectives(self, initiative: Initiative, keys: list[str]) -> None:
        from gevinst.demo.objectives import STRATEGY
        from gevinst.objectives.models import Objective
        from gevinst.objectives.services import do_link_initiative_objectives

        titles = {}
        for key, title, _description, children in STRATEGY:
            titles[key] = title
            for child_key, child_title, _child_description in children:
                titles[child_key] = child_title
        wanted = [titles[key] for key in keys]
        objectives = list(
            Objective.objects.filter(organisation=self.organisation, title__in=wanted)
        )
        if objectives:
            do_link_initiative_objectives(
                actor=self.pmo, initiative=initiative, objectives=objectives
            )

    # ------------------------------------------------------------------ moderation
    def _moderation(self, idea, spec, submitted, comments) -> None:
        moderation = spec.get("moderation", {})
        if "comment_report" in moderation:
            index, who, day, reason = moderation["comment_report"]
            report = do_report_abuse(
                actor=self.people[who], idea=idea, reason=reason, comment=comments[index]
            )
            self.times.set(AbuseReport, "created_at", report.pk, self.clock.after(submitted, day))
        if "hide_comment" in moderation:
            index, day, reason = moderation["hide_comment"]
            do_hide_comment(actor=self.pmo, comment=comments[index], reason=reason)
            self._hidden(
                IdeaComment,
                comments[index].pk,
                idea,
                self.clock.after(submitted, day),
                comment=comments[index],
            )
        if "report" in moderation:
            who, day, reason = moderation["report"]
            report = do_report_abuse(actor=self.people[who], idea=idea, reason=reason)
            self.times.set(AbuseReport, "created_at", report.pk, self.clock.after(submitted, day))
        if "hide" in moderation:
            day, reason = moderation["hide"]
            do_hide_idea(actor=self.pmo, idea=idea, reason=reason)
            self._hidden(Idea, idea.pk, idea, self.clock.after(submitted, day))

    def _hidden(self, model, pk: int, idea: Idea, moment: dt.datetime, comment=None) -> None:
        self.times.set(model, "hidden_at", pk, moment)
        if comment is not None:
            self.times.set(IdeaComment, "updated_at", pk, moment)
        resolved = AbuseReport.objects.filter(
            idea=idea, comment=comment, outcome=AbuseReport.Outcome.HIDDEN
        )
        for report_pk in resolved.values_list("pk", flat=True):
            self.times.set(AbuseReport, "resolved_at", report_pk, moment)


@transaction.atomic
def load_ideas(
    organisation: Organisation,
    people: dict[str, User],
    units: dict[str, Unit],
    now: dt.datetime | None = None,
) -> list[Idea]:
    """The demo ideas of Fjordby or Åsdal (recognised by their units, ``units`` being the
    loader's units by key). Adds the employees who submit and support them to ``people``
    (they log in with the employee persona's password). Another organisation, one that has
    ideas already, or one without the demo's people, is left alone."""
    if Idea.objects.filter(organisation=organisation).exists():
        return []
    found = _dataset(units)
    if found is None or not {"admin", "pmo", "contributor", "employee"} <= set(people):
        return []
    specs, employees, extra, persona = found
    units = _add_units(organisation, units, extra)
    people.update(_add_employees(organisation, units, employees, people["employee"].password))
    _place_persona(organisation, people, units, persona)
    loader = _Loader(organisation, people, units, now or timezone.now())
    with _no_emails():
        ideas = [loader.load(spec) for spec in sorted(specs, key=lambda s: -s["days"])]
    loader.times.write()
    mark_changed(organisation.pk, TOPIC)
    return ideas
