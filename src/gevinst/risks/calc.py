"""The arithmetic of the risk register: scores, appetite flags, colour bands and the risk
dimension suggested for status reports. Pure functions (no database), so that services,
selectors, imports, the API and the status report agree.

A score is probability × impact (1–25). The *current* score is the residual score (after
the planned actions) when the residual probability and impact are both assessed, else the
inherent score. A risk (never an opportunity) whose current score is above its category's
threshold is *above appetite*; it needs a named decision to be accepted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.utils.translation import gettext as _

DEFAULT_THRESHOLD = 12  # kept equal to RiskAppetite.DEFAULT_THRESHOLD (tested)

# Colour bands of a score (colour is never the only carrier: cells show the number).
LOW_MAX = 4
MEDIUM_MAX = 12

# The risk dimension of a status report.
RED_SCORE = 15
AMBER_SCORE = 8


def score(probability: int, impact: int) -> int:
    """Probability × impact, each 1–5."""
    return int(probability) * int(impact)


def current_score(residual_probability: int | None, residual_impact: int | None,
                  score: int) -> int:
    """The residual score when both residual values are assessed, else the inherent
    ``score``."""
    if residual_probability is not None and residual_impact is not None:
        return int(residual_probability) * int(residual_impact)
    return int(score)


def threshold_for(category: str, appetite: Mapping[str, int]) -> int:
    """The organisation's threshold for ``category`` (``appetite`` maps category →
    threshold), else the default (12)."""
    value = appetite.get(category)
    return int(value) if value is not None else DEFAULT_THRESHOLD


def is_above_appetite(kind: str, residual_score: int, threshold: int) -> bool:
    """Only risks are ever above appetite (opportunities are welcome)."""
    return kind == "risk" and int(residual_score) > int(threshold)


def needs_decision(risk) -> bool:
    """Above appetite and not covered by a named decision to accept it."""
    return bool(risk.above_appetite) and not risk.is_accepted


def band(score: int) -> str:
    """'low' (1–4), 'medium' (5–12) or 'high' (15–25)."""
    if score <= LOW_MAX:
        return "low"
    if score <= MEDIUM_MAX:
        return "medium"
    return "high"


def _has_overdue_action(risk, today: dt.date) -> bool:
    count = getattr(risk, "overdue_action_count", None)
    if count is not None:
        return count > 0
    return any(a.status in ("planned", "in_progress") and a.due_date is not None
               and a.due_date < today for a in risk.actions.all())


def suggested_risk_rag(open_risks: Iterable, today: dt.date | None = None
                       ) -> tuple[str, str]:
    """The risk dimension suggested for a status report from the open risks of an
    initiative: ("red"|"amber"|"green", reason).

    Red when any open risk needs a decision (above appetite, not accepted) or has a
    residual score of 15 or more; amber when any open risk has a residual score of 8 or
    more, a review date that has passed or an overdue action; else green. Opportunities and
    risks that are not open are ignored. Overdue actions are read from an
    ``overdue_action_count`` attribute when the caller annotated one (see
    ``selectors.open_risks_for_report``), else from ``risk.actions.all()`` (prefetch it).
    """
    from django.utils import timezone

    today = today or timezone.localdate()
    risks = [r for r in open_risks if r.kind == "risk" and r.status == "open"]
    decision = [r.reference for r in risks if needs_decision(r)]
    if decision:
        return "red", _("Above the risk appetite without a decision to accept: %(refs)s.") % {
            "refs": ", ".join(decision)}
    high = [r.reference for r in risks if r.residual_score >= RED_SCORE]
    if high:
        return "red", _("High risk (score 15 or more after action): %(refs)s.") % {
            "refs": ", ".join(high)}
    reasons = []
    medium = [r.reference for r in risks if r.residual_score >= AMBER_SCORE]
    if medium:
        reasons.append(_("Risk scoring 8 or more after action: %(refs)s.") % {
            "refs": ", ".join(medium)})
    late = [r.reference for r in risks if r.next_review is not None and r.next_review < today]
    if late:
        reasons.append(_("Review date passed: %(refs)s.") % {"refs": ", ".join(late)})
    overdue = [r.reference for r in risks if _has_overdue_action(r, today)]
    if overdue:
        reasons.append(_("Overdue action: %(refs)s.") % {"refs": ", ".join(overdue)})
    if reasons:
        return "amber", " ".join(reasons)
    if not risks:
        return "green", _("No open risks.")
    return "green", _("No open risk needs attention.")
