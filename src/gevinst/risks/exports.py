"""The risk register to Excel: a workbook with two sheets.

- **Risks**: every field of each risk or opportunity, the scores before and after action,
  the appetite that applies and whether the risk is above it, the acceptance (who, when,
  why, at which score), the escalation and the review dates.
- **Actions**: every action of those risks with its owner, due date and status.

The first columns of the Risks sheet carry the import's headings in the user's language and
values it reads back (labels, references, the owner's email), so that an export edited in
Excel can be imported as new risks (without the Reference column).

Formula injection: every text is written with ``write_string`` on a workbook opened with
``strings_to_formulas`` off (core/excel.py), so a title such as ``=HYPERLINK(...)`` stays
text. Three queries whatever the number of risks: the actions, the appetite and the risks.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter

import xlsxwriter
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gevinst.core.excel import WORKBOOK_OPTIONS, write_sheet
from gevinst.core.models import Organisation
from gevinst.portfolio.imports.headings import heading
from gevinst.risks import calc
from gevinst.risks.imports.headings import RISK_FIELDS
from gevinst.risks.models import Category, Risk, RiskAction, RiskAppetite

# The Risks sheet's columns that the import reads back, in the import's order.
IMPORTED = ("kind", "title", "description", "cause", "effect", "category", "proximity",
            "initiative", "programme", "owner", "status", "probability", "impact",
            "residual_probability", "residual_impact", "strategy", "next_review")
CHUNK = 2000


def _labels() -> dict[str, dict[str, str]]:
    """Choice labels in the active language."""
    return {
        "kind": {k: str(v) for k, v in Risk.Kind.choices},
        "category": {k: str(v) for k, v in Category.choices},
        "proximity": {k: str(v) for k, v in Risk.Proximity.choices},
        "level": {k: str(v) for k, v in Risk.Level.choices},
        "status": {k: str(v) for k, v in Risk.Status.choices},
        "strategy": {k: str(v) for k, v in Risk.Strategy.choices},
        "action_status": {k: str(v) for k, v in RiskAction.Status.choices},
    }


def _local(moment: dt.datetime | None, tz) -> dt.datetime | None:
    return moment.astimezone(tz).replace(tzinfo=None) if moment else None


def risk_headers(language: str) -> list[str]:
    fields = {f.key: f for f in RISK_FIELDS}
    return [
        _("Reference"), *[heading(fields[key], language) for key in IMPORTED],
        _("Level"), _("Risk owner's name"), pgettext("risk", "Score"), _("Score after action"),
        _("Highest acceptable score (risk appetite)"), _("Above risk appetite"),
        _("Needs a decision"), _("Accepted by"), _("Accepted"), _("Acceptance decision"),
        _("Score when accepted"), _("Escalated on"), _("Reason for escalation"),
        _("Last reviewed"), _("Closed on"), _("Open actions"), _("Created"), _("Updated"),
    ]


def risk_row(risk: Risk, labels: dict, appetite: dict[str, int], open_actions: Counter,
             tz) -> list:
    values = {
        "kind": labels["kind"][risk.kind], "title": risk.title,
        "description": risk.description, "cause": risk.cause, "effect": risk.effect,
        "category": labels["category"].get(risk.category, risk.category),
        "proximity": labels["proximity"][risk.proximity],
        "initiative": risk.initiative.reference if risk.initiative_id else None,
        "programme": risk.programme.reference if risk.programme_id else None,
        "owner": risk.owner.email if risk.owner_id else None,
        "status": labels["status"][risk.status], "probability": risk.probability,
        "impact": risk.impact, "residual_probability": risk.residual_probability,
        "residual_impact": risk.residual_impact,
        "strategy": labels["strategy"][risk.strategy], "next_review": risk.next_review,
    }
    return [
        risk.reference, *[values[key] for key in IMPORTED],
        labels["level"][risk.level], str(risk.owner) if risk.owner_id else None,
        risk.score, risk.residual_score,
        calc.threshold_for(risk.category, appetite) if risk.kind == Risk.Kind.RISK else None,
        risk.above_appetite, calc.needs_decision(risk),
        str(risk.accepted_by) if risk.accepted_by_id else None,
        _local(risk.accepted_at, tz), risk.acceptance_decision or None, risk.accepted_score,
        risk.escalated_on, risk.escalation_reason or None, risk.last_reviewed_on,
        risk.closed_on, open_actions.get(risk.pk, 0), _local(risk.created_at, tz),
        _local(risk.updated_at, tz),
    ]


def action_headers() -> list[str]:
    return [_("Risk"), _("Risk title"), pgettext("risk action", "Action"), _("Action owner"),
            _("Action owner's name"), _("Due date"), _("Status"), _("Overdue"),
            _("Completed on"), _("Created")]


def action_row(action: RiskAction, labels: dict, today: dt.date, tz) -> list:
    overdue = (action.status in RiskAction.OPEN and action.due_date is not None
               and action.due_date < today)
    return [action.risk.reference, action.risk.title, action.description,
            action.owner.email if action.owner_id else None,
            str(action.owner) if action.owner_id else None, action.due_date,
            labels["action_status"][action.status], overdue, action.completed_on,
            _local(action.created_at, tz)]


def register_workbook(organisation: Organisation, risks: QuerySet[Risk], language: str,
                      today: dt.date | None = None) -> bytes:
    """The workbook of ``risks`` (a queryset of the organisation's risks, in the order to
    export) and their actions, labels in the active language."""
    today = today or timezone.localdate()
    tz = timezone.get_current_timezone()
    labels = _labels()
    ids = risks.order_by().values("pk")
    actions = list(RiskAction.objects.filter(organisation=organisation, risk_id__in=ids)
                   .select_related("risk", "owner")
                   .only("id", "organisation_id", "description", "due_date", "status",
                         "completed_on", "created_at", "risk_id", "risk__number",
                         "risk__reference", "risk__title", "owner_id", "owner__email",
                         "owner__full_name")
                   .order_by("risk__number", "due_date", "id"))
    open_actions = Counter(a.risk_id for a in actions if a.status in RiskAction.OPEN)
    appetite = dict(RiskAppetite.objects.filter(organisation=organisation)
                    .values_list("category", "threshold"))
    rows = (risk_row(risk, labels, appetite, open_actions, tz)
            for risk in risks.defer(None)
            .select_related("owner", "accepted_by", "initiative", "programme")
            .iterator(chunk_size=CHUNK))
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, WORKBOOK_OPTIONS)
    formats = {"bold": book.add_format({"bold": True, "text_wrap": True, "valign": "top"}),
               "date": book.add_format({"num_format": "yyyy-mm-dd"}),
               "datetime": book.add_format({"num_format": "yyyy-mm-dd hh:mm"})}
    write_sheet(book, formats, _("Risks"), risk_headers(language), rows)
    write_sheet(book, formats, _("Actions"), action_headers(),
                 (action_row(a, labels, today, tz) for a in actions))
    book.close()
    return buffer.getvalue()
