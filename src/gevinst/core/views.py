"""Organisation home, organisation settings (units, members, invitations), health."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gevinst.core import selectors
from gevinst.core.access import MANAGE_ORGANISATION, READ_PORTFOLIO, has_role, role_required
from gevinst.core.forms import (
    AcceptInvitationForm,
    InviteForm,
    MemberForm,
    NewUnitForm,
    OrganisationSettingsForm,
    UnitForm,
    run_service,
)
from gevinst.core.history import history_entries
from gevinst.core.models import Role, Unit, User
from gevinst.core.services import (
    do_accept_invitation,
    do_change_member,
    do_create_unit,
    do_create_user,
    do_delete_unit,
    do_invite,
    do_remove_member,
    do_revoke_invitation,
    do_update_organisation,
    do_update_unit,
    find_open_invitation,
)


@require_GET
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def home(request):
    """Send a signed-in person to their organisation, or let them pick one."""
    if not request.user.is_authenticated:
        return redirect("account_login")
    memberships = selectors.memberships_of(request.user)
    last = request.session.get("gevinst_org")
    for m in memberships:
        if m.organisation.slug == last:
            return redirect("org_home", org_slug=last)
    if len(memberships) == 1:
        return redirect("org_home", org_slug=memberships[0].organisation.slug)
    return render(request, "core/choose_organisation.html", {"memberships": memberships})


@login_required
def choose_organisation(request):
    return render(request, "core/choose_organisation.html",
                  {"memberships": selectors.memberships_of(request.user)})


def org_home(request, org_slug):
    from gevinst.maturity.selectors.campaigns import to_answer

    org = request.organisation
    # Every member sees the maturity surveys waiting for their answers first (if any).
    context = {"org": org, "surveys": to_answer(org, request.user)}
    if has_role(request.membership, READ_PORTFOLIO):
        from gevinst.portfolio.selectors.initiatives import phase_counts, portfolio_summary

        context["phase_counts"] = phase_counts(org)
        context["summary"] = portfolio_summary(org)
    return render(request, "core/org_home.html", context)


# --- Organisation settings (admin) -------------------------------------------------------


@role_required(MANAGE_ORGANISATION)
@require_http_methods(["GET", "POST"])
def org_settings(request, org_slug):
    org = request.organisation
    # The form works on its own copy, so a refused change never shows in the page header.
    form = OrganisationSettingsForm(request.POST or None,
                                    instance=type(org).objects.get(pk=org.pk),
                                    initial={"version": org.version})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        if run_service(form, lambda: do_update_organisation(
                actor=request.user, organisation=form.instance, data=data,
                expected_version=form.cleaned_data["version"])):
            messages.success(request, _("Settings saved."))
            return redirect("org_settings", org_slug=org.slug)
    return render(request, "core/settings/organisation.html",
                  {"form": form, "org": org, "history": history_entries(org, limit=20)})


@role_required(MANAGE_ORGANISATION)
@require_GET
def unit_list(request, org_slug):
    return render(request, "core/settings/units.html",
                  {"tree": selectors.unit_tree(request.organisation)})


@role_required(MANAGE_ORGANISATION)
@require_http_methods(["GET", "POST"])
def unit_create(request, org_slug):
    org = request.organisation
    form = NewUnitForm(request.POST or None, organisation=org)
    if request.method == "POST" and form.is_valid():
        unit = run_service(form, lambda: do_create_unit(
            actor=request.user, organisation=org, name=form.cleaned_data["name"],
            code=form.cleaned_data["code"], parent=form.cleaned_data["parent"]))
        if unit:
            messages.success(request, _("Unit %(name)s created.") % {"name": unit.name})
            return redirect("unit_list", org_slug=org.slug)
    return render(request, "core/settings/unit_form.html", {"form": form, "unit": None})


@role_required(MANAGE_ORGANISATION)
@require_http_methods(["GET", "POST"])
def unit_edit(request, org_slug, unit_id):
    org = request.organisation
    unit = selectors.get_unit(org, unit_id)
    form = UnitForm(request.POST or None, instance=unit, organisation=org,
                    initial={"version": unit.version})
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("name", "code", "parent")}
        if run_service(form, lambda: do_update_unit(
                actor=request.user, unit=unit, data=data,
                expected_version=form.cleaned_data["version"])):
            messages.success(request, _("Unit %(name)s saved.") % {"name": unit.name})
            return redirect("unit_list", org_slug=org.slug)
    return render(request, "core/settings/unit_form.html",
                  {"form": form, "unit": unit, "history": history_entries(unit)})


@role_required(MANAGE_ORGANISATION)
@require_POST
def unit_delete(request, org_slug, unit_id):
    from django.core.exceptions import ValidationError

    unit = selectors.get_unit(request.organisation, unit_id)
    try:
        do_delete_unit(actor=request.user, unit=unit)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Unit %(name)s deleted.") % {"name": unit.name})
    return redirect("unit_list", org_slug=org_slug)


@role_required(MANAGE_ORGANISATION)
@require_http_methods(["GET", "POST"])
def member_list(request, org_slug):
    org = request.organisation
    form = InviteForm(request.POST or None, organisation=org)
    if request.method == "POST" and form.is_valid():
        invitation = run_service(form, lambda: do_invite(
            actor=request.user, organisation=org, email=form.cleaned_data["email"],
            role=form.cleaned_data["role"], unit=form.cleaned_data["unit"],
            base_url=request.build_absolute_uri("/")[:-1]))
        if invitation:
            messages.success(request, _("Invitation sent to %(email)s.")
                             % {"email": invitation.email})
            return redirect("member_list", org_slug=org.slug)
    return render(request, "core/settings/members.html", {
        "form": form,
        "members": selectors.members(org),
        "invitations": selectors.open_invitations(org),
    })


@role_required(MANAGE_ORGANISATION)
@require_http_methods(["GET", "POST"])
def member_edit(request, org_slug, membership_id):
    org = request.organisation
    membership = selectors.get_membership(org, membership_id)
    form = MemberForm(request.POST or None, organisation=org, initial={
        "role": membership.role, "unit": membership.unit, "title": membership.title,
        "version": membership.version})
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        if run_service(form, lambda: do_change_member(
                actor=request.user, membership=membership, role=cd["role"], unit=cd["unit"],
                title=cd["title"], expected_version=cd["version"])):
            messages.success(request, _("Saved."))
            return redirect("member_list", org_slug=org.slug)
    return render(request, "core/settings/member_form.html", {
        "form": form, "membership": membership, "history": history_entries(membership)})


@role_required(MANAGE_ORGANISATION)
@require_POST
def member_remove(request, org_slug, membership_id):
    from django.core.exceptions import ValidationError

    membership = selectors.get_membership(request.organisation, membership_id)
    try:
        do_remove_member(actor=request.user, membership=membership)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(person)s no longer has access.")
                         % {"person": membership.user})
    return redirect("member_list", org_slug=org_slug)


@role_required(MANAGE_ORGANISATION)
@require_POST
def invitation_revoke(request, org_slug, invitation_id):
    invitation = selectors.get_invitation(request.organisation, invitation_id)
    do_revoke_invitation(actor=request.user, invitation=invitation)
    messages.success(request, _("Invitation withdrawn."))
    return redirect("member_list", org_slug=org_slug)


# --- The member's own profile (every role) ------------------------------------------------


class ProfileForm(forms.Form):
    full_name = forms.CharField(
        label=gettext_lazy("Your name"), max_length=150,
        help_text=gettext_lazy("As colleagues see it on ideas, comments and in the portfolio."),
        error_messages={"required": gettext_lazy("Write your name.")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"


def _save_name(user, full_name: str) -> None:
    """The person's own name (the only field of the profile they edit)."""
    User.objects.filter(pk=user.pk).update(full_name=full_name)
    user.full_name = full_name


