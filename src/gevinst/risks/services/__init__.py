"""Every write to the risk and opportunity register, one module per part (risks, actions,
appetite). Import from here: ``from gevinst.risks.services import do_create_risk``."""

from gevinst.risks.services.actions import do_add_action, do_update_action
from gevinst.risks.services.appetite import do_set_appetite, recompute_flags
from gevinst.risks.services.risks import (
    RISK_FIELDS,
    appetite_of,
    do_accept_risk,
    do_close_risk,
    do_create_risk,
    do_escalate_risk,
    do_reopen_risk,
    do_review_risk,
    do_update_risk,
    refresh_risk,
)

__all__ = [
    "RISK_FIELDS", "appetite_of", "do_accept_risk", "do_add_action", "do_close_risk",
    "do_create_risk", "do_escalate_risk", "do_reopen_risk", "do_review_risk",
    "do_set_appetite", "do_update_action", "do_update_risk", "recompute_flags",
    "refresh_risk",
]
