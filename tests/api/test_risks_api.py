"""The risks API: the register (list with filters and pages, create, read, change with a
version), field errors, roles, and other organisations (404)."""

from __future__ import annotations

import pytest

from gevinst.core.scoping import tenant_scope
from gevinst.risks.models import Risk

pytestmark = pytest.mark.django_db

F = "/api/v1/o/fjordby/risks"
A = "/api/v1/o/asdal/risks"


def _fields(response) -> set[str]:
    return {e["loc"][-1] for e in response.json()["detail"]}


def _risk(org, reference="RSK-0001") -> Risk:
    with tenant_scope(org):
        return Risk.objects.get(organisation=org, reference=reference)


def test_every_risks_route_is_in_the_openapi_document():
    from gevinst.api.urls import api

    paths = api.get_openapi_schema()["paths"]
    base = "/api/v1/o/{org}/risks"
    for path in (f"{base}/", f"{base}/heatmap", f"{base}/{{risk}}/",
                 f"{base}/{{risk}}/accept", f"{base}/{{risk}}/escalate",
                 f"{base}/{{risk}}/review", f"{base}/{{risk}}/close",
                 f"{base}/{{risk}}/reopen", f"{base}/{{risk}}/actions/",
                 f"{base}/{{risk}}/actions/{{action_id}}", "/api/v1/o/{org}/risk-appetite",
                 "/api/v1/o/{org}/initiatives/{reference}/risk-suggestion",
                 "/api/v1/o/{org}/import/risks/"):
        assert path in paths, path
    assert set(paths[f"{base}/"]) == {"get", "post"}
    assert set(paths[f"{base}/{{risk}}/"]) == {"get", "patch"}
    assert set(paths["/api/v1/o/{org}/risk-appetite"]) == {"get", "put"}


@pytest.mark.parametrize("method, path", [
    ("get", f"{F}/"), ("post", f"{F}/"), ("get", f"{F}/RSK-0001/"),
    ("patch", f"{F}/RSK-0001/"), ("post", f"{F}/RSK-0001/accept"),
    ("post", f"{F}/RSK-0001/close"), ("get", f"{F}/RSK-0001/actions/"),
    ("get", f"{F}/heatmap"), ("put", "/api/v1/o/fjordby/risk-appetite"),
])
def test_asdal_token_gets_404_on_fjordby_risks(api, org, method, path):
    body = None if method == "get" else {}
    assert api("admin", "asdal")(method, path, body).status_code == 404


def test_another_organisations_risk_through_own_address_is_404(api, org):
    # Åsdal has RSK-0003; Fjordby has only RSK-0001..0002.
    call = api("admin")
    assert call("get", f"{F}/RSK-0003/").status_code == 404
    assert call("get", f"{F}/RSK-0003/actions/").status_code == 404
    assert call("post", f"{F}/RSK-0003/close", {"status": "closed"}).status_code == 404
    assert call("get", f"{A}/RSK-0001/").status_code == 404


def test_one_risk_has_its_computed_fields_and_actions(api, org):
    body = api("viewer")("get", f"{F}/rsk-0001/").json()
    assert body["reference"] == "RSK-0001"
    assert (body["initiative"], body["programme"], body["level"]) == (
        "INI-0001", "PRG-0001", "initiative")
    assert (body["score"], body["residual_score"], body["band"]) == (16, 9, "medium")
    assert (body["appetite"], body["above_appetite"], body["needs_decision"]) == (
        12, False, False)
    assert body["owner"]["email"] == "contributor@fjordby.test"
    (action,) = body["actions"]
    assert (action["description"], action["status"], action["due_date"]) == (
        "Forhandle exit-klausul og dataeksport", "planned", "2026-11-01")
    big = api("viewer")("get", f"{F}/RSK-0002/").json()
    assert (big["above_appetite"], big["needs_decision"], big["is_accepted"]) == (
        True, True, False)


def test_the_list_filters_sorts_and_pages(api, org):
    call = api("viewer")
    everything = call("get", f"{F}/?sort=reference").json()
    assert everything["count"] == 2
    assert [r["reference"] for r in everything["results"]] == ["RSK-0001", "RSK-0002"]
    assert everything["results"][0]["version"] == 1
    decision = call("get", f"{F}/?appetite=needs_decision").json()
    assert [r["reference"] for r in decision["results"]] == ["RSK-0002"]
    assert decision["results"][0]["needs_decision"] is True
    mine = call("get", f"{F}/?owner=contributor@fjordby.test").json()
    assert [r["reference"] for r in mine["results"]] == ["RSK-0001"]
    by_initiative = call("get", f"{F}/?initiative=INI-0001").json()
    assert [r["reference"] for r in by_initiative["results"]] == ["RSK-0001"]
    by_level = call("get", f"{F}/?level=organisation").json()
    assert [r["reference"] for r in by_level["results"]] == ["RSK-0002"]
    paged = call("get", f"{F}/?sort=-reference&page_size=1&page=2").json()
    assert (paged["count"], paged["pages"], paged["page"]) == (2, 2, 2)
    assert [r["reference"] for r in paged["results"]] == ["RSK-0001"]


def test_unknown_filter_references_are_field_errors(api, org):
    response = api("viewer")("get", f"{F}/?initiative=INI-0003&owner=pmo@asdal.test"
                                    "&programme=PRG-0002")
    assert response.status_code == 422
    assert _fields(response) == {"initiative", "owner", "programme"}


