"""The results page of a maturity assessment: readers of the portfolio see the scores, the
spread, the units of five or more, the comparison with similar organisations and the
recommendations; the portfolio office turns a recommendation into an initiative."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.utils.formats import number_format

from gevinst.core.scoping import tenant_scope
from gevinst.maturity import calc
from gevinst.maturity.models import Campaign, Recommendation
from gevinst.portfolio.models import Initiative
from tests.maturity.test_benchmark import PEER_MEANS, make_peer, set_size
from tests.maturity.test_results_selectors import (
    add_unit_with_members,
    close_new_campaign,
    expected_means,
    helse,
    world_campaign,
)

pytestmark = pytest.mark.django_db

URL = "/o/fjordby/maturity/MAT-0001/results/"


def _row(html: str, key: str) -> list[str]:
    """The cells' texts of the row ``data-dimension=key`` of the first table holding it."""
    found = re.search(rf'<tr data-dimension="{key}">(.*?)</tr>', html, re.S)
    assert found, f"no row {key}"
    return [re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", found.group(1), re.S)]


def _half_up(value: float) -> int:
    """Rounded as the page rounds (floatformat: half away from zero)."""
    return int(Decimal(repr(value)).quantize(Decimal(1), ROUND_HALF_UP))


def _int(value: float) -> str:
    return number_format(_half_up(value), 0)


def test_a_viewer_sees_the_scores_of_the_world_s_assessment(client_as):
    campaign = world_campaign()
    expected = expected_means(campaign)
    content = campaign.model_version.content
    response = client_as("viewer").get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="img"' in html and "<title id=\"maturity-radar-title\">" in html
    for dimension in content["dimensions"]:
        cells = _row(html, dimension["key"])
        band = calc.band(expected[dimension["key"]], content["bands"])
        assert cells[0] == dimension["name"]["en"]
        assert cells[1] == _int(expected[dimension["key"]])
        assert cells[2] == band["name"]["en"]
    overall = _row(html, "overall")
    assert overall[1] == _int(expected["overall"])
    figures = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html[html.index("results-figures"):
                                                                  html.index("</dl>")]))
    assert "Respondents 5" in figures and "Response rate 100 %" in figures
    # Viewers read the recommendations but do not make initiatives.
    assert "Recommendations" in html and "Make an initiative" not in html
    assert "Download PDF" in html and "Download as Excel" in html


def test_an_employee_may_not_read_the_results(client_as):
    assert client_as("employee").get(URL).status_code == 403


def test_another_organisation_s_people_get_404(client_as):
    assert client_as("admin", "asdal").get(URL).status_code == 404
    # Åsdal's MAT-0002 does not exist inside Fjordby.
    assert client_as("admin").get(
        "/o/fjordby/maturity/MAT-0002/results/").status_code == 404


