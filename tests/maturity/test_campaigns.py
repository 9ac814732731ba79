"""Running a campaign through the services: prepare, open, answer, remind, close."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone, translation

from gevinst.core.models import Unit
from gevinst.maturity import calc
from gevinst.maturity.models import Campaign, Invitation, Recommendation, Response
from gevinst.maturity.services import campaigns, responses
from tests.conftest import world_answers

TODAY = timezone.localdate()


@pytest.fixture
def unit(scoped):
    return Unit.objects.get(organisation=scoped, name="Helse og velferd")


def level_key(campaign) -> str:
    """The key of the model's first level question."""
    return next(q["key"] for d in campaign.model_version.content["dimensions"]
                for q in d["questions"] if q["type"] == "level")


def new_campaign(org, people, unit, **fields):
    fields = {"title": "Modenhet", "opens_on": TODAY,
              "closes_on": TODAY + dt.timedelta(days=14), **fields}
    return campaigns.do_create_campaign(actor=people["admin"], organisation=org, units=[unit],
                                        **fields)


def opened(org, people, unit, **fields):
    campaign = new_campaign(org, people, unit, **fields)
    campaigns.do_open_campaign(actor=people["admin"], campaign=campaign, expected_version=1)
    return campaign


def test_only_an_administrator_prepares_a_campaign(scoped, people, unit):
    with pytest.raises(PermissionDenied):
        campaigns.do_create_campaign(actor=people["pmo"], organisation=scoped, units=[unit],
                                     title="X", opens_on=TODAY, closes_on=TODAY)


def test_a_campaign_needs_units_and_a_closing_after_the_opening(scoped, people):
    with pytest.raises(ValidationError) as caught:
        campaigns.do_create_campaign(actor=people["admin"], organisation=scoped, units=[],
                                     title="X", opens_on=TODAY,
                                     closes_on=TODAY - dt.timedelta(days=1))
    assert set(caught.value.message_dict) == {"units", "closes_on"}


def test_wrong_extra_addresses_are_named_by_line(scoped, people, unit):
    with pytest.raises(ValidationError) as caught:
        new_campaign(scoped, people, unit,
                     extra_emails="ok@fjordby.test\nnot-an-address\nx@fjordby.test, Nowhere")
    problems = caught.value.message_dict["extra_emails"]
    assert any("Line 2" in p for p in problems) and any("Line 3" in p for p in problems)


def test_signed_in_campaigns_invite_members_only(scoped, people, unit):
    with pytest.raises(ValidationError) as caught:
        new_campaign(scoped, people, unit, mode="signed_in",
                     extra_emails="stranger@example.test")
    assert "stranger@example.test" in caught.value.message_dict["extra_emails"][0]


def test_opening_invites_the_unit_s_members_and_the_extra_addresses(
        scoped, people, unit, mailoutbox, django_capture_on_commit_callbacks):
    campaign = new_campaign(scoped, people, unit,
                            extra_emails="guest@example.test, Helse og velferd")
    with django_capture_on_commit_callbacks(execute=True):
        sent = campaigns.do_open_campaign(actor=people["admin"], campaign=campaign,
                                          expected_version=1)
    members = sorted(p.email for r, p in people.items() if r != "outsider")
    assert sorted(sent) == sorted([*members, "guest@example.test"])
    assert len(mailoutbox) == 6
    invitation = Invitation.objects.get(campaign=campaign, email="guest@example.test")
    assert invitation.unit == unit and invitation.user is None
    assert f"/survey/{invitation.token}/" in next(
        m.body for m in mailoutbox if m.to == ["guest@example.test"])
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.OPEN


def test_a_saved_answer_is_found_again_through_the_link_only(scoped, people, unit):
    campaign = opened(scoped, people, unit)
    first, second = campaign.invitations.order_by("email")[:2]
    key = level_key(campaign)
    responses.do_save_answers(invitation=first, token=first.token, answers={key: 1},
                              send=False)
    assert responses.draft_for(first, first.token).answers == {key: 1}
    assert responses.draft_for(second, second.token) is None


