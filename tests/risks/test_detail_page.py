"""One risk's page: every field, the appetite decision (who, when, why), review, escalation,
closing and reopening, each refusal shown on the page with the input kept."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.formats import date_format

from gevinst.core.scoping import tenant_scope
from gevinst.risks.models import Risk

RSK1 = "/o/fjordby/risks/RSK-0001/"
RSK2 = "/o/fjordby/risks/RSK-0002/"


def _risk(org, reference):
    with tenant_scope(org):
        return Risk.objects.select_related("accepted_by").get(organisation=org,
                                                              reference=reference)


def test_page_shows_every_field_and_the_actions(client_as, org):
    page = client_as("viewer").get(RSK1).content.decode()
    for text in ("Innlåsing hos leverandør", "Én leverandør eier dataformatet.",
                 "Dyrt å bytte system.", "Supplier and market", "In 3 to 12 months",
                 "Contributor Fjordby", "INI-0001", "PRG-0001", "Reduce",
                 "Forhandle exit-klausul og dataeksport",
                 date_format(dt.date(2026, 11, 1), "DATE_FORMAT")):
        assert text in page, text
    # Scores before (4×4) and after (3×3) action.
    assert '<span class="gv-band" data-band="high">16</span>' in page
    assert '<span class="gv-band" data-band="medium">9</span>' in page


def test_above_appetite_page_asks_for_a_decision(client_as, org):
    page = client_as("pmo").get(RSK2).content.decode()
    assert "Above the risk appetite: a decision is needed" in page
    assert "appetite for “People and competence” risks is 12" in page
    assert f'action="{RSK2}accept/"' in page


def test_accept_without_decision_is_refused_on_the_page(client_as, org):
    response = client_as("pmo").post(f"{RSK2}accept/", {"version": 1, "decision": " "})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Not accepted" in page and "Write the decision" in page
    assert _risk(org, "RSK-0002").accepted_at is None


def test_accept_records_and_shows_who_when_why(client_as, org):
    client = client_as("pmo")
    response = client.post(f"{RSK2}accept/", {"version": 1,
                                              "decision": "Opplæring er bestilt."})
    assert response.status_code == 302
    risk = _risk(org, "RSK-0002")
    assert risk.is_accepted and risk.accepted_by.email == "pmo@fjordby.test"
    page = client.get(RSK2).content.decode()
    assert "Accepted above the risk appetite" in page
    assert "Opplæring er bestilt." in page and "Pmo Fjordby" in page
    assert date_format(timezone.localtime(risk.accepted_at), "DATE_FORMAT") in page


def test_accept_within_appetite_is_refused(client_as, org):
    response = client_as("pmo").post(f"{RSK1}accept/", {"version": 1, "decision": "Ja"})
    assert response.status_code == 200
    assert "within appetite: no decision is needed" in response.content.decode()


def test_stale_version_is_told(client_as, org):
    response = client_as("pmo").post(f"{RSK2}accept/", {"version": 7, "decision": "Ja"})
    assert "Somebody else saved this record" in response.content.decode()
    assert _risk(org, "RSK-0002").accepted_at is None


def test_escalate_needs_a_reason_and_goes_up(client_as, org):
    client = client_as("contributor")
    page = client.get(RSK1).content.decode()
    assert 'value="programme"' in page and 'value="organisation"' in page
    response = client.post(f"{RSK1}escalate/", {"version": 1, "level": "programme",
                                                "reason": ""})
    assert "Say why the risk is escalated." in response.content.decode()
    response = client.post(f"{RSK1}escalate/", {"version": 1, "level": "programme",
                                                "reason": "Gjelder alle prosjektene"})
    assert response.status_code == 302
    risk = _risk(org, "RSK-0001")
    assert risk.level == "programme" and risk.escalation_reason == "Gjelder alle prosjektene"
    page = client.get(RSK1).content.decode()
    assert "Gjelder alle prosjektene" in page
    assert 'value="programme"' not in page  # only upwards from here


def test_review_close_and_reopen(client_as, org):
    client = client_as("contributor")
    later = timezone.localdate() + dt.timedelta(days=60)
    response = client.post(f"{RSK1}review/", {"version": 1,
                                              "next_review": timezone.localdate().isoformat(),
                                              "comment": "Uendret"})
    assert "Choose a date after today" in response.content.decode()
    assert 'value="Uendret"' in response.content.decode()  # input kept
    client.post(f"{RSK1}review/", {"version": 1, "next_review": later.isoformat(),
                                   "comment": "Uendret"})
    risk = _risk(org, "RSK-0001")
    assert risk.next_review == later and risk.last_reviewed_on == timezone.localdate()
    assert "Uendret" in client.get(f"{RSK1}history/").content.decode()
    client.post(f"{RSK1}close/", {"version": risk.version, "status": "occurred",
                                  "comment": ""})
    assert _risk(org, "RSK-0001").status == "occurred"
    page = client.get(RSK1).content.decode()
    assert f'action="{RSK1}reopen/"' in page
    client.post(f"{RSK1}reopen/", {"version": risk.version + 1})
    assert _risk(org, "RSK-0001").status == "open"


def test_history_shows_changes(client_as, org):
    client = client_as("pmo")
    client.post(f"{RSK2}accept/", {"version": 1, "decision": "Greit for nå."})
    page = client.get(f"{RSK2}history/").content.decode()
    assert "Acceptance decision" in page and "Greit for nå." in page
