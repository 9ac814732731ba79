"""The risks API beyond the register: accept, escalate, review, close and reopen; actions;
the heat map; the risk appetite; the status report suggestion; the Excel import."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gevinst.core.scoping import tenant_scope
from gevinst.risks.models import Risk, RiskAction, RiskAppetite
from tests.conftest import api_token

pytestmark = pytest.mark.django_db

F = "/api/v1/o/fjordby/risks"
APPETITE = "/api/v1/o/fjordby/risk-appetite"


def _fields(response) -> set[str]:
    return {e["loc"][-1] for e in response.json()["detail"]}


def _risk(org, reference="RSK-0001") -> Risk:
    with tenant_scope(org):
        return Risk.objects.get(organisation=org, reference=reference)


# --- accept -------------------------------------------------------------------------------


def test_accepting_above_appetite_needs_a_decision_text(api, org):
    call = api("pmo")
    empty = call("post", f"{F}/RSK-0002/accept", {"decision": "  "})
    assert empty.status_code == 422 and _fields(empty) == {"decision"}
    assert _risk(org, "RSK-0002").accepted_at is None
    response = call("post", f"{F}/RSK-0002/accept", {"decision": "Opplæring tar tid; vi "
                                                                 "aksepterer i 2027."})
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["strategy"], body["is_accepted"], body["needs_decision"]) == (
        "accept", True, False)
    assert body["accepted_by"]["email"] == "pmo@fjordby.test"
    assert (body["accepted_score"], body["acceptance_decision"]) == (
        20, "Opplæring tar tid; vi aksepterer i 2027.")


def test_a_risk_within_appetite_needs_no_acceptance(api, org):
    response = api("pmo")("post", f"{F}/RSK-0001/accept", {"decision": "Ja"})
    assert response.status_code == 422 and _fields(response) == {"decision"}


def test_only_the_portfolio_office_or_the_initiatives_owner_accepts(api, org):
    # The contributor owns INI-0001 (and RSK-0001) but RSK-0002 is the organisation's.
    assert api("contributor")("post", f"{F}/RSK-0002/accept",
                              {"decision": "Ja"}).status_code == 403
    assert api("viewer")("post", f"{F}/RSK-0002/accept", {"decision": "Ja"}).status_code == 403
    assert _risk(org, "RSK-0002").accepted_at is None


def test_a_stale_version_on_a_decision_is_a_conflict(api, org):
    response = api("pmo")("post", f"{F}/RSK-0002/accept", {"decision": "Ja", "version": 7})
    assert response.status_code == 409
    assert _risk(org, "RSK-0002").accepted_at is None


# --- escalate, review, close, reopen ------------------------------------------------------


def test_escalating_to_the_programme_and_then_the_organisation(api, org):
    call = api("contributor")
    missing = call("post", f"{F}/RSK-0001/escalate", {"level": "programme", "reason": ""})
    assert missing.status_code == 422 and _fields(missing) == {"reason"}
    body = call("post", f"{F}/RSK-0001/escalate", {
        "level": "programme", "reason": "Treffer flere tiltak"}).json()
    assert (body["level"], body["programme"], body["initiative"]) == (
        "programme", "PRG-0001", "INI-0001")
    assert body["escalation_reason"] == "Treffer flere tiltak"
    down = call("post", f"{F}/RSK-0002/escalate", {"level": "programme", "reason": "Ned"})
    assert down.status_code == 422 and _fields(down) == {"level"}


def test_a_review_moves_the_next_review_date_forward(api, org):
    call = api("contributor")
    today = timezone.localdate()
    past = call("post", f"{F}/RSK-0001/review", {"next_review": today.isoformat()})
    assert past.status_code == 422 and _fields(past) == {"next_review"}
    later = today + dt.timedelta(days=90)
    body = call("post", f"{F}/RSK-0001/review", {"next_review": later.isoformat(),
                                                 "comment": "Gjennomgått"}).json()
    assert (body["next_review"], body["last_reviewed_on"]) == (later.isoformat(),
                                                               today.isoformat())


def test_closing_and_reopening(api, org):
    call = api("contributor")
    body = call("post", f"{F}/RSK-0001/close", {"status": "occurred",
                                                "comment": "Leverandøren gikk konkurs"}).json()
    assert (body["status"], body["closed_on"]) == ("occurred", timezone.localdate().isoformat())
    again = call("post", f"{F}/RSK-0001/close", {"status": "closed"})
    assert again.status_code == 422
    body = call("post", f"{F}/RSK-0001/reopen", {}).json()
    assert (body["status"], body["closed_on"]) == ("open", None)


def test_viewers_who_do_not_own_the_risk_may_not_decide(api, org):
    viewer = api("viewer")
    assert viewer("post", f"{F}/RSK-0001/close", {"status": "closed"}).status_code == 403
    assert viewer("post", f"{F}/RSK-0001/escalate", {
        "level": "organisation", "reason": "x"}).status_code == 403
    assert viewer("post", f"{F}/RSK-0001/reopen", {}).status_code == 403
    assert _risk(org).status == "open"


# --- actions ------------------------------------------------------------------------------


def test_adding_and_finishing_an_action(api, org):
    call = api("contributor")
    made = call("post", f"{F}/RSK-0001/actions/", {
        "description": "Krev dataeksport i standardformat", "owner_email": "viewer@fjordby.test",
        "due_date": "2027-01-31"})
    assert made.status_code == 201, made.json()
    action = made.json()
    assert (action["owner"]["email"], action["status"], action["overdue"]) == (
        "viewer@fjordby.test", "planned", False)
    listed = call("get", f"{F}/RSK-0001/actions/").json()
    assert [a["id"] for a in listed][-1] == action["id"] and len(listed) == 2
    # The action's owner (a viewer) marks it done; done records today.
    viewer = api("viewer")
    path = f"{F}/RSK-0001/actions/{action['id']}"
    assert viewer("patch", path, {"status": "done"}).status_code == 428
    done = viewer("patch", path, {"status": "done", "version": action["version"]})
    assert done.status_code == 200, done.json()
    assert (done.json()["status"], done.json()["completed_on"]) == (
        "done", timezone.localdate().isoformat())
    stale = call("patch", path, {"description": "Annet", "version": action["version"]})
    assert stale.status_code == 409


def test_action_errors_and_other_peoples_actions(api, org):
    call = api("contributor")
    bad = call("post", f"{F}/RSK-0001/actions/", {"description": " ",
                                                  "owner_email": "pmo@asdal.test"})
    assert bad.status_code == 422 and _fields(bad) == {"owner_email"}
    empty = call("post", f"{F}/RSK-0001/actions/", {"description": " "})
    assert empty.status_code == 422 and _fields(empty) == {"description"}
    with tenant_scope(org):
        action = RiskAction.objects.get(organisation=org, risk__reference="RSK-0001")
    # The viewer neither owns the action (the contributor does) nor its risk.
    assert api("viewer")("patch", f"{F}/RSK-0001/actions/{action.pk}", {
        "status": "done", "version": 1}).status_code == 403
    # An action of one risk is not found under another.
    assert call("patch", f"{F}/RSK-0002/actions/{action.pk}", {
        "status": "done", "version": 1}).status_code == 404


# --- heat map -----------------------------------------------------------------------------


def test_the_heat_map_counts_open_risks_per_cell(api, org):
    call = api("viewer")
    body = call("get", f"{F}/heatmap").json()
    assert (body["kind"], body["basis"], body["total"]) == ("risk", "residual", 2)
    assert len(body["cells"]) == 25
    cells = {(c["probability"], c["impact"]): c for c in body["cells"]}
    assert cells[(3, 3)]["count"] == 1 and cells[(3, 3)]["band"] == "medium"
    assert cells[(3, 3)]["risks"] == [{"reference": "RSK-0001",
                                       "title": "Innlåsing hos leverandør",
                                       "needs_decision": False}]
    assert cells[(4, 5)]["risks"][0]["needs_decision"] is True
    inherent = call("get", f"{F}/heatmap?basis=inherent&initiative=INI-0001").json()
    assert [(c["probability"], c["impact"]) for c in inherent["cells"] if c["count"]] == [
        (4, 4)]
    unknown = call("get", f"{F}/heatmap?programme=PRG-0002")
    assert unknown.status_code == 422 and _fields(unknown) == {"programme"}


# --- risk appetite ------------------------------------------------------------------------


def test_everyone_reads_the_appetite_and_only_admins_set_it(api, org):
    rows = {r["category"]: r for r in api("viewer")("get", APPETITE).json()}
    assert len(rows) == 10
    assert (rows["people"]["threshold"], rows["people"]["is_default"]) == (12, True)
    assert api("pmo")("put", APPETITE, {"people": 20}).status_code == 403
    response = api("admin")("put", APPETITE, {"people": 20, "security": 6})
    assert response.status_code == 200, response.json()
    rows = {r["category"]: r for r in response.json()}
    assert (rows["people"]["threshold"], rows["people"]["is_default"]) == (20, False)
    assert rows["security"]["threshold"] == 6
    # RSK-0002 (people, 20) is within the new appetite: no longer flagged.
    assert _risk(org, "RSK-0002").above_appetite is False
    back = api("admin")("put", APPETITE, {"people": None})
    assert {r["category"]: r for r in back.json()}["people"]["is_default"] is True
    assert _risk(org, "RSK-0002").above_appetite is True


def test_an_appetite_out_of_range_is_a_field_error(api, org):
    response = api("admin")("put", APPETITE, {"people": 30, "security": 0})
    assert response.status_code == 422 and _fields(response) == {"people", "security"}
    with tenant_scope(org):
        assert not RiskAppetite.objects.filter(organisation=org).exists()


# --- status report suggestion -------------------------------------------------------------


def test_the_risk_status_suggested_for_an_initiative(api, org):
    call = api("viewer")
    body = call("get", "/api/v1/o/fjordby/initiatives/INI-0001/risk-suggestion").json()
    assert (body["rag"], body["open_risks"]) == ("amber", 1)
    assert "RSK-0001" in body["reason"]
    none = call("get", "/api/v1/o/fjordby/initiatives/INI-0002/risk-suggestion").json()
    assert (none["rag"], none["open_risks"]) == ("", 0)
    foreign = call("get", "/api/v1/o/fjordby/initiatives/INI-0003/risk-suggestion")
    assert foreign.status_code == 404


# --- import -------------------------------------------------------------------------------


def _upload(client, token, data: bytes, dry_run: bool):
    return client.post("/api/v1/o/fjordby/import/risks/",
                       {"file": SimpleUploadedFile("risiko.xlsx", data),
                        "dry_run": "true" if dry_run else "false"},
                       HTTP_AUTHORIZATION=f"Bearer {token}")


def test_the_import_endpoint_reports_errors_by_row_and_column_and_imports(client, org):
    from tests.portfolio.importbooks import workbook

    token = api_token("pmo")
    bad = workbook(["Title", "Probability", "Impact"], [["A", 2, 2], ["B", 9, 2]])
    response = _upload(client, token, bad, dry_run=True)
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert (error["row"], error["column"], error["field"]) == (3, "B", "probability")
    good = workbook(["Title", "Probability", "Impact"], [["A", 2, 2], ["B", 3, 2]])
    checked = _upload(client, token, good, dry_run=True)
    assert checked.status_code == 200 and checked.json()["created"] == []
    done = _upload(client, token, good, dry_run=False)
    assert done.status_code == 201
    assert done.json()["created"] == ["RSK-0003", "RSK-0004"]
    assert _risk(org, "RSK-0004").score == 6


def test_only_the_portfolio_office_imports(client, org):
    from tests.portfolio.importbooks import workbook

    data = workbook(["Title", "Probability", "Impact"], [["A", 2, 2]])
    assert _upload(client, api_token("contributor"), data, dry_run=True).status_code == 403
