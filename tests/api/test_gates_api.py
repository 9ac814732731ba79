"""The phases-and-gates API: phase model, checklists and gate decisions."""

from __future__ import annotations

import pytest
from django.utils import timezone

from gevinst.core.scoping import tenant_scope
from gevinst.portfolio.models import ChecklistItem, GateDecision, Initiative, Phase
from gevinst.portfolio.services.initiatives import do_create_initiative
from tests.conftest import person

FJORDBY = "/api/v1/o/fjordby"
TODAY = timezone.localdate().isoformat()


def _new(org, key="idea"):
    with tenant_scope(org):
        return do_create_initiative(actor=person("pmo"), organisation=org, title="API-initiativ",
                                    phase=Phase.objects.get(organisation=org, key=key))


def _fresh(org, ref):
    with tenant_scope(org):
        return Initiative.objects.select_related("phase").get(organisation=org, reference=ref)


def _decision(**overrides):
    body = {"decision": "approve", "decided_on": TODAY, "decided_by": "Styringsgruppen",
            "rationale": "Klar for neste fase.", "benefits_reviewed": True}
    body.update(overrides)
    return body


def test_phases_come_in_order_with_checklists_and_decision_points(api, org,
                                                                  django_assert_max_num_queries):
    call = api("viewer")
    with django_assert_max_num_queries(8):
        response = call("get", FJORDBY + "/phases/")
    assert response.status_code == 200
    phases = response.json()
    assert [p["key"] for p in phases] == ["idea", "concept", "planning", "execution",
                                          "closing", "realisation", "closed"]
    assert [p["decision_point"] for p in phases] == ["DP1", "DP2", "DP3", "DP4", "DP5", "DP6",
                                                     ""]
    assert phases[0]["name"] == "Idea"
    assert any(i["is_mandatory"] for i in phases[1]["checklist"])
    assert phases[-1]["checklist"] == []


def test_checklist_lists_the_initiatives_items_with_versions(api, org):
    response = api("viewer")("get", FJORDBY + "/initiatives/INI-0001/checklist")
    assert response.status_code == 200
    items = response.json()
    assert items and {i["phase"] for i in items} == {"execution"}
    assert all(i["is_current_phase"] and i["status"] == "open" and i["version"] == 1
               for i in items)


def test_contributor_patches_a_checklist_item_with_its_version(api, org):
    call = api("contributor")
    item = call("get", FJORDBY + "/initiatives/INI-0001/checklist").json()[0]
    path = FJORDBY + f"/initiatives/INI-0001/checklist/{item['id']}"
    response = call("patch", path, json={"version": item["version"], "status": "done",
                                         "comment": "Kontrakt signert."})
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["version"]) == ("done", 2)
    stale = call("patch", path, json={"version": 1, "status": "open"})
    assert stale.status_code == 409
    missing = call("patch", path, json={"status": "open"})
    assert missing.status_code == 428
    with tenant_scope(org):
        stored = ChecklistItem.objects.get(pk=item["id"])
    assert (stored.status, stored.comment) == ("done", "Kontrakt signert.")


def test_viewer_cannot_patch_the_checklist(api, org):
    call = api("viewer")
    item = call("get", FJORDBY + "/initiatives/INI-0001/checklist").json()[0]
    response = call("patch", FJORDBY + f"/initiatives/INI-0001/checklist/{item['id']}",
                    json={"version": 1, "status": "done"})
    assert response.status_code == 403


def test_decision_is_refused_with_the_open_mandatory_items_listed(api, org):
    initiative = _new(org)
    response = api("pmo")("post", FJORDBY + f"/initiatives/{initiative.reference}/decisions",
                          json=_decision())
    assert response.status_code == 422
    with tenant_scope(org):
        open_items = list(ChecklistItem.objects.filter(initiative=initiative, is_mandatory=True)
                          .values_list("text", flat=True))
    messages = [d["msg"] for d in response.json()["detail"] if d["loc"] == ["body", "decision"]]
    assert len(messages) == len(open_items)
    assert all(any(text in m for m in messages) for text in open_items)
    assert _fresh(org, initiative.reference).phase.key == "idea"


def test_pmo_approves_through_the_api_after_the_checklist_is_done(api, org):
    initiative = _new(org)
    call = api("pmo")
    ref = initiative.reference
    for item in call("get", FJORDBY + f"/initiatives/{ref}/checklist").json():
        if item["is_mandatory"]:
            call("patch", FJORDBY + f"/initiatives/{ref}/checklist/{item['id']}",
                 json={"version": item["version"], "status": "done"})
    response = call("post", FJORDBY + f"/initiatives/{ref}/decisions",
                    json=_decision(decision="approve_with_conditions",
                                   conditions="Budsjett avklares innen mars."))
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["from_phase"], body["to_phase"], body["recorded_by"]) == (
        "idea", "concept", "pmo@fjordby.test")
    assert _fresh(org, ref).phase.key == "concept"
    listed = call("get", FJORDBY + f"/initiatives/{ref}/decisions").json()
    assert [d["id"] for d in listed] == [body["id"]]
    phases = {i["phase"] for i in call("get", FJORDBY + f"/initiatives/{ref}/checklist").json()}
    assert phases == {"idea", "concept"}


@pytest.mark.parametrize("role", ["contributor", "viewer"])
def test_only_portfolio_managers_record_decisions_through_the_api(api, org, role):
    initiative = _new(org)
    response = api(role)("post", FJORDBY + f"/initiatives/{initiative.reference}/decisions",
                         json=_decision(decision="defer"))
    assert response.status_code == 403
    with tenant_scope(org):
        assert not GateDecision.objects.filter(initiative=initiative).exists()


def test_stop_through_the_api_stops_the_initiative(api, org):
    initiative = _new(org, "concept")
    response = api("admin")("post", FJORDBY + f"/initiatives/{initiative.reference}/decisions",
                            json=_decision(decision="stop", rationale="Nedprioritert."))
    assert response.status_code == 201
    assert response.json()["to_phase"] is None
    assert _fresh(org, initiative.reference).status == "stopped"


def test_decision_with_a_stale_version_is_409(api, org):
    initiative = _new(org)
    call = api("pmo")
    call("post", FJORDBY + f"/initiatives/{initiative.reference}/decisions",
         json=_decision(decision="defer"))
    response = call("post", FJORDBY + f"/initiatives/{initiative.reference}/decisions",
                    json=_decision(decision="defer", version=initiative.version))
    assert response.status_code == 409


def test_patch_can_no_longer_change_the_phase(api, org):
    version = _fresh(org, "INI-0001").version
    response = api("contributor")("patch", FJORDBY + "/initiatives/INI-0001",
                                  json={"version": version, "phase": "closing"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "phase"]
    stored = _fresh(org, "INI-0001")
    assert (stored.phase.key, stored.version) == ("execution", version)


def test_decisions_have_no_edit_or_delete_route(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    decisions = {p: set(ops) for p, ops in paths.items() if "decisions" in p}
    assert decisions == {"/api/v1/o/{org}/initiatives/{reference}/decisions": {"get", "post"}}
    assert "/api/v1/o/{org}/phases/" in paths
    assert "patch" in paths["/api/v1/o/{org}/initiatives/{reference}/checklist/{item_id}"]
