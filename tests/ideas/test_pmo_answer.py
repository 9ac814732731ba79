"""The official answer page: status and answer (emailed to the author and the followers),
refusals on the fields they concern with the input kept, "duplicate of" by reference, and
the version that catches a concurrent answer."""

from __future__ import annotations

import pytest
from django.core import mail

from gevinst.core.scoping import tenant_scope
from gevinst.ideas.models import Idea, IdeaAnswer
from tests.ideas.test_pmo_review_queue import make_idea

pytestmark = pytest.mark.django_db

URL = "/o/fjordby/ideas/IDE-0001/answer/"


def _idea(org, reference="IDE-0001") -> Idea:
    with tenant_scope(org):
        return Idea.objects.get(organisation=org, reference=reference)


def _post(client, org, **data):
    data.setdefault("version", _idea(org).version)
    return client.post(URL, data)


def test_answer_sets_the_status_and_emails_author_and_followers(
        client_as, org, django_capture_on_commit_callbacks):
    client = client_as("pmo")
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, org, status="parked", answer="Vi venter på ny plattform.")
    assert response.status_code == 302
    assert response["Location"].endswith("/ideas/IDE-0001/#processing")
    idea = _idea(org)
    assert idea.status == "parked" and idea.answer == "Vi venter på ny plattform."
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["employee@fjordby.test", "viewer@fjordby.test"]
    assert "Vi venter på ny plattform." in mail.outbox[0].body
    page = client.get(response["Location"]).content.decode()
    assert "is now “Parked”" in page


def test_missing_answer_is_refused_on_its_field_and_the_input_is_kept(client_as, org):
    response = _post(client_as("pmo"), org, status="rejected", answer="")
    assert response.status_code == 200
    form = response.context["form"]
    assert "answer" in form.errors
    page = response.content.decode()
    assert 'id="id_answer_error"' in page
    assert form["status"].value() == "rejected"  # the choice made is kept
    assert _idea(org).status == "under_review"


@pytest.mark.parametrize("duplicate_of,message", [
    ("", "Give the reference of the idea this one repeats."),
    ("IDE-0001", "An idea cannot be a duplicate of itself."),
    ("IDE-9999", "There is no idea IDE-9999 in this organisation."),
    ("IDE-0002", "There is no idea IDE-0002 in this organisation."),  # Åsdal's
])
def test_duplicate_needs_another_idea_of_the_organisation(client_as, org, duplicate_of,
                                                          message):
    response = _post(client_as("pmo"), org, status="duplicate", answer="Finnes fra før.",
                     duplicate_of=duplicate_of)
    assert response.status_code == 200
    assert message in response.context["form"].errors["duplicate_of"]
    assert "Finnes fra før." in response.content.decode()  # the answer typed is kept
    assert _idea(org).status == "under_review"


def test_duplicate_of_another_idea_by_reference(client_as, org, people):
    with tenant_scope(org):
        original = make_idea(org, people["viewer"], "Timebestilling på nett")
    response = _post(client_as("pmo"), org, status="duplicate", answer="Samme som den andre.",
                     duplicate_of=original.reference.lower())
    assert response.status_code == 302
    idea = _idea(org)
    assert idea.status == "duplicate" and idea.duplicate_of_id == original.pk
    with tenant_scope(org):
        assert IdeaAnswer.objects.get(idea=idea).duplicate_of_id == original.pk


def test_a_concurrent_answer_is_detected(client_as, org):
    client = client_as("pmo")
    stale = _idea(org).version
    assert _post(client, org, status="parked", answer="Først.").status_code == 302
    response = client.post(URL, {"status": "rejected", "answer": "Etterpå.",
                                 "version": stale})
    assert response.status_code == 200
    assert "Somebody else saved this record" in response.content.decode()
    assert _idea(org).status == "parked"


def test_only_done_is_offered_once_accepted(client_as, org):
    with tenant_scope(org):
        Idea.objects.filter(organisation=org, reference="IDE-0001").update(status="accepted")
    form = client_as("pmo").get(URL).context["form"]
    assert [value for value, _ in form.fields["status"].choices] == ["done"]


def test_an_open_idea_is_offered_every_answer_but_done(client_as):
    form = client_as("pmo").get(URL).context["form"]
    assert [value for value, _ in form.fields["status"].choices] == [
        "under_review", "parked", "rejected", "duplicate"]


def test_done_is_refused_for_an_idea_not_accepted(client_as, org):
    response = _post(client_as("pmo"), org, status="done", answer="Ferdig.")
    assert response.status_code == 200
    assert "status" in response.context["form"].errors
