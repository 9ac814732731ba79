"""The organisation's phase model: default phases and checklists, and the admin's screens."""

from __future__ import annotations

import re

import pytest

from gevinst.core.scoping import tenant_scope
from gevinst.core.services import do_create_organisation
from gevinst.portfolio import defaults
from gevinst.portfolio.models import ChecklistItem, ChecklistTemplateItem, Phase
from gevinst.portfolio.services.gates import fingerprint
from gevinst.portfolio.services.initiatives import do_install_default_phases
from tests.conftest import person

PHASES = "/o/fjordby/settings/phases/"


def _phase(org, key):
    with tenant_scope(org):
        return Phase.objects.get(organisation=org, key=key)


def _keys(org):
    with tenant_scope(org):
        return list(Phase.objects.filter(organisation=org).order_by("order")
                    .values_list("key", flat=True))


def _template_count(org):
    with tenant_scope(org):
        return ChecklistTemplateItem.objects.filter(organisation=org).count()


def test_new_organisation_gets_the_prosjektveiviseren_phases_with_checklists(db):
    org = do_create_organisation(actor=None, name="Bergvik kommune", slug="bergvik",
                                 country="XX")  # English texts
    assert _keys(org) == ["idea", "concept", "planning", "execution", "closing",
                          "realisation", "closed"]
    with tenant_scope(org):
        for phase in Phase.objects.filter(organisation=org).exclude(key="closed"):
            items = list(ChecklistTemplateItem.objects.filter(phase=phase))
            assert len(items) >= 5, phase.key
            assert any(i.is_mandatory for i in items), phase.key
            assert any(not i.is_mandatory for i in items), phase.key
            assert phase.description
        texts = " ".join(ChecklistTemplateItem.objects.filter(organisation=org)
                         .values_list("text", flat=True)).lower()
    for topic in ("zero alternative", "benefits owner", "baselines", "data protection",
                  "employee representatives", "lessons learned", "handed over to the line"):
        assert topic in texts, topic


def test_installing_the_defaults_again_changes_nothing(org):
    before = (_keys(org), _template_count(org))
    with tenant_scope(org):
        do_install_default_phases(organisation=org, actor=None)
    assert (_keys(org), _template_count(org)) == before


def test_installing_the_defaults_keeps_the_admins_model_and_fills_empty_checklists(org):
    with tenant_scope(org):
        idea = Phase.objects.get(organisation=org, key="idea")
        idea.custom_name = "Behov"
        idea.save()
        ChecklistTemplateItem.objects.filter(phase=idea).delete()
        do_install_default_phases(organisation=org, actor=None)
        idea.refresh_from_db()
        assert idea.custom_name == "Behov"
        assert ChecklistTemplateItem.objects.filter(phase=idea).count() == len(
            defaults.BY_KEY["idea"].checklist)


@pytest.mark.parametrize("role, status", [
    ("admin", 200), ("pmo", 403), ("contributor", 403), ("viewer", 403), ("employee", 403)])
def test_only_the_admin_manages_the_phase_model(client_as, org, role, status):
    client = client_as(role)
    idea = _phase(org, "idea")
    assert client.get(PHASES).status_code == status
    assert client.get(f"{PHASES}{idea.pk}/").status_code == status
    assert client.get(f"{PHASES}new/").status_code == status
    if status == 403:
        assert client.post(f"{PHASES}{idea.pk}/delete/").status_code == 403
        assert _keys(org)[0] == "idea"


def test_phase_list_shows_phases_in_order_with_decision_points(client_as,
                                                              django_assert_max_num_queries):
    client = client_as("admin")
    client.get(PHASES)
    with django_assert_max_num_queries(6):
        page = client.get(PHASES).content.decode()
    names = ["Idea", "Concept", "Planning", "Execution", "Closing", "Realisation", "Closed"]
    positions = [page.index(f"{n}. {name}") for n, name in enumerate(names, start=1)]
    assert positions == sorted(positions)
    for n in range(1, 7):
        assert f"Decision point DP{n}: {names[n - 1]} → {names[n]}" in page
    assert "DP7" not in page


def test_settings_page_links_to_the_phase_model(client_as):
    page = client_as("admin").get("/o/fjordby/settings/").content.decode()
    assert f'href="{PHASES}"' in page


def test_admin_renames_and_describes_a_phase(client_as, org):
    idea = _phase(org, "idea")
    response = client_as("admin").post(f"{PHASES}{idea.pk}/", {
        "custom_name": "Behov", "description": "Behovet beskrives.",
        "is_work_in_progress": "on",
        "fingerprint": fingerprint(idea, ("custom_name", "description", "is_work_in_progress"))})
    assert response.status_code == 302
    idea = _phase(org, "idea")
    assert (str(idea), idea.description, idea.is_work_in_progress) == (
        "Behov", "Behovet beskrives.", True)
    assert idea.history.first().history_user == person("admin")


def test_stale_phase_edit_is_refused_and_keeps_the_typed_name(client_as, org):
    idea = _phase(org, "idea")
    stale = fingerprint(idea, ("custom_name", "description", "is_work_in_progress"))
    with tenant_scope(org):
        idea.custom_name = "Noen andre"
        idea.save()
    response = client_as("admin").post(f"{PHASES}{idea.pk}/", {
        "custom_name": "Min endring", "description": "", "fingerprint": stale})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Somebody else saved this record" in page and "Min endring" in page
    assert str(_phase(org, "idea")) == "Noen andre"
    fresh = re.search(r'name="fingerprint" value="(\w+)"', page).group(1)
    again = client_as("admin").post(f"{PHASES}{idea.pk}/", {
        "custom_name": "Min endring", "description": "", "fingerprint": fresh})
    assert again.status_code == 302
    assert str(_phase(org, "idea")) == "Min endring"


