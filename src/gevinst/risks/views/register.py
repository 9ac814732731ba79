"""The risk register's list pages: the organisation's overview (filters, sort, pages), the
reviews and actions that are due, and the risk pages of an initiative and of a programme
(each with its heat maps). One risk's pages are in views/detail.py and views/actions.py;
their URLs are mounted here, after the fixed paths."""

from __future__ import annotations

from django.http import QueryDict
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from gevinst.core.access import READ_PORTFOLIO, role_required
from gevinst.portfolio.listing import select_options
from gevinst.portfolio.selectors.initiatives import get_initiative
from gevinst.portfolio.selectors.programmes import get_programme
from gevinst.risks import access
from gevinst.risks.models import Category, Risk
from gevinst.risks.selectors import register as selectors
from gevinst.risks.selectors.due import risks_due
from gevinst.risks.views import actions, detail
from gevinst.risks.views.heatmap import heatmap_context

ME = "me"


# --------------------------------------------------------------------------- overview

def _column_labels() -> dict[str, str]:
    return {
        "reference": _("Reference"), "kind": _("Type"), "title": _("Title"),
        "level": _("Level"), "where": _("Initiative or programme"),
        "category": _("Category"), "owner": _("Owner"), "score": _("Score before action"),
        "residual": _("Score after action"), "strategy": _("Strategy"),
        "status": _("Status"), "next_review": _("Next review"),
        "appetite": _("Risk appetite"),
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
                    "hint": hint, "num": key in ("score", "residual")})
    return out


def _date(value) -> str:
    if not value:
        return "—"
    return (f'<time datetime="{value.isoformat()}">'
            f'{escape(date_format(value, "SHORT_DATE_FORMAT"))}</time>')


def appetite_html(risk) -> str:
    """The appetite flag of a list row: "Above appetite" (needs a decision), "Accepted by X
    on D", or a dash. Escaped."""
    if not risk.above_appetite:
        return "—"
    if risk.is_accepted:
        who = (risk.accepted_by.full_name or risk.accepted_by.email) if risk.accepted_by_id \
            else _("system")
        return (f'<span class="ds-tag" data-color="info" data-size="sm">'
                f"{escape(_('Accepted above appetite'))}</span> "
                + escape(_("by %(who)s on %(date)s") % {
                    "who": who, "date": date_format(timezone.localtime(risk.accepted_at),
                                                    "SHORT_DATE_FORMAT")}))
    return (f'<span class="ds-tag" data-color="danger" data-size="sm">'
            f"{escape(_('Above appetite'))}</span>")


def _rows_html(org, risks, today) -> str:
    """The overview's table rows as HTML. Every value is escaped; plain string building (as
    the other overviews do) because Django's template loop is the slow part of a page."""
    base = escape(reverse("risk_overview", kwargs={"org_slug": org.slug}))
    initiatives = escape(reverse("initiative_list", kwargs={"org_slug": org.slug}))
    programmes = escape(reverse("programme_list", kwargs={"org_slug": org.slug}))
    kinds = {v: escape(str(label)) for v, label in Risk.Kind.choices}
    levels = {v: escape(str(label)) for v, label in Risk.Level.choices}
    categories = {v: escape(str(label)) for v, label in Category.choices}
    strategies = {v: escape(str(label)) for v, label in Risk.Strategy.choices}
    statuses = {v: escape(str(label)) for v, label in Risk.Status.choices}
    not_named = f'<span class="gv-muted">{escape(_("Not named"))}</span>'
    overdue = (' <span class="ds-tag" data-color="warning" data-size="sm">'
               f'{escape(_("Overdue"))}</span>')
    out = []
    for r in risks:
        ref = escape(r.reference)
        owner = escape(r.owner.full_name or r.owner.email) if r.owner_id else not_named
        if r.initiative_id:
            iref = escape(r.initiative.reference)
            where = (f'<a class="ds-link" href="{initiatives}{iref}/">{iref}</a> '
                     f"{escape(r.initiative.title)}")
        elif r.programme_id:
            pref = escape(r.programme.reference)
            where = (f'<a class="ds-link" href="{programmes}{pref}/">{pref}</a> '
                     f"{escape(r.programme.name)}")
        else:
            where = "—"
        review = _date(r.next_review)
        if r.next_review and r.status == Risk.Status.OPEN and r.next_review < today:
            review += overdue
        out.append(
            f'<tr><td><a class="ds-link" href="{base}{ref}/">{ref}</a></td>'
            f"<td>{kinds.get(r.kind, escape(r.kind))}</td><td>{escape(r.title)}</td>"
            f"<td>{levels.get(r.level, escape(r.level))}</td><td>{where}</td>"
            f"<td>{categories.get(r.category, escape(r.category))}</td><td>{owner}</td>"
            f'<td class="gv-num">{r.score}</td><td class="gv-num">{r.residual_score}</td>'
            f"<td>{strategies.get(r.strategy, escape(r.strategy))}</td>"
            f"<td>{statuses.get(r.status, escape(r.status))}</td><td>{review}</td>"
            f"<td>{appetite_html(r)}</td></tr>")
    return mark_safe("\n".join(out))  # noqa: S308 - every value above is escaped


