"""The arithmetic of maturity, as pure functions over a model version's content
(``modeldata.parse``) and one respondent's answers.

An answer per question key: a **level** question the index (from 0) of the option chosen; a
**checklist** the indices of the items ticked (an empty list: answered, nothing ticked); a
**practice** question the key of a status of the practice scale. A question left out (or
``None``) is not answered and does not count.

- Each answered item scores 0–1: the chosen option's score; the share of items ticked; the
  status's score.
- A dimension scores 100 × the weighted mean of its answered items (the questions'
  weights); with nothing answered it has no score.
- The overall score is the mean of the dimensions that have a score (each dimension counts
  once; the dimensions' weights decide which gaps are recommended first, not the score).
- A score is in the band with the highest start at or below it.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Mapping


class AnswerError(ValueError):
    """An answer that the question cannot take (an option that does not exist, ...)."""


def item_score(question: dict, answer, practice_scale: list[dict]) -> float | None:
    """The score 0–1 of one answer, or None when the question is not answered."""
    if answer is None:
        return None
    kind, options = question["type"], question["options"]
    if kind == "level":
        if isinstance(answer, bool) or not isinstance(answer, int) or not (
                0 <= answer < len(options)):
            raise AnswerError(f"{question['key']}: no option {answer!r}")
        return float(options[answer]["score"])
    if kind == "checklist":
        if isinstance(answer, str | bytes) or not isinstance(answer, Iterable):
            raise AnswerError(f"{question['key']}: expected the items ticked")
        ticked = set()
        for index in answer:
            if isinstance(index, bool) or not isinstance(index, int) or not (
                    0 <= index < len(options)):
                raise AnswerError(f"{question['key']}: no item {index!r}")
            ticked.add(index)
        return len(ticked) / len(options)
    if kind == "practice":
        for step in practice_scale:
            if step["key"] == answer:
                return float(step["score"])
        raise AnswerError(f"{question['key']}: no status {answer!r}")
    raise AnswerError(f"{question['key']}: unknown question type {kind!r}")


def dimension_score(dimension: dict, answers: Mapping, practice_scale: list[dict]
                    ) -> float | None:
    """100 × the weighted mean of the dimension's answered items, or None."""
    total = weights = 0.0
    for question in dimension["questions"]:
        score = item_score(question, answers.get(question["key"]), practice_scale)
        if score is None:
            continue
        total += question["weight"] * score
        weights += question["weight"]
    return 100 * total / weights if weights else None


def overall_score(dimension_scores: Mapping[str, float | None]) -> float | None:
    """The mean of the dimensions that have a score, or None."""
    scored = [score for score in dimension_scores.values() if score is not None]
    return math.fsum(scored) / len(scored) if scored else None


def respondent_scores(content: dict, answers: Mapping) -> dict:
    """``{"dimensions": {key: score or None}, "overall": score or None}`` of one respondent."""
    scale = content["practice_scale"]
    dimensions = {dimension["key"]: dimension_score(dimension, answers, scale)
                  for dimension in content["dimensions"]}
    return {"dimensions": dimensions, "overall": overall_score(dimensions)}


def band(score: float | None, bands: list[dict]) -> dict | None:
    """The band a score (0–100) is in: the one with the highest start at or below it."""
    if score is None:
        return None
    found = None
    for entry in bands:
        if score + 1e-9 >= entry["from"]:
            found = entry
    return found


def spread(values: Iterable[float]) -> dict | None:
    """Median and quartiles (inclusive method: the quartiles of 0, 50, 100 are 25 and 75)
    of the respondents' scores; None without any."""
    data = sorted(values)
    if not data:
        return None
    if len(data) == 1:
        q1 = median = q3 = data[0]
    else:
        q1, median, q3 = statistics.quantiles(data, n=4, method="inclusive")
    return {"n": len(data), "median": median, "q1": q1, "q3": q3,
            "low": data[0], "high": data[-1]}


MIN_GROUP = 5  # the fewest respondents whose answers are shown as a group of their own