def test_admin_adds_a_custom_phase_after_planning(client_as, org):
    planning = _phase(org, "planning")
    response = client_as("admin").post(f"{PHASES}new/", {
        "custom_name": "Pilot", "after": planning.pk, "description": "Prøves i én enhet."})
    assert response.status_code == 302
    assert _keys(org) == ["idea", "concept", "planning", "pilot", "execution", "closing",
                          "realisation", "closed"]
    with tenant_scope(org):
        orders = list(Phase.objects.filter(organisation=org).values_list("order", flat=True))
    assert len(set(orders)) == len(orders)


def test_a_second_phase_with_the_same_name_gets_its_own_key(client_as, org):
    client = client_as("admin")
    client.post(f"{PHASES}new/", {"custom_name": "Pilot"})
    client.post(f"{PHASES}new/", {"custom_name": "Pilot"})
    assert _keys(org)[:2] == ["pilot-2", "pilot"]


def test_admin_moves_a_phase_down_and_back_up(client_as, org):
    client = client_as("admin")
    idea = _phase(org, "idea")
    client.post(f"{PHASES}{idea.pk}/move/", {"direction": "down"})
    assert _keys(org)[:2] == ["concept", "idea"]
    client.post(f"{PHASES}{idea.pk}/move/", {"direction": "up"})
    assert _keys(org)[:2] == ["idea", "concept"]


def test_the_first_phase_cannot_move_up(client_as, org):
    idea = _phase(org, "idea")
    response = client_as("admin").post(f"{PHASES}{idea.pk}/move/", {"direction": "up"},
                                       follow=True)
    assert "already at that end" in response.content.decode()
    assert _keys(org)[0] == "idea"


def test_an_unused_phase_is_removed_with_its_checklist(client_as, org):
    idea = _phase(org, "idea")
    client_as("admin").post(f"{PHASES}{idea.pk}/delete/")
    assert "idea" not in _keys(org)
    with tenant_scope(org):
        assert not ChecklistTemplateItem.objects.filter(phase_id=idea.pk).exists()


def test_a_phase_in_use_cannot_be_removed(client_as, org):
    execution = _phase(org, "execution")
    response = client_as("admin").post(f"{PHASES}{execution.pk}/delete/", follow=True)
    assert "is in use" in response.content.decode()
    assert "execution" in _keys(org)


def test_admin_adds_edits_and_deletes_a_checklist_item(client_as, org):
    client = client_as("admin")
    idea = _phase(org, "idea")
    response = client.post(f"{PHASES}{idea.pk}/items/new/", {
        "text": "Innbyggerdialog er gjennomført", "guidance": "Minst fem samtaler.",
        "is_mandatory": "on"})
    assert response.status_code == 302
    with tenant_scope(org):
        item = ChecklistTemplateItem.objects.get(text="Innbyggerdialog er gjennomført")
    assert item.is_mandatory and item.order == len(defaults.BY_KEY["idea"].checklist) + 1
    assert "Innbyggerdialog" in client.get(f"{PHASES}{idea.pk}/").content.decode()
    edit = f"/o/fjordby/settings/checklist-items/{item.pk}/"
    response = client.post(edit, {
        "text": "Brukerdialog er gjennomført", "guidance": "", "order": 1,
        "fingerprint": fingerprint(item, ("text", "guidance", "is_mandatory", "order"))})
    assert response.status_code == 302
    with tenant_scope(org):
        item.refresh_from_db()
    assert (item.text, item.is_mandatory, item.order) == ("Brukerdialog er gjennomført",
                                                          False, 1)
    client.post(f"{edit}delete/")
    with tenant_scope(org):
        assert not ChecklistTemplateItem.objects.filter(pk=item.pk).exists()


def test_checklist_item_without_text_is_refused(client_as, org):
    idea = _phase(org, "idea")
    before = _template_count(org)
    response = client_as("admin").post(f"{PHASES}{idea.pk}/items/new/", {"text": ""})
    assert response.status_code == 200
    assert 'id="id_text_error"' in response.content.decode()
    assert _template_count(org) == before


def test_deleting_a_template_item_leaves_the_initiatives_copies(client_as, org):
    execution = _phase(org, "execution")
    with tenant_scope(org):
        template = ChecklistTemplateItem.objects.filter(phase=execution).first()
        copies = ChecklistItem.objects.filter(template_item=template).count()
    assert copies == 2  # Fjordby's two initiatives in execution
    client_as("admin").post(f"/o/fjordby/settings/checklist-items/{template.pk}/delete/")
    with tenant_scope(org):
        assert ChecklistItem.objects.filter(phase=execution, text=template.text).count() == 2
        assert not ChecklistTemplateItem.objects.filter(pk=template.pk).exists()


def test_admin_adds_the_standard_checklist_to_a_phase_without_one(client_as, org):
    idea = _phase(org, "idea")
    with tenant_scope(org):
        ChecklistTemplateItem.objects.filter(phase=idea).delete()
    client = client_as("admin")
    assert "These standard phases have no checklist: Idea." in client.get(PHASES).content.decode()
    client.post(f"{PHASES}defaults/")
    with tenant_scope(org):
        assert ChecklistTemplateItem.objects.filter(phase=idea).count() == len(
            defaults.BY_KEY["idea"].checklist)
    assert "These standard phases" not in client.get(PHASES).content.decode()
    assert client_as("pmo").post(f"{PHASES}defaults/").status_code == 403
