"""API of the portfolio: initiatives."""

from __future__ import annotations

import math
from typing import Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from gevinst.api.auth import api_tenant
from gevinst.api.schemas import (
    ErrorOut,
    InitiativeIn,
    InitiativeOut,
    InitiativePage,
    InitiativePatch,
    Status,
    UnitOut,
)
from gevinst.api.versions import pop_version, version_required
from gevinst.core.access import READ_PORTFOLIO, WRITE_PORTFOLIO
from gevinst.core.models import Organisation, Role, Unit, User
from gevinst.portfolio.models import Phase, Programme
from gevinst.portfolio.selectors import initiatives as selectors
from gevinst.portfolio.services.initiatives import do_create_initiative, do_update_initiative

router = Router(tags=["initiatives"])
ERRORS = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut, 428: ErrorOut}


class InitiativeQuery(Schema):
    q: str = ""
    phase: str | None = Field(None, description="Key of a phase of the organisation's phase "
                                                "model (see /phases/), e.g. 'execution'")
    status: Status | None = None
    unit: int | None = None
    programme: str | None = Field(None, description="Reference of a programme, e.g. "
                                                    "PRG-0001, or 'none' for no programme")
    rag: Literal["green", "amber", "red", "none"] | None = Field(
        None, description="Overall status of the latest published report; 'none': not reported")
    sort: str = selectors.DEFAULT_SORT
    page: int = 1
    page_size: int = 50


def _resolve_refs(org: Organisation, data: dict) -> dict:
    """Turn API references (phase key, unit id, emails) into objects of ``org``."""
    errors: dict[str, list[str]] = {}
    out = {}
    for key, value in data.items():
        if key == "phase":
            if value is None:
                continue
            phase = Phase.objects.filter(organisation=org, key=value).first()
            if phase is None:
                errors["phase"] = [_("This organisation has no phase %(key)s.") % {"key": value}]
            out["phase"] = phase
        elif key == "programme":
            programme = None
            if value:
                programme = Programme.objects.filter(organisation=org, reference=value).first()
                if programme is None:
                    errors["programme"] = [_("This organisation has no programme %(ref)s.")
                                           % {"ref": value}]
            out["programme"] = programme
        elif key == "owning_unit_id":
            unit = None
            if value is not None:
                unit = Unit.objects.filter(organisation=org, pk=value).first()
                if unit is None:
                    errors["owning_unit_id"] = [_("Choose a unit of this organisation.")]
            out["owning_unit"] = unit
        elif key in ("owner_email", "manager_email"):
            person = None
            if value:
                person = User.objects.filter(
                    email__iexact=value, memberships__organisation=org,
                    memberships__role__in=[r for r in Role.values if r != Role.EMPLOYEE],
                ).first()
                if person is None:
                    errors[key] = [_("Choose a person who works with the portfolio in this "
                                     "organisation.")]
            out[key.removesuffix("_email")] = person
        elif key == "objectives":
            if value is None:
                continue
            from gevinst.objectives.models import Objective

            refs = {ref.upper() for ref in value}
            objectives = list(Objective.objects.filter(organisation=org, reference__in=refs))
            if len(objectives) != len(refs):
                missing = sorted(refs - {o.reference for o in objectives})
                errors["objectives"] = [_("This organisation has no objective %(ref)s.")
                                        % {"ref": ", ".join(missing)}]
            out["objectives"] = objectives
        elif key != "version":
            out[key] = value
    if errors:
        raise ValidationError(errors)
    return out


def _attach_objectives(org: Organisation, rows) -> None:
    """The objectives of a page of initiatives, in one query (``objective_refs``)."""
    from gevinst.portfolio.models import Initiative

    refs: dict[str, list[str]] = {row.reference: [] for row in rows}
    if refs:
        for initiative, objective in (
                Initiative.objectives.through.objects
                .filter(initiative__organisation=org, initiative__reference__in=list(refs))
                .order_by("objective__number")
                .values_list("initiative__reference", "objective__reference")):
            refs[initiative].append(objective)
    for row in rows:
        row.objective_refs = refs[row.reference]