def test_sending_needs_every_question_and_refuses_wrong_answers(scoped, people, unit):
    campaign = opened(scoped, people, unit)
    invitation = campaign.invitations.first()
    with pytest.raises(ValidationError) as caught:
        responses.do_save_answers(invitation=invitation, token=invitation.token,
                                  answers={level_key(campaign): 99}, send=True)
    errors = caught.value.message_dict
    assert "Choose one" in errors[level_key(campaign)][0]
    assert len(errors) == campaign.model_version.question_count
    assert not Response.objects.filter(campaign=campaign).exists()


def test_sent_answers_keep_nothing_that_leads_to_the_person(scoped, people, unit):
    """Anonymity: after sending, the response holds no key, time, person or link, and the
    invitation holds nothing of the response."""
    campaign = opened(scoped, people, unit)
    invitation = campaign.invitations.order_by("email").first()
    answers = world_answers(campaign.model_version.content, 1)
    responses.do_save_answers(invitation=invitation, token=invitation.token, answers=answers,
                              send=False)
    responses.do_save_answers(invitation=invitation, token=invitation.token, answers=answers,
                              send=True)
    response = Response.objects.get(campaign=campaign)
    assert response.resume_key is None and response.submitted and response.version == 0
    assert {f.name for f in Response._meta.get_fields()} == {
        "id", "organisation", "campaign", "unit", "answers", "submitted", "resume_key",
        "version"}
    assert not any(f.is_relation and f.related_model is Response
                   for f in Invitation._meta.get_fields())
    invitation.refresh_from_db()
    assert invitation.completed
    # No column of the response's row holds the link, its keyed hash or the address.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {Response._meta.db_table}")
        row = " ".join(str(v) for v in cursor.fetchone())
    for secret in (invitation.token, invitation.email, responses.resume_key(invitation.token)):
        assert secret not in row
    with pytest.raises(ValidationError):
        responses.do_save_answers(invitation=invitation, token=invitation.token,
                                  answers=answers, send=True)


def test_reminders_go_only_to_those_who_have_not_answered(
        scoped, people, unit, mailoutbox, django_capture_on_commit_callbacks):
    campaign = opened(scoped, people, unit)
    done = campaign.invitations.get(email=people["viewer"].email)
    responses.do_save_answers(invitation=done, token=done.token, send=True,
                              answers=world_answers(campaign.model_version.content, 0))
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sent = campaigns.do_send_reminders(actor=people["admin"], campaign=campaign)
    assert people["viewer"].email not in sent and len(sent) == 4
    assert len(mailoutbox) == 4 and all(campaign.title in m.subject for m in mailoutbox)
    # The reminder says it is one, in the organisation's language (Bokmål by default).
    with translation.override(mailoutbox[0].extra_headers["Content-Language"]):
        expected = translation.gettext("Reminder: %(title)s") % {"title": campaign.title}
    assert all(m.subject.endswith(expected) for m in mailoutbox)
    assert set(campaign.invitations.exclude(pk=done.pk).values_list("reminders", flat=True)) \
        == {1}


def test_closing_deletes_unsent_answers_and_computes_the_results(scoped, people, unit):
    campaign = opened(scoped, people, unit)
    content = campaign.model_version.content
    sent = []
    for n, invitation in enumerate(campaign.invitations.order_by("email")):
        answers = world_answers(content, n)
        responses.do_save_answers(invitation=invitation, token=invitation.token,
                                  answers=answers, send=n < 5)
        sent.append(answers)
    extra = Invitation.objects.create(organisation=scoped, campaign=campaign,
                                      email="late@example.test", token="late-token")
    responses.do_save_answers(invitation=extra, token=extra.token, answers={level_key(campaign): 0},
                              send=False)
    campaigns.do_close_campaign(actor=people["admin"], campaign=campaign, expected_version=2)
    campaign.refresh_from_db()
    assert Response.objects.filter(campaign=campaign).count() == 5
    whole = campaign.summary["whole"]
    assert whole["respondents"] == 5 and whole["invited"] == 6 and whole["shown"]
    expected = [calc.respondent_scores(content, a)["overall"] for a in sent]
    assert whole["overall"]["mean"] == pytest.approx(sum(expected) / 5)
    # One unit only: no split into groups.
    assert campaign.summary["groups"] == []
    recommendations = list(Recommendation.objects.filter(campaign=campaign))
    assert [r.rank for r in recommendations] == [1, 2, 3]
    with pytest.raises(ValidationError):
        responses.do_save_answers(invitation=extra, token=extra.token, answers={}, send=True)


