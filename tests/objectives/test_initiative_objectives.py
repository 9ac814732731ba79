"""Initiatives link to the objectives they contribute to: on the initiative's form (only the
organisation's objectives are offered), shown on its page."""

from __future__ import annotations

import re

from gevinst.core.scoping import tenant_scope
from gevinst.objectives.models import Objective
from gevinst.portfolio.models import Initiative

EDIT = "/o/fjordby/initiatives/INI-0002/edit/"


def _form_data(html: str) -> dict:
    """The edit form's current values: text and hidden inputs, ticked boxes, selected
    options and text areas."""
    data: dict = {}
    for tag in re.findall(r"<input\b[^>]*>", html):
        name = re.search(r'name="(\w+)"', tag)
        if name is None or 'type="submit"' in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        if 'type="checkbox"' in tag:
            if " checked" in tag:
                data.setdefault(name[1], []).append(value[1] if value else "on")
        else:
            data[name[1]] = value[1] if value else ""
    for name, body in re.findall(r'<select[^>]*name="(\w+)"[^>]*>(.*?)</select>', html, re.S):
        selected = re.search(r'<option value="([^"]*)" selected', body)
        data[name] = selected[1] if selected else ""
    for name, body in re.findall(r'<textarea[^>]*name="(\w+)"[^>]*>(.*?)</textarea>', html,
                                 re.S):
        data[name] = body.strip()
    return data


def test_the_form_offers_only_the_organisations_objectives(client_as, other_org):
    html = client_as("contributor").get(EDIT).content.decode()
    assert 'name="objectives"' in html and "OBJ-0001 Mer tid til kjerneoppgaver" in html
    with tenant_scope(other_org):
        foreign = Objective.objects.get(organisation=other_org, number=2)
    assert foreign.title not in html


def test_linking_an_initiative_to_objectives_on_its_form(client_as, org):
    client = client_as("contributor")
    html = client.get(EDIT).content.decode()
    data = _form_data(html)
    with tenant_scope(org):
        objective = Objective.objects.get(organisation=org, number=1)
    assert "objectives" not in data  # INI-0002 contributes to nothing yet
    data["objectives"] = [str(objective.pk)]
    response = client.post(EDIT, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    with tenant_scope(org):
        initiative = Initiative.objects.get(organisation=org, number=2)
        assert list(initiative.objectives.all()) == [objective]
    page = client.get("/o/fjordby/initiatives/INI-0002/").content.decode()
    assert '<a class="ds-link" href="/o/fjordby/objectives/OBJ-0001/">' in page
    # Unticking every box unlinks.
    data.pop("objectives")
    data["version"] = str(int(data["version"]) + 1)
    assert client.post(EDIT, data).status_code == 302
    with tenant_scope(org):
        assert not initiative.objectives.exists()


def test_a_foreign_objective_cannot_be_posted(client_as, org, other_org):
    client = client_as("contributor")
    data = _form_data(client.get(EDIT).content.decode())
    with tenant_scope(other_org):
        foreign = Objective.objects.get(organisation=other_org, number=1)
    data["objectives"] = [str(foreign.pk)]
    response = client.post(EDIT, data)
    assert response.status_code == 200
    assert "Please correct the following" in response.content.decode()
    with tenant_scope(org):
        assert not Initiative.objects.get(organisation=org, number=2).objectives.exists()


def test_the_initiative_page_lists_its_objectives(client_as):
    html = client_as("viewer").get("/o/fjordby/initiatives/INI-0001/").content.decode()
    facts = re.search(r'<dl class="gv-facts">.*?</dl>', html, re.S)[0]
    assert "OBJ-0001" in facts and "Mer tid til kjerneoppgaver" in facts
