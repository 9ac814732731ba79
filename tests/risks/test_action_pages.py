"""Adding and editing the actions of a risk."""

from __future__ import annotations

from django.utils import timezone

from gevinst.core.scoping import tenant_scope
from gevinst.risks.models import RiskAction

NEW = "/o/fjordby/risks/RSK-0002/actions/new/"


def test_add_an_action(client_as, org, people):
    client = client_as("contributor")
    response = client.post(NEW, {"description": "Kurs i nettbrett for hjemmetjenesten",
                                 "owner": people["viewer"].pk, "due_date": "2027-02-01"})
    assert response.status_code == 302
    page = client.get("/o/fjordby/risks/RSK-0002/").content.decode()
    assert "Kurs i nettbrett for hjemmetjenesten" in page and "Viewer Fjordby" in page


def test_action_needs_a_description(client_as, org):
    response = client_as("contributor").post(NEW, {"description": "", "owner": "",
                                                   "due_date": "2027-02-01"})
    page = response.content.decode()
    assert 'href="#id_description"' in page and "Describe the action." in page
    assert 'value="2027-02-01"' in page


def test_mark_an_action_done(client_as, org, people):
    with tenant_scope(org):
        action = RiskAction.objects.get(organisation=org, risk__reference="RSK-0001")
    url = f"/o/fjordby/risks/RSK-0001/actions/{action.pk}/"
    client = client_as("contributor")
    data = {"version": 1, "description": action.description,
            "owner": people["contributor"].pk, "due_date": "2026-11-01", "status": "done"}
    assert client.post(url, data).status_code == 302
    with tenant_scope(org):
        action.refresh_from_db()
    assert action.status == "done" and action.completed_on == timezone.localdate()
    response = client.post(url, dict(data, description="Annen tekst"))  # stale version
    assert "Somebody else saved this record" in response.content.decode()


def test_action_of_another_risk_is_404(client_as, org):
    with tenant_scope(org):
        action = RiskAction.objects.get(organisation=org, risk__reference="RSK-0001")
    assert client_as("pmo").get(
        f"/o/fjordby/risks/RSK-0002/actions/{action.pk}/").status_code == 404
