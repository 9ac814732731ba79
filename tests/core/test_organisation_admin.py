"""Organisation settings for administrators: access, units, members and the settings form."""

from __future__ import annotations

import re

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from gevinst.core.models import Membership, Organisation, Role, Unit
from gevinst.core.scoping import tenant_scope, unscoped
from gevinst.core.services import do_create_unit, do_update_organisation, do_update_unit
from gevinst.portfolio.models import Initiative
from tests.conftest import person

SETTINGS = "/o/fjordby/settings/"
UNITS = "/o/fjordby/settings/units/"
MEMBERS = "/o/fjordby/settings/members/"
CONFLICT = "Somebody else saved this record while you were editing it."


# --- helpers ------------------------------------------------------------------------------


def unit(name: str, slug: str = "fjordby") -> Unit:
    with unscoped():
        return Unit.objects.get(organisation__slug=slug, name=name)


def unit_exists(name: str, slug: str = "fjordby") -> bool:
    with unscoped():
        return Unit.objects.filter(organisation__slug=slug, name=name).exists()


def top() -> Unit:
    return unit("Fjordby kommune sentral")


def health() -> Unit:
    return unit("Helse og velferd")


def membership_of(role: str, slug: str = "fjordby") -> Membership:
    with unscoped():
        return Membership.objects.select_related("unit").get(
            organisation__slug=slug, user__email=f"{role}@{slug}.test")


def fresh_org() -> Organisation:
    return Organisation.objects.get(slug="fjordby")


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def field_errors(response, field: str) -> list[str]:
    return [str(e) for e in response.context["form"].errors.get(field, [])]


def org_form_data(org: Organisation, **changes) -> dict:
    data = {
        "name": org.name, "kind": org.kind, "country": org.country, "currency": org.currency,
        "size": org.size or "", "colour": org.colour,
        "loaded_hourly_cost": org.loaded_hourly_cost,
        "productive_hours_per_fte": org.productive_hours_per_fte,
        "discount_rate": org.discount_rate, "wip_limit": org.wip_limit or "",
        "status_report_cadence": org.status_report_cadence,
        "status_report_due_day": org.status_report_due_day, "version": org.version,
    }
    data.update(changes)
    return data


def hidden_version(response) -> int:
    """The version the re-rendered form would send back (its hidden ``version`` input)."""
    match = re.search(r'<input type="hidden" name="version" value="(\d+)"',
                      response.content.decode())
    assert match, "the form has no hidden version"
    return int(match.group(1))


def member_form_data(m: Membership, **changes) -> dict:
    data = {"role": m.role, "unit": m.unit_id or "", "title": m.title, "version": m.version}
    data.update(changes)
    return data


# --- who gets in ----------------------------------------------------------------------------


ADMIN_PAGES = [SETTINGS, UNITS, MEMBERS, UNITS + "new/"]


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_admin_reaches_the_settings_pages(client_as, org, path):
    response = client_as("admin").get(path)
    assert response.status_code == 200


@pytest.mark.parametrize("path", ADMIN_PAGES)
@pytest.mark.parametrize("role", ["pmo", "contributor", "viewer", "employee"])
def test_non_admins_get_403_on_the_settings_pages(client_as, org, path, role):
    response = client_as(role).get(path)
    assert response.status_code == 403
    assert "Not allowed" in response.content.decode()


