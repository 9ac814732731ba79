"""Reviewers: the portfolio office chooses members (any role) to review an idea; the newly
chosen get an email, and the idea is in their review queue."""

from __future__ import annotations

import pytest
from django.core import mail

from gevinst.core.scoping import tenant_scope
from gevinst.ideas.models import Idea
from tests.conftest import person

pytestmark = pytest.mark.django_db

URL = "/o/fjordby/ideas/IDE-0001/reviewers/"


def _reviewers(org) -> set[str]:
    with tenant_scope(org):
        idea = Idea.objects.get(organisation=org, reference="IDE-0001")
        return set(idea.reviewers.values_list("email", flat=True))


def test_every_member_can_be_chosen_and_the_current_are_checked(client_as, org, people):
    form = client_as("pmo").get(URL).context["form"]
    emails = sorted(u.email for u in form.fields["reviewers"].queryset)
    assert emails == sorted(f"{role}@fjordby.test" for role in
                            ("admin", "pmo", "contributor", "viewer", "employee"))
    assert "Employee Fjordby (Helse og velferd, Employee)" in {
        label for _, label in form.fields["reviewers"].choices}
    assert form["reviewers"].value() == [people["contributor"].pk]


def test_newly_chosen_reviewers_get_an_email(client_as, org, people,
                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("pmo").post(URL, {"reviewers": [people["contributor"].pk,
                                                             people["viewer"].pk]})
    assert response.status_code == 302
    assert _reviewers(org) == {"contributor@fjordby.test", "viewer@fjordby.test"}
    assert [m.to for m in mail.outbox] == [["viewer@fjordby.test"]]
    queue = client_as("viewer").get("/o/fjordby/ideas/review/").content.decode()
    assert "IDE-0001" in queue


def test_a_person_of_another_organisation_is_refused(client_as, org):
    outsider = person("viewer", "asdal")
    response = client_as("pmo").post(URL, {"reviewers": [outsider.pk]})
    assert response.status_code == 200
    assert "reviewers" in response.context["form"].errors
    assert _reviewers(org) == {"contributor@fjordby.test"}


def test_unchecking_everyone_removes_the_reviewers(client_as, org):
    assert client_as("pmo").post(URL, {}).status_code == 302
    assert _reviewers(org) == set()
