"""Statistics of ideas, computed by hand on a small set: ideas per unit and month, median and
mean days to the first answer, the share answered within 30 days, the share accepted of
decided ideas and the counts per status; cached until idea data changes; the page draws
its charts with tables and costs a fixed number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gevinst.core.models import Unit
from gevinst.core.scoping import tenant_scope
from gevinst.ideas.models import Idea
from gevinst.ideas.selectors.statistics import idea_statistics, month_starts
from tests.ideas.test_pmo_review_queue import make_idea

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(dt.datetime(2026, 6, 15, 12, 0))
URL = "/o/fjordby/ideas/statistics/"


def at(year, month, day, hour=10):
    return timezone.make_aware(dt.datetime(year, month, day, hour, 0))


def _idea(org, author, unit, created, *, answered=None, status="submitted", hidden=False):
    idea = make_idea(org, author, f"Idé {created:%Y-%m-%d}", status=status, unit=unit,
                     hidden=hidden)
    Idea.objects.filter(pk=idea.pk).update(created_at=created, first_answered_at=answered)
    return idea


@pytest.fixture
def built(org, people):
    """The set of the module's doc, in Fjordby (the world's ideas moved out of the window):

    Helse og velferd: A 1 Mar (answered after 10 days, rejected), B 5 Mar (20 days,
    accepted), F 15 Jan (not answered, under review), a hidden idea 2 Mar (left out), an
    idea of 30 Jun 2025 (before the window, accepted).
    Sentral: C 10 Mar (61 days, parked), D 20 May (1 day, duplicate).
    No unit: E 1 Jun (not answered, submitted).
    """
    with tenant_scope(org):
        Idea.objects.filter(organisation=org).update(created_at=at(2000, 1, 1))
        health = Unit.objects.get(organisation=org, name="Helse og velferd")
        central = Unit.objects.get(organisation=org, name="Fjordby kommune sentral")
        author = people["employee"]
        _idea(org, author, health, at(2026, 3, 1), answered=at(2026, 3, 11),
              status="rejected")
        _idea(org, author, health, at(2026, 3, 5), answered=at(2026, 3, 25),
              status="accepted")
        # 61 days of elapsed time: summer time began on 29 March (one hour less).
        _idea(org, author, central, at(2026, 3, 10), answered=at(2026, 5, 10, 11),
              status="parked")
        _idea(org, author, central, at(2026, 5, 20), answered=at(2026, 5, 21),
              status="duplicate")
        _idea(org, author, None, at(2026, 6, 1))
        _idea(org, author, health, at(2026, 1, 15), status="under_review")
        _idea(org, author, health, at(2026, 3, 2), answered=at(2026, 3, 3), hidden=True,
              status="rejected")
        _idea(org, author, health, at(2025, 6, 30), answered=at(2025, 7, 1),
              status="accepted")
    return org


def test_months_are_the_last_twelve_calendar_months():
    starts = month_starts(NOW, 12)
    assert starts[0] == dt.date(2025, 7, 1) and starts[-1] == dt.date(2026, 6, 1)
    assert len(starts) == 12


def test_ideas_per_unit_and_month(built):
    with tenant_scope(built):
        s = idea_statistics(built, now=NOW)
    by_name = {row.name: row for row in s.units}
    assert [row.name for row in s.units] == ["Helse og velferd", "Fjordby kommune sentral",
                                             ""]
    months = {m: i for i, m in enumerate(s.months)}
    health = by_name["Helse og velferd"]
    assert health.total == 3
    assert health.counts[months[dt.date(2026, 1, 1)]] == 1
    assert health.counts[months[dt.date(2026, 3, 1)]] == 2
    assert by_name["Fjordby kommune sentral"].counts[months[dt.date(2026, 5, 1)]] == 1
    assert by_name[""].counts[months[dt.date(2026, 6, 1)]] == 1
    assert s.total == 6
    assert s.month_totals[months[dt.date(2026, 3, 1)]] == 3


def test_time_to_first_answer(built):
    with tenant_scope(built):
        s = idea_statistics(built, now=NOW)
    march = next(a for a in s.answer_months if a.month == dt.date(2026, 3, 1))
    assert (march.submitted, march.answered) == (3, 3)
    assert march.median_days == pytest.approx(20.0)
    assert march.mean_days == pytest.approx(91 / 3)
    may = next(a for a in s.answer_months if a.month == dt.date(2026, 5, 1))
    assert (may.answered, may.median_days) == (1, pytest.approx(1.0))
    january = next(a for a in s.answer_months if a.month == dt.date(2026, 1, 1))
    assert (january.answered, january.median_days) == (0, None)
    assert s.answered == 4
    assert s.median_days == pytest.approx(15.0)  # 1, 10, 20, 61
    assert s.mean_days == pytest.approx(23.0)


def test_shares_answered_within_30_days_and_accepted(built):
    with tenant_scope(built):
        s = idea_statistics(built, now=NOW)
    # Submitted at least 30 days before 15 June: A, B, C, F (D came 20 May).
    assert (s.answered_within, s.due_for_answer) == (2, 4)
    assert s.within_share == pytest.approx(50.0)
    # Decided: rejected A, accepted B, parked C (the duplicate D is not a decision).
    assert (s.accepted, s.decided) == (1, 3)
    assert s.accepted_share == pytest.approx(100 / 3)
    assert s.status_counts == {"submitted": 1, "under_review": 1, "accepted": 1,
                               "parked": 1, "rejected": 1, "duplicate": 1, "done": 0}


def test_statistics_follow_a_write_at_once(built, people):
    with tenant_scope(built):
        assert idea_statistics(built, now=NOW).total == 6
        _idea(built, people["viewer"], None, at(2026, 6, 10))
        assert idea_statistics(built, now=NOW).total == 7


def test_statistics_are_cached_until_the_data_changes(built, django_assert_num_queries):
    with tenant_scope(built):
        idea_statistics(built, now=NOW)
        with django_assert_num_queries(2):  # the data version and the cache
            assert idea_statistics(built, now=NOW).total == 6


def test_page_shows_the_charts_with_their_tables(client_as, org, people):
    with tenant_scope(org):
        now = timezone.now()
        idea = make_idea(org, people["employee"], "Ny i år")
        Idea.objects.filter(pk=idea.pk).update(first_answered_at=now, status="rejected")
    page = client_as("viewer").get(URL).content.decode()
    assert page.count('role="img"') == 2  # ideas per month, days to the first answer
    assert "Ideas submitted per unit (rows) and month (columns)" in page
    assert "Time to the first answer per month of submission" in page
    assert "<th scope=\"row\">Helse og velferd</th>" in page
    assert "Share accepted of decided ideas" in page


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(URL).status_code == 200
    return len(ctx.captured_queries)


def test_page_costs_the_same_queries_with_more_ideas(client_as, org, people):
    client = client_as("viewer")
    _queries(client)  # warm the session and the chart renderer

    def grow(n):
        with tenant_scope(org):
            for k in range(n):
                idea = make_idea(org, people["employee"], f"Vekst {k}")
                Idea.objects.filter(pk=idea.pk).update(
                    first_answered_at=timezone.now(), status="parked")

    grow(1)
    computed_few = _queries(client)
    cached_few = _queries(client)
    grow(25)
    assert _queries(client) == computed_few
    assert _queries(client) == cached_few
