"""API of status reports: read an initiative's reports, write drafts, publish, and who has
not reported for a period."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from ninja import Query, Router, Schema, Status
from pydantic import Field

from gevinst.api.auth import api_tenant
from gevinst.api.schemas import ErrorOut, PersonOut
from gevinst.api.versions import pop_version, version_required
from gevinst.core.access import READ_PORTFOLIO, WRITE_PORTFOLIO
from gevinst.portfolio import periods
from gevinst.portfolio.selectors import initiatives as initiative_selectors
from gevinst.portfolio.selectors import reports as selectors
from gevinst.portfolio.services.reports import (
    REPORT_FIELDS,
    do_create_report,
    do_delete_report,
    do_publish_report,
    do_update_report,
    published_error,
)

router = Router(tags=["status reports"])
ERRORS = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut, 428: ErrorOut}
Rag = Literal["green", "amber", "red", ""]
MONEY = {"max_digits": 14, "decimal_places": 2, "ge": 0}


class ReportOut(Schema):
    id: int
    initiative: str = Field(description="Reference of the initiative, e.g. INI-0042")
    period_start: dt.date = Field(description="First day of the month or quarter")
    state: Literal["draft", "published"]
    overall: Rag
    summary: str
    schedule: Rag
    schedule_comment: str
    cost: Rag
    cost_comment: str
    scope: Rag
    scope_comment: str
    risk: Rag
    risk_comment: str
    benefits: Rag
    benefits_comment: str
    resources: Rag
    resources_comment: str
    budget: Decimal | None
    actual: Decimal | None
    forecast: Decimal | None
    author: PersonOut | None
    published_at: dt.datetime | None
    published_by: PersonOut | None
    created_at: dt.datetime
    updated_at: dt.datetime
    version: int = Field(description="Send back on PATCH and publish to detect concurrent edits")

    @staticmethod
    def resolve_initiative(obj) -> str:
        return obj.initiative.reference


class ReportFields(Schema):
    overall: Rag | None = None
    summary: str | None = None
    schedule: Rag | None = None
    schedule_comment: str | None = None
    cost: Rag | None = None
    cost_comment: str | None = None
    scope: Rag | None = None
    scope_comment: str | None = None
    risk: Rag | None = None
    risk_comment: str | None = None
    benefits: Rag | None = None
    benefits_comment: str | None = None
    resources: Rag | None = None
    resources_comment: str | None = None
    budget: Decimal | None = Field(None, **MONEY)
    actual: Decimal | None = Field(None, **MONEY)
    forecast: Decimal | None = Field(None, **MONEY)


class ReportIn(ReportFields):
    period_start: dt.date | None = Field(
        None, description="Any day of the period; default: the current period. Fields left "
                          "out are filled in from the latest published report before it.")


class ReportPatch(ReportFields):
    version: int | None = Field(
        None, description="The version you read; or send an If-Match header with it")


class PublishIn(ReportFields):
    version: int | None = Field(
        None, description="The version you read; or send an If-Match header with it")


class NotReportedOut(Schema):
    reference: str
    title: str
    phase: str = Field(description="Key of the phase, e.g. 'execution'")
    manager: PersonOut | None
    has_draft: bool

    @staticmethod
    def resolve_phase(obj) -> str:
        return obj.phase.key


class NotReportedPage(Schema):
    period_start: dt.date
    due: dt.date
    results: list[NotReportedOut]


class ReportQuery(Schema):
    state: Literal["draft", "published"] | None = None


class PeriodQuery(Schema):
    period: dt.date | None = Field(None, description="Any day of the period; default: the "
                                                     "period just finished")


def _locked():
    return Status(409, {"detail": published_error().messages[0]})


def _fields(data: dict) -> dict:
    return {k: v for k, v in data.items() if k in REPORT_FIELDS}


@router.get("/o/{org}/initiatives/{reference}/status-reports/",
            response={200: list[ReportOut], **ERRORS},
            summary="List an initiative's status reports", description="Newest period first.")
def list_reports(request, org: str, reference: str, filters: Query[ReportQuery]):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        initiative = initiative_selectors.get_initiative(organisation, reference)
        qs = selectors.reports_of(initiative).select_related("initiative", "author",
                                                             "published_by")
        if filters.state:
            qs = qs.filter(state=filters.state)
        return list(qs)


@router.post("/o/{org}/initiatives/{reference}/status-reports/",
             response={201: ReportOut, **ERRORS}, summary="Start a draft status report")
def create_report(request, org: str, reference: str, payload: ReportIn):
    with api_tenant(request, org, WRITE_PORTFOLIO) as organisation:
        initiative = initiative_selectors.get_initiative(organisation, reference)
        data = payload.dict(exclude_unset=True)
        report = do_create_report(actor=request.user, initiative=initiative,
                                  period_start=data.pop("period_start", None),
                                  data=_fields(data))
        return Status(201, selectors.get_report(organisation, reference, report.pk))


@router.get("/o/{org}/initiatives/{reference}/status-reports/{report_id}",
            response={200: ReportOut, **ERRORS}, summary="Read a status report")
def get_report(request, org: str, reference: str, report_id: int):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        return selectors.get_report(organisation, reference, report_id)


@router.patch("/o/{org}/initiatives/{reference}/status-reports/{report_id}",
              response={200: ReportOut, **ERRORS}, summary="Change a draft status report",
              description="Only drafts change (a published report answers 409). Send the "
                          "`version` you read (in the body or as `If-Match`).")
def patch_report(request, org: str, reference: str, report_id: int, payload: ReportPatch):
    with api_tenant(request, org, WRITE_PORTFOLIO) as organisation:
        report = selectors.get_report(organisation, reference, report_id)
        if report.is_published:
            return _locked()
        data = payload.dict(exclude_unset=True)
        version = pop_version(request, data)
        if version is None:
            return version_required()
        do_update_report(actor=request.user, report=report, data=_fields(data),
                         expected_version=version)
        return selectors.get_report(organisation, reference, report_id)


@router.post("/o/{org}/initiatives/{reference}/status-reports/{report_id}/publish",
             response={200: ReportOut, **ERRORS}, summary="Publish a draft status report",
             description="Needs the overall status and all six dimensions (422 otherwise). "
                         "Fields sent are saved first. A published report never changes.")
def publish_report(request, org: str, reference: str, report_id: int, payload: PublishIn):
    with api_tenant(request, org, WRITE_PORTFOLIO) as organisation:
        report = selectors.get_report(organisation, reference, report_id)
        if report.is_published:
            return _locked()
        data = payload.dict(exclude_unset=True)
        version = pop_version(request, data)
        if version is None:
            return version_required()
        do_publish_report(actor=request.user, report=report, data=_fields(data),
                          expected_version=version)
        return selectors.get_report(organisation, reference, report_id)


@router.delete("/o/{org}/initiatives/{reference}/status-reports/{report_id}",
               response={204: None, **ERRORS}, summary="Delete a draft status report",
               description="Only drafts can be deleted (a published report answers 409).")
def delete_report(request, org: str, reference: str, report_id: int):
    with api_tenant(request, org, WRITE_PORTFOLIO) as organisation:
        report = selectors.get_report(organisation, reference, report_id)
        if report.is_published:
            return _locked()
        do_delete_report(actor=request.user, report=report)
        return Status(204, None)


@router.get("/o/{org}/status-reports/not-reported", response={200: NotReportedPage, **ERRORS},
            summary="Initiatives that have not reported for a period",
            description="Active initiatives in phases that report (not idea, not closed) "
                        "with no published report for the period.")
def not_reported(request, org: str, filters: Query[PeriodQuery]):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        cadence = organisation.status_report_cadence
        period = (periods.period_start(filters.period, cadence) if filters.period
                  else selectors.default_period(organisation))
        return {"period_start": period,
                "due": periods.due_date(period, cadence, organisation.status_report_due_day),
                "results": list(selectors.not_reported(organisation, period))}
