"""Every write to organisations, units, memberships, invitations and tokens."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, ProtectedError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gevinst.core.models import (
    ApiToken,
    Invitation,
    Membership,
    Organisation,
    Role,
    Sequence,
    Unit,
    User,
)
from gevinst.core.scoping import tenant_scope
from gevinst.core.versioning import claim_version

INVITATION_DAYS = 14
ORGANISATION_FIELDS = ("name", "kind", "country", "currency", "size", "colour",
                       "loaded_hourly_cost", "productive_hours_per_fte", "discount_rate",
                       "wip_limit", "status_report_cadence", "status_report_due_day")


def _tracked(instance, actor):
    instance._history_user = actor
    return instance


def next_reference(organisation: Organisation, prefix: str) -> tuple[int, str]:
    """Take the next number of a per-organisation sequence: (42, 'INI-0042')."""
    with transaction.atomic():
        seq, _created = Sequence.objects.get_or_create(organisation=organisation, name=prefix)
        Sequence.objects.filter(pk=seq.pk).update(last_value=F("last_value") + 1)
        seq.refresh_from_db(fields=["last_value"])
    return seq.last_value, f"{prefix}-{seq.last_value:04d}"


@transaction.atomic
def do_create_organisation(*, actor: User | None, name: str, slug: str, **fields) -> Organisation:
    if Organisation.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": _("An organisation with this short name already exists.")})
    org = Organisation(name=name, slug=slug, **fields)
    org.full_clean()
    _tracked(org, actor).save()
    from gevinst.ideas.services.framework import do_install_default_framework
    from gevinst.portfolio.services.initiatives import do_install_default_phases

    with tenant_scope(org):
        do_install_default_phases(organisation=org, actor=actor)
        do_install_default_framework(organisation=org, actor=actor)
    return org


@transaction.atomic
def do_update_organisation(*, actor: User, organisation: Organisation, data: dict,
                           expected_version: int | None) -> Organisation:
    hourly_cost = organisation.loaded_hourly_cost
    for field in ORGANISATION_FIELDS:
        if field in data:
            setattr(organisation, field, data[field])
    organisation.full_clean()
    claim_version(organisation, expected_version)
    _tracked(organisation, actor).save()
    if organisation.loaded_hourly_cost != hourly_cost:
        # Time saved is valued at the hourly cost: every benefit's value is recomputed.
        from gevinst.benefits.tasks import refresh_benefits

        transaction.on_commit(lambda: refresh_benefits.enqueue(organisation_id=organisation.pk))
    return organisation


def _check_parent(unit: Unit, parent: Unit | None) -> None:
    siblings = Unit.objects.filter(organisation_id=unit.organisation_id, parent=parent,
                                   name__iexact=(unit.name or "").strip())
    if unit.pk:
        siblings = siblings.exclude(pk=unit.pk)
    if siblings.exists():
        raise ValidationError({"name": _("There is already a unit with this name here.")})
    if parent is None:
        return
    if parent.organisation_id != unit.organisation_id:
        raise ValidationError({"parent": _("Choose a unit of this organisation.")})
    node = parent
    while node is not None:
        if node.pk == unit.pk:
            raise ValidationError({"parent": _("A unit cannot be placed under itself.")})
        node = node.parent


@transaction.atomic
def do_create_unit(*, actor: User | None, organisation: Organisation, name: str,
                   parent: Unit | None = None, code: str = "") -> Unit:
    unit = Unit(organisation=organisation, name=name, parent=parent, code=code)
    _check_parent(unit, parent)
    unit.full_clean()
    _tracked(unit, actor).save()
    return unit


@transaction.atomic
def do_update_unit(*, actor: User, unit: Unit, data: dict, expected_version: int | None) -> Unit:
    for field in ("name", "code", "parent"):
        if field in data:
            setattr(unit, field, data[field])
    _check_parent(unit, unit.parent)
    unit.full_clean()
    claim_version(unit, expected_version)
    _tracked(unit, actor).save()
    return unit


def do_delete_unit(*, actor: User, unit: Unit) -> None:
    if Unit.objects.filter(parent=unit).exists():
        raise ValidationError(_("Move or delete the units under %(unit)s first.")
                              % {"unit": unit.name})
    try:
        with transaction.atomic():
            _tracked(unit, actor).delete()
    except ProtectedError as exc:
        raise ValidationError(
            _("%(unit)s is still in use (for example as the owning unit of an initiative) and "
              "cannot be deleted.") % {"unit": unit.name}
        ) from exc


def _admins_left(organisation: Organisation, excluding: Membership) -> bool:
    return (Membership.objects.filter(organisation=organisation, role=Role.ADMIN)
            .exclude(pk=excluding.pk).exists())


@transaction.atomic
def do_add_member(*, actor: User | None, organisation: Organisation, user: User,
                  role: str, unit: Unit | None = None, title: str = "") -> Membership:
    """Add ``user`` with ``role``; an existing membership is returned unchanged."""
    existing = Membership.objects.filter(organisation=organisation, user=user).first()
    if existing is not None:
        return existing
    membership = Membership(organisation=organisation, user=user, role=role, unit=unit,
                            title=title)
    membership.full_clean(exclude=["user", "organisation"])
    _tracked(membership, actor).save()
    return membership


@transaction.atomic
def do_change_member(*, actor: User, membership: Membership, role: str,
                     unit: Unit | None, title: str, expected_version: int | None) -> Membership:
    if role not in Role.values:
        raise ValidationError({"role": _("Choose a valid role.")})
    if unit is not None and unit.organisation_id != membership.organisation_id:
        raise ValidationError({"unit": _("Choose a unit of this organisation.")})
    if (membership.role == Role.ADMIN and role != Role.ADMIN
            and not _admins_left(membership.organisation, membership)):
        raise ValidationError({"role": _("The organisation needs at least one administrator.")})
    claim_version(membership, expected_version)
    membership.role, membership.unit, membership.title = role, unit, title
    _tracked(membership, actor).save()
    return membership


@transaction.atomic
def do_remove_member(*, actor: User, membership: Membership) -> None:
    if membership.role == Role.ADMIN and not _admins_left(membership.organisation, membership):
        raise ValidationError(_("The organisation needs at least one administrator."))
    _tracked(membership, actor).delete()


@transaction.atomic
def do_invite(*, actor: User, organisation: Organisation, email: str, role: str,
              unit: Unit | None = None, base_url: str = "") -> Invitation:
    email = User.objects.normalize_email(email).strip().lower()
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise ValidationError({"email": _("This person is already a member.")})
    if unit is not None and unit.organisation_id != organisation.pk:
        raise ValidationError({"unit": _("Choose a unit of this organisation.")})
    # A new invitation replaces any open one for the same address.
    Invitation.objects.filter(organisation=organisation, email=email, accepted_at=None,
                              revoked_at=None).update(revoked_at=timezone.now())
    raw, hashed = Invitation.new_token()
    invitation = Invitation(
        organisation=organisation, email=email, role=role, unit=unit, token_hash=hashed,
        invited_by=actor, expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )
    invitation.full_clean(exclude=["token_hash"])
    _tracked(invitation, actor).save()
    link = base_url + reverse("invitation_accept", args=[raw])
    language = translation.get_language()

    def send():
        with translation.override(language):
            context = {"organisation": organisation, "inviter": actor, "link": link,
                       "days": INVITATION_DAYS, "role": invitation.get_role_display()}
            send_mail(
                subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX
                + _("Invitation to %(org)s") % {"org": organisation.name},
                message=render_to_string("core/email/invitation.txt", context),
                from_email=None,
                recipient_list=[email],
            )

    transaction.on_commit(send)
    return invitation


def do_revoke_invitation(*, actor: User, invitation: Invitation) -> None:
    invitation.revoked_at = timezone.now()
    _tracked(invitation, actor).save(update_fields=["revoked_at"])


def find_open_invitation(raw_token: str) -> Invitation | None:
    """Look up an invitation by its secret (platform code: the token names the tenant)."""
    from gevinst.core.scoping import unscoped

    with unscoped():
        invitation = (Invitation.objects.select_related("organisation", "unit")
                      .filter(token_hash=Invitation.hash_token(raw_token)).first())
    if invitation is None or not invitation.is_open:
        return None
    return invitation


@transaction.atomic
def do_accept_invitation(*, invitation: Invitation, user: User) -> Membership:
    if user.email.lower() != invitation.email.lower():
        raise ValidationError(_("This invitation was sent to another email address."))
    with tenant_scope(invitation.organisation):
        membership = Membership.objects.filter(organisation=invitation.organisation,
                                               user=user).first()
        if membership is None:
            membership = Membership(organisation=invitation.organisation, user=user,
                                    role=invitation.role, unit=invitation.unit)
            _tracked(membership, user).save()
        invitation.accepted_at = timezone.now()
        _tracked(invitation, user).save(update_fields=["accepted_at"])
    return membership


@transaction.atomic
def do_create_user(*, email: str, password: str | None, full_name: str = "") -> User:
    email = User.objects.normalize_email(email).strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("A person with this email address already exists.")})
    try:
        return User.objects.create_user(email=email, password=password, full_name=full_name)
    except IntegrityError as exc:  # a concurrent registration of the same address
        raise ValidationError({"email": _("A person with this email address already exists.")}
                              ) from exc


@transaction.atomic
def do_create_api_token(*, user: User, organisation: Organisation, name: str = "") -> str:
    """Create a token for ``user`` in ``organisation``; returns the secret (shown once)."""
    if not Membership.objects.filter(organisation=organisation, user=user).exists():
        raise ValidationError(_("%(user)s is not a member of %(org)s.")
                              % {"user": user.email, "org": organisation.name})
    raw, hashed = ApiToken.new_key()
    ApiToken.objects.create(organisation=organisation, user=user, name=name, key_hash=hashed,
                            hint=raw[:10])
    return raw
