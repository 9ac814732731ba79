"""Rating ideas and the scoring framework (ideas/services/processing.py do_rate_idea and
ideas/services/framework.py): scores kept, bands, rescoring after a change of weights,
criteria or bands."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gevinst.core.models import DataChange
from gevinst.core.versioning import EditConflict
from gevinst.ideas.models import Idea, IdeaRating, IdeaSettings, ScoringCriterion
from gevinst.ideas.services.framework import (
    do_create_criterion,
    do_update_bands,
    do_update_criterion,
    rescore_organisation,
)
from gevinst.ideas.services.processing import do_rate_idea

pytestmark = pytest.mark.usefixtures("scoped")


def _idea(org):
    return Idea.objects.get(organisation=org, reference="IDE-0001")


def _criteria(org):
    return list(ScoringCriterion.objects.filter(organisation=org).order_by("order"))


def _weigh(org, people, weights):
    for criterion, weight in zip(_criteria(org), weights, strict=True):
        do_update_criterion(actor=people["pmo"], criterion=criterion,
                            data={"weight": weight}, expected_version=criterion.version)


def test_rating_every_criterion_scores_the_idea_with_its_weights(org, people):
    _weigh(org, people, [2, 1, 1, 1, 0])
    criteria = _criteria(org)
    idea = do_rate_idea(actor=people["pmo"], idea=_idea(org), ratings={
        c.pk: r for c, r in zip(criteria, [5, 4, 3, 2, 1], strict=True)})
    # (2×5 + 4 + 3 + 2) / 5 = 3.80: medium with the default bands (3.00 / 4.00).
    assert idea.score == Decimal("3.80")
    assert idea.band == "medium"
    stored = _idea(org)
    assert (stored.score, stored.band) == (Decimal("3.80"), "medium")


def test_an_idea_with_an_unrated_criterion_has_no_score(org, people):
    idea = _idea(org)  # the world rated the first two of five criteria
    criteria = _criteria(org)
    do_rate_idea(actor=people["pmo"], idea=idea, ratings={criteria[2].pk: 5})
    assert idea.score is None and idea.band == ""


def test_clearing_a_rating_removes_the_score(org, people):
    criteria = _criteria(org)
    idea = do_rate_idea(actor=people["pmo"], idea=_idea(org),
                        ratings={c.pk: 4 for c in criteria})
    assert idea.score == Decimal("4.00") and idea.band == "high"
    do_rate_idea(actor=people["pmo"], idea=idea, ratings={criteria[0].pk: None})
    assert idea.score is None and idea.band == ""
    assert not IdeaRating.objects.filter(idea=idea, criterion=criteria[0]).exists()


def test_a_reviewer_rates_and_is_recorded_as_rater(org, people):
    criterion = _criteria(org)[0]
    do_rate_idea(actor=people["contributor"], idea=_idea(org), ratings={criterion.pk: 2})
    rating = IdeaRating.objects.get(idea=_idea(org), criterion=criterion)
    assert (rating.rating, rating.rated_by) == (2, people["contributor"])


def test_someone_not_assigned_cannot_rate(org, people):
    with pytest.raises(PermissionDenied):
        do_rate_idea(actor=people["viewer"], idea=_idea(org),
                     ratings={_criteria(org)[0].pk: 3})


@pytest.mark.parametrize("value", [0, 6, "x", "3.5"])
def test_a_rating_outside_one_to_five_is_refused_for_its_criterion(org, people, value):
    criterion = _criteria(org)[0]
    with pytest.raises(ValidationError) as exc:
        do_rate_idea(actor=people["pmo"], idea=_idea(org), ratings={criterion.pk: value})
    assert f"criterion_{criterion.pk}" in exc.value.message_dict


def test_a_criterion_of_another_organisation_is_refused(org, other_org, people):
    from gevinst.core.scoping import unscoped

    with unscoped():
        foreign = ScoringCriterion.objects.filter(organisation=other_org).first()
    with pytest.raises(ValidationError) as exc:
        do_rate_idea(actor=people["pmo"], idea=_idea(org), ratings={foreign.pk: 3})
    assert f"criterion_{foreign.pk}" in exc.value.message_dict


def test_changing_a_weight_rescores_every_idea(org, people):
    criteria = _criteria(org)
    do_rate_idea(actor=people["pmo"], idea=_idea(org),
                 ratings={c.pk: r for c, r in zip(criteria, [5, 4, 3, 2, 1], strict=True)})
    assert _idea(org).score == Decimal("3.00")  # (5+4+3+2+1) / 5
    first = criteria[0]
    do_update_criterion(actor=people["pmo"], criterion=first, data={"weight": "3"},
                        expected_version=first.version)
    # (3×5 + 4 + 3 + 2 + 1) / 7 = 25 / 7 = 3.5714… → 3.57
    assert _idea(org).score == Decimal("3.57")
    last = ScoringCriterion.objects.get(pk=criteria[4].pk)
    do_update_criterion(actor=people["pmo"], criterion=last, data={"active": False},
                        expected_version=last.version)
    # (15 + 4 + 3 + 2) / 6 = 4.00 → high
    assert (_idea(org).score, _idea(org).band) == (Decimal("4.00"), "high")


def test_a_new_weighted_criterion_unscores_until_rated(org, people):
    criteria = _criteria(org)
    do_rate_idea(actor=people["pmo"], idea=_idea(org), ratings={c.pk: 4 for c in criteria})
    new = do_create_criterion(actor=people["pmo"], organisation=org, name="Klimaeffekt",
                              weight=2, rubric=("a", "b", "c", "d", "e"))
    assert new.order == max(c.order for c in criteria) + 1 and new.active
    assert _idea(org).score is None
    do_rate_idea(actor=people["pmo"], idea=_idea(org), ratings={new.pk: 1})
    # (5×4 + 2×1) / 7 = 22 / 7 = 3.142… → 3.14
    assert _idea(org).score == Decimal("3.14")


def test_changing_the_bands_rebands_every_idea(org, people):
    criteria = _criteria(org)
    do_rate_idea(actor=people["pmo"], idea=_idea(org), ratings={c.pk: 3 for c in criteria})
    assert _idea(org).band == "medium"
    bands = IdeaSettings.objects.get(organisation=org)
    do_update_bands(actor=people["pmo"], organisation=org, high_from="2,5",
                    medium_from="1.5", expected_version=bands.version)
    assert _idea(org).band == "high"
    bands.refresh_from_db()
    assert (bands.high_from, bands.medium_from) == (Decimal("2.50"), Decimal("1.50"))


@pytest.mark.parametrize("high,medium,field", [
    ("3", "3", "medium_from"), ("6", "3", "high_from"), ("4", "x", "medium_from"),
    ("4.123", "3", "high_from"),
])
def test_bands_must_be_scores_with_medium_below_high(org, people, high, medium, field):
    bands = IdeaSettings.objects.get(organisation=org)
    with pytest.raises(ValidationError) as exc:
        do_update_bands(actor=people["pmo"], organisation=org, high_from=high,
                        medium_from=medium, expected_version=bands.version)
    assert field in exc.value.message_dict


def test_stale_bands_raise_edit_conflict(org, people):
    bands = IdeaSettings.objects.get(organisation=org)
    do_update_bands(actor=people["pmo"], organisation=org, high_from=4, medium_from=2,
                    expected_version=bands.version)
    with pytest.raises(EditConflict):
        do_update_bands(actor=people["pmo"], organisation=org, high_from=4, medium_from=3,
                        expected_version=bands.version)
    with pytest.raises(EditConflict):
        do_update_bands(actor=people["pmo"], organisation=org, high_from=4, medium_from=3,
                        expected_version=None)


def test_criterion_needs_a_name_and_a_sensible_weight(org, people):
    with pytest.raises(ValidationError) as exc:
        do_create_criterion(actor=people["pmo"], organisation=org, name=" ", weight=-1)
    assert {"name", "weight"} <= set(exc.value.message_dict)


def test_criterion_names_are_unique_including_the_default_wording(org, people):
    with pytest.raises(ValidationError) as exc:
        do_create_criterion(actor=people["pmo"], organisation=org, name="risk")
    assert "name" in exc.value.message_dict


def test_a_default_criterion_keeps_its_wording_when_the_name_is_emptied(org, people):
    criterion = _criteria(org)[0]
    label = criterion.label
    do_update_criterion(actor=people["pmo"], criterion=criterion,
                        data={"name": "", "rubric_1": "Ingen kobling"},
                        expected_version=criterion.version)
    criterion.refresh_from_db()
    assert criterion.label == label
    assert criterion.rubric()[0] == (1, "Ingen kobling")


def test_only_the_portfolio_office_changes_the_framework(org, people):
    criterion = _criteria(org)[0]
    with pytest.raises(PermissionDenied):
        do_update_criterion(actor=people["contributor"], criterion=criterion,
                            data={"weight": 2}, expected_version=criterion.version)
    with pytest.raises(PermissionDenied):
        do_create_criterion(actor=people["employee"], organisation=org, name="Ny")


def test_stale_criterion_raises_edit_conflict(org, people):
    criterion = _criteria(org)[0]
    stale = criterion.version
    do_update_criterion(actor=people["pmo"], criterion=criterion, data={"weight": 2},
                        expected_version=stale)
    again = ScoringCriterion.objects.get(pk=criterion.pk)
    with pytest.raises(EditConflict):
        do_update_criterion(actor=people["pmo"], criterion=again, data={"weight": 3},
                            expected_version=stale)


def test_rescoring_marks_the_ideas_data_as_changed(org):
    before = DataChange.objects.filter(organisation=org, topic="ideas").count()
    assert rescore_organisation(org.pk) == 0  # nothing to change in the world
    assert DataChange.objects.filter(organisation=org, topic="ideas").count() == before + 1
