"""The survey through the personal link: answer, save and come back, send."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from gevinst.core.models import Unit
from gevinst.core.scoping import tenant_scope
from gevinst.maturity.models import Invitation, Response
from gevinst.maturity.services import campaigns
from tests.conftest import world_answers


def _open(org, people, **fields):
    with tenant_scope(org):
        unit = Unit.objects.get(organisation=org, name="Helse og velferd")
        today = timezone.localdate()
        campaign = campaigns.do_create_campaign(
            actor=people["admin"], organisation=org, units=[unit], title="Modenhet 2027",
            opens_on=today, closes_on=today + dt.timedelta(days=10), **fields)
        campaigns.do_open_campaign(actor=people["admin"], campaign=campaign,
                                   expected_version=1)
        return campaign, list(campaign.invitations.order_by("email"))


def post_data(answers: dict, content: dict, **extra) -> dict:
    """Form data of ``answers`` (checklists: the ticked indices, [] as "None of these")."""
    data = dict(extra)
    kinds = {q["key"]: q["type"] for d in content["dimensions"] for q in d["questions"]}
    for key, value in answers.items():
        if kinds[key] == "checklist":
            data[key] = [str(v) for v in value] or ["none"]
        else:
            data[key] = str(value)
    return data


@pytest.fixture
def survey(org, people):
    return _open(org, people)


def test_the_link_shows_the_questions_of_every_dimension_without_signing_in(client, survey):
    campaign, invitations = survey
    page = client.get(f"/survey/{invitations[0].token}/")
    assert page.status_code == 200
    content = campaign.model_version.content
    for dimension in content["dimensions"]:
        assert dimension["name"]["en"] in page.content.decode()
    assert "anonymous" in page.content.decode()


def test_an_unknown_link_is_404(client, db):
    assert client.get("/survey/not-a-token/").status_code == 404


def test_saving_keeps_the_answers_for_the_next_visit_and_sending_thanks(client, survey):
    campaign, invitations = survey
    content = campaign.model_version.content
    answers = world_answers(content, 2)
    link = f"/survey/{invitations[0].token}/"
    first_dim = {q["key"] for q in content["dimensions"][0]["questions"]}
    partial = {k: v for k, v in answers.items() if k in first_dim}
    saved = client.post(link, post_data(partial, content, save="1"))
    assert saved.status_code == 200 and "Saved:" in saved.content.decode()
    # A new visit (another browser) through the same link finds the answers.
    client.cookies.clear()
    again = client.get(link)
    assert f"You have answered {len(partial)} of" in again.content.decode()
    sent = client.post(link, post_data(answers, content, send="1"))
    assert "Your answers are sent." in sent.content.decode()
    with tenant_scope(campaign.organisation):
        response = Response.objects.get(campaign=campaign)
        assert response.submitted and response.answers == answers
    assert "already sent" in client.get(link).content.decode()


def test_sending_with_questions_left_keeps_what_was_typed_and_names_them(client, survey):
    campaign, invitations = survey
    content = campaign.model_version.content
    question = content["dimensions"][0]["questions"][0]
    answers = {question["key"]: world_answers(content, 1)[question["key"]]}
    page = client.post(f"/survey/{invitations[0].token}/", post_data(answers, content,
                                                                     send="1"))
    assert page.status_code == 400
    text = page.content.decode()
    assert "Answer this question before sending." in text
    assert 'checked' in text  # the answer given is still ticked
    with tenant_scope(campaign.organisation):
        assert not Response.objects.filter(campaign=campaign).exists()


def test_none_of_these_cannot_be_ticked_with_items(client, survey):
    campaign, invitations = survey
    content = campaign.model_version.content
    question = next(q for d in content["dimensions"] for q in d["questions"]
                    if q["type"] == "checklist")
    page = client.post(f"/survey/{invitations[0].token}/",
                       {question["key"]: ["0", "none"], "save": "1"})
    assert page.status_code == 400 and "None of these" in page.content.decode()


def test_a_closed_survey_takes_no_answers(client, org):
    """MAT-0001 of the world is closed: everyone answered, and a link that had not would
    find the survey closed."""
    with tenant_scope(org):
        invitation = Invitation.objects.filter(organisation=org,
                                               campaign__reference="MAT-0001").first()
        Invitation.objects.filter(pk=invitation.pk).update(completed=False)
    page = client.get(f"/survey/{invitation.token}/")
    assert "This survey is closed" in page.content.decode()


def test_a_signed_in_survey_needs_the_invited_member(client, org, people):
    campaign, invitations = _open(org, people, mode="signed_in")
    mine = next(i for i in invitations if i.email == people["viewer"].email)
    link = f"/survey/{mine.token}/"
    assert client.get(link).status_code == 302  # to the sign-in page
    client.force_login(people["pmo"])
    other = client.get(link)
    # Someone else is told the link is not theirs, and learns nothing of the survey.
    assert other.status_code == 403 and "This link is not yours" in other.content.decode()
    assert campaign.title not in other.content.decode()
    client.force_login(people["viewer"])
    assert client.get(link).status_code == 200


def test_the_member_finds_the_surveys_to_answer_on_the_maturity_page(client_as, org, people):
    _open(org, people)
    page = client_as("employee").get("/o/fjordby/maturity/")
    assert page.status_code == 200 and "Modenhet 2027" in page.content.decode()
    assert "Assessments" not in page.content.decode()  # employees see only their surveys


def test_the_logs_never_hold_the_link_or_the_answers(client, survey, caplog):
    import logging

    campaign, invitations = survey
    token = invitations[0].token
    with caplog.at_level(logging.DEBUG):
        client.post(f"/survey/{token}/", {"send": "1"})  # refused: 400, logged by Django
    assert caplog.records, "Django logs a refused request"
    assert all(token not in r.getMessage() for r in caplog.records)
    assert any("/survey/-/" in r.getMessage() for r in caplog.records)


def test_the_survey_page_costs_a_fixed_number_of_queries(client, survey,
                                                         django_assert_max_num_queries):
    campaign, invitations = survey
    with django_assert_max_num_queries(6):
        assert client.get(f"/survey/{invitations[0].token}/").status_code == 200


def test_a_save_from_another_window_is_not_overwritten_silently(client, survey):
    """Two windows open the survey (both show no save yet). The first saves; the second's
    save is refused with a message, keeps what it shows, and a second try saves it."""
    campaign, invitations = survey
    content = campaign.model_version.content
    link = f"/survey/{invitations[0].token}/"
    first_window = world_answers(content, 0)
    second_window = world_answers(content, 4)
    assert 'name="version" value="0"' in client.get(link).content.decode()
    saved = client.post(link, post_data(first_window, content, save="1", version="0"))
    assert 'name="version" value="1"' in saved.content.decode()
    stale = client.post(link, post_data(second_window, content, save="1", version="0"))
    text = stale.content.decode()
    assert stale.status_code == 400 and "saved from another window" in text
    assert 'name="version" value="1"' in text  # the page now knows the latest save
    with tenant_scope(campaign.organisation):
        assert Response.objects.get(campaign=campaign).answers == first_window
    again = client.post(link, post_data(second_window, content, send="1", version="1"))
    assert "Your answers are sent." in again.content.decode()
    with tenant_scope(campaign.organisation):
        response = Response.objects.get(campaign=campaign)
        assert response.answers == second_window and response.submitted
