"""The benefit register's pages: the overview across the portfolio, "My benefits", one
benefit (create, overview, edit, status, initiatives with attribution, value profile,
history) and the initiative's benefits tab."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gevinst.benefits import access
from gevinst.benefits.forms.benefits import (
    BenefitForm,
    EditBenefitForm,
    LinkForm,
    ProfileFormSet,
    StatusForm,
)
from gevinst.benefits.models import Benefit, Health
from gevinst.benefits.selectors import register as selectors
from gevinst.benefits.selectors.benefits import get_benefit
from gevinst.benefits.services.benefits import (
    TRANSITIONS,
    approval_problems,
    do_change_benefit_status,
    do_create_benefit,
    do_link_initiative,
    do_set_value_profile,
    do_unlink_initiative,
    do_update_benefit,
)
from gevinst.core.access import READ_PORTFOLIO, WRITE_PORTFOLIO, has_role, role_required
from gevinst.core.forms import run_service
from gevinst.core.history import history_entries
from gevinst.core.paging import CountedPaginator
from gevinst.core.templatetags.gevinst_format import format_number
from gevinst.portfolio.listing import select_options
from gevinst.portfolio.selectors.initiatives import get_initiative

ME = "me"


# --------------------------------------------------------------------------- overview

def _column_labels() -> dict[str, str]:
    return {
        "reference": _("Reference"), "title": _("Title"), "category": _("Category"),
        "owner": _("Owner"), "unit": _("Receiving unit"), "status": _("Status"),
        "health": _("Follow-up"), "achievement": _("Achievement"),
        "next_due": _("Next due"), "value": _("Yearly value"),
    }


def _columns(query: QueryDict, sort: str) -> list[dict]:
    """Column headers with their sort links and the state a screen reader hears."""
    base = query.copy()
    base.pop("sort", None)
    base.pop("page", None)
    prefix = base.urlencode()
    prefix = f"?{prefix}&sort=" if prefix else "?sort="
    out = []
    for key, label in _column_labels().items():
        if sort == key:
            aria, target = "ascending", f"-{key}"
            hint = _("sorted ascending; activate to sort descending")
        elif sort == f"-{key}":
            aria, target = "descending", key
            hint = _("sorted descending; activate to sort ascending")
        else:
            aria, target, hint = "", key, _("activate to sort")
        out.append({"key": key, "label": label, "href": prefix + target, "aria_sort": aria,
                    "hint": hint, "num": key in ("achievement", "value")})
    return out


def _rows_html(org, benefits) -> str:
    """The overview's table rows as HTML. Every value is escaped; plain string building
    (as the initiative overview does) because Django's template loop is the slow part of a
    page of 50 rows."""
    base = escape(reverse("benefit_list", kwargs={"org_slug": org.slug}))
    categories = {v: escape(str(label)) for v, label in Benefit.Category.choices}
    statuses = {v: escape(str(label)) for v, label in Benefit.Status.choices}
    healths = {v: escape(str(label)) for v, label in Health.choices}
    disbenefit = (' <span class="ds-tag" data-color="warning" data-size="sm">'
                  f"{escape(_('Dis-benefit'))}</span>")
    not_named = f'<span class="gv-muted">{escape(_("Not named"))}</span>'
    not_monetised = f'<span class="gv-muted">{escape(_("Not monetised"))}</span>'
    out = []
    for b in benefits:
        ref = escape(b.reference)
        owner = (escape(b.owner.full_name or b.owner.email) if b.owner_id else not_named)
        unit = escape(b.owner_unit.name) if b.owner_unit_id else "—"
        achievement = (f"{format_number(b.achievement, org)} %" if b.achievement is not None
                       else "—")
        due = (f'<time datetime="{b.next_due.isoformat()}">'
               f'{escape(date_format(b.next_due, "SHORT_DATE_FORMAT"))}</time>'
               if b.next_due else "—")
        value = (not_monetised if b.cashability == Benefit.Cashability.NOT_MONETISED
                 else format_number(b.annual_value, org))
        out.append(
            f'<tr><td><a class="ds-link" href="{base}{ref}/">{ref}</a></td>'
            f"<td>{escape(b.title)}{disbenefit if b.is_disbenefit else ''}</td>"
            f"<td>{categories.get(b.category, escape(b.category))}</td>"
            f"<td>{owner}</td><td>{unit}</td>"
            f"<td>{statuses.get(b.status, escape(b.status))}</td>"
            f'<td><span class="gv-health" data-health="{escape(b.health)}">'
            f"{healths.get(b.health, escape(b.health))}</span></td>"
            f'<td class="gv-num">{achievement}</td><td>{due}</td>'
            f'<td class="gv-num">{value}</td></tr>')
    return mark_safe("\n".join(out))  # noqa: S308 - every value above is escaped


def _overview_params(request) -> dict:
    params = {key: request.GET.get(key, "") for key in (*selectors.FILTER_KEYS, "sort")}
    if params["owner"] == ME:
        params["owner"] = str(request.user.pk)
    return params


def _filters(org, active: dict, owner_raw: str) -> list[dict]:
    options = selectors.filter_options(org)
    owner_current = ME if owner_raw == ME else active.get("owner")
    owners = [(ME, _("Me")), *options["owner"]]
    return [
        {"id": "f-category", "name": "category", "label": _("Category"),
         "options": select_options(Benefit.Category.choices, active.get("category"))},
        {"id": "f-unit", "name": "unit", "label": _("Unit (receiving or realising)"),
         "options": select_options(options["unit"], active.get("unit"))},
        {"id": "f-owner", "name": "owner", "label": _("Owner"),
         "options": select_options(owners, owner_current)},
        {"id": "f-status", "name": "status", "label": _("Status"),
         "options": select_options(Benefit.Status.choices, active.get("status"))},
        {"id": "f-health", "name": "health", "label": _("Follow-up"),
         "options": select_options(Health.choices, active.get("health"))},
        {"id": "f-programme", "name": "programme", "label": _("Programme"),
         "options": select_options(options["programme"], active.get("programme"))},
        {"id": "f-objective", "name": "objective", "label": _("Objective"),
         "options": select_options(options["objective"], active.get("objective"))},
    ]


@role_required(READ_PORTFOLIO)
@require_GET
def benefit_list(request, org_slug):
    """The benefits overview across the portfolio: filters, sort, pages, and totals of
    everything that matches (each benefit once, withdrawn left out)."""
    org = request.organisation
    params = _overview_params(request)
    queryset, active = selectors.benefit_overview(org, params)
    paginator = CountedPaginator(queryset, settings.GEVINST_PAGE_SIZE,
                                 count_queryset=selectors.count_query(queryset))
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    sort = selectors.sort_key(params)
    return render(request, "benefits/register/list.html", {
        "page": page, "rows": _rows_html(org, page.object_list),
        "totals": selectors.overview_totals(org, active),
        "filters": _filters(org, active, request.GET.get("owner", "")),
        "active": active, "q": active.get("q", ""), "sort": sort,
        "columns": _columns(request.GET, sort), "query": query.urlencode(),
        "can_write": has_role(request.membership, WRITE_PORTFOLIO),
    })


@role_required(READ_PORTFOLIO)
@require_GET
def my_benefits(request, org_slug):
    """What the signed-in person owns, what is due and how it goes."""
    mine = selectors.my_benefits(request.organisation, request.user)
    return render(request, "benefits/register/mine.html", {"mine": mine, "sections": [
        ("due", _("Due or overdue now"),
         _("A measuring period has ended: record its measurement."), mine.due),
        ("slipping", _("Slipping"),
         _("Behind plan, or not measured when due."), mine.slipping),
        ("others", _("All others"), "", mine.others),
    ]})


# --------------------------------------------------------------------------- one benefit

def _can_write(request, benefit=None) -> bool:
    return access.can_edit_benefit(request.membership, benefit)


def _next_statuses(request, benefit) -> list[tuple[str, str]]:
    return [(value, Benefit.Status(value).label) for value in TRANSITIONS.get(benefit.status, ())
            if access.can_change_status(request.membership, benefit, value)]


def _detail(request, benefit, status_form=None, status=200):
    org = request.organisation
    next_statuses = _next_statuses(request, benefit)
    problems = []
    if benefit.status in (Benefit.Status.IDENTIFIED, Benefit.Status.PROFILED):
        problems = approval_problems(benefit)  # what still stands in the way of approval
    if status_form is None and next_statuses:
        status_form = StatusForm(initial={"version": benefit.version})
    return render(request, "benefits/register/detail.html", {
        "benefit": benefit, "tab": "overview", "page": selectors.benefit_page(benefit, org),
        "next_statuses": next_statuses, "status_form": status_form,
        "approval_problems": problems,
        "can_edit": _can_write(request, benefit),
    }, status=status)


@role_required(READ_PORTFOLIO)
@require_GET
def benefit_detail(request, org_slug, benefit):
    return _detail(request, get_benefit(request.organisation, benefit))


@role_required(READ_PORTFOLIO)
@require_POST
def benefit_status(request, org_slug, benefit):
    """Move the benefit through its lifecycle; a refusal lists every unmet rule."""
    org = request.organisation
    obj = get_benefit(org, benefit)
    form = StatusForm(request.POST)
    wanted = request.POST.get("status", "")
    if wanted in Benefit.Status.values and not access.can_change_status(
            request.membership, obj, wanted):
        raise PermissionDenied
    if form.is_valid():
        saved = run_service(form, lambda: do_change_benefit_status(
            actor=request.user, benefit=obj, status=form.cleaned_data["status"],
            comment=form.cleaned_data["comment"],
            expected_version=form.cleaned_data["version"]))
        if saved:
            messages.success(request, _("%(ref)s is now “%(status)s”.") % {
                "ref": saved.reference, "status": saved.get_status_display()})
            return redirect("benefit_detail", org_slug=org.slug, benefit=saved.reference)
    obj = get_benefit(org, benefit)
    return _detail(request, obj, status_form=form, status=200)


def _form_page(request, form, benefit=None, current=None, initiative=None):
    return render(request, "benefits/register/form.html", {
        "form": form, "benefit": benefit, "current": current, "initiative": initiative})


@role_required(WRITE_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def benefit_create(request, org_slug):
    org = request.organisation
    initiative = None
    reference = request.GET.get("initiative", "")
    if reference:
        initiative = get_initiative(org, reference)
    form = BenefitForm(request.POST or None, organisation=org, with_link=initiative is not None,
                       initial={"initiative": initiative} if initiative else None)
    if request.method == "POST" and form.is_valid():
        link = {}
        if "initiative" in form.fields:
            link = {"initiative": form.cleaned_data["initiative"],
                    "attribution": form.cleaned_data["attribution"]}
        data = form.service_data()
        title = data.pop("title")
        created = run_service(form, lambda: do_create_benefit(
            actor=request.user, organisation=org, title=title, **link, **data))
        if created:
            messages.success(request, _("Benefit %(ref)s registered.")
                             % {"ref": created.reference})
            return redirect("benefit_detail", org_slug=org.slug, benefit=created.reference)
    return _form_page(request, form, initiative=initiative)


@role_required(WRITE_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def benefit_edit(request, org_slug, benefit):
    org = request.organisation
    obj = get_benefit(org, benefit)
    form = EditBenefitForm(request.POST or None, instance=obj, organisation=org,
                           initial={"version": obj.version})
    if request.method == "POST" and form.is_valid():
        saved = run_service(form, lambda: do_update_benefit(
            actor=request.user, benefit=obj, data=form.service_data(),
            expected_version=form.cleaned_data["version"]))
        if saved:
            messages.success(request, _("Benefit %(ref)s saved.") % {"ref": saved.reference})
            return redirect("benefit_detail", org_slug=org.slug, benefit=saved.reference)
    current = None
    if getattr(form, "edit_conflict", False):
        current = get_benefit(org, benefit)
    return _form_page(request, form, benefit=obj, current=current)


# --------------------------------------------------------------------------- links

def _links_page(request, benefit, form):
    return render(request, "benefits/register/links.html", {
        "benefit": benefit, "tab": "overview", "form": form,
        "page": selectors.benefit_page(benefit, request.organisation),
        "can_edit": True,
    })


@role_required(WRITE_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def benefit_links(request, org_slug, benefit):
    """The benefit's initiatives: add one, or change the share of a linked one."""
    org = request.organisation
    obj = get_benefit(org, benefit)
    initial = {}
    if request.method == "GET" and request.GET.get("initiative"):
        chosen = selectors.initiative_choices(org).filter(
            reference=request.GET["initiative"].upper()).first()
        if chosen is not None:
            link = obj.links.filter(initiative=chosen).first()
            initial = {"initiative": chosen,
                       "attribution": link.attribution if link else None}
    form = LinkForm(request.POST or None, organisation=org, initial=initial)
    if request.method == "POST" and form.is_valid():
        link = run_service(form, lambda: do_link_initiative(
            actor=request.user, benefit=obj, initiative=form.cleaned_data["initiative"],
            attribution=form.cleaned_data["attribution"]))
        if link:
            messages.success(request, _("%(initiative)s carries %(share)s %% of %(benefit)s.")
                             % {"initiative": link.initiative.reference,
                                "share": f"{link.attribution.normalize():f}",
                                "benefit": obj.reference})
            return redirect("benefit_links", org_slug=org.slug, benefit=obj.reference)
    return _links_page(request, obj, form)


