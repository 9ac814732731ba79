"""Who may do what with ideas.

Every member, the employee role included, reads the idea board, submits ideas, supports,
comments, follows and reports abuse. An idea hidden by a moderator is seen only by its author
(with the reason) and the moderators; for everyone else it does not exist (404). The
portfolio office (PMO and administrators) moderates and processes ideas: official answers,
reviewers, the scoring framework and acceptance into the portfolio. A reviewer assigned to an
idea rates it. Statistics and the export are for those who read the portfolio (leaders);
the employee role sees nothing of the portfolio beyond an accepted idea's public progress.
"""

from __future__ import annotations

from gevinst.core.access import READ_PORTFOLIO, has_role
from gevinst.core.models import Role


def can_use_ideas(membership) -> bool:
    """Read the board, submit, support, comment, follow, report: every member."""
    return has_role(membership, Role.EMPLOYEE)


def can_moderate(membership) -> bool:
    """Hide ideas and comments with a reason, handle abuse reports."""
    return has_role(membership, Role.PMO)


def can_process(membership) -> bool:
    """Answer (status + official answer), assign reviewers, accept into the portfolio,
    set up the scoring framework."""
    return has_role(membership, Role.PMO)


def is_reviewer(membership, idea) -> bool:
    """``idea`` must come with ``reviewer_ids`` (a set) or its reviewers are read."""
    if membership is None:
        return False
    ids = getattr(idea, "reviewer_ids", None)
    if ids is None:
        ids = set(idea.reviewers.values_list("pk", flat=True))
    return membership.user_id in ids


def can_score(membership, idea) -> bool:
    """Rate an idea on the criteria: the portfolio office and the idea's reviewers."""
    return can_process(membership) or is_reviewer(membership, idea)


def can_see_review_queue(membership) -> bool:
    """The review queue: the portfolio office sees every open idea; others see the ideas
    they are assigned to review (an empty queue when none)."""
    return has_role(membership, Role.EMPLOYEE)


def can_see_idea(membership, idea) -> bool:
    if not idea.hidden:
        return True
    return membership is not None and (idea.author_id == membership.user_id
                                       or can_moderate(membership))


def can_edit_idea(membership, idea) -> bool:
    """The author while the idea waits for a first answer; the portfolio office always
    (until it became an initiative)."""
    if idea.initiative_id is not None:
        return False
    if can_process(membership):
        return True
    return (membership is not None and idea.author_id == membership.user_id
            and idea.status == idea.Status.SUBMITTED and not idea.hidden)


def can_read_portfolio(membership) -> bool:
    """Link to the initiative page itself (employees see the public progress only)."""
    return has_role(membership, READ_PORTFOLIO)


def can_see_statistics(membership) -> bool:
    return has_role(membership, READ_PORTFOLIO)


def can_export(membership) -> bool:
    return has_role(membership, READ_PORTFOLIO)
