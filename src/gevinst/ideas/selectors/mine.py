"""A member's own ideas (hidden ones too: the author sees why) and the ideas they follow,
each with its status, latest official answer, supports, comments and, once accepted, the
initiative it became. Two queries."""

from __future__ import annotations

from dataclasses import dataclass

from gevinst.core.models import Organisation, User
from gevinst.ideas.models import Idea, IdeaFollower

FOLLOWED_LIMIT = 200

FIELDS = (
    "id", "organisation_id", "number", "reference", "title", "status", "answer",
    "answered_at", "support_count", "comment_count", "hidden", "hidden_reason",
    "created_at", "score", "band", "author_id", "author__full_name", "author__email",
    "initiative_id",
    "initiative__reference", "initiative__title", "initiative__status",
    "initiative__phase_id", "initiative__phase__key", "initiative__phase__custom_name",
)


@dataclass
class MyIdeas:
    authored: list[Idea]
    followed: list[Idea]
    followed_total: int

    @property
    def followed_more(self) -> int:
        return self.followed_total - len(self.followed)


def my_ideas(organisation: Organisation, user: User) -> MyIdeas:
    """``user``'s ideas in ``organisation`` (newest first) and the visible ideas of others
    they follow (newest first, at most ``FOLLOWED_LIMIT``)."""
    base = (Idea.objects.filter(organisation=organisation)
            .select_related("author", "initiative", "initiative__phase").only(*FIELDS))
    authored = list(base.filter(author=user).order_by("-number"))
    following = IdeaFollower.objects.filter(organisation=organisation, user=user)
    followed = list(base.filter(hidden=False, pk__in=following.values("idea_id"))
                    .exclude(author=user).order_by("-number")[:FOLLOWED_LIMIT + 1])
    total = len(followed)
    if total > FOLLOWED_LIMIT:
        del followed[FOLLOWED_LIMIT:]
        total = (Idea.objects.filter(organisation=organisation, hidden=False,
                                     pk__in=following.values("idea_id"))
                 .exclude(author=user).count())
    return MyIdeas(authored=authored, followed=followed, followed_total=total)
