"""Every write to a risk or an opportunity: register, edit, review, accept with a named
decision, escalate, close and reopen. Derived fields (score, residual score, the appetite
flag) are kept by :func:`refresh_risk` on every save (risks/calc.py holds the arithmetic).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gevinst.core.models import Membership, Organisation, User
from gevinst.core.services import next_reference
from gevinst.core.versioning import claim_version
from gevinst.risks import calc
from gevinst.risks.models import Risk, RiskAppetite

RISK_FIELDS = (
    "kind", "title", "description", "cause", "effect", "category", "proximity", "initiative",
    "programme", "owner", "probability", "impact", "residual_probability", "residual_impact",
    "strategy", "next_review", "status",
)
LEVEL_RANK = {Risk.Level.INITIATIVE: 1, Risk.Level.PROGRAMME: 2, Risk.Level.ORGANISATION: 3}


# Review and closing comments are kept as the history row's change reason (100 characters).
COMMENT_MAX = 100


def _tracked(instance, actor, reason: str = ""):
    instance._history_user = actor
    if reason:
        instance._change_reason = reason
    return instance


def _comment(comment: str) -> str:
    """A review or closing comment, refused (never cut) when longer than the history keeps."""
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        raise ValidationError({"comment": _(
            "Keep the comment to %(max)s characters (it has %(n)s).")
            % {"max": COMMENT_MAX, "n": len(comment)}})
    return comment


def appetite_of(organisation_id: int) -> dict[str, int]:
    """The organisation's thresholds by category (categories without a row are absent:
    calc.threshold_for gives them the default)."""
    return dict(RiskAppetite.objects.filter(organisation_id=organisation_id)
                .values_list("category", "threshold"))


def threshold_of(risk: Risk) -> int:
    row = (RiskAppetite.objects.filter(organisation_id=risk.organisation_id,
                                       category=risk.category)
           .values_list("threshold", flat=True).first())
    return row if row is not None else RiskAppetite.DEFAULT_THRESHOLD


def refresh_risk(risk: Risk, *, threshold: int | None = None) -> Risk:
    """Set the derived fields of ``risk`` in memory (the caller saves): score, residual
    score (falling back to the score while the residual is not assessed) and the appetite
    flag against ``threshold`` (read from the organisation's appetite when not given)."""
    risk.score = calc.score(risk.probability, risk.impact)
    risk.residual_score = calc.current_score(risk.residual_probability, risk.residual_impact,
                                             risk.score)
    if threshold is None:
        threshold = threshold_of(risk)
    risk.above_appetite = calc.is_above_appetite(risk.kind, risk.residual_score, threshold)
    return risk


def _clear_acceptance(risk: Risk) -> None:
    risk.accepted_by = None
    risk.accepted_at = None
    risk.acceptance_decision = ""
    risk.accepted_score = None


def _int_1_to_5(value, name: str, errors: dict, required: bool) -> int | None:
    if value is None or value == "":
        if required:
            errors.setdefault(name, []).append(_("Choose a value from 1 to 5."))
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if not 1 <= number <= 5 or str(value).strip() not in (str(number), f"{number}.0"):
        errors.setdefault(name, []).append(_("Choose a value from 1 to 5."))
        return None
    return number


def _check_relations(organisation: Organisation, data: dict, errors: dict) -> None:
    initiative = data.get("initiative")
    if initiative is not None and initiative.organisation_id != organisation.pk:
        errors.setdefault("initiative", []).append(_("Choose an initiative of this "
                                                     "organisation."))
    programme = data.get("programme")
    if programme is not None and programme.organisation_id != organisation.pk:
        errors.setdefault("programme", []).append(_("Choose a programme of this "
                                                    "organisation."))
    owner = data.get("owner")
    if owner is not None and not Membership.objects.filter(
            organisation=organisation, user=owner).exists():
        errors.setdefault("owner", []).append(
            _("Choose a member of this organisation as risk owner."))


def _derive_level(risk: Risk, errors: dict, keep_escalation: bool) -> None:
    """Level from where the risk lives: an initiative's risk is at initiative level (and in
    the initiative's programme), a programme's at programme level, else the organisation's.
    An escalated risk keeps the level it was escalated to."""
    if risk.initiative_id is not None:
        programme_id = risk.initiative.programme_id
        if risk.programme_id is None:
            risk.programme_id = programme_id
        elif risk.programme_id != programme_id:
            errors.setdefault("programme", []).append(
                _("%(initiative)s is not part of this programme; leave the programme empty "
                  "or choose the initiative's own.") % {"initiative": risk.initiative.reference})
        level = Risk.Level.INITIATIVE
    elif risk.programme_id is not None:
        level = Risk.Level.PROGRAMME
    else:
        level = Risk.Level.ORGANISATION
    if keep_escalation and risk.escalated_on and LEVEL_RANK[Risk.Level(risk.level)] > \
            LEVEL_RANK[level]:
        if risk.level == Risk.Level.PROGRAMME and risk.programme_id is None:
            risk.level = level  # escalated to a programme the risk no longer has
        return
    risk.level = level


def _validate(risk: Risk, errors: dict, *, was_accepted: bool) -> None:
    risk.title = str(risk.title or "").strip()
    if not risk.title:
        errors.setdefault("title", []).append(_("Give the risk a short title."))
    if risk.kind not in Risk.Kind.values:
        errors.setdefault("kind", []).append(_("Choose risk or opportunity."))
    risk.probability = _int_1_to_5(risk.probability, "probability", errors, True)
    risk.impact = _int_1_to_5(risk.impact, "impact", errors, True)
    risk.residual_probability = _int_1_to_5(risk.residual_probability,
                                            "residual_probability", errors, False)
    risk.residual_impact = _int_1_to_5(risk.residual_impact, "residual_impact", errors, False)
    if (risk.residual_probability is None) != (risk.residual_impact is None) and not (
            errors.get("residual_probability") or errors.get("residual_impact")):
        missing = "residual_impact" if risk.residual_impact is None else "residual_probability"
        errors.setdefault(missing, []).append(
            _("Assess both probability and impact after action, or neither."))
    allowed = (Risk.RISK_STRATEGIES if risk.kind == Risk.Kind.RISK
               else Risk.OPPORTUNITY_STRATEGIES)
    if risk.strategy not in allowed:
        errors.setdefault("strategy", []).append(
            _("“%(strategy)s” does not fit a %(kind)s; choose one of: %(allowed)s.") % {
                "strategy": Risk.Strategy(risk.strategy).label
                if risk.strategy in Risk.Strategy.values else risk.strategy,
                "kind": Risk.Kind(risk.kind).label.lower()
                if risk.kind in Risk.Kind.values else risk.kind,
                "allowed": ", ".join(str(Risk.Strategy(s).label) for s in allowed)})
    try:
        risk.full_clean(exclude=["organisation", "owner", "initiative", "programme", "number",
                                 "reference", "probability", "impact", "residual_probability",
                                 "residual_impact", "strategy", "kind", "title"],
                        validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    refresh_risk(risk)
    if risk.kind != Risk.Kind.RISK:
        _clear_acceptance(risk)
    elif risk.accepted_at is not None and not risk.is_accepted:
        # The risk grew beyond the score it was accepted at: the decision lapses (its record
        # stays in the history) and the risk is flagged again.
        _clear_acceptance(risk)
    lapsed = was_accepted and risk.accepted_at is None
    if (risk.strategy == Risk.Strategy.ACCEPT and risk.above_appetite
            and not risk.is_accepted and not lapsed):
        # "Accept" above appetite only through a named decision (do_accept_risk). A decision
        # that lapses in this very edit keeps its strategy: the risk is flagged for a new one.
        raise ValidationError({"strategy": _(
            "This risk is above the risk appetite (score %(score)s, appetite %(threshold)s): "
            "accepting it needs a named decision. Choose another strategy and save, then use "
            "“Accept risk” to record who accepts it and why.") % {
                "score": risk.residual_score, "threshold": threshold_of(risk)}})


def _check_known(data: dict) -> None:
    unknown = set(data) - set(RISK_FIELDS)
    if unknown:
        raise TypeError(f"unknown risk fields: {sorted(unknown)}")


@transaction.atomic
def do_create_risk(*, actor: User | None, organisation: Organisation, data: dict) -> Risk:
    """Register a risk or an opportunity. ``data`` holds Risk field names; the level follows
    from the initiative or programme given (else the organisation)."""
    _check_known(data)
    errors: dict[str, list[str]] = {}
    _check_relations(organisation, data, errors)
    risk = Risk(organisation=organisation, **{k: v for k, v in data.items()
                                              if k not in ("initiative", "programme")})
    risk.initiative = data.get("initiative")
    risk.programme = data.get("programme")
    if not errors:
        _derive_level(risk, errors, keep_escalation=False)
    if risk.status != Risk.Status.OPEN and risk.status in Risk.Status.values:
        risk.closed_on = timezone.localdate()
    _validate(risk, errors, was_accepted=False)
    risk.number, risk.reference = next_reference(organisation, "RSK")
    _tracked(risk, actor).save()
    return risk


@transaction.atomic
def do_update_risk(*, actor: User | None, risk: Risk, data: dict,
                   expected_version: int | None) -> Risk:
    """Edit a risk. A stale ``expected_version`` raises EditConflict. When the score after
    action rises above the score a risk was accepted at, the acceptance lapses."""
    _check_known(data)
    errors: dict[str, list[str]] = {}
    organisation = risk.organisation
    _check_relations(organisation, data, errors)
    was_accepted = risk.is_accepted
    old_status = risk.status
    for name, value in data.items():
        setattr(risk, name, value)
    if not errors and ("initiative" in data or "programme" in data):
        _derive_level(risk, errors, keep_escalation=True)
    if risk.status != old_status:
        risk.closed_on = None if risk.status == Risk.Status.OPEN else timezone.localdate()
    _validate(risk, errors, was_accepted=was_accepted)
    claim_version(risk, expected_version)
    _tracked(risk, actor).save()
    return risk


def _claim(risk: Risk, expected_version: int | None) -> None:
    claim_version(risk, risk.version if expected_version is None else expected_version)


@transaction.atomic
def do_review_risk(*, actor: User | None, risk: Risk, next_review: dt.date,
                   comment: str = "", expected_version: int | None = None) -> Risk:
    """Record that the risk was reviewed today and when it is reviewed next."""
    today = timezone.localdate()
    comment = _comment(comment)
    if not isinstance(next_review, dt.date) or next_review <= today:
        raise ValidationError({"next_review": _("Choose a date after today for the next "
                                                "review.")})
    _claim(risk, expected_version)
    risk.last_reviewed_on = today
    risk.next_review = next_review
    _tracked(risk, actor, comment or _("Reviewed")).save()
    return risk


@transaction.atomic
def do_accept_risk(*, actor: User | None, risk: Risk, decision: str,
                   expected_version: int | None = None) -> Risk:
    """Accept a risk above appetite with a named decision (who, when, why), for the score
    it has now. Refused for opportunities and for risks within appetite."""
    decision = (decision or "").strip()
    if risk.kind != Risk.Kind.RISK:
        raise ValidationError({"decision": _("An opportunity is not accepted: it is within "
                                             "appetite by nature.")})
    if risk.status != Risk.Status.OPEN:
        raise ValidationError({"decision": _("Only an open risk can be accepted.")})
    refresh_risk(risk)
    if not risk.above_appetite:
        raise ValidationError({"decision": _("This risk is within appetite: no decision is "
                                             "needed.")})
    if not decision:
        raise ValidationError({"decision": _("Write the decision: why the organisation "
                                             "accepts this risk, and on what terms.")})
    _claim(risk, expected_version)
    risk.strategy = Risk.Strategy.ACCEPT
    risk.accepted_by = actor
    risk.accepted_at = timezone.now()
    risk.acceptance_decision = decision
    risk.accepted_score = risk.residual_score
    _tracked(risk, actor).save()
    return risk


@transaction.atomic
def do_escalate_risk(*, actor: User | None, risk: Risk, level: str, reason: str,
                     expected_version: int | None = None) -> Risk:
    """Move a risk up to its programme or to the organisation (never down). The risk keeps
    its initiative and shows in the register of the level above as well."""
    reason = (reason or "").strip()
    if level not in (Risk.Level.PROGRAMME, Risk.Level.ORGANISATION):
        raise ValidationError({"level": _("Escalate to the programme or the organisation.")})
    if risk.status != Risk.Status.OPEN:
        raise ValidationError({"level": _("Only an open risk can be escalated.")})
    if LEVEL_RANK[Risk.Level(level)] <= LEVEL_RANK[Risk.Level(risk.level)]:
        raise ValidationError({"level": _("A risk is escalated upwards only: it is at %(level)s "
                                          "level already.") % {
            "level": Risk.Level(risk.level).label.lower()}})
    errors: dict[str, list[str]] = {}
    if level == Risk.Level.PROGRAMME:
        programme_id = risk.programme_id
        if risk.initiative_id is not None:
            programme_id = risk.initiative.programme_id or programme_id
        if programme_id is None:
            errors["level"] = [_("The initiative is not part of a programme: escalate to the "
                                 "organisation.")]
        else:
            risk.programme_id = programme_id
    if not reason:
        errors.setdefault("reason", []).append(_("Say why the risk is escalated."))
    if errors:
        raise ValidationError(errors)
    _claim(risk, expected_version)
    risk.level = level
    risk.escalated_on = timezone.localdate()
    risk.escalation_reason = reason
    _tracked(risk, actor).save()
    return risk


@transaction.atomic
def do_close_risk(*, actor: User | None, risk: Risk, status: str, comment: str = "",
                  expected_version: int | None = None) -> Risk:
    """Close a risk (it can no longer happen) or record that it occurred."""
    if status not in (Risk.Status.CLOSED, Risk.Status.OCCURRED):
        raise ValidationError({"status": _("Choose closed or occurred.")})
    if risk.status != Risk.Status.OPEN:
        raise ValidationError({"status": _("The risk is not open.")})
    comment = _comment(comment)
    _claim(risk, expected_version)
    risk.status = status
    risk.closed_on = timezone.localdate()
    _tracked(risk, actor, comment).save()
    return risk


@transaction.atomic
def do_reopen_risk(*, actor: User | None, risk: Risk,
                   expected_version: int | None = None) -> Risk:
    if risk.status == Risk.Status.OPEN:
        raise ValidationError({"status": _("The risk is open already.")})
    _claim(risk, expected_version)
    risk.status = Risk.Status.OPEN
    risk.closed_on = None
    refresh_risk(risk)
    _tracked(risk, actor).save()
    return risk
