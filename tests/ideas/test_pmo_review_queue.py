"""The review queue: the portfolio office sees every open idea with its score, priority,
supports, comments, age and reviewers; filters (assigned to me, priority), sorts (score,
supports, age) and pages; a fixed number of queries however many ideas wait."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gevinst.core.models import Sequence
from gevinst.core.scoping import tenant_scope
from gevinst.ideas.models import Idea

pytestmark = pytest.mark.django_db

QUEUE = "/o/fjordby/ideas/review/"


def make_idea(org, author, title, *, status="submitted", score=None, band="", supports=0,
              days_old=0, reviewers=(), **fields) -> Idea:
    """An idea made with the ORM (the stored counters as given), submitted ``days_old``
    days ago."""
    sequence, _ = Sequence.objects.get_or_create(organisation=org, name="IDE")
    number = max(sequence.last_value, 100) + 1
    Sequence.objects.filter(pk=sequence.pk).update(last_value=number)
    idea = Idea.objects.create(organisation=org, number=number, reference=f"IDE-{number:04d}",
                               author=author, title=title, problem="Noe kan bli bedre.",
                               status=status, score=score, band=band, support_count=supports,
                               **fields)
    if days_old:
        Idea.objects.filter(pk=idea.pk).update(
            created_at=timezone.now() - dt.timedelta(days=days_old))
    if reviewers:
        idea.reviewers.set(reviewers)
    idea.refresh_from_db()
    return idea


def rows(response) -> list[str]:
    """References in the queue's table, in order."""
    return [idea.reference for idea in response.context["queue"].ideas]


@pytest.fixture
def queue_world(org, people):
    with tenant_scope(org):
        make_idea(org, people["employee"], "Høy score", score=Decimal("4.40"), band="high",
                  supports=1, days_old=3, reviewers=[people["pmo"]])
        make_idea(org, people["viewer"], "Middels, mye støtte", score=Decimal("3.20"),
                  band="medium", supports=9, days_old=10)
        make_idea(org, people["employee"], "Gammel og uten score", supports=0, days_old=40,
                  status="under_review")
        make_idea(org, people["employee"], "Avvist", status="rejected", score=Decimal("1.00"),
                  band="low")
        make_idea(org, people["employee"], "Skjult", hidden=True, hidden_reason="Spam")


def test_pmo_sees_every_open_idea_with_its_numbers(client_as, queue_world):
    response = client_as("pmo").get(QUEUE)
    page = response.content.decode()
    refs = rows(response)
    assert "IDE-0001" in refs
    titles = {i.title for i in response.context["queue"].ideas}
    assert "Avvist" not in titles  # decided: not in the queue
    assert "Skjult" in titles  # moderators see hidden ideas, marked
    assert "Hidden by a moderator" in page
    high = next(i for i in response.context["queue"].ideas if i.title == "Høy score")
    assert high.age_days == 3
    assert "4.40" in page and "High" in page and "Not scored yet" in page
    # IDE-0001's reviewer (the contributor) is named in its row.
    assert "Contributor Fjordby" in page


def test_sorts_by_score_supports_and_age(client_as, queue_world):
    client = client_as("pmo")
    by_score = [i.title for i in client.get(QUEUE).context["queue"].ideas]
    assert by_score[:2] == ["Høy score", "Middels, mye støtte"]
    by_support = [i.title for i in client.get(QUEUE, {"sort": "supports"})
                  .context["queue"].ideas]
    assert by_support[0] == "Middels, mye støtte"
    by_age = [i.title for i in client.get(QUEUE, {"sort": "age"}).context["queue"].ideas]
    assert by_age[0] == "Gammel og uten score"


def test_filters_assigned_to_me_and_band(client_as, queue_world):
    client = client_as("pmo")
    mine = client.get(QUEUE, {"assigned": "me"})
    assert [i.title for i in mine.context["queue"].ideas] == ["Høy score"]
    medium = client.get(QUEUE, {"band": "medium"})
    assert [i.title for i in medium.context["queue"].ideas] == ["Middels, mye støtte"]
    unscored = client.get(QUEUE, {"band": "none"})
    assert "IDE-0001" in rows(unscored) and "Høy score" not in {
        i.title for i in unscored.context["queue"].ideas}
    assert "No ideas in the queue match the filters" in client.get(
        QUEUE, {"band": "low"}).content.decode()


def test_reviewer_sees_only_the_open_ideas_assigned_to_them(client_as, org, people,
                                                            queue_world):
    with tenant_scope(org):
        make_idea(org, people["employee"], "Til vurdering", reviewers=[people["contributor"]])
        make_idea(org, people["employee"], "Besluttet", status="parked",
                  reviewers=[people["contributor"]])
    titles = {i.title for i in client_as("contributor").get(QUEUE).context["queue"].ideas}
    assert titles == {"Digital timebestilling på helsestasjonen", "Til vurdering"}


def test_queue_is_paged(client_as, org, people):
    with tenant_scope(org):
        for n in range(30):
            make_idea(org, people["employee"], f"Idé {n}")
    client = client_as("pmo")
    first = client.get(QUEUE)
    assert first.context["queue"].total == 31 and first.context["queue"].pages == 2
    assert len(first.context["queue"].ideas) == 25
    assert "Page 1 of 2" in first.content.decode()
    second = client.get(QUEUE, {"page": 2})
    assert len(second.context["queue"].ideas) == 6


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", [QUEUE, QUEUE + "?assigned=me&sort=age",
                                 QUEUE + "?band=none&sort=supports"])
def test_queue_costs_the_same_queries_with_more_ideas(client_as, org, people, url):
    client = client_as("pmo")
    with tenant_scope(org):  # one idea in every queue measured: compare lists, not emptiness
        make_idea(org, people["employee"], "Første", reviewers=[people["pmo"]])
    _count(client, url)  # warm the session
    before = _count(client, url)
    with tenant_scope(org):
        for n in range(20):
            make_idea(org, people["employee"], f"Flere {n}", supports=n,
                      reviewers=[people["pmo"], people["contributor"], people["viewer"]])
    assert _count(client, url) == before
