"""What the moderators handle: open abuse reports, and the ideas and comments hidden now.

Each list holds at most ``LIMIT`` rows (oldest report first, latest hiding first) with its
full count: four queries whatever the number of reports.
"""

from __future__ import annotations

from dataclasses import dataclass

from gevinst.core.models import Organisation
from gevinst.ideas.models import AbuseReport, Idea, IdeaComment

LIMIT = 200


class Listed(list):
    """At most LIMIT rows; ``total`` counts them all."""

    total: int = 0

    @property
    def more(self) -> int:
        return self.total - len(self)


def _listed(qs, count_qs, limit: int) -> Listed:
    rows = Listed(qs[:limit])
    rows.total = len(rows) if len(rows) < limit else count_qs.order_by().count()
    return rows


def open_reports(organisation: Organisation, limit: int = LIMIT) -> Listed:
    """Abuse reports not yet resolved, oldest first, with the idea, the comment (when the
    report is about one) and the reporter."""
    qs = AbuseReport.objects.filter(organisation=organisation, resolved_at__isnull=True)
    return _listed(qs.select_related("idea", "comment", "comment__author", "reporter")
                   .order_by("created_at", "id"), qs, limit)


@dataclass
class HiddenItems:
    ideas: Listed
    comments: Listed


def hidden_items(organisation: Organisation, limit: int = LIMIT) -> HiddenItems:
    """Ideas and comments hidden by a moderator now, the latest hidden first."""
    ideas = Idea.objects.filter(organisation=organisation, hidden=True)
    comments = IdeaComment.objects.filter(organisation=organisation, hidden=True)
    return HiddenItems(
        ideas=_listed(ideas.select_related("author", "hidden_by")
                      .only("id", "organisation_id", "number", "reference", "title",
                            "hidden", "hidden_reason", "hidden_at", "author_id",
                            "author__full_name", "author__email", "hidden_by_id",
                            "hidden_by__full_name", "hidden_by__email")
                      .order_by("-hidden_at", "-id"), ideas, limit),
        comments=_listed(comments.select_related("idea", "author", "hidden_by")
                         .order_by("-hidden_at", "-id"), comments, limit),
    )
