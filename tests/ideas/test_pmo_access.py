"""Who may use the portfolio office's idea pages: the office (PMO and administrators)
answers, accepts, assigns reviewers, moderates and sets up the scoring framework; an
assigned reviewer rates; leaders (who read the portfolio) see the statistics; an employee
sees an empty review queue and is refused everything else."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

BASE = "/o/fjordby/ideas"
PMO_ONLY = [f"{BASE}/IDE-0001/{page}/" for page in ("answer", "accept", "reviewers", "hide")] + [
    f"{BASE}/moderation/", f"{BASE}/scoring/", f"{BASE}/scoring/new/"]


@pytest.mark.parametrize("role", ["employee", "viewer", "contributor"])
def test_only_the_portfolio_office_answers_accepts_moderates_and_sets_up_scoring(
        client_as, role):
    client = client_as(role)
    for url in PMO_ONLY:
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"answer": "Nei", "reason": "x"}).status_code == 403, url


@pytest.mark.parametrize("role", ["pmo", "admin"])
def test_the_portfolio_office_opens_every_page(client_as, role):
    client = client_as(role)
    for url in [*PMO_ONLY, f"{BASE}/review/", f"{BASE}/statistics/", f"{BASE}/IDE-0001/score/"]:
        assert client.get(url).status_code == 200, url


def test_employee_gets_an_empty_review_queue(client_as):
    response = client_as("employee").get(f"{BASE}/review/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "No ideas are waiting for your review" in page
    assert "IDE-0001" not in page


def test_employee_and_unassigned_viewer_may_not_rate(client_as):
    assert client_as("employee").get(f"{BASE}/IDE-0001/score/").status_code == 403
    assert client_as("viewer").post(f"{BASE}/IDE-0001/score/").status_code == 403


def test_assigned_reviewer_rates_and_sees_the_idea_in_the_queue(client_as):
    client = client_as("contributor")  # the world assigns the contributor to IDE-0001
    assert client.get(f"{BASE}/IDE-0001/score/").status_code == 200
    queue = client.get(f"{BASE}/review/").content.decode()
    assert "IDE-0001" in queue


@pytest.mark.parametrize("role,status", [("employee", 403), ("viewer", 200),
                                         ("contributor", 200)])
def test_statistics_are_for_those_who_read_the_portfolio(client_as, role, status):
    assert client_as(role).get(f"{BASE}/statistics/").status_code == status


def test_other_organisations_ideas_are_not_found(client_as):
    # IDE-0002 exists only in Åsdal.
    client = client_as("pmo")
    for page in ("answer", "score", "reviewers", "accept", "hide"):
        assert client.get(f"{BASE}/IDE-0002/{page}/").status_code == 404, page


@pytest.mark.parametrize("role,labels", [
    ("employee", ["Ideas", "Review queue"]),
    ("viewer", ["Ideas", "Review queue", "Statistics"]),
    ("pmo", ["Ideas", "Review queue", "Moderation", "Statistics", "Scoring framework"]),
])
def test_tabs_offer_only_the_pages_the_member_may_open(rf, org, role, labels):
    from django.template import engines

    from gevinst.core.models import Membership
    from gevinst.core.scoping import tenant_scope
    from tests.conftest import person

    request = rf.get(f"{BASE}/")
    request.organisation = org
    with tenant_scope(org):
        request.membership = Membership.objects.get(organisation=org, user=person(role))
    template = engines["django"].from_string(
        '{% load ideas_pmo %}{% idea_pmo_tabs "board" as tabs %}'
        "{% for t in tabs %}{{ t.label }}{% if t.current %}*{% endif %}|{% endfor %}")
    rendered = template.render({"request": request})
    assert rendered.split("|")[:-1] == [f"{labels[0]}*", *labels[1:]]