@role_required(WRITE_PORTFOLIO)
@require_POST
def benefit_link_delete(request, org_slug, benefit, reference):
    org = request.organisation
    obj = get_benefit(org, benefit)
    initiative = get_initiative(org, reference)
    try:
        do_unlink_initiative(actor=request.user, benefit=obj, initiative=initiative)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("%(initiative)s no longer carries %(benefit)s.")
                         % {"initiative": initiative.reference, "benefit": obj.reference})
    return redirect("benefit_links", org_slug=org.slug, benefit=obj.reference)


# --------------------------------------------------------------------------- value profile

@role_required(WRITE_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def benefit_profile(request, org_slug, benefit):
    """The value profile: for each year, the share of the full yearly value planned."""
    org = request.organisation
    obj = get_benefit(org, benefit)
    page = selectors.benefit_page(obj, org)
    if request.method == "POST":
        data = request.POST
        if "add_rows" in data:
            # More empty rows, keeping everything typed so far (nothing is saved yet).
            data = data.copy()
            key = "years-TOTAL_FORMS"
            total = int(data.get(key, "0")) if str(data.get(key, "0")).isdigit() else 0
            data[key] = str(min(total + 3, 60))
            formset = ProfileFormSet(data, prefix="years")
            return render(request, "benefits/register/profile.html", {
                "benefit": obj, "tab": "overview", "formset": formset, "page": page,
                "adding": True})
        formset = ProfileFormSet(data, prefix="years")
        if formset.is_valid():
            try:
                do_set_value_profile(actor=request.user, benefit=obj, shares=formset.shares())
            except ValidationError as exc:
                formset._non_form_errors = formset.error_class(
                    exc.messages, renderer=formset.renderer)
            else:
                messages.success(request, _("The value profile of %(ref)s is saved.")
                                 % {"ref": obj.reference})
                return redirect("benefit_detail", org_slug=org.slug, benefit=obj.reference)
    else:
        formset = ProfileFormSet(prefix="years", initial=[
            {"year": row.year, "share": row.share} for row in page.profile])
    return render(request, "benefits/register/profile.html", {
        "benefit": obj, "tab": "overview", "formset": formset, "page": page})


@role_required(READ_PORTFOLIO)
@require_GET
def benefit_history(request, org_slug, benefit):
    obj = get_benefit(request.organisation, benefit)
    return render(request, "benefits/register/history.html", {
        "benefit": obj, "tab": "history", "history": history_entries(obj),
        "can_edit": _can_write(request, obj)})


# --------------------------------------------------------------------------- initiative tab

@role_required(READ_PORTFOLIO)
@require_GET
def initiative_benefits(request, org_slug, reference):
    """The initiative's benefits with the share attributed to it and the value that share
    carries; totals split by cashability (each benefit once, withdrawn left out)."""
    initiative = get_initiative(request.organisation, reference)
    rows = selectors.initiative_benefits(initiative)
    return render(request, "benefits/register/initiative.html", {
        "initiative": initiative, "tab": "benefits", "rows": rows,
        "totals": selectors.share_totals(rows),
        "can_write": has_role(request.membership, WRITE_PORTFOLIO),
    })


urlpatterns = [
    path("benefits/", benefit_list, name="benefit_list"),
    path("my-benefits/", my_benefits, name="my_benefits"),
    path("benefits/new/", benefit_create, name="benefit_create"),
    path("initiatives/<str:reference>/benefits/", initiative_benefits,
         name="initiative_benefits"),
    path("benefits/<str:benefit>/", benefit_detail, name="benefit_detail"),
    path("benefits/<str:benefit>/edit/", benefit_edit, name="benefit_edit"),
    path("benefits/<str:benefit>/status/", benefit_status, name="benefit_status"),
    path("benefits/<str:benefit>/links/", benefit_links, name="benefit_links"),
    path("benefits/<str:benefit>/links/<str:reference>/delete/", benefit_link_delete,
         name="benefit_link_delete"),
    path("benefits/<str:benefit>/profile/", benefit_profile, name="benefit_profile"),
    path("benefits/<str:benefit>/history/", benefit_history, name="benefit_history"),
]
