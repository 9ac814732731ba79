"""The risks' part of the daily follow-up digest: risks due for review (to the risk owner),
overdue and soon due actions (to the action owner), in the same one email a day as the
benefits' sections.

The world: RSK-0001 (INI-0001, owner contributor@fjordby.test, review due 2026-10-01) has
one planned action due 2026-11-01 owned by the contributor, who owns no benefit. RSK-0002
(owner pmo@fjordby.test) is reviewed next on 2027-03-01. BEN-0001 (owner viewer@fjordby.test)
has measurements overdue on 2026-11-23.
"""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from gevinst.benefits.models import FollowUpDigest
from gevinst.benefits.services.followup import (
    SECTION_BUILDERS,
    FollowUpContext,
    run_followup,
)
from gevinst.core.scoping import tenant_scope
from gevinst.risks import followup
from gevinst.risks.models import Risk, RiskAction
from gevinst.risks.services import (
    do_add_action,
    do_close_risk,
    do_create_risk,
    do_update_action,
)
from tests.conftest import person

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 23)
BASE = "https://gevinst.test"


def _english(org):
    org.country = "XX"
    org.save(update_fields=["country"])


def _run(org, commit, today=TODAY):
    with commit(execute=True), tenant_scope(org):
        return run_followup(org, today=today, base_url=BASE + "/")


def _mails_to(email):
    return [m for m in mail.outbox if email in m.to]


def _risk(org, owner, title, next_review, **data):
    with tenant_scope(org):
        return do_create_risk(actor=person("pmo"), organisation=org, data={
            "title": title, "probability": 2, "impact": 3, "owner": owner,
            "next_review": next_review, **data})


def test_the_sections_are_registered_after_the_benefits_ones():
    assert SECTION_BUILDERS[-3:] == list(followup.SECTIONS)
    followup.register()  # registering again changes nothing
    assert SECTION_BUILDERS.count(followup.review_section) == 1


def test_a_risk_owner_without_benefits_gets_a_digest_of_reviews_and_overdue_actions(
        org, django_capture_on_commit_callbacks):
    _english(org)
    result = _run(org, django_capture_on_commit_callbacks)
    (message,) = _mails_to("contributor@fjordby.test")
    body = message.body
    assert "== Risks due for review ==" in body
    assert "RSK-0001 Innlåsing hos leverandør" in body
    assert ("Review was due Oct. 1, 2026 (53 days late). Score after action: 9."
            in body)
    assert "== Overdue risk actions ==" in body
    assert ("Action “Forhandle exit-klausul og dataeksport” was due Nov. 1, 2026 "
            "(22 days late).") in body
    assert body.count(f"{BASE}/o/fjordby/risks/RSK-0001/") == 2
    html = message.alternatives[0][0]
    assert f'href="{BASE}/o/fjordby/risks/RSK-0001/"' in html
    assert "Overdue risk actions" in html
    assert result.digests["contributor@fjordby.test"] == 2
    # It ends with the page of risks and actions that need attention, not "My benefits".
    assert body.rstrip().splitlines()[-4:-2] == [
        "Risks and actions that need attention:", f"{BASE}/o/fjordby/risks/due/"]
    assert "/my-benefits/" not in body
    # RSK-0002 is not due for review until March: the PMO gets nothing.
    assert _mails_to("pmo@fjordby.test") == []


def test_a_person_with_benefits_and_risks_gets_one_email_with_both(
        org, django_capture_on_commit_callbacks):
    _english(org)
    viewer = person("viewer")
    risk = _risk(org, viewer, "Nøkkelperson slutter", dt.date(2026, 11, 20))
    with tenant_scope(org):
        do_add_action(actor=person("pmo"), risk=risk, description="Dokumenter rutinene",
                      owner=viewer, due_date=dt.date(2026, 11, 30))
    result = _run(org, django_capture_on_commit_callbacks)
    (message,) = _mails_to("viewer@fjordby.test")
    body = message.body
    sections = [line for line in body.splitlines() if line.startswith("== ")]
    assert sections == ["== Measurements overdue ==", "== Risks due for review ==",
                        "== Risk actions due soon =="]
    assert f"{risk.reference} Nøkkelperson slutter" in body
    assert "Action “Dokumenter rutinene” is due Nov. 30, 2026." in body
    assert "3 things need your attention" in message.subject
    assert result.digests["viewer@fjordby.test"] == 3
    # Both pages, once each.
    assert body.count(f"{BASE}/o/fjordby/my-benefits/") == 1
    assert body.count(f"{BASE}/o/fjordby/risks/due/") == 1
    assert len(mail.outbox) == 2  # the viewer and the contributor, once each
    with tenant_scope(org):
        assert FollowUpDigest.objects.get(organisation=org, user=viewer).items == 3


