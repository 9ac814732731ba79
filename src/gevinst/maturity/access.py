"""Who may do what with maturity assessments: administrators run campaigns; those who read
the portfolio (viewer and up) read the results; the portfolio office (PMO and up) turns a
recommendation into an initiative; every member answers the surveys they are invited to."""

from __future__ import annotations

from gevinst.core.access import MANAGE_ORGANISATION, READ_PORTFOLIO, has_role
from gevinst.core.models import Role

MANAGE_CAMPAIGNS = MANAGE_ORGANISATION
READ_RESULTS = READ_PORTFOLIO
CONVERT_RECOMMENDATIONS = Role.PMO


def can_manage(membership) -> bool:
    return has_role(membership, MANAGE_CAMPAIGNS)


def can_read_results(membership) -> bool:
    return has_role(membership, READ_RESULTS)


def can_convert(membership) -> bool:
    return has_role(membership, CONVERT_RECOMMENDATIONS)
