"""Who may do what with risks, opportunities and their actions.

Everyone who reads the portfolio (viewers and up) reads the register; contributors and up
write it. The owner of a risk and the owner of an action (often a line manager who is only a
viewer in Gevinst) edit what they own. Accepting a risk above appetite is a named decision
for the portfolio office (or an administrator) or for the owner of the risk's initiative or
programme. Only administrators set the risk appetite.
"""

from __future__ import annotations

from gevinst.core.access import MANAGE_ORGANISATION, READ_PORTFOLIO, WRITE_PORTFOLIO, has_role
from gevinst.core.models import Role


def can_read(membership) -> bool:
    return has_role(membership, READ_PORTFOLIO)


def can_write(membership) -> bool:
    """Register new risks and edit any risk."""
    return has_role(membership, WRITE_PORTFOLIO)


def is_risk_owner(membership, risk) -> bool:
    return (membership is not None and risk is not None and risk.owner_id is not None
            and risk.owner_id == membership.user_id and has_role(membership, READ_PORTFOLIO))


def is_action_owner(membership, action) -> bool:
    return (membership is not None and action is not None and action.owner_id is not None
            and action.owner_id == membership.user_id
            and has_role(membership, READ_PORTFOLIO))


def can_edit_risk(membership, risk=None) -> bool:
    """Edit, review, escalate, close or reopen ``risk`` and add actions to it."""
    return has_role(membership, WRITE_PORTFOLIO) or is_risk_owner(membership, risk)


def can_edit_action(membership, action) -> bool:
    """Edit ``action``: writers, the action's owner and the owner of its risk."""
    return (has_role(membership, WRITE_PORTFOLIO) or is_action_owner(membership, action)
            or is_risk_owner(membership, action.risk))


def can_accept(membership, risk) -> bool:
    """Accept a risk above appetite with a named decision: the portfolio office or an
    administrator, or the owner of the risk's initiative or programme."""
    if has_role(membership, Role.PMO):
        return True
    if membership is None or not has_role(membership, READ_PORTFOLIO):
        return False
    user_id = membership.user_id
    initiative = risk.initiative if risk.initiative_id else None
    programme = risk.programme if risk.programme_id else None
    if initiative is not None and initiative.owner_id == user_id:
        return True
    return programme is not None and programme.owner_id == user_id


def can_set_appetite(membership) -> bool:
    return has_role(membership, MANAGE_ORGANISATION)
