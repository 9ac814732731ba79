"""Every page of digital maturity passes axe (WCAG 2.1 AA) with zero violations in English,
Bokmål and Swedish: for each role that uses it, in each state of a campaign, the survey
through its link, and the forms shown with their errors."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.e2e.test_accessibility import LANGS, axe_clean, check_pages

M = "/o/fjordby/maturity"

PAGES = [
    ("employee", M + "/"),  # the surveys to answer
    ("employee", "/o/fjordby/"),  # the start page, with the open survey to answer
    ("viewer", M + "/"),
    ("viewer", M + "/model/"),
    ("viewer", M + "/MAT-0001/"),
    ("viewer", M + "/MAT-0001/results/"),
    ("pmo", M + "/MAT-0001/results/"),  # with "Make an initiative"
    ("admin", M + "/"),
    ("admin", M + "/new/"),
    ("admin", M + "/{draft}/"),
    ("admin", M + "/{draft}/edit/"),
    ("admin", M + "/{open}/"),
    ("admin", M + "/MAT-0001/"),
    (None, "/survey/{token}/"),
    (None, "/survey/{done}/"),
    (None, "/survey/no-such-link/", 404),
]


def _ids() -> dict:
    """A draft and an open campaign (one invitee has answered), made through the services."""
    from django.utils import timezone

    from gevinst.core.models import Organisation, Unit
    from gevinst.core.scoping import tenant_scope
    from gevinst.maturity.services import campaigns, responses
    from tests.conftest import person, world_answers

    org = Organisation.objects.get(slug="fjordby")
    admin = person("admin")
    today = timezone.localdate()
    with tenant_scope(org):
        unit = Unit.objects.get(organisation=org, name="Helse og velferd")

        def make(title):
            return campaigns.do_create_campaign(
                actor=admin, organisation=org, units=[unit], title=title, opens_on=today,
                closes_on=today + dt.timedelta(days=14), message="Svar innen fristen.")

        draft = make("Utkast")
        opened = make("Åpen")
        campaigns.do_open_campaign(actor=admin, campaign=opened, expected_version=1)
        invitations = list(opened.invitations.order_by("email"))
        done = invitations[1]
        responses.do_save_answers(invitation=done, token=done.token, send=True,
                                  answers=world_answers(opened.model_version.content, 1))
    return {"draft": draft.reference, "open": opened.reference,
            "token": invitations[0].token, "done": done.token}


@pytest.mark.parametrize("lang", LANGS)
def test_every_maturity_page_passes_axe(open_as, lang):
    ids = _ids()
    check_pages(open_as, PAGES, lang, ids)


@pytest.mark.parametrize("lang", LANGS)
def test_maturity_forms_with_errors_pass_axe(open_as, lang):
    ids = _ids()
    admin = open_as("admin", lang)
    admin.goto(admin.base + M + "/new/")
    admin.fill("#id_extra_emails", "not an address")
    admin.locator("main form.gv-form button[type=submit][data-variant=primary]").click()
    admin.wait_for_load_state()
    assert admin.locator(".ds-error-summary").is_visible()
    assert admin.locator("#id_title[aria-invalid=true]").count() == 1
    axe_clean(admin, "new assessment with errors")

    respondent = open_as(None, lang)
    respondent.goto(respondent.base + f"/survey/{ids['token']}/")
    respondent.locator("button[name=send]").click()
    respondent.wait_for_load_state()
    assert respondent.locator(".ds-error-summary").is_visible()
    axe_clean(respondent, "the survey sent with questions left")
    respondent.locator("button[name=save]").click()
    respondent.wait_for_load_state()
    axe_clean(respondent, "the survey saved")
