"""Every read of the risk register a view or the API needs."""

from gevinst.risks.selectors.due import RisksDue, risks_due
from gevinst.risks.selectors.heatmap import HeatCell, HeatMap, heat_map
from gevinst.risks.selectors.register import (
    filter_options,
    initiative_register,
    overview_queryset,
    programme_register,
    risk_overview,
)
from gevinst.risks.selectors.risks import (
    get_action,
    get_risk,
    open_risks_for_report,
    risk_actions,
)

__all__ = [
    "HeatCell", "HeatMap", "RisksDue", "filter_options", "get_action", "get_risk",
    "heat_map", "initiative_register", "open_risks_for_report", "overview_queryset",
    "programme_register", "risk_actions", "risk_overview", "risks_due",
]
