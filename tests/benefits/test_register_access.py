"""Who reaches the benefit register's pages: Åsdal's people get 404, roles below what a
page needs get 403."""

from __future__ import annotations

import pytest

FJORDBY_PAGES = [
    "/o/fjordby/benefits/",
    "/o/fjordby/my-benefits/",
    "/o/fjordby/benefits/new/",
    "/o/fjordby/benefits/new/?initiative=INI-0001",
    "/o/fjordby/benefits/BEN-0001/",
    "/o/fjordby/benefits/BEN-0001/edit/",
    "/o/fjordby/benefits/BEN-0001/links/",
    "/o/fjordby/benefits/BEN-0001/profile/",
    "/o/fjordby/benefits/BEN-0001/history/",
    "/o/fjordby/initiatives/INI-0001/benefits/",
]
FJORDBY_POSTS = [
    "/o/fjordby/benefits/BEN-0001/status/",
    "/o/fjordby/benefits/BEN-0001/links/",
    "/o/fjordby/benefits/BEN-0001/links/INI-0001/delete/",
    "/o/fjordby/benefits/BEN-0001/profile/",
    "/o/fjordby/benefits/BEN-0001/edit/",
    "/o/fjordby/benefits/new/",
]


@pytest.mark.parametrize("role", ["admin", "viewer"])
def test_asdal_people_get_404_on_every_fjordby_benefit_page(client_as, org, role):
    client = client_as(role, "asdal")
    for path in FJORDBY_PAGES:
        assert client.get(path).status_code == 404, path
    for path in FJORDBY_POSTS:
        assert client.post(path, {"status": "withdrawn", "comment": "x"}).status_code == 404
    assert client.get("/o/asdal/benefits/BEN-0001/").status_code == 200


def test_asdal_benefit_through_fjordby_is_404(client_as, org):
    # Åsdal has BEN-0002; Fjordby does not.
    client = client_as("admin")
    assert client.get("/o/fjordby/benefits/BEN-0002/").status_code == 404
    assert client.get("/o/fjordby/benefits/new/?initiative=INI-0003").status_code == 404


def test_every_page_opens_for_the_pmo(client_as, org):
    client = client_as("pmo")
    for path in FJORDBY_PAGES:
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize("path", FJORDBY_PAGES)
def test_employees_do_not_see_the_register(client_as, org, path):
    assert client_as("employee").get(path).status_code == 403


def test_main_menu_has_benefits_and_my_benefits(client_as, org):
    page = client_as("viewer").get("/o/fjordby/benefits/BEN-0001/").content.decode()
    assert 'href="/o/fjordby/benefits/" aria-current="page">Benefits<' in page
    assert 'href="/o/fjordby/my-benefits/">My benefits<' in page
