"""The arithmetic of idea scoring. Pure functions (no database), so that services, selectors,
the export and the API agree.

An idea's score is the weighted mean of its ratings (1–5) over the organisation's active
criteria with a weight above zero: Σ(weight × rating) / Σ(weight), rounded to two decimals
(half up). It exists only when every such criterion is rated; otherwise the idea has no score
and no band. The band is high from ``high_from``, medium from ``medium_from``, else low.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

DEFAULT_HIGH_FROM = Decimal("4.00")
DEFAULT_MEDIUM_FROM = Decimal("3.00")
TWO_PLACES = Decimal("0.01")

HIGH, MEDIUM, LOW = "high", "medium", "low"  # equal to Idea.Band values (tested)


def weighted_score(pairs: Iterable[tuple[int | None, Decimal]]) -> Decimal | None:
    """The score from (rating, weight) of every active criterion; ``None`` while a criterion
    with a weight above zero is unrated, or when no criterion weighs anything."""
    total = Decimal(0)
    weights = Decimal(0)
    for rating, weight in pairs:
        weight = Decimal(weight or 0)
        if weight <= 0:
            continue
        if rating is None:
            return None
        total += weight * Decimal(int(rating))
        weights += weight
    if weights == 0:
        return None
    return (total / weights).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def band_for(score: Decimal | None, settings=None) -> str:
    """"high", "medium", "low" or "" (no score). ``settings`` has ``high_from`` and
    ``medium_from`` (an IdeaSettings); ``None`` means the default bands (4.00 and 3.00)."""
    if score is None:
        return ""
    high_from = getattr(settings, "high_from", None)
    medium_from = getattr(settings, "medium_from", None)
    high_from = DEFAULT_HIGH_FROM if high_from is None else Decimal(high_from)
    medium_from = DEFAULT_MEDIUM_FROM if medium_from is None else Decimal(medium_from)
    score = Decimal(score)
    if score >= high_from:
        return HIGH
    if score >= medium_from:
        return MEDIUM
    return LOW
