"""Writes of the portfolio overview: saved views."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gevinst.core.models import Membership, Organisation
from gevinst.portfolio.models import SavedView
from gevinst.portfolio.selectors.overview import can_delete, can_share


def _membership(actor, organisation: Organisation) -> Membership:
    membership = Membership.objects.filter(organisation=organisation, user=actor).first()
    if membership is None:
        raise PermissionDenied
    return membership


@transaction.atomic
def do_save_view(*, actor, organisation: Organisation, name: str, query: str,
                 shared: bool = False) -> SavedView:
    """Save the overview's filters, sort and columns (``query``) under ``name``: the
    person's own view, or (portfolio managers and admins) one shared with the organisation.
    Saving under a name the person already uses replaces that view's query."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": [_("Give the view a name.")]})
    if len(name) > 100:
        raise ValidationError({"name": [_("Use at most 100 characters.")]})
    if len(query) > 2000:
        raise ValidationError({"query": [_("This view has too many filters to save.")]})
    if shared and not can_share(_membership(actor, organisation)):
        raise ValidationError({"shared": [
            _("Only portfolio managers and administrators can share views.")]})
    view = (SavedView.objects.select_for_update()
            .filter(organisation=organisation, owner=actor, name=name).first())
    if view is None:
        return SavedView.objects.create(organisation=organisation, owner=actor, name=name,
                                        query=query, is_shared=shared)
    view.query, view.is_shared = query, shared
    view.save(update_fields=["query", "is_shared"])
    return view


@transaction.atomic
def do_delete_view(*, actor, view: SavedView) -> None:
    """Delete a saved view: one's own, or a shared one as portfolio manager or admin."""
    if not can_delete(_membership(actor, view.organisation), view):
        raise PermissionDenied
    view.delete()
