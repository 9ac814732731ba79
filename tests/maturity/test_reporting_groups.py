"""Small groups never stand alone: units under five respondents are merged upward."""

from gevinst.maturity.calc import reporting_groups, summarise

# The tree: 1 (top) → 2, 3; 2 → 4, 5.
PARENTS = {1: None, 2: 1, 3: 1, 4: 2, 5: 2}


def test_units_of_five_or_more_stand_on_their_own():
    assert reporting_groups({4: 5, 5: 7}, PARENTS) == {4: 4, 5: 5}


def test_a_small_unit_is_merged_into_its_parent():
    # 5 has 2: merged into 2 (which has 6 of its own) → group 2 with 8.
    assert reporting_groups({2: 6, 4: 5, 5: 2}, PARENTS) == {2: 2, 4: 4, 5: 2}


def test_small_units_merge_upward_until_the_group_is_large_enough():
    # 4 (2) and 5 (2) go into 2, which with its own 0 has 4: still small, so into 1 (top)
    # with 3 of its own → 7 in group 1. Unit 3 stands alone with 6.
    assert reporting_groups({1: 3, 3: 6, 4: 2, 5: 2}, PARENTS) == {1: 1, 3: 3, 4: 1, 5: 1}


def test_a_small_rest_takes_the_smallest_group_with_it():
    # 3 (2) has no group above large enough → the rest; 4 (5) and 5 (9) stand alone. A rest
    # of 2 could be worked out from the whole, so the smallest group (4) joins the rest.
    parents = {3: None, 4: None, 5: None}
    assert reporting_groups({3: 2, 4: 5, 5: 9}, parents) == {3: None, 4: None, 5: 5}


def test_everything_below_five_is_the_rest():
    assert reporting_groups({4: 1, 5: 2}, PARENTS) == {4: None, 5: None}


def test_a_group_below_five_shows_no_scores(small):
    answers = [{"q1": 1}] * 4
    result = summarise(small, answers, invited=10)
    assert result["shown"] is False and result["dimensions"] == {} and result["overall"] is None
    assert result["respondents"] == 4 and result["response_rate"] == 0.4
    assert summarise(small, [{"q1": 1}] * 5)["shown"] is True


def test_respondents_without_a_unit_count_in_the_rest_from_the_start():
    # 4 (6) and 5 (5) would stand alone, but one respondent belongs to no unit (an extra
    # address without one): a rest of one could be worked out as the whole minus 4 and 5,
    # so the smallest group (5) joins it.
    assert reporting_groups({4: 6, 5: 5}, PARENTS, unplaced=1) == {4: 4, 5: None}
    # Five without a unit are a group of their own (the rest): nothing else moves.
    assert reporting_groups({4: 6, 5: 5}, PARENTS, unplaced=5) == {4: 4, 5: 5}
