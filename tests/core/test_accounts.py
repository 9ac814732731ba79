"""Accounts: log-in (with throttling and TOTP), log-out, password reset, closed sign-up and
joining an organisation by invitation."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.test import Client
from django.utils import timezone

from gevinst.core.models import Invitation, Membership, Role, Unit, User
from gevinst.core.scoping import unscoped
from tests.conftest import PASSWORD, person

LOGIN = "/accounts/login/"
NEW_PASSWORD = "another-quite-long-passphrase-42"
BAD_LOGIN = "The email address and/or password you specified are not correct."
THROTTLED = "Too many failed login attempts. Try again later."


# --- helpers ------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _world_passwords(settings, db):
    """Give every person of the world PASSWORD under the fast test hasher.

    The world is built (session fixture) before the test settings restrict
    PASSWORD_HASHERS to MD5, so its stored hashes are PBKDF2 and would never verify.
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    for user in User.objects.all():
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])


def logged_in_user_id(client) -> int | None:
    value = client.session.get(SESSION_KEY)
    return int(value) if value is not None else None


def login(client, email: str, password: str):
    return client.post(LOGIN, {"login": email, "password": password})


def page_errors(response) -> str:
    form = response.context["form"]
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


def link_in(message, pattern: str) -> str:
    """The path of the first link in an email that matches ``pattern``."""
    match = re.search(r"https?://[^/\s]+(" + pattern + r"[^\s]*)", message.body)
    assert match, message.body
    return match.group(1)


def membership(email: str, slug: str = "fjordby") -> Membership | None:
    with unscoped():
        return (Membership.objects.select_related("unit")
                .filter(organisation__slug=slug, user__email=email).first())


def invitation_for(email: str, slug: str = "fjordby") -> Invitation:
    with unscoped():
        return Invitation.objects.filter(organisation__slug=slug, email=email) \
            .order_by("-created_at", "-pk").first()


def world_invitation_link() -> str:
    """A usable link for the world's invitation of new@fjordby.test.

    Only the hash of an invitation's secret is stored, so the test gives the standing
    invitation a secret it knows.
    """
    raw = "world-invitation-secret-for-tests"
    with unscoped():
        Invitation.objects.filter(pk=invitation_for("new@fjordby.test").pk).update(
            token_hash=Invitation.hash_token(raw))
    return f"/invitations/{raw}/"


@pytest.fixture
def invite(client, django_capture_on_commit_callbacks):
    """invite(email, role, unit=None) → the link path from the email, sent as Fjordby's admin
    through the members page (the email goes out when the transaction commits)."""

    def send(email: str, role: str = Role.CONTRIBUTOR, unit: Unit | None = None) -> str:
        client.force_login(person("admin"))
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/o/fjordby/settings/members/", {
                "email": email, "role": role, "unit": unit.pk if unit else ""})
        assert response.status_code == 302, response.content
        assert len(mail.outbox) == 1
        client.logout()
        return link_in(mail.outbox[0], "/invitations/")

    return send


def fjordby_unit(name: str = "Helse og velferd") -> Unit:
    with unscoped():
        return Unit.objects.get(organisation__slug="fjordby", name=name)


def wait_for_fresh_totp_window():
    """Avoid a code computed at the very end of a 30-second window (no clock tolerance)."""
    if time.time() % 30 > 27:
        time.sleep(3.5)


def current_totp_code(secret: str) -> str:
    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))


# --- log-in and log-out --------------------------------------------------------------------


def test_member_logs_in_with_email_and_password(client, people):
    response = login(client, "viewer@fjordby.test", PASSWORD)
    assert response.status_code == 302
    assert logged_in_user_id(client) == people["viewer"].pk
    # The start page sends a member of one organisation straight to it.
    home = client.get("/")
    assert home.status_code == 302
    assert home["Location"] == "/o/fjordby/"
    assert client.get("/o/fjordby/").status_code == 200


def test_login_email_is_case_insensitive(client, people):
    response = login(client, "Viewer@Fjordby.TEST", PASSWORD)
    assert response.status_code == 302
    assert logged_in_user_id(client) == people["viewer"].pk


