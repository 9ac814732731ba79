"""Bearer-token authentication and tenant scoping for the API."""

from __future__ import annotations

import re
from contextlib import contextmanager

from django.http import Http404
from django.utils import timezone
from ninja.security import HttpBearer

from gevinst.core.access import has_role
from gevinst.core.models import ApiToken, Membership
from gevinst.core.scoping import tenant_scope, unscoped

API_ORG_PATH = re.compile(r"^/api/v1/o/(?P<slug>[-a-z0-9]+)/")


class TokenAuth(HttpBearer):
    """``Authorization: Bearer gv_...`` — a token belongs to one person in one organisation."""

    def authenticate(self, request, token):
        if not token.startswith(ApiToken.PREFIX):
            return None
        match = API_ORG_PATH.match(request.path_info)
        with unscoped():
            api_token = (ApiToken.objects.select_related("organisation", "user")
                         .filter(key_hash=ApiToken.hash_key(token), revoked_at=None).first())
            if api_token is None or not api_token.user.is_active:
                return None
            membership = (Membership.objects.filter(organisation=api_token.organisation,
                                                    user=api_token.user).first())
            if membership is not None:  # both are loaded already: no further queries
                membership.organisation, membership.user = api_token.organisation, api_token.user
            if membership is None:
                return None
        if match is None or match["slug"] != api_token.organisation.slug:
            # Another organisation's address: 404 before the request body is even read.
            raise Http404
        now = timezone.now()
        last = api_token.last_used_at
        if last is None or (now - last).total_seconds() > 300:
            with unscoped():
                ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        request.api_membership = membership
        request.user = api_token.user
        return api_token


class Forbidden(Exception):
    """A member whose role does not allow the operation (403)."""


@contextmanager
def api_tenant(request, org_slug: str, minimum_role: str):
    """Scope an API call to the token's organisation; any other slug is 404."""
    membership = getattr(request, "api_membership", None)
    if membership is None or membership.organisation.slug != org_slug:
        raise Http404
    if not has_role(membership, minimum_role):
        raise Forbidden
    with tenant_scope(membership.organisation):
        yield membership.organisation
