"""The scoring framework page: criteria with weight, use and rubric; the bands; adding and
editing a criterion. Changes of weight, use or bands rescore every idea and say how many."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gevinst.core.scoping import tenant_scope
from gevinst.ideas.models import Idea, IdeaRating, IdeaSettings, ScoringCriterion

pytestmark = pytest.mark.django_db

PAGE = "/o/fjordby/ideas/scoring/"


def _criteria(org) -> list[ScoringCriterion]:
    with tenant_scope(org):
        return list(ScoringCriterion.objects.filter(organisation=org).order_by("order", "id"))


def _idea(org) -> Idea:
    with tenant_scope(org):
        return Idea.objects.get(organisation=org, reference="IDE-0001")


def _rate_all(org, people, ratings):
    """IDE-0001 rated on every criterion (in order) and scored as the services would."""
    from gevinst.ideas.services.framework import rescore_organisation

    with tenant_scope(org):
        idea = _idea(org)
        IdeaRating.objects.filter(idea=idea).delete()
        for criterion, rating in zip(_criteria(org), ratings, strict=True):
            IdeaRating.objects.create(organisation=org, idea=idea, criterion=criterion,
                                      rating=rating, rated_by=people["pmo"])
        rescore_organisation(org.pk)


def _edit_data(criterion, **changes):
    data = {"name": criterion.name, "description": criterion.description,
            "weight": str(criterion.weight), "order": criterion.order,
            "active": "on" if criterion.active else "", "version": criterion.version,
            **{f"rubric_{n}": getattr(criterion, f"rubric_{n}") for n in range(1, 6)}}
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def test_page_lists_the_criteria_with_weight_use_and_rubric(client_as):
    page = client_as("pmo").get(PAGE).content.decode()
    for label in ("Strategic value", "Qualitative benefit", "Economic benefit",
                  "Operational or legal need", "Risk"):
        assert f"<th scope=\"row\">{label}" in page
    assert "Central to a key objective or the digital strategy." in page
    assert "Now: high priority from score 4.00, medium from 3.00, low below." in page


def test_doubling_a_weight_rescores_every_idea(client_as, org, people):
    _rate_all(org, people, [5, 3, 3, 3, 3])
    assert _idea(org).score == Decimal("3.40")
    strategic = _criteria(org)[0]
    client = client_as("pmo")
    response = client.post(f"{PAGE}{strategic.pk}/", _edit_data(strategic, weight="2"))
    assert response.status_code == 302
    page = client.get(PAGE).content.decode()
    assert "1 idea was rescored." in page  # Fjordby has one idea
    assert _idea(org).score == Decimal("3.67") and _idea(org).band == "medium"


def test_taking_a_criterion_out_of_use_rescores(client_as, org, people):
    _rate_all(org, people, [5, 5, 5, 5, 1])
    risk = _criteria(org)[-1]
    client_as("pmo").post(f"{PAGE}{risk.pk}/", _edit_data(risk, active=""))
    idea = _idea(org)
    assert idea.score == Decimal("5.00") and idea.band == "high"


def test_a_standard_criterion_keeps_its_translated_wording_when_left_empty(client_as, org):
    strategic = _criteria(org)[0]
    response = client_as("pmo").get(f"{PAGE}{strategic.pk}/")
    form = response.context["form"]
    assert form["name"].value() == ""
    assert "Strategic value" in form.fields["name"].help_text


def test_adding_a_criterion_takes_the_score_away_until_it_is_rated(client_as, org, people):
    _rate_all(org, people, [4, 4, 4, 4, 4])
    assert _idea(org).score == Decimal("4.00")
    client = client_as("pmo")
    response = client.post(f"{PAGE}new/", {
        "name": "Klimaeffekt", "description": "Mindre utslipp.", "weight": "1",
        "rubric_1": "Ingen", "rubric_5": "Stor"})
    assert response.status_code == 302
    added = _criteria(org)[-1]
    assert (added.label, added.rubric_1, added.rubric_5, added.active) == (
        "Klimaeffekt", "Ingen", "Stor", True)
    idea = _idea(org)
    assert idea.score is None and idea.band == ""
    page = client.get(PAGE).content.decode()
    assert "Klimaeffekt" in page and "1 idea was rescored." in page


def test_a_criterion_needs_a_name_and_a_weight_in_range(client_as):
    response = client_as("pmo").post(f"{PAGE}new/", {"name": "", "weight": "-1",
                                                     "rubric_1": "Beholdt tekst"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "name" in errors and "weight" in errors
    assert "Beholdt tekst" in response.content.decode()


def test_a_duplicate_name_is_refused_by_the_service_on_its_field(client_as):
    response = client_as("pmo").post(f"{PAGE}new/", {"name": "Risk", "weight": "1"})
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == [
        "There is a criterion with this name already."]


def test_bands_are_saved_and_rescore(client_as, org, people):
    _rate_all(org, people, [4, 4, 3, 3, 3])  # 3.40: medium
    with tenant_scope(org):
        version = IdeaSettings.objects.get(organisation=org).version
    response = client_as("pmo").post(PAGE, {"high_from": "3.20", "medium_from": "2.50",
                                            "version": version})
    assert response.status_code == 302
    assert _idea(org).band == "high"


def test_medium_must_be_below_high_and_the_input_is_kept(client_as, org):
    with tenant_scope(org):
        version = IdeaSettings.objects.get(organisation=org).version
    response = client_as("pmo").post(PAGE, {"high_from": "3.00", "medium_from": "3.50",
                                            "version": version})
    assert response.status_code == 200
    assert "medium_from" in response.context["form"].errors
    assert 'value="3.50"' in response.content.decode()


def test_a_stale_bands_form_is_refused(client_as, org):
    with tenant_scope(org):
        version = IdeaSettings.objects.get(organisation=org).version
    client = client_as("pmo")
    client.post(PAGE, {"high_from": "4.50", "medium_from": "3.00", "version": version})
    response = client.post(PAGE, {"high_from": "3.50", "medium_from": "2.00",
                                  "version": version})
    assert response.status_code == 200
    assert "Somebody else saved this record" in response.content.decode()
    with tenant_scope(org):
        assert IdeaSettings.objects.get(organisation=org).high_from == Decimal("4.50")
