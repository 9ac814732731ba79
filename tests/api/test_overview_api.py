"""The overview API: dashboard numbers (the same as the charts), saved views, roadmap rows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from gevinst.core.scoping import tenant_scope, unscoped
from gevinst.portfolio.models import Initiative, MoneyYear, Phase, Programme, SavedView
from gevinst.portfolio.selectors.dashboard import dashboard
from gevinst.portfolio.services.initiatives import do_create_initiative
from tests.conftest import person

FJORDBY = "/api/v1/o/fjordby"


@pytest.fixture
def numbers(scoped):
    org = scoped
    MoneyYear.objects.filter(organisation=org).delete()
    Initiative.objects.filter(organisation=org).update(rag="", programme=None)
    Initiative.objects.filter(organisation=org, number=1).update(rag="amber")
    one = Initiative.objects.get(organisation=org, number=1)
    MoneyYear.objects.create(organisation=org, initiative=one, year=2026, kind="budget",
                             investment=Decimal("1000.50"), internal_cost=Decimal("10"))
    idea = Phase.objects.get(organisation=org, key="idea")
    do_create_initiative(actor=None, organisation=org, title="Idé", phase=idea,
                         ambition="transform", start_date=dt.date(2025, 3, 1))
    return org


def test_dashboard_json_has_the_numbers_of_the_charts(api, numbers):
    response = api("viewer")("GET", f"{FJORDBY}/dashboard/")
    assert response.status_code == 200
    body = response.json()
    with tenant_scope(numbers):
        d = dashboard(numbers)
    assert body["initiatives"] == d.total == 3
    assert {p["key"]: p["count"] for p in body["phases"]} == {
        p["key"]: p["count"] for p in d.phases}
    assert {r["value"]: r["count"] for r in body["rag"]} == {"red": 0, "amber": 1,
                                                             "green": 0, "": 2}
    assert body["money"] == [{"year": 2026, "budget": 1010.5, "actual": 0.0,
                              "forecast": 0.0}]
    assert [(a["value"], a["count"]) for a in body["ambition"]] == [("improve", 2),
                                                                     ("transform", 1)]
    assert body["work_in_progress"] == {"count": 2, "limit": None, "over_limit": False,
                                        "phases": body["work_in_progress"]["phases"]}


def test_dashboard_of_a_foreign_programme_counts_nothing(api, numbers, other_org):
    with unscoped():
        foreign = Programme.objects.create(organisation=other_org, number=61,
                                           reference="PRG-061", name="Fremmed")
    body = api("viewer")("GET", f"{FJORDBY}/dashboard/?programme={foreign.pk}").json()
    assert body["initiatives"] == 0


def test_employee_gets_403_and_other_organisation_404(api, db):
    assert api("employee")("GET", f"{FJORDBY}/dashboard/").status_code == 403
    assert api("viewer", "asdal")("GET", f"{FJORDBY}/dashboard/").status_code == 404


def test_saved_views_create_list_delete(api, org):
    call = api("contributor")
    created = call("POST", f"{FJORDBY}/saved-views/",
                   json={"name": "Mine", "query": "rag=red&page=2&cols=title"})
    assert created.status_code == 201
    body = created.json()
    assert body["query"] == "rag=red&cols=title" and not body["is_shared"]
    names = {v["name"]: v for v in call("GET", f"{FJORDBY}/saved-views/").json()}
    assert "Mine" in names and names["Pågående"]["is_shared"]
    assert not names["Pågående"]["can_delete"] and names["Mine"]["can_delete"]
    assert call("DELETE", f"{FJORDBY}/saved-views/{names['Pågående']['id']}") \
        .status_code == 403
    assert call("DELETE", f"{FJORDBY}/saved-views/{body['id']}").status_code == 204
    with tenant_scope(org):
        assert not SavedView.objects.filter(pk=body["id"]).exists()


def test_sharing_needs_pmo_or_admin(api, org):
    refused = api("contributor")("POST", f"{FJORDBY}/saved-views/",
                                 json={"name": "Alle", "shared": True})
    assert refused.status_code == 422
    ok = api("pmo")("POST", f"{FJORDBY}/saved-views/", json={"name": "Alle", "shared": True})
    assert ok.status_code == 201 and ok.json()["is_shared"]


def test_someone_elses_private_view_is_404(api, org):
    with tenant_scope(org):
        private = SavedView.objects.create(organisation=org, owner=person("contributor"),
                                           name="Privat", query="")
    assert api("admin")("DELETE", f"{FJORDBY}/saved-views/{private.pk}").status_code == 404


def test_roadmap_rows_filtered_and_paged(api, numbers):
    call = api("viewer")
    body = call("GET", f"{FJORDBY}/roadmap/?page_size=2").json()
    assert body["count"] == 3 and body["pages"] == 2
    assert body["results"][0]["title"] == "Idé"  # earliest start first
    assert body["results"][0]["phase"] == "idea"
    body = call("GET", f"{FJORDBY}/roadmap/?phase=execution").json()
    assert {r["reference"] for r in body["results"]} == {"INI-0001", "INI-0002"}
    assert body["results"][0]["start_date"] == "2026-01-01"
