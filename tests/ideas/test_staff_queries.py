"""The board, the idea page and My ideas cost a fixed number of queries: the same with 20
more ideas, comments, supports and followers."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gevinst.core.models import Sequence, Unit
from gevinst.ideas.models import Idea, IdeaComment, IdeaFollower, IdeaSupport

pytestmark = pytest.mark.django_db


def grow(org, people):
    """20 more ideas by the employee, each affecting two units, with comments (and a reply)
    and supports by others, followed by the viewer; and as much again on IDE-0001."""
    units = list(Unit.objects.filter(organisation=org))
    first = Idea.objects.get(organisation=org, reference="IDE-0001")
    start = 200
    for k in range(20):
        number = start + k
        idea = Idea.objects.create(organisation=org, number=number,
                                   reference=f"IDE-{number:04d}", author=people["employee"],
                                   title=f"Idé {number}", problem="Noe kan bli bedre.",
                                   support_count=2, comment_count=2)
        idea.units.set(units)
        for user in (people["viewer"], people["contributor"]):
            IdeaSupport.objects.create(organisation=org, idea=idea, user=user)
        IdeaFollower.objects.create(organisation=org, idea=idea, user=people["viewer"])
        top = IdeaComment.objects.create(organisation=org, idea=idea, author=people["viewer"],
                                         body="Enig")
        IdeaComment.objects.create(organisation=org, idea=idea, author=people["employee"],
                                   parent=top, body="Takk")
        for who in ("contributor", "pmo", "admin"):
            IdeaComment.objects.create(organisation=org, idea=first, author=people[who],
                                       body=f"Kommentar {k}", parent=top if k % 2 else None)
    Sequence.objects.filter(organisation=org, name="IDE").update(last_value=start + 20)


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", ["/o/fjordby/ideas/", "/o/fjordby/ideas/?sort=supported",
                                 "/o/fjordby/ideas/?q=id&sort=commented",
                                 "/o/fjordby/ideas/IDE-0001/", "/o/fjordby/ideas/mine/"])
@pytest.mark.parametrize("role", ["employee", "pmo"])
def test_pages_cost_the_same_queries_with_more_ideas(client_as, org, people, url, role):
    client = client_as(role)
    queries(client, url)  # warm the session and the caches
    before = queries(client, url)
    from gevinst.core.scoping import tenant_scope

    with tenant_scope(org):
        grow(org, people)
    assert queries(client, url) == before


@pytest.mark.parametrize(("url", "bound"), [
    ("/o/fjordby/ideas/", 10), ("/o/fjordby/ideas/mine/", 8),
    ("/o/fjordby/ideas/IDE-0001/", 20)])
def test_pages_stay_within_their_query_bound(client_as, org, people,
                                             django_assert_max_num_queries, url, bound):
    from gevinst.core.scoping import tenant_scope

    with tenant_scope(org):
        grow(org, people)
    client = client_as("employee")
    client.get(url)
    with django_assert_max_num_queries(bound):
        client.get(url)
