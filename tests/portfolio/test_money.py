"""Money per year: the initiative's table, adding and editing rows, the portfolio's sums."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from python_calamine import CalamineWorkbook

from gevinst.core.scoping import tenant_scope
from gevinst.core.templatetags.gevinst_format import format_money
from gevinst.portfolio.models import Initiative, MoneyYear
from gevinst.portfolio.services.money import do_add_money_year, do_put_money_year
from tests.conftest import person

TAB = "/o/fjordby/initiatives/INI-0001/money/"
PORTFOLIO = "/o/fjordby/money/"
NBSP = "\u00a0"


def _errors(response):
    return dict(re.findall(r'id="id_(\w+)_error">([^<]*)<', response.content.decode()))


def _row(org, year=2026, kind="budget", ref="INI-0001") -> MoneyYear | None:
    with tenant_scope(org):
        return MoneyYear.objects.filter(organisation=org, initiative__reference=ref,
                                        year=year, kind=kind).first()


@pytest.mark.parametrize("role, status", [("viewer", 200), ("employee", 403)])
def test_money_pages_are_for_portfolio_readers(client_as, org, role, status):
    client = client_as(role)
    for path in (TAB, PORTFOLIO, f"{PORTFOLIO}export.xlsx"):
        assert client.get(path).status_code == status, path


@pytest.mark.parametrize("role, status", [("viewer", 403), ("contributor", 200)])
def test_contributors_add_and_edit_money(client_as, org, role, status):
    client = client_as(role)
    row = _row(org)
    assert client.get(f"{TAB}new/").status_code == status
    assert client.get(f"{TAB}{row.pk}/").status_code == status


def test_other_organisations_people_get_404(client_as, org):
    client = client_as("admin", "asdal")
    assert client.get(TAB).status_code == 404
    assert client.get(PORTFOLIO).status_code == 404


def test_money_in_another_initiative_is_404(client_as, org):
    row = _row(org)
    assert client_as("contributor").get(
        f"/o/fjordby/initiatives/INI-0002/money/{row.pk}/").status_code == 404


def test_table_shows_totals_and_variance_in_the_organisations_format(client_as, org):
    page = client_as("viewer").get(TAB).content.decode()
    # 2026 budget total = 1 000 000 + 400 h × 750 + 200 000; actual = 400 000 + 150 × 750
    # + 50 000 = 562 500; actual − budget = −937 500.
    assert f"1{NBSP}500{NBSP}000" in page
    assert f"562{NBSP}500" in page
    assert f"\u2212937{NBSP}500" in page
    assert "amounts in NOK" in page


def test_contributor_adds_a_year_and_internal_cost_is_worked_out_from_hours(client_as, org):
    response = client_as("contributor").post(f"{TAB}new/", {
        "year": 2027, "kind": "forecast", "investment": "250000", "internal_hours": "100",
        "internal_cost": "", "external_purchases": "", "operating_cost_change": "-40000"})
    assert response.status_code == 302
    row = _row(org, 2027, "forecast")
    assert row.internal_cost == Decimal("75000.00")  # 100 h × 750 (loaded hourly cost)
    assert row.operating_cost_change == Decimal("-40000")
    assert row.external_purchases == 0
    assert row.history.first().history_user == person("contributor")


def test_given_internal_cost_is_kept(client_as, org):
    client_as("contributor").post(f"{TAB}new/", {
        "year": 2027, "kind": "budget", "internal_hours": "100", "internal_cost": "90000"})
    assert _row(org, 2027).internal_cost == Decimal("90000")


@pytest.mark.parametrize("data, field", [
    ({"year": 1850}, "year"),
    ({"year": 2300}, "year"),
    ({"internal_hours": "-5"}, "internal_hours"),
    ({"investment": "mange penger"}, "investment"),
    ({"investment": "-1"}, "investment"),
    ({"kind": "budget", "year": 2026}, "year"),  # that year already has a budget
])
def test_invalid_money_is_refused_on_the_field(client_as, org, data, field):
    before = _count(org)
    response = client_as("contributor").post(f"{TAB}new/", {"year": 2028, "kind": "budget",
                                                             **data})
    assert response.status_code == 200
    assert field in _errors(response)
    assert _count(org) == before


def _count(org):
    with tenant_scope(org):
        return MoneyYear.objects.filter(organisation=org).count()


def test_concurrent_edit_of_a_money_row_is_refused(client_as, org):
    row = _row(org)
    client = client_as("contributor")
    path = f"{TAB}{row.pk}/"
    first = client.post(path, {"investment": "1100000", "internal_hours": "400",
                               "version": row.version})
    assert first.status_code == 302
    second = client.post(path, {"investment": "999", "internal_hours": "400",
                                "version": row.version})
    assert second.status_code == 200
    assert "Somebody else saved" in second.content.decode()
    assert _row(org).investment == Decimal("1100000")


def test_put_creates_then_needs_the_version(scoped):
    initiative = Initiative.objects.get(organisation=scoped, reference="INI-0002")
    row, created = do_put_money_year(actor=None, initiative=initiative, year=2026,
                                     kind="actual", data={"investment": 10}, expected_version=None)
    assert created and row.version == 1
    from gevinst.core.versioning import EditConflict

    with pytest.raises(EditConflict):
        do_put_money_year(actor=None, initiative=initiative, year=2026, kind="actual",
                          data={"investment": 20}, expected_version=None)
    row, created = do_put_money_year(actor=None, initiative=initiative, year=2026,
                                     kind="actual", data={"investment": 20}, expected_version=1)
    assert not created and row.investment == 20 and row.version == 2


def test_service_refuses_a_kind_that_does_not_exist(scoped):
    initiative = Initiative.objects.get(organisation=scoped, reference="INI-0002")
    with pytest.raises(ValidationError) as exc:
        do_add_money_year(actor=None, initiative=initiative, year=2026, kind="guess")
    assert "kind" in exc.value.message_dict


def test_portfolio_page_sums_every_initiative_per_year(client_as, org):
    with tenant_scope(org):
        second = Initiative.objects.get(organisation=org, reference="INI-0002")
        do_add_money_year(actor=None, initiative=second, year=2026, kind="budget",
                          investment=500_000, internal_cost=0)
    page = client_as("viewer").get(PORTFOLIO).content.decode()
    assert f"2{NBSP}000{NBSP}000" in page  # two budgets: 1 500 000 + 500 000


def test_portfolio_page_costs_a_fixed_number_of_queries(client_as, org,
                                                        django_assert_max_num_queries):
    client = client_as("viewer")
    client.get(PORTFOLIO)
    with tenant_scope(org):
        second = Initiative.objects.get(organisation=org, reference="INI-0002")
        for year in range(2020, 2030):
            do_add_money_year(actor=None, initiative=second, year=year, kind="forecast",
                              investment=year)
    with django_assert_max_num_queries(8):
        assert client.get(PORTFOLIO).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(TAB).status_code == 200


def test_portfolio_export_is_a_real_xlsx_with_the_sums(client_as, org):
    response = client_as("viewer").get(f"{PORTFOLIO}export.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0)
    rows = sheet.to_python()
    assert rows[0][0] == "Year" and rows[0][-1] == "Total cost (NOK)"
    budget = next(r for r in rows[1:] if r[1] == "Budget")
    assert budget[0] == 2026 and budget[-1] == 1_500_000


def test_money_is_formatted_in_the_organisations_convention(org):
    assert format_money(Decimal("1234567.4"), org) == f"1{NBSP}234{NBSP}567{NBSP}NOK"
    assert format_money(-2500, org) == f"\u22122{NBSP}500{NBSP}NOK"
    org.country, org.currency = "DK", "DKK"
    assert format_money(1234567, org) == f"1.234.567{NBSP}DKK"
    assert format_money(None, org) == ""


def test_initiative_overview_shows_the_money_summary(client_as, org):
    page = client_as("viewer").get("/o/fjordby/initiatives/INI-0001/").content.decode()
    assert f"1{NBSP}500{NBSP}000{NBSP}NOK" in page
    assert f'href="{TAB}"' in page


def test_all_years_are_summed_only_when_there_is_more_than_one(client_as, org):
    client = client_as("viewer")
    assert "All years" not in client.get(TAB).content.decode()
    with tenant_scope(org):
        ini = Initiative.objects.get(organisation=org, reference="INI-0001")
        do_add_money_year(actor=None, initiative=ini, year=2027, kind="budget",
                          investment=100_000, internal_cost=0)
    page = client.get(TAB).content.decode()
    assert "All years" in page
    assert f"1{NBSP}600{NBSP}000" in page  # 1 500 000 + 100 000


def test_only_writers_see_the_add_and_edit_links(client_as, org):
    assert f"{TAB}new/" not in client_as("viewer").get(TAB).content.decode()
    page = client_as("contributor").get(TAB).content.decode()
    assert f"{TAB}new/" in page and f"{TAB}{_row(org).pk}/" in page
