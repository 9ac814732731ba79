"""The registers API: money per year, programmes, log and lessons, dependencies."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gevinst.core.scoping import tenant_scope
from gevinst.portfolio.models import Dependency, LogEntry, MoneyYear, Programme

F = "/api/v1/o/fjordby"
INI = f"{F}/initiatives/INI-0001"


def _money(org, year=2026, kind="budget", ref="INI-0001"):
    with tenant_scope(org):
        return MoneyYear.objects.filter(organisation=org, initiative__reference=ref, year=year,
                                        kind=kind).first()


def _fields(response) -> set[str]:
    return {e["loc"][-1] for e in response.json()["detail"]}


def test_every_registers_route_is_in_the_openapi_document():
    from gevinst.api.urls import api

    paths = api.get_openapi_schema()["paths"]
    for path in ("/api/v1/o/{org}/initiatives/{reference}/money/",
                 "/api/v1/o/{org}/initiatives/{reference}/money/{year}/{kind}",
                 "/api/v1/o/{org}/money/", "/api/v1/o/{org}/programmes/",
                 "/api/v1/o/{org}/programmes/{programme}",
                 "/api/v1/o/{org}/initiatives/{reference}/log/",
                 "/api/v1/o/{org}/initiatives/{reference}/log/{entry_id}",
                 "/api/v1/o/{org}/lessons/",
                 "/api/v1/o/{org}/initiatives/{reference}/dependencies/",
                 "/api/v1/o/{org}/initiatives/{reference}/dependencies/{dependency_id}"):
        assert path in paths, path


@pytest.mark.parametrize("path", [f"{INI}/money/", f"{F}/money/", f"{F}/programmes/",
                                  f"{INI}/log/", f"{F}/lessons/", f"{INI}/dependencies/"])
def test_another_organisations_token_gets_404(api, org, path):
    assert api("admin", "asdal")("get", path).status_code == 404


# --- money --------------------------------------------------------------------------------


def test_money_rows_of_an_initiative(api, org):
    rows = api("viewer")("get", f"{INI}/money/").json()
    budget = next(r for r in rows if r["kind"] == "budget")
    assert budget["year"] == 2026
    assert Decimal(budget["total_cost"]) == Decimal("1500000")


def test_put_creates_a_row_then_needs_the_version(api, org):
    call = api("contributor")
    created = call("put", f"{INI}/money/2027/forecast", {"investment": 300000,
                                                         "internal_hours": 10})
    assert created.status_code == 201
    assert Decimal(created.json()["internal_cost"]) == Decimal("7500")  # 10 h × 750
    again = call("put", f"{INI}/money/2027/forecast", {"investment": 1})
    assert again.status_code == 428
    stale = call("put", f"{INI}/money/2027/forecast", {"investment": 1, "version": 7})
    assert stale.status_code == 409
    ok = call("put", f"{INI}/money/2027/forecast", {"investment": 2, "version": 1})
    assert ok.status_code == 200 and ok.json()["version"] == 2
    assert _money(org, 2027, "forecast").investment == 2


def test_patch_changes_only_the_amounts_sent(api, org):
    row = _money(org)
    response = api("contributor")("patch", f"{INI}/money/2026/budget",
                                  {"external_purchases": 250000, "version": row.version})
    assert response.status_code == 200
    saved = _money(org)
    assert saved.external_purchases == 250000 and saved.investment == row.investment


def test_patch_of_a_missing_year_is_404(api, org):
    response = api("contributor")("patch", f"{INI}/money/2031/budget", {"version": 1})
    assert response.status_code == 404


@pytest.mark.parametrize("body, field", [({"internal_hours": -1}, "internal_hours"),
                                         ({"investment": -5}, "investment")])
def test_invalid_money_is_422_on_the_field(api, org, body, field):
    response = api("contributor")("put", f"{INI}/money/2028/budget", body)
    assert response.status_code == 422
    assert field in _fields(response)
    assert _money(org, 2028) is None


def test_year_out_of_range_is_422(api, org):
    response = api("contributor")("put", f"{INI}/money/1900/budget", {})
    assert response.status_code == 422 and "year" in _fields(response)


def test_viewer_cannot_write_money(api, org):
    assert api("viewer")("put", f"{INI}/money/2027/budget", {}).status_code == 403


def test_portfolio_money_summary(api, org):
    body = api("viewer")("get", f"{F}/money/").json()
    assert body["currency"] == "NOK"
    actual = next(r for r in body["rows"] if r["kind"] == "actual")
    assert Decimal(actual["total_cost"]) == Decimal("562500")


# --- programmes ---------------------------------------------------------------------------


def test_programmes_list_and_read_with_their_initiatives(api, org):
    call = api("viewer")
    listed = call("get", f"{F}/programmes/").json()
    assert [p["reference"] for p in listed] == ["PRG-0001"]
    one = call("get", f"{F}/programmes/prg-0001").json()
    assert one["initiatives"] == ["INI-0001"]
    assert call("get", f"{F}/programmes/PRG-0099").status_code == 404


def test_pmo_creates_and_patches_a_programme(api, org):
    call = api("pmo")
    created = call("post", f"{F}/programmes/", {"name": "Smart by",
                                                 "owner_email": "pmo@fjordby.test"})
    assert created.status_code == 201
    body = created.json()
    assert body["reference"] == "PRG-0002" and body["owner"]["email"] == "pmo@fjordby.test"
    patched = call("patch", f"{F}/programmes/PRG-0002", {"is_active": False,
                                                         "version": body["version"]})
    assert patched.status_code == 200 and patched.json()["is_active"] is False
    assert call("patch", f"{F}/programmes/PRG-0002", {"name": "X"}).status_code == 428


def test_contributor_cannot_create_programmes(api, org):
    assert api("contributor")("post", f"{F}/programmes/", {"name": "Nei"}).status_code == 403
    with tenant_scope(org):
        assert Programme.objects.filter(organisation=org).count() == 1


def test_programme_owner_must_work_in_the_organisation(api, org):
    response = api("pmo")("post", f"{F}/programmes/", {"name": "Ny",
                                                        "owner_email": "pmo@asdal.test"})
    assert response.status_code == 422 and "owner_email" in _fields(response)


# --- log ----------------------------------------------------------------------------------


def test_log_create_list_and_close(api, org):
    call = api("contributor")
    created = call("post", f"{INI}/log/", {"kind": "issue", "title": "Treg leverandør",
                                           "occurred_on": "2026-05-05"})
    assert created.status_code == 201
    entry = created.json()
    assert entry["status"] == "open" and entry["initiative"] == "INI-0001"
    titles = [e["title"] for e in call("get", f"{INI}/log/").json()]
    assert "Treg leverandør" in titles and "Valgte skyløsning" in titles
    closed = call("patch", f"{INI}/log/{entry['id']}", {"status": "closed",
                                                        "version": entry["version"]})
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    stale = call("patch", f"{INI}/log/{entry['id']}", {"title": "Y",
                                                       "version": entry["version"]})
    assert stale.status_code == 409


def test_closing_a_lesson_is_422(api, org):
    with tenant_scope(org):
        lesson = LogEntry.objects.get(organisation=org, kind="lesson")
    response = api("contributor")("patch", f"{INI}/log/{lesson.pk}",
                                  {"status": "closed", "version": lesson.version})
    assert response.status_code == 422


def test_lesson_search(api, org):
    body = api("viewer")("get", f"{F}/lessons/?q=Tillitsvalgte").json()
    assert body["count"] == 1
    assert body["results"][0]["title"] == "Involver tillitsvalgte tidlig"
    assert api("viewer")("get", f"{F}/lessons/?q=ingenting").json()["count"] == 0


# --- dependencies -------------------------------------------------------------------------


def test_dependencies_both_ways(api, org):
    call = api("viewer")
    one = call("get", f"{INI}/dependencies/").json()
    assert one["needs"] == [] and one["needed_by"][0]["initiative"] == "INI-0002"
    two = call("get", f"{F}/initiatives/INI-0002/dependencies/").json()
    assert two["needs"][0]["depends_on"] == "INI-0001"
    assert two["needs"][0]["warning"] == ""


def test_dependency_cycle_is_422_and_delete_works(api, org):
    call = api("contributor")
    cycle = call("post", f"{INI}/dependencies/", {"depends_on": "INI-0002"})
    assert cycle.status_code == 422 and "depends_on" in _fields(cycle)
    unknown = call("post", f"{INI}/dependencies/", {"depends_on": "INI-0003"})
    assert unknown.status_code == 422  # Åsdal's INI-0003 is not Fjordby's
    with tenant_scope(org):
        dep = Dependency.objects.get(organisation=org)
    assert call("delete", f"{INI}/dependencies/{dep.pk}").status_code == 404  # not INI-0001's
    assert call("delete", f"{F}/initiatives/INI-0002/dependencies/{dep.pk}").status_code == 204
    with tenant_scope(org):
        assert not Dependency.objects.filter(organisation=org).exists()


def test_new_dependency_reports_its_warning(api, org):
    import datetime as dt

    from gevinst.portfolio.models import Phase
    from gevinst.portfolio.services.initiatives import do_create_initiative
    from tests.conftest import person

    with tenant_scope(org):
        do_create_initiative(actor=person("pmo"), organisation=org, title="Plattform",
                             phase=Phase.objects.get(organisation=org, key="planning"),
                             end_date=dt.date(2027, 6, 30))
    response = api("contributor")("post", f"{INI}/dependencies/",
                                  {"depends_on": "ini-0003", "needed_by": "2027-03-01"})
    assert response.status_code == 201
    body = response.json()
    assert body["depends_on"] == "INI-0003" and body["warning"] == "late"
    assert body["needed_by_given"] is True
