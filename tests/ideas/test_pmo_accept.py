"""Acceptance into the portfolio: the idea becomes an initiative in phase Idea (or Concept)
carrying its texts, units and score; the author and followers are told; the idea page shows
the initiative's public progress (a link to it only for those who read the portfolio)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core import mail

from gevinst.core.models import Unit
from gevinst.core.scoping import tenant_scope
from gevinst.ideas.models import Idea
from gevinst.portfolio.models import Initiative, Phase

pytestmark = pytest.mark.django_db

IDEA = "/o/fjordby/ideas/IDE-0001/"
URL = IDEA + "accept/"


def _idea(org) -> Idea:
    with tenant_scope(org):
        return Idea.objects.select_related("initiative").get(organisation=org,
                                                              reference="IDE-0001")


def _phase(org, key) -> Phase:
    with tenant_scope(org):
        return Phase.objects.get(organisation=org, key=key)


def _accept(client, org, **data):
    data.setdefault("version", _idea(org).version)
    data.setdefault("phase", _phase(org, "idea").pk)
    return client.post(URL, data)


def test_form_suggests_phase_idea_and_the_first_affected_unit(client_as, org):
    form = client_as("pmo").get(URL).context["form"]
    assert form["phase"].value() == _phase(org, "idea").pk
    assert [str(p) for p in form.fields["phase"].queryset] == ["Idea", "Concept"]
    with tenant_scope(org):
        unit = Unit.objects.get(organisation=org, name="Helse og velferd")
    assert form["owning_unit"].value() == unit.pk


def test_accepting_creates_the_initiative_from_the_idea(
        client_as, org, people, django_capture_on_commit_callbacks):
    with tenant_scope(org):
        Idea.objects.filter(organisation=org, reference="IDE-0001").update(
            score=Decimal("3.80"), band="medium")
    client = client_as("pmo")
    with django_capture_on_commit_callbacks(execute=True):
        response = _accept(client, org, phase=_phase(org, "concept").pk,
                           owner=people["viewer"].pk, answer="Vi setter i gang et konsept.")
    assert response.status_code == 302
    idea = _idea(org)
    initiative = idea.initiative
    assert idea.status == "accepted" and initiative is not None
    with tenant_scope(org):
        initiative = Initiative.objects.select_related("phase", "owning_unit").get(
            pk=initiative.pk)
        assert list(initiative.affected_units.values_list("name", flat=True)) == [
            "Helse og velferd"]
    assert (initiative.title, initiative.problem, initiative.proposal,
            initiative.expected_benefit) == (idea.title, idea.problem, idea.proposal,
                                             idea.expected_benefit)
    assert initiative.priority_score == Decimal("3.80")
    assert initiative.phase.key == "concept" and initiative.owner == people["viewer"]
    assert initiative.owning_unit.name == "Helse og velferd"
    assert sorted(a for m in mail.outbox for a in m.to) == ["employee@fjordby.test",
                                                            "viewer@fjordby.test"]
    page = client.get(response["Location"]).content.decode()
    assert (f"is accepted into the portfolio as initiative {initiative.reference} "
            f"“{initiative.title}”") in page


def test_missing_answer_and_wrong_phase_are_refused_with_the_input_kept(client_as, org):
    response = _accept(client_as("pmo"), org, phase=_phase(org, "execution").pk,
                       answer="")
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "answer" in errors and "phase" in errors
    assert _idea(org).initiative_id is None


def test_an_idea_is_accepted_only_once(client_as, org):
    client = client_as("pmo")
    assert _accept(client, org, answer="Ja.").status_code == 302
    again = client.get(URL)
    assert again.context["form"] is None
    assert "already accepted" in again.content.decode()
    response = client.post(URL, {"answer": "Igjen.", "version": _idea(org).version,
                                 "phase": _phase(org, "idea").pk})
    assert response.status_code == 302
    with tenant_scope(org):
        assert Initiative.objects.filter(organisation=org, title=_idea(org).title).count() \
            == 1


def _progress_page(client_as, org, role):
    client = client_as("pmo")
    assert _accept(client, org, answer="Ja, vi gjør det.").status_code == 302
    return client_as(role).get(IDEA).content.decode(), _idea(org).initiative


def test_employee_sees_the_public_progress_without_a_link(client_as, org):
    page, initiative = _progress_page(client_as, org, "employee")
    assert "Progress of the initiative" in page
    assert f"initiative {initiative.reference}" in page
    assert "Idea (current phase)" in page
    assert 'aria-current="step"' in page
    assert "No status report published yet." in page
    assert f'href="/o/fjordby/initiatives/{initiative.reference}/"' not in page


def test_viewer_sees_the_progress_with_a_link_to_the_initiative(client_as, org):
    page, initiative = _progress_page(client_as, org, "viewer")
    assert "Progress of the initiative" in page
    assert f'href="/o/fjordby/initiatives/{initiative.reference}/"' in page


def test_author_email_names_the_new_initiative(client_as, org,
                                               django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _accept(client_as("pmo"), org, answer="Ja.")
    reference = _idea(org).initiative.reference
    to_author = next(m for m in mail.outbox if m.to == ["employee@fjordby.test"])
    assert reference in to_author.body
