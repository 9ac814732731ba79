"""An employee's API token reaches the idea endpoints staff use, and nothing else of the
organisation's API.

Any member may hold an API token (``do_create_api_token`` asks for a membership, not a role),
so the employee role is tested through one. Every operation of the OpenAPI document is
called with Fjordby's own objects in the address and a body that passes the schema (built
from the document), so that what answers is the role check, not the validation of the
input: the staff endpoints answer (not 403 or 404), every other operation 403. A new
endpoint is covered the day it is added.
"""

from __future__ import annotations

import functools
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import api_token
from tests.core.test_tenancy import _foreign_values, api_routes

pytestmark = pytest.mark.django_db

IDEAS = "/api/v1/o/{org}/ideas"
# What an employee may do through the API (IDE-0001 is the employee's own idea, under review).
EMPLOYEE_OPERATIONS = {
    ("GET", f"{IDEAS}/"), ("POST", f"{IDEAS}/"), ("GET", f"{IDEAS}/similar"),
    ("GET", f"{IDEAS}/review-queue"), ("GET", f"{IDEAS}/{{idea}}/"),
    ("POST", f"{IDEAS}/{{idea}}/support"), ("DELETE", f"{IDEAS}/{{idea}}/support"),
    ("POST", f"{IDEAS}/{{idea}}/follow"), ("DELETE", f"{IDEAS}/{{idea}}/follow"),
    ("POST", f"{IDEAS}/{{idea}}/comments"), ("POST", f"{IDEAS}/{{idea}}/reports"),
}
# Idea operations an employee is refused: the portfolio office's, leaders', reviewers' and
# the edit of an idea that has had its first answer.
REFUSED_IDEA_OPERATIONS = {
    ("GET", f"{IDEAS}/statistics"), ("GET", f"{IDEAS}/scoring"),
    ("PUT", f"{IDEAS}/scoring/bands"), ("POST", f"{IDEAS}/scoring/criteria"),
    ("PATCH", f"{IDEAS}/scoring/criteria/{{criterion_id}}"),
    ("GET", f"{IDEAS}/abuse-reports/"), ("POST", f"{IDEAS}/abuse-reports/{{abuse_id}}/dismiss"),
    ("PATCH", f"{IDEAS}/{{idea}}/"), ("POST", f"{IDEAS}/{{idea}}/hide"),
    ("POST", f"{IDEAS}/{{idea}}/unhide"),
    ("POST", f"{IDEAS}/{{idea}}/comments/{{comment_id}}/hide"),
    ("POST", f"{IDEAS}/{{idea}}/comments/{{comment_id}}/unhide"),
    ("POST", f"{IDEAS}/{{idea}}/answer"), ("PUT", f"{IDEAS}/{{idea}}/reviewers"),
    ("PUT", f"{IDEAS}/{{idea}}/ratings"), ("POST", f"{IDEAS}/{{idea}}/accept"),
}


@functools.cache
def _schema():
    from gevinst.api.urls import api

    return api.get_openapi_schema()


def _example(schema: dict, components: dict):
    """The smallest value that passes ``schema`` (required fields only)."""
    if "$ref" in schema:
        return _example(components[schema["$ref"].rsplit("/", 1)[-1]], components)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            options = [s for s in schema[key] if s.get("type") != "null"]
            return _example(options[0], components)
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object":
        return {name: _example(schema["properties"][name], components)
                for name in schema.get("required", [])}
    if kind == "array":
        return []
    if kind == "integer":
        return 1
    if kind == "number":
        return 1
    if kind == "boolean":
        return False
    if schema.get("format") == "date":
        return "2026-01-01"
    if schema.get("format") == "date-time":
        return "2026-01-01T00:00:00Z"
    return "x"


def _call(client, token: str, method: str, template: str, values: dict):
    document = _schema()
    components = document.get("components", {}).get("schemas", {})
    operation = document["paths"][template][method.lower()]
    path = template.replace("{org}", "fjordby")
    for name, value in values.items():
        path = path.replace("{" + name + "}", str(value))
    assert "{" not in path, f"the test does not know how to fill {template}"
    query = {p["name"]: _example(p["schema"], components)
             for p in operation.get("parameters", [])
             if p["in"] == "query" and p.get("required")}
    if query:
        path += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    content = operation.get("requestBody", {}).get("content", {})
    if "multipart/form-data" in content:
        upload = SimpleUploadedFile("tom.xlsx", b"PK\x03\x04")
        return client.post(path, data={"file": upload}, **auth)
    body = {}
    if "application/json" in content:
        body = _example(content["application/json"]["schema"], components)
    return client.generic(method, path, data=json.dumps(body),
                          content_type="application/json", **auth)


def _values(org) -> dict:
    params = {p for _, template in api_routes() for p in re.findall(r"{(\w+)}", template)}
    return _foreign_values("fjordby", org, params - {"org"})  # Fjordby's own objects


def test_every_idea_operation_is_classified():
    ideas = {(m, t) for m, t in api_routes() if t.startswith(f"{IDEAS}/")}
    assert ideas == EMPLOYEE_OPERATIONS | REFUSED_IDEA_OPERATIONS


def test_employees_may_hold_an_api_token(org):
    assert api_token("employee").startswith("gv_")


def test_an_employee_token_reaches_the_staff_idea_endpoints(client, org):
    token = api_token("employee")
    values = _values(org)
    for method, template in sorted(EMPLOYEE_OPERATIONS):
        response = _call(client, token, method, template, values)
        assert response.status_code not in (403, 404, 405, 500), (
            f"{method} {template}: {response.status_code} {response.content[:200]}")


def test_an_employee_token_is_refused_every_other_route_of_its_organisation(client, org):
    token = api_token("employee")
    values = _values(org)
    refused = 0
    for method, template in api_routes():
        if (method, template) in EMPLOYEE_OPERATIONS:
            continue
        response = _call(client, token, method, template, values)
        assert response.status_code == 403, (
            f"{method} {template}: {response.status_code} {response.content[:200]}")
        refused += 1
    assert refused >= 100
