"""Schemas of the ideas API (src/gevinst/api/ideas.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from ninja import Schema
from pydantic import Field

from gevinst.api.schemas import PersonOut
from gevinst.api.versions import VERSION_HELP

IdeaStatus = Literal["submitted", "under_review", "accepted", "parked", "rejected",
                     "duplicate", "done"]
# What an official answer may set (acceptance goes through .../accept).
AnswerStatus = Literal["under_review", "parked", "rejected", "duplicate", "done"]
Band = Literal["high", "medium", "low"]
BoardSort = Literal["newest", "supported", "commented"]
OPTIONAL_VERSION = Field(None, description="The version you read (optional here); a change "
                                           "in between then answers 409")
RATING_HELP = "1 (lowest) to 5 (highest)"


class IdeaUnitRef(Schema):
    id: int
    name: str


# --- list ---------------------------------------------------------------------------------


class IdeaQuery(Schema):
    sort: BoardSort = Field("newest", description="newest first, most supported or most "
                                                  "commented")
    unit: int | None = Field(None, description="Id of a unit: ideas affecting it")
    status: IdeaStatus | None = None
    q: str = Field("", description="Words in the reference, title or problem")
    page: int = 1
    page_size: int = Field(25, description="At most 100")


class IdeaRow(Schema):
    reference: str
    title: str
    status: IdeaStatus
    status_label: str = Field(description="The status in the caller's language")
    author: PersonOut
    units: list[IdeaUnitRef] = Field(description="The units the idea affects")
    support_count: int
    comment_count: int = Field(description="Visible comments and replies")
    score: Decimal | None = Field(description="Weighted score 1–5; null until every active "
                                              "criterion with a weight is rated")
    band: Band | None = Field(description="Priority band of the score")
    hidden: bool = Field(description="Hidden by a moderator (listed only to its author and "
                                     "the moderators)")
    initiative: str | None = Field(description="Reference of the initiative it became")
    created_at: dt.datetime


class IdeaPage(Schema):
    count: int
    page: int
    pages: int
    status_counts: dict[str, int] = Field(description="Visible ideas per status (all of "
                                                      "them, whatever the filters)")
    results: list[IdeaRow]


# --- one idea -----------------------------------------------------------------------------


class IdeaAnswerOut(Schema):
    status: IdeaStatus
    status_label: str
    text: str
    duplicate_of: str | None = Field(description="Reference of the idea it duplicates")
    answered_by: PersonOut | None
    answered_at: dt.datetime


class IdeaCommentOut(Schema):
    id: int
    author: PersonOut
    body: str | None = Field(description="Null when hidden from the caller")
    hidden: bool
    hidden_reason: str | None = Field(description="Shown to its author and the moderators")
    notice: str | None = Field(description="What the web page shows instead of, or above, "
                                           "a hidden comment")
    created_at: dt.datetime
    replies: list[IdeaCommentOut] = Field(description="Replies (top-level comments only)")


class IdeaAttachmentOut(Schema):
    id: int
    name: str
    content_type: str
    size: int = Field(description="Bytes")
    uploaded_by: PersonOut | None
    created_at: dt.datetime
    download_url: str = Field(description="The web page's download address (a signed-in "
                                          "browser session; the API token does not open it)")


class IdeaRatingOut(Schema):
    criterion_id: int
    criterion: str
    weight: Decimal
    rating: int | None = Field(description=RATING_HELP + "; null when not rated")
    meaning: str = Field(description="What the rating means in the criterion's rubric")
    rubric: list[str] | None = Field(description="What 1..5 mean (for those who may rate)")


class IdeaScoreOut(Schema):
    """The active criteria in order with the idea's rating on each."""

    score: Decimal | None
    band: Band | None
    rated: int = Field(description="Criteria with a weight that are rated")
    to_rate: int = Field(description="Criteria with a weight (all must be rated for a "
                                     "score)")
    ratings: list[IdeaRatingOut]


class IdeaPhaseStep(Schema):
    name: str
    current: bool
    done: bool


