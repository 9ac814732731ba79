"""The quick-entry grid: many benefits' measurements in one form, all or nothing, errors
per row with every typed value kept, read-only rows, filters, pages and a fixed number of
queries."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from gevinst.benefits.models import Benefit, Measure, Measurement
from gevinst.benefits.services.benefits import do_create_benefit
from gevinst.benefits.services.measures import do_create_measure
from gevinst.portfolio.models import Initiative

URL = "/o/fjordby/benefits/measurements/"
Q2 = "?month=2026-05"  # rows show the period May 2026 falls in


@pytest.fixture
def two(scoped, people):
    """BEN-0001's quarterly measure and a second, monthly one (lower is better) on a new
    benefit of the viewer, in realisation and linked to INI-0002 only."""
    first = Measure.objects.get(organisation=scoped, benefit__reference="BEN-0001")
    benefit = do_create_benefit(actor=people["contributor"], organisation=scoped,
                                title="Færre papirbrev", owner=people["viewer"],
                                initiative=Initiative.objects.get(organisation=scoped,
                                                                  number=2))
    second = do_create_measure(actor=people["contributor"], benefit=benefit, name="Brev",
                               unit="brev", direction="decrease", frequency="monthly",
                               baseline_value=Decimal(1000), baseline_date=dt.date(2026, 1, 1),
                               target_value=Decimal(200), target_date=dt.date(2026, 12, 31))
    Benefit.objects.filter(pk=benefit.pk).update(status=Benefit.Status.IN_REALISATION)
    return first, second


def _post_data(rows: dict, html: str) -> dict:
    """The grid's own hidden inputs plus ``rows``: {measure: {field: value}}."""
    data = {"measure": re.findall(r'name="measure" value="(\d+)"', html)}
    for name, value in re.findall(r'<input type="hidden" name="(m\d+-(?:period|version))" '
                                  r'value="([^"]*)"', html):
        data[name] = value
    for name, value in re.findall(r'name="(m\d+-(?:actual|forecast|comment))" value="([^"]*)"',
                                  html):
        data[name] = value  # what the browser sends back unchanged
    for measure, fields in rows.items():
        for field, value in fields.items():
            data[f"m{measure.pk}-{field}"] = value
    return data


def test_rows_show_the_period_that_applies_to_each_measure(client_as, two):
    first, second = two
    html = client_as("viewer").get(URL + Q2).content.decode()
    assert re.search(rf'id="m{first.pk}".*?Q2 2026.*?name="m{first.pk}-period" '
                     r'value="2026-04-01"', html, re.S)
    assert re.search(rf'id="m{second.pk}".*?May 2026.*?name="m{second.pk}-period" '
                     r'value="2026-05-01"', html, re.S)
    assert ">250<" in html  # BEN-0001's planned value for Q2


def test_default_period_is_the_latest_finished_one(client_as, two):
    from gevinst.benefits.selectors.measures import latest_finished_period

    first, _ = two
    html = client_as("viewer").get(URL).content.decode()
    expected = latest_finished_period("quarterly", timezone.localdate())
    assert f'name="m{first.pk}-period" value="{expected.isoformat()}"' in html


def test_two_rows_saved_in_one_post(client_as, two):
    first, second = two
    client = client_as("viewer")
    html = client.get(URL + Q2).content.decode()
    response = client.post(URL + Q2, _post_data({
        first: {"actual": "240", "comment": "Fra rapport"},
        second: {"actual": "1 234,5", "forecast": "900"}}, html))
    assert response.status_code == 302
    assert Measurement.objects.get(measure=first, period=dt.date(2026, 4, 1)).actual == 240
    row = Measurement.objects.get(measure=second, period=dt.date(2026, 5, 1))
    assert row.actual == Decimal("1234.5") and row.forecast == 900
    assert row.recorded_by.email == "viewer@fjordby.test"