def test_a_unit_below_five_is_stored_merged_after_closing(scoped, people, unit):
    """Four answers from a sub-unit: after closing, the database holds them under the
    parent unit, not the small unit."""
    small = Unit.objects.create(organisation=scoped, name="Liten enhet", parent=unit)
    extra = "\n".join(f"s{i}@example.test, Liten enhet" for i in range(4))
    campaign = opened(scoped, people, unit, extra_emails=extra)
    content = campaign.model_version.content
    for n, invitation in enumerate(campaign.invitations.all()):
        responses.do_save_answers(invitation=invitation, token=invitation.token, send=True,
                                  answers=world_answers(content, n))
    assert Response.objects.filter(campaign=campaign, unit=small).count() == 4
    campaigns.do_close_campaign(actor=people["admin"], campaign=campaign, expected_version=2)
    assert not Response.objects.filter(campaign=campaign, unit=small).exists()
    assert Response.objects.filter(campaign=campaign, unit=unit).count() == 9


def test_a_draft_can_be_changed_and_deleted_but_not_an_open_campaign(scoped, people, unit):
    campaign = new_campaign(scoped, people, unit)
    campaigns.do_update_campaign(actor=people["admin"], campaign=campaign,
                                 data={"title": "Nytt navn"}, expected_version=1)
    campaigns.do_open_campaign(actor=people["admin"], campaign=campaign, expected_version=2)
    with pytest.raises(ValidationError):
        campaigns.do_update_campaign(actor=people["admin"], campaign=campaign,
                                     data={"title": "X"}, expected_version=3)
    with pytest.raises(ValidationError):
        campaigns.do_delete_campaign(actor=people["admin"], campaign=campaign)


def test_a_changed_model_leaves_old_campaigns_with_their_version_and_scores(
        scoped, people, small_source):
    from gevinst.maturity.services.versions import install_model

    closed = Campaign.objects.get(organisation=scoped, reference="MAT-0001")
    before = closed.summary
    new, created = install_model(small_source.replace('key = "small"',
                                                      'key = "gevinst-default"'))
    assert created and new.number == 2
    closed.refresh_from_db()
    assert closed.model_version.number == 1 and closed.summary == before


def _answer_all(campaign):
    content = campaign.model_version.content
    for n, invitation in enumerate(campaign.invitations.order_by("email")):
        responses.do_save_answers(invitation=invitation, token=invitation.token, send=True,
                                  answers=world_answers(content, n))


def test_one_respondent_without_a_unit_cannot_be_worked_out_from_the_groups(
        scoped, people, unit):
    """Helse og velferd (5 members) and a sub-unit with 5 answer, plus one address invited
    without a unit. Showing both units would give that one person's scores as 11 × whole −
    5 × one − 5 × the other; so one unit joins the rest and only one group is shown."""
    Unit.objects.create(organisation=scoped, name="Barnevern", parent=unit)
    extra = "\n".join([*(f"b{i}@example.test, Barnevern" for i in range(5)),
                       "alone@example.test"])
    campaign = opened(scoped, people, unit, extra_emails=extra)
    _answer_all(campaign)
    campaigns.do_close_campaign(actor=people["admin"], campaign=campaign, expected_version=2)
    campaign.refresh_from_db()
    groups = campaign.summary["groups"]
    assert campaign.summary["whole"]["respondents"] == 11
    assert [g["respondents"] for g in groups] == [5, 6]  # a unit, and the rest with the one
    assert groups[-1]["unit"] is None
    assert Response.objects.filter(campaign=campaign, unit=None).count() == 6


