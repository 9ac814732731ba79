"""What the initiative list page shows, prepared in Python.

The list is the most visited page; building its rows, filter options and sort links here
keeps the template to plain output (Django's template engine is the slow part of a page).
"""

from __future__ import annotations

from html import escape

from django.http import QueryDict
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from gevinst.portfolio.models import Initiative
from gevinst.portfolio.selectors import initiatives as selectors

COLUMNS = ["reference", "title", "phase", "status", "unit", "start", "end"]


def column_labels() -> dict[str, str]:
    return {
        "reference": _("Reference"), "title": _("Title"), "phase": _("Phase"),
        "status": _("Status"), "unit": _("Owning unit"), "start": _("Start"), "end": _("End"),
    }


def rows_html(organisation, initiatives, phase_names: dict[int, str]) -> str:
    """The table rows as HTML. Every value is escaped; plain string building here because
    the list is the most visited page and Django's template loop is ~10x slower."""
    base = escape(reverse("initiative_list", kwargs={"org_slug": organisation.slug}))
    statuses = {value: escape(str(label)) for value, label in Initiative.Status.choices}
    phases = {pk: escape(name) for pk, name in phase_names.items()}
    tag = (' <span class="ds-tag" data-color="info" data-size="sm">'
           f"{escape(str(_('Lighthouse')))}</span>")
    out = []
    for i in initiatives:
        ref = escape(i.reference)
        out.append(
            f'<tr><td><a class="ds-link" href="{base}{ref}/">{ref}</a></td>'
            f"<td>{escape(i.title)}{tag if i.is_lighthouse else ''}</td>"
            f"<td>{phases.get(i.phase_id, '')}</td>"
            f"<td>{statuses.get(i.status, escape(i.status))}</td>"
            f"<td>{escape(i.owning_unit__name) if i.owning_unit__name else '—'}</td>"
            f"<td>{i.start_date.isoformat() if i.start_date else '—'}</td>"
            f"<td>{i.end_date.isoformat() if i.end_date else '—'}</td></tr>")
    return mark_safe("\n".join(out))  # noqa: S308 - every value above is escaped


def _options(pairs, current) -> str:
    """The <option>s of a filter, with the current choice selected (every value escaped)."""
    current = "" if current is None else str(current)
    options = [("", _("All"))] + [(str(value), str(label)) for value, label in pairs]
    return mark_safe("".join(  # noqa: S308 - values and labels are escaped
        f'<option value="{escape(value)}"{" selected" if value == current else ""}>'
        f"{escape(label)}</option>" for value, label in options))


def filters(f: selectors.InitiativeFilter, phases, units) -> list[dict]:
    lighthouse = {True: "yes", False: "no"}.get(f.lighthouse, "")
    return [
        {"id": "f-phase", "name": "phase", "label": _("Phase"),
         "options": _options([(p.key, str(p)) for p in phases], f.phase)},
        {"id": "f-status", "name": "status", "label": _("Status"),
         "options": _options(Initiative.Status.choices, f.status)},
        {"id": "f-unit", "name": "unit", "label": _("Owning unit"),
         "options": _options([(u.pk, u.name) for u in units], f.unit)},
        {"id": "f-ambition", "name": "ambition", "label": _("Ambition"),
         "options": _options(Initiative.Ambition.choices, f.ambition)},
        {"id": "f-lighthouse", "name": "lighthouse", "label": _("Lighthouse"),
         "options": _options([("yes", _("Yes")), ("no", _("No"))], lighthouse)},
    ]


def columns(f: selectors.InitiativeFilter, query: QueryDict) -> list[dict]:
    """Column headers with their sort links and the state a screen reader hears."""
    base = query.copy()
    base.pop("sort", None)
    base.pop("page", None)
    prefix = base.urlencode()
    prefix = f"?{prefix}&sort=" if prefix else "?sort="
    labels = column_labels()
    out = []
    for key in COLUMNS:
        if f.sort == key:
            aria, target, hint = "ascending", f"-{key}", _(
                "sorted ascending; activate to sort descending")
        elif f.sort == f"-{key}":
            aria, target, hint = "descending", key, _(
                "sorted descending; activate to sort ascending")
        else:
            aria, target, hint = "", key, _("activate to sort")
        out.append({"label": labels[key], "href": prefix + target, "aria_sort": aria,
                    "hint": hint})
    return out
