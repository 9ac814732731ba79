"""The automatic reminder before a survey closes (`gevinst remind`, daily): those who have
not answered are reminded AUTO_REMINDER_DAYS (3) days before the closing date, once, and
not at all when a reminder went out by hand in those days."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from gevinst.core.models import Unit
from gevinst.maturity.models import Campaign
from gevinst.maturity.services import campaigns, responses
from tests.conftest import world_answers

OPENS = dt.date(2026, 3, 2)
CLOSES = dt.date(2026, 3, 20)  # the window starts on 17 March


@pytest.fixture
def survey(scoped, people, monkeypatch):
    """An open survey (opened on 2 March, closes 20 March) for the five members of Helse og
    velferd; the viewer has answered."""
    monkeypatch.setattr(campaigns.timezone, "localdate", lambda: OPENS)
    unit = Unit.objects.get(organisation=scoped, name="Helse og velferd")
    campaign = campaigns.do_create_campaign(
        actor=people["admin"], organisation=scoped, units=[unit], title="Modenhet 2026",
        opens_on=OPENS, closes_on=CLOSES)
    campaigns.do_open_campaign(actor=people["admin"], campaign=campaign, expected_version=1)
    Campaign.objects.filter(pk=campaign.pk).update(
        opened_at=dt.datetime(2026, 3, 2, 8, tzinfo=dt.UTC))
    campaign.refresh_from_db()
    done = campaign.invitations.get(email=people["viewer"].email)
    monkeypatch.setattr(responses, "accepting", lambda campaign: True)
    responses.do_save_answers(invitation=done, token=done.token, send=True,
                              answers=world_answers(campaign.model_version.content, 0))
    return campaign


def run(org, day, commit, **options):
    with commit(execute=True):
        return campaigns.do_remind_before_closing(organisation=org, today=day,
                                                  base_url="https://gevinst.test", **options)


@pytest.mark.parametrize(("day", "due"), [
    (dt.date(2026, 3, 16), False),  # four days before: not yet
    (dt.date(2026, 3, 17), True),  # three days before
    (dt.date(2026, 3, 20), True),  # the last day (a run missed earlier catches up)
    (dt.date(2026, 3, 21), False),  # closed for answers
])
def test_the_reminder_is_due_in_the_last_three_days(survey, day, due):
    assert campaigns.due_for_automatic_reminder(survey, day) is due


def test_a_survey_opened_in_its_last_three_days_is_not_reminded_automatically(survey):
    # The invitation itself is at most three days old then.
    opened_late = dt.datetime(2026, 3, 18, 8, tzinfo=dt.UTC)
    Campaign.objects.filter(pk=survey.pk).update(opened_at=opened_late)
    survey.refresh_from_db()
    assert not campaigns.due_for_automatic_reminder(survey, dt.date(2026, 3, 19))


def test_those_who_have_not_answered_are_reminded_once(
        survey, scoped, people, mailoutbox, django_capture_on_commit_callbacks):
    mailoutbox.clear()
    assert run(scoped, dt.date(2026, 3, 16), django_capture_on_commit_callbacks) == []
    [(campaign, sent)] = run(scoped, dt.date(2026, 3, 17), django_capture_on_commit_callbacks)
    assert campaign == survey and len(sent) == 4 and people["viewer"].email not in sent
    assert sorted(m.to[0] for m in mailoutbox) == sorted(sent)
    assert all("https://gevinst.test/survey/" in m.body for m in mailoutbox)
    survey.refresh_from_db()
    assert survey.reminded_on == dt.date(2026, 3, 17) and survey.version == 2  # no new version
    assert set(survey.invitations.filter(completed=False).values_list("reminders", flat=True)) \
        == {1}
    # The next days' runs send nothing more.
    assert run(scoped, dt.date(2026, 3, 18), django_capture_on_commit_callbacks) == []
    assert run(scoped, dt.date(2026, 3, 20), django_capture_on_commit_callbacks) == []
    assert len(mailoutbox) == 4


def test_a_reminder_by_hand_in_the_last_days_replaces_the_automatic_one(
        survey, scoped, people, monkeypatch, mailoutbox, django_capture_on_commit_callbacks):
    monkeypatch.setattr(campaigns.timezone, "localdate", lambda: dt.date(2026, 3, 18))
    campaigns.do_send_reminders(actor=people["admin"], campaign=survey)
    assert run(scoped, dt.date(2026, 3, 19), django_capture_on_commit_callbacks) == []
    # A reminder by hand before the window does not: the automatic one still goes out.
    survey.reminded_on = dt.date(2026, 3, 10)
    Campaign.objects.filter(pk=survey.pk).update(reminded_on=survey.reminded_on)
    assert len(run(scoped, dt.date(2026, 3, 19), django_capture_on_commit_callbacks)) == 1


def test_a_dry_run_sends_and_notes_nothing(
        survey, scoped, mailoutbox, django_capture_on_commit_callbacks):
    mailoutbox.clear()
    [(_, would)] = run(scoped, dt.date(2026, 3, 17), django_capture_on_commit_callbacks,
                       dry_run=True)
    assert len(would) == 4 and mailoutbox == []
    survey.refresh_from_db()
    assert survey.reminded_on is None


def test_nobody_is_reminded_when_everyone_has_answered(
        survey, scoped, mailoutbox, django_capture_on_commit_callbacks):
    survey.invitations.update(completed=True)
    mailoutbox.clear()
    assert run(scoped, dt.date(2026, 3, 17), django_capture_on_commit_callbacks) == []
    assert mailoutbox == []


def test_gevinst_remind_reminds_late_respondents_in_every_organisation(
        survey, org, mailoutbox, django_capture_on_commit_callbacks):
    mailoutbox.clear()
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind_status_reports", "--date", "2026-03-17", stdout=out)
    assert (f"fjordby: reminded 4 respondent(s) who have not answered {survey.reference} "
            "(closes 2026-03-20)") in out.getvalue()
    assert len([m for m in mailoutbox if "Modenhet 2026" in m.subject]) == 4
