"""The ideas API, reading: the board (filters, sorts, pages, hidden ideas), one idea with its
answers, comments, attachments, score and reviewers, the similar-idea look-up, the query
bound of the list, and other organisations (404)."""

from __future__ import annotations

import pytest

from gevinst.core.models import Unit
from gevinst.core.scoping import tenant_scope
from gevinst.core.services import next_reference
from gevinst.ideas import similarity
from gevinst.ideas.models import Idea, IdeaComment
from tests.conftest import person

pytestmark = pytest.mark.django_db

F = "/api/v1/o/fjordby/ideas"
A = "/api/v1/o/asdal/ideas"


def _idea(org, title="Ny idé", author="contributor", units=(), **fields) -> Idea:
    """An idea made with the ORM, like the standing world's."""
    with tenant_scope(org):
        number, reference = next_reference(org, "IDE")
        idea = Idea.objects.create(organisation=org, number=number, reference=reference,
                                   author=person(author), problem=fields.pop("problem", "Et "
                                                                             "problem."),
                                   title=title, **fields)
        idea.units.set(units)
        similarity.index_idea(idea)
        return idea


def test_every_ideas_route_is_in_the_openapi_document():
    from gevinst.api.urls import api

    paths = api.get_openapi_schema()["paths"]
    base = "/api/v1/o/{org}/ideas"
    expected = {
        f"{base}/": {"get", "post"}, f"{base}/similar": {"get"},
        f"{base}/review-queue": {"get"}, f"{base}/statistics": {"get"},
        f"{base}/scoring": {"get"}, f"{base}/scoring/bands": {"put"},
        f"{base}/scoring/criteria": {"post"},
        f"{base}/scoring/criteria/{{criterion_id}}": {"patch"},
        f"{base}/abuse-reports/": {"get"},
        f"{base}/abuse-reports/{{abuse_id}}/dismiss": {"post"},
        f"{base}/{{idea}}/": {"get", "patch"}, f"{base}/{{idea}}/support": {"post", "delete"},
        f"{base}/{{idea}}/follow": {"post", "delete"}, f"{base}/{{idea}}/comments": {"post"},
        f"{base}/{{idea}}/reports": {"post"}, f"{base}/{{idea}}/hide": {"post"},
        f"{base}/{{idea}}/unhide": {"post"},
        f"{base}/{{idea}}/comments/{{comment_id}}/hide": {"post"},
        f"{base}/{{idea}}/comments/{{comment_id}}/unhide": {"post"},
        f"{base}/{{idea}}/answer": {"post"}, f"{base}/{{idea}}/reviewers": {"put"},
        f"{base}/{{idea}}/ratings": {"put"}, f"{base}/{{idea}}/accept": {"post"},
    }
    for path, methods in expected.items():
        assert path in paths, path
        assert set(paths[path]) == methods, path


def test_schema_names_are_unique_in_the_openapi_document():
    """Two schemas of one name share one component: one endpoint's document would show the
    other's fields (ideas' and risks' AcceptIn did)."""
    import importlib
    import inspect
    import pkgutil

    from ninja import Schema

    import gevinst.api

    seen: dict[str, object] = {}
    for info in pkgutil.iter_modules(gevinst.api.__path__):
        module = importlib.import_module(f"gevinst.api.{info.name}")
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Schema) and cls.__module__ == module.__name__:
                assert seen.setdefault(name, cls) is cls, f"two schemas named {name}"
    assert {"IdeaOut", "AcceptIn", "IdeaAcceptIn"} <= set(seen)


@pytest.mark.parametrize("method, path", [
    ("get", f"{F}/"), ("post", f"{F}/"), ("get", f"{F}/IDE-0001/"),
    ("patch", f"{F}/IDE-0001/"), ("post", f"{F}/IDE-0001/support"),
    ("post", f"{F}/IDE-0001/answer"), ("get", f"{F}/similar?text=time"),
    ("get", f"{F}/scoring"), ("get", f"{F}/statistics"), ("get", f"{F}/review-queue"),
])
def test_asdal_token_gets_404_on_fjordby_ideas(api, org, method, path):
    body = None if method == "get" else {}
    assert api("admin", "asdal")(method, path, body).status_code == 404


def test_another_organisations_idea_through_own_address_is_404(api, org):
    # Åsdal has IDE-0002; Fjordby has only IDE-0001.
    call = api("admin")
    assert call("get", f"{F}/IDE-0002/").status_code == 404
    assert call("post", f"{F}/IDE-0002/support").status_code == 404
    assert call("post", f"{F}/IDE-0002/comments", {"body": "Hei"}).status_code == 404
    assert call("post", f"{F}/IDE-0002/answer", {"status": "parked",
                                                 "answer": "Nei"}).status_code == 404
    assert call("put", f"{F}/IDE-0002/ratings", {"ratings": []}).status_code == 404
    assert call("get", f"{A}/IDE-0001/").status_code == 404


