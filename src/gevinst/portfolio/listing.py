"""What the portfolio overview (the initiative list) shows, prepared in Python.

The list is the most visited page; building its rows, filter options and sort links here
keeps the template to plain output (Django's template engine is the slow part of a page).
The person chooses the columns (``?cols=...``, repeatable); rows read only those columns.
"""

from __future__ import annotations

from html import escape

from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from gevinst.portfolio.models import RAG, Initiative
from gevinst.portfolio.selectors import initiatives as selectors

# Every column the overview can show, in display order.
COLUMNS = list(selectors.COLUMN_FIELDS)
DEFAULT_COLUMNS = list(selectors.DEFAULT_COLUMNS)
# The query-string keys of the overview: what a saved view keeps.
QUERY_KEYS = ("q", "phase", "status", "unit", "programme", "ambition", "lighthouse", "rag",
              "sort", "cols")


def column_labels() -> dict[str, str]:
    return {
        "reference": _("Reference"), "title": _("Title"), "phase": _("Phase"),
        "status": _("Status"), "rag": _("RAG"), "programme": _("Programme"),
        "unit": _("Owning unit"), "owner": _("Owner"), "manager": _("Manager"),
        "ambition": _("Ambition"), "lighthouse": _("Lighthouse"), "start": _("Start"),
        "end": _("End"), "updated": _("Updated"),
    }


def chosen_columns(query: QueryDict) -> list[str]:
    """The columns of ``?cols=`` in display order; the reference is always shown (it links
    to the initiative); nothing valid chosen means the default columns."""
    wanted = {c for value in query.getlist("cols") for c in value.split(",")}
    chosen = [c for c in COLUMNS if c in wanted]
    if not chosen:
        return list(DEFAULT_COLUMNS)
    if "reference" not in chosen:
        chosen.insert(0, "reference")
    return chosen


def rag_labels() -> dict[str, str]:
    return {**{value: str(label) for value, label in RAG.choices}, "": _("Not reported")}


def _person(name, email) -> str:
    return escape(name or email) if (name or email) else "—"


def rows_html(organisation, initiatives, phase_names: dict[int, str],
              columns=DEFAULT_COLUMNS) -> str:
    """The table rows as HTML. Every value is escaped; plain string building here because
    the list is the most visited page and Django's template loop is ~10x slower."""
    base = escape(reverse("initiative_list", kwargs={"org_slug": organisation.slug}))
    statuses = {value: escape(str(label)) for value, label in Initiative.Status.choices}
    ambitions = {value: escape(str(label)) for value, label in Initiative.Ambition.choices}
    phases = {pk: escape(name) for pk, name in phase_names.items()}
    rags = {value: escape(label) for value, label in rag_labels().items()}
    yes, no = escape(_("Yes")), escape(_("No"))
    tag = (' <span class="ds-tag" data-color="info" data-size="sm">'
           f"{escape(str(_('Lighthouse')))}</span>") if "lighthouse" not in columns else ""
    tz = timezone.get_current_timezone()

    def rag(i):
        label = rags.get(i.rag, escape(i.rag))
        period = f' <span class="gv-muted">{i.rag_period:%Y-%m}</span>' if i.rag_period else ""
        return f'<td><span class="gv-rag" data-rag="{i.rag or "none"}">{label}</span>{period}</td>'

    # One small function per column, chosen once (not an if-chain per cell).
    cell = {
        "reference": lambda i: (f'<td><a class="ds-link" href="{base}{escape(i.reference)}/">'
                                f"{escape(i.reference)}</a></td>"),
        "title": lambda i: f"<td>{escape(i.title)}{tag if i.is_lighthouse else ''}</td>",
        "phase": lambda i: f"<td>{phases.get(i.phase_id, '')}</td>",
        "status": lambda i: f"<td>{statuses.get(i.status, escape(i.status))}</td>",
        "rag": rag,
        "programme": lambda i: f"<td>{escape(i.programme__name or '—')}</td>",
        "unit": lambda i: f"<td>{escape(i.owning_unit__name or '—')}</td>",
        "owner": lambda i: f"<td>{_person(i.owner__full_name, i.owner__email)}</td>",
        "manager": lambda i: f"<td>{_person(i.manager__full_name, i.manager__email)}</td>",
        "ambition": lambda i: f"<td>{ambitions.get(i.ambition, escape(i.ambition))}</td>",
        "lighthouse": lambda i: f"<td>{yes if i.is_lighthouse else no}</td>",
        "start": lambda i: f"<td>{i.start_date.isoformat() if i.start_date else '—'}</td>",
        "end": lambda i: f"<td>{i.end_date.isoformat() if i.end_date else '—'}</td>",
        "updated": lambda i: f"<td>{i.updated_at.astimezone(tz).date().isoformat()}</td>",
    }
    render = [cell[c] for c in columns]
    out = ["<tr>" + "".join([r(i) for r in render]) + "</tr>" for i in initiatives]
    return mark_safe("\n".join(out))  # noqa: S308 - every value above is escaped


