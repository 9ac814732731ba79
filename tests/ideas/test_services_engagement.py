"""Support, follow, comment and report (ideas/services/engagement.py): one support per
person, never your own, counters kept, supporters and commenters follow."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gevinst.ideas.models import AbuseReport, Idea, IdeaComment, IdeaFollower, IdeaSupport
from gevinst.ideas.services.engagement import (
    do_comment,
    do_follow,
    do_report_abuse,
    do_support,
    do_unfollow,
    do_withdraw_support,
)
from gevinst.ideas.services.moderation import do_hide_idea

pytestmark = pytest.mark.usefixtures("scoped")


def _idea(org):
    return Idea.objects.get(organisation=org, reference="IDE-0001")


def _follows(idea, user) -> bool:
    return IdeaFollower.objects.filter(idea=idea, user=user).exists()


def test_support_counts_and_makes_a_follower(org, people):
    idea = _idea(org)
    support = do_support(actor=people["contributor"], idea=idea)
    assert support.user == people["contributor"]
    assert idea.support_count == 2 and _idea(org).support_count == 2
    assert _follows(idea, people["contributor"])


def test_a_second_support_by_the_same_person_is_refused(org, people):
    with pytest.raises(ValidationError) as exc:
        do_support(actor=people["viewer"], idea=_idea(org))  # the world's supporter
    assert "already" in exc.value.messages[0]
    assert _idea(org).support_count == 1


def test_the_author_cannot_support_their_own_idea(org, people):
    with pytest.raises(ValidationError):
        do_support(actor=people["employee"], idea=_idea(org))
    assert _idea(org).support_count == 1


def test_a_hidden_idea_cannot_be_supported(org, people):
    idea = _idea(org)
    do_hide_idea(actor=people["pmo"], idea=idea, reason="Personopplysninger")
    with pytest.raises(ValidationError):
        do_support(actor=people["admin"], idea=idea)


def test_someone_who_cannot_see_a_hidden_idea_cannot_act_on_it(org, people):
    idea = _idea(org)
    do_hide_idea(actor=people["pmo"], idea=idea, reason="Personopplysninger")
    with pytest.raises(PermissionDenied):
        do_follow(actor=people["contributor"], idea=idea)


def test_withdrawing_support_counts_down_and_keeps_following(org, people):
    idea = _idea(org)
    do_withdraw_support(actor=people["viewer"], idea=idea)
    assert idea.support_count == 0 and _idea(org).support_count == 0
    assert not IdeaSupport.objects.filter(idea=idea, user=people["viewer"]).exists()
    assert _follows(idea, people["viewer"])
    do_withdraw_support(actor=people["viewer"], idea=idea)  # nothing left to withdraw
    assert _idea(org).support_count == 0


def test_follow_and_unfollow_are_idempotent(org, people):
    idea = _idea(org)
    do_follow(actor=people["admin"], idea=idea)
    do_follow(actor=people["admin"], idea=idea)
    assert IdeaFollower.objects.filter(idea=idea, user=people["admin"]).count() == 1
    do_unfollow(actor=people["admin"], idea=idea)
    do_unfollow(actor=people["admin"], idea=idea)
    assert not _follows(idea, people["admin"])


def test_the_author_cannot_unfollow(org, people):
    with pytest.raises(ValidationError):
        do_unfollow(actor=people["employee"], idea=_idea(org))
    assert _follows(_idea(org), people["employee"])


def test_a_comment_counts_and_makes_a_follower(org, people):
    idea = _idea(org)
    comment = do_comment(actor=people["admin"], idea=idea, body="  Godt forslag.  ")
    assert comment.body == "Godt forslag." and comment.parent is None
    assert _idea(org).comment_count == 3
    assert _follows(idea, people["admin"])


def test_a_reply_to_a_reply_joins_the_top_level_comment(org, people):
    idea = _idea(org)
    reply = IdeaComment.objects.get(idea=idea, parent__isnull=False)
    answer = do_comment(actor=people["pmo"], idea=idea, body="Send tallene.", parent=reply)
    assert answer.parent_id == reply.parent_id


def test_a_comment_needs_a_body_of_at_most_5000_characters(org, people):
    with pytest.raises(ValidationError) as exc:
        do_comment(actor=people["admin"], idea=_idea(org), body="   ")
    assert "body" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        do_comment(actor=people["admin"], idea=_idea(org), body="x" * 5001)
    assert "body" in exc.value.message_dict
    do_comment(actor=people["admin"], idea=_idea(org), body="x" * 5000)


def test_a_reply_to_a_comment_of_another_idea_is_refused(org, people):
    from gevinst.ideas.services.ideas import do_submit_idea

    other = do_submit_idea(actor=people["viewer"], organisation=org, title="Annen idé",
                           problem="Noe annet.")
    comment = IdeaComment.objects.filter(idea=_idea(org)).first()
    with pytest.raises(ValidationError) as exc:
        do_comment(actor=people["admin"], idea=other, body="Hei", parent=comment)
    assert "parent" in exc.value.message_dict


def test_a_report_needs_a_reason_and_is_open_once_per_person(org, people):
    idea = _idea(org)
    with pytest.raises(ValidationError) as exc:
        do_report_abuse(actor=people["admin"], idea=idea, reason=" ")
    assert "reason" in exc.value.message_dict
    report = do_report_abuse(actor=people["admin"], idea=idea, reason="Reklame")
    assert (report.comment, report.resolved_at) == (None, None)
    with pytest.raises(ValidationError) as exc:
        do_report_abuse(actor=people["admin"], idea=idea, reason="Igjen")
    assert "reason" in exc.value.message_dict


def test_reporting_the_same_comment_twice_is_refused(org, people):
    comment = IdeaComment.objects.get(idea=_idea(org), parent__isnull=True)
    # The world's contributor reported this comment already.
    with pytest.raises(ValidationError):
        do_report_abuse(actor=people["contributor"], idea=_idea(org), reason="Igjen",
                        comment=comment)
    # ... but may report the idea itself, and others may report the comment.
    do_report_abuse(actor=people["contributor"], idea=_idea(org), reason="Idé", comment=None)
    do_report_abuse(actor=people["admin"], idea=_idea(org), reason="Frekt", comment=comment)
    assert AbuseReport.objects.filter(comment=comment, resolved_at__isnull=True).count() == 2
