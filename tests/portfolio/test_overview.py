"""Portfolio overview: chosen columns, programme and RAG filters and sorts, saved views."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from python_calamine import CalamineWorkbook

from gevinst.core.scoping import tenant_scope, unscoped
from gevinst.portfolio.models import Initiative, Programme, SavedView
from gevinst.portfolio.services.initiatives import do_create_initiative
from gevinst.portfolio.services.overview import do_save_view
from tests.conftest import person

LIST = "/o/fjordby/initiatives/"


def _programme(org, name, number):
    return Programme.objects.create(organisation=org, number=number,
                                    reference=f"PRG-{number:03d}", name=name)


@pytest.fixture
def portfolio(scoped):
    """Fjordby with a programme, RAG on two initiatives and a third without either."""
    org = scoped
    prog = _programme(org, "Digital velferd", 901)
    Initiative.objects.filter(organisation=org, number=1).update(programme=prog, rag="red")
    Initiative.objects.filter(organisation=org, number=2).update(rag="green")
    third = do_create_initiative(actor=person("pmo"), organisation=org,
                                 title="Uten rapport", is_lighthouse=True)
    return {"org": org, "programme": prog, "third": third}


def _headers(html: str) -> list[str]:
    import re

    thead = html.split("<thead>", 1)[1].split("</thead>", 1)[0]
    return re.findall(r'<a class="ds-link" href="[^"]*">([^<]+)<span', thead)


def test_default_columns_are_the_familiar_ones(client_as, portfolio):
    html = client_as("viewer").get(LIST).content.decode()
    assert _headers(html) == ["Reference", "Title", "Phase", "Status", "Owning unit", "Start",
                              "End"]


def test_chosen_columns_show_in_table_order_and_reference_stays(client_as, portfolio):
    html = client_as("viewer").get(
        LIST, {"cols": ["rag", "programme", "title", "owner", "updated"]}).content.decode()
    assert _headers(html) == ["Reference", "Title", "RAG", "Programme", "Owner", "Updated"]
    assert "Digital velferd" in html
    assert "Contributor Fjordby" in html  # the owner's name
    assert "Not reported" in html and "Red" in html and "Green" in html
    # the column picker shows what is chosen
    assert 'id="col-rag" name="cols" value="rag" checked' in html
    assert 'id="col-phase" name="cols" value="phase">' in html


def test_unknown_columns_fall_back_to_the_defaults(client_as, portfolio):
    html = client_as("viewer").get(LIST, {"cols": ["password", "<x>"]}).content.decode()
    assert _headers(html)[:3] == ["Reference", "Title", "Phase"]


def test_programme_and_rag_filters(client_as, portfolio):
    client = client_as("viewer")
    prog = portfolio["programme"]
    html = client.get(LIST, {"programme": prog.pk}).content.decode()
    assert "initiativ 1" in html and "initiativ 2" not in html and "Uten rapport" not in html
    html = client.get(LIST, {"programme": "none"}).content.decode()
    assert "initiativ 1" not in html and "initiativ 2" in html and "Uten rapport" in html
    html = client.get(LIST, {"rag": "green"}).content.decode()
    assert "initiativ 2" in html and "initiativ 1" not in html
    html = client.get(LIST, {"rag": "none"}).content.decode()
    assert "Uten rapport" in html and "initiativ 1" not in html and "initiativ 2" not in html


def test_programme_filter_of_another_organisation_matches_nothing(client_as, portfolio,
                                                                   other_org):
    with unscoped():
        foreign = _programme(other_org, "Åsdals program", 902)
        Initiative.objects.filter(organisation=other_org).update(programme=foreign)
    html = client_as("viewer").get(LIST, {"programme": foreign.pk}).content.decode()
    assert "No initiatives match." in html
    assert "Åsdals program" not in html


def test_sort_by_rag_puts_red_first_and_not_reported_last(client_as, portfolio):
    html = client_as("viewer").get(LIST, {"sort": "rag", "cols": ["title", "rag"]}) \
        .content.decode()
    assert html.index("initiativ 1") < html.index("initiativ 2") < html.index("Uten rapport")
    html = client_as("viewer").get(LIST, {"sort": "-rag"}).content.decode()
    assert html.index("Uten rapport") < html.index("initiativ 2") < html.index("initiativ 1")


def test_sorting_by_the_filtered_rag_keeps_the_reference_order(client_as, portfolio):
    """With one RAG chosen every row has the same RAG: the rows keep the tie-breaker's order
    (the reference), newest first for -rag, oldest first for rag."""
    org = portfolio["org"]
    Initiative.objects.filter(organisation=org).update(rag="amber")
    client = client_as("viewer")
    descending = client.get(LIST, {"rag": "amber", "sort": "-rag"}).content.decode()
    assert (descending.index("Uten rapport") < descending.index("initiativ 2")
            < descending.index("initiativ 1"))
    ascending = client.get(LIST, {"rag": "amber", "sort": "rag"}).content.decode()
    assert (ascending.index("initiativ 1") < ascending.index("initiativ 2")
            < ascending.index("Uten rapport"))
    by_status = client.get(LIST, {"status": "active", "sort": "-status"}).content.decode()
    assert by_status.index("initiativ 2") < by_status.index("initiativ 1")


def test_sort_by_programme(client_as, portfolio):
    org = portfolio["org"]
    other = _programme(org, "Arkiv", 903)
    Initiative.objects.filter(pk=portfolio["third"].pk).update(programme=other)
    html = client_as("viewer").get(LIST, {"sort": "programme"}).content.decode()
    assert html.index("Uten rapport") < html.index("initiativ 1")


def test_columns_cost_no_extra_queries_per_row(client_as, portfolio, django_assert_max_num_queries):
    client = client_as("viewer")
    all_cols = ["reference", "title", "phase", "status", "rag", "programme", "unit", "owner",
                "manager", "ambition", "lighthouse", "start", "end", "updated"]
    client.get(LIST)
    with django_assert_max_num_queries(11):
        assert client.get(LIST, {"cols": all_cols, "rag": "red"}).status_code == 200


def test_export_honours_columns_and_filters(client_as, portfolio):
    response = client_as("viewer").get(f"{LIST}export.xlsx",
                                       {"cols": ["title", "rag", "programme"], "rag": "red"})
    rows = CalamineWorkbook.from_filelike(io.BytesIO(response.content)) \
        .get_sheet_by_index(0).to_python()
    assert rows[0] == ["Reference", "Title", "RAG", "Programme"]
    assert rows[1:] == [["INI-0001", "Fjordby kommune initiativ 1", "Red", "Digital velferd"]]


# --- Saved views -----------------------------------------------------------------------


def _views(org, owner=None):
    with tenant_scope(org):
        qs = SavedView.objects.filter(organisation=org)
        if owner is not None:
            qs = qs.filter(owner=owner)
        return list(qs.order_by("name"))


def test_viewer_saves_own_view_and_applies_it(client_as, org):
    client = client_as("viewer")
    response = client.post(f"{LIST}views/", {
        "name": "Røde", "query": "rag=red&cols=title&cols=rag&page=3&evil=1"})
    assert response.status_code == 302
    [view] = _views(org, person("viewer"))
    assert view.name == "Røde" and not view.is_shared
    assert view.query == "rag=red&cols=title&cols=rag"  # no page, nothing unknown
    applied = client.get(f"{LIST}views/{view.pk}/")
    assert applied.status_code == 302 and applied["Location"] == f"{LIST}?{view.query}"
    html = client.get(LIST).content.decode()
    assert "Røde" in html  # listed beside the table


def test_viewer_cannot_share_a_view(client_as, org):
    client_as("viewer").post(f"{LIST}views/", {"name": "Alle", "query": "", "shared": "on"})
    assert _views(org, person("viewer")) == []


@pytest.mark.parametrize("role", ["pmo", "admin"])
def test_pmo_and_admin_share_views_that_everyone_sees(client_as, org, role):
    client_as(role).post(f"{LIST}views/", {"name": "Fyrtårn", "query": "lighthouse=yes",
                                           "shared": "on"})
    [view] = [v for v in _views(org, person(role)) if v.name == "Fyrtårn"]
    assert view.is_shared
    html = client_as("contributor").get(LIST).content.decode()
    assert "Fyrtårn" in html


def test_own_views_are_private(client_as, org):
    client_as("contributor").post(f"{LIST}views/", {"name": "Mine egne", "query": "q=x"})
    [view] = _views(org, person("contributor"))
    client = client_as("viewer")
    assert f"views/{view.pk}/" not in client.get(LIST).content.decode()
    assert client.get(f"{LIST}views/{view.pk}/").status_code == 404
    assert client.post(f"{LIST}views/{view.pk}/delete/").status_code == 404
    assert _views(org, person("contributor")) == [view]


def test_owner_deletes_own_view(client_as, org):
    client = client_as("contributor")
    client.post(f"{LIST}views/", {"name": "Kortvarig", "query": ""})
    [view] = _views(org, person("contributor"))
    assert client.post(f"{LIST}views/{view.pk}/delete/").status_code == 302
    assert _views(org, person("contributor")) == []


def test_only_pmo_or_admin_delete_shared_views(client_as, org):
    shared = next(v for v in _views(org) if v.is_shared)  # from the standing world
    assert client_as("contributor").post(f"{LIST}views/{shared.pk}/delete/").status_code == 403
    assert shared in _views(org)
    assert client_as("admin").post(f"{LIST}views/{shared.pk}/delete/").status_code == 302
    assert shared not in _views(org)


def test_saving_again_under_the_same_name_replaces_the_query(scoped):
    first = do_save_view(actor=person("viewer"), organisation=scoped, name="A", query="q=1")
    again = do_save_view(actor=person("viewer"), organisation=scoped, name="A ", query="q=2")
    assert again.pk == first.pk and again.query == "q=2"


def test_a_view_needs_a_name(scoped):
    with pytest.raises(ValidationError):
        do_save_view(actor=person("viewer"), organisation=scoped, name="  ", query="")


def test_views_of_another_organisation_are_404(client_as, other_org):
    with unscoped():
        foreign = SavedView.objects.filter(organisation=other_org).first()
    client = client_as("admin")
    assert client.get(f"{LIST}views/{foreign.pk}/").status_code == 404
    assert client.post(f"{LIST}views/{foreign.pk}/delete/").status_code == 404
    with unscoped():
        assert SavedView.objects.filter(pk=foreign.pk).exists()


def test_employee_has_no_overview_or_views(client_as, org):
    client = client_as("employee")
    assert client.get(LIST).status_code == 403
    assert client.post(f"{LIST}views/", {"name": "x", "query": ""}).status_code == 403


def test_htmx_update_swaps_only_the_results(client_as, portfolio,
                                            django_assert_max_num_queries):
    client = client_as("viewer")
    client.get(LIST)
    headers = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "initiative-results"}
    with django_assert_max_num_queries(7):
        response = client.get(LIST, {"rag": "red", "cols": ["title", "rag"]}, **headers)
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="initiative-results">')
    assert "initiativ 1" in html and "initiativ 2" not in html
    assert "Saved views" not in html and "gv-filters" not in html
    # the export link and the query a saved view would keep follow the new filters
    assert "export.xlsx?rag=red&amp;cols=title&amp;cols=rag" in html
    assert 'name="query" value="rag=red&amp;cols=title&amp;cols=rag" form="save-view"' in html
