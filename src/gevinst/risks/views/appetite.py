"""The organisation's risk appetite: every category with its threshold (the default shown
as such), how many open risks are above it, and the administrator's form to change it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gevinst.core.access import READ_PORTFOLIO, role_required
from gevinst.core.forms import run_service
from gevinst.risks import access
from gevinst.risks.forms.appetite import AppetiteForm
from gevinst.risks.models import Category, Risk, RiskAppetite
from gevinst.risks.selectors.register import ACCEPTED
from gevinst.risks.services import appetite_of, do_set_appetite


def appetite_rows(organisation) -> list[dict]:
    """Per category: threshold (or the default), and the open risks above it and those of
    them still without a decision. Two queries."""
    thresholds = appetite_of(organisation.pk)
    counts = {row["category"]: row for row in (
        Risk.objects.filter(organisation=organisation, status=Risk.Status.OPEN,
                            above_appetite=True)
        .order_by().values("category")
        .annotate(above=Count("pk"), undecided=Count("pk", filter=~ACCEPTED)))}
    return [{"category": value, "label": label,
             "threshold": thresholds.get(value, RiskAppetite.DEFAULT_THRESHOLD),
             "is_default": value not in thresholds,
             "above": counts.get(value, {}).get("above", 0),
             "undecided": counts.get(value, {}).get("undecided", 0)}
            for value, label in Category.choices]


@role_required(READ_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def risk_appetite(request, org_slug):
    org = request.organisation
    can_edit = access.can_set_appetite(request.membership)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    form = None
    if can_edit:
        form = AppetiteForm(request.POST or None, current=appetite_of(org.pk))
        if request.method == "POST" and form.is_valid():
            saved = run_service(form, lambda: do_set_appetite(
                actor=request.user, organisation=org, thresholds=form.thresholds()) or True)
            if saved:
                messages.success(request, _("The risk appetite is saved; every risk is "
                                            "flagged against it."))
                return redirect("risk_appetite", org_slug=org.slug)
    rows = appetite_rows(org)
    return render(request, "risks/appetite.html", {
        "rows": rows, "form": form, "can_edit": can_edit, "current": "appetite",
        "can_write": access.can_write(request.membership),
        "default": RiskAppetite.DEFAULT_THRESHOLD,
        "total_above": sum(r["above"] for r in rows),
        "total_undecided": sum(r["undecided"] for r in rows),
    })



urlpatterns = [
    path("risks/appetite/", risk_appetite, name="risk_appetite"),
]