def test_the_board_lists_visible_ideas_with_counts(api, org):
    body = api("employee")("get", f"{F}/").json()
    assert (body["count"], body["page"], body["pages"]) == (1, 1, 1)
    assert body["status_counts"]["under_review"] == 1
    (row,) = body["results"]
    assert (row["reference"], row["status"], row["status_label"]) == (
        "IDE-0001", "under_review", "Under review")
    assert row["author"]["email"] == "employee@fjordby.test"
    assert [u["name"] for u in row["units"]] == ["Helse og velferd"]
    assert (row["support_count"], row["comment_count"], row["hidden"]) == (1, 2, False)
    assert (row["initiative"], row["score"], row["band"]) == (None, None, None)


def test_the_board_filters_sorts_and_pages(api, org):
    with tenant_scope(org):
        central = Unit.objects.get(organisation=org, name="Fjordby kommune sentral")
    parked = _idea(org, title="Brøyting av gang- og sykkelveier", status="parked",
                   support_count=5)
    unit_idea = _idea(org, title="Sentral arkivløsning", units=[central], comment_count=9)
    call = api("viewer")

    def refs(query):
        return [r["reference"] for r in call("get", f"{F}/{query}").json()["results"]]

    assert refs("") == [unit_idea.reference, parked.reference, "IDE-0001"]
    assert refs("?sort=supported") == [parked.reference, "IDE-0001", unit_idea.reference]
    assert refs("?sort=commented") == [unit_idea.reference, "IDE-0001", parked.reference]
    assert refs("?status=parked") == [parked.reference]
    assert refs("?q=brøyting") == [parked.reference]
    assert refs(f"?unit={central.pk}") == [unit_idea.reference]
    paged = call("get", f"{F}/?page_size=2&page=2").json()
    assert (paged["count"], paged["pages"], paged["page"]) == (3, 2, 2)
    assert [r["reference"] for r in paged["results"]] == ["IDE-0001"]


def test_unknown_filters_are_field_errors(api, other_org):
    with tenant_scope(other_org):
        foreign = Unit.objects.filter(organisation=other_org).first().pk
    call = api("viewer")
    response = call("get", f"{F}/?unit={foreign}")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "unit"
    assert call("get", f"{F}/?status=maybe").status_code == 422
    assert call("get", f"{F}/?sort=oldest").status_code == 422


def test_hidden_ideas_are_listed_to_their_author_and_moderators_only(api, org):
    hidden = _idea(org, title="Skjult forslag", author="viewer", hidden=True,
                   hidden_reason="Personopplysninger")

    def refs(role):
        return {r["reference"] for r in api(role)("get", f"{F}/").json()["results"]}

    assert hidden.reference not in refs("employee")
    assert hidden.reference not in refs("contributor")
    assert hidden.reference in refs("viewer")  # the author
    assert hidden.reference in refs("pmo")
    assert api("employee")("get", f"{F}/{hidden.reference}/").status_code == 404
    mine = api("viewer")("get", f"{F}/{hidden.reference}/").json()
    assert (mine["hidden"], mine["hidden_reason"]) == (True, "Personopplysninger")


def test_the_score_shows_to_every_member_and_the_rubric_to_those_who_rate(api, org):
    from decimal import Decimal

    with tenant_scope(org):
        Idea.objects.filter(organisation=org).update(score=Decimal("3.50"), band="medium")
    one = api("employee")("get", f"{F}/").json()["results"][0]
    assert (Decimal(one["score"]), one["band"]) == (Decimal("3.5"), "medium")
    employee = api("employee")("get", f"{F}/IDE-0001/").json()
    assert employee["score_breakdown"]["score"] == "3.50"
    assert employee["score_breakdown"]["ratings"][0]["meaning"] == (
        "Clearly advances one or more objectives.")  # what a 4 means
    assert employee["score_breakdown"]["ratings"][0]["rubric"] is None
    reviewer = api("contributor")("get", f"{F}/IDE-0001/").json()  # assigned reviewer
    assert reviewer["you"]["may_score"] is True
    assert len(reviewer["score_breakdown"]["ratings"][0]["rubric"]) == 5


