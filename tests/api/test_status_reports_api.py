"""The status-reports API: reading, drafts, publishing, immutability and the not-reported
list. World: INI-0001 has September 2026 published and an October 2026 draft."""

from __future__ import annotations

import datetime as dt

import pytest

from gevinst.core.scoping import tenant_scope, unscoped
from gevinst.portfolio.models import Initiative, StatusReport

FJORDBY = "/api/v1/o/fjordby"
REPORTS = f"{FJORDBY}/initiatives/INI-0001/status-reports/"
ALL_GREEN = {f: "green" for f in ("overall", "schedule", "cost", "scope", "risk", "benefits",
                                  "resources")}


def report(org, period: dt.date) -> StatusReport | None:
    with tenant_scope(org):
        return StatusReport.objects.filter(organisation=org, initiative__reference="INI-0001",
                                           period_start=period).first()


def september(org):
    return report(org, dt.date(2026, 9, 1))


def october(org):
    return report(org, dt.date(2026, 10, 1))


def test_viewer_lists_reports_newest_first_and_filters_by_state(api, org):
    call = api("viewer")
    body = call("get", REPORTS).json()
    assert [r["period_start"] for r in body] == ["2026-10-01", "2026-09-01"]
    assert body[1]["state"] == "published" and body[1]["initiative"] == "INI-0001"
    assert body[1]["published_by"]["email"] == "contributor@fjordby.test"
    published = call("get", f"{REPORTS}?state=published").json()
    assert [r["state"] for r in published] == ["published"]


def test_viewer_reads_one_report(api, org):
    response = api("viewer")("get", f"{REPORTS}{september(org).pk}")
    assert response.status_code == 200
    assert response.json()["budget"] in ("1200000.00", 1200000.0, "1200000")


def test_contributor_creates_a_prefilled_draft(api, org):
    response = api("contributor")("post", REPORTS, json={"period_start": "2026-08-20",
                                                         "summary": "Egen tekst"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["period_start"] == "2026-08-01" and body["state"] == "draft"
    assert body["summary"] == "Egen tekst" and body["overall"] == ""  # nothing before August
    created = api("contributor")("post", "/api/v1/o/fjordby/initiatives/INI-0001/"
                                 "status-reports/", json={})
    assert created.status_code == 201
    assert created.json()["overall"] == "green"  # current period: from September's report


def test_viewer_cannot_write(api, org):
    call = api("viewer")
    assert call("post", REPORTS, json={"period_start": "2026-08-01"}).status_code == 403
    draft = october(org)
    assert call("patch", f"{REPORTS}{draft.pk}", json={"version": draft.version,
                                                       "summary": "x"}).status_code == 403
    assert report(org, dt.date(2026, 8, 1)) is None


def test_duplicate_period_is_422_on_the_field(api, org):
    response = api("contributor")("post", REPORTS, json={"period_start": "2026-09-01"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "period_start"]


def test_patch_needs_the_version_and_catches_conflicts(api, org):
    call = api("contributor")
    draft = october(org)
    assert call("patch", f"{REPORTS}{draft.pk}", json={"summary": "x"}).status_code == 428
    ok = call("patch", f"{REPORTS}{draft.pk}", json={"summary": "Første"},
              **{"If-Match": str(draft.version)})
    assert ok.status_code == 200 and ok.json()["version"] == draft.version + 1
    stale = call("patch", f"{REPORTS}{draft.pk}", json={"version": draft.version,
                                                        "summary": "Andre"})
    assert stale.status_code == 409
    assert october(org).summary == "Første"


def test_publishing_needs_every_status(api, org):
    draft = october(org)
    response = api("contributor")("post", f"{REPORTS}{draft.pk}/publish",
                                  json={"version": draft.version, "risk": ""})
    assert response.status_code == 422
    assert {d["loc"][-1] for d in response.json()["detail"]} == {"risk"}
    assert october(org).state == "draft"


def test_publishing_sets_the_initiatives_status(api, org):
    draft = october(org)
    response = api("contributor")("post", f"{REPORTS}{draft.pk}/publish",
                                  json={**ALL_GREEN, "overall": "red", "version": draft.version})
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "published"
    with unscoped():
        ini = Initiative.objects.get(organisation=org, reference="INI-0001")
    assert (ini.rag, ini.rag_period) == ("red", dt.date(2026, 10, 1))


@pytest.mark.parametrize("method, suffix, body", [
    ("patch", "", {"summary": "Omskrevet", "version": 1}),
    ("post", "/publish", {"version": 1}),
    ("delete", "", None),
])
def test_published_report_cannot_be_changed_through_the_api(api, org, method, suffix, body):
    published = september(org)
    if body is not None:
        body["version"] = published.version
    response = api("admin")(method, f"{REPORTS}{published.pk}{suffix}", json=body)
    assert response.status_code == 409
    after = september(org)
    assert after.summary == "Leveransen går etter planen." and after.version == published.version


def test_contributor_deletes_a_draft(api, org):
    assert api("contributor")("delete", f"{REPORTS}{october(org).pk}").status_code == 204
    assert october(org) is None


def test_not_reported_lists_initiatives_without_a_published_report(api, org):
    body = api("viewer")("get", f"{FJORDBY}/status-reports/not-reported?period=2026-10-17"
                         ).json()
    assert body["period_start"] == "2026-10-01" and body["due"] == "2026-11-05"
    rows = {r["reference"]: r for r in body["results"]}
    assert set(rows) == {"INI-0001", "INI-0002"}
    assert rows["INI-0001"]["has_draft"] is True and rows["INI-0002"]["has_draft"] is False
    assert rows["INI-0002"]["manager"]["email"] == "contributor@fjordby.test"
    september_rows = api("viewer")("get", f"{FJORDBY}/status-reports/not-reported"
                                   "?period=2026-09-01").json()["results"]
    assert [r["reference"] for r in september_rows] == ["INI-0002"]


def test_foreign_token_gets_404(api, org):
    call = api("admin", "asdal")
    assert call("get", REPORTS).status_code == 404
    assert call("get", f"{REPORTS}{september(org).pk}").status_code == 404
    assert call("delete", f"{REPORTS}{october(org).pk}").status_code == 404
    assert october(org) is not None


def test_report_of_another_organisation_via_own_address_is_404(api, other_org):
    with unscoped():
        foreign = StatusReport.objects.filter(organisation=other_org).first()
    response = api("admin")("get", f"{REPORTS}{foreign.pk}")
    assert response.status_code == 404


def test_routes_are_in_the_openapi_document(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    base = "/api/v1/o/{org}/initiatives/{reference}/status-reports/"
    assert {"get", "post"} <= set(paths[base])
    assert {"get", "patch", "delete"} <= set(paths[base + "{report_id}"])
    assert "post" in paths[base + "{report_id}/publish"]
    assert "get" in paths["/api/v1/o/{org}/status-reports/not-reported"]
