"""API of the phase model, the initiatives' checklists and the gate decisions."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Router, Schema, Status
from pydantic import Field

from gevinst.api.auth import Forbidden, api_tenant
from gevinst.api.schemas import ErrorOut
from gevinst.api.versions import version_from, version_required
from gevinst.core.access import READ_PORTFOLIO, WRITE_PORTFOLIO, has_role
from gevinst.portfolio.selectors import gates as selectors
from gevinst.portfolio.selectors.initiatives import get_initiative
from gevinst.portfolio.services import gates as services
from gevinst.portfolio.views.gates import RECORD_GATE_DECISIONS

router = Router(tags=["phases and gates"])
ERRORS = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut, 428: ErrorOut}

ItemStatus = Literal["open", "done", "not_relevant"]
DecisionKind = Literal["approve", "approve_with_conditions", "defer", "stop"]


class ChecklistTemplateOut(Schema):
    id: int
    text: str
    guidance: str
    is_mandatory: bool
    order: int


class PhaseOut(Schema):
    id: int
    key: str
    name: str
    order: int
    description: str
    is_work_in_progress: bool
    decision_point: str = Field(description="The decision point to the next phase, e.g. "
                                            "'DP3'; empty for the last phase")
    checklist: list[ChecklistTemplateOut]

    @staticmethod
    def resolve_name(obj) -> str:
        return str(obj)

    @staticmethod
    def resolve_checklist(obj) -> list:
        return obj.items


class ChecklistItemOut(Schema):
    id: int
    phase: str = Field(description="Key of the phase the item belongs to")
    is_current_phase: bool
    text: str
    guidance: str
    is_mandatory: bool
    order: int
    status: ItemStatus
    comment: str
    updated_at: dt.datetime
    version: int = Field(description="Send back on PATCH to detect concurrent edits")

    @staticmethod
    def resolve_phase(obj) -> str:
        return obj.phase.key

    @staticmethod
    def resolve_is_current_phase(obj) -> bool:
        return obj.phase_id == obj.initiative.phase_id


class ChecklistItemPatch(Schema):
    version: int | None = Field(
        None, description="The version you read; or send an If-Match header with it")
    status: ItemStatus | None = None
    comment: str | None = None


class GateDecisionOut(Schema):
    id: int
    decision: DecisionKind
    from_phase: str
    to_phase: str | None
    decided_on: dt.date
    decided_by: str
    rationale: str
    conditions: str
    benefits_reviewed: bool = Field(description="Whether the initiative's benefits were "
                                                "reviewed at the decision point")
    benefits_review: str = Field(description="What the benefits review found")
    recorded_by: str | None = Field(description="Email of the person who recorded it")
    recorded_at: dt.datetime

    @staticmethod
    def resolve_from_phase(obj) -> str:
        return obj.from_phase.key

    @staticmethod
    def resolve_to_phase(obj) -> str | None:
        return obj.to_phase.key if obj.to_phase else None

    @staticmethod
    def resolve_recorded_by(obj) -> str | None:
        return obj.recorded_by.email if obj.recorded_by else None


class GateDecisionIn(Schema):
    decision: DecisionKind
    decided_on: dt.date
    decided_by: str = Field(max_length=200)
    rationale: str
    conditions: str = ""
    benefits_reviewed: bool = Field(
        False, description="The initiative's benefits were reviewed; required (true) to "
                           "approve")
    benefits_review: str = Field("", description="What the benefits review found: still "
                                                 "valid, owners in place, profile realistic")
    version: int | None = Field(
        None, description="The initiative's version you read; a decision recorded by "
                          "somebody else in between then answers 409")


@router.get("/o/{org}/phases/", response={200: list[PhaseOut], **ERRORS},
            summary="The phase model with each phase's checklist")
def list_phases(request, org: str):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        return selectors.phases_for_api(organisation)


@router.get("/o/{org}/initiatives/{reference}/checklist",
            response={200: list[ChecklistItemOut], **ERRORS},
            summary="An initiative's checklist items, phase by phase")
def list_checklist(request, org: str, reference: str):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        initiative = get_initiative(organisation, reference)
        items = selectors.checklist(initiative)
        for item in items:
            item.initiative = initiative
        return items


@router.patch("/o/{org}/initiatives/{reference}/checklist/{item_id}",
              response={200: ChecklistItemOut, **ERRORS},
              summary="Work a checklist item of the current phase",
              description="Send the `version` you read (in the body or as `If-Match`); if "
                          "somebody saved in between, the answer is 409 and nothing changes.")
def patch_checklist_item(request, org: str, reference: str, item_id: int,
                         payload: ChecklistItemPatch):
    with api_tenant(request, org, WRITE_PORTFOLIO) as organisation:
        initiative = get_initiative(organisation, reference)
        item = selectors.get_checklist_item(initiative, item_id)
        version = version_from(request, payload.version)
        if version is None:
            return version_required()
        data = payload.dict(exclude_unset=True)
        saved = services.do_update_checklist_item(
            actor=request.user, item=item, status=data.get("status") or item.status,
            comment=data["comment"] if data.get("comment") is not None else item.comment,
            expected_version=version)
        saved.initiative = initiative
        return saved


@router.get("/o/{org}/initiatives/{reference}/decisions",
            response={200: list[GateDecisionOut], **ERRORS},
            summary="An initiative's gate decisions, oldest first")
def list_decisions(request, org: str, reference: str):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        return selectors.decisions(get_initiative(organisation, reference))


@router.post("/o/{org}/initiatives/{reference}/decisions",
             response={201: GateDecisionOut, **ERRORS},
             summary="Record the decision at the initiative's next decision point",
             description="Approve (with or without conditions) moves the initiative to the "
                         "next phase; it is refused (422) while a mandatory checklist item "
                         "of the current phase is open, and the answer lists those items; "
                         "unless `benefits_reviewed` is true (benefits are reviewed at every "
                         "decision point); and, into the last phase (closed), while a "
                         "benefit of the initiative is not handed over to its owner (the "
                         "answer lists them). "
                         "Stop stops the initiative; defer records the decision only. "
                         "Portfolio managers and admins only. Decisions cannot be changed.")
def create_decision(request, org: str, reference: str, payload: GateDecisionIn):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        if not has_role(request.api_membership, RECORD_GATE_DECISIONS):
            raise Forbidden
        initiative = get_initiative(organisation, reference)
        record = services.do_record_gate_decision(
            actor=request.user, initiative=initiative, decision=payload.decision,
            decided_on=payload.decided_on, decided_by=payload.decided_by,
            rationale=payload.rationale, conditions=payload.conditions,
            benefits_reviewed=payload.benefits_reviewed,
            benefits_review=payload.benefits_review,
            expected_version=version_from(request, payload.version))
        record = next(d for d in selectors.decisions(initiative) if d.pk == record.pk)
        return Status(201, record)
