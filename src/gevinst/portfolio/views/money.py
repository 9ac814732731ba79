"""Money per year: an initiative's tab (table, add, edit) and the portfolio's sums."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from gevinst.core.access import READ_PORTFOLIO, WRITE_PORTFOLIO, has_role, role_required
from gevinst.core.excel import xlsx_response
from gevinst.core.forms import run_service
from gevinst.portfolio.forms.money import EditMoneyYearForm, NewMoneyYearForm
from gevinst.portfolio.models import MoneyYear
from gevinst.portfolio.selectors import money as selectors
from gevinst.portfolio.selectors.initiatives import get_initiative
from gevinst.portfolio.services.money import do_add_money_year, do_update_money_year


@role_required(READ_PORTFOLIO)
@require_GET
def initiative_money(request, org_slug, reference):
    initiative = get_initiative(request.organisation, reference)
    return render(request, "portfolio/money/initiative.html", {
        "initiative": initiative, "tab": "money",
        "blocks": selectors.build_table(selectors.money_rows(initiative)),
        "can_write": has_role(request.membership, WRITE_PORTFOLIO),
    })


@role_required(WRITE_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def initiative_money_new(request, org_slug, reference):
    org = request.organisation
    initiative = get_initiative(org, reference)
    year = request.GET.get("year", "")
    kind = request.GET.get("kind", "")
    initial = {"year": int(year) if year.isdigit() else timezone.localdate().year,
               "kind": kind if kind in MoneyYear.Kind.values else MoneyYear.Kind.BUDGET}
    form = NewMoneyYearForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        row = run_service(form, lambda: do_add_money_year(
            actor=request.user, initiative=initiative, year=form.cleaned_data["year"],
            kind=form.cleaned_data["kind"], **form.amounts()))
        if row:
            messages.success(request, _("%(what)s saved.") % {"what": str(row)})
            return redirect("initiative_money", org_slug=org.slug, reference=initiative.reference)
    return render(request, "portfolio/money/form.html",
                  {"form": form, "initiative": initiative, "row": None})


@role_required(WRITE_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def initiative_money_edit(request, org_slug, reference, money_id):
    org = request.organisation
    initiative = get_initiative(org, reference)
    row = selectors.get_money_year(initiative, money_id)
    initial = {name: getattr(row, name) for name in EditMoneyYearForm.AMOUNTS}
    initial["version"] = row.version
    form = EditMoneyYearForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = run_service(form, lambda: do_update_money_year(
            actor=request.user, row=row, data=form.amounts(),
            expected_version=form.cleaned_data["version"]))
        if saved:
            messages.success(request, _("%(what)s saved.") % {"what": str(saved)})
            return redirect("initiative_money", org_slug=org.slug, reference=initiative.reference)
    current = None
    if getattr(form, "edit_conflict", False):
        current = selectors.get_money_year(initiative, money_id)
    return render(request, "portfolio/money/form.html",
                  {"form": form, "initiative": initiative, "row": row, "current": current})


@role_required(READ_PORTFOLIO)
@require_GET
def portfolio_money(request, org_slug):
    return render(request, "portfolio/money/portfolio.html", {
        "blocks": selectors.portfolio_table(request.organisation)})


@role_required(READ_PORTFOLIO)
@require_GET
def portfolio_money_export(request, org_slug):
    org = request.organisation
    kinds = {k: str(label) for k, label in MoneyYear.Kind.choices}
    headers = [_("Year"), _("Kind"),
               *[str(label) if is_hours else f"{label} ({org.currency})"
                 for _n, label, is_hours in selectors.CATEGORIES],
               f"{_('Total cost')} ({org.currency})"]
    rows = [(row["year"], kinds[row["kind"]],
             *[float(row[name] or 0) for name in selectors.AMOUNT_FIELDS],
             float(sum((row[n] or 0) for n in selectors.COST_FIELDS)))
            for row in selectors.sums_by_year(org)]
    stamp = timezone.localdate().isoformat()
    return xlsx_response(f"{org.slug}-money-{stamp}.xlsx", _("Money per year"), headers, rows)
