"""Initiatives in the API carry what an idea gives them: proposal, expected benefit,
affected units and the priority score (read-only), in the list and one by one."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gevinst.core.models import Unit
from gevinst.core.scoping import tenant_scope
from gevinst.portfolio.models import Initiative

pytestmark = pytest.mark.django_db

F = "/api/v1/o/fjordby/initiatives"


def _units(org) -> list[int]:
    with tenant_scope(org):
        return sorted(Unit.objects.filter(organisation=org).values_list("pk", flat=True))


def test_an_initiative_is_created_and_changed_with_the_idea_fields(api, org):
    units = _units(org)
    response = api("contributor")("post", f"{F}/", {
        "title": "Selvbetjent timebestilling", "proposal": "Bestilling på nett.",
        "expected_benefit": "Kortere kø.", "affected_units": units,
        "priority_score": "5"})  # read-only: ignored
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["proposal"], body["expected_benefit"], body["affected_units"]) == (
        "Bestilling på nett.", "Kortere kø.", units)
    assert body["priority_score"] is None
    changed = api("contributor")("patch", f"{F}/{body['reference']}", {
        "version": body["version"], "affected_units": units[:1], "proposal": "Ny plan."})
    assert changed.status_code == 200, changed.json()
    assert (changed.json()["affected_units"], changed.json()["proposal"]) == (
        units[:1], "Ny plan.")
    assert changed.json()["expected_benefit"] == "Kortere kø."


def test_units_of_another_organisation_are_refused(api, org, other_org):
    foreign = _units(other_org)[:1]
    response = api("contributor")("post", f"{F}/", {"title": "X", "affected_units": foreign})
    assert response.status_code == 422
    assert {e["loc"][-1] for e in response.json()["detail"]} == {"affected_units"}


def test_the_list_shows_the_idea_fields_and_the_priority_score(api, org):
    units = _units(org)
    with tenant_scope(org):
        first = Initiative.objects.get(organisation=org, number=1)
        first.affected_units.set(units)
        Initiative.objects.filter(pk=first.pk).update(
            priority_score=Decimal("3.75"), proposal="Forslaget", expected_benefit="Nytten")
    rows = {r["reference"]: r for r in api("viewer")("get", f"{F}/").json()["results"]}
    one = rows["INI-0001"]
    assert (one["proposal"], one["expected_benefit"], one["affected_units"]) == (
        "Forslaget", "Nytten", units)
    assert Decimal(one["priority_score"]) == Decimal("3.75")
    assert (rows["INI-0002"]["affected_units"], rows["INI-0002"]["priority_score"]) == (
        [], None)
    single = api("viewer")("get", f"{F}/INI-0001").json()
    assert (single["affected_units"], Decimal(single["priority_score"])) == (
        units, Decimal("3.75"))
