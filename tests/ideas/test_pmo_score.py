"""The score page: one radio group (1–5 with the rubric text) per criterion in use, as a
fieldset named by the criterion; saving shows the computed score and band; the idea page
shows the breakdown."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from gevinst.core.scoping import tenant_scope
from gevinst.ideas.models import Idea, ScoringCriterion

pytestmark = pytest.mark.django_db

URL = "/o/fjordby/ideas/IDE-0001/score/"


def _criteria(org) -> list[ScoringCriterion]:
    with tenant_scope(org):
        return list(ScoringCriterion.objects.filter(organisation=org, active=True)
                    .order_by("order", "id"))


def _idea(org) -> Idea:
    with tenant_scope(org):
        return Idea.objects.get(organisation=org, reference="IDE-0001")


def test_each_criterion_is_a_fieldset_with_its_rubric(client_as, org):
    page = client_as("pmo").get(URL).content.decode()
    legends = re.findall(r"<legend[^>]*>\s*([^<(]+?)\s*(?:<|\()", page)
    assert legends[:5] == ["Strategic value", "Qualitative benefit", "Economic benefit",
                           "Operational or legal need", "Risk"]
    assert page.count('type="radio"') == 5 * 6  # 1–5 and "not rated yet"
    assert "5 – Central to a key objective or the digital strategy." in page
    assert "1 – Very high risk; we do not know how to do it." in page
    strategic = _criteria(org)[0]
    # The world rated the first two criteria 4: their radios start checked.
    assert re.search(rf'name="criterion_{strategic.pk}" value="4"[^>]*checked', page)
    assert "Not scored yet" in page


def test_rating_every_criterion_shows_the_score_and_band(client_as, org):
    criteria = _criteria(org)
    data = {f"criterion_{c.pk}": str(r) for c, r in zip(criteria, [5, 4, 4, 3, 2],
                                                         strict=True)}
    client = client_as("pmo")
    response = client.post(URL, data)
    assert response.status_code == 302 and response["Location"] == URL
    idea = _idea(org)
    assert idea.score == Decimal("3.60") and idea.band == "medium"
    page = client.get(URL).content.decode()
    assert "score 3.60, medium priority" in page
    assert "Score 3.60 of 5: Medium priority" in page


def test_clearing_a_rating_takes_the_score_away(client_as, org):
    criteria = _criteria(org)
    client = client_as("pmo")
    client.post(URL, {f"criterion_{c.pk}": "3" for c in criteria})
    assert _idea(org).score == Decimal("3.00")
    client.post(URL, {**{f"criterion_{c.pk}": "3" for c in criteria},
                      f"criterion_{criteria[0].pk}": ""})
    idea = _idea(org)
    assert idea.score is None and idea.band == ""


def test_a_rating_out_of_range_is_refused_on_its_criterion(client_as, org):
    criteria = _criteria(org)
    response = client_as("pmo").post(URL, {f"criterion_{criteria[2].pk}": "7",
                                           f"criterion_{criteria[0].pk}": "2"})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [f"criterion_{criteria[2].pk}"]
    page = response.content.decode()
    assert f'id="id_criterion_{criteria[2].pk}_error"' in page
    assert re.search(rf'name="criterion_{criteria[0].pk}" value="2"[^>]*checked', page)


def test_assigned_reviewer_rates(client_as, org):
    criteria = _criteria(org)
    response = client_as("contributor").post(URL, {f"criterion_{c.pk}": "4"
                                                   for c in criteria})
    assert response.status_code == 302
    assert _idea(org).band == "high"


def test_the_idea_page_shows_the_breakdown(client_as, org):
    criteria = _criteria(org)
    client = client_as("pmo")
    client.post(URL, {f"criterion_{c.pk}": "4" for c in criteria})
    page = client_as("employee").get("/o/fjordby/ideas/IDE-0001/").content.decode()
    assert "Ratings on the criteria of the scoring framework" in page
    assert "Clearly advances one or more objectives." in page  # strategic 4
    assert "Score 4.00 of 5: High priority." in page
    # Employees are not offered the office's actions.
    assert "/ideas/IDE-0001/answer/" not in page
    assert "/ideas/IDE-0001/score/" not in page
