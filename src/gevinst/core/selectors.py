"""Reads of organisations, units and people that views and the API need."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import Http404

from gevinst.core.models import Invitation, Membership, Organisation, Unit, User
from gevinst.core.scoping import unscoped


def memberships_of(user: User) -> list[Membership]:
    """Every organisation a person belongs to (platform-level, crosses tenants by design)."""
    if not user.is_authenticated:
        return []
    with unscoped():
        memberships = list(Membership.objects.filter(user=user).select_related("organisation")
                           .order_by("organisation__name"))
    for m in memberships:
        m.user = user  # known already: no query when a template asks for it
    return memberships


def user_by_email(email: str) -> User | None:
    return User.objects.filter(email__iexact=email).first()


def get_organisation(slug: str) -> Organisation:
    org = Organisation.objects.filter(slug=slug).first()
    if org is None:
        raise Http404
    return org


def get_unit(organisation: Organisation, unit_id: int) -> Unit:
    unit = Unit.objects.filter(organisation=organisation, pk=unit_id).first()
    if unit is None:
        raise Http404
    return unit


def get_membership(organisation: Organisation, membership_id: int) -> Membership:
    m = (Membership.objects.filter(organisation=organisation, pk=membership_id)
         .select_related("user", "unit").first())
    if m is None:
        raise Http404
    return m


def get_invitation(organisation: Organisation, invitation_id: int) -> Invitation:
    inv = Invitation.objects.filter(organisation=organisation, pk=invitation_id).first()
    if inv is None:
        raise Http404
    return inv


def members(organisation: Organisation):
    return (Membership.objects.filter(organisation=organisation)
            .select_related("user", "unit").order_by("user__full_name", "user__email"))


def open_invitations(organisation: Organisation):
    from django.utils import timezone

    return (Invitation.objects.filter(organisation=organisation, accepted_at=None,
                                      revoked_at=None, expires_at__gt=timezone.now())
            .select_related("invited_by", "unit"))


@dataclass
class UnitNode:
    unit: Unit
    depth: int
    children: list[UnitNode] = field(default_factory=list)


def unit_tree(organisation: Organisation) -> list[UnitNode]:
    """Units as a depth-first list (each with its depth), from one query."""
    units = list(Unit.objects.filter(organisation=organisation).order_by("name"))
    by_parent: dict[int | None, list[Unit]] = {}
    for u in units:
        by_parent.setdefault(u.parent_id, []).append(u)
    out: list[UnitNode] = []

    def walk(parent_id, depth):
        for u in by_parent.get(parent_id, []):
            out.append(UnitNode(u, depth))
            walk(u.pk, depth + 1)

    walk(None, 0)
    return out
