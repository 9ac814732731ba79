"""The ideas API, the portfolio office's work: official answers (emailed), reviewers,
ratings and the score, acceptance into the portfolio, and who may do each."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core import mail

from gevinst.core.models import Unit
from gevinst.core.scoping import tenant_scope
from gevinst.ideas.models import Idea, IdeaAnswer, ScoringCriterion
from gevinst.portfolio.models import Initiative

pytestmark = pytest.mark.django_db

F = "/api/v1/o/fjordby/ideas"


def _fields(response) -> set[str]:
    return {e["loc"][-1] for e in response.json()["detail"]}


def _idea(org, reference="IDE-0001") -> Idea:
    with tenant_scope(org):
        return Idea.objects.get(organisation=org, reference=reference)


def _criteria(org) -> list[int]:
    with tenant_scope(org):
        return list(ScoringCriterion.objects.filter(organisation=org, active=True)
                    .order_by("order", "id").values_list("pk", flat=True))


def test_an_answer_sets_the_status_and_emails_author_and_followers(
        api, org, django_capture_on_commit_callbacks):
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        response = api("pmo")("post", f"{F}/IDE-0001/answer", {
            "status": "parked", "answer": "Vi tar den opp igjen til våren.", "version": 1})
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["status"], body["answer"], body["answered_by"]["email"]) == (
        "parked", "Vi tar den opp igjen til våren.", "pmo@fjordby.test")
    assert body["first_answered_at"] is not None
    assert [(a["status"], a["text"]) for a in body["answers"]] == [
        ("parked", "Vi tar den opp igjen til våren.")]
    assert sorted(to for m in mail.outbox for to in m.to) == [
        "employee@fjordby.test", "viewer@fjordby.test"]


def test_invalid_answers_are_refused(api, org):
    call = api("pmo")
    assert _fields(call("post", f"{F}/IDE-0001/answer",
                        {"status": "rejected", "answer": " "})) == {"answer"}
    assert call("post", f"{F}/IDE-0001/answer",
                {"status": "accepted", "answer": "Ja"}).status_code == 422
    assert _fields(call("post", f"{F}/IDE-0001/answer",
                        {"status": "done", "answer": "Ferdig"})) == {"status"}
    assert _fields(call("post", f"{F}/IDE-0001/answer",
                        {"status": "duplicate", "answer": "Dobbel"})) == {"duplicate_of"}
    assert _fields(call("post", f"{F}/IDE-0001/answer",
                        {"status": "duplicate", "answer": "Dobbel",
                         "duplicate_of": "IDE-0002"})) == {"duplicate_of"}  # Åsdal's
    assert _fields(call("post", f"{F}/IDE-0001/answer",
                        {"status": "duplicate", "answer": "Dobbel",
                         "duplicate_of": "IDE-0001"})) == {"duplicate_of"}
    assert call("post", f"{F}/IDE-0001/answer", {"status": "parked", "answer": "Nei",
                                                 "version": 7}).status_code == 409
    assert _idea(org).status == "under_review"


def test_a_duplicate_points_to_the_original(api, org):
    original = api("viewer")("post", f"{F}/", {"title": "Timebestilling på nett",
                                               "problem": "Telefonkø."}).json()["reference"]
    response = api("pmo")("post", f"{F}/IDE-0001/answer", {
        "status": "duplicate", "answer": "Samme som den andre.", "duplicate_of": original})
    assert response.status_code == 200, response.json()
    assert (response.json()["status"], response.json()["duplicate_of"]) == (
        "duplicate", original)
    assert response.json()["answers"][-1]["duplicate_of"] == original


@pytest.mark.parametrize("role", ["employee", "viewer", "contributor"])
def test_only_the_portfolio_office_answers_assigns_accepts_and_moderates(api, org, role):
    call = api(role)
    assert call("post", f"{F}/IDE-0001/answer", {"status": "parked",
                                                 "answer": "Nei"}).status_code == 403
    assert call("put", f"{F}/IDE-0001/reviewers", {"reviewers": []}).status_code == 403
    assert call("post", f"{F}/IDE-0001/accept", {"answer": "Ja"}).status_code == 403
    assert call("post", f"{F}/IDE-0001/hide", {"reason": "Nei"}).status_code == 403
    assert call("get", f"{F}/abuse-reports/").status_code == 403
    assert _idea(org).status == "under_review" and not _idea(org).hidden


def test_reviewers_are_set_by_email_and_the_new_ones_are_emailed(
        api, org, django_capture_on_commit_callbacks):
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        response = api("pmo")("put", f"{F}/IDE-0001/reviewers", {
            "reviewers": ["contributor@fjordby.test", "VIEWER@fjordby.test"]})
    assert response.status_code == 200, response.json()
    assert [r["email"] for r in response.json()["reviewers"]] == [
        "contributor@fjordby.test", "viewer@fjordby.test"]
    assert [m.to for m in mail.outbox] == [["viewer@fjordby.test"]]
    refused = api("pmo")("put", f"{F}/IDE-0001/reviewers",
                         {"reviewers": ["pmo@asdal.test"]})
    assert refused.status_code == 422 and _fields(refused) == {"reviewers"}


def test_a_reviewer_rates_and_the_score_follows_when_every_criterion_is_rated(api, org):
    criteria = _criteria(org)
    call = api("contributor")  # IDE-0001's reviewer
    partial = call("put", f"{F}/IDE-0001/ratings", {"ratings": [
        {"criterion_id": criteria[2], "rating": 3}]})
    assert partial.status_code == 200, partial.json()
    assert partial.json()["score_breakdown"]["rated"] == 3
    assert partial.json()["score"] is None
    full = call("put", f"{F}/IDE-0001/ratings", {"ratings": [
        {"criterion_id": criteria[3], "rating": 5}, {"criterion_id": criteria[4],
                                                     "rating": 2}]}).json()
    # (4 + 4 + 3 + 5 + 2) / 5 = 3.6: medium with the default bands.
    assert (Decimal(full["score"]), full["band"]) == (Decimal("3.60"), "medium")
    assert full["score_breakdown"]["ratings"][0]["rubric"] is not None  # may rate
    cleared = call("put", f"{F}/IDE-0001/ratings", {"ratings": [
        {"criterion_id": criteria[4], "rating": None}]}).json()
    assert (cleared["score"], cleared["band"]) == (None, None)


def test_ratings_are_checked_and_only_scorers_rate(api, org, other_org):
    criteria = _criteria(org)
    with tenant_scope(other_org):
        foreign = ScoringCriterion.objects.filter(organisation=other_org).first().pk
    call = api("pmo")
    bad = call("put", f"{F}/IDE-0001/ratings", {"ratings": [
        {"criterion_id": criteria[0], "rating": 6}, {"criterion_id": foreign, "rating": 3}]})
    assert bad.status_code == 422
    assert _fields(bad) == {f"criterion_{criteria[0]}", f"criterion_{foreign}"}
    for role in ("viewer", "employee"):
        assert api(role)("put", f"{F}/IDE-0001/ratings", {"ratings": [
            {"criterion_id": criteria[0], "rating": 1}]}).status_code == 403


def test_acceptance_creates_the_initiative_from_the_idea(
        api, org, django_capture_on_commit_callbacks):
    criteria = _criteria(org)
    rated = api("pmo")("put", f"{F}/IDE-0001/ratings", {"ratings": [
        {"criterion_id": pk, "rating": 4} for pk in criteria[2:]]}).json()
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        response = api("pmo")("post", f"{F}/IDE-0001/accept", {
            "answer": "Vi setter det i gang.", "phase": "concept",
            "owner_email": "contributor@fjordby.test", "version": rated["version"]})
    assert response.status_code == 201, response.json()
    body = response.json()
    reference = body["initiative"]
    assert (body["idea"]["status"], body["idea"]["initiative"]) == ("accepted", reference)
    assert body["idea"]["progress"]["reference"] == reference
    assert body["idea"]["progress"]["phases"][1] == {"name": "Concept", "current": True,
                                                      "done": False}
    with tenant_scope(org):
        initiative = Initiative.objects.get(organisation=org, reference=reference)
        unit = Unit.objects.get(organisation=org, name="Helse og velferd")
        assert (initiative.title, initiative.phase.key, initiative.owner.email) == (
            "Digital timebestilling på helsestasjonen", "concept", "contributor@fjordby.test")
        assert initiative.proposal == "La foreldre bestille og flytte timer selv på nett."
        assert initiative.expected_benefit == "Kortere telefonkø og færre uteblitte timer."
        assert list(initiative.affected_units.all()) == [unit]
        assert (initiative.owning_unit, initiative.priority_score) == (unit, Decimal("4.00"))
        assert IdeaAnswer.objects.get(organisation=org, status="accepted").text == \
            "Vi setter det i gang."
    assert sorted(to for m in mail.outbox for to in m.to) == [
        "employee@fjordby.test", "viewer@fjordby.test"]
    # The author sees the public progress; an employee may not open the initiative.
    mine = api("employee")("get", f"{F}/IDE-0001/").json()
    assert mine["progress"]["reference"] == reference
    assert mine["you"]["may_read_initiative"] is False
    again = api("pmo")("post", f"{F}/IDE-0001/accept", {"answer": "Igjen"})
    assert again.status_code == 422
    converted = api("pmo")("patch", f"{F}/IDE-0001/", {"version": body["idea"]["version"],
                                                       "title": "X"})
    assert converted.status_code == 422
    assert "edit the initiative" in converted.json()["detail"][0]["msg"]


def test_acceptance_refuses_wrong_phases_people_and_units(api, org, other_org):
    with tenant_scope(other_org):
        foreign = Unit.objects.filter(organisation=other_org).first().pk
    response = api("pmo")("post", f"{F}/IDE-0001/accept", {
        "answer": "", "phase": "execution", "owner_email": "employee@fjordby.test",
        "owning_unit_id": foreign})
    assert response.status_code == 422
    assert _fields(response) == {"owner_email"}  # people are checked first
    response = api("pmo")("post", f"{F}/IDE-0001/accept", {
        "answer": "", "phase": "execution", "owning_unit_id": foreign})
    assert _fields(response) == {"answer", "phase", "owning_unit_id"}
    assert _idea(org).initiative_id is None
