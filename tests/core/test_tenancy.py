"""Tenancy fails closed: other organisations' people get 404 on every route that exists."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from gevinst.core.models import Invitation, Membership, Unit
from gevinst.core.scoping import ScopeError, tenant_scope, unscoped
from gevinst.portfolio.models import Initiative
from tests.conftest import api_token, person


def _walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p


def org_routes():
    """Every web route under /o/<org_slug>/, as (route, name)."""
    return [(route, p.name) for route, p in _walk(get_resolver().url_patterns)
            if route.startswith("o/<slug:org_slug>/")]


def _fill(route: str, values: dict) -> str:
    path = "/" + route
    for key, value in values.items():
        for conv in ("slug", "int", "str", ""):
            token = f"<{conv}:{key}>" if conv else f"<{key}>"
            path = path.replace(token, str(value))
    assert "<" not in path, f"the sweep does not know how to fill {path}: add the parameter"
    return path


def _first_pk(model, org):
    obj = model.objects.filter(organisation=org).order_by("pk").first()
    assert obj is not None, f"the test world has no {model.__name__} in {org}: add one"
    return obj.pk


# How to fill each URL parameter with an object of the other organisation. A new route
# with a new parameter fails the sweep until its filler is added here (and the world in
# tests/conftest.py has such an object in both organisations).
def _fillers():
    from gevinst.benefits import models as bm
    from gevinst.ideas import models as im
    from gevinst.maturity import models as mm
    from gevinst.objectives import models as ob
    from gevinst.portfolio import models as pm
    from gevinst.risks import models as rm

    return {
        "reference": lambda org: pm.Initiative.objects.filter(organisation=org)
        .order_by("-number").first().reference,
        "unit_id": lambda org: _first_pk(Unit, org),
        "membership_id": lambda org: _first_pk(Membership, org),
        "invitation_id": lambda org: _first_pk(Invitation, org),
        "phase_id": lambda org: _first_pk(pm.Phase, org),
        "template_item_id": lambda org: _first_pk(pm.ChecklistTemplateItem, org),
        "item_id": lambda org: _first_pk(pm.ChecklistItem, org),
        "decision_id": lambda org: _first_pk(pm.GateDecision, org),
        "report_id": lambda org: _first_pk(pm.StatusReport, org),
        "programme": lambda org: pm.Programme.objects.filter(organisation=org)
        .order_by("-number").first().reference,
        "entry_id": lambda org: _first_pk(pm.LogEntry, org),
        "dependency_id": lambda org: _first_pk(pm.Dependency, org),
        "money_id": lambda org: _first_pk(pm.MoneyYear, org),
        "year": lambda org: pm.MoneyYear.objects.filter(organisation=org).order_by("pk")
        .first().year,
        "kind": lambda org: pm.MoneyYear.objects.filter(organisation=org).order_by("pk")
        .first().kind,
        "view_id": lambda org: _first_pk(pm.SavedView, org),
        "job_id": lambda org: _first_pk(pm.ImportJob, org),
        "benefit": lambda org: bm.Benefit.objects.filter(organisation=org)
        .order_by("-number").first().reference,
        "measure_id": lambda org: _first_pk(bm.Measure, org),
        "measurement_id": lambda org: _first_pk(bm.Measurement, org),
        "period": lambda org: "2026-01-01",
        "objective": lambda org: ob.Objective.objects.filter(organisation=org)
        .order_by("-number").first().reference,
        "kpi": lambda org: ob.Kpi.objects.filter(organisation=org)
        .order_by("-number").first().reference,
        "kpi_measurement_id": lambda org: _first_pk(ob.KpiMeasurement, org),
        "risk": lambda org: rm.Risk.objects.filter(organisation=org)
        .order_by("-number").first().reference,
        "action_id": lambda org: _first_pk(rm.RiskAction, org),
        "idea": lambda org: im.Idea.objects.filter(organisation=org)
        .order_by("-number").first().reference,
        "comment_id": lambda org: _first_pk(im.IdeaComment, org),
        "attachment_id": lambda org: _first_pk(im.IdeaAttachment, org),
        "abuse_id": lambda org: _first_pk(im.AbuseReport, org),
        "criterion_id": lambda org: _first_pk(im.ScoringCriterion, org),
        "campaign": lambda org: mm.Campaign.objects.filter(organisation=org)
        .order_by("-number").first().reference,
        "recommendation_id": lambda org: _first_pk(mm.Recommendation, org),
    }


def _foreign_values(slug_for_path: str, other_org, params=None) -> dict:
    """Values for the URL parameters in ``params`` (default: every route's parameters)."""
    import re

    if params is None:
        params = {m for route, _ in org_routes() for m in re.findall(r"<(?:\w+:)?(\w+)>", route)}
    fillers = _fillers()
    values = {"org_slug": slug_for_path}
    with unscoped():
        for name in sorted(set(params) - {"org_slug"}):
            assert name in fillers, f"the sweep does not know how to fill <{name}>: add it"
            values[name] = fillers[name](other_org)
    return values


def test_sweep_knows_every_organisation_route():
    routes = org_routes()
    assert len(routes) >= 15
    names = {name for _, name in routes}
    assert {"initiative_list", "initiative_detail", "member_list", "unit_edit"} <= names


@pytest.mark.parametrize("role", ["viewer", "admin"])
def test_every_route_of_another_organisation_is_404(client, other_org, role):
    """Fjordby's viewer and admin ask for every Åsdal URL (GET and POST): 404 each time."""
    client.force_login(person(role, "fjordby"))
    values = _foreign_values("asdal", other_org)
    checked = 0
    for route, name in org_routes():
        path = _fill(route, values)
        for method in ("get", "post"):
            response = getattr(client, method)(path)
            assert response.status_code == 404, f"{method.upper()} {path} ({name})"
            checked += 1
    assert checked == 2 * len(org_routes())


def test_foreign_objects_through_own_organisation_are_404(client, other_org):
    """Fjordby's admin uses Åsdal's ids and references under /o/fjordby/: 404, not found."""
    client.force_login(person("admin", "fjordby"))
    values = _foreign_values("fjordby", other_org)
    # Åsdal has INI-0003; Fjordby has only INI-0001..0002, so the reference is foreign.
    object_routes = [(r, n) for r, n in org_routes()
                     if any(k in r for k in ("<str:", "<int:"))]
    assert object_routes
    bogus = {k: (999999 if k.endswith("_id") else v) for k, v in values.items()}
    bogus.update(reference="INI-9999", programme="PRG-9999", benefit="BEN-9999",
                 objective="OBJ-9999", idea="IDE-9999", campaign="MAT-9999")
    for route, name in object_routes:
        path = _fill(route, values)
        for method in ("get", "post"):
            # A wrong method answers 405 whatever the id (it reveals nothing); otherwise 404.
            got = getattr(client, method)(path).status_code
            missing = getattr(client, method)(_fill(route, bogus)).status_code
            assert got == missing and got in (404, 405), f"{method} {path} ({name}): {got}"


def test_outsider_and_unknown_organisation_look_the_same(client, db):
    client.force_login(person("outsider"))
    assert client.get("/o/fjordby/").status_code == 404
    assert client.get("/o/no-such-org/").status_code == 404


def test_anonymous_is_sent_to_login_for_any_slug(client, db):
    for path in ("/o/fjordby/initiatives/", "/o/no-such-org/initiatives/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def api_routes():
    """Every API operation as (method, path template) from the OpenAPI document."""
    from gevinst.api.urls import api

    schema = api.get_openapi_schema()
    return [(method.upper(), path) for path, ops in schema["paths"].items()
            for method in ops]


def test_every_api_route_of_another_organisation_is_404(client, other_org):
    routes = api_routes()
    assert len(routes) >= 5
    token = api_token("viewer", "fjordby")
    import re

    params = {p for _, template in routes for p in re.findall(r"{(\w+)}", template)} - {"org"}
    values = _foreign_values("asdal", other_org, params)
    for method, template in routes:
        path = template.replace("{org}", "asdal")
        for name, value in values.items():
            path = path.replace("{" + name + "}", str(value))
        assert "{" not in path, f"the sweep does not know how to fill {template}"
        response = client.generic(method, path, data="{}", content_type="application/json",
                                  HTTP_AUTHORIZATION=f"Bearer {token}")
        assert response.status_code == 404, f"{method} {path}"


def test_tenant_queries_without_scope_raise(db):
    with pytest.raises(ScopeError):
        list(Initiative.objects.all())
    with pytest.raises(ScopeError):
        Unit.objects.filter(name="x").exists()


def test_scope_limits_queries_to_one_organisation(org, other_org):
    with tenant_scope(org):
        refs = set(Initiative.objects.values_list("organisation_id", flat=True))
    assert refs == {org.pk}


def test_tenant_scope_refuses_to_scope_to_nothing(db):
    with pytest.raises(ScopeError):
        with tenant_scope(None):
            pass
