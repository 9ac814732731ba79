"""API of the registers around initiatives: money per year, programmes, the log (and the
lesson search) and dependencies."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from gevinst.api.auth import api_tenant
from gevinst.api.schemas import ErrorOut, PersonOut
from gevinst.api.versions import VERSION_HELP, pop_version, version_required
from gevinst.core.access import READ_PORTFOLIO, WRITE_PORTFOLIO
from gevinst.core.models import Organisation, Role, User
from gevinst.portfolio.models import Initiative, MoneyYear
from gevinst.portfolio.selectors import dependencies as dependency_selectors
from gevinst.portfolio.selectors import logs as log_selectors
from gevinst.portfolio.selectors import money as money_selectors
from gevinst.portfolio.selectors import programmes as programme_selectors
from gevinst.portfolio.selectors.initiatives import get_initiative
from gevinst.portfolio.services.dependencies import do_add_dependency, do_remove_dependency
from gevinst.portfolio.services.logs import (
    do_create_log_entry,
    do_set_log_entry_status,
    do_update_log_entry,
)
from gevinst.portfolio.services.money import do_put_money_year, do_update_money_year
from gevinst.portfolio.services.programmes import do_create_programme, do_update_programme

router = Router()
ERRORS = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut, 428: ErrorOut}
MANAGE_PROGRAMMES = Role.PMO
Kind = Literal["budget", "actual", "forecast"]
LogKind = Literal["decision", "change_request", "issue", "lesson"]


def _person(org: Organisation, field: str, email: str | None) -> User | None:
    if not email:
        return None
    person = User.objects.filter(
        email__iexact=email, memberships__organisation=org,
        memberships__role__in=[r for r in Role.values if r != Role.EMPLOYEE]).first()
    if person is None:
        raise ValidationError({field: [_("Choose a person who works with the portfolio in "
                                         "this organisation.")]})
    return person


# --- money ------------------------------------------------------------------------------


class MoneyOut(Schema):
    year: int
    kind: Kind
    investment: Decimal
    operating_cost_change: Decimal
    internal_hours: Decimal
    internal_cost: Decimal
    external_purchases: Decimal
    total_cost: Decimal = Field(description="investment + internal cost + external purchases")
    version: int


class MoneyPut(Schema):
    version: int | None = Field(None, description=VERSION_HELP + " (not needed for a new row)")
    investment: Decimal = Decimal(0)
    operating_cost_change: Decimal = Decimal(0)
    internal_hours: Decimal = Field(Decimal(0), ge=0)
    internal_cost: Decimal | None = Field(
        None, description="Empty: internal hours × the organisation's loaded hourly cost")
    external_purchases: Decimal = Decimal(0)


class MoneyPatch(Schema):
    version: int | None = Field(None, description=VERSION_HELP)
    investment: Decimal | None = None
    operating_cost_change: Decimal | None = None
    internal_hours: Decimal | None = Field(None, ge=0)
    internal_cost: Decimal | None = Field(
        None, description="null: internal hours × the organisation's loaded hourly cost")
    external_purchases: Decimal | None = None


class MoneySumOut(Schema):
    year: int
    kind: Kind
    investment: Decimal
    operating_cost_change: Decimal
    internal_hours: Decimal
    internal_cost: Decimal
    external_purchases: Decimal
    total_cost: Decimal


class PortfolioMoneyOut(Schema):
    currency: str
    rows: list[MoneySumOut]


def _money_row(initiative, year: int, kind: str) -> MoneyYear:
    row = money_selectors.money_rows(initiative).filter(year=year, kind=kind).first()
    if row is None:
        raise Http404
    return row


@router.get("/o/{org}/initiatives/{reference}/money/", response={200: list[MoneyOut], **ERRORS},
            tags=["money"], summary="Money per year of an initiative")
def list_money(request, org: str, reference: str):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        return list(money_selectors.money_rows(get_initiative(organisation, reference)))


@router.put("/o/{org}/initiatives/{reference}/money/{year}/{kind}",
            response={200: MoneyOut, 201: MoneyOut, **ERRORS}, tags=["money"],
            summary="Set a year's budget, actual or forecast",
            description="Creates the row (201) or replaces its amounts (200; then send the "
                        "`version` you read). Amounts left out are zero.")
def put_money(request, org: str, reference: str, year: int, kind: Kind, payload: MoneyPut):
    with api_tenant(request, org, WRITE_PORTFOLIO) as organisation:
        initiative = get_initiative(organisation, reference)
        data = payload.dict()
        version = pop_version(request, data)
        exists = money_selectors.money_rows(initiative).filter(year=year, kind=kind).exists()
        if exists and version is None:
            return version_required()
        row, created = do_put_money_year(actor=request.user, initiative=initiative, year=year,
                                         kind=kind, data=data, expected_version=version)
        return (201 if created else 200), row


@router.patch("/o/{org}/initiatives/{reference}/money/{year}/{kind}",
              response={200: MoneyOut, **ERRORS}, tags=["money"],
              summary="Change some amounts of a year's budget, actual or forecast")
def patch_money(request, org: str, reference: str, year: int, kind: Kind,
                payload: MoneyPatch):
    with api_tenant(request, org, WRITE_PORTFOLIO) as organisation:
        row = _money_row(get_initiative(organisation, reference), year, kind)
        data = payload.dict(exclude_unset=True)
        version = pop_version(request, data)
        if version is None:
            return version_required()
        return do_update_money_year(actor=request.user, row=row, data=data,
                                    expected_version=version)


@router.get("/o/{org}/money/", response={200: PortfolioMoneyOut, **ERRORS}, tags=["money"],
            summary="The portfolio's money, summed per year and kind")
def portfolio_money(request, org: str):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        rows = money_selectors.sums_by_year(organisation)
        for row in rows:
            for name in money_selectors.AMOUNT_FIELDS:
                row[name] = row[name] or Decimal(0)
            row["total_cost"] = sum(row[n] for n in money_selectors.COST_FIELDS)
        return {"currency": organisation.currency, "rows": rows}


# --- programmes ---------------------------------------------------------------------------


class ProgrammeOut(Schema):
    reference: str
    name: str
    description: str
    owner: PersonOut | None
    manager: PersonOut | None
    start_date: dt.date | None
    end_date: dt.date | None
    is_active: bool
    initiatives: list[str] = Field(description="References of the programme's initiatives")
    version: int

    @staticmethod
    def resolve_initiatives(obj) -> list[str]:
        return [i.reference for i in obj.initiatives.all()]


class ProgrammeIn(Schema):
    name: str = Field(max_length=200)
    description: str = ""
    owner_email: str | None = None
    manager_email: str | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    is_active: bool = True


class ProgrammePatch(Schema):
    version: int | None = Field(None, description=VERSION_HELP)
    name: str | None = Field(None, max_length=200)
    description: str | None = None
    owner_email: str | None = None
    manager_email: str | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    is_active: bool | None = None


def _programme_fields(org: Organisation, data: dict) -> dict:
    out = {}
    for key, value in data.items():
        if key in ("owner_email", "manager_email"):
            out[key.removesuffix("_email")] = _person(org, key, value)
        else:
            out[key] = value
    return out


def _programmes(organisation):
    from django.db.models import Prefetch

    return programme_selectors.programmes(organisation).prefetch_related(
        Prefetch("initiatives", queryset=Initiative.objects.filter(organisation=organisation)
                 .only("id", "reference", "programme_id").order_by("number")))


def _programme(organisation, reference: str):
    programme = _programmes(organisation).filter(reference=reference.upper()).first()
    if programme is None:
        raise Http404
    return programme


@router.get("/o/{org}/programmes/", response={200: list[ProgrammeOut], **ERRORS},
            tags=["programmes"], summary="List programmes")
def list_programmes(request, org: str):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        return list(_programmes(organisation))


@router.post("/o/{org}/programmes/", response={201: ProgrammeOut, **ERRORS},
             tags=["programmes"], summary="Create a programme (portfolio office)")
def create_programme(request, org: str, payload: ProgrammeIn):
    with api_tenant(request, org, MANAGE_PROGRAMMES) as organisation:
        data = _programme_fields(organisation, payload.dict())
        programme = do_create_programme(actor=request.user, organisation=organisation, **data)
        return 201, _programme(organisation, programme.reference)


@router.get("/o/{org}/programmes/{programme}", response={200: ProgrammeOut, **ERRORS},
            tags=["programmes"], summary="Read a programme")
def get_programme(request, org: str, programme: str):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        return _programme(organisation, programme)


@router.patch("/o/{org}/programmes/{programme}", response={200: ProgrammeOut, **ERRORS},
              tags=["programmes"], summary="Change a programme (portfolio office)")
def patch_programme(request, org: str, programme: str, payload: ProgrammePatch):
    with api_tenant(request, org, MANAGE_PROGRAMMES) as organisation:
        obj = programme_selectors.get_programme(organisation, programme)
        data = payload.dict(exclude_unset=True)
        version = pop_version(request, data)
        if version is None:
            return version_required()
        do_update_programme(actor=request.user, programme=obj,
                            data=_programme_fields(organisation, data), expected_version=version)
        return _programme(organisation, programme)


# --- log ----------------------------------------------------------------------------------


class LogEntryOut(Schema):
    id: int
    initiative: str = Field(description="Reference of the initiative")
    kind: LogKind
    title: str
    description: str
    occurred_on: dt.date
    status: Literal["open", "closed"]
    author: PersonOut | None
    created_at: dt.datetime
    updated_at: dt.datetime
    version: int

    @staticmethod
    def resolve_initiative(obj) -> str:
        return obj.initiative.reference


class LogEntryIn(Schema):
    kind: LogKind
    title: str = Field(max_length=200)
    description: str = ""
    occurred_on: dt.date


class LogEntryPatch(Schema):
    version: int | None = Field(None, description=VERSION_HELP)
    kind: LogKind | None = None
    title: str | None = Field(None, max_length=200)
    description: str | None = None
    occurred_on: dt.date | None = None
    status: Literal["open", "closed"] | None = Field(
        None, description="Close (or reopen) an issue or change request")


class LogPage(Schema):
    count: int
    page: int
    pages: int
    results: list[LogEntryOut]


class LessonQuery(Schema):
    q: str = ""
    kind: LogKind | Literal[""] = "lesson"
    unit: int | None = None
    phase: str = ""
    page: int = 1
    page_size: int = 50


@router.get("/o/{org}/initiatives/{reference}/log/", response={200: list[LogEntryOut], **ERRORS},
            tags=["log"], summary="The log of an initiative, newest first")
def list_log(request, org: str, reference: str):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        initiative = get_initiative(organisation, reference)
        return list(log_selectors.log_entries(initiative).select_related("initiative"))


@router.post("/o/{org}/initiatives/{reference}/log/", response={201: LogEntryOut, **ERRORS},
             tags=["log"], summary="Add a log entry")
def create_log_entry(request, org: str, reference: str, payload: LogEntryIn):
    with api_tenant(request, org, WRITE_PORTFOLIO) as organisation:
        initiative = get_initiative(organisation, reference)
        entry = do_create_log_entry(actor=request.user, initiative=initiative, **payload.dict())
        return 201, entry


@router.patch("/o/{org}/initiatives/{reference}/log/{entry_id}",
              response={200: LogEntryOut, **ERRORS}, tags=["log"],
              summary="Change a log entry, or close or reopen it")
def patch_log_entry(request, org: str, reference: str, entry_id: int, payload: LogEntryPatch):
    with api_tenant(request, org, WRITE_PORTFOLIO) as organisation:
        entry = log_selectors.get_log_entry(get_initiative(organisation, reference), entry_id)
        data = payload.dict(exclude_unset=True)
        version = pop_version(request, data)
        if version is None:
            return version_required()
        status = data.pop("status", None)
        if data:
            entry = do_update_log_entry(actor=request.user, entry=entry, data=data,
                                        expected_version=version)
            version = entry.version
        if status is not None and status != entry.status:
            entry = do_set_log_entry_status(actor=request.user, entry=entry, status=status,
                                            expected_version=version)
        return entry


@router.get("/o/{org}/lessons/", response={200: LogPage, **ERRORS}, tags=["log"],
            summary="Search lessons learned (or other log entries) across the portfolio")
def search_lessons(request, org: str, filters: Query[LessonQuery]):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        qs = log_selectors.search_log(organisation, log_selectors.LessonFilter(
            q=filters.q[:200], kind=filters.kind, unit=filters.unit, phase=filters.phase))
        size = max(1, min(filters.page_size, 200))
        count = qs.count()
        pages = max(1, math.ceil(count / size))
        page = max(1, min(filters.page, pages))
        return {"count": count, "page": page, "pages": pages,
                "results": list(qs.select_related("author")[(page - 1) * size: page * size])}


# --- dependencies -------------------------------------------------------------------------


class DependencyOut(Schema):
    id: int
    initiative: str = Field(description="The initiative that needs the other")
    depends_on: str = Field(description="The initiative that must deliver")
    description: str
    needed_by: dt.date | None = Field(
        description="needed_by as given, or else the needing initiative's start date")
    needed_by_given: bool
    warning: Literal["", "late", "stopped"]


class DependenciesOut(Schema):
    needs: list[DependencyOut]
    needed_by: list[DependencyOut]


class DependencyIn(Schema):
    depends_on: str = Field(description="Reference of the initiative that is needed")
    description: str = ""
    needed_by: dt.date | None = None


def _link_out(link) -> dict:
    dep = link.dependency
    return {"id": dep.pk, "initiative": dep.initiative.reference,
            "depends_on": dep.depends_on.reference, "description": dep.description,
            "needed_by": link.needed_by, "needed_by_given": dep.needed_by is not None,
            "warning": link.warning}


@router.get("/o/{org}/initiatives/{reference}/dependencies/",
            response={200: DependenciesOut, **ERRORS}, tags=["dependencies"],
            summary="What an initiative needs, and what needs it, with warnings")
def list_dependencies(request, org: str, reference: str):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        initiative = get_initiative(organisation, reference)
        return {"needs": [_link_out(x) for x in dependency_selectors.needs(initiative)],
                "needed_by": [_link_out(x) for x in
                              dependency_selectors.needed_by_others(initiative)]}


@router.post("/o/{org}/initiatives/{reference}/dependencies/",
             response={201: DependencyOut, **ERRORS}, tags=["dependencies"],
             summary="Record that an initiative needs another")
def create_dependency(request, org: str, reference: str, payload: DependencyIn):
    with api_tenant(request, org, WRITE_PORTFOLIO) as organisation:
        initiative = get_initiative(organisation, reference)
        other = Initiative.objects.filter(organisation=organisation,
                                          reference=payload.depends_on.upper()).first()
        if other is None:
            raise ValidationError({"depends_on": [_("Choose an initiative of this "
                                                    "organisation.")]})
        dep = do_add_dependency(actor=request.user, initiative=initiative, depends_on=other,
                                description=payload.description, needed_by=payload.needed_by)
        link = next(x for x in dependency_selectors.needs(initiative) if x.dependency.pk == dep.pk)
        return 201, _link_out(link)


@router.delete("/o/{org}/initiatives/{reference}/dependencies/{dependency_id}",
               response={204: None, **ERRORS}, tags=["dependencies"],
               summary="Remove a dependency (of the initiative that needs)")
def delete_dependency(request, org: str, reference: str, dependency_id: int):
    with api_tenant(request, org, WRITE_PORTFOLIO) as organisation:
        dep = dependency_selectors.get_dependency(get_initiative(organisation, reference),
                                                  dependency_id)
        do_remove_dependency(actor=request.user, dependency=dep)
        return 204, None