def test_one_bad_row_saves_nothing_and_keeps_every_typed_value(client_as, two):
    first, second = two
    client = client_as("viewer")
    html = client.get(URL + Q2).content.decode()
    data = _post_data({first: {"actual": "mye", "comment": "Første"},
                       second: {"actual": "800", "comment": "Andre"}}, html)
    data[f"m{second.pk}-period"] = "2026-05-15"  # not the first day of a month
    response = client.post(URL + Q2, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert not Measurement.objects.filter(measure__in=[first, second],
                                          period__gte=dt.date(2026, 4, 1)).exists()
    # Errors per row, each linked from the summary at the top.
    assert "Nothing was saved: 2 rows have errors" in html
    assert html.index("ds-error-summary") < html.index('<table class="ds-table gv-grid"')
    assert f'href="#m{first.pk}-actual"' in html and f'href="#m{second.pk}-actual"' in html
    assert re.search(rf'id="m{first.pk}-actual" name="m{first.pk}-actual" value="mye" '
                     rf'aria-invalid="true" aria-describedby="m{first.pk}-actual-error"', html)
    assert f'id="m{first.pk}-actual-error">Enter a number.' in html
    assert f'id="m{second.pk}-period-error">2026-05-15 is not the first day' in html
    assert re.search(rf'name="m{second.pk}-actual" value="800" aria-invalid="true" '
                     rf'aria-describedby="m{second.pk}-period-error"', html)
    # Every typed value is still there.
    assert f'name="m{first.pk}-comment" value="Første"' in html
    assert f'name="m{second.pk}-comment" value="Andre"' in html


def test_unchanged_rows_are_not_saved_again(client_as, two, people):
    first, _ = two
    q1 = Measurement.objects.get(measure=first, period=dt.date(2026, 1, 1))
    Measurement.objects.filter(pk=q1.pk).update(verified_by=people["pmo"])
    client = client_as("viewer")
    html = client.get(URL + "?month=2026-02").content.decode()
    assert f'name="m{first.pk}-actual" value="190"' in html  # prefilled
    assert f'name="m{first.pk}-version" value="{q1.version}"' in html
    response = client.post(URL + "?month=2026-02", _post_data({}, html), follow=True)
    assert "Nothing was changed" in response.content.decode()
    q1.refresh_from_db()
    assert q1.verified_by is not None  # not recorded again, still verified


def test_correction_in_the_grid_detects_a_concurrent_edit(client_as, two):
    first, _ = two
    client = client_as("viewer")
    html = client.get(URL + "?month=2026-02").content.decode()
    Measurement.objects.filter(measure=first, period=dt.date(2026, 1, 1)).update(
        actual=195, version=99)
    response = client.post(URL + "?month=2026-02",
                           _post_data({first: {"actual": "200"}}, html))
    assert response.status_code == 200
    assert "Somebody else saved this record" in response.content.decode()
    assert Measurement.objects.get(measure=first, period=dt.date(2026, 1, 1)).actual == 195


def test_rows_the_user_may_not_record_are_read_only(client_as, scoped, two, people):
    first, second = two
    Benefit.objects.filter(pk=second.benefit_id).update(owner=people["pmo"])
    client = client_as("viewer")
    html = client.get(URL + Q2).content.decode()
    assert f'name="m{first.pk}-actual"' in html
    assert f'name="m{second.pk}-actual"' not in html and "Read only" in html
    # A forged post for that row is ignored.
    data = _post_data({first: {"actual": "240"}}, html)
    data["measure"].append(str(second.pk))
    data.update({f"m{second.pk}-period": "2026-05-01", f"m{second.pk}-actual": "1"})
    assert client.post(URL + Q2, data).status_code == 302
    assert not Measurement.objects.filter(measure=second).exists()
    assert Measurement.objects.filter(measure=first, period=dt.date(2026, 4, 1)).exists()


def test_identified_and_withdrawn_benefits_are_not_in_the_grid(client_as, two):
    _, second = two
    Benefit.objects.filter(pk=second.benefit_id).update(status=Benefit.Status.IDENTIFIED)
    assert f'id="m{second.pk}"' not in client_as("viewer").get(URL).content.decode()


def test_filters(client_as, scoped, two, people):
    first, second = two
    client = client_as("pmo")

    def shown(query):
        html = client.get(URL, query).content.decode()
        return {m.pk for m in two if f'id="m{m.pk}"' in html}

    assert shown({}) == {first.pk, second.pk}
    assert shown({"frequency": "monthly"}) == {second.pk}
    assert shown({"initiative": "ini-0001"}) == {first.pk}
    assert shown({"initiative": "INI-0002"}) == {first.pk, second.pk}
    programme = Initiative.objects.get(organisation=scoped, number=1).programme_id
    assert shown({"programme": programme}) == {first.pk}
    assert shown({"owner": "me"}) == set()  # the PMO owns nothing
    Benefit.objects.filter(pk=second.benefit_id).update(owner=people["pmo"])
    assert shown({"owner": "me"}) == {second.pk}
    assert shown({"owner": people["viewer"].pk}) == {first.pk}


def test_fifty_rows_a_page_at_a_fixed_number_of_queries(client_as, scoped, two,
                                                        django_assert_max_num_queries):
    first, _ = two
    client = client_as("viewer")
    client.get(URL)
    with django_assert_max_num_queries(12):
        assert client.get(URL).status_code == 200
    Measure.objects.bulk_create([
        Measure(organisation=scoped, benefit=first.benefit, name=f"Mål {i:02d}", unit="stk",
                order=10 + i, frequency="monthly") for i in range(60)])
    with django_assert_max_num_queries(12):
        html = client.get(URL).content.decode()
    assert html.count('name="measure"') == 50 and "Page 1 of 2" in html
    html = client.get(URL, {"page": 2}).content.decode()
    assert html.count('name="measure"') == 12


def test_grid_of_another_organisation_is_404(client_as):
    assert client_as("viewer", "asdal").get(URL).status_code == 404
    assert client_as("viewer", "asdal").post(URL).status_code == 404
