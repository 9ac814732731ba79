"""API of the portfolio overview: dashboard numbers, saved views, roadmap rows."""

from __future__ import annotations

import datetime as dt
import math

from django.http import QueryDict
from ninja import Query, Router, Schema
from pydantic import Field

from gevinst.api.auth import Forbidden, api_tenant
from gevinst.api.schemas import ErrorOut, PhaseKey, Status
from gevinst.core.access import READ_PORTFOLIO
from gevinst.portfolio import listing
from gevinst.portfolio.selectors import dashboard as dashboard_selectors
from gevinst.portfolio.selectors import initiatives as selectors
from gevinst.portfolio.selectors import overview as overview_selectors
from gevinst.portfolio.selectors.roadmap import roadmap_rows
from gevinst.portfolio.services.overview import do_delete_view, do_save_view

router = Router(tags=["overview"])
ERRORS = {403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class PhaseCount(Schema):
    key: str
    name: str
    count: int


class RagCount(Schema):
    value: str = Field(description="red, amber, green, or '' for no published report")
    label: str
    count: int


class MoneyYearTotals(Schema):
    year: int
    budget: float = Field(description="Total cost (investment + internal + external)")
    actual: float
    forecast: float


class AmbitionCount(Schema):
    value: str
    label: str
    count: int
    share: float = Field(description="Per cent of the ongoing initiatives")


class WorkInProgress(Schema):
    count: int
    limit: int | None
    over_limit: bool
    phases: list[PhaseCount]


class DashboardOut(Schema):
    initiatives: int
    phases: list[PhaseCount] = Field(description="Per phase, stopped initiatives left out")
    rag: list[RagCount] = Field(description="Active and on-hold initiatives by RAG")
    money: list[MoneyYearTotals]
    ambition: list[AmbitionCount] = Field(description="Active and on-hold initiatives")
    work_in_progress: WorkInProgress


class SavedViewOut(Schema):
    id: int
    name: str
    query: str = Field(description="The overview's query string: filters, sort, columns")
    is_shared: bool
    owner_email: str
    can_delete: bool


class SavedViewIn(Schema):
    name: str = Field(max_length=100)
    query: str = Field("", max_length=2000)
    shared: bool = False


class RoadmapQuery(Schema):
    programme: int | None = None
    phase: PhaseKey | None = None
    unit: int | None = None
    status: Status | None = None
    group: str = Field("", description="'programme' to order by programme first")
    page: int = 1
    page_size: int = 100


class RoadmapRow(Schema):
    reference: str
    title: str
    phase: str
    status: str
    start_date: dt.date | None
    end_date: dt.date | None
    programme_id: int | None
    programme: str | None
    owning_unit: str | None


class RoadmapPage(Schema):
    count: int
    page: int
    pages: int
    results: list[RoadmapRow]


@router.get("/o/{org}/dashboard/", response={200: DashboardOut, **ERRORS},
            summary="Dashboard numbers", description="The numbers behind the dashboard's "
            "charts; `programme` narrows them to one programme's initiatives.")
def get_dashboard(request, org: str, programme: int | None = None):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        if programme is not None and programme not in {
                pk for pk, _ in selectors.programmes(organisation)}:
            programme = -1  # another organisation's or no programme: nothing matches
        d = dashboard_selectors.dashboard(organisation, programme)
        return d.as_dict()


def _view_out(view, membership) -> dict:
    return {"id": view.pk, "name": view.name, "query": view.query,
            "is_shared": view.is_shared, "owner_email": view.owner.email,
            "can_delete": overview_selectors.can_delete(membership, view)}


@router.get("/o/{org}/saved-views/", response={200: list[SavedViewOut], **ERRORS},
            summary="List saved views", description="Your own views and the shared ones.")
def list_saved_views(request, org: str):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        membership = request.api_membership
        return [_view_out(v, membership)
                for v in overview_selectors.saved_views(organisation, request.user)]


@router.post("/o/{org}/saved-views/", response={201: SavedViewOut, **ERRORS},
             summary="Save a view", description="`shared` needs the portfolio manager or "
             "administrator role. Saving under a name you already use replaces that view.")
def create_saved_view(request, org: str, payload: SavedViewIn):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        query = listing.clean_query(QueryDict(payload.query))
        view = do_save_view(actor=request.user, organisation=organisation,
                            name=payload.name, query=query, shared=payload.shared)
        view.owner = request.user
        return 201, _view_out(view, request.api_membership)


@router.delete("/o/{org}/saved-views/{view_id}", response={204: None, **ERRORS},
               summary="Delete a saved view")
def delete_saved_view(request, org: str, view_id: int):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        view = overview_selectors.get_saved_view(organisation, request.user, view_id)
        if not overview_selectors.can_delete(request.api_membership, view):
            raise Forbidden
        do_delete_view(actor=request.user, view=view)
        return 204, None


@router.get("/o/{org}/roadmap/", response={200: RoadmapPage, **ERRORS},
            summary="Roadmap rows", description="Initiatives by start date (undated last), "
            "with phase, dates and programme; filters as on the roadmap page.")
def get_roadmap(request, org: str, filters: Query[RoadmapQuery]):
    with api_tenant(request, org, READ_PORTFOLIO) as organisation:
        f = selectors.InitiativeFilter(phase=filters.phase or "", status=filters.status or "",
                                       unit=filters.unit, programme=filters.programme)
        phases = {p.pk: p.key for p in selectors.phases(organisation)}
        qs = roadmap_rows(organisation, f, by_programme=filters.group == "programme")
        size = max(1, min(filters.page_size, 500))
        count = qs.count()
        pages = max(1, math.ceil(count / size))
        page = max(1, min(filters.page, pages))
        results = [{"reference": r.reference, "title": r.title,
                    "phase": phases.get(r.phase_id, ""), "status": r.status,
                    "start_date": r.start_date, "end_date": r.end_date,
                    "programme_id": r.programme_id, "programme": r.programme__name,
                    "owning_unit": r.owning_unit__name}
                   for r in qs[(page - 1) * size: page * size]]
        return {"count": count, "page": page, "pages": pages, "results": results}
