"""Schemas of the maturity API (src/gevinst/api/maturity.py): aggregates only, never an
answer of one respondent."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Schema
from pydantic import Field

CampaignStatus = Literal["draft", "open", "closed"]
CampaignMode = Literal["anonymous", "signed_in"]
QuestionType = Literal["level", "checklist", "practice"]
SCORE_HELP = "0–100"


# --- campaigns ----------------------------------------------------------------------------


class MaturityModelRef(Schema):
    key: str = Field(description="The maturity model's key, e.g. gevinst-default")
    version: int = Field(description="The model's version number the campaign uses")
    name: str = Field(description="The model's name in the caller's language")


class CampaignQuery(Schema):
    status: CampaignStatus | None = None
    page: int = 1
    page_size: int = Field(50, description="At most 100")


class CampaignOut(Schema):
    reference: str = Field(description="e.g. MAT-0001")
    title: str
    status: CampaignStatus
    mode: CampaignMode = Field(description="anonymous: personal links, answers without a "
                                           "name; signed_in: members answer signed in")
    opens_on: dt.date
    closes_on: dt.date
    opened_at: dt.datetime | None
    closed_at: dt.datetime | None
    model: MaturityModelRef
    invited: int = Field(description="People invited (0 for a draft: invitations are made "
                                     "when it opens)")
    answered: int = Field(description="Invited people who have sent their answers")
    response_rate: float | None = Field(description="answered / invited (0–1); null when "
                                                    "nobody is invited")


class CampaignPage(Schema):
    count: int
    page: int
    pages: int
    results: list[CampaignOut]


# --- results ------------------------------------------------------------------------------


class BandOut(Schema):
    key: str
    start: float = Field(alias="from", description="The lowest score (0–100) in the band")
    name: str


class OverallResultOut(Schema):
    n: int = Field(description="Respondents with a score")
    mean: float = Field(description=SCORE_HELP)
    band: str = Field(description="Key of the band of the mean")
    band_name: str
    median: float
    q1: float = Field(description="Lower quartile (inclusive method)")
    q3: float = Field(description="Upper quartile (inclusive method)")


class DimensionResultOut(Schema):
    key: str
    name: str
    weight: float = Field(description="How much the dimension's gap counts when recommending")
    n: int = Field(description="Respondents who answered any of its questions")
    mean: float | None = Field(description=f"{SCORE_HELP}; null when nobody answered")
    band: str | None = Field(description="Key of the band of the mean")
    band_name: str | None
    median: float | None
    q1: float | None
    q3: float | None


class GroupResultOut(Schema):
    unit_id: int | None = Field(description="The unit the group is named after; null for the "
                                             "rest of the organisation")
    name: str | None = Field(description="The unit's name when the survey closed; null for "
                                         "the rest of the organisation")
    respondents: int
    invited: int | None
    response_rate: float | None
    overall: float | None = Field(description="Mean overall score of the group")
    band: str | None = Field(description="Key of the band of the group's overall mean")
    dimensions: dict[str, float | None] = Field(description="Mean score per dimension key")


class RecommendationOut(Schema):
    rank: int
    dimension: str = Field(description="Key of the dimension")
    dimension_name: str
    score: float = Field(description="The dimension's mean score when the survey closed")
    current_band_name: str
    target_band: str = Field(description="Key of the next level")
    target_band_name: str
    action: str = Field(description="The recommended action: the next level's statement")
    initiative: str | None = Field(description="Reference of the initiative made from it")


class CampaignResultsOut(Schema):
    reference: str
    title: str
    closed_at: dt.datetime | None
    model: MaturityModelRef
    shown: bool = Field(description="False when fewer than five answered: then only the "
                                    "counts are given, no scores")
    respondents: int
    invited: int | None
    response_rate: float | None
    bands: list[BandOut]
    overall: OverallResultOut | None
    dimensions: list[DimensionResultOut]
    groups: list[GroupResultOut] = Field(description="Groups of at least five respondents "
                                                     "(units, small ones merged upwards; "
                                                     "the rest of the organisation last)")
    recommendations: list[RecommendationOut]


# --- the model ----------------------------------------------------------------------------


class PracticeStepOut(Schema):
    key: str
    score: float = Field(description="0–1")
    name: str


class OptionOut(Schema):
    text: str
    score: float | None = Field(description="0–1 for a level question's option; null for a "
                                            "checklist item (the share ticked counts)")


class QuestionOut(Schema):
    key: str
    type: QuestionType = Field(description="level: pick one option; checklist: tick what is "
                                           "true; practice: a status of the practice scale")
    weight: float
    text: str
    help: str
    options: list[OptionOut]


class LevelOut(Schema):
    band: str = Field(description="Key of the band")
    text: str


class ModelDimensionOut(Schema):
    key: str
    name: str
    description: str
    weight: float
    levels: list[LevelOut] = Field(description="What the dimension looks like at each band")
    questions: list[QuestionOut]


class MaturityModelOut(Schema):
    key: str
    version: int
    name: str
    description: str
    language: str = Field(description="The language of the texts (from Accept-Language)")
    bands: list[BandOut]
    practice_scale: list[PracticeStepOut]
    dimensions: list[ModelDimensionOut]
