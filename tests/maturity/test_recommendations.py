"""Recommendations: the next level's statements for the largest weighted gaps, and one
click to an initiative in phase Idea with an expected maturity benefit."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gevinst.benefits.models import Benefit, BenefitInitiative
from gevinst.maturity import calc
from gevinst.maturity.models import Campaign, Recommendation
from gevinst.maturity.services.campaigns import recommend
from gevinst.maturity.services.recommendations import (
    do_convert_recommendation,
    recommendation_texts,
)


def test_the_largest_weighted_gaps_with_a_next_level_come_first(small):
    # a (weight 2) at 60 → gap 80; b (weight 1) at 10 → gap 90; b first. At 80 (advanced)
    # a dimension has no next level and no recommendation.
    whole = {"dimensions": {"a": {"mean": 60.0}, "b": {"mean": 10.0}}}
    found = recommend(small, whole)
    assert [(r["dimension"], r["target_band"], r["gap"]) for r in found] == [
        ("b", "emerging", 90.0), ("a", "advanced", 80.0)]
    whole["dimensions"]["a"]["mean"] = 80.0
    assert [r["dimension"] for r in recommend(small, whole)] == ["b"]


def test_the_world_s_recommendations_follow_its_results(scoped):
    campaign = Campaign.objects.get(organisation=scoped, reference="MAT-0001")
    content = campaign.model_version.content
    stored = list(Recommendation.objects.filter(campaign=campaign).order_by("rank"))
    expected = recommend(content, campaign.summary["whole"])
    assert [r.dimension for r in stored] == [e["dimension"] for e in expected]
    first = stored[0]
    texts = recommendation_texts(first)
    dimension = next(d for d in content["dimensions"] if d["key"] == first.dimension)
    assert texts["action"] == dimension["levels"][first.target_band]["en"]
    band = calc.band(float(first.score), content["bands"])
    assert first.target_band != band["key"]


def test_the_portfolio_office_turns_a_recommendation_into_an_initiative(scoped, people):
    recommendation = Recommendation.objects.filter(
        organisation=scoped, campaign__reference="MAT-0001").order_by("rank").first()
    with pytest.raises(PermissionDenied):
        do_convert_recommendation(actor=people["contributor"], recommendation=recommendation)
    initiative = do_convert_recommendation(actor=people["pmo"], recommendation=recommendation)
    assert initiative.phase.key == "idea"
    texts = recommendation_texts(recommendation)
    assert texts["dimension"] in initiative.title and initiative.proposal == texts["action"]
    assert "MAT-0001" in initiative.problem
    benefit = Benefit.objects.get(
        pk=BenefitInitiative.objects.get(initiative=initiative).benefit_id)
    assert texts["target"] in benefit.description
    recommendation.refresh_from_db()
    assert recommendation.initiative == initiative
    with pytest.raises(ValidationError):
        do_convert_recommendation(actor=people["pmo"], recommendation=recommendation)