def test_one_idea_has_its_texts_units_comments_attachments_and_reviewers(api, org):
    body = api("viewer")("get", f"{F}/ide-0001/").json()
    assert (body["reference"], body["title"]) == ("IDE-0001",
                                                  "Digital timebestilling på helsestasjonen")
    assert body["proposal"] == "La foreldre bestille og flytte timer selv på nett."
    assert body["expected_benefit"] == "Kortere telefonkø og færre uteblitte timer."
    assert body["unit"]["name"] == "Helse og velferd"
    assert [u["name"] for u in body["units"]] == ["Helse og velferd"]
    assert body["version"] == 1
    (comment,) = body["comments"]
    assert (comment["body"], comment["author"]["email"], comment["hidden"]) == (
        "Dette ville spart oss mye tid.", "viewer@fjordby.test", False)
    (reply,) = comment["replies"]
    assert (reply["body"], reply["author"]["email"]) == ("Takk! Vi har tall fra i fjor.",
                                                         "employee@fjordby.test")
    (attachment,) = body["attachments"]
    assert (attachment["name"], attachment["content_type"], attachment["size"]) == (
        "notat.txt", "text/plain", 12)
    assert attachment["download_url"].endswith(
        f"/o/fjordby/ideas/IDE-0001/attachments/{attachment['id']}/")
    assert [r["email"] for r in body["reviewers"]] == ["contributor@fjordby.test"]
    breakdown = body["score_breakdown"]
    assert (breakdown["score"], breakdown["rated"], breakdown["to_rate"]) == (None, 2, 5)
    assert [r["rating"] for r in breakdown["ratings"]] == [4, 4, None, None, None]
    assert breakdown["ratings"][0]["criterion"] == "Strategic value"
    assert breakdown["ratings"][0]["rubric"] is None  # the viewer does not rate
    assert body["you"] == {"supports": True, "follows": True, "may_edit": False,
                           "may_score": False, "may_process": False, "may_moderate": False,
                           "may_read_initiative": True}
    assert (body["answers"], body["progress"], body["initiative"]) == ([], None, None)


def test_a_hidden_comment_shows_as_the_web_page_shows_it(api, org):
    with tenant_scope(org):
        IdeaComment.objects.filter(organisation=org, parent=None).update(
            hidden=True, hidden_reason="Usaklig")

    def first(role):
        return api(role)("get", f"{F}/IDE-0001/").json()["comments"][0]

    other = first("employee")
    assert (other["body"], other["hidden_reason"]) == (None, None)
    assert other["author"]["email"] == "viewer@fjordby.test"  # as the web page shows it
    assert other["notice"] == "A comment was hidden by a moderator."
    assert other["replies"][0]["body"] == "Takk! Vi har tall fra i fjor."
    for role in ("viewer", "pmo"):  # its author, a moderator
        seen = first(role)
        assert (seen["body"], seen["hidden_reason"]) == ("Dette ville spart oss mye tid.",
                                                         "Usaklig")
        assert seen["notice"] == "Hidden by a moderator: Usaklig"


def test_similar_ideas_are_found_by_their_words(api, org):
    call = api("employee")
    found = call("get", f"{F}/similar?text=Bestille time på helsestasjonen digitalt").json()
    assert found[0]["reference"] == "IDE-0001"
    assert 0 < found[0]["similarity"] <= 1
    assert found[0]["status"] == "under_review"
    assert call("get", f"{F}/similar?text=Bestille time på helsestasjonen digitalt"
                       "&exclude=IDE-0001").json() == []
    assert call("get", f"{F}/similar?text=").json() == []


def test_the_board_costs_a_fixed_number_of_queries(api, org, django_assert_max_num_queries):
    with tenant_scope(org):
        unit = Unit.objects.get(organisation=org, name="Helse og velferd")
    call = api("viewer")
    call("get", f"{F}/")  # the token's last use is recorded once
    with django_assert_max_num_queries(8) as few:
        call("get", f"{F}/")
    for n in range(20):
        _idea(org, title=f"Idé nummer {n}", units=[unit])
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = call("get", f"{F}/?page_size=100").json()
    assert body["count"] == 21 and len(body["results"]) == 21


def test_one_idea_costs_a_fixed_number_of_queries(api, org, django_assert_max_num_queries):
    call = api("viewer")
    call("get", f"{F}/IDE-0001/")
    with django_assert_max_num_queries(16) as few:
        call("get", f"{F}/IDE-0001/")
    with tenant_scope(org):
        idea = Idea.objects.get(organisation=org, reference="IDE-0001")
        for n in range(10):
            IdeaComment.objects.create(organisation=org, idea=idea, author=person("pmo"),
                                       body=f"Kommentar {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(call("get", f"{F}/IDE-0001/").json()["comments"]) == 11


def test_the_review_queue_costs_a_fixed_number_of_queries(api, org,
                                                         django_assert_max_num_queries):
    call = api("pmo")
    call("get", f"{F}/review-queue")
    with django_assert_max_num_queries(8) as few:
        call("get", f"{F}/review-queue")
    for n in range(15):
        idea = _idea(org, title=f"Til vurdering {n}", status="under_review")
        with tenant_scope(org):
            idea.reviewers.set([person("contributor"), person("viewer")])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert call("get", f"{F}/review-queue").json()["count"] == 16