def reporting_groups(counts: Mapping[int, int], parents: Mapping[int, int | None],
                     minimum: int = MIN_GROUP, unplaced: int = 0) -> dict[int, int | None]:
    """The group each unit's respondents are counted in, ``{unit: group unit or None}``.

    ``counts`` holds the respondents per unit, ``parents`` each unit's parent (the whole
    tree, so that a small unit can be merged into its parent even when that parent was not
    surveyed). A unit with fewer than ``minimum`` respondents is merged upward, deepest
    first, into its parent's group, and so on up the tree; what reaches the top without
    forming a group of ``minimum`` is the rest of the organisation (``None``). When that rest
    is not empty but smaller than ``minimum``, the smallest shown groups are merged into it
    too, until it is large enough (or nothing else is shown): otherwise the rest could be
    worked out as the whole minus the groups shown. ``unplaced`` respondents belong to no
    unit (invited without one, or their unit was removed): they are part of the rest from
    the start.
    """
    def depth(unit):
        d, seen = 0, set()
        while parents.get(unit) is not None and unit not in seen:
            seen.add(unit)
            unit, d = parents[unit], d + 1
        return d

    size = {unit: n for unit, n in counts.items() if n > 0}
    target: dict[int, int | None] = {unit: unit for unit in size}
    rest = unplaced
    # Deepest first, so that a merged child's respondents count in its parent's decision.
    for unit in sorted(set(size) | {p for u in size for p in _ancestors(u, parents)},
                       key=depth, reverse=True):
        n = size.get(unit, 0)
        if n == 0 or n >= minimum:
            continue
        parent = parents.get(unit)
        target[unit] = parent
        size[unit] = 0
        if parent is None:
            rest += n
        else:
            size[parent] = size.get(parent, 0) + n
    # Follow each unit's merges to the group it ended in.
    groups: dict[int, int | None] = {}
    for unit in counts:
        if counts[unit] <= 0:
            continue
        group = unit
        while group is not None and size.get(group, 0) == 0:
            group = target.get(group, parents.get(group))
        groups[unit] = group
    shown = {g: size[g] for g in set(groups.values()) if g is not None}
    while 0 < rest < minimum and shown:
        smallest = min(shown, key=lambda g: (shown[g], g))
        rest += shown.pop(smallest)
        for unit, group in groups.items():
            if group == smallest:
                groups[unit] = None
    return groups


def _ancestors(unit, parents):
    seen = set()
    while parents.get(unit) is not None and unit not in seen:
        seen.add(unit)
        unit = parents[unit]
        yield unit


def _mean(values: list[float]) -> float | None:
    # fsum is exactly rounded, so the mean does not depend on the order the database
    # returned the responses in (on PostgreSQL that order varies between runs).
    return math.fsum(values) / len(values) if values else None


def summarise(content: dict, answer_sets: Iterable[Mapping], *, invited: int | None = None,
              minimum: int = MIN_GROUP) -> dict:
    """The aggregate of a group of respondents (their answers): see :func:`aggregate`."""
    return aggregate(content, [respondent_scores(content, answers) for answers in answer_sets],
                     invited=invited, minimum=minimum)


def aggregate(content: dict, scores: list[dict], *, invited: int | None = None,
              minimum: int = MIN_GROUP) -> dict:
    """The aggregate of a group of respondents' scores (:func:`respondent_scores`): per
    dimension and overall the mean, the spread (median, quartiles) and the number scored;
    the number of respondents and, with ``invited``, the response rate. With fewer than
    ``minimum`` respondents only the counts are given (``shown`` is False)."""
    per_dimension: dict[str, list[float]] = {d["key"]: [] for d in content["dimensions"]}
    overall: list[float] = []
    for found in scores:
        for key, score in found["dimensions"].items():
            if score is not None:
                per_dimension[key].append(score)
        if found["overall"] is not None:
            overall.append(found["overall"])
    respondents = len(scores)
    result = {"respondents": respondents, "invited": invited,
              "response_rate": (respondents / invited) if invited else None,
              "shown": respondents >= minimum}
    if not result["shown"]:
        result.update(dimensions={}, overall=None)
        return result
    result["dimensions"] = {key: _stats(values) for key, values in per_dimension.items()}
    result["overall"] = _stats(overall)
    return result


def _stats(values: list[float]) -> dict | None:
    found = spread(values)
    if found is None:
        return None
    return {"mean": _mean(values), **found}