class IdeaProgressOut(Schema):
    """The initiative's public progress (what the idea page shows every member)."""

    reference: str
    title: str
    phase: str = Field(description="Name of the current phase")
    phases: list[IdeaPhaseStep] = Field(description="The phase model in order")
    status: str
    status_label: str
    start_date: dt.date | None
    end_date: dt.date | None
    last_gate_decision: dt.date | None
    rag: str = Field(description="Overall status of the latest published status report "
                                 "(green, amber, red), or empty")
    rag_label: str
    rag_period: dt.date | None = Field(description="Start of that report's period")


class IdeaYouOut(Schema):
    """What the caller has done and may do with the idea."""

    supports: bool
    follows: bool
    may_edit: bool
    may_score: bool
    may_process: bool
    may_moderate: bool
    may_read_initiative: bool = Field(description="May open the initiative itself "
                                                  "(/initiatives/{reference}); others see "
                                                  "the public progress only")


class IdeaOut(IdeaRow):
    unit: IdeaUnitRef | None = Field(description="The author's unit when the idea was submitted")
    problem: str
    proposal: str
    expected_benefit: str
    duplicate_of: str | None = Field(description="Reference of the idea it duplicates")
    answer: str = Field(description="The latest official answer")
    answered_at: dt.datetime | None
    answered_by: PersonOut | None
    first_answered_at: dt.datetime | None
    hidden_reason: str | None = Field(description="Shown to its author and the moderators")
    hidden_at: dt.datetime | None
    updated_at: dt.datetime
    version: int = Field(description="Send back on PATCH to detect concurrent edits")
    answers: list[IdeaAnswerOut] = Field(description="Every official answer, oldest first")
    comments: list[IdeaCommentOut] = Field(description="Top-level comments, oldest first")
    attachments: list[IdeaAttachmentOut]
    score_breakdown: IdeaScoreOut
    reviewers: list[PersonOut]
    progress: IdeaProgressOut | None = Field(description="The initiative's public progress")
    you: IdeaYouOut


class IdeaEngagementOut(Schema):
    support_count: int
    supports: bool = Field(description="The caller supports the idea")
    follows: bool = Field(description="The caller gets its official answers by email")


# --- writes -------------------------------------------------------------------------------


class IdeaIn(Schema):
    title: str = Field(max_length=200)
    problem: str
    proposal: str = ""
    expected_benefit: str = ""
    units: list[int] = Field([], description="Ids of the units the idea affects")


class IdeaPatch(Schema):
    version: int | None = Field(None, description=VERSION_HELP)
    title: str | None = Field(None, max_length=200)
    problem: str | None = None
    proposal: str | None = None
    expected_benefit: str | None = None
    units: list[int] | None = Field(None, description="Ids of the units (replaces them)")


class IdeaCommentIn(Schema):
    body: str = Field(description="At most 5,000 characters")
    parent: int | None = Field(None, description="Id of the comment to reply to")


class IdeaReportIn(Schema):
    reason: str = Field(description="What is wrong")
    comment: int | None = Field(None, description="Id of the comment reported (else the "
                                                  "idea)")


class IdeaReportOut(Schema):
    id: int
    idea: str
    comment: int | None
    reason: str
    reporter: PersonOut
    created_at: dt.datetime
    resolved_at: dt.datetime | None
    outcome: str


class IdeaHideIn(Schema):
    reason: str = Field(description="Shown to the author and emailed to them")


class IdeaAnswerIn(Schema):
    status: AnswerStatus
    answer: str = Field(description="The official answer, emailed to the author and the "
                                    "followers")
    duplicate_of: str | None = Field(None, description="Reference of the idea it duplicates "
                                                       "(status duplicate)")
    version: int | None = OPTIONAL_VERSION


class IdeaReviewersIn(Schema):
    reviewers: list[str] = Field(description="Emails of members of the organisation "
                                             "(replaces the reviewers)")


class IdeaRatingIn(Schema):
    criterion_id: int
    rating: int | None = Field(description=RATING_HELP + "; null clears it")


class IdeaRatingsIn(Schema):
    ratings: list[IdeaRatingIn]


class IdeaAcceptIn(Schema):
    answer: str = Field(description="The official answer, emailed to the author and the "
                                    "followers")
    phase: str | None = Field(None, description="Key of the phase: 'idea' (default) or "
                                                "'concept'")
    owner_email: str | None = None
    manager_email: str | None = None
    owning_unit_id: int | None = Field(None, description="Default: the first affected unit, "
                                                         "else the author's unit")
    version: int | None = OPTIONAL_VERSION


