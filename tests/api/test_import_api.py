"""POST /api/v1/o/{org}/import/initiatives/ and /money/: 422 with every error, or references."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gevinst.core.models import Organisation
from gevinst.core.scoping import tenant_scope
from gevinst.portfolio.models import Initiative, MoneyYear
from tests.conftest import api_token
from tests.portfolio.importbooks import NB, nb_row, workbook

pytestmark = pytest.mark.django_db


def _post(client, path, data: bytes, role="pmo", **form):
    token = api_token(role)
    return client.post(path, {"file": SimpleUploadedFile("tiltak.xlsx", data), **form},
                       HTTP_AUTHORIZATION=f"Bearer {token}")


def _count(model=Initiative):
    org = Organisation.objects.get(slug="fjordby")
    with tenant_scope(org):
        return model.objects.filter(organisation=org).count()


def test_errors_come_back_as_422_with_row_and_column(client):
    rows = [nb_row(1), nb_row(2, Tittel=""), nb_row(3, Sluttdato="2025-01-01")]
    before = _count()
    response = _post(client, "/api/v1/o/fjordby/import/initiatives/", workbook(NB, rows))
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert [(d["row"], d["column"], d["field"]) for d in detail] == [
        (3, "B", "title"), (4, "N", "end_date")]
    assert _count() == before


def test_a_dry_run_answers_200_and_an_import_201_with_the_references(client):
    data = workbook(NB, [nb_row(1), nb_row(2)])
    before = _count()
    dry = _post(client, "/api/v1/o/fjordby/import/initiatives/", data, dry_run="true")
    assert dry.status_code == 200
    assert dry.json()["dry_run"] is True and dry.json()["rows"] == 2
    assert _count() == before
    done = _post(client, "/api/v1/o/fjordby/import/initiatives/", data)
    assert done.status_code == 201
    body = done.json()
    assert len(body["created"]) == 2 and body["sources"]["GAMMEL-00001"] == body["created"][0]
    assert _count() == before + 2


def test_money_through_the_api(client):
    data = workbook(["Reference", "Year", "Kind", "Investment"],
                    [["INI-0002", 2032, "Forecast", "12 000"]])
    before = _count(MoneyYear)
    response = _post(client, "/api/v1/o/fjordby/import/money/", data)
    assert response.status_code == 201 and response.json()["rows"] == 1
    assert _count(MoneyYear) == before + 1


@pytest.mark.parametrize("role", ["contributor", "viewer"])
def test_only_portfolio_managers_may_import_through_the_api(client, role):
    response = _post(client, "/api/v1/o/fjordby/import/initiatives/",
                     workbook(NB, [nb_row(1)]), role=role)
    assert response.status_code == 403


def test_a_broken_file_is_422(client):
    response = _post(client, "/api/v1/o/fjordby/import/initiatives/", b"not a workbook")
    assert response.status_code == 422
    assert "Excel workbook" in response.json()["detail"][0]["msg"]
