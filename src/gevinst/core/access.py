"""Access helpers: who may do what inside an organisation.

Outsiders never reach these: ``TenantMiddleware`` answers 404 for anyone who is not a
member of the organisation in the address. Inside, a role lower than the view needs is
told so (403) with a readable page.
"""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404

from gevinst.core.models import ROLE_RANK, Role

# What each capability needs, as a minimum role.
READ_PORTFOLIO = Role.VIEWER
WRITE_PORTFOLIO = Role.CONTRIBUTOR
MANAGE_ORGANISATION = Role.ADMIN


def has_role(membership, minimum: str) -> bool:
    return membership is not None and ROLE_RANK[Role(membership.role)] >= ROLE_RANK[Role(minimum)]


def role_required(minimum: str):
    """Decorate an organisation view: members below ``minimum`` get 403."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            membership = getattr(request, "membership", None)
            if membership is None:  # not an organisation URL: fail closed
                raise Http404
            if not has_role(membership, minimum):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.minimum_role = minimum
        return wrapper

    return decorator
