"""The initiative carries what an idea brings: proposal, expected benefit, affected units
(of its own organisation only) on the form, and on its page those, the priority score and
"From idea IDE-…" when it came from an idea; the page costs the same queries either way."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gevinst.core.models import Unit
from gevinst.core.scoping import tenant_scope
from gevinst.ideas.models import Idea
from gevinst.portfolio.models import Initiative, Phase
from tests.conftest import person

pytestmark = pytest.mark.django_db

LIST = "/o/fjordby/initiatives/"


def _units(org) -> list[Unit]:
    with tenant_scope(org):
        return list(Unit.objects.filter(organisation=org).order_by("name"))


def _form(org, **overrides):
    with tenant_scope(org):
        phase = Phase.objects.get(organisation=org, key="planning")
    data = {"title": "Felles timebok", "problem": "Mange telefoner.", "ambition": "improve",
            "owner": person("contributor").pk, "manager": person("contributor").pk,
            "phase": phase.pk, "status": "active", "proposal": "Timebok på nett.",
            "expected_benefit": "Færre samtaler.",
            "affected_units": [u.pk for u in _units(org)]}
    data.update(overrides)
    return data


def _initiative(org, reference) -> Initiative:
    with tenant_scope(org):
        return Initiative.objects.get(organisation=org, reference=reference)


def test_the_form_saves_proposal_benefit_and_affected_units(client_as, org):
    response = client_as("contributor").post(f"{LIST}new/", _form(org))
    assert response.status_code == 302
    created = _initiative(org, "INI-0003")
    assert (created.proposal, created.expected_benefit) == ("Timebok på nett.",
                                                            "Færre samtaler.")
    with tenant_scope(org):
        assert set(created.affected_units.values_list("name", flat=True)) == {
            u.name for u in _units(org)}


def test_editing_changes_the_affected_units(client_as, org):
    first = _initiative(org, "INI-0001")
    health = next(u for u in _units(org) if u.name == "Helse og velferd")
    data = _form(org, affected_units=[health.pk], version=first.version,
                 title=first.title)
    del data["phase"]
    response = client_as("contributor").post(f"{LIST}INI-0001/edit/", data)
    assert response.status_code == 302
    with tenant_scope(org):
        assert list(_initiative(org, "INI-0001").affected_units.values_list(
            "name", flat=True)) == ["Helse og velferd"]


def test_units_of_another_organisation_are_not_offered(client_as, org, other_org):
    foreign = _units(other_org)[0]
    form = client_as("contributor").get(f"{LIST}new/").context["form"]
    assert foreign.pk not in {u.pk for u in form.fields["affected_units"].queryset}
    response = client_as("contributor").post(f"{LIST}new/",
                                             _form(org, affected_units=[foreign.pk]))
    assert response.status_code == 200
    assert "affected_units" in response.context["form"].errors


def _link(org):
    """INI-0001 came from IDE-0001 with score 3.75, affecting both units."""
    with tenant_scope(org):
        first = Initiative.objects.get(organisation=org, number=1)
        Initiative.objects.filter(pk=first.pk).update(proposal="Timebok på nett.",
                                                      expected_benefit="Kortere kø.",
                                                      priority_score=Decimal("3.75"))
        first.affected_units.set(Unit.objects.filter(organisation=org))
        Idea.objects.filter(organisation=org, reference="IDE-0001").update(initiative=first)


def test_initiative_page_shows_what_came_from_the_idea(client_as, org):
    _link(org)
    page = client_as("viewer").get(f"{LIST}INI-0001/").content.decode()
    assert '<a class="ds-link" href="/o/fjordby/ideas/IDE-0001/">From idea IDE-0001</a>' \
        in page
    assert "Timebok på nett." in page and "Kortere kø." in page
    assert "3.75 of 5" in page
    assert "Fjordby kommune sentral, Helse og velferd" in page


def test_initiative_without_an_idea_says_nothing_of_ideas(client_as):
    page = client_as("viewer").get(f"{LIST}INI-0002/").content.decode()
    assert "From idea" not in page


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_initiative_page_costs_the_same_queries_with_an_idea_and_units(client_as, org):
    client = client_as("viewer")
    url = f"{LIST}INI-0001/"
    _queries(client, url)  # warm the session
    before = _queries(client, url)
    _link(org)
    assert _queries(client, url) == before