def test_a_second_run_the_same_day_sends_nothing(org, django_capture_on_commit_callbacks):
    _run(org, django_capture_on_commit_callbacks)
    sent = len(mail.outbox)
    assert _mails_to("contributor@fjordby.test")
    again = _run(org, django_capture_on_commit_callbacks)
    assert again.sent == 0 and len(mail.outbox) == sent
    _run(org, django_capture_on_commit_callbacks, today=TODAY + dt.timedelta(days=1))
    assert len(_mails_to("contributor@fjordby.test")) == 2


def test_actions_due_within_two_weeks_are_announced_and_later_ones_are_not(
        org, django_capture_on_commit_callbacks):
    _english(org)
    # On 2026-10-20 the action (due 2026-11-01) is 12 days away; the review is late.
    _run(org, django_capture_on_commit_callbacks, today=dt.date(2026, 10, 20))
    (message,) = _mails_to("contributor@fjordby.test")
    assert "== Risk actions due soon ==" in message.body
    assert "Overdue risk actions" not in message.body
    assert "is due Nov. 1, 2026." in message.body
    mail.outbox = []
    # On 2026-09-01 nothing is due yet (review 2026-10-01, action 2026-11-01).
    _run(org, django_capture_on_commit_callbacks, today=dt.date(2026, 9, 1))
    assert _mails_to("contributor@fjordby.test") == []


def test_a_review_due_today_is_announced(org, django_capture_on_commit_callbacks):
    _english(org)
    _run(org, django_capture_on_commit_callbacks, today=dt.date(2026, 10, 1))
    (message,) = _mails_to("contributor@fjordby.test")
    assert "Review was due Oct. 1, 2026 (due today)." in message.body


def test_closed_risks_and_finished_actions_are_left_out(org,
                                                        django_capture_on_commit_callbacks):
    with tenant_scope(org):
        risk = Risk.objects.get(organisation=org, reference="RSK-0001")
        action = RiskAction.objects.get(organisation=org, risk=risk)
        do_update_action(actor=person("contributor"), action=action, data={"status": "done"},
                         expected_version=action.version)
        other = _risk(org, person("contributor"), "Annen risiko", dt.date(2026, 11, 1))
        do_add_action(actor=person("pmo"), risk=other, description="Gammelt tiltak",
                      owner=person("contributor"), due_date=dt.date(2026, 11, 2))
        do_close_risk(actor=person("pmo"), risk=other, status="closed")
    _english(org)
    _run(org, django_capture_on_commit_callbacks)
    (message,) = _mails_to("contributor@fjordby.test")
    assert "RSK-0001" in message.body  # its review is still due
    assert "Overdue risk actions" not in message.body  # done, and the closed risk's
    assert "Annen risiko" not in message.body


def test_an_above_appetite_risk_due_for_review_says_it_needs_a_decision(
        org, django_capture_on_commit_callbacks):
    _english(org)
    _run(org, django_capture_on_commit_callbacks, today=dt.date(2027, 3, 1))
    (message,) = _mails_to("pmo@fjordby.test")
    assert "RSK-0002" in message.body
    assert "Above the risk appetite and not accepted: it needs a decision." in message.body


def test_the_digest_is_in_the_organisations_language(org, django_capture_on_commit_callbacks):
    """Fjordby is Norwegian: dates (and, once translated, the texts) are in Bokmål."""
    _run(org, django_capture_on_commit_callbacks)
    (message,) = _mails_to("contributor@fjordby.test")
    assert "1. oktober 2026" in message.body
    assert "1. november 2026" in message.body


def test_each_section_costs_one_query_however_many_people_and_risks(
        org, django_assert_num_queries):
    for n, role in enumerate(("viewer", "pmo", "admin", "contributor")):
        risk = _risk(org, person(role), f"Risiko {n}", dt.date(2026, 11, 1))
        with tenant_scope(org):
            for m in range(3):
                do_add_action(actor=person("pmo"), risk=risk, description=f"Tiltak {m}",
                              owner=person(role), due_date=dt.date(2026, 11, 20 + 5 * m))
    ctx = FollowUpContext(organisation=org, today=TODAY, base_url=BASE)
    with tenant_scope(org):
        for builder in followup.SECTIONS:
            with django_assert_num_queries(1):
                section = builder(ctx)
            assert section.items
        # The four new risks' owners, and the contributor (RSK-0001) among them.
        assert len(followup.review_section(ctx).items) == 4


def test_gevinst_followup_sends_the_risk_sections(org, django_capture_on_commit_callbacks):
    _english(org)
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("benefit_followup", "--org", "fjordby", "--date", "2026-11-23",
                     "--base-url", BASE, stdout=out)
    assert "contributor@fjordby.test: 2 item(s)" in out.getvalue()
    (message,) = _mails_to("contributor@fjordby.test")
    assert "Risks due for review" in message.body
    assert f"{BASE}/o/fjordby/risks/RSK-0001/" in message.body
