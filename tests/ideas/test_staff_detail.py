"""The idea page: every field, the latest official answer first, the answer history,
comments with replies, attachments; a hidden idea is a 404 for everyone but its author (who
sees the reason) and the moderators."""

from __future__ import annotations

import pytest
from django.utils import timezone

from gevinst.ideas.models import Idea, IdeaAnswer, IdeaComment

URL = "/o/fjordby/ideas/IDE-0001/"

pytestmark = pytest.mark.django_db


def test_page_shows_the_idea_with_everything_around_it(client_as, org):
    response = client_as("employee").get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    for text in ("Digital timebestilling på helsestasjonen",
                 "Foreldre må ringe i telefontiden",
                 "La foreldre bestille og flytte timer selv på nett.",
                 "Kortere telefonkø og færre uteblitte timer.",
                 "Employee Fjordby", "Helse og velferd", "Under review",
                 "Dette ville spart oss mye tid.", "Takk! Vi har tall fra i fjor.",
                 "notat.txt", "1 person supports this idea.", "2 comments"):
        assert text in page, text
    assert 'href="/o/fjordby/ideas/IDE-0001/attachments/' in page
    assert "not answered this idea yet" in page


def test_reply_is_shown_under_its_comment(client_as, org, scoped):
    comment = IdeaComment.objects.get(organisation=org, parent__isnull=True)
    reply = IdeaComment.objects.get(organisation=org, parent=comment)
    page = client_as("viewer").get(URL).content.decode()
    thread = page[page.index(f'id="comment-{comment.pk}"'):]
    assert thread.index("Dette ville spart oss mye tid.") < thread.index(
        f'id="comment-{reply.pk}"') < thread.index("Takk! Vi har tall fra i fjor.")
    assert f'id="reply-{comment.pk}-body"' in page  # a reply form per comment


def test_latest_official_answer_is_prominent_and_the_history_kept(client_as, org, people,
                                                                   scoped):
    idea = Idea.objects.get(organisation=org, reference="IDE-0001")
    for status, text in (("under_review", "Vi ser på den."),
                         ("parked", "Vi venter på nytt budsjett.")):
        IdeaAnswer.objects.create(organisation=org, idea=idea, status=status, text=text,
                                  answered_by=people["pmo"])
    Idea.objects.filter(pk=idea.pk).update(status="parked", answer="Vi venter på nytt "
                                           "budsjett.", answered_at=timezone.now(),
                                           answered_by=people["pmo"])
    page = client_as("employee").get(URL).content.decode()
    assert "Official answer: Parked" in page
    assert "Answered by Pmo Fjordby" in page
    assert page.index("Official answer: Parked") < page.index('id="about-heading"')
    history = page[page.index("Answer history"):]
    assert history.index("Vi venter på nytt budsjett.") < history.index("Vi ser på den.")


def test_report_links_for_the_idea_and_each_comment(client_as, org, scoped):
    comment = IdeaComment.objects.get(organisation=org, parent__isnull=True)
    page = client_as("contributor").get(URL).content.decode()
    assert 'href="/o/fjordby/ideas/IDE-0001/report/"' in page
    assert f'href="/o/fjordby/ideas/IDE-0001/report/?comment={comment.pk}"' in page


def test_hidden_idea_is_404_for_others_and_shows_the_reason_to_its_author(
        client_as, org, people, scoped):
    Idea.objects.filter(organisation=org, reference="IDE-0001").update(
        hidden=True, hidden_reason="Inneholder personopplysninger.", hidden_by=people["pmo"],
        hidden_at=timezone.now())
    for role in ("contributor", "viewer"):
        assert client_as(role).get(URL).status_code == 404, role
    assert client_as("viewer").get(URL + "report/").status_code == 404
    page = client_as("employee").get(URL).content.decode()  # the author
    assert "Hidden by a moderator: Inneholder personopplysninger." in page
    assert "Support this idea" not in page and "Write a comment" not in page
    assert client_as("pmo").get(URL).status_code == 200  # a moderator


def test_hidden_comment_shows_its_reason_only_to_its_author_and_moderators(
        client_as, org, people, scoped):
    IdeaComment.objects.filter(organisation=org, parent__isnull=True).update(
        hidden=True, hidden_reason="Usaklig.", hidden_by=people["pmo"])
    other = client_as("contributor").get(URL).content.decode()
    assert "A comment was hidden by a moderator." in other
    assert "Dette ville spart oss mye tid." not in other and "Usaklig." not in other
    author = client_as("viewer").get(URL).content.decode()
    assert "Hidden by a moderator: Usaklig." in author
    assert "Hidden by a moderator: Usaklig." in client_as("pmo").get(URL).content.decode()


def test_unknown_or_foreign_idea_is_404(client_as):
    client = client_as("employee")
    assert client.get("/o/fjordby/ideas/IDE-9999/").status_code == 404
    assert client.get("/o/fjordby/ideas/IDE-0002/").status_code == 404  # Åsdal's only


def test_edit_button_only_for_who_may_edit(client_as):
    assert 'href="/o/fjordby/ideas/IDE-0001/edit/"' not in client_as("employee").get(
        URL).content.decode()
    assert 'href="/o/fjordby/ideas/IDE-0001/edit/"' in client_as("pmo").get(
        URL).content.decode()
