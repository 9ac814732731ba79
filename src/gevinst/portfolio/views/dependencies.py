"""Dependencies between initiatives: the tab (both directions, warnings), add, remove."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gevinst.core.access import READ_PORTFOLIO, WRITE_PORTFOLIO, has_role, role_required
from gevinst.core.forms import run_service
from gevinst.portfolio.forms.dependencies import DependencyForm
from gevinst.portfolio.selectors import dependencies as selectors
from gevinst.portfolio.selectors.initiatives import get_initiative
from gevinst.portfolio.services.dependencies import do_add_dependency, do_remove_dependency


def _page(request, initiative, form=None):
    can_write = has_role(request.membership, WRITE_PORTFOLIO)
    if can_write and form is None:
        form = DependencyForm(initiative=initiative)
    return render(request, "portfolio/dependencies/initiative.html", {
        "initiative": initiative, "tab": "dependencies", "form": form,
        "needs": selectors.needs(initiative), "needed_by": selectors.needed_by_others(initiative),
        "can_write": can_write,
    })


@role_required(READ_PORTFOLIO)
@require_GET
def initiative_dependencies(request, org_slug, reference):
    return _page(request, get_initiative(request.organisation, reference))


@role_required(WRITE_PORTFOLIO)
@require_http_methods(["POST"])
def initiative_dependency_new(request, org_slug, reference):
    org = request.organisation
    initiative = get_initiative(org, reference)
    form = DependencyForm(request.POST, initiative=initiative)
    if form.is_valid():
        dep = run_service(form, lambda: do_add_dependency(
            actor=request.user, initiative=initiative, **form.cleaned_data))
        if dep:
            messages.success(request, _("%(this)s now needs %(other)s.")
                             % {"this": initiative.reference, "other": dep.depends_on.reference})
            return redirect("initiative_dependencies", org_slug=org.slug,
                            reference=initiative.reference)
    return _page(request, initiative, form)


@role_required(WRITE_PORTFOLIO)
@require_POST
def initiative_dependency_delete(request, org_slug, reference, dependency_id):
    org = request.organisation
    initiative = get_initiative(org, reference)
    dep = selectors.get_dependency(initiative, dependency_id)
    other = dep.depends_on.reference
    do_remove_dependency(actor=request.user, dependency=dep)
    messages.success(request, _("%(this)s no longer needs %(other)s.")
                     % {"this": initiative.reference, "other": other})
    return redirect("initiative_dependencies", org_slug=org.slug, reference=initiative.reference)
