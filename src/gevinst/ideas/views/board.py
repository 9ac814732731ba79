"""The idea board (every member: newest, most supported or most commented first, by unit, by
status, by words) and the member's "My ideas" page (their ideas and the ideas they follow).
"""

from __future__ import annotations

from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from gevinst.core.access import role_required
from gevinst.core.models import Role
from gevinst.ideas import access
from gevinst.ideas.selectors.board import board_page, unit_options
from gevinst.ideas.selectors.mine import my_ideas as my_ideas_of


def _sort_options() -> list[tuple[str, str]]:
    return [("newest", _("Newest first")), ("supported", _("Most supported first")),
            ("commented", _("Most commented first"))]


@role_required(Role.EMPLOYEE)
@require_GET
def idea_board(request, org_slug):
    org = request.organisation
    membership = request.membership
    page = board_page(org, membership, sort=request.GET.get("sort"),
                      unit_id=request.GET.get("unit"), status=request.GET.get("status"),
                      q=request.GET.get("q", ""), page=request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    status_query = query.copy()
    status_query.pop("status", None)
    return render(request, "ideas/board.html", {
        "page": page, "ideas": page.ideas, "units": unit_options(org),
        "sorts": _sort_options(), "query": query.urlencode(),
        "status_query": status_query.urlencode(),
        "can_moderate": access.can_moderate(membership),
        "can_export": access.can_export(membership),
    })


@role_required(Role.EMPLOYEE)
@require_GET
def my_ideas(request, org_slug):
    org = request.organisation
    return render(request, "ideas/mine.html", {
        "mine": my_ideas_of(org, request.user),
        "can_read_portfolio": access.can_read_portfolio(request.membership),
    })


urlpatterns = [
    path("ideas/", idea_board, name="idea_board"),
    path("ideas/mine/", my_ideas, name="my_ideas"),
]
