"""The daily follow-up: one digest per person and day, of measurements due or overdue and
benefits outside tolerance, in the organisation's language.

The world: BEN-0001 (in realisation, owned by viewer@fjordby.test) has a quarterly measure
planned for 2026 Q1–Q4 and measured in Q1 only. On 2026-11-23, Q2 (due 2026-07-30) and Q3
(due 2026-10-30) are overdue; Q4 is due 2027-01-30. Fjordby and Åsdal are Norwegian.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from gevinst.benefits.models import Benefit, FollowUpDigest, Measure
from gevinst.benefits.services import followup
from gevinst.benefits.services.benefits import do_change_benefit_status, do_create_benefit
from gevinst.benefits.services.followup import DigestItem, DigestSection, run_followup
from gevinst.benefits.services.measures import (
    do_create_measure,
    do_record_measurement,
    do_set_plan,
)
from gevinst.core.scoping import tenant_scope
from tests.conftest import person

TODAY = dt.date(2026, 11, 23)
BASE = "https://gevinst.test"


@pytest.fixture(autouse=True)
def _benefit_sections_only(monkeypatch):
    """These tests are about the benefits' sections: other modules' sections (risks due
    for review, overdue actions) are left out here and tested with their module."""
    benefit_builders = [b for b in followup.SECTION_BUILDERS
                        if b.__module__ == followup.__name__]
    monkeypatch.setattr(followup, "SECTION_BUILDERS", benefit_builders)


def _english(org):
    org.country = "XX"
    org.save(update_fields=["country"])


def _run(org, commit, today=TODAY):
    with commit(execute=True), tenant_scope(org):
        return run_followup(org, today=today, base_url=BASE + "/")


def _mails_to(email):
    return [m for m in mail.outbox if email in m.to]


def _benefit(org, owner, title, status="approved", frequency="quarterly", plan=None):
    """A benefit with one measure planned (by default 2026 Q1–Q4), not measured yet."""
    with tenant_scope(org):
        benefit = do_create_benefit(actor=person("contributor"), organisation=org,
                                    title=title, owner=owner)
        measure = do_create_measure(
            actor=person("contributor"), benefit=benefit, name=f"Mål for {title}",
            unit="antall", direction="increase", frequency=frequency,
            baseline_value=Decimal("0"), baseline_date=dt.date(2026, 1, 1),
            target_value=Decimal("100"), target_date=dt.date(2026, 12, 31))
        do_set_plan(actor=person("contributor"), measure=measure, values=plan or {
            dt.date(2026, 1, 1): 25, dt.date(2026, 4, 1): 50, dt.date(2026, 7, 1): 75,
            dt.date(2026, 10, 1): 100})
        for step in ("profiled", "approved"):
            if status == "identified":
                break
            benefit.refresh_from_db()
            do_change_benefit_status(actor=person("pmo"), benefit=benefit, status=step)
            if step == status:
                break
        later = {"realised": ["in_realisation", "realised"]}.get(status, [status])
        for step in later if status not in ("identified", "profiled", "approved") else []:
            benefit.refresh_from_db()
            do_change_benefit_status(actor=person("pmo"), benefit=benefit, status=step,
                                     comment="Vurdert.")
        benefit.refresh_from_db()
        return benefit, measure


def test_owner_gets_one_digest_however_many_benefits_are_due(
        org, django_capture_on_commit_callbacks):
    _english(org)
    viewer = person("viewer")
    extra = [_benefit(org, viewer, f"Gevinst {n}")[0] for n in range(3)]
    result = _run(org, django_capture_on_commit_callbacks)
    (message,) = _mails_to("viewer@fjordby.test")
    assert len(mail.outbox) == 1
    for reference in ["BEN-0001", *(b.reference for b in extra)]:
        assert reference in message.body
    assert message.body.count("Measurements overdue") == 1
    assert ("Spart tid: 2 periods not measured (Q2 2026 to Q3 2026); the first was due "
            "July 30, 2026.") in message.body
    assert result.digests == {"viewer@fjordby.test": 4}
    with tenant_scope(org):
        record = FollowUpDigest.objects.get(organisation=org, user=viewer)
    assert (record.sent_on, record.items) == (TODAY, 4)


def test_a_long_section_is_cut_short_and_counts_the_rest(
        org, django_capture_on_commit_callbacks, monkeypatch):
    _english(org)
    monkeypatch.setattr(followup, "MAX_ITEMS_PER_SECTION", 2)
    for n in range(3):
        _benefit(org, person("viewer"), f"Gevinst {n}")
    result = _run(org, django_capture_on_commit_callbacks)
    (message,) = _mails_to("viewer@fjordby.test")
    assert message.body.count("https://gevinst.test/o/fjordby/benefits/BEN-") == 2
    assert "… and 2 more; see the page below." in message.body
    assert "… and 2 more" in message.alternatives[0][0]
    assert result.digests == {"viewer@fjordby.test": 4}  # every item is counted


def test_nothing_is_sent_twice_on_the_same_day(org, django_capture_on_commit_callbacks):
    _run(org, django_capture_on_commit_callbacks)
    again = _run(org, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1 and again.sent == 0
    _run(org, django_capture_on_commit_callbacks, today=TODAY + dt.timedelta(days=1))
    assert len(_mails_to("viewer@fjordby.test")) == 2  # the next day: a new digest
    with tenant_scope(org):
        assert FollowUpDigest.objects.filter(organisation=org).count() == 2


def test_a_measurement_outside_tolerance_alerts_the_owner(
        org, django_capture_on_commit_callbacks):
    _english(org)
    with tenant_scope(org):
        measure = Measure.objects.get(organisation=org, benefit__reference="BEN-0001")
        # Q2 planned 250 (50 % of the change); 110 is 3 % — far beyond 10 points behind.
        for period, actual in ((dt.date(2026, 4, 1), 110), (dt.date(2026, 7, 1), 120)):
            do_record_measurement(actor=person("contributor"), measure=measure, period=period,
                                  data={"actual": actual})
    _run(org, django_capture_on_commit_callbacks)
    with tenant_scope(org):
        assert Benefit.objects.get(organisation=org, reference="BEN-0001").health == "behind"
    (message,) = _mails_to("viewer@fjordby.test")
    behind = message.body[message.body.index("Benefits outside tolerance"):]
    assert "BEN-0001 Spart tid i saksbehandling" in behind
    assert "Spart tid: 7\u00a0% of the planned change achieved" in behind
    assert "Measurements overdue" not in message.body  # Q3 is measured, Q4 not yet due


def test_a_person_with_nothing_to_report_gets_nothing(org, django_capture_on_commit_callbacks):
    with tenant_scope(org):
        measure = Measure.objects.get(organisation=org, benefit__reference="BEN-0001")
        for period, actual in ((dt.date(2026, 4, 1), 260), (dt.date(2026, 7, 1), 330)):
            do_record_measurement(actor=person("contributor"), measure=measure, period=period,
                                  data={"actual": actual})
    result = _run(org, django_capture_on_commit_callbacks)  # on track, Q4 due in January
    assert result.sent == 0 and mail.outbox == []
    with tenant_scope(org):
        assert not FollowUpDigest.objects.filter(organisation=org).exists()


@pytest.mark.parametrize("status", ["identified", "profiled", "realised", "withdrawn"])
def test_benefits_not_followed_up_are_left_out(org, django_capture_on_commit_callbacks,
                                               status):
    _benefit(org, person("contributor"), "Ikke fulgt opp", status=status)
    _run(org, django_capture_on_commit_callbacks)
    assert _mails_to("contributor@fjordby.test") == []
    assert len(_mails_to("viewer@fjordby.test")) == 1  # BEN-0001 is followed up


@pytest.mark.parametrize("status", ["approved", "handed_over"])
def test_followed_up_statuses_are_included(org, django_capture_on_commit_callbacks, status):
    benefit, _measure = _benefit(org, person("contributor"), "Fulgt opp", status=status)
    _run(org, django_capture_on_commit_callbacks)
    (message,) = _mails_to("contributor@fjordby.test")
    assert benefit.reference in message.body


def test_measurement_due_soon_is_announced(org, django_capture_on_commit_callbacks):
    _english(org)
    with tenant_scope(org):
        measure = Measure.objects.get(organisation=org, benefit__reference="BEN-0001")
        for period, actual in ((dt.date(2026, 4, 1), 260), (dt.date(2026, 7, 1), 330)):
            do_record_measurement(actor=person("contributor"), measure=measure, period=period,
                                  data={"actual": actual})
    _run(org, django_capture_on_commit_callbacks, today=dt.date(2027, 1, 20))
    (message,) = _mails_to("viewer@fjordby.test")
    assert "Measurements due soon" in message.body
    assert "Spart tid: Q4 2026 is due Jan. 30, 2027." in message.body
    assert "Measurements overdue" not in message.body


def test_digest_is_written_in_the_organisations_language(
        org, django_capture_on_commit_callbacks):
    assert org.country == "NO"
    _run(org, django_capture_on_commit_callbacks, today=dt.date(2026, 11, 23))
    (message,) = _mails_to("viewer@fjordby.test")
    assert message.body.startswith("Hei, Viewer!")
    assert "Dagens oppfølging i Fjordby kommune (23. november 2026)" in message.body
    assert "(2. kvartal 2026 til 3. kvartal 2026)" in message.body
    assert "30. juli 2026" in message.body
    html, kind = message.alternatives[0]
    assert kind == "text/html" and '<html lang="nb">' in html


def test_digest_has_an_html_alternative_with_absolute_links(
        org, django_capture_on_commit_callbacks):
    _english(org)
    _run(org, django_capture_on_commit_callbacks)
    (message,) = _mails_to("viewer@fjordby.test")
    links = [line.strip() for line in message.body.splitlines()
             if line.strip().startswith("https://")]
    assert links and all(link.startswith(BASE + "/o/fjordby/") for link in links)
    assert any("BEN-0001" in link for link in links)
    html, kind = message.alternatives[0]
    assert kind == "text/html"
    assert f'href="{BASE}/o/fjordby/' in html and "<h2" in html and "BEN-0001" in html
    assert message.subject.startswith("[Gevinst] Follow-up in Fjordby kommune: 1 thing")


def test_owner_who_left_the_organisation_gets_nothing(org, django_capture_on_commit_callbacks):
    from gevinst.core.models import Membership

    with tenant_scope(org):
        Membership.objects.filter(organisation=org, user=person("viewer")).delete()
    result = _run(org, django_capture_on_commit_callbacks)
    assert result.sent == 0 and mail.outbox == []


def test_other_modules_add_sections_to_the_same_digest(
        org, django_capture_on_commit_callbacks, monkeypatch):
    _english(org)

    def risks(ctx):
        return DigestSection(key="risks_due", heading="Risks due for review", intro="",
                             items={person("viewer").pk: [DigestItem(
                                 "RSK-0001", "Leverandøren leverer sent", "Review was due.",
                                 ctx.link("risk_detail", "risks/RSK-0001/"))]})

    monkeypatch.setattr(followup, "SECTION_BUILDERS", list(followup.SECTION_BUILDERS))
    followup.register_section(risks)
    _run(org, django_capture_on_commit_callbacks)
    (message,) = _mails_to("viewer@fjordby.test")
    assert "Measurements overdue" in message.body and "Risks due for review" in message.body
    assert f"{BASE}/o/fjordby/risks/RSK-0001/" in message.body


def test_the_run_costs_the_same_queries_however_many_benefits(
        org, django_capture_on_commit_callbacks, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        FollowUpDigest.objects.all().delete()
        with CaptureQueriesContext(connection) as queries:
            _run(org, django_capture_on_commit_callbacks)
        return len(queries)

    with tenant_scope(org):
        few = count()
    for n in range(6):
        _benefit(org, person(("viewer", "contributor", "pmo")[n % 3]), f"Flere {n}")
    with tenant_scope(org):
        many = count()
    assert many <= few + 2  # a digest more or less, never a query per benefit
    assert many < 40


def test_command_runs_every_organisation_and_reports(db, django_capture_on_commit_callbacks):
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("benefit_followup", "--date", TODAY.isoformat(), "--base-url",
                     BASE, stdout=out)
    output = out.getvalue()
    assert "asdal: 2 benefit(s) refreshed" in output
    assert "fjordby: 1 benefit(s) refreshed" in output
    assert "1 digest(s) sent" in output
    assert "  viewer@fjordby.test: 1 item(s)" in output
    assert "  viewer@asdal.test: 1 item(s)" in output
    assert sorted(m.to[0] for m in mail.outbox) == ["viewer@asdal.test", "viewer@fjordby.test"]
    again = StringIO()
    call_command("benefit_followup", "--org", "fjordby", "--date", TODAY.isoformat(),
                 stdout=again)
    assert "fjordby: 1 benefit(s) refreshed" in again.getvalue()
    assert "0 digest(s) sent" in again.getvalue() and "asdal" not in again.getvalue()


@pytest.mark.parametrize("args, message", [
    (["--org", "nowhere"], "No organisation"), (["--date", "23.11.2026"], "YYYY-MM-DD")])
def test_command_refuses_bad_arguments(db, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("benefit_followup", *args, stdout=StringIO())


def test_gevinst_followup_is_the_command(db, capsys):
    from gevinst.cli import main

    main(["followup", "--org", "fjordby", "--date", TODAY.isoformat()])
    assert "fjordby: 1 benefit(s) refreshed" in capsys.readouterr().out
