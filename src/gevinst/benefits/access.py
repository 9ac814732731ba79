"""Who may do what with benefits.

Contributors and up edit the register; the portfolio office approves and assesses; the
benefit owner (a line manager, often only a viewer in Gevinst) records and hands over the
benefits they own — the line organisation carries benefits after the project has gone.
"""

from __future__ import annotations

from gevinst.benefits.models import Benefit
from gevinst.benefits.services.benefits import PMO_TRANSITIONS
from gevinst.core.access import READ_PORTFOLIO, WRITE_PORTFOLIO, has_role
from gevinst.core.models import Role


def is_owner(membership, benefit: Benefit) -> bool:
    return (membership is not None and benefit.owner_id is not None
            and benefit.owner_id == membership.user_id and has_role(membership, READ_PORTFOLIO))


def can_edit_benefit(membership, benefit: Benefit | None = None) -> bool:
    return has_role(membership, WRITE_PORTFOLIO)


def can_record_measurements(membership, benefit: Benefit) -> bool:
    return has_role(membership, WRITE_PORTFOLIO) or is_owner(membership, benefit)


def can_verify_measurements(membership, benefit: Benefit) -> bool:
    return has_role(membership, Role.PMO) or is_owner(membership, benefit)


def can_change_status(membership, benefit: Benefit, status: str) -> bool:
    if status in PMO_TRANSITIONS:
        return has_role(membership, Role.PMO)
    if status == Benefit.Status.HANDED_OVER:
        return has_role(membership, WRITE_PORTFOLIO) or is_owner(membership, benefit)
    return has_role(membership, WRITE_PORTFOLIO)
