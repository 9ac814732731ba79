"""Reading and checking a maturity model file; the shipped default model."""

from __future__ import annotations

import pytest
from django.utils import translation

from gevinst.maturity import modeldata
from gevinst.maturity.modeldata import ModelError, localized, parse

DIMENSIONS = ["strategy", "benefits", "services", "people", "data", "technology",
              "innovation", "green"]


def problems(source: str) -> list[str]:
    with pytest.raises(ModelError) as caught:
        parse(source)
    return caught.value.problems


def test_the_small_model_reads_into_its_canonical_form(small):
    assert small["key"] == "small"
    assert [d["key"] for d in small["dimensions"]] == ["a", "b"]
    a = small["dimensions"][0]
    assert a["weight"] == 2.0
    assert [q["type"] for q in a["questions"]] == ["level", "checklist", "practice"]
    assert a["questions"][1]["weight"] == 1.0  # the default weight
    assert [o["score"] for o in a["questions"][0]["options"]] == [0, 0.33, 0.67, 1]
    assert "score" not in a["questions"][1]["options"][0]
    assert a["questions"][2]["options"] == []
    assert a["levels"]["advanced"] == {"en": "A3", "nb": "A3", "sv": "A3"}
    assert [b["from"] for b in small["bands"]] == [0, 25, 50, 75]


def test_equal_content_has_an_equal_digest(small_source, small):
    assert modeldata.digest(parse(small_source + "\n# a comment\n")) == modeldata.digest(small)
    changed = parse(small_source.replace('weight = 3', 'weight = 2'))
    assert modeldata.digest(changed) != modeldata.digest(small)


def test_texts_in_the_reader_s_language_else_english():
    text = {"en": "Strategy", "nb": "Strategi", "sv": "Strategi och styrning"}
    with translation.override("nb"):
        assert localized(text) == "Strategi"
    with translation.override("sv"):
        assert localized(text) == "Strategi och styrning"
    assert localized(text, "de") == "Strategy"
    assert localized(None) == ""


@pytest.mark.parametrize(("change", "expected"), [
    (('sv = "F1"', 'sv = ""'), "dimensions[1].questions[1].text: the text in “sv” is missing"),
    (('nb = "S2", ', ''), "dimensions[1].questions[2].text: the text in “nb” is missing"),
    (('score = 0.33', 'score = 1.33'), "dimensions[1].questions[1].options[2]: 1.33 is not "
                                        "allowed: it must be at least 0 and at most 1"),
    (('key = "q4"', 'key = "q1"'), "the key “q1” is used twice"),
    (('type = "practice"', 'type = "rating"'), "type must be one of level, checklist, "
                                               "practice"),
    (('from = 0', 'from = 5'), "bands: the first band must start at 0"),
    (('from = 50', 'from = 20'), "bands: each band must start above the one before"),
    (('score = 0.5\nname = { en = "In progress"', 'score = 0.2\nname = { en = "In progress"'),
     "practice_scale: each status must score above the one before"),
    (('advanced = { en = "B3", nb = "B3", sv = "B3" }\n', ''),
     "dimensions[2]: levels: no statement for advanced"),
    (('weight = 3', 'weight = 0'), "dimensions[2].questions[2].weight: 0 is not allowed: "
                                   "it must be above 0"),
    (('key = "small"', 'key = "Small model"'), "key: the key must be"),
])
def test_each_problem_is_named_where_it_is(small_source, change, expected):
    old, new = change
    assert old in small_source
    found = problems(small_source.replace(old, new, 1))
    assert any(expected in problem for problem in found), found


def test_a_checklist_item_has_no_score_and_a_practice_question_no_options(small_source):
    source = small_source.replace('''key = "q2"
  type = "checklist"
  text = { en = "Q2", nb = "S2", sv = "F2" }
    [[dimensions.questions.options]]
    text''', '''key = "q2"
  type = "checklist"
  text = { en = "Q2", nb = "S2", sv = "F2" }
    [[dimensions.questions.options]]
    score = 1
    text''')
    q3 = 'text = { en = "Q3", nb = "S3", sv = "F3" }'
    source = source.replace(q3, q3 + '''
    [[dimensions.questions.options]]
    text = { en = "x", nb = "x", sv = "x" }''')
    found = problems(source)
    assert any("a checklist item has no score" in p for p in found), found
    assert any("a practice question has no options" in p for p in found), found


def test_every_problem_is_reported_at_once(small_source):
    source = small_source.replace('sv = "F1"', 'sv = ""').replace('score = 0.33', 'score = 2')
    assert len(problems(source)) == 2


def test_not_toml_at_all():
    assert problems("key = = 1")[0].startswith("The file is not valid TOML")
    assert problems("")  # nothing in it: every required part is missing


def test_the_default_model_has_the_eight_dimensions_in_three_languages():
    content = parse(modeldata.read_default())
    assert content["key"] == "gevinst-default"
    assert [d["key"] for d in content["dimensions"]] == DIMENSIONS
    assert [b["key"] for b in content["bands"]] == ["basic", "emerging", "established",
                                                   "advanced"]
    types = [q["type"] for d in content["dimensions"] for q in d["questions"]]
    for dimension in content["dimensions"]:
        assert 4 <= len(dimension["questions"]) <= 6, dimension["key"]
        assert "level" in {q["type"] for q in dimension["questions"]}, dimension["key"]
    assert {"level", "checklist", "practice"} == set(types)
    # parse() already refuses any missing language; spot-check real wording.
    with translation.override("nb"):
        assert localized(content["dimensions"][0]["name"]) == "Strategi og styring"
    with translation.override("sv"):
        assert localized(content["dimensions"][0]["name"]) == "Strategi och styrning"
