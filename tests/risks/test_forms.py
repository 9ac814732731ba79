"""Creating and editing a risk in the browser: the level follows from ?initiative= or
?programme=, refusals land on their fields with the input kept, and a concurrent edit is
told, not overwritten."""

from __future__ import annotations

from gevinst.core.scoping import tenant_scope
from gevinst.portfolio.models import Initiative, Programme
from gevinst.risks.models import Risk

NEW = "/o/fjordby/risks/new/"


def _data(**extra) -> dict:
    data = {"kind": "risk", "title": "Personvernkonsekvens ikke vurdert",
            "description": "", "cause": "DPIA mangler", "effect": "Stans i drift",
            "category": "security", "proximity": "near", "initiative": "", "programme": "",
            "owner": "", "probability": "3", "impact": "4", "residual_probability": "",
            "residual_impact": "", "strategy": "reduce", "next_review": ""}
    data.update(extra)
    return data


def _get(org, reference) -> Risk:
    with tenant_scope(org):
        return Risk.objects.get(organisation=org, reference=reference)


def test_create_from_an_initiative_is_at_initiative_level(client_as, org):
    client = client_as("contributor")
    page = client.get(f"{NEW}?initiative=INI-0001").content.decode()
    assert "New risk or opportunity of INI-0001" in page
    with tenant_scope(org):
        initiative = Initiative.objects.get(organisation=org, number=1)
    assert f'<option value="{initiative.pk}" selected>' in page
    response = client.post(f"{NEW}?initiative=INI-0001", _data(initiative=initiative.pk))
    assert response.status_code == 302
    risk = _get(org, response["Location"].rstrip("/").rsplit("/", 1)[1])
    assert risk.level == "initiative" and risk.programme_id == initiative.programme_id
    assert (risk.score, risk.residual_score) == (12, 12)


def test_create_from_a_programme_is_at_programme_level(client_as, org):
    with tenant_scope(org):
        programme = Programme.objects.get(organisation=org, number=1)
    client = client_as("contributor")
    page = client.get(f"{NEW}?programme=PRG-0001").content.decode()
    assert f'<option value="{programme.pk}" selected>' in page
    response = client.post(NEW, _data(programme=programme.pk))
    risk = _get(org, response["Location"].rstrip("/").rsplit("/", 1)[1])
    assert risk.level == "programme"


def test_create_without_links_is_at_organisation_level(client_as, org):
    response = client_as("pmo").post(NEW, _data())
    risk = _get(org, response["Location"].rstrip("/").rsplit("/", 1)[1])
    assert risk.level == "organisation"


def test_field_errors_keep_the_input(client_as, org):
    response = client_as("contributor").post(NEW, _data(title="", residual_probability="2"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Please correct the following" in page
    assert 'href="#id_title"' in page
    assert 'href="#id_residual_impact"' in page
    assert "Assess both probability and impact after action, or neither." in page
    assert "DPIA mangler" in page  # what was typed is still there
    assert 'aria-invalid="true"' in page


def test_strategy_accept_above_appetite_is_refused_on_the_field(client_as, org):
    response = client_as("contributor").post(NEW, _data(probability="5", impact="5",
                                                        strategy="accept"))
    page = response.content.decode()
    assert 'href="#id_strategy"' in page and "needs a named decision" in page


def test_strategy_must_fit_an_opportunity(client_as, org):
    response = client_as("contributor").post(NEW, _data(kind="opportunity",
                                                        strategy="reduce"))
    assert 'href="#id_strategy"' in response.content.decode()


def test_edit_saves_and_conflicting_edit_is_told(client_as, org):
    client = client_as("contributor")
    url = "/o/fjordby/risks/RSK-0001/edit/"
    page = client.get(url).content.decode()
    assert 'value="Innlåsing hos leverandør"' in page
    with tenant_scope(org):
        initiative = Initiative.objects.get(organisation=org, number=1)
    first = _data(title="Innlåsing (revidert)", initiative=initiative.pk, version="1",
                  category="supplier", residual_probability="2", residual_impact="2")
    assert client.post(url, first).status_code == 302
    assert _get(org, "RSK-0001").residual_score == 4
    stale = dict(first, title="Min versjon")
    response = client.post(url, stale)
    page = response.content.decode()
    assert "Somebody else saved this record" in page
    assert "Saved meanwhile by someone else" in page
    assert 'value="Min versjon"' in page
    assert _get(org, "RSK-0001").title == "Innlåsing (revidert)"


def test_owner_choices_are_members_only(client_as, org, people):
    page = client_as("contributor").get(NEW).content.decode()
    assert "contributor@fjordby.test" in page
    assert "outsider@elsewhere.test" not in page and "@asdal.test" not in page
    response = client_as("contributor").post(NEW, _data(owner=people["outsider"].pk))
    assert 'href="#id_owner"' in response.content.decode()
