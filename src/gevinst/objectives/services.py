"""Every write to objectives (the tree that benefits and initiatives link to)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gevinst.core.models import Organisation, User
from gevinst.core.services import next_reference
from gevinst.objectives.models import Objective


@transaction.atomic
def do_create_objective(*, actor: User | None, organisation: Organisation, title: str,
                        description: str = "", parent: Objective | None = None) -> Objective:
    if parent is not None and parent.organisation_id != organisation.pk:
        raise ValidationError({"parent": _("Choose an objective of this organisation.")})
    number, reference = next_reference(organisation, "OBJ")
    objective = Objective(organisation=organisation, number=number, reference=reference,
                          title=title, description=description, parent=parent)
    objective.full_clean(exclude=["organisation", "parent"])
    objective._history_user = actor
    objective.save()
    return objective
