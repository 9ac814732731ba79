"""API of the risk and opportunity register: the register (filters and pages), one risk
with its actions, the named decisions (accept, escalate, review, close, reopen), the heat
map, the organisation's risk appetite, the risk status suggested for an initiative's status
report, and the Excel import of risks.

Who may do what follows risks/access.py: everyone who reads the portfolio reads the
register; contributors and up register and edit risks; a risk's owner and an action's owner
edit what they own even as viewers; the portfolio office (or the owner of the risk's
initiative or programme) accepts a risk above appetite; administrators set the appetite.
Every write goes through the register's services (risks/services/).
"""

from __future__ import annotations

import math

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Body, File, Form, Query, Router, Status
from ninja.files import UploadedFile

from gevinst.api.auth import Forbidden, api_tenant
from gevinst.api.imports import ImportOut
from gevinst.api.imports import _run as run_import
from gevinst.api.risk_schemas import (
    AcceptIn,
    ActionIn,
    ActionOut,
    ActionPatch,
    AppetiteOut,
    CloseIn,
    EscalateIn,
    HeatMapOut,
    HeatQuery,
    ReopenIn,
    ReviewIn,
    RiskIn,
    RiskOut,
    RiskPage,
    RiskPatch,
    RiskQuery,
    SuggestionOut,
)
from gevinst.api.schemas import ErrorOut
from gevinst.api.versions import pop_version, version_from, version_required
from gevinst.core.access import READ_PORTFOLIO, WRITE_PORTFOLIO
from gevinst.core.models import Organisation, User
from gevinst.portfolio.models import Initiative, Programme
from gevinst.portfolio.selectors.initiatives import get_initiative
from gevinst.risks import access, calc, services
from gevinst.risks import selectors as risk_selectors
from gevinst.risks.models import Category, Risk, RiskAction, RiskAppetite
from gevinst.risks.selectors.register import LIST_FIELDS, count_query

router = Router(tags=["risks"])
ERRORS = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut, 428: ErrorOut}
BASE = "/o/{org}/risks"
ROW_FIELDS = (*LIST_FIELDS, "version")
# Fields that cannot be empty: null in a PATCH means "leave as it is".
NOT_NULL = ("kind", "title", "category", "proximity", "probability", "impact", "strategy")
TEXTS = ("description", "cause", "effect")
# A service's field → the API's field, in a 422 answer.
API_FIELDS = {"owner": "owner_email"}


# --- helpers ------------------------------------------------------------------------------


def _membership(request):
    return request.api_membership


def _risk(organisation: Organisation, reference: str) -> Risk:
    risk = risk_selectors.get_risk(organisation, reference)
    risk.organisation = organisation
    return risk


def _call(service, **kwargs):
    """Run a service; its field errors named as the API names the fields."""
    try:
        return service(**kwargs)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            raise ValidationError({API_FIELDS.get(k, k): v for k, v in
                                   exc.message_dict.items()}) from exc
        raise


def _member(organisation: Organisation, email: str | None, field: str, errors: dict):
    if not email:
        return None
    person = User.objects.filter(email__iexact=email.strip(),
                                 memberships__organisation=organisation).first()
    if person is None:
        errors[field] = [_("This organisation has no member %(email)s.") % {"email": email}]
    return person


def _by_reference(model, organisation: Organisation, field: str, reference: str | None,
                  errors: dict, message: str):
    if not reference:
        return None
    found = model.objects.filter(organisation=organisation,
                                 reference=reference.strip().upper()).first()
    if found is None:
        errors[field] = [message % {"ref": reference}]
    return found


