"""Initiatives of a benefit with attribution: the shares never pass 100 %, via the web."""

from __future__ import annotations

import re
from decimal import Decimal

from gevinst.benefits.models import Benefit, BenefitInitiative
from gevinst.core.scoping import tenant_scope

BENEFIT = "/o/fjordby/benefits/BEN-0001/"
LINKS = f"{BENEFIT}links/"


def _errors(response):
    return dict(re.findall(r'id="id_(\w+)_error">([^<]*)<', response.content.decode()))


def _shares(org) -> dict[str, Decimal]:
    with tenant_scope(org):
        return {ref: share for ref, share in BenefitInitiative.objects.filter(
            organisation=org, benefit__reference="BEN-0001")
            .values_list("initiative__reference", "attribution")}


def _initiative_pk(org, number):
    from gevinst.portfolio.models import Initiative

    with tenant_scope(org):
        return Initiative.objects.get(organisation=org, number=number).pk


def test_links_page_shows_shares_and_attributed_values(client_as, org):
    page = client_as("contributor").get(LINKS).content.decode()
    # 750 000 a year: INI-0001 60 % → 450 000, INI-0002 40 % → 300 000.
    assert "450\u00a0000" in page and "300\u00a0000" in page
    assert "100 %" in page  # attributed in total


def test_attribution_above_100_percent_is_refused_at_the_field(client_as, org):
    before = _shares(org)
    response = client_as("contributor").post(LINKS, {
        "initiative": _initiative_pk(org, 2), "attribution": "50"})
    assert response.status_code == 200
    error = _errors(response)["attribution"]
    assert "already attributed 60 %" in error
    assert "at most 40 % is left" in error
    assert "never counted twice" in error
    assert _shares(org) == before  # nothing saved


def test_a_share_within_what_is_left_is_saved(client_as, org):
    response = client_as("contributor").post(LINKS, {
        "initiative": _initiative_pk(org, 2), "attribution": "25"})
    assert response.status_code == 302
    assert _shares(org) == {"INI-0001": Decimal("60"), "INI-0002": Decimal("25")}


def test_a_share_that_is_not_a_number_is_refused(client_as, org):
    response = client_as("contributor").post(LINKS, {
        "initiative": _initiative_pk(org, 2), "attribution": "mye"})
    assert response.status_code == 200
    assert "attribution" in _errors(response)


def test_removing_a_link(client_as, org):
    response = client_as("contributor").post(f"{LINKS}INI-0002/delete/")
    assert response.status_code == 302
    assert _shares(org) == {"INI-0001": Decimal("60")}


def test_an_initiative_of_another_organisation_cannot_be_chosen(client_as, org, other_org):
    from gevinst.portfolio.models import Initiative

    with tenant_scope(other_org):
        foreign = Initiative.objects.get(organisation=other_org, number=3).pk
    before = _shares(org)
    response = client_as("contributor").post(LINKS, {"initiative": foreign,
                                                     "attribution": "10"})
    assert response.status_code == 200
    assert "initiative" in _errors(response)
    assert _shares(org) == before


def test_new_benefit_from_an_initiative_is_linked_with_its_attribution(client_as, org):
    client = client_as("contributor")
    form = client.get("/o/fjordby/benefits/new/?initiative=INI-0002").content.decode()
    assert 'name="attribution"' in form
    response = client.post("/o/fjordby/benefits/new/?initiative=INI-0002", {
        "title": "Færre purringer", "category": "service_quality", "cashability": "not_monetised",
        "confidence": "medium", "valuation_method": "not_monetised",
        "optimism_adjustment": "0", "initiative": _initiative_pk(org, 2),
        "attribution": "70"})
    assert response.status_code == 302
    with tenant_scope(org):
        benefit = Benefit.objects.get(organisation=org, title="Færre purringer")
        link = benefit.links.get()
    assert link.initiative.reference == "INI-0002" and link.attribution == Decimal("70")
    assert response["Location"] == f"/o/fjordby/benefits/{benefit.reference}/"


def test_new_benefit_with_a_share_above_100_is_refused_and_nothing_saved(client_as, org):
    with tenant_scope(org):
        before = Benefit.objects.filter(organisation=org).count()
    response = client_as("contributor").post("/o/fjordby/benefits/new/?initiative=INI-0002", {
        "title": "For mye", "category": "service_quality", "cashability": "not_monetised",
        "confidence": "medium", "valuation_method": "not_monetised",
        "optimism_adjustment": "0", "initiative": _initiative_pk(org, 2),
        "attribution": "120"})
    assert response.status_code == 200
    assert "at most 100 %" in _errors(response)["attribution"]
    with tenant_scope(org):
        assert Benefit.objects.filter(organisation=org).count() == before
