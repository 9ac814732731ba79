"""Every change to a domain record is kept: who, when, what (old and new values)."""

from __future__ import annotations

import datetime as dt

from gevinst.core.history import history_entries
from gevinst.core.models import Unit
from gevinst.core.services import do_create_unit, do_delete_unit, do_update_unit
from gevinst.portfolio.models import Initiative
from gevinst.portfolio.services.initiatives import do_update_initiative
from tests.conftest import person


def test_unit_history_records_creation_change_and_parent_by_name(scoped):
    admin = person("admin")
    parent = Unit.objects.get(organisation=scoped, name="Helse og velferd")
    unit = do_create_unit(actor=admin, organisation=scoped, name="Hjemmetjenesten")
    do_update_unit(actor=admin, unit=unit, data={"parent": parent, "name": "Hjemmesykepleie"},
                   expected_version=unit.version)
    newest, first = history_entries(unit)
    assert first.kind == "created" and first.who == str(admin)
    assert newest.kind == "changed" and newest.who == str(admin)
    changes = {c.label: (c.old, c.new) for c in newest.changes}
    assert changes["Name"] == ("Hjemmetjenesten", "Hjemmesykepleie")
    assert changes["Part of"] == ("—", "Helse og velferd")


def test_deleting_a_record_is_kept_in_its_history(scoped):
    admin = person("admin")
    unit = do_create_unit(actor=admin, organisation=scoped, name="Midlertidig")
    pk = unit.pk
    do_delete_unit(actor=admin, unit=unit)
    records = list(Unit.history.filter(id=pk).order_by("-history_id"))
    assert [rec.history_type for rec in records] == ["-", "+"]
    assert records[0].history_user == admin


def test_initiative_history_formats_dates_and_choices(scoped):
    initiative = Initiative.objects.get(organisation=scoped, reference="INI-0001")
    do_update_initiative(actor=person("pmo"), initiative=initiative,
                         data={"status": "on_hold", "end_date": dt.date(2027, 6, 30)},
                         expected_version=initiative.version)
    changes = {c.label: (c.old, c.new) for c in history_entries(initiative)[0].changes}
    assert changes["Status"] == ("Active", "On hold")
    assert changes["End date"][1] == "June 30, 2027"
    assert "Version" not in changes and "Updated" not in changes


def test_a_value_of_many_lines_is_folded_in_the_history():
    from django.template.loader import render_to_string

    from gevinst.core.history import Change, HistoryEntry

    addresses = "\n".join(f"person{n}@fjordby.test, Skole" for n in range(8))
    entry = HistoryEntry(when=dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC), who="Ada",
                         kind="changed", changes=[
                             Change(label="More people to invite", old="a@fjordby.test",
                                    new=addresses)])
    html = render_to_string("core/_history.html", {"history": [entry]})
    assert html.count("<details") == 1 and "<summary>8 lines</summary>" in html
    assert "person7@fjordby.test, Skole" in html  # folded, not cut
    assert "<td>a@fjordby.test</td>" in html  # a short value is shown as it is
