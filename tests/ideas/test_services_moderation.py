"""Moderation (ideas/services/moderation.py): hiding with a reason resolves the target's
reports and emails the author, counters follow, dismissing reports, only moderators."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from gevinst.ideas.models import AbuseReport, Idea, IdeaComment
from gevinst.ideas.services.moderation import (
    do_dismiss_report,
    do_hide_comment,
    do_hide_idea,
    do_unhide_comment,
    do_unhide_idea,
)

pytestmark = pytest.mark.usefixtures("scoped")


def _idea(org):
    return Idea.objects.get(organisation=org, reference="IDE-0001")


def _reported_comment(org):
    return IdeaComment.objects.get(idea=_idea(org), parent__isnull=True)


def test_hiding_an_idea_needs_a_reason(org, people):
    with pytest.raises(ValidationError) as exc:
        do_hide_idea(actor=people["pmo"], idea=_idea(org), reason="  ")
    assert "reason" in exc.value.message_dict
    assert not _idea(org).hidden


def test_hiding_an_idea_records_the_reason_and_emails_the_author(
        org, people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        do_hide_idea(actor=people["pmo"], idea=_idea(org), reason="Inneholder navn på brukere",
                     base_url="https://gevinst.example.no")
    idea = _idea(org)
    assert idea.hidden and idea.hidden_reason == "Inneholder navn på brukere"
    assert idea.hidden_by == people["pmo"] and idea.hidden_at is not None
    assert [m.to for m in mail.outbox] == [[people["employee"].email]]
    body = mail.outbox[0].body
    assert "Inneholder navn på brukere" in body
    assert "https://gevinst.example.no/o/fjordby/ideas/IDE-0001/" in body


def test_hiding_an_idea_resolves_its_open_reports_only(org, people):
    idea = _idea(org)
    report = AbuseReport.objects.create(organisation=org, idea=idea, reporter=people["admin"],
                                        reason="Spam")
    do_hide_idea(actor=people["pmo"], idea=idea, reason="Spam")
    report.refresh_from_db()
    assert report.outcome == "hidden" and report.resolved_by == people["pmo"]
    # The open report on the comment is about the comment, not the idea.
    assert AbuseReport.objects.get(comment=_reported_comment(org)).resolved_at is None


def test_unhiding_an_idea_clears_the_reason(org, people):
    do_hide_idea(actor=people["pmo"], idea=_idea(org), reason="Sjekkes")
    do_unhide_idea(actor=people["pmo"], idea=_idea(org))
    idea = _idea(org)
    assert (idea.hidden, idea.hidden_reason, idea.hidden_by) == (False, "", None)
    with pytest.raises(ValidationError):
        do_unhide_idea(actor=people["pmo"], idea=idea)


def test_hiding_a_comment_counts_it_out_and_resolves_its_reports(
        org, people, django_capture_on_commit_callbacks):
    comment = _reported_comment(org)
    with django_capture_on_commit_callbacks(execute=True):
        do_hide_comment(actor=people["pmo"], comment=comment, reason="Personangrep")
    assert _idea(org).comment_count == 1
    report = AbuseReport.objects.get(comment=comment)
    assert report.outcome == "hidden" and report.resolved_at is not None
    assert [m.to for m in mail.outbox] == [[people["viewer"].email]]  # the comment's author
    do_unhide_comment(actor=people["pmo"], comment=IdeaComment.objects.get(pk=comment.pk))
    assert _idea(org).comment_count == 2
    assert not IdeaComment.objects.get(pk=comment.pk).hidden


def test_hiding_a_comment_twice_is_refused(org, people):
    comment = _reported_comment(org)
    do_hide_comment(actor=people["pmo"], comment=comment, reason="Personangrep")
    with pytest.raises(ValidationError):
        do_hide_comment(actor=people["pmo"], comment=comment, reason="Igjen")
    assert _idea(org).comment_count == 1


def test_dismissing_a_report_resolves_it_once(org, people):
    report = AbuseReport.objects.get(comment=_reported_comment(org))
    do_dismiss_report(actor=people["admin"], report=report)
    assert report.outcome == "dismissed" and report.resolved_by == people["admin"]
    with pytest.raises(ValidationError):
        do_dismiss_report(actor=people["admin"], report=report)
    assert not _reported_comment(org).hidden


@pytest.mark.parametrize("role", ["contributor", "viewer", "employee"])
def test_only_moderators_moderate(org, people, role):
    with pytest.raises(PermissionDenied):
        do_hide_idea(actor=people[role], idea=_idea(org), reason="Nei")
    with pytest.raises(PermissionDenied):
        do_hide_comment(actor=people[role], comment=_reported_comment(org), reason="Nei")
    with pytest.raises(PermissionDenied):
        do_dismiss_report(actor=people[role],
                          report=AbuseReport.objects.get(comment=_reported_comment(org)))
