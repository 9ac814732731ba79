"""The benefits API: measures, planned trajectory and measurements (one by one and in bulk)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from gevinst.benefits.models import Measure, Measurement
from gevinst.core.scoping import tenant_scope

F = "/api/v1/o/fjordby/benefits"


@pytest.fixture
def measure(org) -> Measure:
    """BEN-0001's quarterly measure (Q1 2026 measured: 190)."""
    with tenant_scope(org):
        return Measure.objects.get(organisation=org, benefit__reference="BEN-0001")


def _measurement(org, measure, period) -> Measurement | None:
    with tenant_scope(org):
        return Measurement.objects.filter(organisation=org, measure=measure,
                                          period=period).first()


def _url(measure, tail=""):
    return f"{F}/BEN-0001/measures/{measure.pk}{tail}"


# --- measures -----------------------------------------------------------------------------


def test_measures_are_listed_with_their_plan(api, org, measure):
    rows = api("viewer")("get", f"{F}/BEN-0001/measures/").json()
    assert [row["id"] for row in rows] == [measure.pk]
    assert [p["period"] for p in rows[0]["plan"]][:2] == ["2026-01-01", "2026-04-01"]


def test_measure_patch_needs_the_version(api, org, measure):
    call = api("contributor")
    assert call("patch", _url(measure), {"tolerance": 5}).status_code == 428
    assert call("patch", _url(measure), {"tolerance": 5, "version": 9}).status_code == 409
    ok = call("patch", _url(measure), {"tolerance": 5, "version": measure.version})
    assert ok.status_code == 200 and Decimal(ok.json()["tolerance"]) == 5


def test_measure_with_target_on_the_wrong_side_is_422(api, org):
    response = api("contributor")("post", f"{F}/BEN-0001/measures/", {
        "name": "Ventetid", "unit": "dager", "direction": "decrease",
        "baseline_value": 10, "baseline_date": "2026-01-01", "target_value": 20})
    assert response.status_code == 422
    assert {e["loc"][-1] for e in response.json()["detail"]} == {"target_value"}


def test_a_measure_with_measurements_is_kept(api, org, measure):
    response = api("contributor")("delete", _url(measure))
    assert response.status_code == 422
    with tenant_scope(org):
        assert Measure.objects.filter(organisation=org, pk=measure.pk).exists()


def test_a_new_measure_can_be_removed(api, org):
    call = api("contributor")
    created = call("post", f"{F}/BEN-0001/measures/", {"name": "Klager", "unit": "antall"})
    assert created.status_code == 201
    assert call("delete", f"{F}/BEN-0001/measures/{created.json()['id']}").status_code == 204


def test_plan_is_replaced(api, org, measure):
    response = api("contributor")("put", _url(measure, "/plan"),
                                  {"2026-01-01": 150, "2026-07-01": 300})
    assert response.status_code == 200, response.json()
    assert [(p["period"], Decimal(p["value"])) for p in response.json()["plan"]] == [
        ("2026-01-01", 150), ("2026-07-01", 300)]


def test_plan_period_must_start_a_period(api, org, measure):
    response = api("contributor")("put", _url(measure, "/plan"), {"2026-02-01": 150})
    assert response.status_code == 422
    assert "first day" in response.json()["detail"][0]["msg"]


# --- measurements -------------------------------------------------------------------------


def test_measurement_put_then_correction_with_version(api, org, measure):
    call = api("contributor")
    url = _url(measure, "/measurements/2026-04-01")
    created = call("put", url, {"actual": 240, "comment": "Fra fagsystemet"})
    assert created.status_code == 201, created.json()
    assert created.json()["version"] == 1
    assert Decimal(created.json()["achievement"]) == Decimal("46.7")  # 140 ÷ 300
    assert call("put", url, {"actual": 250}).status_code == 428
    corrected = call("put", url, {"actual": 250, "version": 1})
    assert corrected.status_code == 200, corrected.json()
    assert corrected.json()["version"] == 2
    stale = call("put", url, {"actual": 260, "version": 1})
    assert stale.status_code == 409
    assert _measurement(org, measure, dt.date(2026, 4, 1)).actual == 250


def test_measurement_period_must_start_a_quarter(api, org, measure):
    response = api("contributor")("put", _url(measure, "/measurements/2026-05-01"),
                                  {"actual": 240})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "period"]
    assert _measurement(org, measure, dt.date(2026, 5, 1)) is None


def test_measurements_are_listed(api, org, measure):
    rows = api("viewer")("get", _url(measure, "/measurements/")).json()
    assert [(r["period"], Decimal(r["actual"])) for r in rows] == [("2026-01-01", 190)]
    assert rows[0]["recorded_by"]["email"] == "contributor@fjordby.test"


def test_owner_records_measurements_even_as_viewer(api, org, measure):
    response = api("viewer")("put", _url(measure, "/measurements/2026-04-01"), {"actual": 240})
    assert response.status_code == 201, response.json()
    assert response.json()["recorded_by"]["email"] == "viewer@fjordby.test"


def test_another_viewer_may_not_record_or_verify(api, org, measure):
    from gevinst.core.models import Membership, Role, User
    from gevinst.core.services import do_create_api_token

    with tenant_scope(org):
        other = User.objects.create_user(email="viewer2@fjordby.test", password="x")
        Membership.objects.create(organisation=org, user=other, role=Role.VIEWER)
        token = do_create_api_token(user=other, organisation=org, name="test")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    from django.test import Client

    client = Client()
    put = client.put(_url(measure, "/measurements/2026-04-01"), data='{"actual": 240}',
                     content_type="application/json", **headers)
    assert put.status_code == 403
    verify = client.post(_url(measure, "/measurements/2026-01-01/verify"), **headers)
    assert verify.status_code == 403
    assert client.get(_url(measure, "/measurements/"), **headers).status_code == 200
    assert _measurement(org, measure, dt.date(2026, 4, 1)) is None


