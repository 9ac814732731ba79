"""The arithmetic of maturity against hand-computed cases (the small model of conftest.py:
dimension A — q1 level weight 2, q2 checklist of 4 weight 1, q3 practice weight 1;
dimension B — q4 level (0, 0.5, 1) weight 1, q5 checklist of 5 weight 3)."""

from __future__ import annotations

import pytest

from gevinst.maturity.calc import (
    AnswerError,
    aggregate,
    band,
    dimension_score,
    item_score,
    overall_score,
    respondent_scores,
    spread,
)

ANSWERS = {"q1": 2, "q2": [0, 2, 3], "q3": "in_progress", "q4": 1, "q5": []}


def question(model, key):
    return next(q for d in model["dimensions"] for q in d["questions"] if q["key"] == key)


@pytest.mark.parametrize(("key", "answer", "expected"), [
    ("q1", 0, 0.0), ("q1", 1, 0.33), ("q1", 2, 0.67), ("q1", 3, 1.0),
    ("q2", [], 0.0), ("q2", [1], 0.25), ("q2", [0, 2, 3], 0.75), ("q2", [3, 2, 1, 0], 1.0),
    ("q2", [1, 1], 0.25),  # a tick counts once
    ("q3", "not_started", 0.0), ("q3", "planned", 0.25), ("q3", "in_progress", 0.5),
    ("q3", "in_place", 1.0),
    ("q1", None, None), ("q2", None, None), ("q3", None, None),
])
def test_each_question_type_scores_its_answer(small, key, answer, expected):
    assert item_score(question(small, key), answer, small["practice_scale"]) == expected


@pytest.mark.parametrize(("key", "answer"), [
    ("q1", 4), ("q1", -1), ("q1", True), ("q1", "2"),
    ("q2", "0"), ("q2", [4]), ("q2", [0, -1]), ("q2", 1),
    ("q3", "done"), ("q3", 1),
])
def test_an_answer_the_question_cannot_take_is_refused(small, key, answer):
    with pytest.raises(AnswerError):
        item_score(question(small, key), answer, small["practice_scale"])


def test_a_dimension_is_100_times_the_weighted_mean_of_its_items(small):
    a, b = small["dimensions"]
    # (2 × 0.67 + 1 × 0.75 + 1 × 0.5) / 4 = 2.59 / 4
    assert dimension_score(a, ANSWERS, small["practice_scale"]) == pytest.approx(64.75)
    # (1 × 0.5 + 3 × 0) / 4
    assert dimension_score(b, ANSWERS, small["practice_scale"]) == pytest.approx(12.5)


def test_unanswered_questions_do_not_count(small):
    a, b = small["dimensions"]
    answers = {**ANSWERS, "q1": None}
    # (1 × 0.75 + 1 × 0.5) / 2
    assert dimension_score(a, answers, small["practice_scale"]) == pytest.approx(62.5)
    assert dimension_score(b, {"q5": [0, 1]}, small["practice_scale"]) == pytest.approx(40.0)
    assert dimension_score(b, {}, small["practice_scale"]) is None


def test_the_overall_score_is_the_plain_mean_of_the_scored_dimensions(small):
    scores = respondent_scores(small, ANSWERS)
    assert scores["dimensions"] == {"a": pytest.approx(64.75), "b": pytest.approx(12.5)}
    # Dimension A weighs 2 in the model, but the overall score is the plain mean.
    assert scores["overall"] == pytest.approx((64.75 + 12.5) / 2)
    only_a = respondent_scores(small, {"q1": 3})
    assert only_a == {"dimensions": {"a": 100.0, "b": None}, "overall": 100.0}
    assert overall_score({"a": None, "b": None}) is None


@pytest.mark.parametrize(("score", "expected"), [
    (0, "basic"), (24.99, "basic"), (25, "emerging"), (49.9, "emerging"),
    (50, "established"), (74.99, "established"), (75, "advanced"), (100, "advanced"),
    (38.625, "emerging"),
])
def test_bands(small, score, expected):
    assert band(score, small["bands"])["key"] == expected


def test_no_score_no_band(small):
    assert band(None, small["bands"]) is None


def test_spread_is_median_and_quartiles():
    assert spread([100, 0, 50]) == {"n": 3, "median": 50, "q1": 25, "q3": 75, "low": 0,
                                    "high": 100}
    four = spread([40, 10, 30, 20])
    assert (four["q1"], four["median"], four["q3"]) == (17.5, 25, 32.5)
    assert spread([40])["median"] == spread([40])["q1"] == spread([40])["q3"] == 40
    assert spread([]) is None


def test_the_aggregate_does_not_depend_on_the_order_of_the_respondents(small):
    # Plain float sums differ by order: (0.1 + 0.2) + 0.3 != (0.3 + 0.2) + 0.1. The
    # database returns responses in any order (PostgreSQL: by random UUID), and a closed
    # campaign's summary must come out the same every time.
    scores = [{"dimensions": {"a": value, "b": value}, "overall": value}
              for value in (0.1, 0.2, 0.3, 10.7, 33.3)]
    forward = aggregate(small, scores)
    backward = aggregate(small, list(reversed(scores)))
    assert forward == backward
    assert forward["overall"]["mean"] == pytest.approx(8.92)


def test_a_missing_value_is_a_gap_in_the_radar_not_a_zero():
    from gevinst.maturity.charts import _point, radar_svg

    axes = ["A", "B", "C", "D", "E"]
    whole = str(radar_svg(axes, [{"label": "x", "values": [50, 50, 50, 50, 50]}]))
    assert whole.count("<polygon") == 4 + 1  # four rings and the series
    gapped = str(radar_svg(axes, [{"label": "x", "values": [50, 50, None, 50, 50]}]))
    assert gapped.count("<polygon") == 4 and gapped.count("<polyline") == 1
    centre = "{:.1f},{:.1f}".format(*_point(2, 5, 0))
    assert centre not in gapped  # nothing drawn at the centre for the missing value
    # The line runs D → E → A → B around the gap at C.
    expected = " ".join("{:.1f},{:.1f}".format(*_point(i, 5, 50)) for i in (3, 4, 0, 1))
    assert f'points="{expected}"' in gapped
