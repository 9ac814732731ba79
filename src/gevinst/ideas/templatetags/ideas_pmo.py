"""What the processing panel of an idea's page shows (templates/ideas/_processing.html):
``{% idea_processing idea page as processing %}``.

A tag rather than view context, so that the idea page (owned by the staff views) shows the
portfolio office's part without knowing about answers, scores, reviewers and progress.
"""

from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def idea_processing(context, idea, page=None):
    from gevinst.ideas.selectors.review import processing_panel

    request = context.get("request")
    membership = context.get("membership") or getattr(request, "membership", None)
    organisation = context.get("org") or getattr(request, "organisation", None)
    return processing_panel(organisation, idea, membership, page=page)


@register.simple_tag(takes_context=True)
def idea_pmo_tabs(context, current: str = "board") -> list[dict]:
    """The tabs between the idea board and the portfolio office's idea pages that the member
    may open: ``{% idea_pmo_tabs "board" as tabs %}`` (for ideas/pmo_nav.html)."""
    from gevinst.ideas.views.review import pmo_tabs

    return pmo_tabs(context["request"], current)
