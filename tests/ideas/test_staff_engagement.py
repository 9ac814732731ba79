"""What members do on the idea page: support and withdraw, follow and unfollow, comment and
reply (refused text kept with its error), report the idea or a comment."""

from __future__ import annotations

import pytest

from gevinst.ideas.models import AbuseReport, Idea, IdeaComment, IdeaFollower, IdeaSupport

URL = "/o/fjordby/ideas/IDE-0001/"

pytestmark = pytest.mark.django_db


def idea(org) -> Idea:
    return Idea.objects.get(organisation=org, reference="IDE-0001")


def test_support_then_withdraw(client_as, org, people, scoped):
    client = client_as("contributor")
    response = client.post(URL + "support/", {"action": "support"})
    assert response.status_code == 302 and response["Location"] == URL + "#support"
    assert idea(org).support_count == 2
    assert IdeaFollower.objects.filter(idea=idea(org), user=people["contributor"]).exists()
    page = client.get(URL).content.decode()
    assert "Thank you for your support." in page
    assert "2 people support this idea." in page and "Withdraw my support" in page
    client.post(URL + "support/", {"action": "withdraw"})
    assert idea(org).support_count == 1
    assert not IdeaSupport.objects.filter(idea=idea(org), user=people["contributor"]).exists()


def test_second_support_and_own_idea_are_refused_with_a_message(client_as, org, scoped):
    viewer = client_as("viewer")  # supports already
    viewer.post(URL + "support/", {"action": "support"})
    assert "You already support this idea." in viewer.get(URL).content.decode()
    assert idea(org).support_count == 1
    author = client_as("employee")
    page = author.get(URL).content.decode()
    assert "Support this idea" not in page and "you cannot" in page
    author.post(URL + "support/", {"action": "support"})
    assert "You cannot support your own idea." in author.get(URL).content.decode()
    assert idea(org).support_count == 1


def test_follow_and_unfollow(client_as, org, people, scoped):
    client = client_as("contributor")
    client.post(URL + "follow/", {"action": "follow"})
    assert IdeaFollower.objects.filter(idea=idea(org), user=people["contributor"]).exists()
    assert "Unfollow" in client.get(URL).content.decode()
    client.post(URL + "follow/", {"action": "unfollow"})
    assert not IdeaFollower.objects.filter(idea=idea(org),
                                           user=people["contributor"]).exists()


def test_author_always_follows(client_as, org, people, scoped):
    client = client_as("employee")
    assert "always get its answers" in client.get(URL).content.decode()
    client.post(URL + "follow/", {"action": "unfollow"})
    assert IdeaFollower.objects.filter(idea=idea(org), user=people["employee"]).exists()


def test_comment_and_reply(client_as, org, people, scoped):
    client = client_as("contributor")
    response = client.post(URL + "comments/", {"body": "Godt forslag!"})
    comment = IdeaComment.objects.get(organisation=org, body="Godt forslag!")
    assert response["Location"] == f"{URL}#comment-{comment.pk}"
    assert comment.parent_id is None and comment.author == people["contributor"]
    assert idea(org).comment_count == 3
    reply = client_as("employee").post(URL + "comments/", {"body": "Takk!",
                                                            "parent": comment.pk})
    saved = IdeaComment.objects.get(organisation=org, body="Takk!")
    assert reply.status_code == 302 and saved.parent_id == comment.pk
    page = client.get(URL).content.decode()
    assert "Godt forslag!" in page and "Takk!" in page and "4 comments" in page


def test_reply_to_a_reply_joins_the_top_level_thread(client_as, org, scoped):
    top = IdeaComment.objects.get(organisation=org, parent__isnull=True)
    reply = IdeaComment.objects.get(organisation=org, parent=top)
    client_as("contributor").post(URL + "comments/", {"body": "Enig.", "parent": reply.pk})
    assert IdeaComment.objects.get(organisation=org, body="Enig.").parent_id == top.pk


def test_refused_comment_keeps_the_text_with_its_error(client_as, org, scoped):
    client = client_as("contributor")
    response = client.post(URL + "comments/", {"body": "  "})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Your comment was not published" in page and "Write a comment." in page
    long = "x" * 5001
    page = client.post(URL + "comments/", {"body": long}).content.decode()
    assert "at most 5000 characters" in page
    assert long + "</textarea>" in page
    assert idea(org).comment_count == 2


def test_refused_reply_is_shown_in_its_own_open_form(client_as, org, scoped):
    top = IdeaComment.objects.get(organisation=org, parent__isnull=True)
    page = client_as("contributor").post(URL + "comments/", {"body": "",
                                                             "parent": top.pk})
    page = page.content.decode()
    assert "Your reply was not published" in page
    assert f'id="reply-{top.pk}-body_error"' in page
    assert "<details class=\"gv-section\" open>" in page


def test_reply_to_a_comment_of_another_idea_is_404(client_as, other_org):
    from gevinst.core.scoping import unscoped

    with unscoped():
        foreign = IdeaComment.objects.filter(organisation=other_org).first()
    response = client_as("contributor").post(URL + "comments/", {"body": "Hei",
                                                                 "parent": foreign.pk})
    assert response.status_code == 404


def test_report_the_idea(client_as, org, people, scoped):
    client = client_as("contributor")
    page = client.get(URL + "report/").content.decode()
    assert 'name="reason"' in page and "Report an idea to the moderators" in page
    response = client.post(URL + "report/", {"reason": "Reklame for en leverandør."})
    assert response.status_code == 302
    report = AbuseReport.objects.get(organisation=org, reporter=people["contributor"],
                                     comment__isnull=True)
    assert report.reason == "Reklame for en leverandør."
    assert "The moderators will look at your report." in client.get(URL).content.decode()


def test_report_a_comment(client_as, org, people, scoped):
    comment = IdeaComment.objects.get(organisation=org, parent__isnull=True)
    client = client_as("employee")
    page = client.get(f"{URL}report/?comment={comment.pk}").content.decode()
    assert "Report a comment to the moderators" in page
    assert "Dette ville spart oss mye tid." in page
    client.post(f"{URL}report/?comment={comment.pk}", {"reason": "Usaklig."})
    assert AbuseReport.objects.filter(organisation=org, comment=comment,
                                      reporter=people["employee"]).exists()


def test_report_needs_a_reason_and_only_once(client_as, org, scoped):
    comment = IdeaComment.objects.get(organisation=org, parent__isnull=True)
    client = client_as("contributor")  # has an open report on the comment already
    page = client.post(URL + "report/", {"reason": ""}).content.decode()
    assert "The report was not sent" in page and 'id="id_reason_error"' in page
    page = client.post(f"{URL}report/?comment={comment.pk}", {"reason": "Igjen"})
    assert "You have reported this comment already" in page.content.decode()


def test_report_of_an_unknown_comment_is_404(client_as):
    assert client_as("employee").get(URL + "report/?comment=999999").status_code == 404
    assert client_as("employee").get(URL + "report/?comment=abc").status_code == 404
