"""Schemas of the risk register API (src/gevinst/api/risks.py)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Schema
from pydantic import Field

from gevinst.api.schemas import PersonOut
from gevinst.api.versions import VERSION_HELP

Kind = Literal["risk", "opportunity"]
Level = Literal["initiative", "programme", "organisation"]
Category = Literal["strategic", "financial", "delivery", "technology", "security", "legal",
                   "supplier", "people", "change", "reputation"]
Proximity = Literal["imminent", "near", "later"]
Strategy = Literal["reduce", "avoid", "transfer", "share", "accept", "monitor", "exploit",
                   "enhance"]
RiskStatus = Literal["open", "occurred", "closed"]
ActionStatus = Literal["planned", "in_progress", "done", "cancelled"]
Band = Literal["low", "medium", "high"]
OPTIONAL_VERSION = Field(None, description="The version you read (optional here); a change "
                                           "in between then answers 409")
SCORE_HELP = "1 (lowest) to 5 (highest)"


# --- list ---------------------------------------------------------------------------------


class RiskQuery(Schema):
    q: str = Field("", description="Words in the reference or title")
    kind: Kind | None = None
    level: Level | None = None
    category: Category | None = None
    status: RiskStatus | None = None
    owner: str | None = Field(None, description="The risk owner's email or user id")
    initiative: str | None = Field(None, description="Reference of an initiative: its risks")
    programme: str | None = Field(None, description="Reference of a programme: its own risks "
                                                    "and its initiatives'")
    appetite: Literal["above", "needs_decision", "accepted"] | None = Field(
        None, description="above: above the risk appetite; needs_decision: above it and not "
                          "accepted; accepted: above it and accepted by a named decision")
    review: Literal["overdue"] | None = Field(None, description="overdue: open risks whose "
                                                                "review date has passed")
    sort: str = Field("-residual", description="reference, kind, title, level, where, "
                                               "category, owner, score, residual, strategy, "
                                               "status, next_review or appetite; a leading "
                                               "'-' reverses")
    page: int = 1
    page_size: int = 50


class RiskRow(Schema):
    reference: str
    kind: Kind
    title: str
    level: Level
    category: Category
    status: RiskStatus
    initiative: str | None = Field(description="Reference of the initiative")
    programme: str | None = Field(description="Reference of the programme")
    owner: PersonOut | None
    score: int = Field(description="Probability × impact before action")
    residual_score: int = Field(description="After action (the score while not assessed)")
    strategy: Strategy
    next_review: dt.date | None
    above_appetite: bool
    needs_decision: bool = Field(description="Above the risk appetite and not accepted")
    version: int


class RiskPage(Schema):
    count: int
    page: int
    pages: int
    results: list[RiskRow]


# --- one risk -----------------------------------------------------------------------------


class ActionOut(Schema):
    id: int
    description: str
    owner: PersonOut | None
    due_date: dt.date | None
    status: ActionStatus
    overdue: bool = Field(description="Planned or in progress, and past its due date")
    completed_on: dt.date | None
    created_at: dt.datetime
    version: int


class RiskOut(Schema):
    reference: str
    kind: Kind
    title: str
    description: str
    cause: str
    effect: str
    category: Category
    proximity: Proximity
    level: Level
    initiative: str | None = Field(description="Reference of the initiative")
    programme: str | None = Field(description="Reference of the programme")
    owner: PersonOut | None
    status: RiskStatus
    probability: int
    impact: int
    residual_probability: int | None
    residual_impact: int | None
    score: int = Field(description="Probability × impact before action")
    residual_score: int = Field(description="After action; the score while not assessed")
    band: Band = Field(description="Of the score after action: low 1–4, medium 5–12, high "
                                   "15–25")
    strategy: Strategy
    next_review: dt.date | None
    last_reviewed_on: dt.date | None
    appetite: int | None = Field(description="The highest acceptable score of the risk's "
                                             "category (null for an opportunity)")
    above_appetite: bool
    is_accepted: bool = Field(description="Accepted by a named decision that covers the "
                                          "current score")
    needs_decision: bool = Field(description="Above the risk appetite and not accepted")
    accepted_by: PersonOut | None
    accepted_at: dt.datetime | None
    acceptance_decision: str
    accepted_score: int | None = Field(description="The score the decision was made at")
    escalated_on: dt.date | None
    escalation_reason: str
    closed_on: dt.date | None
    actions: list[ActionOut]
    created_at: dt.datetime
    updated_at: dt.datetime
    version: int = Field(description="Send back on PATCH to detect concurrent edits")


class _RiskFields(Schema):
    description: str | None = None
    cause: str | None = None
    effect: str | None = None
    category: Category | None = None
    proximity: Proximity | None = None
    initiative: str | None = Field(None, description="Reference of an initiative: a risk of "
                                                     "the initiative")
    programme: str | None = Field(None, description="Reference of a programme: a risk of the "
                                                    "programme (or the initiative's own)")
    owner_email: str | None = Field(None, description="A member of the organisation")
    residual_probability: int | None = Field(None, description=SCORE_HELP + ", after action")
    residual_impact: int | None = Field(None, description=SCORE_HELP + ", after action")
    strategy: Strategy | None = Field(None, description="reduce, avoid, transfer, share, "
                                                        "accept or monitor for a risk; "
                                                        "exploit, enhance, share, accept or "
                                                        "monitor for an opportunity. Accept "
                                                        "above the appetite: POST .../accept")
    next_review: dt.date | None = None


class RiskIn(_RiskFields):
    kind: Kind = "risk"
    title: str = Field(max_length=200)
    probability: int = Field(description=SCORE_HELP)
    impact: int = Field(description=SCORE_HELP)
    status: RiskStatus = "open"


class RiskPatch(_RiskFields):
    version: int | None = Field(None, description=VERSION_HELP)
    kind: Kind | None = None
    title: str | None = Field(None, max_length=200)
    probability: int | None = Field(None, description=SCORE_HELP)
    impact: int | None = Field(None, description=SCORE_HELP)


class AcceptIn(Schema):
    decision: str = Field(description="Why the organisation accepts the risk, and on what "
                                      "terms")
    version: int | None = OPTIONAL_VERSION


class EscalateIn(Schema):
    level: Literal["programme", "organisation"]
    reason: str
    version: int | None = OPTIONAL_VERSION


class ReviewIn(Schema):
    next_review: dt.date = Field(description="After today")
    comment: str = ""
    version: int | None = OPTIONAL_VERSION


class CloseIn(Schema):
    status: Literal["closed", "occurred"]
    comment: str = ""
    version: int | None = OPTIONAL_VERSION


class ReopenIn(Schema):
    version: int | None = OPTIONAL_VERSION


class ActionIn(Schema):
    description: str
    owner_email: str | None = Field(None, description="A member of the organisation")
    due_date: dt.date | None = None


class ActionPatch(Schema):
    version: int | None = Field(None, description=VERSION_HELP)
    description: str | None = None
    owner_email: str | None = Field(None, description="A member, or null for none")
    due_date: dt.date | None = None
    status: ActionStatus | None = Field(None, description="done records today as its "
                                                          "completion date")


# --- heat map, appetite, status report suggestion -------------------------------------------


class HeatQuery(Schema):
    kind: Kind = "risk"
    basis: Literal["residual", "inherent"] = Field(
        "residual", description="After action (the inherent values while not assessed) or "
                                "before")
    initiative: str | None = Field(None, description="Reference of an initiative")
    programme: str | None = Field(None, description="Reference of a programme")


class HeatRisk(Schema):
    reference: str
    title: str
    needs_decision: bool


class HeatCellOut(Schema):
    probability: int
    impact: int
    score: int
    band: Band
    count: int
    risks: list[HeatRisk] = Field(description="The cell's open risks, highest score first "
                                              "(at most 20; `count` has them all)")


class HeatMapOut(Schema):
    kind: Kind
    basis: Literal["residual", "inherent"]
    total: int
    cells: list[HeatCellOut] = Field(description="25 cells, probability 5 to 1, impact 1 "
                                                 "to 5")


class AppetiteOut(Schema):
    category: Category
    label: str
    threshold: int = Field(description="The highest acceptable score; above it a risk needs "
                                       "a named decision to be accepted")
    is_default: bool = Field(description="No threshold set: the default (12) applies")


class SuggestionOut(Schema):
    rag: Literal["red", "amber", "green", ""] = Field(
        description="Empty when the initiative has no open risk")
    reason: str
    open_risks: int
