"""The main navigation: one entry per module, shown to roles that may use it.

Modules add their entry here as they arrive (programmes, benefits, risks, ideas, ...).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gevinst.core.access import MANAGE_ORGANISATION, READ_PORTFOLIO, has_role
from gevinst.core.models import Role


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    minimum_role: str
    section: str  # the first path segment after /o/<slug>/ that marks it current


NAV = [
    NavItem(_("Overview"), "org_home", Role.EMPLOYEE, ""),
    NavItem(_("Initiatives"), "initiative_list", READ_PORTFOLIO, "initiatives"),
    NavItem(_("Programmes"), "programme_list", READ_PORTFOLIO, "programmes"),
    NavItem(_("Benefits"), "benefit_list", READ_PORTFOLIO, "benefits"),
    NavItem(_("My benefits"), "my_benefits", READ_PORTFOLIO, "my-benefits"),
    NavItem(_("Objectives"), "objective_list", READ_PORTFOLIO, "objectives"),
    NavItem(_("Risks"), "risk_overview", READ_PORTFOLIO, "risks"),
    NavItem(_("Ideas"), "idea_board", Role.EMPLOYEE, "ideas"),
    NavItem(_("Digital maturity"), "maturity_campaigns", Role.EMPLOYEE, "maturity"),
    NavItem(_("Money"), "portfolio_money", READ_PORTFOLIO, "money"),
    NavItem(_("Lessons learned"), "lesson_search", READ_PORTFOLIO, "lessons"),
    NavItem(_("Dashboard"), "dashboard", READ_PORTFOLIO, "dashboard"),
    NavItem(_("Roadmap"), "roadmap", READ_PORTFOLIO, "roadmap"),
    NavItem(_("Status reports"), "status_reports", READ_PORTFOLIO, "status-reports"),
    NavItem(_("Import"), "import_start", Role.PMO, "import"),
    NavItem(_("Settings"), "org_settings", MANAGE_ORGANISATION, "settings"),
]


def nav_for(request) -> list[dict]:
    membership = getattr(request, "membership", None)
    if membership is None:
        return []
    slug = membership.organisation.slug
    rest = request.path_info[len(f"/o/{slug}/"):]
    section = rest.split("/", 1)[0]
    return [
        {"label": item.label, "url": reverse(item.url_name, kwargs={"org_slug": slug}),
         "current": item.section == section}
        for item in NAV if has_role(membership, item.minimum_role)
    ]