def test_a_campaign_not_closed_shows_no_results(client_as):
    response = client_as("admin", "asdal").get("/o/asdal/maturity/MAT-0002/results/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "not closed yet" in html
    assert "results-dimensions" not in html and 'role="img"' not in html
    assert "Download PDF" not in html


def test_fewer_than_five_answers_show_no_results(client_as, org):
    campaign = world_campaign()
    summary = campaign.summary
    summary["whole"] = {**summary["whole"], "respondents": 4, "shown": False,
                        "dimensions": {}, "overall": None}
    with tenant_scope(org):
        Campaign.objects.filter(pk=campaign.pk).update(summary=summary)
    html = client_as("viewer").get(URL).content.decode()
    assert "Fewer than five answers" in html and "results-dimensions" not in html
    assert "Make an initiative" not in html


def test_units_below_five_never_appear(client_as, org):
    skole = add_unit_with_members(org, "Skole", 5)
    kultur = add_unit_with_members(org, "Kultur", 2)
    campaign = close_new_campaign(org, [helse(org), skole, kultur])
    html = client_as("viewer").get(
        f"/o/fjordby/maturity/{campaign.reference}/results/").content.decode()
    units = html[html.index('id="results-units"'):]
    units = units[:units.index("</table>")]
    assert "Skole" in units and "Other units" in units
    assert "Kultur" not in html and "Helse og velferd" not in units


def test_the_change_since_the_previous_assessment_is_shown(client_as, org):
    first = world_campaign()
    second = close_new_campaign(org, [helse(org)], offset=1)
    before, after = expected_means(first), expected_means(second)
    html = client_as("viewer").get(
        f"/o/fjordby/maturity/{second.reference}/results/").content.decode()
    assert "Change since MAT-0001" in html
    for key in [d["key"] for d in second.model_version.content["dimensions"]]:
        change = _half_up(after[key] - before[key])
        assert _row(html, key)[-1] == (f"+{change}" if change > 0 else str(change))


def test_the_benchmark_appears_only_with_five_similar_organisations(client_as):
    set_size("fjordby", 10_000)
    for i, mean in enumerate(PEER_MEANS[:4]):
        make_peer(f"peer{i}", mean)
    html = client_as("viewer").get(URL).content.decode()
    assert "Compared with similar organisations" not in html
    make_peer("peer4", PEER_MEANS[4])
    html = client_as("viewer").get(URL).content.decode()
    assert "Compared with similar organisations" in html
    assert "at least five such organisations" in html and "never a league table" in html
    assert "Median of similar organisations" in html  # in the chart's legend and the table
    assert "Peer peer" not in html  # never a name


def test_the_portfolio_office_makes_an_initiative_from_a_recommendation(client_as, org):
    with tenant_scope(org):
        recommendation = Recommendation.objects.filter(
            campaign__reference="MAT-0001").order_by("rank").first()
        before = Initiative.objects.count()
    convert = f"/o/fjordby/maturity/MAT-0001/recommendations/{recommendation.pk}/initiative/"
    client = client_as("pmo")
    assert "Make an initiative" in client.get(URL).content.decode()
    response = client.post(convert, follow=True)
    assert response.redirect_chain[-1][0].startswith(URL)
    with tenant_scope(org):
        recommendation.refresh_from_db()
        initiative = recommendation.initiative
        assert initiative is not None and initiative.phase.key == "idea"
        assert Initiative.objects.count() == before + 1
    html = response.content.decode()
    assert f"Initiative {initiative.reference} made" in html
    assert f'/o/fjordby/initiatives/{initiative.reference}/' in html
    # A second click is refused and makes nothing.
    html = client.post(convert, follow=True).content.decode()
    assert "already an initiative" in html
    with tenant_scope(org):
        assert Initiative.objects.count() == before + 1


def test_a_viewer_may_not_make_an_initiative(client_as, org):
    with tenant_scope(org):
        recommendation = Recommendation.objects.filter(
            campaign__reference="MAT-0001").first()
    convert = f"/o/fjordby/maturity/MAT-0001/recommendations/{recommendation.pk}/initiative/"
    assert client_as("viewer").post(convert).status_code == 403
    assert client_as("pmo").get(convert).status_code == 405
    with tenant_scope(org):
        recommendation.refresh_from_db()
        assert recommendation.initiative_id is None


def test_another_organisation_s_recommendation_is_404(client_as, other_org):
    with tenant_scope(other_org):
        foreign = Recommendation.objects.filter(campaign__reference="MAT-0001").first()
    convert = f"/o/fjordby/maturity/MAT-0001/recommendations/{foreign.pk}/initiative/"
    assert client_as("pmo").post(convert).status_code == 404


def test_the_results_page_costs_a_fixed_number_of_queries(client_as, org,
                                                          django_assert_max_num_queries):
    set_size("fjordby", 10_000)
    for i, mean in enumerate(PEER_MEANS):
        make_peer(f"peer{i}", mean)
    second = close_new_campaign(org, [helse(org)], offset=1)
    client = client_as("pmo")
    url = f"/o/fjordby/maturity/{second.reference}/results/"
    client.get(url)  # warm caches (session, navigation)
    with django_assert_max_num_queries(8):
        response = client.get(url)
    assert response.status_code == 200
    assert "Compared with similar organisations" in response.content.decode()
    assert "Change since MAT-0001" in response.content.decode()


def test_the_radar_chart_is_an_image_with_a_name_and_escaped_labels():
    from gevinst.maturity.charts import radar_svg

    svg = str(radar_svg(["<Strategi>", "B", "C", "D"], [
        {"label": "Nå & da", "values": [10, 50, None, 100], "style": "current"},
        {"label": "Før", "values": [20, 20, 20, 20], "style": "previous"}],
        chart_id="t", title="Modenhet"))
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert 'aria-labelledby="t-title t-desc"' in svg and '<title id="t-title">Modenhet' in svg
    assert "&lt;Strategi&gt;" in svg and "<Strategi>" not in svg and "Nå &amp; da" in svg
    # The rings at 25, 50, 75, 100 and the complete series; the one with a gap is a line.
    assert svg.count("<polygon") == 4 + 1 and svg.count("<polyline") == 1
    assert svg.count("<circle") == 3 + 4  # no point where a value is missing
