"""Phases and gates of an initiative: the checklist, gate decisions and the timeline."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from gevinst.core.scoping import tenant_scope
from gevinst.core.versioning import EditConflict
from gevinst.portfolio.models import ChecklistItem, GateDecision, Initiative, Phase
from gevinst.portfolio.services.gates import do_record_gate_decision, do_update_checklist_item
from gevinst.portfolio.services.initiatives import do_create_initiative, do_update_initiative
from tests.conftest import person

GATES = "/o/fjordby/initiatives/{ref}/gates/"
TODAY = timezone.localdate()


def _initiative(org, key="idea", title="Digital parkeringstillatelse"):
    with tenant_scope(org):
        return do_create_initiative(actor=person("pmo"), organisation=org, title=title,
                                    phase=Phase.objects.get(organisation=org, key=key))


def _items(org, initiative, **filters):
    with tenant_scope(org):
        return list(ChecklistItem.objects.filter(initiative=initiative, **filters)
                    .order_by("order", "pk"))


def _fresh(org, initiative):
    with tenant_scope(org):
        return Initiative.objects.select_related("phase").get(pk=initiative.pk)


def _complete_mandatory(org, initiative):
    initiative = _fresh(org, initiative)
    with tenant_scope(org):
        for item in ChecklistItem.objects.filter(initiative=initiative,
                                                 phase=initiative.phase, is_mandatory=True):
            do_update_checklist_item(actor=person("contributor"), item=item, status="done",
                                     comment="", expected_version=item.version)


def _decide(org, initiative, decision="approve", **extra):
    fields = {"decided_on": TODAY, "decided_by": "Rådmannens ledergruppe",
              "rationale": "Godt begrunnet.", "conditions": "", "benefits_reviewed": True,
              **extra}
    with tenant_scope(org):
        return do_record_gate_decision(actor=person("pmo"), initiative=_fresh(org, initiative),
                                       decision=decision, expected_version=None, **fields)


def _post_decision(client, initiative, **overrides):
    data = {"gate-decision": "approve", "gate-decided_on": TODAY.isoformat(),
            "gate-decided_by": "Styringsgruppen", "gate-rationale": "Klar for neste fase.",
            "gate-conditions": "", "gate-benefits_reviewed": "on",
            "gate-version": initiative.version}
    data.update({f"gate-{k}": v for k, v in overrides.items()})
    return client.post(GATES.format(ref=initiative.reference) + "decide/", data)


def test_initiative_created_in_a_phase_gets_that_phases_checklist(org):
    initiative = _initiative(org, "planning")
    items = _items(org, initiative)
    assert items and {i.phase.key for i in items} == {"planning"}
    assert any(i.is_mandatory for i in items)
    assert all(i.status == "open" for i in items)


@pytest.mark.parametrize("role, status", [
    ("viewer", 200), ("contributor", 200), ("pmo", 200), ("admin", 200), ("employee", 403)])
def test_who_sees_the_gates_tab(client_as, role, status):
    assert client_as(role).get(GATES.format(ref="INI-0001")).status_code == status


def test_gates_tab_shows_checklist_decision_point_and_timeline(client_as, org):
    page = client_as("viewer").get(GATES.format(ref="INI-0001")).content.decode()
    with tenant_scope(org):
        first = ChecklistItem.objects.filter(initiative__reference="INI-0001").first()
    assert first.text in page
    assert "DP4" in page  # execution → closing
    assert "Rådmannens ledergruppe" in page  # the earlier decision, in the timeline
    assert 'name="gate-decision"' not in page  # a viewer cannot decide
    assert "item-" not in re.sub(r'id="checklist-item-\d+', "", page)  # nor edit items


def test_gates_tab_costs_a_bounded_number_of_queries(client_as, org,
                                                     django_assert_max_num_queries):
    initiative = _initiative(org, "idea")
    for _step in range(3):
        _complete_mandatory(org, initiative)
        _decide(org, initiative)
    client = client_as("pmo")
    client.get(GATES.format(ref=initiative.reference))
    with django_assert_max_num_queries(8):
        assert client.get(GATES.format(ref=initiative.reference)).status_code == 200


def test_contributor_marks_a_checklist_item_done_with_a_comment(client_as, org):
    item = _items(org, _fresh_ini(org))[0]
    response = client_as("contributor").post(
        GATES.format(ref="INI-0001") + f"items/{item.pk}/",
        {f"item-{item.pk}-status": "done", f"item-{item.pk}-comment": "Signert 3. mars.",
         f"item-{item.pk}-version": item.version})
    assert response.status_code == 302
    with tenant_scope(org):
        saved = ChecklistItem.objects.get(pk=item.pk)
    assert (saved.status, saved.comment, saved.version) == ("done", "Signert 3. mars.",
                                                            item.version + 1)
    assert saved.history.first().history_user == person("contributor")


def _fresh_ini(org):
    with tenant_scope(org):
        return Initiative.objects.get(reference="INI-0001")


def test_checklist_item_saved_with_htmx_returns_the_item_only(client_as, org):
    item = _items(org, _fresh_ini(org))[0]
    response = client_as("contributor").post(
        GATES.format(ref="INI-0001") + f"items/{item.pk}/",
        {f"item-{item.pk}-status": "not_relevant", f"item-{item.pk}-comment": "Ikke innkjøp.",
         f"item-{item.pk}-version": item.version}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith("<li") and "<html" not in html
    assert "Not relevant" in html


def test_stale_checklist_edit_is_refused_and_keeps_the_typed_comment(client_as, org):
    item = _items(org, _fresh_ini(org))[0]
    loaded = item.version
    with tenant_scope(org):
        do_update_checklist_item(actor=person("pmo"), item=item, status="done",
                                 comment="Først", expected_version=item.version)
    response = client_as("contributor").post(
        GATES.format(ref="INI-0001") + f"items/{item.pk}/",
        {f"item-{item.pk}-status": "open", f"item-{item.pk}-comment": "Min kommentar",
         f"item-{item.pk}-version": loaded})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Somebody else saved this record" in page and "Min kommentar" in page
    with tenant_scope(org):
        assert ChecklistItem.objects.get(pk=item.pk).comment == "Først"


def test_mandatory_item_not_relevant_needs_a_reason(org):
    item = next(i for i in _items(org, _fresh_ini(org)) if i.is_mandatory)
    with tenant_scope(org), pytest.raises(ValidationError) as exc:
        do_update_checklist_item(actor=person("contributor"), item=item,
                                 status="not_relevant", comment=" ",
                                 expected_version=item.version)
    assert "comment" in exc.value.message_dict


def test_viewer_cannot_work_the_checklist(client_as, org):
    item = _items(org, _fresh_ini(org))[0]
    response = client_as("viewer").post(GATES.format(ref="INI-0001") + f"items/{item.pk}/",
                                        {f"item-{item.pk}-status": "done"})
    assert response.status_code == 403


@pytest.mark.parametrize("role", ["viewer", "contributor"])
def test_only_portfolio_managers_and_admins_record_decisions(client_as, org, role):
    initiative = _initiative(org, "idea")
    _complete_mandatory(org, initiative)
    assert _post_decision(client_as(role), _fresh(org, initiative)).status_code == 403
    assert _fresh(org, initiative).phase.key == "idea"


@pytest.mark.parametrize("role", ["pmo", "admin"])
def test_approval_moves_to_the_next_phase_and_copies_its_checklist(client_as, org, role):
    initiative = _initiative(org, "idea")
    _complete_mandatory(org, initiative)
    response = _post_decision(client_as(role), _fresh(org, initiative))
    assert response.status_code == 302
    moved = _fresh(org, initiative)
    assert moved.phase.key == "concept" and moved.status == "active"
    assert {i.phase.key for i in _items(org, moved)} == {"idea", "concept"}
    with tenant_scope(org):
        record = GateDecision.objects.get(initiative=moved)
    assert (record.from_phase.key, record.to_phase.key, record.recorded_by) == (
        "idea", "concept", person(role))
    assert moved.history.first().history_user == person(role)


def test_open_mandatory_items_block_approval_and_the_refusal_names_them(client_as, org):
    initiative = _initiative(org, "idea")
    open_items = [i for i in _items(org, initiative) if i.is_mandatory]
    response = _post_decision(client_as("pmo"), _fresh(org, initiative))
    page = response.content.decode()
    assert response.status_code == 200
    for item in open_items:
        assert f"Mandatory checklist item still open: {item.text}" in page
    assert _fresh(org, initiative).phase.key == "idea"
    with tenant_scope(org):
        assert not GateDecision.objects.filter(initiative=initiative).exists()


def test_not_relevant_mandatory_item_with_a_reason_does_not_block(org):
    initiative = _initiative(org, "idea")
    with tenant_scope(org):
        for item in _items(org, initiative):
            if item.is_mandatory:
                do_update_checklist_item(actor=person("contributor"), item=item,
                                         status="not_relevant", comment="Gjelder ikke",
                                         expected_version=item.version)
    _decide(org, initiative)
    assert _fresh(org, initiative).phase.key == "concept"


def test_approval_with_conditions_requires_the_conditions(client_as, org):
    initiative = _initiative(org, "idea")
    _complete_mandatory(org, initiative)
    client = client_as("pmo")
    refused = _post_decision(client, _fresh(org, initiative),
                             decision="approve_with_conditions")
    assert 'id="id_gate-conditions_error"' in refused.content.decode()
    assert _fresh(org, initiative).phase.key == "idea"
    _post_decision(client, _fresh(org, initiative), decision="approve_with_conditions",
                   conditions="ROS-analyse før oppstart.")
    assert _fresh(org, initiative).phase.key == "concept"


def test_stop_is_a_decision_that_stops_in_place_despite_open_items(org):
    initiative = _initiative(org, "concept")
    record = _decide(org, initiative, "stop", rationale="Ikke lenger prioritert.")
    stopped = _fresh(org, initiative)
    assert (stopped.status, stopped.phase.key) == ("stopped", "concept")
    assert record.to_phase is None
    with pytest.raises(ValidationError, match="stopped"):
        _decide(org, initiative, "defer")


def test_defer_records_the_decision_and_stays(org):
    initiative = _initiative(org, "idea")
    _decide(org, initiative, "defer", rationale="Trenger bedre tallgrunnlag.")
    stayed = _fresh(org, initiative)
    assert (stayed.phase.key, stayed.status) == ("idea", "active")
    with tenant_scope(org):
        assert GateDecision.objects.get(initiative=initiative).decision == "defer"


def test_passing_every_gate_ends_closed_and_completed(org):
    initiative = _initiative(org, "idea")
    keys = []
    for _step in range(6):
        _complete_mandatory(org, initiative)
        _decide(org, initiative)
        keys.append(_fresh(org, initiative).phase.key)
    assert keys == ["concept", "planning", "execution", "closing", "realisation", "closed"]
    assert _fresh(org, initiative).status == "completed"
    with pytest.raises(ValidationError, match="last phase"):
        _decide(org, initiative, "defer")


@pytest.mark.parametrize("field, value", [
    ("decided_on", TODAY + dt.timedelta(days=1)), ("rationale", " "), ("decided_by", ""),
])
def test_incomplete_or_future_decisions_are_refused(org, field, value):
    initiative = _initiative(org, "idea")
    with pytest.raises(ValidationError) as exc:
        _decide(org, initiative, "defer", **{field: value})
    assert field in exc.value.message_dict


def test_a_decision_cannot_be_dated_before_the_previous_one(org):
    initiative = _initiative(org, "idea")
    _decide(org, initiative, "defer", decided_on=TODAY - dt.timedelta(days=3))
    with pytest.raises(ValidationError) as exc:
        _decide(org, initiative, "defer", decided_on=TODAY - dt.timedelta(days=10))
    assert "decided_on" in exc.value.message_dict


def test_a_stale_decision_form_is_refused(client_as, org):
    initiative = _initiative(org, "idea")
    stale = _fresh(org, initiative)
    _complete_mandatory(org, initiative)
    _decide(org, initiative, "defer")
    response = _post_decision(client_as("pmo"), stale)
    assert "Somebody else saved this record" in response.content.decode()
    assert _fresh(org, initiative).phase.key == "idea"


def test_items_of_a_phase_left_behind_are_closed(org):
    initiative = _initiative(org, "idea")
    _complete_mandatory(org, initiative)
    _decide(org, initiative)
    old = next(i for i in _items(org, initiative) if i.phase.key == "idea")
    with tenant_scope(org), pytest.raises(ValidationError, match="left"):
        do_update_checklist_item(actor=person("contributor"), item=old, status="open",
                                 comment="", expected_version=old.version)


def test_concurrent_checklist_edit_in_service_raises_conflict(org):
    item = _items(org, _fresh_ini(org))[0]
    with tenant_scope(org), pytest.raises(EditConflict):
        do_update_checklist_item(actor=person("contributor"), item=item, status="done",
                                 comment="", expected_version=item.version + 5)


def test_timeline_lists_decisions_in_order_as_an_ordered_list(client_as, org):
    initiative = _initiative(org, "idea")
    _decide(org, initiative, "defer", decided_on=TODAY - dt.timedelta(days=30),
            rationale="Første runde: utsatt.")
    _complete_mandatory(org, initiative)
    _decide(org, initiative, "approve", rationale="Andre runde: godkjent.")
    page = client_as("viewer").get(GATES.format(ref=initiative.reference)).content.decode()
    timeline = page[page.index('id="timeline-heading"'):]
    assert "<ol" in timeline[:400]
    assert timeline.index("Første runde") < timeline.index("Andre runde")
    assert "DP1" in timeline


def test_edit_form_no_longer_changes_the_phase(client_as, org):
    page = client_as("contributor").get("/o/fjordby/initiatives/INI-0001/edit/")
    assert 'name="phase"' not in page.content.decode()
    initiative = _fresh_ini(org)
    idea = _phase(org, "idea")
    with tenant_scope(org), pytest.raises(ValidationError) as exc:
        do_update_initiative(actor=person("pmo"), initiative=initiative, data={"phase": idea},
                             expected_version=initiative.version)
    assert "phase" in exc.value.message_dict
    assert _fresh_ini(org).phase.key == "execution"


def _phase(org, key):
    with tenant_scope(org):
        return Phase.objects.get(organisation=org, key=key)


def test_new_initiative_form_still_chooses_the_phase(client_as):
    page = client_as("contributor").get("/o/fjordby/initiatives/new/").content.decode()
    assert 'name="phase"' in page


def test_decisions_of_another_organisation_are_not_reachable(client_as, other_org):
    with tenant_scope(other_org):
        ref = Initiative.objects.filter(organisation=other_org).first().reference
    client = client_as("pmo")
    assert client.get(GATES.format(ref=ref)).status_code == 404
    assert client.post(GATES.format(ref=ref) + "decide/", {}).status_code == 404


def test_bulk_copy_gives_each_new_initiative_its_phases_checklist(org):
    from simple_history.utils import bulk_create_with_history

    from gevinst.portfolio.services.gates import copy_checklists_bulk

    with tenant_scope(org):
        idea, planning = (Phase.objects.get(organisation=org, key=k) for k in ("idea",
                                                                               "planning"))
        new = [Initiative(organisation=org, number=900 + n, reference=f"INI-{900 + n}",
                          title=f"Importert {n}", phase=phase)
               for n, phase in enumerate([idea, planning])]
        new = bulk_create_with_history(new, Initiative)
        created = copy_checklists_bulk(actor=person("pmo"), initiatives=new)
        per_phase = {i.phase.key: {c.text for c in ChecklistItem.objects.filter(initiative=i)}
                     for i in Initiative.objects.filter(reference__in=["INI-900", "INI-901"])}
        templates = {k: set(Phase.objects.get(organisation=org, key=k).template_items
                            .values_list("text", flat=True)) for k in ("idea", "planning")}
    assert per_phase == templates
    assert created == len(templates["idea"]) + len(templates["planning"])
    with tenant_scope(org):
        items = ChecklistItem.objects.filter(initiative__reference__in=["INI-900", "INI-901"])
        assert {(i.status, i.comment, i.version) for i in items} == {("open", "", 1)}
        assert all(i.is_mandatory == i.template_item.is_mandatory for i in items)
        # Each copied item has its creation in the history, by the importing person.
        records = ChecklistItem.history.filter(initiative__reference__in=["INI-900",
                                                                          "INI-901"])
        assert sorted(r.id for r in records) == sorted(i.pk for i in items)
        assert {(r.history_type, r.history_user_id) for r in records} == {
            ("+", person("pmo").pk)}