class IdeaAcceptOut(Schema):
    initiative: str = Field(description="Reference of the new initiative")
    idea: IdeaOut


class IdeaSimilarOut(Schema):
    reference: str
    title: str
    status: IdeaStatus
    status_label: str
    support_count: int
    similarity: float = Field(description="0..1")


# --- review queue, statistics, scoring framework --------------------------------------------


class IdeaQueueQuery(Schema):
    assigned: bool = Field(False, description="Only the ideas assigned to the caller (the "
                                              "portfolio office sees every open idea "
                                              "otherwise)")
    band: Literal["high", "medium", "low", "none"] | None = Field(
        None, description="none: not scored yet")
    sort: Literal["score", "supports", "age"] = Field("score", description="Highest score, "
                                                                           "most supported "
                                                                           "or oldest first")
    page: int = 1


class IdeaQueueRow(Schema):
    reference: str
    title: str
    status: IdeaStatus
    status_label: str
    score: Decimal | None
    band: Band | None
    support_count: int
    comment_count: int
    hidden: bool
    created_at: dt.datetime
    age_days: int = Field(description="Days since it was submitted")
    reviewers: list[PersonOut]


class IdeaQueuePage(Schema):
    count: int
    page: int
    pages: int
    results: list[IdeaQueueRow]


class IdeaStatisticsQuery(Schema):
    months: int = Field(12, description="1 to 36 calendar months, the current one included")


class IdeaUnitMonths(Schema):
    unit_id: int | None = Field(description="Null: ideas submitted without a unit")
    name: str
    counts: list[int] = Field(description="Ideas per month, in the order of `months`")
    total: int


class IdeaAnswerMonthOut(Schema):
    month: dt.date
    submitted: int
    answered: int = Field(description="Of those, answered")
    median_days: float | None = Field(description="Days to the first official answer")
    mean_days: float | None


class IdeaStatisticsOut(Schema):
    months: list[dt.date] = Field(description="First day of each month, oldest first")
    units: list[IdeaUnitMonths] = Field(description="Ideas per unit (the author's unit when "
                                                "submitted) and month, most ideas first")
    month_totals: list[int]
    total: int
    answer_months: list[IdeaAnswerMonthOut]
    answered: int
    median_days: float | None
    mean_days: float | None
    due_for_answer: int = Field(description="Submitted at least 30 days ago")
    answered_within: int = Field(description="Of those, first answered within 30 days")
    within_share: float | None = Field(description="Percent answered within 30 days")
    decided: int = Field(description="Accepted, done, parked or rejected")
    accepted: int = Field(description="Accepted or done")
    accepted_share: float | None = Field(description="Percent accepted of the decided")
    status_counts: dict[str, int]


class IdeaCriterionOut(Schema):
    id: int
    key: str = Field(description="Set for the default criteria")
    name: str
    description: str
    weight: Decimal
    rubric: list[str] = Field(description="What 1..5 mean")
    order: int
    active: bool
    version: int


class IdeaFrameworkOut(Schema):
    high_from: Decimal = Field(description="A score at or above it is high priority")
    medium_from: Decimal = Field(description="At or above it medium, below it low")
    version: int = Field(description="Of the bands")
    criteria: list[IdeaCriterionOut]


class IdeaBandsIn(Schema):
    high_from: Decimal
    medium_from: Decimal
    version: int | None = Field(None, description=VERSION_HELP)


class IdeaCriterionIn(Schema):
    name: str = Field(max_length=120)
    description: str = ""
    weight: Decimal = Decimal("1")
    rubric: list[str] = Field(["", "", "", "", ""], description="What 1..5 mean (five "
                                                                "texts)")
    order: int | None = None


class IdeaCriterionPatch(Schema):
    version: int | None = Field(None, description=VERSION_HELP)
    name: str | None = Field(None, max_length=120)
    description: str | None = None
    weight: Decimal | None = None
    rubric: list[str] | None = Field(None, description="What 1..5 mean (five texts)")
    order: int | None = None
    active: bool | None = None