@pytest.mark.parametrize("path", ADMIN_PAGES)
@pytest.mark.parametrize("who", [("admin", "asdal"), ("outsider", "fjordby")])
def test_other_organisations_admin_and_outsiders_get_404(client, org, path, who):
    client.force_login(person(*who))
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_anonymous_visitor_is_sent_to_log_in(client, org, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_settings_link_is_in_the_menu_for_admins_only(client_as, org):
    assert f'href="{SETTINGS}"' in client_as("admin").get("/o/fjordby/").content.decode()
    assert f'href="{SETTINGS}"' not in client_as("pmo").get("/o/fjordby/").content.decode()


@pytest.mark.parametrize("role", ["pmo", "viewer"])
def test_non_admins_cannot_change_anything_by_post(client_as, org, role):
    client = client_as(role)
    target = membership_of("contributor")
    posts = [
        (UNITS + "new/", {"name": "Snikenhet", "code": "", "parent": ""}),
        (f"{UNITS}{health().pk}/", {"name": "Omdøpt", "code": "", "parent": "",
                                    "version": health().version}),
        (f"{UNITS}{top().pk}/delete/", {}),
        (MEMBERS, {"email": "sniker@fjordby.test", "role": "admin", "unit": ""}),
        (f"{MEMBERS}{target.pk}/", member_form_data(target, role="admin")),
        (f"{MEMBERS}{target.pk}/remove/", {}),
        (SETTINGS, org_form_data(org, name="Kuppet")),
    ]
    for path, data in posts:
        assert client.post(path, data).status_code == 403, path
    assert not unit_exists("Snikenhet")
    assert health().name == "Helse og velferd"
    assert unit_exists("Fjordby kommune sentral")
    assert membership_of("contributor").role == Role.CONTRIBUTOR
    assert fresh_org().name == "Fjordby kommune"


# --- units ----------------------------------------------------------------------------------


def test_admin_creates_a_unit_under_a_parent(client_as, org):
    client = client_as("admin")
    response = client.post(UNITS + "new/", {"name": "Oppvekst", "code": "OPP",
                                            "parent": top().pk})
    assert response.status_code == 302
    assert response["Location"] == UNITS
    created = unit("Oppvekst")
    assert created.code == "OPP"
    assert created.parent == top()
    assert created.organisation_id == org.pk
    listing = client.get(UNITS)
    assert "Oppvekst" in listing.content.decode()
    tree = [(node.unit.name, node.depth) for node in listing.context["tree"]]
    assert ("Oppvekst", 1) in tree


def test_admin_creates_a_top_level_unit(client_as, org):
    response = client_as("admin").post(UNITS + "new/", {"name": "Rådmannens stab",
                                                        "code": "", "parent": ""})
    assert response.status_code == 302
    assert unit("Rådmannens stab").parent is None


def test_unit_needs_a_name(client_as, org):
    response = client_as("admin").post(UNITS + "new/", {"name": "", "code": "X",
                                                        "parent": ""})
    assert response.status_code == 200
    assert field_errors(response, "name")
    with unscoped():
        assert Unit.objects.filter(organisation=org).count() == 2


def test_unit_with_a_parent_of_another_organisation_is_refused(client_as, org, other_org):
    with unscoped():
        foreign = Unit.objects.filter(organisation=other_org).first()
    response = client_as("admin").post(UNITS + "new/", {"name": "Smugler", "code": "",
                                                        "parent": foreign.pk})
    assert response.status_code == 200
    assert field_errors(response, "parent")
    assert not unit_exists("Smugler")
    assert not unit_exists("Smugler", "asdal")


def test_two_units_with_the_same_name_under_one_parent_are_refused(client_as, org):
    response = client_as("admin").post(UNITS + "new/", {"name": "Helse og velferd",
                                                        "code": "", "parent": top().pk})
    assert response.status_code == 200
    assert response.context["form"].errors
    with unscoped():
        assert Unit.objects.filter(organisation=org, name="Helse og velferd").count() == 1


def test_admin_renames_a_unit(client_as, org):
    before = health()
    response = client_as("admin").post(f"{UNITS}{before.pk}/", {
        "name": "Helse, omsorg og velferd", "code": "HOV", "parent": top().pk,
        "version": before.version})
    assert response.status_code == 302
    with unscoped():
        after = Unit.objects.get(pk=before.pk)
    assert (after.name, after.code, after.version) == ("Helse, omsorg og velferd", "HOV",
                                                       before.version + 1)


def test_unit_cannot_be_moved_under_its_own_child(client_as, org):
    parent, child = top(), health()
    response = client_as("admin").post(f"{UNITS}{parent.pk}/", {
        "name": parent.name, "code": parent.code, "parent": child.pk,
        "version": parent.version})
    assert response.status_code == 200
    assert field_errors(response, "parent")
    with unscoped():
        after = Unit.objects.get(pk=parent.pk)
    assert after.parent_id is None
    assert after.version == parent.version


def test_unit_cannot_be_moved_under_its_grandchild(client_as, org):
    with tenant_scope(org):
        grandchild = do_create_unit(actor=None, organisation=org, name="Sykehjem",
                                    parent=health())
    parent = top()
    response = client_as("admin").post(f"{UNITS}{parent.pk}/", {
        "name": parent.name, "code": "", "parent": grandchild.pk, "version": parent.version})
    assert response.status_code == 200
    assert field_errors(response, "parent")
    assert top().parent_id is None


def test_unit_cannot_be_its_own_parent(client_as, org):
    parent = top()
    response = client_as("admin").post(f"{UNITS}{parent.pk}/", {
        "name": parent.name, "code": "", "parent": parent.pk, "version": parent.version})
    assert response.status_code == 200
    assert field_errors(response, "parent")
    assert top().parent_id is None


def test_unit_edit_with_a_stale_version_is_refused(client_as, org, people):
    before = health()
    with tenant_scope(org):  # somebody else saves while the admin is editing
        do_update_unit(actor=people["admin"], unit=health(), data={"code": "HV"},
                       expected_version=before.version)
    response = client_as("admin").post(f"{UNITS}{before.pk}/", {
        "name": "Min endring", "code": "MIN", "parent": top().pk,
        "version": before.version})
    assert response.status_code == 200
    assert CONFLICT in " ".join(str(e) for e in response.context["form"].non_field_errors())
    assert CONFLICT in response.content.decode()
    after = unit("Helse og velferd")
    assert (after.code, after.version) == ("HV", before.version + 1)
    # The admin's input is kept on the page.
    assert 'value="Min endring"' in response.content.decode()


def test_unit_form_after_a_conflict_can_be_saved_again_deliberately(client_as, org, people):
    """The conflict message says "compare ... and save again": the re-rendered form must
    carry the current version, as the initiative form does, or every retry conflicts."""
    before = health()
    with tenant_scope(org):
        do_update_unit(actor=people["admin"], unit=health(), data={"code": "HV"},
                       expected_version=before.version)
    client = client_as("admin")
    data = {"name": "Min endring", "code": "MIN", "parent": top().pk,
            "version": before.version}
    conflict = client.post(f"{UNITS}{before.pk}/", data)
    assert conflict.status_code == 200
    assert hidden_version(conflict) == before.version + 1
    retry = client.post(f"{UNITS}{before.pk}/", {**data, "version": hidden_version(conflict)})
    assert retry.status_code == 302
    with unscoped():
        assert Unit.objects.get(pk=before.pk).name == "Min endring"


def test_two_top_level_units_with_the_same_name_are_refused(client_as, org):
    """Names are unique under a parent; at the top level the parent is NULL, which the
    database constraint treats as distinct, so the rule has to hold there as well."""
    response = client_as("admin").post(UNITS + "new/", {
        "name": "Fjordby kommune sentral", "code": "", "parent": ""})
    assert response.status_code == 200
    assert response.context["form"].errors
    with unscoped():
        assert Unit.objects.filter(organisation=org, name="Fjordby kommune sentral",
                                   parent=None).count() == 1


def test_deleting_a_unit_with_children_is_refused(client_as, org):
    client = client_as("admin")
    response = client.post(f"{UNITS}{top().pk}/delete/")
    assert response.status_code == 302
    assert response["Location"] == UNITS
    [message] = messages_of(response)
    assert "Move or delete the units under Fjordby kommune sentral first." in message
    assert unit_exists("Fjordby kommune sentral")
    assert unit_exists("Helse og velferd")


def test_deleting_a_unit_used_by_an_initiative_is_refused(client_as, org):
    with unscoped():
        assert Initiative.objects.filter(owning_unit=health()).exists()
    response = client_as("admin").post(f"{UNITS}{health().pk}/delete/")
    assert response.status_code == 302
    [message] = messages_of(response)
    assert "still in use" in message
    assert unit_exists("Helse og velferd")
    with unscoped():
        assert Initiative.objects.filter(owning_unit=health()).count() == 2


def test_deleting_an_unused_leaf_unit_works(client_as, org):
    with tenant_scope(org):
        leaf = do_create_unit(actor=None, organisation=org, name="Kortlevd", parent=top())
    client = client_as("admin")
    response = client.post(f"{UNITS}{leaf.pk}/delete/")
    assert response.status_code == 302
    assert messages_of(response) == ["Unit Kortlevd deleted."]
    assert not unit_exists("Kortlevd")
    assert "Kortlevd" not in [node.unit.name for node in client.get(UNITS).context["tree"]]


def test_deleting_a_unit_by_get_is_not_allowed(client_as, org):
    response = client_as("admin").get(f"{UNITS}{health().pk}/delete/")
    assert response.status_code == 405
    assert unit_exists("Helse og velferd")


def test_units_of_another_organisation_cannot_be_edited_or_deleted(client_as, other_org):
    with unscoped():
        foreign = Unit.objects.filter(organisation=other_org).first()
    client = client_as("admin")
    assert client.get(f"{UNITS}{foreign.pk}/").status_code == 404
    assert client.post(f"{UNITS}{foreign.pk}/delete/").status_code == 404
    with unscoped():
        assert Unit.objects.filter(pk=foreign.pk).exists()


# --- members --------------------------------------------------------------------------------


def test_members_page_lists_the_organisations_people_only(client_as, org):
    content = client_as("admin").get(MEMBERS).content.decode()
    for role in ("admin", "pmo", "contributor", "viewer", "employee"):
        assert f"{role}@fjordby.test" in content
    assert "asdal.test" not in content
    assert "outsider@elsewhere.test" not in content
    assert "new@fjordby.test" in content  # the open invitation


def test_admin_changes_a_members_role_unit_and_title(client_as, org):
    member = membership_of("viewer")
    response = client_as("admin").post(f"{MEMBERS}{member.pk}/", member_form_data(
        member, role=Role.CONTRIBUTOR, unit=top().pk, title="Rådgiver"))
    assert response.status_code == 302
    assert response["Location"] == MEMBERS
    after = membership_of("viewer")
    assert (after.role, after.unit, after.title) == (Role.CONTRIBUTOR, top(), "Rådgiver")
    assert after.version == member.version + 1
    # The new role takes effect: the former viewer may now create initiatives.
    assert client_as("viewer").get("/o/fjordby/initiatives/new/").status_code == 200


def test_member_change_with_a_stale_version_is_refused(client_as, org, people):
    member = membership_of("viewer")
    client = client_as("admin")
    first = client.post(f"{MEMBERS}{member.pk}/", member_form_data(member, title="Først"))
    assert first.status_code == 302
    response = client.post(f"{MEMBERS}{member.pk}/",
                           member_form_data(member, role=Role.PMO, title="Sist"))
    assert response.status_code == 200
    assert CONFLICT in response.content.decode()
    after = membership_of("viewer")
    assert (after.role, after.title) == (Role.VIEWER, "Først")


def test_member_form_after_a_conflict_can_be_saved_again_deliberately(client_as, org):
    member = membership_of("viewer")
    client = client_as("admin")
    client.post(f"{MEMBERS}{member.pk}/", member_form_data(member, title="Først"))
    conflict = client.post(f"{MEMBERS}{member.pk}/",
                           member_form_data(member, role=Role.PMO, title="Sist"))
    assert conflict.status_code == 200
    assert hidden_version(conflict) == member.version + 1
    retry = client.post(f"{MEMBERS}{member.pk}/", member_form_data(
        member, role=Role.PMO, title="Sist", version=hidden_version(conflict)))
    assert retry.status_code == 302
    assert membership_of("viewer").title == "Sist"


def test_member_unit_of_another_organisation_is_refused(client_as, org, other_org):
    with unscoped():
        foreign = Unit.objects.filter(organisation=other_org).first()
    member = membership_of("viewer")
    response = client_as("admin").post(f"{MEMBERS}{member.pk}/",
                                       member_form_data(member, unit=foreign.pk))
    assert response.status_code == 200
    assert field_errors(response, "unit")
    assert membership_of("viewer").unit == member.unit


def test_last_admin_cannot_be_demoted(client_as, org):
    admin = membership_of("admin")
    response = client_as("admin").post(f"{MEMBERS}{admin.pk}/",
                                       member_form_data(admin, role=Role.PMO))
    assert response.status_code == 200
    assert "The organisation needs at least one administrator." in field_errors(
        response, "role")
    after = membership_of("admin")
    assert (after.role, after.version) == (Role.ADMIN, admin.version)


def test_last_admin_cannot_be_removed(client_as, org):
    admin = membership_of("admin")
    response = client_as("admin").post(f"{MEMBERS}{admin.pk}/remove/")
    assert response.status_code == 302
    assert messages_of(response) == ["The organisation needs at least one administrator."]
    assert membership_of("admin").role == Role.ADMIN
    assert client_as("admin").get(SETTINGS).status_code == 200


def test_an_admin_can_step_down_once_there_is_another_admin(client_as, org):
    client = client_as("admin")
    pmo = membership_of("pmo")
    assert client.post(f"{MEMBERS}{pmo.pk}/",
                       member_form_data(pmo, role=Role.ADMIN)).status_code == 302
    admin = membership_of("admin")
    response = client.post(f"{MEMBERS}{admin.pk}/", member_form_data(admin, role=Role.PMO))
    assert response.status_code == 302
    assert membership_of("admin").role == Role.PMO
    # The former admin no longer reaches the settings; the new one does.
    assert client.get(SETTINGS).status_code == 403
    assert client_as("pmo").get(SETTINGS).status_code == 200


def test_removing_a_member_removes_their_access(client_as, org, people):
    viewer = Client()
    viewer.force_login(people["viewer"])
    assert viewer.get("/o/fjordby/").status_code == 200

    member = membership_of("viewer")
    response = client_as("admin").post(f"{MEMBERS}{member.pk}/remove/")
    assert response.status_code == 302
    assert messages_of(response) == ["Viewer Fjordby no longer has access."]
    with unscoped():
        assert not Membership.objects.filter(pk=member.pk).exists()
    # Their very next request, in the session they already had, is refused.
    assert viewer.get("/o/fjordby/").status_code == 404
    assert viewer.get("/o/fjordby/initiatives/").status_code == 404


def test_removing_a_member_keeps_their_initiatives(client_as, org, people):
    member = membership_of("contributor")
    client_as("admin").post(f"{MEMBERS}{member.pk}/remove/")
    with unscoped():
        assert Initiative.objects.filter(organisation=org, owner=people["contributor"]).count() \
            == 2


def test_members_of_another_organisation_cannot_be_changed_or_removed(client_as, org):
    foreign = membership_of("viewer", "asdal")
    client = client_as("admin")
    assert client.post(f"{MEMBERS}{foreign.pk}/",
                       member_form_data(foreign, role=Role.ADMIN)).status_code == 404
    assert client.post(f"{MEMBERS}{foreign.pk}/remove/").status_code == 404
    assert membership_of("viewer", "asdal").role == Role.VIEWER


# --- organisation settings ------------------------------------------------------------------


def test_invalid_colour_gives_a_field_error(client_as, org):
    response = client_as("admin").post(SETTINGS, org_form_data(org, colour="blue"))
    assert response.status_code == 200
    assert field_errors(response, "colour") == ["Give a colour as #RRGGBB."]
    after = fresh_org()
    assert (after.colour, after.version) == ("#1E5AA8", org.version)


@pytest.mark.parametrize(("field", "value"), [
    ("name", ""), ("kind", "kingdom"), ("currency", "BTC"), ("loaded_hourly_cost", "-1"),
    ("discount_rate", "mye"), ("wip_limit", "-3"), ("status_report_cadence", "weekly"),
    ("status_report_due_day", "31"),
])
def test_invalid_organisation_settings_are_refused(client_as, org, field, value):
    response = client_as("admin").post(SETTINGS, org_form_data(org, **{field: value}))
    assert response.status_code == 200
    assert field_errors(response, field)
    assert fresh_org().version == org.version


def test_valid_settings_change_is_saved_and_shown_in_the_history(client_as, org):
    client = client_as("admin")
    response = client.post(SETTINGS, org_form_data(org, colour="#AA3300", size="12345"))
    assert response.status_code == 302
    assert response["Location"] == SETTINGS
    after = fresh_org()
    assert (after.colour, after.size, after.version) == ("#AA3300", 12345, org.version + 1)

    page = client.get(SETTINGS)
    assert "Settings saved." in page.content.decode()
    content = page.content.decode()
    history = content.split('id="history-heading"', 1)[1]
    assert "Admin Fjordby" in history
    assert "#1E5AA8" in history  # before
    assert "#AA3300" in history  # after
    assert "12345" in history
    entry = page.context["history"][0]
    assert entry.who == "Admin Fjordby"
    assert entry.kind == "changed"
    assert {c.label for c in entry.changes} == {"Colour", "Size"}
    # The organisation's colour is used in the page header.
    assert "--gv-org-colour: #AA3300" in content


def test_the_work_in_progress_limit_and_report_cadence_are_settings(client_as, org):
    response = client_as("admin").post(SETTINGS, org_form_data(
        org, wip_limit="12", status_report_cadence="quarterly", status_report_due_day="10"))
    assert response.status_code == 302
    after = fresh_org()
    assert (after.wip_limit, after.status_report_cadence, after.status_report_due_day) == (
        12, "quarterly", 10)


def test_organisation_settings_with_a_stale_version_are_refused(client_as, org, people):
    stale = org.version
    with tenant_scope(org):  # another admin saves first
        do_update_organisation(actor=people["admin"], organisation=fresh_org(),
                               data={"name": "Fjordby kommune (ny)"}, expected_version=stale)
    response = client_as("admin").post(SETTINGS, org_form_data(
        org, colour="#000000", version=stale))
    assert response.status_code == 200
    assert CONFLICT in response.content.decode()
    after = fresh_org()
    assert (after.name, after.colour, after.version) == ("Fjordby kommune (ny)", "#1E5AA8",
                                                         stale + 1)


def test_settings_form_after_a_conflict_can_be_saved_again_deliberately(client_as, org,
                                                                        people):
    stale = org.version
    with tenant_scope(org):
        do_update_organisation(actor=people["admin"], organisation=fresh_org(),
                               data={"size": 9999}, expected_version=stale)
    client = client_as("admin")
    conflict = client.post(SETTINGS, org_form_data(org, colour="#000000", version=stale))
    assert conflict.status_code == 200
    assert hidden_version(conflict) == stale + 1
    retry = client.post(SETTINGS, org_form_data(org, colour="#000000",
                                                version=hidden_version(conflict)))
    assert retry.status_code == 302
    assert fresh_org().colour == "#000000"


def test_refused_settings_are_not_shown_as_the_organisations_look(client_as, org):
    """An invalid, unsaved colour or name must not appear in the page header."""
    response = client_as("admin").post(SETTINGS, org_form_data(
        org, colour="blue", name="Navn som ikke ble lagret"))
    assert response.status_code == 200
    assert field_errors(response, "colour")
    header = response.content.decode().split("<main", 1)[0]
    assert "--gv-org-colour: #1E5AA8" in header
    assert "Navn som ikke ble lagret" not in header
    assert fresh_org().name == "Fjordby kommune"


def test_organisation_settings_without_a_version_are_refused(client_as, org):
    data = org_form_data(org, colour="#000000")
    del data["version"]
    response = client_as("admin").post(SETTINGS, data)
    assert response.status_code == 200
    assert fresh_org().colour == "#1E5AA8"


def test_slug_cannot_be_changed_through_the_settings_form(client_as, org):
    response = client_as("admin").post(SETTINGS, org_form_data(org, slug="kapret"))
    assert response.status_code == 302
    assert fresh_org().slug == "fjordby"
