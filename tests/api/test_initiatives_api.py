"""The initiatives API: tokens, tenancy, listing, creating, reading and changing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gevinst.core.models import ApiToken, Membership, Unit
from gevinst.core.scoping import tenant_scope, unscoped
from gevinst.portfolio.models import Initiative, Phase
from gevinst.portfolio.services.initiatives import do_create_initiative, do_update_initiative
from tests.conftest import api_token, person

FJORDBY = "/api/v1/o/fjordby"
ASDAL = "/api/v1/o/asdal"


# --- helpers ------------------------------------------------------------------------------


def get_initiative(reference: str, slug: str = "fjordby") -> Initiative:
    with unscoped():
        return Initiative.objects.select_related("phase", "owner", "manager", "owning_unit").get(
            organisation__slug=slug, reference=reference)


def initiative_count(slug: str) -> int:
    with unscoped():
        return Initiative.objects.filter(organisation__slug=slug).count()


def unit_named(name: str, slug: str = "fjordby") -> Unit:
    with unscoped():
        return Unit.objects.get(organisation__slug=slug, name=name)


def other_unit() -> Unit:
    with unscoped():
        return Unit.objects.filter(organisation__slug="asdal").first()


def add_initiatives(org, n: int, **fields) -> list[Initiative]:
    """Create ``n`` initiatives in ``org`` through the service, as its PMO."""
    pmo = person("pmo", org.slug)
    with tenant_scope(org):
        phase = Phase.objects.get(organisation=org, key=fields.pop("phase", "execution"))
        return [do_create_initiative(actor=pmo, organisation=org, phase=phase,
                                     title=fields.get("title", f"Ekstra initiativ {i + 1}"),
                                     **{k: v for k, v in fields.items() if k != "title"})
                for i in range(n)]


def bearer(client, token: str | None):
    """(method, path, json=None) → response, with ``token`` (or none) as bearer."""
    import json as jsonlib

    def call(method: str, path: str, json=None):
        kwargs = {}
        if token is not None:
            kwargs["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        if json is not None:
            kwargs["data"] = jsonlib.dumps(json)
            kwargs["content_type"] = "application/json"
        return getattr(client, method)(path, **kwargs)

    return call


def error_fields(response) -> set[str]:
    """Names of the fields (last element of ``loc``) a 422 answer complains about."""
    detail = response.json()["detail"]
    assert isinstance(detail, list) and detail, detail
    return {entry["loc"][-1] for entry in detail}


# Every route of the initiatives API: (method, path under /o/<org>, body).
ROUTES = [
    ("get", "/initiatives/", None),
    ("post", "/initiatives/", {"title": "Skal ikke lagres"}),
    ("get", "/initiatives/INI-0001", None),
    ("patch", "/initiatives/INI-0001", {"version": 1, "title": "Skal ikke lagres"}),
    ("get", "/units/", None),
]
ROUTE_IDS = ["list", "create", "get", "patch", "units"]


# --- authentication and tenancy -----------------------------------------------------------


@pytest.mark.parametrize(("method", "path", "body"), ROUTES, ids=ROUTE_IDS)
def test_request_without_token_is_401_on_every_route(client, org, method, path, body):
    response = bearer(client, None)(method, FJORDBY + path, body)
    assert response.status_code == 401
    assert initiative_count("fjordby") == 2
    assert get_initiative("INI-0001").title == "Fjordby kommune initiativ 1"


@pytest.mark.parametrize("token", ["gv_not-a-real-token", "not-even-our-prefix", ""])
@pytest.mark.parametrize(("method", "path", "body"), ROUTES, ids=ROUTE_IDS)
def test_invalid_token_is_401_on_every_route(client, org, method, path, body, token):
    response = bearer(client, token)(method, FJORDBY + path, body)
    assert response.status_code == 401
    assert initiative_count("fjordby") == 2
    assert get_initiative("INI-0001").version == 1


@pytest.mark.parametrize(("method", "path", "body"), ROUTES, ids=ROUTE_IDS)
def test_revoked_token_is_401_on_every_route(client, org, method, path, body):
    token = api_token("admin")
    assert bearer(client, token)("get", FJORDBY + "/initiatives/").status_code == 200
    with unscoped():
        ApiToken.objects.filter(key_hash=ApiToken.hash_key(token)).update(
            revoked_at=timezone.now())
    response = bearer(client, token)(method, FJORDBY + path, body)
    assert response.status_code == 401
    assert initiative_count("fjordby") == 2
    assert get_initiative("INI-0001").version == 1


@pytest.mark.parametrize(("method", "path", "body"), ROUTES, ids=ROUTE_IDS)
def test_token_of_a_removed_member_is_401(client, org, method, path, body):
    token = api_token("contributor")
    with unscoped():
        Membership.objects.filter(organisation=org, user=person("contributor")).delete()
    response = bearer(client, token)(method, FJORDBY + path, body)
    assert response.status_code == 401
    assert initiative_count("fjordby") == 2


def test_token_of_a_deactivated_person_is_401(client, org):
    token = api_token("contributor")
    user = person("contributor")
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert bearer(client, token)("get", FJORDBY + "/initiatives/").status_code == 401


def test_using_a_token_records_when_it_was_last_used(client, org):
    token = api_token("viewer")
    assert bearer(client, token)("get", FJORDBY + "/initiatives/").status_code == 200
    with unscoped():
        used = ApiToken.objects.get(key_hash=ApiToken.hash_key(token))
    assert used.last_used_at is not None
    assert timezone.now() - used.last_used_at < dt.timedelta(minutes=1)


@pytest.mark.parametrize("role", ["admin", "viewer"])
@pytest.mark.parametrize(("method", "path", "body"), ROUTES, ids=ROUTE_IDS)
def test_fjordby_token_on_asdal_routes_is_404_and_changes_nothing(api, other_org, role,
                                                                  method, path, body):
    before = get_initiative("INI-0001", "asdal")
    response = api(role)(method, ASDAL + path, json=body)
    assert response.status_code == 404
    assert "Åsdal" not in response.content.decode()
    assert initiative_count("asdal") == 3
    after = get_initiative("INI-0001", "asdal")
    assert (after.title, after.version) == (before.title, before.version)


@pytest.mark.parametrize(("method", "path", "body"), ROUTES, ids=ROUTE_IDS)
def test_unknown_organisation_is_404_like_a_foreign_one(api, org, method, path, body):
    assert api("admin")(method, "/api/v1/o/finnes-ikke" + path, json=body).status_code == 404


def test_asdal_token_works_in_asdal_only(api, other_org):
    call = api("viewer", "asdal")
    listing = call("get", ASDAL + "/initiatives/")
    assert listing.status_code == 200
    assert listing.json()["count"] == 3
    assert call("get", FJORDBY + "/initiatives/").status_code == 404


# --- listing --------------------------------------------------------------------------------


def test_list_returns_count_and_only_own_initiatives(api, org):
    response = api("viewer")("get", FJORDBY + "/initiatives/")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2
    assert data["page"] == 1
    assert data["pages"] == 1
    assert [r["reference"] for r in data["results"]] == ["INI-0002", "INI-0001"]
    assert {r["title"] for r in data["results"]} == {
        "Fjordby kommune initiativ 1", "Fjordby kommune initiativ 2"}
    first = data["results"][1]
    assert first["phase"] == "execution"
    assert first["status"] == "active"
    assert first["owner"]["email"] == "contributor@fjordby.test"
    assert first["owning_unit_id"] == unit_named("Helse og velferd").pk
    assert first["start_date"] == "2026-01-01"
    assert first["version"] == 1


def test_list_is_paginated_by_page_and_page_size(api, org):
    add_initiatives(org, 3)  # INI-0003..INI-0005
    call = api("viewer")
    page2 = call("get", FJORDBY + "/initiatives/?page=2&page_size=2").json()
    assert page2["count"] == 5
    assert page2["pages"] == 3
    assert page2["page"] == 2
    assert [r["reference"] for r in page2["results"]] == ["INI-0003", "INI-0002"]
    page3 = call("get", FJORDBY + "/initiatives/?page=3&page_size=2").json()
    assert [r["reference"] for r in page3["results"]] == ["INI-0001"]
    everything = call("get", FJORDBY + "/initiatives/?page_size=200").json()
    assert len(everything["results"]) == 5


def test_list_page_beyond_the_last_gives_the_last_page(api, org):
    add_initiatives(org, 3)
    data = api("viewer")("get", FJORDBY + "/initiatives/?page=99&page_size=2").json()
    assert data["page"] == 3
    assert [r["reference"] for r in data["results"]] == ["INI-0001"]


def test_list_page_size_is_kept_between_1_and_200(api, org):
    call = api("viewer")
    tiny = call("get", FJORDBY + "/initiatives/?page_size=0").json()
    assert len(tiny["results"]) == 1
    assert tiny["pages"] == 2
    huge = call("get", FJORDBY + "/initiatives/?page_size=100000").json()
    assert len(huge["results"]) == 2
    assert huge["pages"] == 1


def test_list_filters_by_search_text(api, org):
    add_initiatives(org, 1, title="Digital byggesaksbehandling")
    call = api("viewer")
    by_title = call("get", FJORDBY + "/initiatives/?q=BYGGESAK").json()
    assert [r["title"] for r in by_title["results"]] == ["Digital byggesaksbehandling"]
    by_reference = call("get", FJORDBY + "/initiatives/?q=ini-0001").json()
    assert [r["reference"] for r in by_reference["results"]] == ["INI-0001"]
    by_problem = call("get", FJORDBY + "/initiatives/?q=manuelle rutiner").json()
    assert by_problem["count"] == 2  # the two from the world share this problem text
    nothing = call("get", FJORDBY + "/initiatives/?q=finnes-ikke").json()
    assert nothing == {"count": 0, "page": 1, "pages": 1, "results": []}


def test_list_search_does_not_find_other_organisations_initiatives(api, org):
    data = api("viewer")("get", FJORDBY + "/initiatives/?q=Åsdal").json()
    assert data["count"] == 0


def test_list_filters_by_phase_and_status(api, org):
    [idea] = add_initiatives(org, 1, phase="idea", title="Tidlig idé")
    [paused] = add_initiatives(org, 1, title="Satt på vent", status="on_hold")
    call = api("viewer")
    in_idea = call("get", FJORDBY + "/initiatives/?phase=idea").json()
    assert [r["reference"] for r in in_idea["results"]] == [idea.reference]
    on_hold = call("get", FJORDBY + "/initiatives/?status=on_hold").json()
    assert [r["reference"] for r in on_hold["results"]] == [paused.reference]
    both = call("get", FJORDBY + "/initiatives/?phase=execution&status=active").json()
    assert [r["reference"] for r in both["results"]] == ["INI-0002", "INI-0001"]
    none = call("get", FJORDBY + "/initiatives/?phase=closed").json()
    assert none["count"] == 0


def test_list_filters_by_owning_unit(api, org):
    top = unit_named("Fjordby kommune sentral")
    [own] = add_initiatives(org, 1, title="Sentralt", owning_unit=top)
    call = api("viewer")
    data = call("get", FJORDBY + f"/initiatives/?unit={top.pk}").json()
    assert [r["reference"] for r in data["results"]] == [own.reference]
    # Another organisation's unit id matches nothing here.
    assert call("get", FJORDBY + f"/initiatives/?unit={other_unit().pk}").json()["count"] == 0


@pytest.mark.parametrize("query", ["phase=nonsense", "status=sleeping", "page=first"])
def test_list_with_an_invalid_filter_is_422(api, org, query):
    response = api("viewer")("get", FJORDBY + f"/initiatives/?{query}")
    assert response.status_code == 422
    assert error_fields(response) == {query.split("=")[0]}


def test_list_ordering(api, org):
    add_initiatives(org, 1, title="Aaa først i alfabetet")  # INI-0003
    add_initiatives(org, 1, title="Zzz sist i alfabetet")  # INI-0004
    call = api("viewer")

    def refs(sort):
        return [r["reference"] for r in
                call("get", FJORDBY + f"/initiatives/?sort={sort}").json()["results"]]

    assert refs("reference") == ["INI-0001", "INI-0002", "INI-0003", "INI-0004"]
    assert refs("-reference") == ["INI-0004", "INI-0003", "INI-0002", "INI-0001"]
    # Titles: "Aaa…" < "Fjordby kommune initiativ 1" < "… 2" < "Zzz…" in any collation.
    assert refs("title") == ["INI-0003", "INI-0001", "INI-0002", "INI-0004"]
    assert refs("-title") == ["INI-0004", "INI-0002", "INI-0001", "INI-0003"]
    # An unknown sort key falls back to the default (newest reference first).
    assert refs("password") == refs("-reference")


def test_every_page_is_the_matching_slice_of_the_whole_list(api, org):
    """Pages read their ids first and then the rows: the rows come back in the list's order
    whatever the sort, and the pages together are the whole list."""
    add_initiatives(org, 3, title="Aaa samme tittel")
    add_initiatives(org, 2, title="Zzz annen tittel")
    call = api("viewer")
    for sort in ("-reference", "reference", "title", "-title", "rag", "-rag", "phase",
                 "-status", "owner"):
        whole = call("get", FJORDBY + f"/initiatives/?sort={sort}&page_size=200").json()
        assert whole["count"] == 7
        pages = [call("get", FJORDBY + f"/initiatives/?sort={sort}&page={n}&page_size=3")
                 .json()["results"] for n in (1, 2, 3)]
        assert [len(p) for p in pages] == [3, 3, 1]
        assert [r["reference"] for p in pages for r in p] == [
            r["reference"] for r in whole["results"]], sort
        assert pages[0][0] == whole["results"][0]  # the same fields, long texts included


def test_list_query_count_does_not_grow_with_the_number_of_initiatives(api, org):
    call = api("viewer")
    path = FJORDBY + "/initiatives/?page_size=100"
    assert call("get", path).status_code == 200  # warm up (token's last-used time)

    with CaptureQueriesContext(connection) as with_two:
        response = call("get", path)
    assert response.json()["count"] == 2

    add_initiatives(org, 38)
    with CaptureQueriesContext(connection) as with_forty:
        response = call("get", path)
    assert response.json()["count"] == 40
    assert len(response.json()["results"]) == 40

    assert len(with_forty) == len(with_two), [q["sql"] for q in with_forty.captured_queries]
    assert len(with_forty) <= 6, [q["sql"] for q in with_forty.captured_queries]


def test_list_query_count_is_bounded(api, org, django_assert_max_num_queries):
    add_initiatives(org, 10)
    call = api("viewer")
    call("get", FJORDBY + "/initiatives/")
    with django_assert_max_num_queries(6):
        assert call("get", FJORDBY + "/initiatives/").json()["count"] == 12


def test_units_list_gives_own_units_only(api, org):
    response = api("employee")("get", FJORDBY + "/units/")
    # Employees do not read the portfolio.
    assert response.status_code == 403
    data = api("viewer")("get", FJORDBY + "/units/").json()
    assert [u["name"] for u in data] == ["Fjordby kommune sentral", "Helse og velferd"]
    top = unit_named("Fjordby kommune sentral")
    assert data[1]["parent_id"] == top.pk
    assert data[0]["parent_id"] is None


def test_employee_cannot_list_initiatives_over_api(api, org):
    response = api("employee")("get", FJORDBY + "/initiatives/")
    assert response.status_code == 403
    assert "results" not in response.json()


# --- creating -------------------------------------------------------------------------------


FULL_PAYLOAD = {
    "title": "Digital byggesak",
    "problem": "Søknader kommer på papir.",
    "target_state": "Innbyggeren søker digitalt og får svar på en uke.",
    "ambition": "transform",
    "is_lighthouse": True,
    "phase": "planning",
    "status": "on_hold",
    "owner_email": "PMO@fjordby.test",
    "manager_email": "contributor@fjordby.test",
    "start_date": "2026-03-01",
    "end_date": "2027-02-28",
}


def test_contributor_creates_initiative_over_api(api, org, people):
    payload = {**FULL_PAYLOAD, "owning_unit_id": unit_named("Helse og velferd").pk}
    response = api("contributor")("post", FJORDBY + "/initiatives/", json=payload)
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["reference"] == "INI-0003"  # Fjordby had INI-0001 and INI-0002
    assert data["version"] == 1
    assert data["phase"] == "planning"
    assert data["owner"]["email"] == "pmo@fjordby.test"

    stored = get_initiative("INI-0003")
    assert stored.title == "Digital byggesak"
    assert stored.problem == "Søknader kommer på papir."
    assert stored.target_state.startswith("Innbyggeren søker digitalt")
    assert stored.ambition == "transform"
    assert stored.is_lighthouse is True
    assert stored.phase.key == "planning"
    assert stored.status == "on_hold"
    assert stored.owning_unit == unit_named("Helse og velferd")
    assert stored.owner == people["pmo"]
    assert stored.manager == people["contributor"]
    assert stored.start_date == dt.date(2026, 3, 1)
    assert stored.end_date == dt.date(2027, 2, 28)
    assert stored.organisation_id == org.pk

    with unscoped():
        [record] = stored.history.all()
    assert record.history_type == "+"
    assert record.history_user == people["contributor"]


def test_created_references_continue_the_organisations_sequence(api, org, other_org):
    call = api("contributor")
    refs = [call("post", FJORDBY + "/initiatives/", json={"title": f"Ny {i}"}).json()["reference"]
            for i in range(2)]
    assert refs == ["INI-0003", "INI-0004"]
    # Åsdal's own sequence is untouched and continues from its own last number.
    created = api("contributor", "asdal")("post", ASDAL + "/initiatives/", json={"title": "Å"})
    assert created.json()["reference"] == "INI-0004"
    assert initiative_count("asdal") == 4


def test_create_with_only_a_title_uses_defaults(api, org):
    response = api("contributor")("post", FJORDBY + "/initiatives/", json={"title": "Minimal"})
    assert response.status_code == 201
    data = response.json()
    assert data["phase"] == "idea"
    assert data["status"] == "active"
    assert data["ambition"] == "improve"
    assert data["owner"] is None
    assert data["owning_unit_id"] is None


@pytest.mark.parametrize("role", ["admin", "pmo"])
def test_roles_above_contributor_can_create_initiative_over_api(api, org, role):
    response = api(role)("post", FJORDBY + "/initiatives/", json={"title": "Av " + role})
    assert response.status_code == 201
    assert initiative_count("fjordby") == 3


@pytest.mark.parametrize("role", ["viewer", "employee"])
def test_viewer_and_employee_cannot_create_initiative_over_api(api, org, role):
    response = api(role)("post", FJORDBY + "/initiatives/", json={"title": "Ikke lov"})
    assert response.status_code == 403
    assert initiative_count("fjordby") == 2
    # The refused call did not take a number: the next one is still INI-0003.
    created = api("contributor")("post", FJORDBY + "/initiatives/", json={"title": "Lov"})
    assert created.json()["reference"] == "INI-0003"


def test_token_follows_the_members_current_role(api, org):
    call = api("contributor")
    assert call("post", FJORDBY + "/initiatives/", json={"title": "Før"}).status_code == 201
    with unscoped():
        Membership.objects.filter(organisation=org, user=person("contributor")).update(
            role="viewer")
    assert call("post", FJORDBY + "/initiatives/", json={"title": "Etter"}).status_code == 403
    assert call("get", FJORDBY + "/initiatives/").status_code == 200
    assert initiative_count("fjordby") == 3


INVALID_CREATES = {
    "empty_title": ({"title": ""}, "title"),
    "blank_title": ({"title": "   "}, "title"),
    "missing_title": ({"problem": "Uten tittel"}, "title"),
    "too_long_title": ({"title": "x" * 201}, "title"),
    "end_before_start": ({"title": "Datoer", "start_date": "2026-05-01",
                          "end_date": "2026-04-30"}, "end_date"),
    "bad_date": ({"title": "Dato", "start_date": "1. mai"}, "start_date"),
    "unit_of_other_org": ({"title": "Enhet"}, "owning_unit_id"),
    "unknown_unit": ({"title": "Enhet", "owning_unit_id": 987654}, "owning_unit_id"),
    "owner_outsider": ({"title": "Eier", "owner_email": "outsider@elsewhere.test"},
                       "owner_email"),
    "owner_of_other_org": ({"title": "Eier", "owner_email": "admin@asdal.test"},
                           "owner_email"),
    "owner_employee": ({"title": "Eier", "owner_email": "employee@fjordby.test"},
                       "owner_email"),
    "manager_employee": ({"title": "Leder", "manager_email": "employee@fjordby.test"},
                         "manager_email"),
    "unknown_phase": ({"title": "Fase", "phase": "dreaming"}, "phase"),
    "unknown_status": ({"title": "Status", "status": "sleeping"}, "status"),
    "unknown_ambition": ({"title": "Ambisjon", "ambition": "moonshot"}, "ambition"),
}


@pytest.mark.parametrize(("payload", "field"), list(INVALID_CREATES.values()),
                         ids=list(INVALID_CREATES))
def test_invalid_create_is_422_with_field_errors_and_saves_nothing(api, org, payload, field):
    if field == "owning_unit_id" and "owning_unit_id" not in payload:
        payload = {**payload, "owning_unit_id": other_unit().pk}
    call = api("contributor")
    response = call("post", FJORDBY + "/initiatives/", json=payload)
    assert response.status_code == 422, response.content
    assert field in error_fields(response)
    for entry in response.json()["detail"]:
        assert entry["msg"]
    assert initiative_count("fjordby") == 2
    # Nothing was used up either: the next valid initiative gets the next number.
    created = call("post", FJORDBY + "/initiatives/", json={"title": "Gyldig"})
    assert created.json()["reference"] == "INI-0003"


def test_invalid_create_reports_every_broken_field(api, org):
    response = api("contributor")("post", FJORDBY + "/initiatives/", json={
        "title": "To feil", "owner_email": "employee@fjordby.test",
        "manager_email": "outsider@elsewhere.test"})
    assert response.status_code == 422
    assert error_fields(response) >= {"owner_email", "manager_email"}


def test_create_with_malformed_json_is_refused(client, org):
    token = api_token("contributor")
    response = client.post(FJORDBY + "/initiatives/", data="{not json",
                           content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code in (400, 422)
    assert initiative_count("fjordby") == 2


# --- reading --------------------------------------------------------------------------------


@pytest.mark.parametrize("reference", ["INI-0001", "ini-0001", "Ini-0001"])
def test_get_initiative_by_reference_is_case_insensitive(api, org, reference):
    response = api("viewer")("get", FJORDBY + f"/initiatives/{reference}")
    assert response.status_code == 200
    data = response.json()
    assert data["reference"] == "INI-0001"
    assert data["title"] == "Fjordby kommune initiativ 1"
    assert data["manager"]["full_name"] == "Contributor Fjordby"
    assert data["end_date"] == "2026-12-31"


def test_get_unknown_reference_is_404(api, org):
    assert api("viewer")("get", FJORDBY + "/initiatives/INI-9999").status_code == 404
    assert api("viewer")("get", FJORDBY + "/initiatives/nonsense").status_code == 404


def test_get_reference_that_exists_only_in_another_organisation_is_404(api, org):
    # Åsdal has INI-0003; Fjordby does not.
    assert get_initiative("INI-0003", "asdal")
    response = api("admin")("get", FJORDBY + "/initiatives/INI-0003")
    assert response.status_code == 404
    assert "Åsdal" not in response.content.decode()


def test_employee_cannot_read_initiative_over_api(api, org):
    assert api("employee")("get", FJORDBY + "/initiatives/INI-0001").status_code == 403


# --- changing -------------------------------------------------------------------------------


def test_patch_with_current_version_saves_and_bumps_version(api, org, people):
    response = api("contributor")("patch", FJORDBY + "/initiatives/INI-0001",
                                  json={"version": 1, "title": "Nytt navn", "status": "on_hold"})
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["version"] == 2
    assert data["title"] == "Nytt navn"
    stored = get_initiative("INI-0001")
    assert (stored.title, stored.status, stored.version) == ("Nytt navn", "on_hold", 2)
    # Fields not sent are left alone.
    assert stored.problem == "Manuelle rutiner tar tid."
    assert stored.phase.key == "execution"
    with unscoped():
        latest = stored.history.order_by("-history_date", "-history_id").first()
    assert latest.history_type == "~"
    assert latest.history_user == people["contributor"]


def test_patch_twice_with_returned_versions(api, org):
    call = api("contributor")
    first = call("patch", FJORDBY + "/initiatives/INI-0001", json={"version": 1, "title": "A"})
    second = call("patch", FJORDBY + "/initiatives/INI-0001",
                  json={"version": first.json()["version"], "title": "B"})
    assert second.status_code == 200
    assert second.json()["version"] == 3
    assert get_initiative("INI-0001").title == "B"


def test_patch_can_change_references(api, org, people):
    top = unit_named("Fjordby kommune sentral")
    response = api("contributor")("patch", FJORDBY + "/initiatives/ini-0001", json={
        "version": 1, "owning_unit_id": top.pk,
        "owner_email": "viewer@fjordby.test"})
    assert response.status_code == 200
    stored = get_initiative("INI-0001")
    assert stored.owning_unit == top
    assert stored.owner == people["viewer"]


def test_patch_with_stale_version_is_409_and_changes_nothing(api, org, people):
    initiative = get_initiative("INI-0001")
    with tenant_scope(org):  # somebody else saves first
        do_update_initiative(actor=people["pmo"], initiative=initiative,
                             data={"title": "Lagret av PMO"}, expected_version=1)
    response = api("contributor")("patch", FJORDBY + "/initiatives/INI-0001",
                                  json={"version": 1, "title": "Min endring"})
    assert response.status_code == 409
    assert isinstance(response.json()["detail"], str)
    stored = get_initiative("INI-0001")
    assert (stored.title, stored.version) == ("Lagret av PMO", 2)


@pytest.mark.parametrize("if_match", ["1", '"1"', 'W/"1"'])
def test_patch_with_if_match_header(api, org, if_match):
    response = api("contributor")("patch", FJORDBY + "/initiatives/INI-0001",
                                  json={"title": "Via If-Match"}, **{"If-Match": if_match})
    assert response.status_code == 200, response.content
    assert response.json()["version"] == 2
    assert get_initiative("INI-0001").title == "Via If-Match"


@pytest.mark.parametrize("if_match", ["7", '"0"', "abc"])
def test_patch_with_stale_or_garbled_if_match_is_409(api, org, if_match):
    response = api("contributor")("patch", FJORDBY + "/initiatives/INI-0001",
                                  json={"title": "Nei"}, **{"If-Match": if_match})
    assert response.status_code == 409
    stored = get_initiative("INI-0001")
    assert (stored.title, stored.version) == ("Fjordby kommune initiativ 1", 1)


def test_patch_version_in_body_wins_over_if_match(api, org):
    response = api("contributor")("patch", FJORDBY + "/initiatives/INI-0001",
                                  json={"version": 1, "title": "Body"}, **{"If-Match": "5"})
    assert response.status_code == 200
    assert get_initiative("INI-0001").title == "Body"


def test_patch_without_version_is_428_and_changes_nothing(api, org):
    response = api("contributor")("patch", FJORDBY + "/initiatives/INI-0001",
                                  json={"title": "Uten versjon"})
    assert response.status_code == 428
    assert "version" in response.json()["detail"].lower()
    stored = get_initiative("INI-0001")
    assert (stored.title, stored.version) == ("Fjordby kommune initiativ 1", 1)


INVALID_PATCHES = {
    "empty_title": ({"title": ""}, "title"),
    "null_title": ({"title": None}, "title"),
    "end_before_start": ({"end_date": "2025-12-31"}, "end_date"),
    "start_after_end": ({"start_date": "2027-01-01"}, "end_date"),
    "unit_of_other_org": ({}, "owning_unit_id"),
    "owner_employee": ({"owner_email": "employee@fjordby.test"}, "owner_email"),
    "manager_outsider": ({"manager_email": "outsider@elsewhere.test"}, "manager_email"),
    "unknown_phase": ({"phase": "dreaming"}, "phase"),
    "unknown_status": ({"status": "sleeping"}, "status"),
    "null_status": ({"status": None}, "status"),
}


@pytest.mark.parametrize(("changes", "field"), list(INVALID_PATCHES.values()),
                         ids=list(INVALID_PATCHES))
def test_invalid_patch_is_422_and_changes_nothing(api, org, changes, field):
    if field == "owning_unit_id":
        changes = {"owning_unit_id": other_unit().pk}
    before = get_initiative("INI-0001")
    call = api("contributor")
    response = call("patch", FJORDBY + "/initiatives/INI-0001",
                    json={"version": 1, "title": "Ikke lagret", **changes})
    assert response.status_code == 422, response.content
    assert field in error_fields(response)
    after = get_initiative("INI-0001")
    assert after.version == 1
    assert (after.title, after.status, after.start_date, after.end_date, after.owner_id,
            after.owning_unit_id) == (before.title, before.status, before.start_date,
                                      before.end_date, before.owner_id, before.owning_unit_id)
    # The version was not used up: a valid change with version 1 still succeeds.
    ok = call("patch", FJORDBY + "/initiatives/INI-0001", json={"version": 1, "title": "OK"})
    assert ok.status_code == 200


@pytest.mark.parametrize("role", ["viewer", "employee"])
def test_viewer_and_employee_cannot_patch_initiative_over_api(api, org, role):
    response = api(role)("patch", FJORDBY + "/initiatives/INI-0001",
                         json={"version": 1, "title": "Ikke lov"})
    assert response.status_code == 403
    assert get_initiative("INI-0001").version == 1


def test_patch_unknown_reference_is_404(api, org):
    response = api("contributor")("patch", FJORDBY + "/initiatives/INI-9999",
                                  json={"version": 1, "title": "X"})
    assert response.status_code == 404


# --- OpenAPI --------------------------------------------------------------------------------


def test_openapi_document_lists_initiative_paths_and_bearer_scheme(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    doc = response.json()
    paths = doc["paths"]
    assert set(paths["/api/v1/o/{org}/initiatives/"]) >= {"get", "post"}
    assert set(paths["/api/v1/o/{org}/initiatives/{reference}"]) >= {"get", "patch"}
    assert "get" in paths["/api/v1/o/{org}/units/"]
    schemes = doc["components"]["securitySchemes"]
    assert any(s.get("type") == "http" and s.get("scheme", "").lower() == "bearer"
               for s in schemes.values())
    operation = paths["/api/v1/o/{org}/initiatives/"]["post"]
    assert operation.get("security"), "creating an initiative must declare its security"
    assert set(operation["security"][0]) <= set(schemes)


def test_initiative_shows_its_programme_and_latest_status(api, org):
    data = api("viewer")("get", FJORDBY + "/initiatives/INI-0001").json()
    assert data["programme"] == "PRG-0001"
    assert data["rag"] == "green"  # the world's published September report
    listed = api("viewer")("get", FJORDBY + "/initiatives/?q=initiativ 1").json()["results"]
    assert listed[0]["programme"] == "PRG-0001"


def test_patch_moves_an_initiative_out_of_and_into_a_programme(api, org):
    call = api("contributor")
    out = call("patch", FJORDBY + "/initiatives/INI-0001", json={"version": 1,
                                                                  "programme": None})
    assert out.status_code == 200 and out.json()["programme"] is None
    back = call("patch", FJORDBY + "/initiatives/INI-0001",
                json={"version": out.json()["version"], "programme": "PRG-0001"})
    assert back.status_code == 200 and back.json()["programme"] == "PRG-0001"


def test_a_programme_of_another_organisation_is_refused(api, org):
    # PRG-0002 exists only in Åsdal.
    response = api("contributor")("patch", FJORDBY + "/initiatives/INI-0001",
                                  json={"version": 1, "programme": "PRG-0002"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "programme"]
    assert get_initiative("INI-0001").programme.reference == "PRG-0001"


def test_list_filters_by_programme_and_rag(api, org):
    call = api("viewer")
    in_programme = call("get", FJORDBY + "/initiatives/?programme=prg-0001").json()
    assert [r["reference"] for r in in_programme["results"]] == ["INI-0001"]
    outside = call("get", FJORDBY + "/initiatives/?programme=none").json()
    assert "INI-0001" not in [r["reference"] for r in outside["results"]]
    green = call("get", FJORDBY + "/initiatives/?rag=green").json()
    assert [r["reference"] for r in green["results"]] == ["INI-0001"]
    unreported = call("get", FJORDBY + "/initiatives/?rag=none").json()
    assert all(r["rag"] == "" for r in unreported["results"]) and unreported["count"] >= 1


def test_list_filters_by_a_custom_phase_and_refuses_unknown_ones(api, org):
    from gevinst.portfolio.services.gates import do_create_phase

    with tenant_scope(org):
        do_create_phase(actor=person("admin"), organisation=org, name="Pilot",
                     after=Phase.objects.get(organisation=org, key="execution"))
        key = Phase.objects.get(organisation=org, custom_name="Pilot").key
    call = api("viewer")
    assert call("get", FJORDBY + f"/initiatives/?phase={key}").json()["count"] == 0
    refused = call("get", FJORDBY + "/initiatives/?phase=pilot-phase-of-asdal")
    assert refused.status_code == 422
    assert call("get", FJORDBY + "/initiatives/?programme=PRG-0002").status_code == 422
