"""The demo ideas: Fjordby's board of 60+ ideas from staff in many units over eighteen months
(every status, duplicates of earlier ideas, accepted ideas turned into initiatives carrying
their data, supports within the number of members, answers after submission, scores in every
band, moderation), Åsdal's small one, loaded without sending a single email and the same
every time."""

from __future__ import annotations

import datetime as dt
import functools
import statistics

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from gevinst.core.models import Membership, Organisation, Role, Unit
from gevinst.core.scoping import tenant_scope
from gevinst.demo import benefits as demo_benefits
from gevinst.demo import gates, registers, reports
from gevinst.demo import ideas as demo_ideas
from gevinst.demo import objectives as demo_objectives
from gevinst.demo import risks as demo_risks
from gevinst.demo.loader import NAMES, ORGS, load_organisation
from gevinst.ideas import calc, notifications
from gevinst.ideas.models import (
    AbuseReport,
    Idea,
    IdeaAnswer,
    IdeaComment,
    IdeaFollower,
    IdeaRating,
    IdeaSettings,
    IdeaSupport,
)
from gevinst.ideas.services.processing import do_answer_idea
from tests.conftest import FAST_HASHERS

NOW = timezone.make_aware(dt.datetime(2026, 3, 16, 12, 0))


def _without_the_rest(monkeypatch):
    """Load only what the ideas need (units, people, initiatives, phases)."""
    monkeypatch.setattr(gates, "load_gates", lambda *a, **k: None)
    monkeypatch.setattr(reports, "load_status_reports", lambda *a, **k: None)
    monkeypatch.setattr(registers, "load_registers", lambda *a, **k: None)
    monkeypatch.setattr(demo_benefits, "load_benefits", lambda *a, **k: [])
    monkeypatch.setattr(demo_risks, "load_risks", lambda *a, **k: [])


def _load(monkeypatch, index: int, slug: str) -> Organisation:
    monkeypatch.setitem(NAMES, slug, NAMES[ORGS[index]["slug"]])
    org, created = load_organisation({**ORGS[index], "slug": slug, "name": slug}, password="x")
    assert created
    return org


@pytest.fixture(scope="module")
def _demo_ids(django_db_setup, django_db_blocker):
    """Fjordby's and Åsdal's ideas (with Fjordby's objectives, which the accepted ideas'
    initiatives serve), loaded once for this module inside a transaction rolled back at its
    end."""
    with (
        django_db_blocker.unblock(),
        pytest.MonkeyPatch.context() as monkeypatch,
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
    ):
        _without_the_rest(monkeypatch)
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield {
                "fjordby": _load(monkeypatch, 0, "fjordby-ideas").pk,
                "asdal": _load(monkeypatch, 1, "asdal-ideas").pk,
            }
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def fjordby_demo(_demo_ids, db):
    org = Organisation.objects.get(pk=_demo_ids["fjordby"])
    with tenant_scope(org):
        yield org


@pytest.fixture
def asdal_demo(_demo_ids, db):
    org = Organisation.objects.get(pk=_demo_ids["asdal"])
    with tenant_scope(org):
        yield org


