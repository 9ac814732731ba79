"""The benefits API: initiative links with attribution, the value profile and the lifecycle."""

from __future__ import annotations

from decimal import Decimal

from gevinst.benefits.models import Benefit, BenefitInitiative, BenefitYear
from gevinst.core.scoping import tenant_scope

F = "/api/v1/o/fjordby/benefits"


def _messages(response) -> list[str]:
    return [e["msg"] for e in response.json()["detail"]]


def _links(org, reference) -> dict[str, Decimal]:
    with tenant_scope(org):
        return {link.initiative.reference: link.attribution for link in
                BenefitInitiative.objects.filter(organisation=org,
                                                 benefit__reference=reference)
                .select_related("initiative")}


def test_attribution_above_100_percent_is_refused_with_a_clear_message(api, org):
    call = api("contributor")
    created = call("post", f"{F}/", {"title": "Færre papirbrev"})
    assert created.status_code == 201
    ref = created.json()["reference"]
    first = call("put", f"{F}/{ref}/links/INI-0001", {"attribution": 70})
    assert first.status_code == 201
    assert first.json()["initiative"] == "INI-0001"
    too_much = call("put", f"{F}/{ref}/links/INI-0002", {"attribution": 40})
    assert too_much.status_code == 422
    detail = too_much.json()["detail"]
    assert detail[0]["loc"] == ["body", "attribution"]
    assert detail[0]["msg"] == (f"{ref} is already attributed 70 % to other initiatives; at "
                                "most 30 % is left, so that the benefit is never counted "
                                "twice.")
    assert _links(org, ref) == {"INI-0001": Decimal("70")}
    # Within what is left it works; changing an existing share answers 200.
    assert call("put", f"{F}/{ref}/links/INI-0002", {"attribution": 30}).status_code == 201
    changed = call("put", f"{F}/{ref}/links/INI-0001", {"attribution": 50})
    assert changed.status_code == 200
    assert _links(org, ref) == {"INI-0001": Decimal("50"), "INI-0002": Decimal("30")}


def test_a_shared_benefit_cannot_be_given_more_than_what_is_left(api, org):
    # BEN-0001 is 60 % INI-0001 and 40 % INI-0002: raising one share passes 100 %.
    response = api("contributor")("put", f"{F}/BEN-0001/links/INI-0001", {"attribution": 70})
    assert response.status_code == 422
    assert "at most 60 % is left" in _messages(response)[0]


def test_unlink_an_initiative(api, org):
    call = api("contributor")
    assert call("delete", f"{F}/BEN-0001/links/INI-0002").status_code == 204
    assert _links(org, "BEN-0001") == {"INI-0001": Decimal("60")}
    assert call("delete", f"{F}/BEN-0001/links/INI-0002").status_code == 404


def test_link_to_another_organisations_initiative_is_404(api, org):
    # Åsdal has INI-0003; Fjordby has only INI-0001..0002.
    response = api("contributor")("put", f"{F}/BEN-0001/links/INI-0003", {"attribution": 1})
    assert response.status_code == 404


def test_value_profile_is_replaced_and_valued(api, org):
    response = api("contributor")("put", f"{F}/BEN-0001/profile",
                                  {"2027": 50, "2028": 100})
    assert response.status_code == 200, response.json()
    rows = {row["year"]: row for row in response.json()}
    assert set(rows) == {2027, 2028}
    assert Decimal(rows[2027]["planned_value"]) == 375000  # 750,000 × 50 %
    with tenant_scope(org):
        assert not BenefitYear.objects.filter(organisation=org, year=2026).exists()


def test_invalid_value_profile_is_422_and_keeps_the_old_one(api, org):
    response = api("contributor")("put", f"{F}/BEN-0001/profile", {"2027": 500})
    assert response.status_code == 422
    with tenant_scope(org):
        assert set(BenefitYear.objects.filter(organisation=org).filter(
            benefit__reference="BEN-0001").values_list("year", flat=True)) == {2026, 2027}


def test_approval_without_owner_and_baseline_is_refused_listing_the_problems(api, org):
    call = api("contributor")
    ref = call("post", f"{F}/", {"title": "Færre bomturer"}).json()["reference"]
    measure = call("post", f"{F}/{ref}/measures/", {"name": "Bomturer", "unit": "antall",
                                                     "direction": "decrease"})
    assert measure.status_code == 201, measure.json()
    assert call("post", f"{F}/{ref}/status", {"status": "profiled"}).status_code == 200
    refused = api("pmo")("post", f"{F}/{ref}/status", {"status": "approved"})
    assert refused.status_code == 422
    messages = _messages(refused)
    assert all(e["loc"] == ["body", "status"] for e in refused.json()["detail"])
    assert any("benefit owner" in m for m in messages)
    assert any("baseline" in m and "Bomturer" in m for m in messages)
    assert any("target" in m for m in messages)
    with tenant_scope(org):
        assert Benefit.objects.get(organisation=org, reference=ref).status == "profiled"


def test_pmo_approves_once_the_rules_are_met(api, org):
    call = api("contributor")
    ref = call("post", f"{F}/", {"title": "Færre bomturer",
                                 "owner_email": "viewer@fjordby.test"}).json()["reference"]
    call("post", f"{F}/{ref}/measures/", {
        "name": "Bomturer", "unit": "antall", "direction": "decrease",
        "baseline_value": 120, "baseline_date": "2026-01-01", "target_value": 40})
    call("post", f"{F}/{ref}/status", {"status": "profiled"})
    # Only the portfolio office approves.
    assert call("post", f"{F}/{ref}/status", {"status": "approved"}).status_code == 403
    approved = api("pmo")("post", f"{F}/{ref}/status", {"status": "approved"})
    assert approved.status_code == 200, approved.json()
    assert approved.json()["status"] == "approved"


def test_status_with_a_stale_version_is_409(api, org):
    ref = api("contributor")("post", f"{F}/", {"title": "X"}).json()["reference"]
    response = api("pmo")("post", f"{F}/{ref}/status",
                          {"status": "withdrawn", "comment": "Feil", "version": 99})
    assert response.status_code == 409


def test_an_impossible_move_is_422(api, org):
    ref = api("contributor")("post", f"{F}/", {"title": "X"}).json()["reference"]
    response = api("pmo")("post", f"{F}/{ref}/status", {"status": "realised"})
    assert response.status_code == 422
    assert "cannot become" in _messages(response)[0]


def test_owner_may_hand_over_even_as_viewer(api, org):
    # BEN-0001 (in realisation) is owned by the viewer; the employee may not even read.
    handed = api("viewer")("post", f"{F}/BEN-0001/status", {"status": "handed_over"})
    assert handed.status_code == 200, handed.json()
    assert handed.json()["handed_over_on"] is not None
    assert api("viewer")("post", f"{F}/BEN-0001/status",
                         {"status": "realised"}).status_code == 403