def _overview_params(request) -> dict:
    params = {key: request.GET.get(key, "") for key in (*selectors.FILTER_KEYS, "sort",
                                                        "page")}
    if params["owner"] == ME:
        params["owner"] = str(request.user.pk)
    return params


def _filters(org, active: dict, owner_raw: str) -> list[dict]:
    options = selectors.filter_options(org)
    owner_current = ME if owner_raw == ME else active.get("owner")
    programme = active.get("programme")
    if isinstance(programme, str):  # a reference: select the matching option
        programme = next((pk for pk, label in options["programme"]
                          if label.split(" ", 1)[0] == programme), programme)
    appetite = [("above", _("Above appetite")),
                ("needs_decision", _("Above appetite, not accepted")),
                ("accepted", _("Accepted above appetite"))]
    return [
        {"id": "f-kind", "name": "kind", "label": _("Type"),
         "options": select_options(Risk.Kind.choices, active.get("kind"))},
        {"id": "f-level", "name": "level", "label": _("Level"),
         "options": select_options(Risk.Level.choices, active.get("level"))},
        {"id": "f-category", "name": "category", "label": _("Category"),
         "options": select_options(Category.choices, active.get("category"))},
        {"id": "f-status", "name": "status", "label": _("Status"),
         "options": select_options(Risk.Status.choices, active.get("status"))},
        {"id": "f-owner", "name": "owner", "label": _("Owner"),
         "options": select_options([(ME, _("Me")), *options["owner"]], owner_current)},
        {"id": "f-programme", "name": "programme", "label": _("Programme"),
         "options": select_options(options["programme"], programme)},
        {"id": "f-appetite", "name": "appetite", "label": _("Risk appetite"),
         "options": select_options(appetite, active.get("appetite"))},
        {"id": "f-review", "name": "review", "label": _("Review"),
         "options": select_options([("overdue", _("Review date passed"))],
                                   active.get("review"))},
    ]


@role_required(READ_PORTFOLIO)
@require_GET
def risk_overview(request, org_slug):
    """The organisation's risks and opportunities at every level: filters, sort, pages."""
    org = request.organisation
    today = timezone.localdate()
    params = _overview_params(request)
    page = selectors.risk_overview(org, params, today=today)
    query = request.GET.copy()
    query.pop("page", None)
    active = page.active
    initiative = active.get("initiative")
    export_query = request.GET.copy()
    export_query.pop("page", None)
    if export_query.get("owner") == ME:  # the export reads ids only
        export_query["owner"] = str(request.user.pk)
    return render(request, "risks/overview.html", {
        "page": page, "rows": _rows_html(org, page.object_list, today),
        "filters": _filters(org, active, request.GET.get("owner", "")),
        "active": active, "q": active.get("q", ""), "sort": page.sort,
        "initiative_filter": initiative if isinstance(initiative, str) else
        request.GET.get("initiative", "").strip()[:20],
        "cell": {k: active[k] for k in ("probability", "impact", "basis") if k in active},
        "columns": _columns(request.GET, page.sort), "query": query.urlencode(),
        "export_query": export_query.urlencode(), "current": "overview",
        "can_write": access.can_write(request.membership),
    })


# --------------------------------------------------------------------------- due

@role_required(READ_PORTFOLIO)
@require_GET
def risk_due(request, org_slug):
    """Open risks whose review date has passed and overdue actions, with their owners."""
    org = request.organisation
    mine = request.GET.get("owner") == ME
    due = risks_due(org, timezone.localdate(), owner=request.user.pk if mine else None)
    return render(request, "risks/due.html", {
        "due": due, "mine": mine, "current": "due",
        "can_write": access.can_write(request.membership)})


# --------------------------------------------------------------------------- levels

@role_required(READ_PORTFOLIO)
@require_GET
def initiative_risks(request, org_slug, reference):
    """The initiative's risks and opportunities (escalated ones too), with heat maps."""
    org = request.organisation
    initiative = get_initiative(org, reference)
    return render(request, "risks/initiative.html", {
        "initiative": initiative, "tab": "risks",
        "risks": selectors.initiative_register(initiative),
        "today": timezone.localdate(),
        "can_write": access.can_write(request.membership),
        "can_add": access.can_write(request.membership),
        "heatmap_scope": _("of %(ref)s") % {"ref": initiative.reference},
        **heatmap_context(request, initiative=initiative),
    })


@role_required(READ_PORTFOLIO)
@require_GET
def programme_risks(request, org_slug, programme):
    """The programme's register (its own risks and those escalated to it), its initiatives'
    risks, and the heat maps of the programme with its initiatives."""
    org = request.organisation
    obj = get_programme(org, programme)
    own, below = selectors.programme_register(obj)
    return render(request, "risks/programme.html", {
        "programme": obj, "risks": own, "initiative_risks": below,
        "today": timezone.localdate(),
        "can_add": access.can_write(request.membership),
        "heatmap_scope": _("of %(ref)s and its initiatives") % {"ref": obj.reference},
        **heatmap_context(request, programme=obj),
    })


urlpatterns = [
    path("risks/", risk_overview, name="risk_overview"),
    path("risks/due/", risk_due, name="risk_due"),
    path("initiatives/<str:reference>/risks/", initiative_risks, name="initiative_risks"),
    path("programmes/<str:programme>/risks/", programme_risks, name="programme_risks"),
    *detail.urlpatterns,
    *actions.urlpatterns,
]
