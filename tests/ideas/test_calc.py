"""The arithmetic of idea scores (ideas/calc.py): weighted mean, rounding, bands."""

from __future__ import annotations

from decimal import Decimal

from gevinst.ideas import calc
from gevinst.ideas.models import Idea, IdeaSettings

D = Decimal


def test_weighted_score_is_the_weighted_mean_over_weighted_criteria():
    # weights 2,1,1,1,0 and ratings 5,4,3,2,1: (10 + 4 + 3 + 2) / 5 = 3.80; weight 0 is out.
    pairs = [(5, D(2)), (4, D(1)), (3, D(1)), (2, D(1)), (1, D(0))]
    assert calc.weighted_score(pairs) == D("3.80")


def test_an_unrated_weighted_criterion_leaves_no_score():
    assert calc.weighted_score([(5, D(1)), (None, D(1))]) is None


def test_an_unrated_criterion_of_weight_zero_does_not_block_the_score():
    assert calc.weighted_score([(4, D(1)), (None, D(0))]) == D("4.00")


def test_no_weighted_criterion_means_no_score():
    assert calc.weighted_score([]) is None
    assert calc.weighted_score([(3, D(0))]) is None


def test_score_is_rounded_half_up_to_two_decimals():
    # (4 + 4 + 5) / 3 = 4.3333… → 4.33; (1×3 + 2×5) / 8 = 1.625 → 1.63 (half up).
    assert calc.weighted_score([(4, D(1)), (4, D(1)), (5, D(1))]) == D("4.33")
    assert calc.weighted_score([(3, D(1)), (5, D(2))]) == D("4.33")
    assert calc.weighted_score([(1, D(3)), (2, D(5))]) == D("1.63")


def test_bands_with_the_default_thresholds():
    assert calc.band_for(D("3.80")) == "medium"
    assert calc.band_for(D("4.00")) == "high"
    assert calc.band_for(D("3.99")) == "medium"
    assert calc.band_for(D("3.00")) == "medium"
    assert calc.band_for(D("2.99")) == "low"
    assert calc.band_for(None) == ""


def test_bands_follow_the_organisations_thresholds():
    bands = IdeaSettings(high_from=D("3.50"), medium_from=D("2.00"))
    assert calc.band_for(D("3.80"), bands) == "high"
    assert calc.band_for(D("3.49"), bands) == "medium"
    assert calc.band_for(D("1.99"), bands) == "low"


def test_band_names_are_the_models_and_defaults_agree():
    assert {calc.HIGH, calc.MEDIUM, calc.LOW} == set(Idea.Band.values)
    field = IdeaSettings._meta.get_field
    assert field("high_from").default == calc.DEFAULT_HIGH_FROM
    assert field("medium_from").default == calc.DEFAULT_MEDIUM_FROM
