"""Browser checks of the registers: forms with errors, edit pages and warnings pass axe,
and the tabs read without JavaScript."""

from __future__ import annotations

import pytest

from tests.e2e.test_accessibility import axe_clean

LANGS = ["en", "nb"]


@pytest.mark.parametrize("lang", LANGS)
def test_register_forms_with_errors_pass_axe(open_as, lang):
    page = open_as("contributor", lang)
    page.goto(page.base + "/o/fjordby/initiatives/INI-0001/money/new/")
    page.fill("#id_year", "1850")
    page.fill("#id_internal_hours", "-3")
    page.locator("main form button[type=submit]").click()
    assert page.locator(".ds-error-summary").is_visible()
    axe_clean(page)
    page.goto(page.base + "/o/fjordby/initiatives/INI-0001/dependencies/")
    page.select_option("#id_depends_on", label="INI-0002 Fjordby kommune initiativ 2")
    page.locator("main form.gv-form button[type=submit]").click()
    assert page.locator(".ds-error-summary").is_visible()
    axe_clean(page)
    page.goto(page.base + "/o/fjordby/initiatives/INI-0001/log/new/")
    page.fill("#id_title", "")
    page.locator("main form button[type=submit]").click()
    assert page.locator(".ds-error-summary").is_visible()
    axe_clean(page)


@pytest.mark.parametrize("lang", LANGS)
def test_edit_pages_and_dependency_warning_pass_axe(open_as, lang):
    import datetime as dt

    from gevinst.core.models import Organisation
    from gevinst.core.scoping import tenant_scope
    from gevinst.portfolio.models import Initiative, LogEntry, MoneyYear, Phase
    from gevinst.portfolio.services.dependencies import do_add_dependency
    from gevinst.portfolio.services.initiatives import do_create_initiative

    org = Organisation.objects.get(slug="fjordby")
    with tenant_scope(org):
        money = MoneyYear.objects.filter(organisation=org).first()
        entry = LogEntry.objects.filter(organisation=org).first()
        late = do_create_initiative(actor=None, organisation=org, title="Sen plattform",
                                    phase=Phase.objects.get(organisation=org, key="planning"),
                                    end_date=dt.date(2027, 12, 31))
        do_add_dependency(actor=None, depends_on=late, needed_by=dt.date(2027, 1, 1),
                          initiative=Initiative.objects.get(organisation=org, number=1))
    page = open_as("contributor", lang)
    for path in (f"/o/fjordby/initiatives/INI-0001/money/{money.pk}/",
                 f"/o/fjordby/initiatives/INI-0001/log/{entry.pk}/",
                 "/o/fjordby/initiatives/INI-0001/dependencies/",
                 "/o/fjordby/initiatives/INI-0001/"):
        response = page.goto(page.base + path)
        assert response.status == 200, path
        axe_clean(page)
    assert page.locator(".ds-alert").filter(has_text="INI-0003").is_visible()