def _risk_data(organisation: Organisation, data: dict, *, patch: bool) -> dict:
    """The API's fields as the service's (references and emails become objects of
    ``organisation``; unknown ones are field errors)."""
    errors: dict[str, list[str]] = {}
    out: dict = {}
    for key, value in data.items():
        if key == "owner_email":
            out["owner"] = _member(organisation, value, key, errors)
        elif key == "initiative":
            out["initiative"] = _by_reference(
                Initiative, organisation, key, value, errors,
                _("This organisation has no initiative %(ref)s."))
        elif key == "programme":
            out["programme"] = _by_reference(
                Programme, organisation, key, value, errors,
                _("This organisation has no programme %(ref)s."))
        elif key in TEXTS:
            out[key] = value or ""
        elif key == "strategy" and value is None and not patch:  # the kind's default
            out[key] = (Risk.Strategy.EXPLOIT if data.get("kind") == Risk.Kind.OPPORTUNITY
                        else Risk.Strategy.REDUCE)
        elif value is None and key in NOT_NULL:  # the model's default, or as it is
            continue
        else:
            out[key] = value
    if errors:
        raise ValidationError(errors)
    return out


def _action_out(action: RiskAction, today) -> dict:
    return {"id": action.pk, "description": action.description, "owner": action.owner,
            "due_date": action.due_date, "status": action.status,
            "overdue": (action.status in RiskAction.OPEN and action.due_date is not None
                        and action.due_date < today),
            "completed_on": action.completed_on, "created_at": action.created_at,
            "version": action.version}


def _risk_out(organisation: Organisation, risk: Risk) -> dict:
    today = timezone.localdate()
    appetite = None
    if risk.kind == Risk.Kind.RISK:
        appetite = calc.threshold_for(risk.category, services.appetite_of(organisation.pk))
    out = {name: getattr(risk, name) for name in RiskOut.model_fields
           if name not in ("initiative", "programme", "band", "appetite", "is_accepted",
                           "needs_decision", "actions")}
    out.update(
        initiative=risk.initiative.reference if risk.initiative_id else None,
        programme=risk.programme.reference if risk.programme_id else None,
        band=calc.band(risk.residual_score), appetite=appetite,
        is_accepted=risk.is_accepted, needs_decision=calc.needs_decision(risk),
        actions=[_action_out(a, today) for a in risk_selectors.risk_actions(risk)])
    return out


def _reload(organisation: Organisation, reference: str) -> dict:
    return _risk_out(organisation, _risk(organisation, reference))


def _editable(request, risk: Risk) -> None:
    if not access.can_edit_risk(_membership(request), risk):
        raise Forbidden


# --- fixed paths first (the {risk} pattern would match them too) ---------------------------


@router.get(f"{BASE}/heatmap", response={200: HeatMapOut, **ERRORS},
            summary="The 5×5 heat map of open risks or opportunities",
            description="Per cell (probability × impact, after action by default): the "
                        "number of open risks and up to 20 of them. For the organisation, "
                        "a programme (its own risks and its initiatives') or an "
                        "initiative.")
def read_heat_map(request, org: str, filters: Query[HeatQuery]):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        errors: dict[str, list[str]] = {}
        initiative = _by_reference(Initiative, organisation, "initiative", filters.initiative,
                                   errors, _("This organisation has no initiative %(ref)s."))
        programme = _by_reference(Programme, organisation, "programme", filters.programme,
                                  errors, _("This organisation has no programme %(ref)s."))
        if errors:
            raise ValidationError(errors)
        grid = risk_selectors.heat_map(organisation, kind=filters.kind, basis=filters.basis,
                                       initiative=initiative, programme=programme)
        return {"kind": grid.kind, "basis": grid.basis, "total": grid.total, "cells": [
            {"probability": c.probability, "impact": c.impact, "score": c.score,
             "band": c.band, "count": c.count,
             "risks": [{"reference": e.reference, "title": e.title,
                        "needs_decision": e.needs_decision} for e in c.entries]}
            for c in grid.cells]}


# --- the register -------------------------------------------------------------------------


@router.get(f"{BASE}/", response={200: RiskPage, **ERRORS},
            summary="List risks and opportunities",
            description="Filters combine; highest score after action first by default.")
