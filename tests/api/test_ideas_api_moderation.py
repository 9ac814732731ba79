"""The ideas API, moderation: hiding and unhiding ideas and comments with a reason, the open
abuse reports and dismissing them; hidden ideas are 404 for everyone but their author and
the moderators."""

from __future__ import annotations

import pytest
from django.core import mail

from gevinst.core.scoping import tenant_scope
from gevinst.ideas.models import AbuseReport, Idea, IdeaComment

pytestmark = pytest.mark.django_db

F = "/api/v1/o/fjordby/ideas"


def _fields(response) -> set[str]:
    return {e["loc"][-1] for e in response.json()["detail"]}


def _comment(org) -> IdeaComment:
    """The viewer's top-level comment on IDE-0001 (reported by the contributor)."""
    with tenant_scope(org):
        return IdeaComment.objects.get(organisation=org, parent__isnull=True)


def _report(org) -> AbuseReport:
    with tenant_scope(org):
        return AbuseReport.objects.get(organisation=org)


def test_a_hidden_idea_is_404_for_others_and_shows_its_reason_to_the_author(
        api, org, django_capture_on_commit_callbacks):
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        response = api("pmo")("post", f"{F}/IDE-0001/hide", {"reason": "Navn på pasient"})
    assert response.status_code == 200, response.json()
    assert (response.json()["hidden"], response.json()["hidden_reason"]) == (
        True, "Navn på pasient")
    assert [m.to for m in mail.outbox] == [["employee@fjordby.test"]]
    for role in ("viewer", "contributor", "admin"):
        if role == "admin":  # administrators moderate too
            assert api(role)("get", f"{F}/IDE-0001/").status_code == 200
        else:
            assert api(role)("get", f"{F}/IDE-0001/").status_code == 404
            assert api(role)("post", f"{F}/IDE-0001/support").status_code == 404
    author = api("employee")("get", f"{F}/IDE-0001/").json()
    assert author["hidden_reason"] == "Navn på pasient"
    assert api("pmo")("post", f"{F}/IDE-0001/hide", {"reason": "Igjen"}).status_code == 422
    shown = api("pmo")("post", f"{F}/IDE-0001/unhide")
    assert shown.status_code == 200 and shown.json()["hidden"] is False
    assert api("viewer")("get", f"{F}/IDE-0001/").status_code == 200
    assert api("pmo")("post", f"{F}/IDE-0001/unhide").status_code == 422


def test_hiding_needs_a_reason(api, org):
    assert _fields(api("pmo")("post", f"{F}/IDE-0001/hide", {"reason": " "})) == {"reason"}
    with tenant_scope(org):
        assert not Idea.objects.get(organisation=org, reference="IDE-0001").hidden


def test_hiding_a_comment_resolves_its_report_and_counts_it_out(api, org):
    comment = _comment(org)
    path = f"{F}/IDE-0001/comments/{comment.pk}"
    assert api("viewer")("post", f"{path}/hide", {"reason": "X"}).status_code == 403
    response = api("pmo")("post", f"{path}/hide", {"reason": "Usaklig"})
    assert response.status_code == 200, response.json()
    assert (response.json()["hidden"], response.json()["hidden_reason"]) == (True, "Usaklig")
    report = _report(org)
    assert (report.outcome, report.resolved_at is not None) == ("hidden", True)
    seen = api("employee")("get", f"{F}/IDE-0001/").json()
    assert seen["comment_count"] == 1
    assert seen["comments"][0]["notice"] == "A comment was hidden by a moderator."
    assert api("pmo")("get", f"{F}/abuse-reports/").json() == []
    shown = api("pmo")("post", f"{path}/unhide")
    assert shown.status_code == 200 and shown.json()["hidden"] is False
    assert api("viewer")("get", f"{F}/IDE-0001/").json()["comment_count"] == 2


def test_a_comment_of_another_idea_or_organisation_is_404(api, org, other_org):
    with tenant_scope(other_org):
        foreign = IdeaComment.objects.filter(organisation=other_org).first().pk
    call = api("pmo")
    assert call("post", f"{F}/IDE-0001/comments/{foreign}/hide",
                {"reason": "X"}).status_code == 404
    assert call("post", f"{F}/IDE-0001/comments/999999/unhide").status_code == 404


def test_the_open_reports_and_dismissing_one(api, org, other_org):
    report = _report(org)
    (listed,) = api("pmo")("get", f"{F}/abuse-reports/").json()
    assert (listed["id"], listed["idea"], listed["comment"], listed["reason"]) == (
        report.pk, "IDE-0001", _comment(org).pk, "Test av rapportering.")
    assert listed["reporter"]["email"] == "contributor@fjordby.test"
    path = f"{F}/abuse-reports/{report.pk}/dismiss"
    assert api("contributor")("post", path).status_code == 403
    response = api("pmo")("post", path)
    assert response.status_code == 200, response.json()
    assert response.json()["outcome"] == "dismissed"
    assert api("pmo")("post", path).status_code == 422  # handled already
    assert api("pmo")("get", f"{F}/abuse-reports/").json() == []
    assert not _comment(org).hidden
    with tenant_scope(other_org):
        foreign = AbuseReport.objects.filter(organisation=other_org).first().pk
    assert api("pmo")("post", f"{F}/abuse-reports/{foreign}/dismiss").status_code == 404