@role_required(Role.EMPLOYEE)
@require_http_methods(["GET", "POST"])
def my_profile(request, org_slug):
    """Name (editable), email, role, unit and member since, with links to My ideas."""
    membership = request.membership
    form = ProfileForm(request.POST or None, initial={"full_name": request.user.full_name})
    if request.method == "POST" and form.is_valid():
        _save_name(request.user, form.cleaned_data["full_name"].strip())
        messages.success(request, _("Your name is saved."))
        return redirect("my_profile", org_slug=org_slug)
    unit = (Unit.objects.filter(organisation=request.organisation, pk=membership.unit_id)
            .values_list("name", flat=True).first() if membership.unit_id else None)
    return render(request, "core/profile.html", {"form": form, "unit_name": unit})


# --- Accepting an invitation (outside any organisation) -----------------------------------


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    invitation = find_open_invitation(token)
    if invitation is None:
        return render(request, "core/invitation_invalid.html", status=404)
    user = request.user if request.user.is_authenticated else None
    existing = selectors.user_by_email(invitation.email)
    if user is not None and user.email.lower() != invitation.email.lower():
        return render(request, "core/invitation_other_user.html",
                      {"invitation": invitation}, status=403)
    if existing is not None and user is None:
        # The person has an account: sign in first, then come back here.
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    form = None
    if user is None:
        form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST":
        if form is not None:
            if form.is_valid():
                user = run_service(form, lambda: do_create_user(
                    email=invitation.email, password=form.cleaned_data["password1"],
                    full_name=form.cleaned_data["full_name"]))
                if user is not None:
                    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        if user is not None and (form is None or not form.errors):
            do_accept_invitation(invitation=invitation, user=user)
            messages.success(request, _("Welcome to %(org)s.")
                             % {"org": invitation.organisation.name})
            return redirect("org_home", org_slug=invitation.organisation.slug)
    return render(request, "core/invitation_accept.html",
                  {"invitation": invitation, "form": form})