def test_owner_verifies_but_not_the_recorder(api, org, measure):
    url = _url(measure, "/measurements/2026-01-01/verify")
    assert api("contributor")("post", url).status_code == 403  # PMO or owner only
    verified = api("viewer")("post", url)  # the contributor recorded Q1
    assert verified.status_code == 200, verified.json()
    assert verified.json()["verified_by"]["email"] == "viewer@fjordby.test"
    assert api("viewer")("post", _url(measure, "/measurements/2026-04-01/verify")
                         ).status_code == 404
    # The owner records Q2 and may not verify it; the portfolio office may.
    api("viewer")("put", _url(measure, "/measurements/2026-04-01"), {"actual": 240})
    own = api("viewer")("post", _url(measure, "/measurements/2026-04-01/verify"))
    assert own.status_code == 422
    assert api("pmo")("post", _url(measure, "/measurements/2026-04-01/verify")
                      ).status_code == 200


def test_a_correction_loses_its_verification(api, org, measure):
    api("viewer")("post", _url(measure, "/measurements/2026-01-01/verify"))
    corrected = api("contributor")("put", _url(measure, "/measurements/2026-01-01"),
                                   {"actual": 200, "version": 1})
    assert corrected.status_code == 200, corrected.json()
    assert corrected.json()["verified_by"] is None


# --- bulk ---------------------------------------------------------------------------------


def test_bulk_records_every_row(api, org, measure):
    response = api("contributor")("post", f"{F}/measurements/", [
        {"benefit": "BEN-0001", "measure_id": measure.pk, "period": "2026-04-01",
         "actual": 240},
        {"benefit": "ben-0001", "measure_id": measure.pk, "period": "2026-01-01",
         "actual": 195, "comment": "Korrigert", "version": 1},
    ])
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["count"] == 2
    assert [(r["period"], Decimal(r["actual"])) for r in body["results"]] == [
        ("2026-01-01", 195), ("2026-04-01", 240)]


def test_bulk_is_all_or_nothing_with_errors_by_row(api, org, measure):
    response = api("contributor")("post", f"{F}/measurements/", [
        {"benefit": "BEN-0001", "measure_id": measure.pk, "period": "2026-04-01",
         "actual": 240},
        {"benefit": "BEN-0001", "measure_id": measure.pk, "period": "2026-08-01",
         "actual": 300},
        {"benefit": "BEN-0001", "measure_id": measure.pk, "period": "2026-01-01",
         "actual": 200},
        {"benefit": "BEN-0002", "measure_id": measure.pk, "period": "2026-07-01",
         "actual": 1},
        {"benefit": "BEN-0001", "measure_id": measure.pk, "period": "2026-10-01",
         "actual": 350},
    ])
    assert response.status_code == 422
    errors = {(e["loc"][2], e["loc"][3]) for e in response.json()["detail"]}
    assert errors == {(1, "period"), (2, "version"), (3, "benefit")}
    assert all(e["loc"][:2] == ["body", "payload"] for e in response.json()["detail"])
    # Nothing saved: not even the good rows 0 and 4; Q1 keeps its figure.
    assert _measurement(org, measure, dt.date(2026, 4, 1)) is None
    assert _measurement(org, measure, dt.date(2026, 10, 1)) is None
    assert _measurement(org, measure, dt.date(2026, 1, 1)).actual == 190


def test_bulk_with_a_stale_version_is_reported_on_its_row(api, org, measure):
    response = api("contributor")("post", f"{F}/measurements/", [
        {"benefit": "BEN-0001", "measure_id": measure.pk, "period": "2026-04-01",
         "actual": 240},
        {"benefit": "BEN-0001", "measure_id": measure.pk, "period": "2026-01-01",
         "actual": 200, "version": 7},
    ])
    assert response.status_code == 422
    assert [e["loc"][2] for e in response.json()["detail"]] == [1]
    assert _measurement(org, measure, dt.date(2026, 4, 1)) is None


def test_bulk_by_a_viewer_who_owns_the_benefit(api, org, measure):
    response = api("viewer")("post", f"{F}/measurements/", [
        {"benefit": "BEN-0001", "measure_id": measure.pk, "period": "2026-04-01",
         "actual": 240}])
    assert response.status_code == 200, response.json()


def test_bulk_rows_the_role_does_not_allow_are_403(api, org, measure):
    # A viewer who is not the owner may not record: give BEN-0001 to the PMO.
    from gevinst.benefits.models import Benefit
    from gevinst.core.models import User

    with tenant_scope(org):
        Benefit.objects.filter(organisation=org, reference="BEN-0001").update(
            owner=User.objects.get(email="pmo@fjordby.test"))
    response = api("viewer")("post", f"{F}/measurements/", [
        {"benefit": "BEN-0001", "measure_id": measure.pk, "period": "2026-04-01",
         "actual": 240}])
    assert response.status_code == 403
    assert response.json()["detail"][0]["loc"] == ["body", "payload", 0, "benefit"]
    assert _measurement(org, measure, dt.date(2026, 4, 1)) is None
