"""The objectives overview and an objective's pages: the tree with KPIs and what is off track,
create and edit by the portfolio office, read by viewers, a fixed number of queries, and
other organisations get 404."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from gevinst.core import charts
from gevinst.core.scoping import tenant_scope
from gevinst.objectives.models import Objective
from gevinst.objectives.services import (
    do_create_kpi,
    do_create_objective,
    do_record_kpi_measurement,
)
from tests.conftest import person

LIST = "/o/fjordby/objectives/"
ONE = "/o/fjordby/objectives/OBJ-0001/"


def _rows(html: str) -> list[str]:
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S)
    return re.findall(r'<th scope="row">(.*?)</th>', body[1], re.S) if body else []


def _tree(org, n_children=2):
    with tenant_scope(org):
        top = Objective.objects.get(organisation=org, number=1)
        return [do_create_objective(actor=person("pmo"), organisation=org,
                                    title=f"Delmål {i}", parent=top)
                for i in range(n_children)]


def test_overview_shows_the_tree_kpis_against_target_and_off_track(client_as, org):
    children = _tree(org)
    html = client_as("viewer").get(LIST).content.decode()
    rows = _rows(html)
    assert [re.search(r"OBJ-\d{4}", r)[0] for r in rows] == [
        "OBJ-0001", children[0].reference, children[1].reference]
    assert '--gv-depth: 0' in rows[0] and '--gv-depth: 1' in rows[1]
    assert "part of OBJ-0001" in rows[1]
    # KPI-0001: 35 of target 80 %, a quarter of the way, on track.
    assert "35 of target 80 %, 25,0 % achieved" in html
    assert 'data-health="on_track">On track<' in html
    # BEN-0001 (linked to OBJ-0001) is not measured when due: the objective is off track.
    first = re.search(r"<tr>.*?</tr>", html[html.index("<tbody>"):], re.S)[0]
    assert "Off track" in first and "1 benefit slipping" in first
    assert "Nothing off track" in html  # the new sub-objectives


def test_overview_search_and_off_track_filter(client_as, org):
    children = _tree(org)
    client = client_as("viewer")
    rows = _rows(client.get(LIST, {"q": "delmål 1"}).content.decode())
    assert len(rows) == 1 and children[1].reference in rows[0]
    rows = _rows(client.get(LIST, {"off_track": "1"}).content.decode())
    assert len(rows) == 1 and "OBJ-0001" in rows[0]
    html = client.get(LIST, {"q": "finnes ikke"}).content.decode()
    assert "No objectives match." in html


def test_viewers_read_but_do_not_see_or_use_the_editing(client_as):
    client = client_as("viewer")
    html = client.get(LIST).content.decode()
    assert "New objective" not in html
    detail = client.get(ONE).content.decode()
    assert "Add a KPI" not in detail and ">Edit<" not in detail
    assert client.get("/o/fjordby/objectives/new/").status_code == 403
    assert client.post("/o/fjordby/objectives/new/", {"title": "X"}).status_code == 403
    assert client.get(ONE + "edit/").status_code == 403
    # Contributors edit the portfolio but not the strategy.
    assert client_as("contributor").get("/o/fjordby/objectives/new/").status_code == 403


def test_portfolio_office_creates_a_sub_objective_with_an_owner(client_as, org):
    client = client_as("pmo")
    form = client.get("/o/fjordby/objectives/new/?parent=OBJ-0001").content.decode()
    assert re.search(r'<option value="\d+" selected>OBJ-0001 ', form)
    with tenant_scope(org):
        parent = Objective.objects.get(organisation=org, number=1)
    response = client.post("/o/fjordby/objectives/new/", {
        "title": "Flere digitale søknader", "description": "Minst 80 %",
        "parent": parent.pk, "owner": person("viewer").pk})
    assert response.status_code == 302
    with tenant_scope(org):
        created = Objective.objects.get(organisation=org, title="Flere digitale søknader")
    assert response["Location"] == f"/o/fjordby/objectives/{created.reference}/"
    assert created.parent == parent and created.owner == person("viewer")


def test_create_form_tells_what_is_missing(client_as):
    response = client_as("admin").post("/o/fjordby/objectives/new/", {"title": ""})
    assert response.status_code == 200
    assert "Please correct the following" in response.content.decode()


def test_edit_with_a_stale_version_keeps_the_input_and_tells(client_as, org):
    client = client_as("pmo")
    client.post(ONE + "edit/", {"title": "Første", "version": 1})
    response = client.post(ONE + "edit/", {"title": "Andre", "version": 1})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Saved meanwhile by someone else" in html and 'value="Andre"' in html
    assert "The current version: title “Første”" in html
    with tenant_scope(org):
        assert Objective.objects.get(organisation=org, number=1).title == "Første"


def test_history_shows_who_changed_what(client_as):
    client = client_as("pmo")
    client.post(ONE + "edit/", {"title": "Nytt navn", "version": 1})
    html = client_as("viewer").get(ONE + "history/").content.decode()
    assert "Pmo Fjordby" in html and "Nytt navn" in html


def test_detail_shows_each_kpi_with_chart_and_table(client_as):
    charts.clear_local_cache()
    html = client_as("viewer").get(ONE).content.decode()
    section = re.search(r'id="kpi-KPI-0001".*?</section>', html, re.S)[0]
    svg = re.search(r"<svg\b.*?</svg>", section, re.S)[0]
    assert 'role="img"' in svg
    assert "Andel digitale søknader: measured and expected (%)" in svg
    assert 'aria-describedby="kpi-KPI-0001-caption"' in section
    assert '<caption id="kpi-KPI-0001-caption">' in section
    cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", re.search(
        r"<tr>\s*<th scope=\"row\"><time datetime=\"2026-06-30\".*?</tr>", section, re.S)[0],
        re.S)
    # 35 measured where the line expected 34,81 (180 of 729 days); 25 % vs 24,7 %.
    assert [re.sub(r"<[^>]+>", "", c).strip() for c in cells[1:6]] == [
        "35", "34,81", "25,0", "24,7", "On track"]


def test_chart_spec_is_valid_vega_lite(scoped):
    import altair as alt

    from gevinst.objectives.charts import kpi_chart
    from gevinst.objectives.selectors.kpis import objective_kpis

    objective = Objective.objects.get(organisation=scoped, number=1)
    for view in objective_kpis(objective, scoped, dt.date(2026, 12, 1)):
        alt.Chart.from_dict(kpi_chart(view, scoped).spec, validate=True)


def _grow(org, n):
    """n more objectives, each with two KPIs with three measurements."""
    with tenant_scope(org):
        for i in range(n):
            objective = do_create_objective(actor=person("pmo"), organisation=org,
                                            title=f"Vekst {i}")
            for k in range(2):
                kpi = do_create_kpi(actor=person("pmo"), objective=objective,
                                    name=f"KPI {i}.{k}", unit="stk",
                                    baseline_value=Decimal(0),
                                    baseline_date=dt.date(2026, 1, 1),
                                    target_value=Decimal(10),
                                    target_date=dt.date(2026, 12, 31))
                for month in (3, 6, 9):
                    do_record_kpi_measurement(actor=person("pmo"), kpi=kpi,
                                              measured_on=dt.date(2026, month, 1),
                                              value=Decimal(month))


def test_overview_costs_the_same_queries_with_few_and_many(client_as, org,
                                                           django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as("viewer")
    client.get(LIST)
    with CaptureQueriesContext(connection) as few:
        assert client.get(LIST).status_code == 200
    _grow(org, 6)
    with CaptureQueriesContext(connection) as many:
        assert client.get(LIST).status_code == 200
    assert len(many) == len(few)
    with django_assert_max_num_queries(10):
        client.get(LIST, {"off_track": "1"})


def test_detail_costs_a_fixed_number_of_queries(client_as, org,
                                                django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as("viewer")
    client.get(ONE)
    with CaptureQueriesContext(connection) as few:
        assert client.get(ONE).status_code == 200
    with tenant_scope(org):
        objective = Objective.objects.get(organisation=org, number=1)
        for k in range(4):
            kpi = do_create_kpi(actor=person("pmo"), objective=objective, name=f"Mer {k}",
                                baseline_value=Decimal(0), baseline_date=dt.date(2026, 1, 1),
                                target_value=Decimal(10), target_date=dt.date(2026, 12, 31))
            for month in (2, 4):
                do_record_kpi_measurement(actor=person("pmo"), kpi=kpi,
                                          measured_on=dt.date(2026, month, 1),
                                          value=Decimal(month))
    client.get(ONE)  # charts drawn and cached
    with CaptureQueriesContext(connection) as many:
        assert client.get(ONE).status_code == 200
    assert len(many) == len(few)
    with django_assert_max_num_queries(22):  # the page, and the overview's rows of its children
        client.get(ONE)


@pytest.mark.parametrize("path", [LIST, ONE, ONE + "edit/", ONE + "history/",
                                  "/o/fjordby/objectives/new/"])
def test_other_organisation_gets_404(client_as, path):
    assert client_as("admin", "asdal").get(path).status_code == 404


def test_another_organisations_objective_is_404_here(client_as):
    # Åsdal's OBJ-0002 does not exist in Fjordby.
    client = client_as("admin")
    assert client.get("/o/fjordby/objectives/OBJ-0002/").status_code == 404
    assert client.get("/o/fjordby/objectives/new/?parent=OBJ-0002").status_code == 404


def test_the_objective_page_shows_each_sub_objective_with_its_health(client_as, org, people):
    from gevinst.core.scoping import tenant_scope
    from gevinst.objectives.models import Objective
    from gevinst.objectives.services import do_create_objective

    with tenant_scope(org):
        top = Objective.objects.get(organisation=org, number=1)
        do_create_objective(actor=people["pmo"], organisation=org, title="Raskere svar",
                            parent=top)
    html = client_as("viewer").get(ONE).content.decode()
    assert 'Raskere svar</a> <span class="gv-muted">(Health: No measurements yet)' in html
