"""The objectives API: the tree with KPIs and what is off track, one objective with what
contributes, KPIs and their measurements; field errors (422), stale versions (409), roles
(403) and other organisations (404)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gevinst.core.scoping import tenant_scope
from gevinst.objectives.models import Kpi, KpiMeasurement, Objective

F = "/api/v1/o/fjordby"
A = "/api/v1/o/asdal"


def _fields(response) -> set[str]:
    return {e["loc"][-1] for e in response.json()["detail"]}


def test_every_objectives_route_is_in_the_openapi_document():
    from gevinst.api.urls import api

    paths = api.get_openapi_schema()["paths"]
    base = "/api/v1/o/{org}"
    for path in (f"{base}/objectives/", f"{base}/objectives/{{objective}}",
                 f"{base}/objectives/{{objective}}/kpis", f"{base}/kpis/{{kpi}}",
                 f"{base}/kpis/{{kpi}}/measurements",
                 f"{base}/kpis/{{kpi}}/measurements/{{kpi_measurement_id}}"):
        assert path in paths, path
    assert set(paths[f"{base}/objectives/"]) == {"get", "post"}
    assert set(paths[f"{base}/kpis/{{kpi}}"]) == {"get", "patch"}


def test_the_list_is_the_tree_with_kpis_contributions_and_off_track(api, org):
    body = api("viewer")("get", f"{F}/objectives/").json()
    assert body["count"] == 1 and body["currency"] == "NOK"
    [row] = body["results"]
    assert (row["reference"], row["depth"], row["parent"]) == ("OBJ-0001", 0, None)
    assert (row["initiative_count"], row["benefit_count"]) == (1, 1)
    assert Decimal(row["annual_value"]) == Decimal("750000")
    assert row["off_track"] == {"kpis_behind": 0, "kpis_not_measured": 0, "benefits": 1,
                                "initiatives": 0}
    assert row["is_off_track"] is True and row["health"] == "on_track"
    [kpi] = row["kpis"]
    assert kpi["reference"] == "KPI-0001" and Decimal(kpi["achievement"]) == Decimal("25.0")
    assert Decimal(kpi["expected"]) == Decimal("24.7") and kpi["health"] == "on_track"


def test_list_filters(api, org):
    call = api("pmo")
    call("post", f"{F}/objectives/", {"title": "Grønn drift", "parent": "OBJ-0001"})
    assert [r["reference"] for r in call("get", f"{F}/objectives/?q=grønn").json()[
        "results"]] == ["OBJ-0002"]
    assert [r["reference"] for r in call("get", f"{F}/objectives/?off_track=true").json()[
        "results"]] == ["OBJ-0001"]


def test_one_objective_with_what_contributes(api, org):
    body = api("viewer")("get", f"{F}/objectives/obj-0001").json()
    assert body["reference"] == "OBJ-0001" and body["children"] == []
    [initiative] = body["initiatives"]
    assert initiative["reference"] == "INI-0001" and initiative["phase"] == "execution"
    assert Decimal(initiative["annual_value"]) == Decimal("450000")  # 60 % of 750 000
    [benefit] = body["benefits"]
    assert benefit["reference"] == "BEN-0001" and benefit["direct"] is True
    assert benefit["through"] == ["INI-0001"]
    assert Decimal(body["totals"]["non_cash"]) == Decimal("750000")
    assert body["off_track"] == {"kpis": [], "benefits": ["BEN-0001"], "initiatives": []}


def test_portfolio_office_creates_and_changes_an_objective(api, org):
    call = api("pmo")
    created = call("post", f"{F}/objectives/", {
        "title": "Flere digitale søknader", "parent": "OBJ-0001",
        "owner_email": "viewer@fjordby.test"})
    assert created.status_code == 201
    body = created.json()
    assert (body["reference"], body["parent"], body["owner"]["email"]) == (
        "OBJ-0002", "OBJ-0001", "viewer@fjordby.test")
    changed = call("patch", f"{F}/objectives/OBJ-0002",
                   {"title": "Digitalt førstevalg", "parent": None, "version": 1})
    assert changed.status_code == 200
    assert (changed.json()["title"], changed.json()["parent"]) == ("Digitalt førstevalg", None)
    stale = call("patch", f"{F}/objectives/OBJ-0002", {"title": "Annet", "version": 1})
    assert stale.status_code == 409
    assert call("patch", f"{F}/objectives/OBJ-0002", {"title": "X"}).status_code == 428
    assert call("patch", f"{F}/objectives/OBJ-0002", {"title": "Y"},
                **{"If-Match": "2"}).status_code == 200


def test_field_errors_are_422(api, org):
    call = api("pmo")
    response = call("post", f"{F}/objectives/", {"title": "X", "parent": "OBJ-0009",
                                                 "owner_email": "outsider@elsewhere.test"})
    assert response.status_code == 422 and _fields(response) == {"parent", "owner_email"}
    response = call("post", f"{F}/objectives/OBJ-0001/kpis", {
        "name": "Ventetid", "direction": "decrease", "baseline_value": 10,
        "baseline_date": "2026-01-01", "target_value": 20, "target_date": "2025-12-31"})
    assert response.status_code == 422
    assert _fields(response) == {"target_value", "target_date"}


def test_viewers_and_contributors_cannot_write_objectives_or_kpis(api, org):
    for role in ("viewer", "contributor"):
        call = api(role)
        assert call("post", f"{F}/objectives/", {"title": "X"}).status_code == 403
        assert call("patch", f"{F}/objectives/OBJ-0001",
                    {"title": "X", "version": 1}).status_code == 403
        assert call("patch", f"{F}/kpis/KPI-0001", {"name": "X", "version": 1}
                    ).status_code == 403
        assert call("post", f"{F}/kpis/KPI-0001/measurements",
                    {"measured_on": "2026-09-30", "value": 40}).status_code == 403
    assert api("employee")("get", f"{F}/objectives/").status_code == 403


def test_kpis_are_created_read_and_changed_with_versions(api, org):
    call = api("admin")
    created = call("post", f"{F}/objectives/OBJ-0001/kpis", {
        "name": "Saksbehandlingstid", "unit": "dager", "direction": "decrease",
        "baseline_value": "30", "baseline_date": "2026-01-01", "target_value": "10",
        "target_date": "2026-12-31"})
    assert created.status_code == 201
    body = created.json()
    assert (body["reference"], body["objective"], body["health"]) == (
        "KPI-0002", "OBJ-0001", "no_data")
    assert Decimal(body["tolerance"]) == Decimal(5)
    assert [k["reference"] for k in call("get", f"{F}/objectives/OBJ-0001/kpis").json()] == [
        "KPI-0001", "KPI-0002"]
    changed = call("patch", f"{F}/kpis/KPI-0002", {"target_value": "12", "version": 1})
    assert changed.status_code == 200 and Decimal(changed.json()["target_value"]) == 12
    assert call("patch", f"{F}/kpis/KPI-0002", {"name": "X", "version": 1}).status_code == 409
    assert call("get", f"{F}/kpis/KPI-0002").json()["version"] == 2


def test_measurements_new_day_201_correction_needs_the_version(api, org):
    call = api("pmo")
    new = call("post", f"{F}/kpis/KPI-0001/measurements",
               {"measured_on": "2026-09-30", "value": "50", "comment": "Tertial 2"})
    assert new.status_code == 201
    body = new.json()
    # 20 → 80 over 729 days; 30 September is day 272: 37,3 % expected, 50 % achieved.
    assert Decimal(body["achievement"]) == Decimal("50.0")
    assert Decimal(body["expected"]) == Decimal("37.3") and body["health"] == "on_track"
    again = {"measured_on": "2026-09-30", "value": "51"}
    assert call("post", f"{F}/kpis/KPI-0001/measurements", again).status_code == 428
    assert call("post", f"{F}/kpis/KPI-0001/measurements",
                {**again, "version": 9}).status_code == 409
    fixed = call("post", f"{F}/kpis/KPI-0001/measurements", {**again, "version": 1})
    assert fixed.status_code == 200 and Decimal(fixed.json()["value"]) == 51
    listed = call("get", f"{F}/kpis/KPI-0001/measurements").json()
    assert [m["measured_on"] for m in listed] == ["2026-06-30", "2026-09-30"]


def test_measurements_are_corrected_and_deleted(api, org):
    with tenant_scope(org):
        pk = KpiMeasurement.objects.get(organisation=org, kpi__reference="KPI-0001").pk
    call = api("pmo")
    url = f"{F}/kpis/KPI-0001/measurements/{pk}"
    assert call("patch", url, {"value": "36"}).status_code == 428
    patched = call("patch", url, {"value": "36", "version": 1})
    assert patched.status_code == 200 and patched.json()["version"] == 2
    assert call("delete", url, **{"If-Match": "1"}).status_code == 409
    assert call("delete", url, **{"If-Match": "2"}).status_code == 204
    assert call("get", f"{F}/kpis/KPI-0001/measurements").json() == []


def test_the_objectives_owner_records_with_a_viewers_role(api, org):
    with tenant_scope(org):
        from tests.conftest import person

        Objective.objects.filter(organisation=org, number=1).update(owner=person("viewer"))
    response = api("viewer")("post", f"{F}/kpis/KPI-0001/measurements",
                             {"measured_on": "2026-10-31", "value": 44})
    assert response.status_code == 201
    assert response.json()["recorded_by"]["email"] == "viewer@fjordby.test"


def test_a_future_day_is_a_field_error(api, org):
    response = api("pmo")("post", f"{F}/kpis/KPI-0001/measurements",
                          {"measured_on": "2999-01-01", "value": 1})
    assert response.status_code == 422 and _fields(response) == {"measured_on"}


@pytest.mark.parametrize("method, path", [
    ("get", f"{F}/objectives/"), ("post", f"{F}/objectives/"),
    ("get", f"{F}/objectives/OBJ-0001"), ("patch", f"{F}/objectives/OBJ-0001"),
    ("get", f"{F}/objectives/OBJ-0001/kpis"), ("post", f"{F}/objectives/OBJ-0001/kpis"),
    ("get", f"{F}/kpis/KPI-0001"), ("patch", f"{F}/kpis/KPI-0001"),
    ("get", f"{F}/kpis/KPI-0001/measurements"), ("post", f"{F}/kpis/KPI-0001/measurements"),
])
def test_asdal_token_gets_404_on_fjordby_objectives(api, org, method, path):
    body = None if method == "get" else {}
    assert api("admin", "asdal")(method, path, body).status_code == 404


def test_another_organisations_objective_through_own_address_is_404(api, org, other_org):
    # Åsdal has OBJ-0002 and KPI-0002; Fjordby has only OBJ-0001 and KPI-0001.
    call = api("admin")
    assert call("get", f"{F}/objectives/OBJ-0002").status_code == 404
    assert call("get", f"{F}/objectives/OBJ-0002/kpis").status_code == 404
    assert call("get", f"{F}/kpis/KPI-0002").status_code == 404
    with tenant_scope(other_org):
        foreign = KpiMeasurement.objects.filter(organisation=other_org).first().pk
    assert call("patch", f"{F}/kpis/KPI-0001/measurements/{foreign}",
                {"value": 1, "version": 1}).status_code == 404
    assert call("get", f"{A}/objectives/").status_code == 404


def test_list_costs_a_fixed_number_of_queries(api, org, django_assert_max_num_queries):
    from gevinst.objectives.services import do_create_kpi, do_create_objective
    from tests.conftest import person

    call = api("viewer")
    call("get", f"{F}/objectives/")
    with tenant_scope(org):
        for i in range(5):
            objective = do_create_objective(actor=person("pmo"), organisation=org,
                                            title=f"Mål {i}")
            do_create_kpi(actor=person("pmo"), objective=objective, name="K",
                          baseline_value=Decimal(0), baseline_date="2026-01-01",
                          target_value=Decimal(1), target_date="2026-12-31")
    with django_assert_max_num_queries(9):
        assert call("get", f"{F}/objectives/").json()["count"] == 6


def test_initiatives_carry_their_objectives(api, org):
    call = api("contributor")
    assert call("get", f"{F}/initiatives/INI-0001").json()["objectives"] == ["OBJ-0001"]
    listed = {r["reference"]: r["objectives"]
              for r in call("get", f"{F}/initiatives/").json()["results"]}
    assert listed == {"INI-0001": ["OBJ-0001"], "INI-0002": []}
    changed = call("patch", f"{F}/initiatives/INI-0002",
                   {"objectives": ["obj-0001"], "version": 1})
    assert changed.status_code == 200 and changed.json()["objectives"] == ["OBJ-0001"]
    wrong = call("patch", f"{F}/initiatives/INI-0002",
                 {"objectives": ["OBJ-0002"], "version": 2})
    assert wrong.status_code == 422 and _fields(wrong) == {"objectives"}
    with tenant_scope(org):
        assert Kpi.objects.filter(organisation=org).count() == 1