def test_the_response_rate_of_a_group_counts_the_invitees_whose_answers_it_holds(
        scoped, people, unit):
    """Helse og velferd: 6 answer of 10 invited (its 5 members and 5 more addresses); its
    sub-unit Barnevern: 5 of 8; a top-level unit Kultur: 2 of 3. Kultur's 2 are the rest,
    and the smallest group (Barnevern) joins them: Helse og velferd is 6 of 10 (not 6 of 18
    with Barnevern's invitees) and the rest 7 of 11."""
    Unit.objects.create(organisation=scoped, name="Barnevern", parent=unit)
    Unit.objects.create(organisation=scoped, name="Kultur")
    extra = "\n".join([*(f"h{i}@example.test, Helse og velferd" for i in range(5)),
                       *(f"b{i}@example.test, Barnevern" for i in range(8)),
                       *(f"k{i}@example.test, Kultur" for i in range(3))])
    campaign = opened(scoped, people, unit, extra_emails=extra)
    content = campaign.model_version.content
    waiting = ({f"h{i}@example.test" for i in range(1, 5)}
               | {f"b{i}@example.test" for i in (5, 6, 7)} | {"k2@example.test"})
    for n, invitation in enumerate(campaign.invitations.order_by("email")):
        if invitation.email not in waiting:
            responses.do_save_answers(invitation=invitation, token=invitation.token,
                                      send=True, answers=world_answers(content, n))
    campaigns.do_close_campaign(actor=people["admin"], campaign=campaign, expected_version=2)
    campaign.refresh_from_db()
    found = {g["unit"]: (g["respondents"], g["invited"]) for g in campaign.summary["groups"]}
    assert found == {unit.pk: (6, 10), None: (7, 11)}


def test_closing_writes_every_response_anew(scoped, people, unit):
    """Closing re-inserts the answers in random order with new keys (nothing physical
    keeps the order or moment they were sent) and leaves the invitations as they were."""
    campaign = opened(scoped, people, unit)
    _answer_all(campaign)
    before_ids = set(Response.objects.filter(campaign=campaign).values_list("pk", flat=True))
    before = sorted(map(repr, Response.objects.filter(campaign=campaign)
                        .values_list("unit_id", "answers")))
    campaigns.do_close_campaign(actor=people["admin"], campaign=campaign, expected_version=2)
    after = Response.objects.filter(campaign=campaign)
    assert not before_ids & set(after.values_list("pk", flat=True))
    assert sorted(map(repr, after.values_list("unit_id", "answers"))) == before
    assert all(r.submitted and r.resume_key is None for r in after)
    assert campaign.invitations.filter(completed=True).count() == 5


def test_answers_sent_through_a_page_opened_before_the_closing_are_refused(
        scoped, people, unit):
    """The respondent's page read the campaign while it was open; the administrator closes
    it; the answers sent then are refused, not stored beside the closed results."""
    campaign = opened(scoped, people, unit)
    stale = responses.find_invitation(campaign.invitations.order_by("email").first().token)
    campaigns.do_close_campaign(actor=people["admin"], campaign=campaign, expected_version=2)
    assert stale.campaign.status == "open"  # what the page had read
    with pytest.raises(ValidationError) as refused:
        responses.do_save_answers(invitation=stale, token=stale.token, send=True,
                                  answers=world_answers(campaign.model_version.content, 0))
    assert refused.value.code == "closed"
    assert not Response.objects.filter(campaign=campaign).exists()


def test_no_reminders_after_the_closing_date(scoped, people, unit, monkeypatch):
    campaign = opened(scoped, people, unit)
    monkeypatch.setattr(campaigns.timezone, "localdate",
                        lambda: campaign.closes_on + dt.timedelta(days=1))
    with pytest.raises(ValidationError) as refused:
        campaigns.do_send_reminders(actor=people["admin"], campaign=campaign)
    assert refused.value.code == "not_open"
