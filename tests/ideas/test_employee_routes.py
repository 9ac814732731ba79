"""The employee role sees ideas, the maturity surveys it is asked to answer and its own
profile, and nothing else of the portfolio.

Every web route of the organisation is asked for, GET and POST, by Fjordby's employee with
Fjordby's own objects in the address. Routes of the idea module that staff use, the
profile and the start page answer; every other route is refused (403, or 405 for a method
the route does not take), so a new portfolio page is covered the day it is added.
"""

from __future__ import annotations

import pytest

from tests.conftest import person
from tests.core.test_tenancy import _fill, _foreign_values, org_routes

# What an employee may open (GET) or do (POST), by URL name.
EMPLOYEE_ROUTES = {
    "org_home", "my_profile",
    "idea_board", "my_ideas", "idea_submit", "idea_similar", "idea_detail", "idea_support",
    "idea_follow", "idea_comment", "idea_report", "idea_attachment", "idea_attachment_add",
    "idea_attachment_delete", "idea_review_queue",
    "maturity_campaigns",  # only the surveys the member is asked to answer (no results)
}
# Idea routes for the portfolio office (or the author while the idea waits for an answer:
# Fjordby's IDE-0001 is under review, so its employee author may no longer edit it).
PMO_IDEA_ROUTES = {
    "idea_edit", "idea_answer", "idea_score", "idea_reviewers", "idea_accept", "idea_hide",
    "idea_comment_hide", "idea_moderation", "idea_abuse_dismiss", "idea_statistics",
    "idea_scoring", "idea_criterion_create", "idea_criterion_edit", "idea_export",
}


@pytest.fixture
def employee_client(client, db):
    client.force_login(person("employee"))
    return client


def test_every_idea_route_is_classified():
    names = {name for _, name in org_routes() if name.startswith(("idea", "my_ideas"))}
    assert names == (EMPLOYEE_ROUTES | PMO_IDEA_ROUTES) - {"org_home", "my_profile",
                                                          "maturity_campaigns"}


def test_employee_reaches_nothing_of_the_portfolio(employee_client, org):
    values = _foreign_values("fjordby", org)
    refused = 0
    for route, name in org_routes():
        if name in EMPLOYEE_ROUTES:
            continue
        path = _fill(route, values)
        for method in ("get", "post"):
            status = getattr(employee_client, method)(path).status_code
            assert status in (403, 405), f"{method.upper()} {path} ({name}) answered {status}"
            refused += status == 403
    # Most of the site is portfolio: hundreds of refusals, not a handful.
    assert refused > 100


def test_employee_opens_the_idea_pages_and_profile(employee_client, org):
    values = _foreign_values("fjordby", org)
    by_name = {name: route for route, name in org_routes()}
    for name in ("org_home", "my_profile", "idea_board", "my_ideas", "idea_submit",
                 "idea_similar", "idea_detail", "idea_report", "idea_attachment",
                 "idea_review_queue", "maturity_campaigns"):
        path = _fill(by_name[name], values)
        response = employee_client.get(path)
        assert response.status_code == 200, f"GET {path} ({name}): {response.status_code}"


def test_employee_start_page_shows_no_portfolio_figures(employee_client):
    page = employee_client.get("/o/fjordby/").content.decode()
    assert "INI-0001" not in page
    assert "/o/fjordby/initiatives/" not in page
    assert "/o/fjordby/ideas/" in page


def test_employee_navigation_offers_ideas_only(employee_client):
    page = employee_client.get("/o/fjordby/ideas/").content.decode()
    for portfolio_page in ("initiatives/", "programmes/", "benefits/", "risks/",
                           "objectives/", "dashboard/", "roadmap/"):
        assert f'href="/o/fjordby/{portfolio_page}' not in page, portfolio_page
