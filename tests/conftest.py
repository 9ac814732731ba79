"""The standing test world: two organisations (Fjordby and Åsdal) with a person in every
role, plus an outsider. Built once per run; every test runs in a rolled-back transaction.

The environment (and, with GEVINST_TEST_DB=postgres, the PostgreSQL cluster) is set up by
tests/testenv.py, loaded as a plugin before Django reads its settings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

ROLES = ["admin", "pmo", "contributor", "viewer", "employee"]
PASSWORD = "correct-horse-battery-staple"
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class World:
    """Primary keys and names of the standing world (objects are re-read per test)."""

    fjordby_id: int
    asdal_id: int


def build_world():
    from gevinst.core.models import Role, User
    from gevinst.core.scoping import tenant_scope
    from gevinst.core.services import (
        do_add_member,
        do_create_organisation,
        do_create_unit,
        do_invite,
    )
    from gevinst.portfolio.models import Phase
    from gevinst.portfolio.services.initiatives import do_create_initiative

    orgs = {}
    for slug, name, n in (("fjordby", "Fjordby kommune", 2), ("asdal", "Åsdal kommune", 3)):
        org = do_create_organisation(actor=None, name=name, slug=slug)
        orgs[slug] = org
        with tenant_scope(org):
            top = do_create_unit(actor=None, organisation=org, name=f"{name} sentral")
            unit = do_create_unit(actor=None, organisation=org, name="Helse og velferd",
                                  parent=top)
            people = {}
            for role in ROLES:
                user = User.objects.create_user(email=f"{role}@{slug}.test", password=PASSWORD,
                                                full_name=f"{role.title()} {name.split()[0]}")
                do_add_member(actor=None, organisation=org, user=user, role=Role(role),
                              unit=unit)
                people[role] = user
            execution = Phase.objects.get(organisation=org, key="execution")
            for i in range(n):
                do_create_initiative(
                    actor=people["pmo"], organisation=org, title=f"{name} initiativ {i + 1}",
                    problem="Manuelle rutiner tar tid.", owning_unit=unit,
                    owner=people["contributor"], manager=people["contributor"],
                    phase=execution, start_date=dt.date(2026, 1, 1),
                    end_date=dt.date(2026, 12, 31),
                )
            do_invite(actor=people["admin"], organisation=org, email=f"new@{slug}.test",
                      role=Role.VIEWER)
    User.objects.create_user(email="outsider@elsewhere.test", password=PASSWORD,
                             full_name="Outsider")
    return World(fjordby_id=orgs["fjordby"].pk, asdal_id=orgs["asdal"].pk)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from django.core import mail
    from django.test import override_settings

    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        build_world()
        mail.outbox = []


@pytest.fixture(autouse=True)
def _test_settings(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    # Static files straight from the source tree (no collectstatic manifest in tests).
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


@pytest.fixture
def org(db):
    """Fjordby kommune."""
    from gevinst.core.models import Organisation

    return Organisation.objects.get(slug="fjordby")


@pytest.fixture
def other_org(db):
    """Åsdal kommune."""
    from gevinst.core.models import Organisation

    return Organisation.objects.get(slug="asdal")


def person(role: str, slug: str = "fjordby"):
    from gevinst.core.models import User

    email = "outsider@elsewhere.test" if role == "outsider" else f"{role}@{slug}.test"
    return User.objects.get(email=email)


@pytest.fixture
def people(db):
    """Personas of Fjordby by role, plus 'outsider'."""
    return {role: person(role) for role in [*ROLES, "outsider"]}


@pytest.fixture
def client_as(client, db):
    """client_as('viewer') / client_as('admin', 'asdal'): a logged-in test client."""

    def login(role: str, slug: str = "fjordby"):
        client.force_login(person(role, slug))
        return client

    return login


@pytest.fixture
def scoped(org):
    """Run the test inside Fjordby's tenant scope (for direct service calls)."""
    from gevinst.core.scoping import tenant_scope

    with tenant_scope(org):
        yield org


def api_token(role: str, slug: str = "fjordby") -> str:
    from gevinst.core.models import Organisation
    from gevinst.core.scoping import tenant_scope
    from gevinst.core.services import do_create_api_token

    org = Organisation.objects.get(slug=slug)
    with tenant_scope(org):
        return do_create_api_token(user=person(role, slug), organisation=org, name="test")


@pytest.fixture
def api(client, db):
    """api('contributor') → a function (method, path, json=None, **headers) → response."""
    import json as jsonlib

    def make(role: str, slug: str = "fjordby"):
        token = api_token(role, slug)

        def call(method: str, path: str, json=None, **headers):
            kwargs = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
            kwargs.update({f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()})
            if json is not None:
                kwargs["data"] = jsonlib.dumps(json)
                kwargs["content_type"] = "application/json"
            return getattr(client, method.lower())(path, **kwargs)

        return call

    return make
