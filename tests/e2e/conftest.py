"""Browser tests: Playwright driving Debian's chromium against Django's live server."""

from __future__ import annotations

import shutil

import pytest

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian's chromium is required for the browser tests "
                    "(apt-get install chromium; `make test` installs it when run as root)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def e2e_world(transactional_db, live_server):
    """The standing world, rebuilt for each browser test (the live server commits)."""
    from gevinst.core.models import Organisation
    from tests.conftest import build_world

    if not Organisation.objects.filter(slug="fjordby").exists():
        build_world()
    return live_server


@pytest.fixture
def open_as(browser, e2e_world):
    """open_as('viewer', lang='nb') → a Playwright page logged in as Fjordby's viewer."""
    from django.conf import settings
    from django.test import Client

    from tests.conftest import person

    contexts = []

    def make(role: str | None, lang: str = "en", slug: str = "fjordby"):
        context = browser.new_context(locale={"en": "en-GB", "nb": "nb-NO", "sv": "sv-SE"}[lang])
        contexts.append(context)
        url = e2e_world.url
        cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": lang, "url": url}]
        if role is not None:
            client = Client()
            client.force_login(person(role, slug))
            cookies.append({"name": settings.SESSION_COOKIE_NAME,
                            "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                            "url": url})
        context.add_cookies(cookies)
        page = context.new_page()
        page.base = url
        return page

    yield make
    for context in contexts:
        context.close()
