"""The ideas API, what every member does: submit and edit ideas (versions, field errors,
who may edit), support and withdraw, follow and unfollow, comment and reply, report abuse."""

from __future__ import annotations

import pytest

from gevinst.core.models import Unit
from gevinst.core.scoping import tenant_scope
from gevinst.ideas.models import AbuseReport, Idea, IdeaComment, IdeaFollower, IdeaSupport
from tests.conftest import person

pytestmark = pytest.mark.django_db

F = "/api/v1/o/fjordby/ideas"


def _fields(response) -> set[str]:
    return {e["loc"][-1] for e in response.json()["detail"]}


def _idea(org, reference="IDE-0001") -> Idea:
    with tenant_scope(org):
        return Idea.objects.get(organisation=org, reference=reference)


def _submit(api, org, role="employee", **fields) -> dict:
    with tenant_scope(org):
        unit = Unit.objects.get(organisation=org, name="Helse og velferd")
    response = api(role)("post", f"{F}/", {
        "title": "Felles kalender for hjemmetjenesten",
        "problem": "Vaktlistene ligger i tre systemer.", "proposal": "Én kalender.",
        "expected_benefit": "Færre dobbeltbookinger.", "units": [unit.pk], **fields})
    assert response.status_code == 201, response.json()
    return response.json()


def test_an_employee_submits_an_idea_and_follows_it(api, org):
    body = _submit(api, org)
    assert body["reference"] == "IDE-0002"
    assert (body["status"], body["author"]["email"], body["unit"]["name"]) == (
        "submitted", "employee@fjordby.test", "Helse og velferd")
    assert [u["name"] for u in body["units"]] == ["Helse og velferd"]
    assert (body["proposal"], body["expected_benefit"]) == ("Én kalender.",
                                                            "Færre dobbeltbookinger.")
    assert body["you"]["follows"] is True and body["you"]["may_edit"] is True
    idea = _idea(org, "IDE-0002")
    assert idea.history.first().history_user.email == "employee@fjordby.test"


def test_an_invalid_idea_is_refused_field_by_field(api, org, other_org):
    with tenant_scope(other_org):
        foreign = Unit.objects.filter(organisation=other_org).first().pk
    call = api("employee")
    response = call("post", f"{F}/", {"title": " ", "problem": "", "units": [foreign]})
    assert response.status_code == 422
    assert _fields(response) == {"title", "problem", "units"}
    assert call("post", f"{F}/", {"title": "X" * 201, "problem": "P"}).status_code == 422
    with tenant_scope(org):
        assert Idea.objects.filter(organisation=org).count() == 1


def test_the_author_edits_with_a_version_until_the_first_answer(api, org):
    reference = _submit(api, org)["reference"]
    call = api("employee")
    path = f"{F}/{reference}/"
    assert call("patch", path, {"title": "Ny"}).status_code == 428
    response = call("patch", path, {"version": 1, "title": "Én felles kalender",
                                    "units": []})
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["title"], body["units"], body["version"]) == ("Én felles kalender", [], 2)
    assert body["problem"] == "Vaktlistene ligger i tre systemer."  # left out: kept
    stale = call("patch", path, {"version": 1, "title": "Gammel"})
    assert stale.status_code == 409
    assert _idea(org, reference).title == "Én felles kalender"
    by_header = call("patch", path, {"proposal": "To kalendere"}, **{"If-Match": '"2"'})
    assert by_header.status_code == 200 and by_header.json()["proposal"] == "To kalendere"
    invalid = call("patch", path, {"version": 3, "problem": ""})
    assert invalid.status_code == 422 and _fields(invalid) == {"problem"}


def test_others_may_not_edit_an_idea_but_the_portfolio_office_may(api, org):
    reference = _submit(api, org)["reference"]
    path = f"{F}/{reference}/"
    assert api("viewer")("patch", path, {"version": 1, "title": "X"}).status_code == 403
    assert api("contributor")("patch", path, {"version": 1, "title": "X"}).status_code == 403
    # IDE-0001 is under review: its author may no longer edit it; the PMO may.
    assert api("employee")("patch", f"{F}/IDE-0001/", {"version": 1,
                                                       "title": "X"}).status_code == 403
    response = api("pmo")("patch", f"{F}/IDE-0001/", {"version": 1, "title": "Bedre tittel"})
    assert response.status_code == 200 and response.json()["title"] == "Bedre tittel"