def list_risks(request, org: str, filters: Query[RiskQuery]):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        errors: dict[str, list[str]] = {}
        params: dict = {key: getattr(filters, key) or "" for key in (
            "q", "kind", "level", "category", "status", "appetite", "review", "sort")}
        if filters.owner:
            owner = filters.owner.strip()
            members = User.objects.filter(memberships__organisation=organisation)
            found = (members.filter(pk=int(owner)) if owner.isdigit()
                     else members.filter(email__iexact=owner)).values_list("pk", flat=True)
            params["owner"] = found.first()
            if params["owner"] is None:
                errors["owner"] = [_("This organisation has no member %(owner)s.")
                                   % {"owner": owner}]
        for key, model, message in (
                ("initiative", Initiative, _("This organisation has no initiative %(ref)s.")),
                ("programme", Programme, _("This organisation has no programme %(ref)s."))):
            found = _by_reference(model, organisation, key, getattr(filters, key), errors,
                                  message)
            if found is not None:
                params[key] = found.pk
        if errors:
            raise ValidationError(errors)
        qs, _active = risk_selectors.overview_queryset(organisation, params)
        size = max(1, min(filters.page_size, 200))
        count = count_query(qs).count()
        pages = max(1, math.ceil(count / size))
        page = max(1, min(filters.page, pages))
        rows = list(qs.only(*ROW_FIELDS)[(page - 1) * size: page * size])
        results = [{
            "reference": r.reference, "kind": r.kind, "title": r.title, "level": r.level,
            "category": r.category, "status": r.status,
            "initiative": r.initiative.reference if r.initiative_id else None,
            "programme": r.programme.reference if r.programme_id else None,
            "owner": r.owner if r.owner_id else None, "score": r.score,
            "residual_score": r.residual_score, "strategy": r.strategy,
            "next_review": r.next_review, "above_appetite": r.above_appetite,
            "needs_decision": calc.needs_decision(r), "version": r.version} for r in rows]
        return {"count": count, "page": page, "pages": pages, "results": results}


@router.post(f"{BASE}/", response={201: RiskOut, **ERRORS},
             summary="Register a risk or an opportunity",
             description="Give `initiative` for an initiative's risk (its programme follows), "
                         "else `programme` for a programme's, else it is the organisation's. "
                         "Scores, the appetite flag and the reference (RSK-…) are computed.")
def create_risk(request, org: str, payload: RiskIn):
    with api_tenant(request, org, WRITE_PORTFOLIO) as organisation:
        data = _risk_data(organisation, payload.dict(), patch=False)
        risk = _call(services.do_create_risk, actor=request.user, organisation=organisation,
                     data=data)
        return Status(201, _reload(organisation, risk.reference))


@router.get(f"{BASE}/{{risk}}/", response={200: RiskOut, **ERRORS},
            summary="Read a risk with its scores, appetite, decisions and actions")
def read_risk(request, org: str, risk: str):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        return _reload(organisation, risk)


@router.patch(f"{BASE}/{{risk}}/", response={200: RiskOut, **ERRORS},
              summary="Change a risk",
              description="Send the `version` you read (in the body or as `If-Match`); if "
                          "somebody saved in between, the answer is 409 and nothing "
                          "changes. If the score after action rises above the score a risk "
                          "was accepted at, the acceptance lapses. The status changes only "
                          "through .../close and .../reopen.")
def patch_risk(request, org: str, risk: str, payload: RiskPatch):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        obj = _risk(organisation, risk)
        _editable(request, obj)
        data = payload.dict(exclude_unset=True)
        version = pop_version(request, data)
        if version is None:
            return version_required()
        _call(services.do_update_risk, actor=request.user, risk=obj,
              data=_risk_data(organisation, data, patch=True), expected_version=version)
        return _reload(organisation, obj.reference)


@router.post(f"{BASE}/{{risk}}/accept", response={200: RiskOut, **ERRORS},
             summary="Accept a risk above the risk appetite with a named decision",
             description="Records who accepted it, when and why, for its current score. "
                         "Refused (422) for a risk within appetite and for opportunities. "
                         "The portfolio office, an administrator, or the owner of the "
                         "risk's initiative or programme.")
