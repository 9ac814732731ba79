"""Who may do what with objectives and KPIs.

Everyone who works with the portfolio (viewers and up) reads them. The portfolio office
(PMO) and admins set the objectives and their KPIs; they, and the objective's owner (often
a leader with only a viewer's role in Gevinst), record KPI measurements.
"""

from __future__ import annotations

from gevinst.core.access import READ_PORTFOLIO, has_role
from gevinst.core.models import Role
from gevinst.objectives.models import Objective

MANAGE_OBJECTIVES = Role.PMO


def can_manage(membership) -> bool:
    """Create and edit objectives and KPIs."""
    return has_role(membership, MANAGE_OBJECTIVES)


def is_owner(membership, objective: Objective) -> bool:
    return (membership is not None and objective.owner_id is not None
            and objective.owner_id == membership.user_id
            and has_role(membership, READ_PORTFOLIO))


def can_record(membership, objective: Objective) -> bool:
    """Record, correct and delete measurements of the objective's KPIs."""
    return can_manage(membership) or is_owner(membership, objective)
