"""A person in several organisations switches between them; each sees only its own data."""

from __future__ import annotations

from gevinst.core.models import Role
from gevinst.core.scoping import tenant_scope
from gevinst.core.services import do_add_member
from tests.conftest import person


def test_person_in_two_organisations_switches_between_them(client, org, other_org):
    viewer = person("viewer")
    with tenant_scope(other_org):
        do_add_member(actor=None, organisation=other_org, user=viewer, role=Role.VIEWER)
    client.force_login(viewer)
    page = client.get("/o/fjordby/").content.decode()
    assert "Switch organisation" in page
    assert 'href="/o/asdal/"' in page and 'href="/o/fjordby/"' in page
    fjordby = client.get("/o/fjordby/initiatives/").content.decode()
    asdal = client.get("/o/asdal/initiatives/").content.decode()
    assert "Fjordby kommune initiativ 1" in fjordby and "Åsdal" not in fjordby.split("<main")[1]
    assert "Åsdal kommune initiativ 3" in asdal and "Fjordby kommune initiativ" not in asdal
    # The start page remembers the organisation used last.
    assert client.get("/")["Location"] == "/o/asdal/"


def test_start_page_lists_organisations_when_none_was_used_yet(client, org, other_org):
    viewer = person("viewer")
    with tenant_scope(other_org):
        do_add_member(actor=None, organisation=other_org, user=viewer, role=Role.VIEWER)
    client.force_login(viewer)
    page = client.get("/").content.decode()
    assert "Choose organisation" in page
    assert "Fjordby kommune" in page and "Åsdal kommune" in page


def test_person_in_one_organisation_goes_straight_there(client_as):
    assert client_as("viewer").get("/")["Location"] == "/o/fjordby/"


def test_outsider_without_organisation_is_told_to_ask_for_an_invitation(client_as):
    page = client_as("outsider").get("/").content.decode()
    assert "not a member of any organisation" in page