def test_login_page_is_shown_to_anonymous_visitors(client, db):
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert 'name="login"' in response.content.decode()
    assert 'name="password"' in response.content.decode()


def test_wrong_password_shows_an_error_and_does_not_log_in(client, people):
    response = login(client, "viewer@fjordby.test", "wrong-password")
    assert response.status_code == 200
    assert BAD_LOGIN in page_errors(response)
    assert logged_in_user_id(client) is None
    assert client.get("/o/fjordby/").status_code == 302


def test_unknown_email_gets_the_same_error_as_a_wrong_password(client, db):
    response = login(client, "nobody@fjordby.test", PASSWORD)
    assert response.status_code == 200
    assert BAD_LOGIN in page_errors(response)
    assert logged_in_user_id(client) is None


def test_inactive_person_cannot_log_in(client, people):
    user = people["viewer"]
    user.is_active = False
    user.save(update_fields=["is_active"])
    login(client, "viewer@fjordby.test", PASSWORD)
    assert logged_in_user_id(client) is None


def test_repeated_failed_logins_are_throttled_even_with_the_right_password(client, people):
    for _ in range(5):
        response = login(client, "viewer@fjordby.test", "wrong-password")
        assert response.status_code == 200
        assert BAD_LOGIN in page_errors(response)
    response = login(client, "viewer@fjordby.test", PASSWORD)
    # allauth answers with the login form and a form error (not a 429 page).
    assert response.status_code == 200
    assert THROTTLED in page_errors(response)
    assert logged_in_user_id(client) is None


def test_throttling_counts_failures_whatever_the_case_of_the_email(client, people):
    for email in ("viewer@fjordby.test", "VIEWER@fjordby.test", "Viewer@Fjordby.Test",
                  "viewer@FJORDBY.TEST", "vIeWeR@fjordby.test"):
        login(client, email, "wrong-password")
    response = login(client, "viewer@fjordby.test", PASSWORD)
    assert THROTTLED in page_errors(response)
    assert logged_in_user_id(client) is None


def test_throttling_is_per_email_address(client, people):
    for _ in range(5):
        login(client, "viewer@fjordby.test", "wrong-password")
    response = login(client, "pmo@fjordby.test", PASSWORD)
    assert response.status_code == 302
    assert logged_in_user_id(client) == people["pmo"].pk


def test_fewer_failed_logins_than_the_limit_do_not_block(client, people):
    for _ in range(4):
        login(client, "viewer@fjordby.test", "wrong-password")
    response = login(client, "viewer@fjordby.test", PASSWORD)
    assert response.status_code == 302
    assert logged_in_user_id(client) == people["viewer"].pk


def test_logout_by_post_ends_the_session(client_as):
    client = client_as("viewer")
    assert client.get("/o/fjordby/").status_code == 200
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert logged_in_user_id(client) is None
    after = client.get("/o/fjordby/")
    assert after.status_code == 302
    assert after["Location"].startswith(LOGIN)


def test_logout_by_get_does_not_log_out(client_as, people):
    client = client_as("viewer")
    response = client.get("/accounts/logout/")
    assert response.status_code == 200  # a confirmation page with a form
    assert logged_in_user_id(client) == people["viewer"].pk


# --- password reset ------------------------------------------------------------------------


