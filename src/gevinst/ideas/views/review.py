"""The review queue: the portfolio office sees every open idea (submitted or under review)
with its score, priority, supports, comments, age and reviewers; other members see the open
ideas they are assigned to review (an empty queue when none). Filters: assigned to me,
priority; sort by score, supports or age; pages."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import QueryDict
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from gevinst.core.access import role_required
from gevinst.core.models import Role
from gevinst.ideas import access
from gevinst.ideas.models import Idea
from gevinst.ideas.selectors import review as selectors


def pmo_tabs(request, current: str) -> list[dict]:
    """The tabs between the idea pages of the portfolio office that the member may open."""
    membership = request.membership
    slug = request.organisation.slug
    tabs = [("idea_board", "board", _("Ideas"), True),
            ("idea_review_queue", "review", _("Review queue"),
             access.can_see_review_queue(membership)),
            ("idea_moderation", "moderation", _("Moderation"),
             access.can_moderate(membership)),
            ("idea_statistics", "statistics", _("Statistics"),
             access.can_see_statistics(membership)),
            ("idea_scoring", "scoring", _("Scoring framework"),
             access.can_process(membership))]
    return [{"url": reverse(name, kwargs={"org_slug": slug}), "label": label,
             "current": key == current} for name, key, label, allowed in tabs if allowed]


def _page_number(value) -> int:
    value = str(value or "")
    return int(value) if value.isdigit() and len(value) < 9 else 1


def _link(query: QueryDict, **changes) -> str:
    """``query`` (without its page) with ``changes`` applied, as a link's query string."""
    params = query.copy()
    for key, value in changes.items():
        params[key] = value
    return f"?{params.urlencode()}"


@role_required(Role.EMPLOYEE)
@require_GET
def idea_review_queue(request, org_slug):
    membership = request.membership
    if not access.can_see_review_queue(membership):
        raise PermissionDenied
    org = request.organisation
    assigned = request.GET.get("assigned") == "me"
    band = request.GET.get("band") or None
    sort = request.GET.get("sort") or selectors.DEFAULT_SORT
    queue = selectors.review_queue(org, membership, assigned=assigned, band=band, sort=sort,
                                   page=_page_number(request.GET.get("page")))
    query = request.GET.copy()
    query.pop("page", None)
    sorts = [("score", _("Highest score first")), ("supports", _("Most supported first")),
             ("age", _("Waiting longest first"))]
    bands = [(value, label) for value, label in Idea.Band.choices]
    bands.append((selectors.NO_BAND, _("Not scored yet")))
    return render(request, "ideas/review.html", {
        "queue": queue, "tabs": pmo_tabs(request, "review"),
        "sorts": [{"value": v, "label": label, "current": v == queue.sort,
                   "href": _link(query, sort=v)} for v, label in sorts],
        "bands": [{"value": v, "label": label, "selected": v == queue.band}
                  for v, label in bands],
        "query": query.urlencode(),
        "can_process": access.can_process(membership),
        "filtered": bool(assigned or queue.band),
    })


urlpatterns = [
    path("ideas/review/", idea_review_queue, name="idea_review_queue"),
]
