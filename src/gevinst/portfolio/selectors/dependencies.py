"""Reads of dependencies, and the warnings when what an initiative needs is late or stopped.

Late: the other initiative is not completed, and its end date is after the date it is
needed by (``needed_by``, or else the needing initiative's start date) or already past.
Stopped: the other initiative's status is stopped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from gevinst.portfolio.models import Dependency, Initiative

LATE = "late"
STOPPED = "stopped"


@dataclass
class Link:
    dependency: Dependency
    other: Initiative  # the initiative at the other end of the dependency
    needed_by: dt.date | None  # needed_by, or else the needing initiative's start date
    warning: str  # '', LATE or STOPPED


def warning_for(dependency: Dependency, today: dt.date | None = None) -> tuple[str, dt.date | None]:
    """(warning, the date it is needed by) for a dependency with both ends loaded."""
    today = today or timezone.localdate()
    needer, needed = dependency.initiative, dependency.depends_on
    needed_by = dependency.needed_by or needer.start_date
    if needed.status == Initiative.Status.STOPPED:
        return STOPPED, needed_by
    if needed.status == Initiative.Status.COMPLETED or needed.end_date is None:
        return "", needed_by
    if (needed_by is not None and needed.end_date > needed_by) or needed.end_date < today:
        return LATE, needed_by
    return "", needed_by


def _base(initiative: Initiative) -> QuerySet[Dependency]:
    return (Dependency.objects.filter(organisation_id=initiative.organisation_id)
            .select_related("initiative", "depends_on", "depends_on__phase",
                            "initiative__phase"))


def needs(initiative: Initiative, today: dt.date | None = None) -> list[Link]:
    """What this initiative needs from others, each with its warning."""
    links = []
    for dep in _base(initiative).filter(initiative=initiative).order_by("depends_on__number"):
        warning, needed_by = warning_for(dep, today)
        links.append(Link(dep, dep.depends_on, needed_by, warning))
    return links


def needed_by_others(initiative: Initiative, today: dt.date | None = None) -> list[Link]:
    """Initiatives that need this one, each with the warning they see."""
    links = []
    for dep in _base(initiative).filter(depends_on=initiative).order_by("initiative__number"):
        warning, needed_by = warning_for(dep, today)
        links.append(Link(dep, dep.initiative, needed_by, warning))
    return links


def warnings(initiative: Initiative, today: dt.date | None = None) -> list[Link]:
    """The dependencies of this initiative that are late or stopped (for the overview)."""
    return [link for link in needs(initiative, today) if link.warning]


def get_dependency(initiative: Initiative, dependency_id: int) -> Dependency:
    """A dependency in which ``initiative`` is the one that needs, or 404."""
    dep = _base(initiative).filter(pk=dependency_id, initiative=initiative).first()
    if dep is None:
        raise Http404
    return dep

