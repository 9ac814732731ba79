"""The ideas API for the portfolio office and leaders: the scoring framework (criteria and
bands, which rescore every idea), the review queue and the statistics."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gevinst.core.scoping import tenant_scope
from gevinst.ideas.models import Idea, IdeaRating, ScoringCriterion
from tests.conftest import person

pytestmark = pytest.mark.django_db

F = "/api/v1/o/fjordby/ideas"


def _fields(response) -> set[str]:
    return {e["loc"][-1] for e in response.json()["detail"]}


def _rate_all(org, rating=4) -> None:
    """Rate IDE-0001 on every criterion (the ORM; the scores come from the service)."""
    from gevinst.ideas.services.framework import rescore_organisation

    with tenant_scope(org):
        idea = Idea.objects.get(organisation=org, reference="IDE-0001")
        for criterion in ScoringCriterion.objects.filter(organisation=org):
            IdeaRating.objects.update_or_create(
                organisation=org, idea=idea, criterion=criterion,
                defaults={"rating": rating, "rated_by": person("pmo")})
    rescore_organisation(org.pk)


def _idea(org) -> Idea:
    with tenant_scope(org):
        return Idea.objects.get(organisation=org, reference="IDE-0001")


def test_the_framework_has_the_five_default_criteria_and_bands(api, org):
    body = api("viewer")("get", f"{F}/scoring").json()
    assert (Decimal(body["high_from"]), Decimal(body["medium_from"])) == (4, 3)
    assert [c["key"] for c in body["criteria"]] == [
        "strategic", "qualitative", "economic", "need", "risk"]
    first = body["criteria"][0]
    assert (first["name"], Decimal(first["weight"]), first["active"]) == (
        "Strategic value", 1, True)
    assert first["rubric"][0] == "No visible link to our objectives."
    assert len(first["rubric"]) == 5
    assert api("employee")("get", f"{F}/scoring").status_code == 403


def test_bands_need_a_version_and_rescore_every_idea(api, org):
    _rate_all(org, rating=4)
    assert _idea(org).band == "high"
    call = api("pmo")
    path = f"{F}/scoring/bands"
    assert call("put", path, {"high_from": "4.5", "medium_from": "3"}).status_code == 428
    response = call("put", path, {"high_from": "4.5", "medium_from": "3", "version": 1})
    assert response.status_code == 200, response.json()
    assert (Decimal(response.json()["high_from"]), response.json()["version"]) == (
        Decimal("4.5"), 2)
    assert _idea(org).band == "medium"
    assert call("put", path, {"high_from": "4", "medium_from": "3",
                              "version": 1}).status_code == 409
    bad = call("put", path, {"high_from": "3", "medium_from": "3.5", "version": 2})
    assert bad.status_code == 422 and _fields(bad) == {"medium_from"}
    assert api("viewer")("put", path, {"high_from": "4", "medium_from": "3",
                                       "version": 2}).status_code == 403


def test_a_new_criterion_takes_the_score_away_until_it_is_rated(api, org):
    _rate_all(org)
    assert _idea(org).score == Decimal("4.00")
    call = api("pmo")
    response = call("post", f"{F}/scoring/criteria", {
        "name": "Klimaeffekt", "weight": "2", "rubric": ["Ingen", "Liten", "Noe", "Stor",
                                                          "Svært stor"]})
    assert response.status_code == 201, response.json()
    made = response.json()
    assert (made["name"], Decimal(made["weight"]), made["key"], made["rubric"][4]) == (
        "Klimaeffekt", 2, "", "Svært stor")
    assert _idea(org).score is None
    assert _fields(call("post", f"{F}/scoring/criteria", {"name": ""})) == {"name"}
    assert _fields(call("post", f"{F}/scoring/criteria",
                        {"name": "X", "rubric": ["a"]})) == {"rubric"}
    assert _fields(call("post", f"{F}/scoring/criteria",
                        {"name": "Strategic value"})) == {"name"}  # taken
    assert api("contributor")("post", f"{F}/scoring/criteria",
                              {"name": "Y"}).status_code == 403


def test_a_criterion_is_changed_with_its_version(api, org, other_org):
    _rate_all(org)
    with tenant_scope(org):
        criterion = ScoringCriterion.objects.get(organisation=org, key="risk")
    path = f"{F}/scoring/criteria/{criterion.pk}"
    call = api("pmo")
    assert call("patch", path, {"active": False}).status_code == 428
    response = call("patch", path, {"version": 1, "active": False, "name": "Risiko"})
    assert response.status_code == 200, response.json()
    assert (response.json()["active"], response.json()["name"],
            response.json()["version"]) == (False, "Risiko", 2)
    assert call("patch", path, {"version": 1, "weight": "3"}).status_code == 409
    reset = call("patch", path, {"version": 2, "name": ""}).json()
    assert reset["name"] == "Risk"  # a default criterion keeps the default wording
    assert _fields(call("patch", path, {"version": 3, "weight": "-1"})) == {"weight"}
    assert _fields(call("patch", path, {"version": 3, "rubric": ["a", "b"]})) == {"rubric"}
    with tenant_scope(other_org):
        foreign = ScoringCriterion.objects.filter(organisation=other_org).first().pk
    assert call("patch", f"{F}/scoring/criteria/{foreign}", {"version": 1}).status_code == 404
    assert api("viewer")("patch", path, {"version": 3}).status_code == 403


def test_the_review_queue_of_the_office_and_of_a_reviewer(api, org):
    office = api("pmo")("get", f"{F}/review-queue").json()
    assert office["count"] == 1
    (row,) = office["results"]
    assert (row["reference"], row["status"], row["score"], row["band"]) == (
        "IDE-0001", "under_review", None, None)
    assert [r["email"] for r in row["reviewers"]] == ["contributor@fjordby.test"]
    assert row["age_days"] >= 0
    assert api("contributor")("get", f"{F}/review-queue").json()["count"] == 1  # assigned
    assert api("employee")("get", f"{F}/review-queue").json()["count"] == 0
    assert api("pmo")("get", f"{F}/review-queue?assigned=true").json()["count"] == 0
    assert api("pmo")("get", f"{F}/review-queue?band=none").json()["count"] == 1
    assert api("pmo")("get", f"{F}/review-queue?band=high").json()["count"] == 0
    _rate_all(org, rating=5)
    high = api("pmo")("get", f"{F}/review-queue?band=high").json()["results"]
    assert [(r["reference"], Decimal(r["score"])) for r in high] == [("IDE-0001", 5)]


def test_statistics_are_for_those_who_read_the_portfolio(api, org):
    body = api("viewer")("get", f"{F}/statistics?months=3").json()
    assert len(body["months"]) == 3 and len(body["month_totals"]) == 3
    assert body["total"] == 1
    assert body["status_counts"]["under_review"] == 1
    (unit,) = body["units"]
    assert (unit["name"], unit["total"]) == ("Helse og velferd", 1)
    assert (body["answered"], body["median_days"], body["accepted_share"]) == (0, None, None)
    assert api("employee")("get", f"{F}/statistics").status_code == 403
