"""Every write to the actions of a risk (what someone will do about it, by when)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gevinst.core.models import Membership, User
from gevinst.core.versioning import claim_version
from gevinst.risks.models import Risk, RiskAction

ACTION_FIELDS = ("description", "owner", "due_date", "status")


def _tracked(instance, actor):
    instance._history_user = actor
    return instance


def _check(action: RiskAction, errors: dict) -> None:
    if not str(action.description or "").strip():
        errors.setdefault("description", []).append(_("Describe the action."))
    if action.owner_id is not None and not Membership.objects.filter(
            organisation_id=action.organisation_id, user_id=action.owner_id).exists():
        errors.setdefault("owner", []).append(
            _("Choose a member of this organisation as action owner."))
    if action.status not in RiskAction.Status.values:
        errors.setdefault("status", []).append(_("Choose a status."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def do_add_action(*, actor: User | None, risk: Risk, description: str, owner=None,
                  due_date=None) -> RiskAction:
    action = RiskAction(organisation_id=risk.organisation_id, risk=risk,
                        description=(description or "").strip(), owner=owner,
                        due_date=due_date)
    _check(action, {})
    _tracked(action, actor).save()
    return action


@transaction.atomic
def do_update_action(*, actor: User | None, action: RiskAction, data: dict,
                     expected_version: int | None) -> RiskAction:
    """Edit an action; marking it done records today as its completion date."""
    unknown = set(data) - set(ACTION_FIELDS)
    if unknown:
        raise TypeError(f"unknown action fields: {sorted(unknown)}")
    old_status = action.status
    for name, value in data.items():
        setattr(action, name, value)
    if isinstance(action.description, str):
        action.description = action.description.strip()
    _check(action, {})
    if action.status != old_status:
        action.completed_on = (timezone.localdate() if action.status == RiskAction.Status.DONE
                               else None)
    claim_version(action, expected_version)
    _tracked(action, actor).save()
    return action
