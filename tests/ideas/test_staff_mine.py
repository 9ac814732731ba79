"""My ideas: the member's ideas with status, latest answer, supports, comments and the
initiative an accepted idea became; and the ideas they follow."""

from __future__ import annotations

import pytest
from django.utils import timezone

from gevinst.ideas.models import Idea
from gevinst.portfolio.models import Initiative

URL = "/o/fjordby/ideas/mine/"

pytestmark = pytest.mark.django_db


def section(page: str, anchor: str) -> str:
    part = page[page.index(f'id="{anchor}"'):]
    return part[:part.index("</section>")]


def test_author_sees_their_idea_with_its_latest_answer(client_as, org, people, scoped):
    Idea.objects.filter(organisation=org, reference="IDE-0001").update(
        answer="Vi ser på saken i høst.", answered_at=timezone.now(),
        answered_by=people["pmo"])
    page = client_as("employee").get(URL).content.decode()
    mine = section(page, "authored")
    assert 'href="/o/fjordby/ideas/IDE-0001/"' in mine
    assert "Under review" in mine and "Vi ser på saken i høst." in mine
    assert '<td class="gv-num">1</td>' in mine and '<td class="gv-num">2</td>' in mine
    assert "IDE-0001" not in section(page, "followed")


def test_follower_sees_the_idea_under_followed(client_as):
    page = client_as("viewer").get(URL).content.decode()
    assert "IDE-0001" in section(page, "followed")
    assert "You have not submitted any ideas yet." in page


def test_accepted_idea_shows_its_initiative_and_phase(client_as, org, scoped):
    initiative = Initiative.objects.get(organisation=org, number=2)
    Idea.objects.filter(organisation=org, reference="IDE-0001").update(
        status="accepted", initiative=initiative)
    employee = section(client_as("employee").get(URL).content.decode(), "authored")
    assert initiative.reference in employee and "Phase: Execution" in employee
    # Employees follow the public progress on the idea page, not the portfolio.
    assert 'href="/o/fjordby/ideas/IDE-0001/#progress"' in employee
    assert "/o/fjordby/initiatives/" not in employee
    viewer = section(client_as("viewer").get(URL).content.decode(), "followed")
    assert f'href="/o/fjordby/initiatives/{initiative.reference}/"' in viewer


def test_own_hidden_idea_is_listed_with_the_reason(client_as, org, scoped):
    Idea.objects.filter(organisation=org, reference="IDE-0001").update(
        hidden=True, hidden_reason="Personopplysninger.")
    page = client_as("employee").get(URL).content.decode()
    assert "Hidden by a moderator: Personopplysninger." in section(page, "authored")
    assert "IDE-0001" not in section(client_as("viewer").get(URL).content.decode(),
                                     "followed")
