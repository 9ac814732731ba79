"""The risks' part of the daily follow-up digest (benefits/services/followup.py).

Three sections, registered in ``RisksConfig.ready()`` so that ``gevinst followup`` (which
runs ``run_followup`` per organisation) sends them in the same one email a day as the
benefits sections:

- **Risks due for review**: open risks and opportunities whose next review date is today or
  has passed, to the risk's owner;
- **Overdue risk actions**: open actions (planned or in progress) of open risks whose due
  date has passed, to the action's owner;
- **Risk actions due soon**: the same, due within ``DUE_SOON_DAYS`` days (from today).

Each section is one query for the whole organisation, whatever the number of people or
rows. A person who owns only risks (no benefits) gets a digest too; a person with both gets
one email with every section.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gevinst.benefits.services.followup import (
    DUE_SOON_DAYS,
    DigestItem,
    DigestSection,
    FollowUpContext,
)
from gevinst.risks.models import Risk, RiskAction

# A reference no risk has: reverse() once, then fill in each risk's reference.
_SENTINEL = "RSK-SENTINEL"
# An action's text in a digest line is cut to this many characters.
ACTION_TEXT = 80


def risk_link(ctx: FollowUpContext, reference: str) -> str:
    """The absolute address of a risk's page (``risk_detail``; its path if not routed)."""
    template = ctx._cache.get("risk_link")
    if template is None:
        template = ctx._cache["risk_link"] = ctx.link(
            "risk_detail", f"risks/{_SENTINEL}/", risk=_SENTINEL)
    return template.replace(_SENTINEL, reference)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= ACTION_TEXT else text[:ACTION_TEXT - 1].rstrip() + "…"


def _days_late(ctx: FollowUpContext, day) -> str:
    days = (ctx.today - day).days
    key = ("days_late", days)
    if key not in ctx._cache:
        ctx._cache[key] = (_("due today") if days == 0 else ngettext(
            "%(days)s day late", "%(days)s days late", days) % {"days": days})
    return ctx._cache[key]


def _due_page(ctx: FollowUpContext) -> tuple[str, str]:
    """Where the digest sends the reader for every risk and action that needs attention."""
    return (_("Risks and actions that need attention"), ctx.link("risk_due", "risks/due/"))


def review_section(ctx: FollowUpContext) -> DigestSection:
    """Open risks and opportunities whose review date is today or has passed."""
    section = DigestSection(
        page=_due_page(ctx), key="risks_review", heading=_("Risks due for review"),
        intro=_("The review date of these risks and opportunities has come. Check that "
                "probability, impact and the actions are still right, then record the "
                "review and set the next review date."))
    rows = (Risk.objects
            .filter(organisation=ctx.organisation, status=Risk.Status.OPEN,
                    owner__isnull=False, next_review__lte=ctx.today)
            .order_by("next_review", "number")
            .values("reference", "title", "kind", "owner_id", "next_review",
                    "residual_score", "above_appetite", "accepted_at", "accepted_score"))
    for row in rows:
        detail = _("Review was due %(due)s (%(late)s). Score after action: %(score)s.") % {
            "due": ctx.date(row["next_review"]), "late": _days_late(ctx, row["next_review"]),
            "score": row["residual_score"]}
        accepted = (row["accepted_at"] is not None and row["accepted_score"] is not None
                    and row["residual_score"] <= row["accepted_score"])
        if row["above_appetite"] and not accepted:
            detail += " " + _("Above the risk appetite and not accepted: it needs a decision.")
        section.items.setdefault(row["owner_id"], []).append(DigestItem(
            reference=row["reference"], title=row["title"], detail=detail,
            link=risk_link(ctx, row["reference"])))
    return section


def _open_actions(ctx: FollowUpContext):
    """Open actions of open risks that have an owner and a due date (one query)."""
    return (RiskAction.objects
            .filter(organisation=ctx.organisation, status__in=RiskAction.OPEN,
                    owner__isnull=False, due_date__isnull=False,
                    risk__status=Risk.Status.OPEN)
            .order_by("due_date", "risk__number", "pk")
            .values("description", "owner_id", "due_date", "risk__reference", "risk__title"))


def _action_item(ctx: FollowUpContext, row: dict, detail: str) -> DigestItem:
    return DigestItem(reference=row["risk__reference"], title=row["risk__title"],
                      detail=detail, link=risk_link(ctx, row["risk__reference"]))


def overdue_actions_section(ctx: FollowUpContext) -> DigestSection:
    """Actions past their due date and not done (or cancelled)."""
    section = DigestSection(
        page=_due_page(ctx), key="risk_actions_overdue", heading=_("Overdue risk actions"),
        intro=_("You own these actions on risks, and their due date has passed. Carry them "
                "out and mark them done, or agree a new date with the risk owner."))
    for row in _open_actions(ctx).filter(due_date__lt=ctx.today):
        detail = _("Action “%(action)s” was due %(due)s (%(late)s).") % {
            "action": _short(row["description"]), "due": ctx.date(row["due_date"]),
            "late": _days_late(ctx, row["due_date"])}
        section.items.setdefault(row["owner_id"], []).append(_action_item(ctx, row, detail))
    return section


def actions_due_soon_section(ctx: FollowUpContext) -> DigestSection:
    """Actions due in the coming days."""
    section = DigestSection(
        page=_due_page(ctx), key="risk_actions_due", heading=_("Risk actions due soon"),
        intro=ngettext("Actions you own that are due within the next %(days)s day.",
                       "Actions you own that are due within the next %(days)s days.",
                       DUE_SOON_DAYS) % {"days": DUE_SOON_DAYS})
    for row in _open_actions(ctx).filter(due_date__gte=ctx.today,
                                         due_date__lte=ctx.due_soon_until):
        detail = _("Action “%(action)s” is due %(due)s.") % {
            "action": _short(row["description"]), "due": ctx.date(row["due_date"])}
        section.items.setdefault(row["owner_id"], []).append(_action_item(ctx, row, detail))
    return section


SECTIONS = (review_section, overdue_actions_section, actions_due_soon_section)


def register() -> None:
    """Add the risks' sections to the daily digest (idempotent)."""
    from gevinst.benefits.services.followup import register_section

    for builder in SECTIONS:
        register_section(builder)
