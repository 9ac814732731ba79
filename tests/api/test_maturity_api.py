"""The maturity API, read only: the assessments (list and one), the results of a closed one
(aggregates equal to the summary computed at closing, groups of at least five, the
recommendations; counts only below five respondents; never an answer), the current model in
the caller's language; roles and other organisations."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gevinst.core.models import Unit
from gevinst.core.scoping import tenant_scope
from gevinst.maturity import calc
from gevinst.maturity.modeldata import localized
from gevinst.maturity.models import Campaign, Recommendation
from gevinst.maturity.services import campaigns, responses
from gevinst.maturity.services.recommendations import do_convert_recommendation
from gevinst.maturity.services.versions import DEFAULT_KEY, current_version
from tests.conftest import world_answers

pytestmark = pytest.mark.django_db

F = "/api/v1/o/fjordby/maturity"
A = "/api/v1/o/asdal/maturity"
TODAY = timezone.localdate()
# Names that would mean a respondent's answers, link or address left the system.
FORBIDDEN_KEYS = {"answers", "resume_key", "token", "email", "low", "high"}


def _campaign(org, reference="MAT-0001") -> Campaign:
    with tenant_scope(org):
        return Campaign.objects.select_related("model_version").get(organisation=org,
                                                                    reference=reference)


def _run(org, people, *, answering: int, extra_emails: str = "", close: bool = True,
         title: str = "Modenhet") -> Campaign:
    """A campaign of the unit Helse og velferd (five members) and ``extra_emails``; the
    first ``answering`` invitations answer; closed when ``close``."""
    admin = people["admin"]
    with tenant_scope(org):
        unit = Unit.objects.get(organisation=org, name="Helse og velferd")
        campaign = campaigns.do_create_campaign(
            actor=admin, organisation=org, units=[unit], title=title, opens_on=TODAY,
            closes_on=TODAY + dt.timedelta(days=14), extra_emails=extra_emails)
        campaigns.do_open_campaign(actor=admin, campaign=campaign, expected_version=1)
        content = campaign.model_version.content
        for n, invitation in enumerate(campaign.invitations.order_by("email")[:answering]):
            responses.do_save_answers(invitation=invitation, token=invitation.token,
                                      send=True, answers=world_answers(content, n))
        if close:
            campaigns.do_close_campaign(actor=admin, campaign=campaign, expected_version=2)
        campaign.refresh_from_db()
        return campaign


def _keys(value) -> set[str]:
    """Every key of every object in a JSON answer."""
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


# --- routes, roles and other organisations --------------------------------------------------


ROUTES = ("campaigns/", "campaigns/MAT-0001/", "campaigns/MAT-0001/results", "model")


def test_every_maturity_route_is_in_the_openapi_document():
    from gevinst.api.urls import api

    paths = api.get_openapi_schema()["paths"]
    base = "/api/v1/o/{org}/maturity"
    for path in (f"{base}/campaigns/", f"{base}/campaigns/{{campaign}}/",
                 f"{base}/campaigns/{{campaign}}/results", f"{base}/model"):
        assert set(paths[path]) == {"get"}, path
    assert not [p for p in paths if p.startswith(base) and set(paths[p]) - {"get"}]


@pytest.mark.parametrize("route", ROUTES)
def test_a_viewer_reads_every_maturity_route(api, org, route):
    response = api("viewer")("get", f"{F}/{route}")
    assert response.status_code == 200, response.content


@pytest.mark.parametrize("route", ROUTES)
def test_an_employee_is_refused_every_maturity_route(api, org, route):
    response = api("employee")("get", f"{F}/{route}")
    assert response.status_code == 403
    assert response.json()["detail"]


@pytest.mark.parametrize("route", ROUTES)
def test_another_organisations_token_gets_404(api, org, route):
    assert api("viewer", "asdal")("get", f"{F}/{route}").status_code == 404
    assert api("admin")("get", f"{A}/{route}").status_code == 404


@pytest.mark.parametrize("route", ["campaigns/MAT-0002/", "campaigns/MAT-0002/results",
                                   "campaigns/MAT-9999/", "campaigns/MAT-9999/results"])
def test_another_organisations_campaign_through_own_address_is_404(api, org, route):
    # Åsdal has a draft MAT-0002; Fjordby has only MAT-0001.
    assert api("admin")("get", f"{F}/{route}").status_code == 404


# --- campaigns ------------------------------------------------------------------------------


def test_the_list_gives_each_campaign_with_its_counts(api, org, other_org):
    body = api("viewer")("get", f"{F}/campaigns/").json()
    assert (body["count"], body["page"], body["pages"]) == (1, 1, 1)
    [row] = body["results"]
    campaign = _campaign(org)
    assert row["reference"] == "MAT-0001" and row["title"] == "Digital modenhet 2026"
    assert (row["status"], row["mode"]) == ("closed", "anonymous")
    assert row["opens_on"] == campaign.opens_on.isoformat()
    assert row["closes_on"] == campaign.closes_on.isoformat()
    assert row["model"]["key"] == DEFAULT_KEY
    assert row["model"]["version"] == campaign.model_version.number
    assert (row["invited"], row["answered"], row["response_rate"]) == (5, 5, 1.0)

    asdal = api("viewer", "asdal")("get", f"{A}/campaigns/").json()
    assert [r["reference"] for r in asdal["results"]] == ["MAT-0002", "MAT-0001"]
    draft = asdal["results"][0]
    assert (draft["status"], draft["invited"], draft["answered"], draft["response_rate"]) == (
        "draft", 0, 0, None)
    only = api("viewer", "asdal")("get", f"{A}/campaigns/?status=draft&page_size=1").json()
    assert [r["reference"] for r in only["results"]] == ["MAT-0002"] and only["count"] == 1


def test_the_list_pages(api, org, people):
    for n in range(3):
        with tenant_scope(org):
            campaigns.do_create_campaign(
                actor=people["admin"], organisation=org,
                units=[Unit.objects.get(organisation=org, name="Helse og velferd")],
                title=f"Utkast {n}", opens_on=TODAY, closes_on=TODAY)
    body = api("viewer")("get", f"{F}/campaigns/?page=2&page_size=3").json()
    assert (body["count"], body["page"], body["pages"]) == (4, 2, 2)
    assert len(body["results"]) == 1


def test_the_list_costs_the_same_queries_however_many_campaigns(api, org, people):
    call = api("viewer")
    call("get", f"{F}/campaigns/")
    with CaptureQueriesContext(connection) as with_one:
        call("get", f"{F}/campaigns/")
    _run(org, people, answering=2, close=False, title="Åpen")
    _run(org, people, answering=5, title="Lukket")
    with tenant_scope(org):
        for n in range(5):
            campaigns.do_create_campaign(
                actor=people["admin"], organisation=org,
                units=[Unit.objects.get(organisation=org, name="Helse og velferd")],
                title=f"Utkast {n}", opens_on=TODAY, closes_on=TODAY)
    with CaptureQueriesContext(connection) as with_eight:
        body = call("get", f"{F}/campaigns/").json()
    assert body["count"] == 8
    assert len(with_eight) == len(with_one), [q["sql"] for q in with_eight.captured_queries]
    assert len(with_eight) <= 5, [q["sql"] for q in with_eight.captured_queries]


def test_one_campaign_has_the_fields_of_the_list(api, org, other_org):
    listed = api("viewer")("get", f"{F}/campaigns/").json()["results"][0]
    one = api("viewer")("get", f"{F}/campaigns/MAT-0001/").json()
    assert one == listed
    draft = api("viewer", "asdal")("get", f"{A}/campaigns/MAT-0002/").json()
    assert draft["status"] == "draft" and draft["closed_at"] is None


def test_an_open_campaign_shows_its_progress(api, org, people):
    campaign = _run(org, people, answering=2, close=False)
    one = api("viewer")("get", f"{F}/campaigns/{campaign.reference}/").json()
    assert (one["status"], one["invited"], one["answered"], one["response_rate"]) == (
        "open", 5, 2, 0.4)


# --- results --------------------------------------------------------------------------------


def test_results_equal_the_summary_computed_at_closing(api, org):
    body = api("viewer")("get", f"{F}/campaigns/MAT-0001/results").json()
    campaign = _campaign(org)
    content, whole = campaign.model_version.content, campaign.summary["whole"]
    assert body["shown"] is True
    assert (body["respondents"], body["invited"], body["response_rate"]) == (
        whole["respondents"], whole["invited"], whole["response_rate"]) == (5, 5, 1.0)
    assert body["model"] == {"key": DEFAULT_KEY, "version": campaign.model_version.number,
                             "name": campaign.model_version.name}
    overall = body["overall"]
    for field in ("mean", "median", "q1", "q3", "n"):
        assert overall[field] == whole["overall"][field], field
    assert overall["band"] == calc.band(whole["overall"]["mean"], content["bands"])["key"]
    assert [d["key"] for d in body["dimensions"]] == [d["key"] for d in content["dimensions"]]
    for dimension, model in zip(body["dimensions"], content["dimensions"], strict=True):
        stats = whole["dimensions"][dimension["key"]]
        for field in ("mean", "median", "q1", "q3", "n"):
            assert dimension[field] == stats[field], (dimension["key"], field)
        assert dimension["weight"] == model["weight"]
        assert dimension["name"] == model["name"]["en"]
        assert dimension["band"] == calc.band(stats["mean"], content["bands"])["key"]
    assert [b["key"] for b in body["bands"]] == [b["key"] for b in content["bands"]]
    assert [b["from"] for b in body["bands"]] == [b["from"] for b in content["bands"]]
    # One unit answered: the organisation is not split into groups.
    assert body["groups"] == campaign.summary["groups"] == []


def test_results_carry_the_recommendations_with_their_initiative(api, org, people):
    with tenant_scope(org):
        stored = list(Recommendation.objects.filter(organisation=org,
                                                    campaign__reference="MAT-0001")
                      .order_by("rank"))
        initiative = do_convert_recommendation(actor=people["pmo"],
                                               recommendation=stored[0])
    body = api("viewer")("get", f"{F}/campaigns/MAT-0001/results").json()
    content = _campaign(org).model_version.content
    got = body["recommendations"]
    assert [(r["rank"], r["dimension"], r["target_band"]) for r in got] == [
        (r.rank, r.dimension, r.target_band) for r in stored]
    assert stored and got[0]["initiative"] == initiative.reference
    assert all(r["initiative"] is None for r in got[1:])
    first = got[0]
    dimension = next(d for d in content["dimensions"] if d["key"] == first["dimension"])
    assert first["action"] == dimension["levels"][first["target_band"]]["en"]
    assert first["score"] == float(stored[0].score)


def test_results_hold_no_answers_links_or_addresses(api, org, people):
    campaign = _run(org, people, answering=10,
                    extra_emails="\n".join(f"gjest{i}@example.test" for i in range(5)))
    for reference in ("MAT-0001", campaign.reference):
        response = api("viewer")("get", f"{F}/campaigns/{reference}/results")
        assert not _keys(response.json()) & FORBIDDEN_KEYS
        assert b"@" not in response.content
        with tenant_scope(org):
            tokens = list(campaign.invitations.values_list("token", flat=True))
        assert not any(t.encode() in response.content for t in tokens)


def test_results_show_groups_of_five_and_the_rest_of_the_organisation(api, org, people):
    # Helse og velferd's five members and five guests without a unit: two groups.
    campaign = _run(org, people, answering=10,
                    extra_emails="\n".join(f"gjest{i}@example.test" for i in range(5)))
    body = api("viewer")("get", f"{F}/campaigns/{campaign.reference}/results").json()
    summary = campaign.summary["groups"]
    assert [(g["name"], g["respondents"]) for g in body["groups"]] == [
        ("Helse og velferd", 5), (None, 5)]
    with tenant_scope(org):
        unit = Unit.objects.get(organisation=org, name="Helse og velferd")
    assert [g["unit_id"] for g in body["groups"]] == [unit.pk, None]
    for got, stored in zip(body["groups"], summary, strict=True):
        assert got["overall"] == stored["overall"]["mean"]
        assert got["dimensions"] == {k: v["mean"] for k, v in stored["dimensions"].items()}
        assert (got["invited"], got["response_rate"]) == (stored["invited"],
                                                          stored["response_rate"])
    assert body["respondents"] == 10


def test_below_five_respondents_only_the_counts_are_given(api, org, people):
    campaign = _run(org, people, answering=3)
    assert campaign.summary["whole"]["shown"] is False
    body = api("viewer")("get", f"{F}/campaigns/{campaign.reference}/results").json()
    assert body["shown"] is False
    assert (body["respondents"], body["invited"]) == (3, 5)
    assert body["overall"] is None
    assert body["dimensions"] == body["groups"] == body["recommendations"] == []
    assert "mean" not in _keys(body) and "median" not in _keys(body)


def test_results_of_a_draft_or_open_campaign_are_a_conflict(api, org, other_org, people):
    draft = api("viewer", "asdal")("get", f"{A}/campaigns/MAT-0002/results")
    assert draft.status_code == 409
    assert "MAT-0002" in draft.json()["detail"] and "draft" in draft.json()["detail"]
    campaign = _run(org, people, answering=5, close=False)
    still_open = api("viewer")("get", f"{F}/campaigns/{campaign.reference}/results")
    assert still_open.status_code == 409 and "open" in still_open.json()["detail"]


def test_results_are_in_the_callers_language(api, org):
    body = api("viewer")("get", f"{F}/campaigns/MAT-0001/results",
                         accept_language="nb").json()
    content = _campaign(org).model_version.content
    assert body["dimensions"][0]["name"] == content["dimensions"][0]["name"]["nb"]
    assert body["bands"][0]["name"] == content["bands"][0]["name"]["nb"]


# --- the model ------------------------------------------------------------------------------


def test_the_model_is_the_current_version_with_its_questions(api, org):
    body = api("viewer")("get", f"{F}/model").json()
    version = current_version(DEFAULT_KEY)
    content = version.content
    assert (body["key"], body["version"], body["language"]) == (DEFAULT_KEY, version.number,
                                                                "en")
    assert body["name"] == content["name"]["en"]
    assert [b["key"] for b in body["bands"]] == [b["key"] for b in content["bands"]]
    assert [s["key"] for s in body["practice_scale"]] == [
        s["key"] for s in content["practice_scale"]]
    assert [d["key"] for d in body["dimensions"]] == [d["key"] for d in content["dimensions"]]
    dimension, model = body["dimensions"][0], content["dimensions"][0]
    assert [lv["band"] for lv in dimension["levels"]] == [b["key"] for b in content["bands"]]
    assert [q["key"] for q in dimension["questions"]] == [q["key"] for q in model["questions"]]
    questions = [q for d in content["dimensions"] for q in d["questions"]]
    got = {q["key"]: q for d in body["dimensions"] for q in d["questions"]}
    for question in questions:
        out = got[question["key"]]
        assert out["type"] == question["type"] and out["text"] == question["text"]["en"]
        assert [o["text"] for o in out["options"]] == [o["text"]["en"]
                                                       for o in question["options"]]
        assert [o["score"] for o in out["options"]] == [o.get("score")
                                                        for o in question["options"]]


@pytest.mark.parametrize("language", ["nb", "sv", "nb-NO,nb;q=0.9"])
def test_the_model_is_in_the_language_asked_for(api, org, language):
    body = api("viewer")("get", f"{F}/model", accept_language=language).json()
    content = current_version(DEFAULT_KEY).content
    expected = language[:2]
    assert body["language"] == expected
    assert body["name"] == content["name"][expected]
    question = content["dimensions"][0]["questions"][0]
    assert body["dimensions"][0]["questions"][0]["text"] == question["text"][expected]
    assert body["bands"][0]["name"] == localized(content["bands"][0]["name"], expected)
