"""Resolve the organisation of ``/o/<slug>/...`` requests and scope the request to it."""

from __future__ import annotations

import re

from django.contrib.auth.views import redirect_to_login
from django.http import Http404

from gevinst.core.scoping import tenant_scope, unscoped
from gevinst.core.selectors import memberships_of

ORG_PATH = re.compile(r"^/o/(?P<slug>[-a-z0-9]+)/")


class TenantMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.organisation = None
        request.membership = None
        match = ORG_PATH.match(request.path_info)
        if match is None:
            if request.path_info.startswith("/admin/") and request.user.is_staff:
                # Django admin is the platform operator's tool; it sees across tenants.
                with unscoped():
                    return self.get_response(request)
            return self.get_response(request)
        if not request.user.is_authenticated:
            # Same answer for every slug, existing or not.
            return redirect_to_login(request.get_full_path())
        # One query gives the person's memberships: the one for this address, and the others
        # for the organisation switcher in the header.
        request.memberships = memberships_of(request.user)
        membership = next((m for m in request.memberships
                           if m.organisation.slug == match["slug"]), None)
        if membership is None:
            raise Http404
        request.organisation = membership.organisation
        request.membership = membership
        if request.session.get("gevinst_org") != membership.organisation.slug:
            request.session["gevinst_org"] = membership.organisation.slug
        with tenant_scope(membership.organisation):
            return self.get_response(request)
