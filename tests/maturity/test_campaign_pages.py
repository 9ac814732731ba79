"""The administrators' pages of a maturity assessment."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from gevinst.core.models import Unit
from gevinst.core.scoping import tenant_scope
from gevinst.maturity.models import Campaign

TODAY = timezone.localdate()


def form_data(org, **extra):
    with tenant_scope(org):
        unit = Unit.objects.get(organisation=org, name="Helse og velferd")
    return {"title": "Modenhet 2027", "units": [unit.pk], "mode": "anonymous",
            "opens_on": TODAY.isoformat(),
            "closes_on": (TODAY + dt.timedelta(days=20)).isoformat(), **extra}


def test_an_administrator_prepares_opens_and_closes_a_campaign(
        client_as, org, mailoutbox, django_capture_on_commit_callbacks):
    admin = client_as("admin")
    made = admin.post("/o/fjordby/maturity/new/", form_data(org))
    assert made.status_code == 302
    with tenant_scope(org):
        campaign = Campaign.objects.get(organisation=org, title="Modenhet 2027")
    page = admin.get(made["Location"])
    assert "Opening sends a personal link to 5 people." in page.content.decode()
    base = f"/o/fjordby/maturity/{campaign.reference}/"
    with django_capture_on_commit_callbacks(execute=True):
        opened = admin.post(base + "open/", {"version": 1}, follow=True)
    assert "5 invitations are on their way" in opened.content.decode()
    assert len(mailoutbox) == 5
    # The version the page showed (1) is out of date after opening: a second open is told.
    again = admin.post(base + "open/", {"version": 1}, follow=True)
    assert "already open" in again.content.decode() or "changed" in again.content.decode()
    page = admin.get(base)
    assert "0 of 5" in page.content.decode()
    closed = admin.post(base + "close/", {"version": 2}, follow=True)
    assert "is closed" in closed.content.decode()
    with tenant_scope(org):
        campaign.refresh_from_db()
    assert campaign.status == "closed" and campaign.summary["whole"]["shown"] is False


def test_field_errors_keep_what_was_typed(client_as, org):
    page = client_as("admin").post("/o/fjordby/maturity/new/",
                                   form_data(org, units=[], extra_emails="nope",
                                             title="Behold meg"))
    text = page.content.decode()
    assert page.status_code == 400
    assert "Choose at least one unit." in text and "Line 1" in text and "Behold meg" in text


def test_editing_a_draft_detects_a_concurrent_change(client_as, org):
    admin = client_as("admin")
    admin.post("/o/fjordby/maturity/new/", form_data(org))
    with tenant_scope(org):
        campaign = Campaign.objects.get(organisation=org, title="Modenhet 2027")
    url = f"/o/fjordby/maturity/{campaign.reference}/edit/"
    assert admin.post(url, {**form_data(org, title="Første"), "version": 1}).status_code == 302
    stale = admin.post(url, {**form_data(org, title="Andre"), "version": 1})
    assert stale.status_code == 400 and "Andre" in stale.content.decode()
    with tenant_scope(org):
        campaign.refresh_from_db()
    assert campaign.title == "Første"


@pytest.mark.parametrize("role", ["pmo", "viewer"])
def test_only_administrators_run_campaigns(client_as, role):
    client = client_as(role)
    assert client.get("/o/fjordby/maturity/new/").status_code == 403
    assert client.post("/o/fjordby/maturity/MAT-0001/close/", {"version": 1}).status_code == 403
    page = client.get("/o/fjordby/maturity/MAT-0001/")
    assert page.status_code == 200 and "Run the assessment" not in page.content.decode()


def test_employees_see_only_their_surveys(client_as):
    client = client_as("employee")
    assert client.get("/o/fjordby/maturity/").status_code == 200
    assert client.get("/o/fjordby/maturity/MAT-0001/").status_code == 403
    assert client.get("/o/fjordby/maturity/model/").status_code == 403


def test_the_model_page_shows_every_dimension_and_its_levels(client_as):
    page = client_as("viewer").get("/o/fjordby/maturity/model/")
    text = page.content.decode()
    assert page.status_code == 200
    assert text.count("<h2") >= 8 and "Advanced" in text


def test_another_organisation_s_campaign_is_404(client_as):
    assert client_as("admin").get("/o/fjordby/maturity/MAT-0002/").status_code == 404
    assert client_as("admin", "asdal").get("/o/asdal/maturity/MAT-0002/").status_code == 200


def test_a_draft_is_deleted_but_a_closed_campaign_is_not(client_as, org):
    admin = client_as("admin")
    assert admin.post("/o/fjordby/maturity/MAT-0001/delete/").status_code == 302
    with tenant_scope(org):
        assert Campaign.objects.filter(organisation=org, reference="MAT-0001").exists()


def test_the_list_costs_the_same_however_many_campaigns(client_as, django_assert_max_num_queries):
    client = client_as("admin")
    with django_assert_max_num_queries(12):
        assert client.get("/o/fjordby/maturity/").status_code == 200


def test_the_campaign_page_and_the_model_cost_a_fixed_number_of_queries(
        client_as, django_assert_max_num_queries):
    client = client_as("admin")
    with django_assert_max_num_queries(14):
        assert client.get("/o/fjordby/maturity/MAT-0001/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get("/o/fjordby/maturity/model/").status_code == 200


def test_the_start_page_shows_the_surveys_waiting_for_the_member(
        client_as, org, people, django_capture_on_commit_callbacks):
    from gevinst.maturity.models import Invitation
    from gevinst.maturity.services import campaigns, responses
    from tests.conftest import world_answers

    employee = client_as("employee")
    assert "Surveys for you to answer" not in employee.get("/o/fjordby/").content.decode()
    with tenant_scope(org):
        unit = Unit.objects.get(organisation=org, name="Helse og velferd")
        campaign = campaigns.do_create_campaign(
            actor=people["admin"], organisation=org, units=[unit], title="Modenhet 2027",
            opens_on=TODAY, closes_on=TODAY + dt.timedelta(days=20))
        with django_capture_on_commit_callbacks(execute=True):
            campaigns.do_open_campaign(actor=people["admin"], campaign=campaign,
                                       expected_version=1)
        invitation = Invitation.objects.get(campaign=campaign, user=people["employee"])
    page = employee.get("/o/fjordby/").content.decode()
    assert "Surveys for you to answer" in page
    assert f'href="/survey/{invitation.token}/"' in page and "Modenhet 2027" in page
    # Each member sees their own link only (the PMO is invited too).
    pmo_page = client_as("pmo").get("/o/fjordby/").content.decode()
    assert "Modenhet 2027" in pmo_page and invitation.token not in pmo_page
    with tenant_scope(org):
        responses.do_save_answers(invitation=invitation, token=invitation.token, send=True,
                                  answers=world_answers(campaign.model_version.content, 0))
    employee = client_as("employee")
    assert "Modenhet 2027" not in employee.get("/o/fjordby/").content.decode()


def test_after_the_closing_date_the_page_asks_to_close_and_offers_no_reminders(
        client_as, org, people):
    from gevinst.maturity.services import campaigns

    with tenant_scope(org):
        unit = Unit.objects.get(organisation=org, name="Helse og velferd")
        campaign = campaigns.do_create_campaign(
            actor=people["admin"], organisation=org, units=[unit], title="Modenhet 2027",
            opens_on=TODAY, closes_on=TODAY + dt.timedelta(days=20))
        campaigns.do_open_campaign(actor=people["admin"], campaign=campaign,
                                   expected_version=1)
        base = f"/o/fjordby/maturity/{campaign.reference}/"
        admin = client_as("admin")
        assert base + "remind/" in admin.get(base).content.decode()
        Campaign.objects.filter(pk=campaign.pk).update(closes_on=TODAY - dt.timedelta(days=1))
    page = admin.get(base).content.decode()
    assert "The closing date has passed" in page and base + "remind/" not in page
    assert base + "close/" in page