def test_support_once_then_withdraw(api, org):
    call = api("contributor")
    body = call("post", f"{F}/IDE-0001/support").json()
    assert body == {"support_count": 2, "supports": True, "follows": True}
    again = call("post", f"{F}/IDE-0001/support")
    assert again.status_code == 422
    assert "already support" in again.json()["detail"][0]["msg"]
    body = call("delete", f"{F}/IDE-0001/support").json()
    assert body == {"support_count": 1, "supports": False, "follows": True}
    with tenant_scope(org):
        assert not IdeaSupport.objects.filter(organisation=org,
                                              user=person("contributor")).exists()


def test_the_author_may_not_support_their_own_idea(api, org):
    response = api("employee")("post", f"{F}/IDE-0001/support")
    assert response.status_code == 422
    assert _idea(org).support_count == 1


def test_follow_and_unfollow_but_the_author_always_follows(api, org):
    call = api("pmo")
    assert call("post", f"{F}/IDE-0001/follow").json()["follows"] is True
    assert call("post", f"{F}/IDE-0001/follow").json()["follows"] is True  # idempotent
    assert call("delete", f"{F}/IDE-0001/follow").json()["follows"] is False
    assert api("employee")("delete", f"{F}/IDE-0001/follow").status_code == 422
    with tenant_scope(org):
        assert IdeaFollower.objects.filter(organisation=org, idea=_idea(org),
                                           user=person("employee")).exists()


def test_comment_and_a_reply_to_a_reply_joins_the_thread(api, org):
    call = api("contributor")
    made = call("post", f"{F}/IDE-0001/comments", {"body": "Godt forslag."})
    assert made.status_code == 201, made.json()
    assert (made.json()["body"], made.json()["author"]["email"]) == (
        "Godt forslag.", "contributor@fjordby.test")
    with tenant_scope(org):
        reply = IdeaComment.objects.get(organisation=org, parent__isnull=False)
        top = reply.parent_id
    answer = call("post", f"{F}/IDE-0001/comments", {"body": "Enig.", "parent": reply.pk})
    assert answer.status_code == 201
    with tenant_scope(org):
        assert IdeaComment.objects.get(pk=answer.json()["id"]).parent_id == top
    idea = api("viewer")("get", f"{F}/IDE-0001/").json()
    assert idea["comment_count"] == 4
    assert [r["body"] for r in idea["comments"][0]["replies"]] == [
        "Takk! Vi har tall fra i fjor.", "Enig."]
    assert idea["comments"][1]["body"] == "Godt forslag."


def test_invalid_comments_are_refused(api, org):
    call = api("contributor")
    assert _fields(call("post", f"{F}/IDE-0001/comments", {"body": " "})) == {"body"}
    assert _fields(call("post", f"{F}/IDE-0001/comments", {"body": "X" * 5001})) == {"body"}
    assert _fields(call("post", f"{F}/IDE-0001/comments",
                        {"body": "Hei", "parent": 999999})) == {"parent"}
    assert _idea(org).comment_count == 2


def test_report_an_idea_or_a_comment_once(api, org):
    call = api("viewer")
    made = call("post", f"{F}/IDE-0001/reports", {"reason": "Reklame"})
    assert made.status_code == 201, made.json()
    assert (made.json()["idea"], made.json()["comment"], made.json()["reason"]) == (
        "IDE-0001", None, "Reklame")
    assert call("post", f"{F}/IDE-0001/reports", {"reason": "Igjen"}).status_code == 422
    with tenant_scope(org):
        reply = IdeaComment.objects.get(organisation=org, parent__isnull=False)
    on_comment = call("post", f"{F}/IDE-0001/reports", {"reason": "Uhøflig",
                                                         "comment": reply.pk})
    assert on_comment.status_code == 201 and on_comment.json()["comment"] == reply.pk
    assert _fields(call("post", f"{F}/IDE-0001/reports", {"reason": ""})) == {"reason"}
    assert _fields(call("post", f"{F}/IDE-0001/reports",
                        {"reason": "X", "comment": 999999})) == {"comment"}
    with tenant_scope(org):
        assert AbuseReport.objects.filter(organisation=org, reporter=person("viewer")).count() \
            == 2