def accept_risk(request, org: str, risk: str, payload: AcceptIn):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        obj = _risk(organisation, risk)
        if not access.can_accept(_membership(request), obj):
            raise Forbidden
        _call(services.do_accept_risk, actor=request.user, risk=obj, decision=payload.decision,
              expected_version=version_from(request, payload.version))
        return _reload(organisation, obj.reference)


@router.post(f"{BASE}/{{risk}}/escalate", response={200: RiskOut, **ERRORS},
             summary="Escalate a risk to its programme or the organisation",
             description="Upwards only, with a reason. The risk keeps its initiative.")
def escalate_risk(request, org: str, risk: str, payload: EscalateIn):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        obj = _risk(organisation, risk)
        _editable(request, obj)
        _call(services.do_escalate_risk, actor=request.user, risk=obj, level=payload.level,
              reason=payload.reason, expected_version=version_from(request, payload.version))
        return _reload(organisation, obj.reference)


@router.post(f"{BASE}/{{risk}}/review", response={200: RiskOut, **ERRORS},
             summary="Record a review and the next review date")
def review_risk(request, org: str, risk: str, payload: ReviewIn):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        obj = _risk(organisation, risk)
        _editable(request, obj)
        _call(services.do_review_risk, actor=request.user, risk=obj,
              next_review=payload.next_review, comment=payload.comment,
              expected_version=version_from(request, payload.version))
        return _reload(organisation, obj.reference)


@router.post(f"{BASE}/{{risk}}/close", response={200: RiskOut, **ERRORS},
             summary="Close a risk, or record that it occurred")
def close_risk(request, org: str, risk: str, payload: CloseIn):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        obj = _risk(organisation, risk)
        _editable(request, obj)
        _call(services.do_close_risk, actor=request.user, risk=obj, status=payload.status,
              comment=payload.comment, expected_version=version_from(request, payload.version))
        return _reload(organisation, obj.reference)


@router.post(f"{BASE}/{{risk}}/reopen", response={200: RiskOut, **ERRORS},
             summary="Reopen a closed risk")
def reopen_risk(request, org: str, risk: str, payload: ReopenIn):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        obj = _risk(organisation, risk)
        _editable(request, obj)
        _call(services.do_reopen_risk, actor=request.user, risk=obj,
              expected_version=version_from(request, payload.version))
        return _reload(organisation, obj.reference)


# --- actions ------------------------------------------------------------------------------


@router.get(f"{BASE}/{{risk}}/actions/", response={200: list[ActionOut], **ERRORS},
            tags=["risk actions"], summary="A risk's actions")
def list_actions(request, org: str, risk: str):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        today = timezone.localdate()
        return [_action_out(a, today)
                for a in risk_selectors.risk_actions(_risk(organisation, risk))]


@router.post(f"{BASE}/{{risk}}/actions/", response={201: ActionOut, **ERRORS},
             tags=["risk actions"], summary="Add an action")
def create_action(request, org: str, risk: str, payload: ActionIn):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        obj = _risk(organisation, risk)
        _editable(request, obj)
        errors: dict[str, list[str]] = {}
        owner = _member(organisation, payload.owner_email, "owner_email", errors)
        if errors:
            raise ValidationError(errors)
        action = _call(services.do_add_action, actor=request.user, risk=obj,
                       description=payload.description, owner=owner,
                       due_date=payload.due_date)
        action = risk_selectors.get_action(organisation, obj, action.pk)
        return Status(201, _action_out(action, timezone.localdate()))


@router.patch(f"{BASE}/{{risk}}/actions/{{action_id}}", response={200: ActionOut, **ERRORS},
              tags=["risk actions"], summary="Change an action",
              description="Send the `version` you read (in the body or as `If-Match`). The "
                          "action's owner and the risk's owner may change it too.")
