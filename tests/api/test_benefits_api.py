"""The benefits API: the register (list with filters and totals, create, read, change)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gevinst.benefits.models import Benefit
from gevinst.core.scoping import tenant_scope

F = "/api/v1/o/fjordby/benefits"
A = "/api/v1/o/asdal/benefits"


def _fields(response) -> set[str]:
    return {e["loc"][-1] for e in response.json()["detail"]}


def _benefit(org, reference="BEN-0001") -> Benefit:
    with tenant_scope(org):
        return Benefit.objects.get(organisation=org, reference=reference)


def test_every_benefits_route_is_in_the_openapi_document():
    from gevinst.api.urls import api

    paths = api.get_openapi_schema()["paths"]
    base = "/api/v1/o/{org}/benefits"
    for path in (f"{base}/", f"{base}/measurements/", f"{base}/{{benefit}}",
                 f"{base}/{{benefit}}/status", f"{base}/{{benefit}}/links/{{reference}}",
                 f"{base}/{{benefit}}/profile", f"{base}/{{benefit}}/measures/",
                 f"{base}/{{benefit}}/measures/{{measure_id}}",
                 f"{base}/{{benefit}}/measures/{{measure_id}}/plan",
                 f"{base}/{{benefit}}/measures/{{measure_id}}/measurements/",
                 f"{base}/{{benefit}}/measures/{{measure_id}}/measurements/{{period}}",
                 f"{base}/{{benefit}}/measures/{{measure_id}}/measurements/{{period}}/verify"):
        assert path in paths, path


@pytest.mark.parametrize("method, path", [
    ("get", f"{F}/"), ("get", f"{F}/BEN-0001"), ("patch", f"{F}/BEN-0001"),
    ("post", f"{F}/BEN-0001/status"), ("get", f"{F}/BEN-0001/measures/"),
    ("put", f"{F}/BEN-0001/links/INI-0001"), ("post", f"{F}/measurements/"),
])
def test_asdal_token_gets_404_on_fjordby_benefits(api, org, method, path):
    body = None if method == "get" else {}
    assert api("admin", "asdal")(method, path, body).status_code == 404


def test_another_organisations_benefit_through_own_address_is_404(api, org):
    # Åsdal has BEN-0002; Fjordby has only BEN-0001.
    call = api("admin")
    assert call("get", f"{F}/BEN-0002").status_code == 404
    assert call("get", f"{F}/BEN-0002/measures/").status_code == 404
    assert call("get", f"{A}/BEN-0001").status_code == 404


def test_one_benefit_has_its_computed_fields(api, org):
    body = api("viewer")("get", f"{F}/ben-0001").json()
    assert body["reference"] == "BEN-0001"
    # 12 minutes × 5,000 cases ÷ 60 = 1,000 hours, at 750 NOK per hour.
    assert Decimal(body["annual_hours"]) == 1000
    assert Decimal(body["annual_value"]) == 750000
    assert Decimal(body["fte"]) == Decimal("0.59")  # 1000 ÷ 1695
    assert Decimal(body["achievement"]) == Decimal("30.0")  # (190 − 100) ÷ (400 − 100)
    assert body["owner"]["email"] == "viewer@fjordby.test"
    assert body["objectives"] == ["OBJ-0001"]
    assert body["enabling_changes"] == ["Digital søknad", "Nye rutiner i tildelingen"]
    links = {link["initiative"]: link for link in body["links"]}
    assert Decimal(links["INI-0001"]["attribution"]) == 60
    assert Decimal(links["INI-0001"]["annual_value"]) == 450000
    assert Decimal(links["INI-0002"]["annual_value"]) == 300000
    assert Decimal(body["attribution_total"]) == 100
    profile = {row["year"]: row for row in body["profile"]}
    assert Decimal(profile[2027]["planned_value"]) == 750000
    assert body["npv"]["discount_rate"] == "4.00"
    assert body["measures"][0]["name"] == "Spart tid"
    assert len(body["measures"][0]["plan"]) == 4


def test_npv_discounts_the_planned_profile_to_this_year(api, org):
    from django.utils import timezone

    from gevinst.benefits import calc

    body = api("viewer")("get", f"{F}/BEN-0001").json()
    this_year = timezone.localdate().year
    expected = calc.npv({2026: Decimal("375000"), 2027: Decimal("750000")}, Decimal("4"),
                        this_year)
    assert body["npv"]["base_year"] == this_year
    assert Decimal(body["npv"]["planned"]) == expected


def test_list_counts_a_shared_benefit_once_and_leaves_withdrawn_out(api, org, people):
    call = api("pmo")
    cash = call("post", f"{F}/", {"title": "Lisenser", "cashability": "cash",
                                  "category": "cash_releasing",
                                  "valuation_method": "contract",
                                  "contract_cost_before": 300000,
                                  "contract_cost_after": 100000,
                                  "initiative": "INI-0001", "attribution": 100})
    assert cash.status_code == 201, cash.json()
    assert Decimal(cash.json()["annual_value"]) == 200000
    gone = call("post", f"{F}/", {"title": "Borte", "cashability": "cash",
                                  "valuation_method": "unit_cost", "unit_cost": 10,
                                  "units_per_year": 1000}).json()
    withdrawn = call("post", f"{F}/{gone['reference']}/status",
                     {"status": "withdrawn", "comment": "Dobbelt registrert"})
    assert withdrawn.status_code == 200, withdrawn.json()
    body = api("viewer")("get", f"{F}/").json()
    assert body["count"] == 3 and body["currency"] == "NOK"
    totals = body["totals"]
    assert Decimal(totals["non_cash"]) == 750000  # BEN-0001 once, not 60 % + 40 % twice
    assert Decimal(totals["non_cash_hours"]) == 1000
    assert Decimal(totals["cash"]) == 200000  # the withdrawn 10,000 is out
    assert totals["count"] == 2 and totals["withdrawn_count"] == 1


@pytest.mark.parametrize("query, expected", [
    ("initiative=INI-0002", ["BEN-0001"]),
    ("programme=prg-0001", ["BEN-0001"]),
    ("objective=OBJ-0001", ["BEN-0001"]),
    ("owner=viewer@fjordby.test", ["BEN-0001"]),
    ("owner=pmo@fjordby.test", []),
    ("category=capacity_freed", ["BEN-0001"]),
    ("category=cash_releasing", []),
    ("status=in_realisation", ["BEN-0001"]),
    ("q=saksbehandling", ["BEN-0001"]),
    ("q=ingenting", []),
])
def test_list_filters(api, org, query, expected):
    body = api("viewer")("get", f"{F}/?{query}").json()
    assert [row["reference"] for row in body["results"]] == expected
    assert body["totals"]["count"] == len(expected)


def test_owner_filter_takes_an_id(api, org, people):
    body = api("viewer")("get", f"{F}/?owner={people['viewer'].pk}").json()
    assert [row["reference"] for row in body["results"]] == ["BEN-0001"]


@pytest.mark.parametrize("query, field", [("programme=PRG-0099", "programme"),
                                          ("initiative=INI-0099", "initiative"),
                                          ("objective=OBJ-0099", "objective"),
                                          ("owner=nobody@fjordby.test", "owner"),
                                          ("category=nonsense", "category")])
def test_unknown_filter_values_are_422(api, org, query, field):
    response = api("viewer")("get", f"{F}/?{query}")
    assert response.status_code == 422 and field in _fields(response)


def test_list_costs_a_fixed_number_of_queries(api, org, people,
                                              django_assert_max_num_queries):
    from gevinst.benefits.services.benefits import do_create_benefit

    call = api("viewer")
    with tenant_scope(org):
        for number in range(12):
            do_create_benefit(actor=people["contributor"], organisation=org,
                              title=f"Gevinst {number}", owner=people["viewer"],
                              cashability="cash", valuation_method="unit_cost",
                              unit_cost=Decimal(100), units_per_year=Decimal(number + 1))
    # A first read of a filter computes its totals and caches them (the database cache:
    # a few queries more); the same filter again reads them.
    with django_assert_max_num_queries(15):
        body = call("get", f"{F}/?owner=viewer@fjordby.test&programme=PRG-0001&page_size=5")
    assert body.status_code == 200
    with django_assert_max_num_queries(9):
        body = call("get", f"{F}/?owner=viewer@fjordby.test&programme=PRG-0001&page_size=5")
    with django_assert_max_num_queries(15):
        body = call("get", f"{F}/?page_size=100").json()
    assert body["count"] == 13 and len(body["results"]) == 13
    assert body["results"][0]["owner"]["email"] == "viewer@fjordby.test"


def test_list_pages(api, org, people):
    from gevinst.benefits.services.benefits import do_create_benefit

    with tenant_scope(org):
        for number in range(3):
            do_create_benefit(actor=people["contributor"], organisation=org,
                              title=f"Gevinst {number}")
    body = api("viewer")("get", f"{F}/?page_size=2&page=2&sort=reference").json()
    assert (body["count"], body["page"], body["pages"]) == (4, 2, 2)
    assert [row["reference"] for row in body["results"]] == ["BEN-0003", "BEN-0004"]
    assert body["totals"]["count"] == 4  # over every page


def test_create_links_the_initiative_and_resolves_references(api, org, people):
    unit = _benefit(org).owner_unit_id
    response = api("contributor")("post", f"{F}/", {
        "title": "Færre papirbrev", "owner_email": "viewer@fjordby.test",
        "owner_unit_id": unit, "realising_unit_ids": [unit], "objectives": ["obj-0001"],
        "initiative": "INI-0002", "enabling_changes": "Digital post\nNy mal"})
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "identified"
    assert body["owner"]["id"] == people["viewer"].pk
    assert [u["id"] for u in body["realising_units"]] == [unit]
    assert body["objectives"] == ["OBJ-0001"]
    assert [(x["initiative"], Decimal(x["attribution"])) for x in body["links"]] == [
        ("INI-0002", 100)]
    assert body["enabling_changes"] == ["Digital post", "Ny mal"]


@pytest.mark.parametrize("body, field", [
    ({"title": "X", "owner_email": "viewer@asdal.test"}, "owner_email"),
    ({"title": "X", "objectives": ["OBJ-0099"]}, "objectives"),
    ({"title": "X", "realising_unit_ids": [999999]}, "realising_unit_ids"),
    ({"title": "X", "initiative": "INI-0099"}, "initiative"),
    ({"title": "X", "valuation_method": "time_saved", "minutes_per_case": 5},
     "cases_per_year"),
    ({"title": "X", "optimism_adjustment": 120}, "optimism_adjustment"),
    ({"title": "X", "category": "nonsense"}, "category"),
])
def test_invalid_benefit_is_422_on_the_field_and_nothing_is_saved(api, org, body, field):
    response = api("contributor")("post", f"{F}/", body)
    assert response.status_code == 422
    assert field in _fields(response)
    with tenant_scope(org):
        assert Benefit.objects.filter(organisation=org).count() == 1


def test_viewer_cannot_register_or_change_benefits(api, org):
    call = api("viewer")
    assert call("post", f"{F}/", {"title": "Nei"}).status_code == 403
    assert call("patch", f"{F}/BEN-0001", {"title": "Nei", "version": 1}).status_code == 403
    assert api("employee")("get", f"{F}/").status_code == 403


def test_patch_needs_the_version_and_catches_concurrent_edits(api, org):
    call = api("contributor")
    version = _benefit(org).version
    assert call("patch", f"{F}/BEN-0001", {"title": "Ny tittel"}).status_code == 428
    stale = call("patch", f"{F}/BEN-0001", {"title": "Ny tittel", "version": version - 1})
    assert stale.status_code == 409
    ok = call("patch", f"{F}/BEN-0001", {"title": "Ny tittel", "cases_per_year": 10000},
              **{"If-Match": str(version)})
    assert ok.status_code == 200, ok.json()
    body = ok.json()
    assert body["title"] == "Ny tittel" and body["version"] == version + 1
    assert Decimal(body["annual_hours"]) == 2000  # recomputed
    assert _benefit(org).owner_id is not None  # fields not sent are kept


def test_patch_may_not_remove_the_owner_of_an_approved_benefit(api, org):
    response = api("contributor")("patch", f"{F}/BEN-0001", {
        "owner_email": None, "version": _benefit(org).version})
    assert response.status_code == 422 and "owner" in _fields(response)


def test_list_filters_by_unit_and_health(api, org):
    benefit = _benefit(org)
    call = api("viewer")
    by_unit = call("get", f"{F}/?unit={benefit.owner_unit_id}").json()
    assert [row["reference"] for row in by_unit["results"]] == ["BEN-0001"]
    assert call("get", f"{F}/?unit=999999").json()["results"] == []
    by_health = call("get", f"{F}/?health={benefit.health}").json()
    assert [row["reference"] for row in by_health["results"]] == ["BEN-0001"]
    other = "on_track" if benefit.health != "on_track" else "behind"
    assert call("get", f"{F}/?health={other}").json()["results"] == []


def test_one_benefit_costs_a_fixed_number_of_queries(api, org,
                                                     django_assert_max_num_queries):
    call = api("viewer")
    call("get", f"{F}/BEN-0001")
    with django_assert_max_num_queries(10):
        assert call("get", f"{F}/BEN-0001").status_code == 200
