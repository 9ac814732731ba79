"""Reads of the portfolio overview's saved views."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from gevinst.core.access import has_role
from gevinst.core.models import Organisation, Role
from gevinst.portfolio.models import SavedView


def saved_views(organisation: Organisation, user) -> QuerySet[SavedView]:
    """The person's own views and the views shared in the organisation, shared ones first."""
    return (SavedView.objects.filter(organisation=organisation)
            .filter(Q(owner=user) | Q(is_shared=True))
            .select_related("owner").order_by("-is_shared", "name", "pk"))


def saved_view_rows(organisation: Organisation, user) -> list:
    """The list page's saved views: plain rows (id, name, is_shared, owner_id), no model
    objects and no join (the most visited page)."""
    return list(SavedView.objects.filter(organisation=organisation)
                .filter(Q(owner_id=user.pk) | Q(is_shared=True))
                .order_by("-is_shared", "name", "pk")
                .values_list("pk", "name", "is_shared", "owner_id", named=True))


def get_saved_view(organisation: Organisation, user, view_id: int) -> SavedView:
    """A view the person may see (their own or a shared one) inside ``organisation``, or
    404."""
    view = saved_views(organisation, user).filter(pk=view_id).first()
    if view is None:
        raise Http404
    return view


def can_share(membership) -> bool:
    """Sharing a view with the whole organisation is for portfolio managers and admins."""
    return has_role(membership, Role.PMO)


def can_delete(membership, view) -> bool:
    """Own views by their owner; shared ones by portfolio managers and admins. ``view`` is a
    SavedView or a row of ``saved_view_rows``."""
    if view.is_shared:
        return can_share(membership)
    return view.owner_id == membership.user_id