def test_password_reset_by_email_link(client, people):
    mail.outbox.clear()
    response = client.post("/accounts/password/reset/", {"email": "viewer@fjordby.test"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["viewer@fjordby.test"]
    link = link_in(message, "/accounts/password/reset/key/")

    opened = client.get(link, follow=True)
    assert opened.status_code == 200
    assert "password1" in opened.context["form"].fields
    set_password_url = opened.redirect_chain[-1][0] if opened.redirect_chain else link
    done = client.post(set_password_url, {"password1": NEW_PASSWORD,
                                          "password2": NEW_PASSWORD})
    assert done.status_code == 302
    # ACCOUNT_LOGIN_ON_PASSWORD_RESET is off: the person logs in themselves.
    assert logged_in_user_id(client) is None

    assert BAD_LOGIN in page_errors(login(client, "viewer@fjordby.test", PASSWORD))
    assert login(client, "viewer@fjordby.test", NEW_PASSWORD).status_code == 302
    assert logged_in_user_id(client) == people["viewer"].pk


def test_password_reset_link_works_only_once(client, people):
    mail.outbox.clear()
    client.post("/accounts/password/reset/", {"email": "viewer@fjordby.test"})
    link = link_in(mail.outbox[0], "/accounts/password/reset/key/")
    opened = client.get(link, follow=True)
    set_password_url = opened.redirect_chain[-1][0] if opened.redirect_chain else link
    client.post(set_password_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    again = Client().get(link, follow=True)
    assert again.status_code == 200
    assert again.context.get("token_fail") is True
    assert 'name="password1"' not in again.content.decode()


def test_password_reset_with_mismatched_passwords_changes_nothing(client, people):
    mail.outbox.clear()
    client.post("/accounts/password/reset/", {"email": "viewer@fjordby.test"})
    link = link_in(mail.outbox[0], "/accounts/password/reset/key/")
    opened = client.get(link, follow=True)
    set_password_url = opened.redirect_chain[-1][0] if opened.redirect_chain else link
    response = client.post(set_password_url, {"password1": NEW_PASSWORD,
                                              "password2": NEW_PASSWORD + "x"})
    assert response.status_code == 200
    assert response.context["form"].errors
    people["viewer"].refresh_from_db()
    assert people["viewer"].check_password(PASSWORD)


# --- closed sign-up ------------------------------------------------------------------------


def test_open_signup_is_closed(client, db):
    page = client.get("/accounts/signup/")
    assert page.status_code == 200
    assert 'name="password1"' not in page.content.decode()
    client.post("/accounts/signup/", {"email": "stranger@example.test",
                                      "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert not User.objects.filter(email__iexact="stranger@example.test").exists()
    assert logged_in_user_id(client) is None


# --- two-factor (TOTP) ---------------------------------------------------------------------


@pytest.fixture
def totp_secret(people):
    secret = generate_totp_secret()
    TOTP.activate(people["viewer"], secret)
    return secret


def test_password_alone_does_not_log_in_a_person_with_totp(client, people, totp_secret):
    response = login(client, "viewer@fjordby.test", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert logged_in_user_id(client) is None
    assert client.get("/o/fjordby/").status_code == 302  # still sent to log in
    step = client.get("/accounts/2fa/authenticate/")
    assert step.status_code == 200
    assert "code" in step.context["form"].fields


def test_valid_totp_code_completes_the_login(client, people, totp_secret):
    login(client, "viewer@fjordby.test", PASSWORD)
    wait_for_fresh_totp_window()
    response = client.post("/accounts/2fa/authenticate/",
                           {"code": current_totp_code(totp_secret)})
    assert response.status_code == 302
    assert logged_in_user_id(client) == people["viewer"].pk
    assert client.get("/o/fjordby/").status_code == 200


def test_wrong_totp_code_does_not_log_in(client, people, totp_secret):
    login(client, "viewer@fjordby.test", PASSWORD)
    wait_for_fresh_totp_window()
    valid = current_totp_code(totp_secret)
    wrong = f"{(int(valid) + 1) % 1_000_000:06d}"
    response = client.post("/accounts/2fa/authenticate/", {"code": wrong})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert logged_in_user_id(client) is None


def test_totp_code_cannot_be_used_twice(client, people, totp_secret):
    wait_for_fresh_totp_window()
    login(client, "viewer@fjordby.test", PASSWORD)
    code = current_totp_code(totp_secret)
    client.post("/accounts/2fa/authenticate/", {"code": code})
    assert logged_in_user_id(client) == people["viewer"].pk
    client.post("/accounts/logout/")

    login(client, "viewer@fjordby.test", PASSWORD)
    replay = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert replay.status_code == 200
    assert logged_in_user_id(client) is None


def test_totp_of_one_person_does_not_affect_another(client, people, totp_secret):
    assert login(client, "pmo@fjordby.test", PASSWORD)["Location"] != \
        "/accounts/2fa/authenticate/"
    assert logged_in_user_id(client) == people["pmo"].pk


# --- invitations ---------------------------------------------------------------------------


def test_world_has_an_open_invitation_from_fjordbys_admin(org, people):
    invitation = invitation_for("new@fjordby.test")
    assert invitation.is_open
    assert invitation.invited_by == people["admin"]
    assert invitation.role == Role.VIEWER
    assert not User.objects.filter(email="new@fjordby.test").exists()


def test_inviting_sends_an_email_with_a_link(invite, org, people):
    link = invite("new@fjordby.test", Role.CONTRIBUTOR)
    message = mail.outbox[0]
    assert message.to == ["new@fjordby.test"]
    assert "Fjordby kommune" in message.subject
    assert "Admin Fjordby" in message.body
    assert link.startswith("/invitations/")
    invitation = invitation_for("new@fjordby.test")
    assert invitation.role == Role.CONTRIBUTOR
    assert invitation.invited_by == people["admin"]
    # The new invitation replaces the older open one for the same address.
    with unscoped():
        open_ones = [i for i in Invitation.objects.filter(email="new@fjordby.test",
                                                          organisation=org) if i.is_open]
    assert open_ones == [invitation]


def test_inviting_an_existing_member_is_refused(client_as, org):
    client = client_as("admin")
    mail.outbox.clear()
    response = client.post("/o/fjordby/settings/members/",
                           {"email": "Viewer@fjordby.test", "role": Role.PMO, "unit": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert mail.outbox == []
    assert membership("viewer@fjordby.test").role == Role.VIEWER


def test_inviting_with_a_unit_of_another_organisation_is_refused(client_as, org):
    with unscoped():
        foreign = Unit.objects.filter(organisation__slug="asdal").first()
    response = client_as("admin").post("/o/fjordby/settings/members/", {
        "email": "someone@fjordby.test", "role": Role.VIEWER, "unit": foreign.pk})
    assert response.status_code == 200
    assert response.context["form"].errors["unit"]
    assert invitation_for("someone@fjordby.test") is None


def test_anonymous_person_sees_a_form_on_the_invitation_link(client, invite):
    link = invite("new@fjordby.test", Role.CONTRIBUTOR)
    response = client.get(link)
    assert response.status_code == 200
    assert set(response.context["form"].fields) == {"full_name", "password1", "password2"}
    assert "new@fjordby.test" in response.content.decode()


def test_accepting_an_invitation_creates_the_person_and_membership(client, invite, org):
    unit = fjordby_unit()
    link = invite("new@fjordby.test", Role.CONTRIBUTOR, unit)
    response = client.post(link, {"full_name": "Nina Ny", "password1": NEW_PASSWORD,
                                  "password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/o/fjordby/"

    user = User.objects.get(email="new@fjordby.test")
    assert user.full_name == "Nina Ny"
    assert user.check_password(NEW_PASSWORD)
    assert logged_in_user_id(client) == user.pk
    member = membership("new@fjordby.test")
    assert member.role == Role.CONTRIBUTOR
    assert member.unit == unit
    assert invitation_for("new@fjordby.test").accepted_at is not None
    assert client.get("/o/fjordby/").status_code == 200
    # The new person can log in again later with the chosen password.
    client.logout()
    assert login(client, "new@fjordby.test", NEW_PASSWORD).status_code == 302


def test_accepting_the_worlds_invitation_gives_the_invited_role(client, org):
    link = world_invitation_link()
    response = client.post(link, {"full_name": "Nina Ny", "password1": NEW_PASSWORD,
                                  "password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/o/fjordby/"
    assert membership("new@fjordby.test").role == Role.VIEWER


def test_accepting_with_different_passwords_creates_nothing(client, invite):
    link = invite("new@fjordby.test")
    response = client.post(link, {"full_name": "Nina Ny", "password1": NEW_PASSWORD,
                                  "password2": NEW_PASSWORD + "!"})
    assert response.status_code == 200
    assert response.context["form"].errors["password2"]
    assert not User.objects.filter(email="new@fjordby.test").exists()
    assert invitation_for("new@fjordby.test").is_open


def test_accepting_with_a_weak_password_creates_nothing(client, invite):
    link = invite("new@fjordby.test")
    response = client.post(link, {"full_name": "Nina Ny", "password1": "12345",
                                  "password2": "12345"})
    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    assert not User.objects.filter(email="new@fjordby.test").exists()


def test_invitation_link_cannot_be_used_twice(client, invite):
    link = invite("new@fjordby.test")
    client.post(link, {"full_name": "Nina Ny", "password1": NEW_PASSWORD,
                       "password2": NEW_PASSWORD})
    assert membership("new@fjordby.test") is not None

    for visitor in (client, Client()):
        again = visitor.get(link)
        assert again.status_code == 404
        assert "Invitation not valid" in again.content.decode()
    second = Client().post(link, {"full_name": "Noen Andre", "password1": NEW_PASSWORD,
                                  "password2": NEW_PASSWORD})
    assert second.status_code == 404
    assert User.objects.get(email="new@fjordby.test").full_name == "Nina Ny"


def test_withdrawn_invitation_shows_the_invalid_page(client, invite, org):
    link = invite("new@fjordby.test")
    invitation = invitation_for("new@fjordby.test")
    client.force_login(person("admin"))
    response = client.post(f"/o/fjordby/settings/invitations/{invitation.pk}/withdraw/")
    assert response.status_code == 302
    client.logout()
    page = client.get(link)
    assert page.status_code == 404
    assert "Invitation not valid" in page.content.decode()
    client.post(link, {"full_name": "Nina Ny", "password1": NEW_PASSWORD,
                       "password2": NEW_PASSWORD})
    assert not User.objects.filter(email="new@fjordby.test").exists()


def test_replaced_invitation_link_shows_the_invalid_page(client, invite):
    old = world_invitation_link()
    invite("new@fjordby.test")  # replaces (withdraws) the world's invitation
    assert client.get(old).status_code == 404


def test_expired_invitation_shows_the_invalid_page(client, org):
    link = world_invitation_link()
    with unscoped():
        Invitation.objects.filter(pk=invitation_for("new@fjordby.test").pk).update(
            expires_at=timezone.now() - dt.timedelta(minutes=1))
    page = client.get(link)
    assert page.status_code == 404
    assert "Invitation not valid" in page.content.decode()
    client.post(link, {"full_name": "Nina Ny", "password1": NEW_PASSWORD,
                       "password2": NEW_PASSWORD})
    assert not User.objects.filter(email="new@fjordby.test").exists()


def test_unknown_invitation_token_shows_the_invalid_page(client, db):
    assert client.get("/invitations/not-a-real-token/").status_code == 404


def test_logged_in_person_with_the_invited_email_accepts_with_one_post(client, invite,
                                                                       people):
    link = invite("outsider@elsewhere.test", Role.PMO)
    client.force_login(people["outsider"])
    page = client.get(link)
    assert page.status_code == 200
    assert page.context["form"] is None  # nothing to fill in
    response = client.post(link)
    assert response.status_code == 302
    assert response["Location"] == "/o/fjordby/"
    assert membership("outsider@elsewhere.test").role == Role.PMO
    assert client.get("/o/fjordby/").status_code == 200


def test_existing_person_who_is_not_logged_in_is_asked_to_log_in_first(client, invite):
    link = invite("outsider@elsewhere.test")
    response = client.get(link)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert "next=" in response["Location"]
    assert membership("outsider@elsewhere.test") is None


def test_logged_in_person_with_another_email_gets_403(client, invite, people):
    link = invite("new@fjordby.test")
    client.force_login(people["outsider"])
    assert client.get(link).status_code == 403
    response = client.post(link, {"full_name": "Feil", "password1": NEW_PASSWORD,
                                  "password2": NEW_PASSWORD})
    assert response.status_code == 403
    assert membership("outsider@elsewhere.test") is None
    assert not User.objects.filter(email="new@fjordby.test").exists()
    assert invitation_for("new@fjordby.test").is_open
