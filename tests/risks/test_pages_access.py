"""Who reaches the risk register's pages: Åsdal's people get 404, employees 403, viewers
read but do not write, and the owner of a risk or an action edits what they own."""

from __future__ import annotations

import pytest

from gevinst.core.scoping import tenant_scope
from gevinst.risks.models import Risk, RiskAction

PAGES = [
    "/o/fjordby/risks/",
    "/o/fjordby/risks/heatmap/",
    "/o/fjordby/risks/due/",
    "/o/fjordby/risks/appetite/",
    "/o/fjordby/risks/new/",
    "/o/fjordby/risks/new/?initiative=INI-0001",
    "/o/fjordby/risks/new/?programme=PRG-0001",
    "/o/fjordby/risks/RSK-0001/",
    "/o/fjordby/risks/RSK-0001/edit/",
    "/o/fjordby/risks/RSK-0001/history/",
    "/o/fjordby/risks/RSK-0001/actions/new/",
    "/o/fjordby/initiatives/INI-0001/risks/",
    "/o/fjordby/programmes/PRG-0001/risks/",
]
POSTS = [
    "/o/fjordby/risks/new/",
    "/o/fjordby/risks/RSK-0001/edit/",
    "/o/fjordby/risks/RSK-0001/review/",
    "/o/fjordby/risks/RSK-0001/accept/",
    "/o/fjordby/risks/RSK-0001/escalate/",
    "/o/fjordby/risks/RSK-0001/close/",
    "/o/fjordby/risks/RSK-0001/reopen/",
    "/o/fjordby/risks/RSK-0001/actions/new/",
    "/o/fjordby/risks/appetite/",
]
READ_ONLY = ["/o/fjordby/risks/", "/o/fjordby/risks/heatmap/", "/o/fjordby/risks/due/",
             "/o/fjordby/risks/appetite/", "/o/fjordby/risks/RSK-0002/",
             "/o/fjordby/risks/RSK-0002/history/", "/o/fjordby/initiatives/INI-0001/risks/",
             "/o/fjordby/programmes/PRG-0001/risks/"]


def _action_id(org) -> int:
    with tenant_scope(org):
        return RiskAction.objects.get(organisation=org, risk__reference="RSK-0001").pk


@pytest.mark.parametrize("role", ["admin", "viewer"])
def test_asdal_people_get_404_on_every_fjordby_risk_page(client_as, org, role):
    client = client_as(role, "asdal")
    action = _action_id(org)
    for path in [*PAGES, f"/o/fjordby/risks/RSK-0001/actions/{action}/"]:
        assert client.get(path).status_code == 404, path
    for path in POSTS:
        assert client.post(path, {"decision": "x", "status": "closed"}).status_code == 404, path
    assert client.get("/o/asdal/risks/RSK-0003/").status_code == 200


def test_other_organisations_records_through_fjordby_are_404(client_as, org, other_org):
    client = client_as("admin")
    assert client.get("/o/fjordby/risks/RSK-0003/").status_code == 404  # Åsdal's only
    assert client.get("/o/fjordby/risks/new/?initiative=INI-0003").status_code == 404
    assert client.get("/o/fjordby/programmes/PRG-0002/risks/").status_code == 404
    with tenant_scope(other_org):
        foreign = RiskAction.objects.filter(organisation=other_org).first()
    assert client.get(f"/o/fjordby/risks/RSK-0001/actions/{foreign.pk}/").status_code == 404


def test_every_page_opens_for_the_pmo(client_as, org):
    client = client_as("pmo")
    for path in [*PAGES, f"/o/fjordby/risks/RSK-0001/actions/{_action_id(org)}/"]:
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize("path", READ_ONLY)
def test_employees_do_not_see_the_register(client_as, org, path):
    assert client_as("employee").get(path).status_code == 403


@pytest.mark.parametrize("path", READ_ONLY)
def test_viewers_read(client_as, org, path):
    assert client_as("viewer").get(path).status_code == 200


def test_viewers_do_not_write(client_as, org):
    client = client_as("viewer")  # owns nothing in the risk register
    assert client.get("/o/fjordby/risks/new/").status_code == 403
    assert client.get("/o/fjordby/risks/RSK-0002/edit/").status_code == 403
    for path in POSTS:
        assert client.post(path.replace("RSK-0001", "RSK-0002"),
                           {"decision": "x"}).status_code == 403, path
    page = client.get("/o/fjordby/risks/RSK-0002/").content.decode()
    assert "/o/fjordby/risks/RSK-0002/edit/" not in page
    assert 'action="/o/fjordby/risks/RSK-0002/accept/"' not in page


def test_risk_owner_edits_their_risk_even_as_viewer(client_as, org, people):
    with tenant_scope(org):
        Risk.objects.filter(organisation=org, reference="RSK-0002").update(
            owner=people["viewer"])
    client = client_as("viewer")
    page = client.get("/o/fjordby/risks/RSK-0002/").content.decode()
    assert "/o/fjordby/risks/RSK-0002/edit/" in page
    assert client.get("/o/fjordby/risks/RSK-0002/edit/").status_code == 200
    assert client.get("/o/fjordby/risks/RSK-0002/actions/new/").status_code == 200
    response = client.post("/o/fjordby/risks/RSK-0002/close/",
                           {"version": 1, "status": "closed", "comment": ""})
    assert response.status_code == 302
    # Accepting is not the risk owner's call (it is the PMO's or the initiative owner's).
    assert client.post("/o/fjordby/risks/RSK-0002/accept/",
                       {"version": 2, "decision": "x"}).status_code == 403


def test_action_owner_edits_their_action_even_as_viewer(client_as, org, people):
    with tenant_scope(org):
        action = RiskAction.objects.get(organisation=org, risk__reference="RSK-0001")
        RiskAction.objects.filter(pk=action.pk).update(owner=people["viewer"])
    client = client_as("viewer")
    url = f"/o/fjordby/risks/RSK-0001/actions/{action.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"version": 1, "description": "Forhandle exit-klausul",
                                 "owner": people["viewer"].pk, "due_date": "2026-11-01",
                                 "status": "done"})
    assert response.status_code == 302
    with tenant_scope(org):
        assert RiskAction.objects.get(pk=action.pk).status == "done"
    # Not the risk itself.
    assert client.get("/o/fjordby/risks/RSK-0001/edit/").status_code == 403


def test_initiative_owner_may_accept_its_risks(client_as, org, people, scoped):
    # The contributor owns INI-0001; RSK-0001 raised to 5×5 is above appetite.
    risk = Risk.objects.get(organisation=org, reference="RSK-0001")
    Risk.objects.filter(pk=risk.pk).update(residual_probability=5, residual_impact=5,
                                           residual_score=25, above_appetite=True)
    client = client_as("contributor")
    response = client.post("/o/fjordby/risks/RSK-0001/accept/",
                           {"version": 1, "decision": "Styringsgruppen aksepterer."})
    assert response.status_code == 302
    assert Risk.objects.get(pk=risk.pk).is_accepted
    # The organisation's RSK-0002 is not the contributor's to accept.
    assert client.post("/o/fjordby/risks/RSK-0002/accept/",
                       {"version": 1, "decision": "x"}).status_code == 403