def test_the_list_costs_a_fixed_number_of_queries(api, org, django_assert_max_num_queries):
    from gevinst.risks.services import do_create_risk
    from tests.conftest import person

    call = api("viewer")
    with django_assert_max_num_queries(10) as few:
        call("get", f"{F}/")
    with tenant_scope(org):
        for n in range(20):
            do_create_risk(actor=person("pmo"), organisation=org, data={
                "title": f"Risiko {n}", "probability": 2, "impact": 3,
                "owner": person("viewer")})
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = call("get", f"{F}/").json()
    assert body["count"] == 22


def test_a_contributor_registers_a_risk_with_its_level_and_scores(api, org):
    response = api("contributor")("post", f"{F}/", {
        "title": "Personvernkonsekvens ikke vurdert", "category": "security",
        "initiative": "ini-0001", "owner_email": "VIEWER@fjordby.test",
        "probability": 4, "impact": 4, "residual_probability": 2, "residual_impact": 3,
        "next_review": "2027-02-01", "cause": "DPIA mangler"})
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["reference"].startswith("RSK-")
    assert (body["level"], body["programme"], body["strategy"]) == (
        "initiative", "PRG-0001", "reduce")
    assert (body["score"], body["residual_score"], body["above_appetite"]) == (16, 6, False)
    assert body["owner"]["email"] == "viewer@fjordby.test"
    made = _risk(org, body["reference"])
    assert made.cause == "DPIA mangler"
    assert made.history.get().history_user.email == "contributor@fjordby.test"


def test_an_opportunity_gets_an_opportunitys_strategy(api, org):
    body = api("contributor")("post", f"{F}/", {
        "kind": "opportunity", "title": "Felles innkjøp", "probability": 3,
        "impact": 5}).json()
    assert (body["kind"], body["strategy"], body["level"], body["appetite"]) == (
        "opportunity", "exploit", "organisation", None)


@pytest.mark.parametrize("payload, fields", [
    ({"title": "X", "probability": 6, "impact": 3}, {"probability"}),
    ({"title": "X", "probability": 3, "impact": 3, "residual_probability": 2},
     {"residual_impact"}),
    ({"title": "X", "probability": 3, "impact": 3, "strategy": "exploit"}, {"strategy"}),
    ({"title": "X", "probability": 5, "impact": 5, "strategy": "accept"}, {"strategy"}),
    ({"title": "X", "probability": 3, "impact": 3, "initiative": "INI-0003",
      "owner_email": "pmo@asdal.test", "programme": "PRG-9999"},
     {"initiative", "owner_email", "programme"}),
    ({"title": "", "probability": 3, "impact": 3}, {"title"}),
    ({"title": "X", "probability": 3, "impact": 3, "category": "weather"}, {"category"}),
])
def test_invalid_risks_are_refused_field_by_field(api, org, payload, fields):
    response = api("contributor")("post", f"{F}/", payload)
    assert response.status_code == 422, response.json()
    assert _fields(response) == fields
    with tenant_scope(org):
        assert Risk.objects.filter(organisation=org).count() == 2


def test_viewers_and_employees_may_not_register_risks(api, org):
    payload = {"title": "X", "probability": 2, "impact": 2}
    assert api("viewer")("post", f"{F}/", payload).status_code == 403
    assert api("employee")("post", f"{F}/", payload).status_code == 403
    assert api("employee")("get", f"{F}/").status_code == 403


def test_patch_needs_the_version_and_refuses_a_stale_one(api, org):
    call = api("contributor")
    assert call("patch", f"{F}/RSK-0001/", {"title": "Ny"}).status_code == 428
    response = call("patch", f"{F}/RSK-0001/", {"version": 1, "title": "Ny tittel",
                                                 "residual_probability": 4})
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["title"], body["residual_score"], body["version"]) == ("Ny tittel", 12, 2)
    stale = call("patch", f"{F}/RSK-0001/", {"version": 1, "title": "Gammel"})
    assert stale.status_code == 409
    assert _risk(org).title == "Ny tittel"
    by_header = call("patch", f"{F}/RSK-0001/", {"impact": 5}, **{"If-Match": '"2"'})
    assert by_header.status_code == 200 and by_header.json()["score"] == 20


def test_patch_null_leaves_required_fields_and_clears_optional_ones(api, org):
    response = api("contributor")("patch", f"{F}/RSK-0001/", {
        "version": 1, "title": None, "probability": None, "residual_probability": None,
        "residual_impact": None, "owner_email": None})
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["title"], body["probability"]) == ("Innlåsing hos leverandør", 4)
    assert (body["residual_probability"], body["residual_score"], body["owner"]) == (
        None, 16, None)


def test_a_risk_owner_who_is_a_viewer_may_edit_their_risk_but_not_others(api, org):
    created = api("pmo")("post", f"{F}/", {"title": "Min risiko", "probability": 2,
                                            "impact": 2, "owner_email": "viewer@fjordby.test"})
    reference = created.json()["reference"]
    viewer = api("viewer")
    assert viewer("patch", f"{F}/{reference}/", {"version": 1, "impact": 3}).status_code == 200
    assert viewer("patch", f"{F}/RSK-0001/", {"version": 1, "impact": 3}).status_code == 403
    assert _risk(org).impact == 4
