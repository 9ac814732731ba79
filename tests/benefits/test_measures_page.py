"""A benefit's measures tab: each measure with its facts, its plan and measurements side by
side per period, direction-aware achievement, a chart with its data table, and a fixed
number of queries."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from gevinst.benefits.models import Benefit, Measure
from gevinst.benefits.services.measures import (
    do_create_measure,
    do_record_measurement,
    do_set_plan,
)
from gevinst.core import charts

URL = "/o/fjordby/benefits/BEN-0001/measures/"


def _section(html: str, measure: Measure) -> str:
    start = html.index(f'id="measure-{measure.pk}"')
    end = html.find('<section class="gv-section gv-measure"', start)
    return html[start:end if end != -1 else len(html)]


def _cells(section: str, period: str) -> list[str]:
    row = re.search(rf'<th scope="row">{re.escape(period)}</th>(.*?)</tr>', section, re.S)
    assert row, f"no row for {period}"
    return [re.sub(r"<[^>]+>", "", c).strip()
            for c in re.findall(r"<td[^>]*>(.*?)</td>", row[1], re.S)]


@pytest.fixture
def decrease(scoped, people):
    """A second measure of BEN-0001 where lower is better: 100 → 40 during 2026, planned
    80/60 for Q1/Q2, measured 70 in Q1 (achievement 50 %) and 85 in Q2 (25 %, behind)."""
    benefit = Benefit.objects.get(organisation=scoped, reference="BEN-0001")
    measure = do_create_measure(
        actor=people["contributor"], benefit=benefit, name="Ventetid", unit="dager",
        direction="decrease", frequency="quarterly", baseline_value=Decimal("100"),
        baseline_date=dt.date(2026, 1, 1), target_value=Decimal("40"),
        target_date=dt.date(2026, 6, 30))
    do_set_plan(actor=people["contributor"], measure=measure,
                values={dt.date(2026, 1, 1): 80, dt.date(2026, 4, 1): 60})
    do_record_measurement(actor=people["contributor"], measure=measure,
                          period=dt.date(2026, 1, 1), data={"actual": 70})
    do_record_measurement(actor=people["contributor"], measure=measure,
                          period=dt.date(2026, 4, 1), data={"actual": 85,
                                                            "comment": "Sykefravær"})
    return measure


def test_achievement_is_direction_aware(client_as, decrease):
    html = client_as("viewer").get(URL).content.decode()
    increase = Measure.objects.get(benefit__reference="BEN-0001", name="Spart tid")
    # Increase: baseline 100, target 400, Q1 actual 190 → 30 %; planned 175 → on track.
    cells = _cells(_section(html, increase), "Q1 2026")
    assert cells[:5] == ["175", "190", "—", "30,0", "On track"]
    # Decrease: baseline 100, target 40; Q1 actual 70 → 50 % (plan 80 asks 33.3 %).
    section = _section(html, decrease)
    assert _cells(section, "Q1 2026")[:5] == ["80", "70", "—", "50,0", "On track"]
    # Q2 actual 85 → 25 %, the plan (60) asks 66.7 %: behind by more than 10 points.
    q2 = _cells(section, "Q2 2026")
    assert q2[:5] == ["60", "85", "—", "25,0", "Behind"]
    assert q2[5] == "Sykefravær"


def test_measure_facts_are_shown(client_as, decrease):
    section = _section(client_as("viewer").get(URL).content.decode(), decrease)
    assert "Lower is better" in section and "Quarterly" in section
    assert "100 dager" in section and "40 dager" in section
    assert "10 percentage points" in section
    assert "Contributor Fjordby" in section  # recorded by


def test_unplanned_past_period_shows_not_measured(client_as, scoped):
    # Q2 2026 of BEN-0001 is planned (250) and long past due, without a measurement.
    html = client_as("viewer").get(URL).content.decode()
    increase = Measure.objects.get(benefit__reference="BEN-0001", name="Spart tid")
    cells = _cells(_section(html, increase), "Q2 2026")
    assert cells[0] == "250" and cells[1] == "—" and cells[4] == "Not measured when due"


def test_chart_per_measure_in_its_units_with_its_table(client_as, decrease):
    charts.clear_local_cache()
    html = client_as("viewer").get(URL).content.decode()
    section = _section(html, decrease)
    assert f'aria-describedby="measure-{decrease.pk}-caption"' in section
    assert f'<caption id="measure-{decrease.pk}-caption">' in section
    svg = re.search(r"<svg\b.*?</svg>", section, re.S)[0]
    assert 'role="img"' in svg and "Ventetid: planned, actual and forecast (dager)" in svg
    assert ">dager<" in svg  # the axis title is the measure's unit


def test_chart_spec_is_valid_vega_lite(scoped, decrease):
    import altair as alt

    from gevinst.benefits.selectors.measures import measure_views
    from gevinst.benefits.views.measures import measure_chart

    for view in measure_views(decrease.benefit, dt.date(2026, 11, 1), scoped):
        alt.Chart.from_dict(measure_chart(view, scoped).spec, validate=True)


def test_viewer_sees_no_edit_buttons_but_the_owner_may_record(client_as, scoped):
    html = client_as("viewer").get(URL).content.decode()  # the viewer owns BEN-0001
    assert "Record a measurement" in html and "Add a measure" not in html
    Benefit.objects.filter(organisation=scoped, reference="BEN-0001").update(owner=None)
    html = client_as("viewer").get(URL).content.decode()
    assert "Record a measurement" not in html


def test_page_costs_a_fixed_number_of_queries(client_as, scoped, people,
                                              django_assert_max_num_queries):
    benefit = Benefit.objects.get(organisation=scoped, reference="BEN-0001")
    client = client_as("pmo")
    client.get(URL)
    for i in range(4):
        measure = do_create_measure(
            actor=people["contributor"], benefit=benefit, name=f"Mål {i}", unit="stk",
            frequency="monthly", baseline_value=Decimal(0), baseline_date=dt.date(2026, 1, 1),
            target_value=Decimal(10), target_date=dt.date(2026, 6, 30))
        do_set_plan(actor=people["contributor"], measure=measure,
                    values={dt.date(2026, m, 1): m for m in range(1, 7)})
        for m in range(1, 4):
            do_record_measurement(actor=people["contributor"], measure=measure,
                                  period=dt.date(2026, m, 1), data={"actual": m})
    client.get(URL)  # charts drawn and cached
    with django_assert_max_num_queries(10):
        assert client.get(URL).status_code == 200


def test_other_organisation_gets_404(client_as):
    assert client_as("admin", "asdal").get(URL).status_code == 404
    # Åsdal's own BEN-0002 does not exist in Fjordby.
    assert client_as("admin").get("/o/fjordby/benefits/BEN-0002/measures/").status_code == 404


def test_a_measurements_actual_is_not_called_accounts_in_norwegian():
    """"Actual" of a measurement and "Actual" of money are different words in Bokmål."""
    from django.utils import translation
    from django.utils.translation import gettext, pgettext

    with translation.override("nb"):
        assert pgettext("measurement", "Actual") == "Faktisk"
        assert gettext("Actual") == "Regnskap"