def _attach_idea_fields(org: Organisation, rows) -> None:
    """The proposal, expected benefit, priority score and affected units (``affected_unit_ids``)
    of a page of initiatives, in one query (one row per initiative and affected unit)."""
    from gevinst.portfolio.models import Initiative

    by_reference = {row.reference: row for row in rows}
    for row in rows:
        row.affected_unit_ids = []
    if not by_reference:
        return
    for reference, proposal, benefit, score, unit_id in (
            Initiative.objects.filter(organisation=org, reference__in=list(by_reference))
            .order_by().values_list("reference", "proposal", "expected_benefit",
                                    "priority_score", "affected_units")):
        row = by_reference[reference]
        row.proposal, row.expected_benefit, row.priority_score = proposal, benefit, score
        if unit_id is not None:
            row.affected_unit_ids.append(unit_id)
    for row in rows:
        row.affected_unit_ids.sort()


def _one(org: Organisation, reference: str):
    initiative = selectors.get_initiative(org, reference)
    _attach_objectives(org, [initiative])
    _attach_idea_fields(org, [initiative])
    return initiative


def _raw_body(request) -> dict:
    import json

    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


@router.get("/o/{org}/initiatives/", response={200: InitiativePage, **ERRORS},
            summary="List initiatives")
def list_initiatives(request, org: str, filters: Query[InitiativeQuery]):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        errors = {}
        if filters.phase and not Phase.objects.filter(organisation=organisation,
                                                      key=filters.phase).exists():
            errors["phase"] = [_("This organisation has no phase %(key)s.")
                               % {"key": filters.phase}]
        programme = None
        if filters.programme == selectors.NONE:
            programme = selectors.NONE
        elif filters.programme:
            programme = (Programme.objects.filter(organisation=organisation,
                                                  reference=filters.programme.upper())
                         .values_list("pk", flat=True).first())
            if programme is None:
                errors["programme"] = [_("This organisation has no programme %(ref)s.")
                                       % {"ref": filters.programme}]
        if errors:
            raise ValidationError(errors)
        f = selectors.InitiativeFilter(
            q=filters.q, phase=filters.phase or "", status=filters.status or "",
            unit=filters.unit, programme=programme, rag=filters.rag or "",
            sort=filters.sort if filters.sort in selectors.SORTS else selectors.DEFAULT_SORT)
        size = max(1, min(filters.page_size, 200))
        count = selectors.initiative_count_query(organisation, f).order_by().count()
        pages = max(1, math.ceil(count / size))
        page = max(1, min(filters.page, pages))
        results = selectors.initiative_page_for_api(organisation, f, (page - 1) * size,
                                                    page * size)
        _attach_objectives(organisation, results)
        _attach_idea_fields(organisation, results)
        return {"count": count, "page": page, "pages": pages, "results": results}


@router.post("/o/{org}/initiatives/", response={201: InitiativeOut, **ERRORS},
             summary="Create an initiative")
def create_initiative(request, org: str, payload: InitiativeIn):
    with api_tenant(request, org, WRITE_PORTFOLIO) as organisation:
        data = _resolve_refs(organisation, payload.dict())
        initiative = do_create_initiative(actor=request.user, organisation=organisation, **data)
        return 201, _one(organisation, initiative.reference)


@router.get("/o/{org}/initiatives/{reference}", response={200: InitiativeOut, **ERRORS},
            summary="Read an initiative")
def get_initiative(request, org: str, reference: str):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        return _one(organisation, reference)


@router.patch("/o/{org}/initiatives/{reference}", response={200: InitiativeOut, **ERRORS},
              summary="Change an initiative",
              description="Send the `version` you read (in the body or as `If-Match`); if "
                          "somebody saved in between, the answer is 409 and nothing changes.")
def patch_initiative(request, org: str, reference: str, payload: InitiativePatch):
    with api_tenant(request, org, WRITE_PORTFOLIO) as organisation:
        initiative = selectors.get_initiative(organisation, reference)
        data = payload.dict(exclude_unset=True)
        if "phase" in _raw_body(request):
            raise ValidationError({"phase": _(
                "The phase changes only through a gate decision (POST .../decisions).")})
        version = pop_version(request, data)
        if version is None:
            return version_required()
        changes = _resolve_refs(organisation, data)
        do_update_initiative(actor=request.user, initiative=initiative, data=changes,
                             expected_version=version)
        return _one(organisation, reference)


@router.get("/o/{org}/units/", response={200: list[UnitOut], **ERRORS}, tags=["units"],
            summary="List units")
def list_units(request, org: str):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        return list(selectors.units(organisation))