def test_fjordby_has_sixty_ideas_from_staff_in_many_units_over_eighteen_months(fjordby_demo):
    ideas = Idea.objects.filter(organisation=fjordby_demo)
    assert ideas.count() >= 60
    assert len(set(ideas.values_list("unit", flat=True))) >= 12
    roles = dict(
        Membership.objects.filter(organisation=fjordby_demo).values_list("user_id", "role")
    )
    authors = list(ideas.values_list("author_id", flat=True))
    assert sum(roles[a] == Role.EMPLOYEE for a in authors) >= 0.8 * len(authors)
    # The employee persona has ideas of her own, submitted from her unit.
    persona = Membership.objects.get(organisation=fjordby_demo, user__email__startswith="employee@")
    assert persona.unit_id is not None
    assert ideas.filter(author_id=persona.user_id, unit_id=persona.unit_id).count() >= 3
    today = timezone.localdate()
    days = sorted(
        (today - timezone.localtime(c).date()).days
        for c in ideas.values_list("created_at", flat=True)
    )
    assert days[0] <= 7 and 480 <= days[-1] <= 560
    # Spread out: no quarter of the last eighteen months is empty.
    assert {d // 90 for d in days} >= set(range(6))
    # Numbered in the order they were submitted.
    by_number = list(ideas.order_by("number").values_list("created_at", flat=True))
    assert by_number == sorted(by_number)


def test_every_status_is_present_with_its_official_answer(fjordby_demo):
    ideas = Idea.objects.filter(organisation=fjordby_demo)
    assert set(ideas.values_list("status", flat=True)) == set(Idea.Status.values)
    for idea in ideas.exclude(status=Idea.Status.SUBMITTED):
        last = IdeaAnswer.objects.filter(idea=idea).order_by("answered_at", "pk").last()
        assert last.status == idea.status and last.text == idea.answer, idea
        assert idea.answered_by.memberships.get(organisation=fjordby_demo).role == Role.PMO
    # Some ideas were never answered, one of them for months.
    waiting = ideas.filter(status=Idea.Status.SUBMITTED, hidden=False)
    assert waiting.count() >= 8 and not IdeaAnswer.objects.filter(idea__in=waiting).exists()
    assert any((timezone.now() - i.created_at).days > 90 for i in waiting)


def test_duplicates_point_to_earlier_ideas_they_rephrase(fjordby_demo):
    duplicates = list(
        Idea.objects.filter(organisation=fjordby_demo, status=Idea.Status.DUPLICATE).select_related(
            "duplicate_of"
        )
    )
    assert len(duplicates) >= 4
    for idea in duplicates:
        original = idea.duplicate_of
        assert original is not None and original.organisation_id == fjordby_demo.pk
        assert original.number < idea.number and original.created_at < idea.created_at
        assert original.status != Idea.Status.DUPLICATE and not original.hidden
        assert original.title != idea.title
        assert original.reference in idea.answer or original.title in idea.answer
        answer = IdeaAnswer.objects.get(idea=idea)
        assert answer.duplicate_of_id == original.pk


def test_accepted_ideas_became_initiatives_that_carry_their_data(fjordby_demo):
    converted = list(
        Idea.objects.filter(organisation=fjordby_demo, initiative__isnull=False).select_related(
            "initiative", "initiative__phase"
        )
    )
    assert 4 <= len(converted) <= 5
    assert {i.status for i in converted} == {Idea.Status.ACCEPTED, Idea.Status.DONE}
    assert not Idea.objects.filter(
        organisation=fjordby_demo,
        initiative__isnull=True,
        status__in=[Idea.Status.ACCEPTED, Idea.Status.DONE],
    ).exists()
    for idea in converted:
        initiative = idea.initiative
        assert (
            initiative.title,
            initiative.problem,
            initiative.proposal,
            initiative.expected_benefit,
        ) == (idea.title, idea.problem, idea.proposal, idea.expected_benefit)
        assert set(initiative.affected_units.all()) == set(idea.units.all())
        assert initiative.priority_score == idea.score is not None
        accepted = IdeaAnswer.objects.get(idea=idea, status=Idea.Status.ACCEPTED)
        assert abs(initiative.created_at - accepted.answered_at) < dt.timedelta(seconds=1)
    phases = {i.initiative.phase.key for i in converted}
    assert {"idea", "concept"} & phases
    assert phases - {"idea", "concept"}  # one has moved on through its gates since


def test_supports_stay_within_the_members_and_are_skewed(fjordby_demo):
    members = Membership.objects.filter(organisation=fjordby_demo)
    roles = dict(members.values_list("user_id", "role"))
    ideas = list(Idea.objects.filter(organisation=fjordby_demo))
    counts = [i.support_count for i in ideas]
    assert max(counts) < members.count()
    assert max(counts) >= 30 and statistics.median(counts) <= 8 and 0 in counts
    for idea in ideas:
        supporters = set(IdeaSupport.objects.filter(idea=idea).values_list("user_id", flat=True))
        assert len(supporters) == idea.support_count, idea
        assert idea.author_id not in supporters
        assert all(roles[s] not in (Role.ADMIN, Role.PMO) for s in supporters)
        followers = set(IdeaFollower.objects.filter(idea=idea).values_list("user_id", flat=True))
        commenters = set(IdeaComment.objects.filter(idea=idea).values_list("author_id", flat=True))
        assert supporters | commenters | {idea.author_id} <= followers, idea


def test_events_come_after_the_submission_and_answers_take_days_to_months(fjordby_demo):
    now = timezone.now()
    first_answer_days = []
    for idea in Idea.objects.filter(organisation=fjordby_demo):
        stamps = list(
            IdeaAnswer.objects.filter(idea=idea)
            .order_by("answered_at")
            .values_list("answered_at", flat=True)
        )
        if stamps:
            assert (idea.first_answered_at, idea.answered_at) == (stamps[0], stamps[-1])
            first_answer_days.append((stamps[0] - idea.created_at).days)
        else:
            assert idea.first_answered_at is None
        later = [
            *stamps,
            *IdeaSupport.objects.filter(idea=idea).values_list("created_at", flat=True),
            *IdeaComment.objects.filter(idea=idea).values_list("created_at", flat=True),
            *IdeaRating.objects.filter(idea=idea).values_list("rated_at", flat=True),
        ]
        assert all(idea.created_at < moment < now for moment in later), idea
        for reply in IdeaComment.objects.filter(idea=idea, parent__isnull=False):
            assert reply.created_at > reply.parent.created_at
    assert min(first_answer_days) <= 7 and max(first_answer_days) >= 30
    assert 7 < statistics.median(first_answer_days) < 30


def test_reviewed_ideas_are_scored_on_the_default_framework_in_every_band(fjordby_demo):
    settings = IdeaSettings.objects.get(organisation=fjordby_demo)
    scored = Idea.objects.filter(organisation=fjordby_demo, score__isnull=False)
    assert {i.band for i in scored} == set(Idea.Band.values)
    for idea in scored:
        ratings = IdeaRating.objects.filter(idea=idea).select_related("criterion")
        assert len(ratings) == 5
        expected = calc.weighted_score([(r.rating, r.criterion.weight) for r in ratings])
        assert (idea.score, idea.band) == (expected, calc.band_for(expected, settings))
    # One idea is rated on some criteria only: no score yet.
    partly = Idea.objects.filter(
        organisation=fjordby_demo, score__isnull=True, ratings__isnull=False
    ).distinct()
    assert partly.exists()
    # Reviewers are assigned, and rate what they review.
    reviewed = Idea.objects.filter(organisation=fjordby_demo, reviewers__isnull=False).distinct()
    assert reviewed.count() >= 10
    assert IdeaRating.objects.filter(
        idea__in=reviewed, rated_by__in=[r for i in reviewed for r in i.reviewers.all()]
    ).exists()


def test_moderation_hid_an_idea_and_a_comment_and_one_report_waits(fjordby_demo):
    [idea] = Idea.objects.filter(organisation=fjordby_demo, hidden=True)
    assert idea.hidden_reason and idea.hidden_by and idea.hidden_at > idea.created_at
    assert AbuseReport.objects.get(idea=idea, comment=None).outcome == "hidden"
    [comment] = IdeaComment.objects.filter(organisation=fjordby_demo, hidden=True)
    assert comment.hidden_reason and comment.hidden_at > comment.created_at
    report = AbuseReport.objects.get(comment=comment)
    assert report.outcome == "hidden" and report.created_at < report.resolved_at
    assert (
        comment.idea.comment_count
        == IdeaComment.objects.filter(idea=comment.idea, hidden=False).count()
    )
    waiting = AbuseReport.objects.filter(organisation=fjordby_demo, resolved_at__isnull=True)
    assert waiting.count() == 1 and waiting.get().comment is not None


def test_asdal_has_a_small_board_of_its_own(asdal_demo):
    ideas = Idea.objects.filter(organisation=asdal_demo)
    assert 6 <= ideas.count() <= 12
    members = Membership.objects.filter(organisation=asdal_demo).count()
    assert max(i.support_count for i in ideas) < members
    assert ideas.filter(status=Idea.Status.DUPLICATE, duplicate_of__isnull=False).exists()
    assert ideas.filter(initiative__isnull=False).count() == 1


def test_loading_again_adds_nothing_and_other_organisations_are_left_alone(fjordby_demo, org):
    units = {u.name: u for u in Unit.objects.filter(organisation=fjordby_demo)}
    assert demo_ideas.load_ideas(fjordby_demo, {}, units) == []
    with tenant_scope(org):
        before = Idea.objects.filter(organisation=org).count()
        assert demo_ideas.load_ideas(org, {}, {}) == []
        assert Idea.objects.filter(organisation=org).count() == before


def _asdal_board(monkeypatch, slug: str) -> list[tuple]:
    org = _load(monkeypatch, 1, slug)
    with tenant_scope(org):
        return [
            (
                i.reference,
                i.title,
                i.status,
                i.support_count,
                i.score,
                i.created_at,
                sorted(s.user.email.split("@")[0] for s in i.supports.all()),
            )
            for i in Idea.objects.filter(organisation=org).order_by("number")
        ]


def test_the_demo_load_sends_no_email_and_is_the_same_every_time(
    db, monkeypatch, settings, django_capture_on_commit_callbacks
):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    _without_the_rest(monkeypatch)
    monkeypatch.setattr(demo_objectives, "load_objectives", lambda *a, **k: {})
    monkeypatch.setattr(demo_ideas, "load_ideas", functools.partial(demo_ideas.load_ideas, now=NOW))
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        first = _asdal_board(monkeypatch, "asdal-one")
    assert first and any(status != "submitted" for _r, _t, status, *_rest in first)
    assert mail.outbox == []
    assert _asdal_board(monkeypatch, "asdal-two") == first
    # The idea emails work again once the demo is loaded.
    org = Organisation.objects.get(slug="asdal-two")
    with tenant_scope(org), django_capture_on_commit_callbacks(execute=True):
        idea = Idea.objects.filter(organisation=org, status=Idea.Status.SUBMITTED).first()
        pmo = Membership.objects.get(organisation=org, role=Role.PMO).user
        do_answer_idea(
            actor=pmo,
            idea=idea,
            status=Idea.Status.UNDER_REVIEW,
            answer="Vi ser på den.",
            expected_version=idea.version,
        )
    assert idea.author.email in [m.to[0] for m in mail.outbox]
    assert notifications.send_answer.__module__ == "gevinst.ideas.notifications"
