"""Every page passes axe (WCAG 2.1 AA) with zero violations, in English, Bokmål and Swedish."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import PASSWORD

LANGS = ["en", "nb", "sv"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a",
                                                      "wcag21aa", "best-practice"]}}

# (who, path[, status]) — every page of the app; None = not logged in.
PAGES = [
    (None, "/accounts/login/"),
    (None, "/accounts/password/reset/"),
    ("admin", "/o/fjordby/"),
    ("employee", "/o/fjordby/"),
    ("viewer", "/o/fjordby/initiatives/"),
    ("viewer", "/o/fjordby/initiatives/?q=initiativ&sort=-title&phase=execution"),
    ("pmo", "/o/fjordby/initiatives/?cols=title&cols=rag&cols=programme&cols=owner"
            "&cols=lighthouse&cols=updated&sort=rag&rag=none"),
    ("viewer", "/o/fjordby/dashboard/"),
    ("viewer", "/o/fjordby/roadmap/"),
    ("viewer", "/o/fjordby/roadmap/?group=programme&from=2025&years=3"),
    ("viewer", "/o/fjordby/initiatives/INI-0001/"),
    ("viewer", "/o/fjordby/initiatives/INI-0001/history/"),
    ("viewer", "/o/fjordby/initiatives/INI-0001/status/"),
    ("contributor", "/o/fjordby/initiatives/INI-0001/status/"),
    ("viewer", "/o/fjordby/status-reports/?period=2026-10"),
    ("viewer", "/o/fjordby/status-reports/?period=2026-09"),
    ("viewer", "/o/fjordby/initiatives/INI-0001/gates/"),
    ("contributor", "/o/fjordby/initiatives/INI-0001/gates/"),
    ("pmo", "/o/fjordby/initiatives/INI-0001/gates/"),
    ("admin", "/o/fjordby/settings/phases/"),
    ("admin", "/o/fjordby/settings/phases/new/"),
    ("contributor", "/o/fjordby/initiatives/new/"),
    ("contributor", "/o/fjordby/initiatives/INI-0001/edit/"),
    ("admin", "/o/fjordby/settings/"),
    ("admin", "/o/fjordby/settings/units/"),
    ("admin", "/o/fjordby/settings/units/new/"),
    ("admin", "/o/fjordby/settings/members/"),
    ("admin", "/accounts/password/change/"),
    ("admin", "/accounts/2fa/"),
    ("admin", "/accounts/2fa/totp/activate"),
    ("admin", "/organisations/"),
    ("admin", "/o/fjordby/settings/units/{unit}/"),
    ("admin", "/accounts/logout/"),
    (None, "/accounts/password/reset/done/"),
    (None, "/invitations/no-such-token/", 404),
    ("pmo", "/o/fjordby/import/"),
    ("contributor", "/o/fjordby/import/", 403),
    ("viewer", "/o/fjordby/initiatives/INI-0001/money/"),
    ("contributor", "/o/fjordby/initiatives/INI-0001/money/"),
    ("contributor", "/o/fjordby/initiatives/INI-0001/money/new/"),
    ("viewer", "/o/fjordby/money/"),
    ("viewer", "/o/fjordby/programmes/"),
    ("pmo", "/o/fjordby/programmes/"),
    ("viewer", "/o/fjordby/programmes/PRG-0001/"),
    ("viewer", "/o/fjordby/programmes/PRG-0001/history/"),
    ("pmo", "/o/fjordby/programmes/new/"),
    ("pmo", "/o/fjordby/programmes/PRG-0001/edit/"),
    ("viewer", "/o/fjordby/initiatives/INI-0001/log/"),
    ("contributor", "/o/fjordby/initiatives/INI-0001/log/?kind=lesson"),
    ("contributor", "/o/fjordby/initiatives/INI-0001/log/new/"),
    ("viewer", "/o/fjordby/lessons/"),
    ("viewer", "/o/fjordby/lessons/?q=tillitsvalgte&kind=&phase=execution"),
    ("viewer", "/o/fjordby/initiatives/INI-0002/dependencies/"),
    ("contributor", "/o/fjordby/initiatives/INI-0001/dependencies/"),
    ("viewer", "/o/fjordby/settings/", 403),
    ("viewer", "/o/asdal/", 404),
]


def axe_clean(page, what: str = "") -> None:
    """The page as it is now has no axe violation (WCAG 2.1 AA)."""
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"{what or page.url}\n{results.generate_report()}"


def _check(page, path, status=200):
    response = page.goto(page.base + path)
    assert response.status == status, f"{path}: {response.status}"
    axe_clean(page, path)


def check_pages(open_as, pages, lang: str, values: dict | None = None) -> None:
    """Open each ``(role, path[, status])`` of ``pages`` (``{name}`` in a path filled from
    ``values``) as that role in ``lang``, expect the status and no axe violation."""
    opened = {}
    for who, path, *status in pages:
        if who not in opened:
            opened[who] = open_as(who, lang)
        _check(opened[who], path.format(**(values or {})), *status)


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_passes_axe(open_as, lang):
    from gevinst.core.models import Unit
    from gevinst.core.scoping import unscoped

    with unscoped():
        unit = Unit.objects.filter(organisation__slug="fjordby", parent__isnull=False).first()
    pages = {}
    for who, path, *status in PAGES:
        if who not in pages:
            pages[who] = open_as(who, lang)
        _check(pages[who], path.format(unit=unit.pk), *status)


@pytest.mark.parametrize("lang", LANGS)
def test_pages_with_errors_pass_axe(open_as, lang):
    page = open_as("contributor", lang)
    page.goto(page.base + "/o/fjordby/initiatives/new/")
    page.fill("#id_start_date", "2026-05-01")
    page.fill("#id_end_date", "2026-01-01")
    page.locator("main form button[type=submit]").click()
    assert page.locator(".ds-error-summary").is_visible()
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    anonymous = open_as(None, lang)
    anonymous.goto(anonymous.base + "/accounts/login/")
    anonymous.fill("input[name=login]", "viewer@fjordby.test")
    anonymous.fill("input[name=password]", PASSWORD + "wrong")
    anonymous.locator("main form button[type=submit]").click()
    results = Axe().run(anonymous, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("lang", LANGS)
def test_invitation_and_member_pages_pass_axe(open_as, lang):
    from django.core import mail

    from gevinst.core.models import Membership, Organisation
    from gevinst.core.scoping import tenant_scope
    from gevinst.core.services import do_invite
    from tests.conftest import person

    org = Organisation.objects.get(slug="fjordby")
    with tenant_scope(org):
        do_invite(actor=person("admin"), organisation=org, email=f"axe-{lang}@fjordby.test",
                  role="viewer", base_url="")
        member = Membership.objects.filter(organisation=org).first()
    link = next(line for line in mail.outbox[-1].body.splitlines()
                if line.startswith("/invitations/"))
    anonymous = open_as(None, lang)
    _check(anonymous, link)
    admin = open_as("admin", lang)
    _check(admin, f"/o/fjordby/settings/members/{member.pk}/")


@pytest.mark.parametrize("lang", LANGS)
def test_two_factor_login_step_passes_axe(open_as, lang):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from tests.conftest import person

    TOTP.activate(person("pmo"), generate_totp_secret())
    page = open_as(None, lang)
    page.goto(page.base + "/accounts/login/")
    page.fill("input[name=login]", "pmo@fjordby.test")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/2fa/authenticate/")
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