def _options(pairs, current) -> str:
    """The <option>s of a filter, with the current choice selected (every value escaped)."""
    current = "" if current is None else str(current)
    options = [("", _("All"))] + [(str(value), str(label)) for value, label in pairs]
    return mark_safe("".join(  # noqa: S308 - values and labels are escaped
        f'<option value="{escape(value)}"{" selected" if value == current else ""}>'
        f"{escape(label)}</option>" for value, label in options))


select_options = _options


def filters(f: selectors.InitiativeFilter, phases, units, programmes=()) -> list[dict]:
    """The filter <select>s; ``units`` and ``programmes`` as (id, name) pairs."""
    lighthouse = {True: "yes", False: "no"}.get(f.lighthouse, "")
    rag = [(value, label) for value, label in RAG.choices] + [(selectors.NONE,
                                                               _("Not reported"))]
    return [
        {"id": "f-phase", "name": "phase", "label": _("Phase"),
         "options": _options([(p.key, str(p)) for p in phases], f.phase)},
        {"id": "f-status", "name": "status", "label": _("Status"),
         "options": _options(Initiative.Status.choices, f.status)},
        {"id": "f-rag", "name": "rag", "label": _("RAG"), "options": _options(rag, f.rag)},
        {"id": "f-unit", "name": "unit", "label": _("Owning unit"),
         "options": _options(units, f.unit)},
        {"id": "f-programme", "name": "programme", "label": _("Programme"),
         "options": _options([*programmes, (selectors.NONE, _("No programme"))],
                             f.programme)},
        {"id": "f-ambition", "name": "ambition", "label": _("Ambition"),
         "options": _options(Initiative.Ambition.choices, f.ambition)},
        {"id": "f-lighthouse", "name": "lighthouse", "label": _("Lighthouse"),
         "options": _options([("yes", _("Yes")), ("no", _("No"))], lighthouse)},
    ]


def column_picker(chosen: list[str]) -> str:
    """The column picker's checkboxes as HTML (the reference is always shown)."""
    labels = column_labels()
    always = escape(_("always shown"))
    out = []
    for key in COLUMNS:
        state = (" checked" if key in chosen else "") + (" disabled" if key == "reference"
                                                         else "")
        note = f' <span class="gv-muted">({always})</span>' if key == "reference" else ""
        out.append(
            f'<span class="gv-check"><input class="ds-input" type="checkbox" id="col-{key}" '
            f'name="cols" value="{key}"{state}><label class="ds-label" data-weight="regular" '
            f'for="col-{key}">{escape(labels[key])}{note}</label></span>')
    return mark_safe("".join(out))  # noqa: S308 - keys are ours, labels escaped


def columns(f: selectors.InitiativeFilter, query: QueryDict,
            chosen=DEFAULT_COLUMNS) -> list[dict]:
    """Column headers with their sort links and the state a screen reader hears."""
    base = query.copy()
    base.pop("sort", None)
    base.pop("page", None)
    prefix = base.urlencode()
    prefix = f"?{prefix}&sort=" if prefix else "?sort="
    labels = column_labels()
    out = []
    for key in chosen:
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


def clean_query(query: QueryDict) -> str:
    """The overview's own keys of a query string (no page, nothing unknown), encoded."""
    out = QueryDict(mutable=True)
    for key in QUERY_KEYS:
        values = [v for v in query.getlist(key) if v != ""]
        if values:
            out.setlist(key, values)
    return out.urlencode()