def patch_action(request, org: str, risk: str, action_id: int, payload: ActionPatch):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        obj = _risk(organisation, risk)
        action = risk_selectors.get_action(organisation, obj, action_id)
        action.risk = obj
        if not access.can_edit_action(_membership(request), action):
            raise Forbidden
        data = payload.dict(exclude_unset=True)
        version = pop_version(request, data)
        if version is None:
            return version_required()
        errors: dict[str, list[str]] = {}
        if "owner_email" in data:
            data["owner"] = _member(organisation, data.pop("owner_email"), "owner_email",
                                    errors)
        for key in ("description", "status"):
            if key in data and data[key] is None:
                del data[key]
        if errors:
            raise ValidationError(errors)
        _call(services.do_update_action, actor=request.user, action=action, data=data,
              expected_version=version)
        action = risk_selectors.get_action(organisation, obj, action_id)
        return _action_out(action, timezone.localdate())


# --- the organisation's risk appetite -------------------------------------------------------


def _appetite(organisation: Organisation) -> list[dict]:
    rows = services.appetite_of(organisation.pk)
    return [{"category": value, "label": str(label),
             "threshold": rows.get(value, RiskAppetite.DEFAULT_THRESHOLD),
             "is_default": value not in rows} for value, label in Category.choices]


@router.get("/o/{org}/risk-appetite", response={200: list[AppetiteOut], **ERRORS},
            tags=["risks"], summary="The risk appetite: the threshold of each category")
def read_appetite(request, org: str):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        return _appetite(organisation)


@router.put("/o/{org}/risk-appetite", response={200: list[AppetiteOut], **ERRORS},
            tags=["risks"], summary="Set the risk appetite (administrators)",
            description="A JSON object of category → highest acceptable score (1–25), e.g. "
                        "`{\"security\": 8, \"financial\": 15}`; null returns a category to "
                        "the default (12); categories left out keep theirs. Every risk's "
                        "appetite flag is recomputed.")
def put_appetite(request, org: str, payload: Body[dict[str, int | None]]):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        if not access.can_set_appetite(_membership(request)):
            raise Forbidden
        try:
            services.do_set_appetite(actor=request.user, organisation=organisation,
                                     thresholds=payload)
        except PermissionDenied as exc:
            raise Forbidden from exc
        return _appetite(organisation)


# --- the risk status suggested for an initiative's status report ----------------------------


@router.get("/o/{org}/initiatives/{reference}/risk-suggestion",
            response={200: SuggestionOut, **ERRORS}, tags=["status reports"],
            summary="The risk status the register suggests for the initiative's report",
            description="Red when an open risk is above the risk appetite without a "
                        "decision, or scores 15 or more after action; amber when one scores "
                        "8 or more, its review date has passed or an action is overdue; "
                        "else green. Empty when the initiative has no open risk. Only a "
                        "suggestion: the report's own risk status is what its author chose.")
def risk_suggestion(request, org: str, reference: str):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        initiative = get_initiative(organisation, reference)
        risks = [r for r in risk_selectors.open_risks_for_report(initiative)
                 if r.kind == Risk.Kind.RISK]
        if not risks:
            return {"rag": "", "reason": _("The risk register holds no open risk of this "
                                           "initiative."), "open_risks": 0}
        rag, reason = calc.suggested_risk_rag(risks)
        return {"rag": rag, "reason": reason, "open_risks": len(risks)}


# --- Excel import -------------------------------------------------------------------------


@router.post("/o/{org}/import/risks/", response={200: ImportOut, 201: ImportOut, **ERRORS},
             tags=["import"], summary="Import risks and opportunities from an Excel workbook")
def import_risks(request, org: str, file: File[UploadedFile], dry_run: Form[bool] = False):
    """Multipart upload of an .xlsx with one risk or opportunity per row (title,
    probability and impact required; initiative by reference, programme by name or
    reference, owner by email; choices in English, Norwegian or Swedish). Each row goes
    through the register's services; a dry run writes and rolls back, so it reports their
    rules too. All or nothing; new risks get new references (`created`, `sources`).
    Portfolio office and administrators."""
    return run_import(request, org, "risks", file, dry_run)
