"""Saved views of the portfolio overview: save, apply, delete."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from gevinst.core.access import READ_PORTFOLIO, role_required
from gevinst.portfolio import listing
from gevinst.portfolio.forms.overview import SaveViewForm
from gevinst.portfolio.selectors import overview as selectors
from gevinst.portfolio.services.overview import do_delete_view, do_save_view


def _list_url(org, query: str = "") -> str:
    url = reverse("initiative_list", kwargs={"org_slug": org.slug})
    return f"{url}?{query}" if query else url


@role_required(READ_PORTFOLIO)
@require_POST
def saved_view_create(request, org_slug):
    org = request.organisation
    form = SaveViewForm(request.POST)
    query = listing.clean_query(QueryDict(request.POST.get("query", "")))
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(_list_url(org, query))
    try:
        view = do_save_view(actor=request.user, organisation=org,
                            name=form.cleaned_data["name"], query=query,
                            shared=form.cleaned_data["shared"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(_list_url(org, query))
    messages.success(request, _("View “%(name)s” saved.") % {"name": view.name})
    return redirect(_list_url(org, view.query))


@role_required(READ_PORTFOLIO)
@require_GET
def saved_view_apply(request, org_slug, view_id):
    org = request.organisation
    view = selectors.get_saved_view(org, request.user, view_id)
    return redirect(_list_url(org, view.query))


@role_required(READ_PORTFOLIO)
@require_POST
def saved_view_delete(request, org_slug, view_id):
    org = request.organisation
    view = selectors.get_saved_view(org, request.user, view_id)
    do_delete_view(actor=request.user, view=view)
    messages.success(request, _("View “%(name)s” deleted.") % {"name": view.name})
    return redirect(_list_url(org))
