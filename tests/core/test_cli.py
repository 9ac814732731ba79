"""The `gevinst` command and deployment checks."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.management import call_command

from gevinst.core.models import ApiToken, Membership, Organisation
from gevinst.core.scoping import unscoped
from gevinst.portfolio.models import Phase


def test_token_create_prints_a_working_token(client, db, capsys):
    call_command("token", "create", "--user", "viewer@fjordby.test", "--org", "fjordby")
    token = capsys.readouterr().out.strip()
    assert token.startswith("gv_")
    with unscoped():
        stored = ApiToken.objects.get(key_hash=ApiToken.hash_key(token))
    assert stored.user.email == "viewer@fjordby.test"
    response = client.get("/api/v1/o/fjordby/initiatives/", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200


def test_token_create_refuses_a_person_outside_the_organisation(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="not a member"):
        call_command("token", "create", "--user", "viewer@asdal.test", "--org", "fjordby")


def test_createorg_installs_default_phases_and_admin(db, capsys):
    call_command("createorg", "--name", "Bergvik kommune", "--slug", "bergvik",
                 "--admin-email", "it@bergvik.test", "--admin-password", "long-enough-pw-1")
    org = Organisation.objects.get(slug="bergvik")
    with unscoped():
        keys = list(Phase.objects.filter(organisation=org).values_list("key", flat=True))
        admin = Membership.objects.get(organisation=org)
    assert keys == ["idea", "concept", "planning", "execution", "closing", "realisation",
                    "closed"]
    assert admin.role == "admin" and admin.user.email == "it@bergvik.test"


def test_createorg_refuses_a_taken_slug(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="already exists"):
        call_command("createorg", "--name", "Kopi", "--slug", "fjordby")


def test_healthz_checks_the_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_deploy_check_is_clean_with_production_settings(tmp_path):
    drop = {"DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(SECRET_KEY="x" * 20 + "production-grade-secret-key-with-entropy-9f8e7d6c5b4a",
               GEVINST_HTTPS="true", ALLOWED_HOSTS="gevinst.example.no",
               GEVINST_VAR_DIR=str(tmp_path))
    result = subprocess.run([sys.executable, "-m", "gevinst.cli", "manage", "check",
                             "--deploy", "--fail-level", "WARNING"],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in {"DEBUG", "SECRET_KEY", "SECRET_KEY_FILE"}}
    env["GEVINST_VAR_DIR"] = str(tmp_path)
    result = subprocess.run([sys.executable, "-m", "gevinst.cli", "manage", "check"],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_serve_explains_a_busy_port(tmp_path):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        env = {**os.environ, "GEVINST_VAR_DIR": str(tmp_path)}
        result = subprocess.run([sys.executable, "-m", "gevinst.cli", "serve", "--bind",
                                 f"127.0.0.1:{port}"], env=env, capture_output=True, text=True,
                                timeout=60)
    assert result.returncode != 0
    assert "already running" in result.stderr


def test_migrations_match_the_models(db):
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
