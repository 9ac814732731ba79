"""Fail-closed tenant scoping.

Every tenant-owned model uses :func:`TenantManager`; its queries raise ``ScopeError`` unless
an organisation scope is active (set by ``TenantMiddleware`` for ``/o/<slug>/`` requests,
by the API for ``/api/v1/o/<slug>/`` and explicitly in background work). Bypassing the
scope is explicit and named: ``with unscoped(): ...`` — platform code and tests only.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

from django_scopes import ScopedManager, get_scope, scope, scopes_disabled
from django_scopes.exceptions import ScopeError

if TYPE_CHECKING:
    from gevinst.core.models import Organisation

__all__ = ["ScopeError", "TenantManager", "current_organisation", "tenant_scope", "unscoped"]


def TenantManager():  # noqa: N802 - reads like a class at the call site
    return ScopedManager(organisation="organisation")


@contextmanager
def tenant_scope(organisation: Organisation):
    """Scope every tenant query in the block to ``organisation`` (never to "all")."""
    if organisation is None or organisation.pk is None:
        raise ScopeError("tenant_scope needs a saved organisation")
    with scope(organisation=organisation):
        yield organisation


def unscoped():
    """Named bypass of tenant scoping, for platform code and tests only."""
    return scopes_disabled()


def current_organisation():
    return get_scope().get("organisation")
