from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from ninja import Schema
from pydantic import Field

Ambition = Literal["improve", "transform"]
Status = Literal["active", "on_hold", "stopped", "completed"]
PhaseKey = Literal["idea", "concept", "planning", "execution", "closing", "realisation",
                   "closed"]


class PersonOut(Schema):
    id: int
    email: str
    full_name: str


class UnitOut(Schema):
    id: int
    name: str
    code: str
    parent_id: int | None


class InitiativeOut(Schema):
    reference: str
    title: str
    problem: str
    target_state: str
    ambition: Ambition
    is_lighthouse: bool
    phase: str = Field(description="Key of the phase, e.g. 'execution'")
    status: Status
    rag: str = Field(description="Overall status of the latest published status report: "
                                 "green, amber, red, or empty when none is published")
    programme: str | None = Field(description="Reference of the programme, e.g. PRG-0001")
    owning_unit_id: int | None
    owner: PersonOut | None
    manager: PersonOut | None
    start_date: dt.date | None
    end_date: dt.date | None
    created_at: dt.datetime
    updated_at: dt.datetime
    version: int = Field(description="Send back on PATCH to detect concurrent edits")
    objectives: list[str] = Field(description="References of the objectives it contributes "
                                              "to, e.g. OBJ-0001")
    proposal: str = Field(description="What is proposed (from the idea it came from)")
    expected_benefit: str
    affected_units: list[int] = Field(description="Ids of the units it affects")
    priority_score: Decimal | None = Field(description="The weighted score (1–5) of the idea "
                                                       "it was accepted from; read-only")

    @staticmethod
    def resolve_objectives(obj) -> list[str]:
        # Read inside the tenant scope by the handlers (api/portfolio.py _attach_objectives).
        return obj.objective_refs

    @staticmethod
    def resolve_affected_units(obj) -> list[int]:
        # Read by the handlers (api/portfolio.py _attach_idea_fields).
        return obj.affected_unit_ids

    @staticmethod
    def resolve_phase(obj) -> str:
        return obj.phase.key

    @staticmethod
    def resolve_programme(obj) -> str | None:
        return obj.programme.reference if obj.programme_id else None


class InitiativeIn(Schema):
    title: str = Field(max_length=200)
    problem: str = ""
    target_state: str = ""
    ambition: Ambition = "improve"
    is_lighthouse: bool = False
    phase: str | None = Field(
        None, description="Key of a phase of the organisation's phase model (see /phases/); "
                          "default the first phase. Afterwards only gate decisions change it.")
    status: Status = "active"
    programme: str | None = Field(None, description="Reference of a programme, e.g. PRG-0001")
    owning_unit_id: int | None = None
    owner_email: str | None = None
    manager_email: str | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    objectives: list[str] | None = Field(None, description="References of objectives it "
                                                           "contributes to")
    proposal: str = ""
    expected_benefit: str = ""
    affected_units: list[int] | None = Field(None, description="Ids of the units it affects")


class InitiativePatch(Schema):
    version: int | None = Field(
        None, description="The version you read; or send an If-Match header with it")
    title: str | None = Field(None, max_length=200)
    problem: str | None = None
    target_state: str | None = None
    ambition: Ambition | None = None
    is_lighthouse: bool | None = None
    status: Status | None = None
    programme: str | None = Field(None, description="Reference of a programme, or null")
    owning_unit_id: int | None = None
    owner_email: str | None = None
    manager_email: str | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    objectives: list[str] | None = Field(None, description="References of objectives it "
                                                           "contributes to (replaces them)")
    proposal: str | None = None
    expected_benefit: str | None = None
    affected_units: list[int] | None = Field(None, description="Ids of the units it affects "
                                                               "(replaces them)")


class InitiativePage(Schema):
    count: int
    page: int
    pages: int
    results: list[InitiativeOut]


class ErrorOut(Schema):
    detail: str | list[dict]
