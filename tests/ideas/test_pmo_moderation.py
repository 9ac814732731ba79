"""Moderation: the open abuse reports (hide what was reported with a reason, or dismiss the
report), what is hidden now (unhide it), and the hide pages of an idea and a comment; a
fixed number of queries however many reports and hidden items there are."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gevinst.core.scoping import tenant_scope
from gevinst.ideas.models import AbuseReport, Idea, IdeaComment

pytestmark = pytest.mark.django_db

PAGE = "/o/fjordby/ideas/moderation/"
IDEA = "/o/fjordby/ideas/IDE-0001/"


def _report(org) -> AbuseReport:
    with tenant_scope(org):
        return AbuseReport.objects.select_related("comment").get(organisation=org)


def _comment(org) -> IdeaComment:
    return _report(org).comment


def test_page_lists_the_open_report_with_its_target_and_reporter(client_as, org):
    page = client_as("pmo").get(PAGE).content.decode()
    assert "1 open report" in page
    assert "A comment on IDE-0001" in page
    assert "Dette ville spart oss mye tid." in page  # the comment reported
    assert "Contributor Fjordby" in page and "Test av rapportering." in page
    assert "No idea is hidden." in page and "No comment is hidden." in page


def test_hiding_a_comment_needs_a_reason_and_keeps_the_page(client_as, org):
    comment = _comment(org)
    url = f"{IDEA}comments/{comment.pk}/hide/"
    response = client_as("pmo").post(url, {"action": "hide", "reason": "  ",
                                           "next": PAGE})
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    assert 'id="id_reason_error"' in response.content.decode()
    assert not _comment(org).hidden


def test_hiding_a_comment_resolves_its_report_and_tells_the_author(
        client_as, org, django_capture_on_commit_callbacks):
    comment = _comment(org)
    client = client_as("pmo")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{IDEA}comments/{comment.pk}/hide/",
                               {"action": "hide", "reason": "Personopplysninger.",
                                "next": PAGE})
    assert response.status_code == 302 and response["Location"] == PAGE
    report = _report(org)
    assert report.outcome == "hidden" and _comment(org).hidden
    assert [m.to for m in mail.outbox] == [["viewer@fjordby.test"]]
    page = client.get(PAGE).content.decode()
    assert "No open reports." in page and "1 hidden comment" in page
    assert "Personopplysninger." in page
    # Unhide from the moderation page.
    response = client.post(f"{IDEA}comments/{comment.pk}/hide/",
                           {"action": "unhide", "next": PAGE})
    assert response.status_code == 302 and not _comment(org).hidden


def test_dismissing_a_report_hides_nothing(client_as, org):
    report = _report(org)
    client = client_as("pmo")
    response = client.post(f"{PAGE}{report.pk}/dismiss/", {"next": PAGE})
    assert response.status_code == 302
    assert _report(org).outcome == "dismissed" and not _comment(org).hidden
    assert "nothing was hidden" in client.get(PAGE).content.decode()
    # A second dismissal is refused with a message, not an error page.
    again = client.post(f"{PAGE}{report.pk}/dismiss/", follow=True)
    assert "handled already" in again.content.decode()


def test_hide_and_unhide_an_idea(client_as, org, people):
    client = client_as("pmo")
    form_page = client.get(f"{IDEA}hide/").content.decode()
    assert 'name="reason"' in form_page
    response = client.post(f"{IDEA}hide/", {"action": "hide", "reason": "Dobbeltpost."})
    assert response.status_code == 302
    with tenant_scope(org):
        assert Idea.objects.get(organisation=org, reference="IDE-0001").hidden
    assert client_as("viewer").get(IDEA).status_code == 404
    page = client_as("pmo").get(PAGE).content.decode()
    assert "1 hidden idea" in page and "Dobbeltpost." in page
    unhide_page = client_as("pmo").get(f"{IDEA}hide/").content.decode()
    assert "Unhide" in unhide_page and 'name="reason"' not in unhide_page
    client_as("pmo").post(f"{IDEA}hide/", {"action": "unhide"})
    assert client_as("viewer").get(IDEA).status_code == 200


def test_next_never_leaves_the_site(client_as, org):
    response = client_as("pmo").post(f"{IDEA}hide/", {"action": "hide", "reason": "Spam.",
                                                      "next": "https://evil.example/"})
    assert response["Location"] == IDEA


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(PAGE).status_code == 200
    return len(ctx.captured_queries)


def test_page_costs_the_same_queries_with_more_reports_and_hidden_items(client_as, org,
                                                                        people):
    client = client_as("pmo")
    with tenant_scope(org):  # one hidden idea and comment before measuring
        first = Idea.objects.get(organisation=org, reference="IDE-0001")
        Idea.objects.filter(pk=first.pk).update(hidden=True, hidden_reason="x",
                                                hidden_by=people["pmo"])
        IdeaComment.objects.filter(organisation=org).update(hidden=True, hidden_reason="x")
    _queries(client)
    before = _queries(client)
    with tenant_scope(org):
        for n in range(15):
            comment = IdeaComment.objects.create(organisation=org, idea=first,
                                                 author=people["employee"], body=f"K {n}",
                                                 hidden=n % 2 == 0, hidden_reason="y",
                                                 hidden_by=people["pmo"])
            AbuseReport.objects.create(organisation=org, idea=first, comment=comment,
                                       reporter=people["viewer"], reason=f"R {n}")
            AbuseReport.objects.create(organisation=org, idea=first,
                                       reporter=people["contributor"], reason=f"I {n}")
    assert _queries(client) == before
