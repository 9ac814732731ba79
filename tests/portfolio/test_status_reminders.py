"""`gevinst remind`: one email per manager whose report for the period just finished is due
and not published; never twice for a period.

The world: in each organisation the contributor manages INI-0001 (September 2026 published,
October a draft) and INI-0002.. (no reports). Due day is the 5th.
"""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from gevinst.core.models import Organisation
from gevinst.core.scoping import tenant_scope
from gevinst.portfolio.models.reports import StatusReminder
from gevinst.portfolio.services.reports import do_publish_report
from tests.conftest import person


def remind(*args, commit=None) -> str:
    out = StringIO()
    with commit(execute=True):
        call_command("remind_status_reports", *args, stdout=out)
    return out.getvalue()


def mails_to(email: str):
    return [m for m in mail.outbox if email in m.to]


def test_manager_gets_one_email_listing_every_initiative_due(
        db, django_capture_on_commit_callbacks):
    remind("--org", "fjordby", "--date", "2026-11-05", "--base-url", "https://gevinst.test/",
           commit=django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["contributor@fjordby.test"]
    assert "INI-0001" in message.body and "INI-0002" in message.body
    assert "https://gevinst.test/o/fjordby/initiatives/INI-0002/status/" in message.body
    assert "https://gevinst.test/o/fjordby/status-reports/" in message.body


def test_reminder_is_not_sent_twice_for_a_period(db, django_capture_on_commit_callbacks):
    remind("--date", "2026-11-05", commit=django_capture_on_commit_callbacks)
    sent = len(mail.outbox)
    output = remind("--date", "2026-11-09", commit=django_capture_on_commit_callbacks)
    assert len(mail.outbox) == sent == 2  # one manager in each organisation
    assert "fjordby: reminded 0 manager(s)" in output


def test_nothing_is_sent_before_the_due_day(db, django_capture_on_commit_callbacks):
    output = remind("--date", "2026-11-04", commit=django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert "reminded 0" in output


def test_published_reports_are_not_reminded(db, django_capture_on_commit_callbacks):
    remind("--org", "fjordby", "--date", "2026-10-06", commit=django_capture_on_commit_callbacks)
    (message,) = mails_to("contributor@fjordby.test")
    assert "INI-0002" in message.body and "INI-0001" not in message.body


def test_publishing_after_the_reminder_is_fine_and_next_period_reminds_again(
        org, django_capture_on_commit_callbacks):
    remind("--org", "fjordby", "--date", "2026-11-05", commit=django_capture_on_commit_callbacks)
    with tenant_scope(org):
        draft = org_draft(org)
        do_publish_report(actor=person("contributor"), report=draft,
                          expected_version=draft.version,
                          data={f: "green" for f in ("overall", "schedule", "cost", "scope",
                                                     "risk", "benefits", "resources")})
    remind("--org", "fjordby", "--date", "2026-12-05", commit=django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2
    assert "INI-0001" in mail.outbox[1].body  # November has no report yet


def org_draft(org):
    from gevinst.portfolio.models import StatusReport

    return StatusReport.objects.get(organisation=org, initiative__reference="INI-0001",
                                    period_start=dt.date(2026, 10, 1))


def test_dry_run_sends_and_records_nothing(org, django_capture_on_commit_callbacks):
    output = remind("--dry-run", "--date", "2026-11-05",
                    commit=django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert "would remind 1 manager(s)" in output
    assert "contributor@fjordby.test: INI-0001, INI-0002" in output
    with tenant_scope(org):
        assert not StatusReminder.objects.exists()


def test_org_option_limits_the_run(db, django_capture_on_commit_callbacks):
    remind("--org", "asdal", "--date", "2026-11-05", commit=django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["contributor@asdal.test"]]


def test_unknown_organisation_is_an_error(db):
    with pytest.raises(CommandError):
        call_command("remind_status_reports", "--org", "nowhere", stdout=StringIO())


def test_email_is_in_the_organisations_language(db, django_capture_on_commit_callbacks):
    remind("--org", "fjordby", "--date", "2026-11-05", commit=django_capture_on_commit_callbacks)
    body = mail.outbox[0].body
    assert "oktober 2026" in body  # the period, named in Norwegian (Fjordby is in Norway)
    assert "5. november 2026" in body  # the due date


def test_quarterly_organisation_is_reminded_after_the_quarter(
        db, django_capture_on_commit_callbacks):
    Organisation.objects.filter(slug="fjordby").update(status_report_cadence="quarterly",
                                                      status_report_due_day=10)
    remind("--org", "fjordby", "--date", "2026-10-09", commit=django_capture_on_commit_callbacks)
    assert mail.outbox == []
    remind("--org", "fjordby", "--date", "2026-10-10", commit=django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert "INI-0001" in message.body and "INI-0002" in message.body
    assert "3. kvartal 2026" in message.body or "Q3 2026" in message.body


def test_gevinst_remind_is_the_command(db, monkeypatch):
    from gevinst import cli

    called = []
    monkeypatch.setattr(cli, "_django", lambda argv: called.append(argv))
    cli.main(["remind", "--org", "fjordby", "--dry-run"])
    assert called == [["remind_status_reports", "--org", "fjordby", "--dry-run"]]


def test_a_refused_address_does_not_stop_the_other_managers(
        org, monkeypatch, django_capture_on_commit_callbacks):
    import django.core.mail

    from gevinst.portfolio.models import Initiative
    from gevinst.portfolio.services.initiatives import do_update_initiative

    with tenant_scope(org):
        second = Initiative.objects.get(organisation=org, reference="INI-0002")
        do_update_initiative(actor=person("pmo"), initiative=second,
                             data={"manager": person("pmo")}, expected_version=second.version)
    real = django.core.mail.send_mail

    def flaky(*, recipient_list, **kwargs):
        if recipient_list == ["contributor@fjordby.test"]:
            raise OSError("mailbox unavailable")
        return real(recipient_list=recipient_list, **kwargs)

    monkeypatch.setattr(django.core.mail, "send_mail", flaky)
    remind("--org", "fjordby", "--date", "2026-11-05", commit=django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["pmo@fjordby.test"]]
    assert "INI-0002" in mail.outbox[0].body and "INI-0001" not in mail.outbox[0].body
