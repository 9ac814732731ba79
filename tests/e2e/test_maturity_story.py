"""The story of issue 7 in the browser: the administrator prepares and opens a maturity
assessment; two people answer through their personal links (one saves, leaves and comes
back through the same link); the rest of the unit answers; the administrator closes it; the
results show the radar chart and its table; the portfolio office turns a recommendation
into an initiative in phase Idea. Every page of the story passes axe."""

from __future__ import annotations

import re

from tests.e2e.test_accessibility import axe_clean

TITLE = "Digital modenhet 2027"


def _answer(page, content: dict, dimensions) -> int:
    """Tick an answer to every question of the given dimensions (by index); returns how
    many questions were answered."""
    answered = 0
    for index in dimensions:
        for question in content["dimensions"][index]["questions"]:
            key = question["key"]
            if question["type"] == "level":
                value = str(min(2, len(question["options"]) - 1))
            elif question["type"] == "checklist":
                value = "0"
            else:
                value = "in_progress"
            page.locator(f"input[name='{key}'][value='{value}']").check()
            answered += 1
    return answered


def test_a_campaign_from_invitation_to_initiative(open_as, browser, e2e_world):
    from django.core import mail

    from gevinst.benefits.models import BenefitInitiative
    from gevinst.core.models import Organisation
    from gevinst.core.scoping import tenant_scope
    from gevinst.maturity.models import Campaign, Invitation, Recommendation
    from gevinst.maturity.services import responses
    from tests.conftest import world_answers

    org = Organisation.objects.get(slug="fjordby")
    admin = open_as("admin")
    admin.goto(admin.base + "/o/fjordby/maturity/")
    admin.get_by_role("link", name="New assessment").click()
    admin.fill("#id_title", TITLE)
    admin.get_by_label("Helse og velferd").check()
    admin.fill("#id_closes_on", "2099-12-31")
    admin.fill("#id_opens_on", "2026-01-01")
    axe_clean(admin, "the new assessment form")
    admin.get_by_role("button", name="Save the draft").click()
    admin.wait_for_load_state()
    assert "Opening sends a personal link to 5 people." in admin.content()
    axe_clean(admin, "the draft")
    mail.outbox = []
    admin.get_by_role("button", name="Open and send the invitations").click()
    admin.wait_for_load_state()
    assert "5 invitations are on their way" in admin.content()
    axe_clean(admin, "the open campaign")
    links = sorted(re.search(r"https?://\S+/survey/\S+/", m.body).group(0)
                   for m in mail.outbox)
    assert len(links) == 5

    with tenant_scope(org):
        campaign = Campaign.objects.get(organisation=org, title=TITLE)
    content = campaign.model_version.content
    total = campaign.model_version.question_count

    # The first respondent answers two dimensions, saves and leaves.
    first = browser.new_context(locale="en-GB")
    page = first.new_page()
    page.goto(links[0])
    axe_clean(page, "the survey")
    done = _answer(page, content, [0, 1])
    page.get_by_role("button", name="Save and continue later").click()
    page.wait_for_load_state()
    assert f"Saved: {done} of {total} questions answered." in page.content()
    first.close()
    # ... and comes back later, in another browser, through the same link.
    again = browser.new_context(locale="en-GB")
    page = again.new_page()
    page.goto(links[0])
    assert f"You have answered {done} of {total} questions." in page.content()
    assert page.locator(
        f"input[name='{content['dimensions'][0]['questions'][0]['key']}']:checked").count() == 1
    # Sending with questions left is refused, naming them, and keeps the answers.
    page.get_by_role("button", name="Send my answers").click()
    page.wait_for_load_state()
    assert page.locator(".ds-error-summary").is_visible()
    axe_clean(page, "the survey with errors")
    _answer(page, content, range(2, len(content["dimensions"])))
    page.get_by_role("button", name="Send my answers").click()
    page.wait_for_load_state()
    assert "Your answers are sent." in page.content()
    axe_clean(page, "thanks")
    again.close()

    # The second respondent answers everything at once.
    second = browser.new_context(locale="en-GB")
    page = second.new_page()
    page.goto(links[1])
    _answer(page, content, range(len(content["dimensions"])))
    page.get_by_role("button", name="Send my answers").click()
    page.wait_for_load_state()
    assert "Your answers are sent." in page.content()
    second.close()

    # The three others answer (through the service, as their links would).
    with tenant_scope(org):
        for n, link in enumerate(links[2:]):
            token = link.rstrip("/").rsplit("/", 1)[1]
            invitation = Invitation.objects.get(organisation=org, token=token)
            responses.do_save_answers(invitation=invitation, token=token, send=True,
                                      answers=world_answers(content, n))

    admin.reload()
    assert "5 of 5" in admin.content()
    admin.get_by_role("button", name="Close and compute the results").click()
    admin.wait_for_load_state()
    assert "is closed" in admin.content()
    admin.get_by_role("link", name="See the results").click()
    admin.wait_for_load_state()
    radar = admin.locator("svg.gv-radar")
    assert radar.count() == 1 and radar.first.is_visible()
    assert admin.locator("table").count() >= 1
    axe_clean(admin, "the results")

    pmo = open_as("pmo")
    pmo.goto(admin.url)
    pmo.get_by_role("button", name=re.compile("Make an initiative")).first.click()
    pmo.wait_for_load_state()
    axe_clean(pmo, "the results after the conversion")
    with tenant_scope(org):
        recommendation = Recommendation.objects.get(organisation=org, campaign=campaign,
                                                    rank=1)
        initiative = recommendation.initiative
        assert initiative is not None and initiative.phase.key == "idea"
        assert BenefitInitiative.objects.filter(organisation=org,
                                                initiative=initiative).exists()
    assert initiative.reference in pmo.content()
