"""Every write to dependencies between initiatives."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gevinst.core.models import User
from gevinst.portfolio.models import Dependency, Initiative


@transaction.atomic
def do_add_dependency(*, actor: User | None, initiative: Initiative, depends_on: Initiative,
                      description: str = "", needed_by: dt.date | None = None) -> Dependency:
    """``initiative`` needs ``depends_on`` to deliver (by ``needed_by``, or by its start)."""
    if depends_on is None or depends_on.organisation_id != initiative.organisation_id:
        raise ValidationError({"depends_on": _("Choose an initiative of this organisation.")})
    if depends_on.pk == initiative.pk:
        raise ValidationError({"depends_on": _("An initiative cannot depend on itself.")})
    pairs = Dependency.objects.filter(organisation_id=initiative.organisation_id)
    if pairs.filter(initiative=initiative, depends_on=depends_on).exists():
        raise ValidationError({"depends_on": _("%(ref)s is already a dependency of this "
                                               "initiative.") % {"ref": depends_on.reference}})
    if pairs.filter(initiative=depends_on, depends_on=initiative).exists():
        raise ValidationError({"depends_on": _(
            "%(other)s already depends on %(this)s; they cannot depend on each other. "
            "Remove that dependency first, or split out what both need.")
            % {"other": depends_on.reference, "this": initiative.reference}})
    dependency = Dependency(organisation_id=initiative.organisation_id, initiative=initiative,
                            depends_on=depends_on, description=(description or "").strip(),
                            needed_by=needed_by)
    try:
        dependency.full_clean(exclude=["organisation", "initiative", "depends_on"],
                              validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from exc
    dependency._history_user = actor
    dependency.save()
    return dependency


@transaction.atomic
def do_remove_dependency(*, actor: User, dependency: Dependency) -> None:
    dependency._history_user = actor
    dependency.delete()
