"""The member's own profile (every role, the employee included): name (editable), email,
role, unit and member since, with links to My ideas; linked from the header."""

from __future__ import annotations

import pytest

from gevinst.core.models import User

URL = "/o/fjordby/me/"

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["employee", "viewer", "contributor", "pmo", "admin"])
def test_every_role_sees_its_profile(client_as, role):
    response = client_as(role).get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert f"{role}@fjordby.test" in page
    assert f'value="{role.title()} Fjordby"' in page
    assert "Helse og velferd" in page
    assert "Member since" in page
    assert 'href="/o/fjordby/ideas/mine/"' in page
    assert 'href="/o/fjordby/ideas/mine/#followed"' in page


def test_role_is_shown_in_words(client_as):
    assert "Employee" in client_as("employee").get(URL).content.decode()
    assert "Portfolio manager" in client_as("pmo").get(URL).content.decode()


def test_header_links_to_the_profile(client_as):
    page = client_as("employee").get("/o/fjordby/ideas/").content.decode()
    assert f'href="{URL}"' in page


def test_name_is_saved(client_as):
    client = client_as("employee")
    response = client.post(URL, {"full_name": "  Kari Nordmann "})
    assert response.status_code == 302 and response["Location"] == URL
    assert User.objects.get(email="employee@fjordby.test").full_name == "Kari Nordmann"
    assert "Your name is saved." in client.get(URL).content.decode()


def test_empty_name_is_refused_with_the_error_on_the_field(client_as):
    page = client_as("employee").post(URL, {"full_name": ""}).content.decode()
    assert "Write your name." in page and 'aria-invalid="true"' in page
    assert User.objects.get(email="employee@fjordby.test").full_name == "Employee Fjordby"


def test_outsider_and_other_organisation_get_404(client, db):
    from tests.conftest import person

    client.force_login(person("outsider"))
    assert client.get(URL).status_code == 404
    client.force_login(person("admin", "asdal"))
    assert client.get(URL).status_code == 404
