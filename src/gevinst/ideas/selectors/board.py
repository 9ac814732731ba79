"""The idea board: the organisation's ideas as staff see them (newest, most supported or most
commented first; by affected unit, by status, by words of the title or problem), a page at a
time, with the number of ideas per status.

Cost: a fixed number of queries whatever the number of ideas. Without words: the counts per
status (without a unit either, every idea of the organisation counted on the (organisation,
status, number) index alone, less the few hidden ideas the reader does not see), the page's
rows, and their authors and affected units. The total is the sum of the counts per status,
so the list is never counted twice. The sorts follow the indexes (organisation, number) and
(organisation, support_count, number); a unit filter is ``IN (subquery)`` on the unit's
ideas, never a join that repeats an idea. With words (``q``): the texts are read once, for
the id and status of every match in order (counts, total and the page's ids at once), then
the page's rows by id.

Hidden ideas are left out for everyone but their author and the moderators, who see them
marked (``Idea.hidden``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet

from gevinst.core.models import Organisation, Unit, User
from gevinst.ideas import access
from gevinst.ideas.models import Idea

PER_PAGE = 25
SORTS: dict[str, tuple[str, ...]] = {
    "newest": ("-number",),
    "supported": ("-support_count", "-number"),
    "commented": ("-comment_count", "-number"),
}
DEFAULT_SORT = "newest"
Q_MAX = 200

# All a row of the board reads.
LIST_FIELDS = (
    "id", "organisation_id", "number", "reference", "title", "status", "score", "band",
    "support_count", "comment_count", "hidden", "created_at", "author_id", "initiative_id",
)


def visible_ideas(organisation: Organisation, membership) -> QuerySet[Idea]:
    """The organisation's ideas that ``membership`` may see: every idea for a moderator;
    for anyone else the ideas not hidden, and their own even when hidden."""
    qs = Idea.objects.filter(organisation=organisation)
    if access.can_moderate(membership):
        return qs
    if membership is None:
        return qs.filter(hidden=False)
    return qs.filter(Q(hidden=False) | Q(author_id=membership.user_id))


def clean_sort(value) -> str:
    value = str(value or "")
    return value if value in SORTS else DEFAULT_SORT


def clean_status(value) -> str | None:
    value = str(value or "")
    return value if value in Idea.Status.values else None


def clean_int(value) -> int | None:
    value = str(value or "").strip()
    return int(value) if value.isdigit() and len(value) < 12 else None


def search(qs: QuerySet[Idea], q: str) -> QuerySet[Idea]:
    """Ideas whose title or problem contains ``q`` (case-insensitive), or with reference
    ``q`` (IDE-0042)."""
    q = q.strip()[:Q_MAX]
    if not q:
        return qs
    condition = Q(reference=q.upper())
    for variant in _case_variants(q):
        condition |= Q(title__icontains=variant) | Q(problem__icontains=variant)
    return qs.filter(condition)


def _case_variants(q: str) -> list[str]:
    """SQLite's LIKE ignores the case of ASCII letters only: "økt" would miss "Økt". There,
    a word with other letters is also looked for in lower case, capitalised and upper
    case. PostgreSQL compares in upper case and needs none of this."""
    if connection.vendor != "sqlite" or q.isascii():
        return [q]
    return list(dict.fromkeys([q, q.lower(), q.capitalize(), q.upper()]))


@dataclass
class BoardPage:
    """One page of the board. ``status_counts`` counts the visible ideas per status under
    the unit and search filters (not the status filter, so that every status shows how
    many there are); ``total`` is the number of ideas in the list."""

    ideas: list[Idea]
    total: int
    page: int
    pages: int
    per_page: int
    status_counts: dict[str, int]
    sort: str = DEFAULT_SORT
    unit_id: int | None = None
    status: str | None = None
    q: str = ""
    filtered: bool = False
    counts: list[tuple[str, str, int]] = field(default_factory=list)

    @property
    def all_count(self) -> int:
        """Ideas of every status (under the unit and search filters)."""
        return sum(self.status_counts.values())

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def previous_page_number(self) -> int:
        return self.page - 1

    @property
    def next_page_number(self) -> int:
        return self.page + 1

    @property
    def first_index(self) -> int:
        return (self.page - 1) * self.per_page + 1 if self.ideas else 0

    @property
    def last_index(self) -> int:
        return (self.page - 1) * self.per_page + len(self.ideas)


def board_page(organisation: Organisation, membership, *, sort: str = DEFAULT_SORT,
               unit_id: int | None = None, status: str | None = None, q: str = "",
               page: int | str | None = 1, per_page: int = PER_PAGE) -> BoardPage:
    """One page of the idea board for ``membership`` (see the module's docstring). Invalid
    values of sort, status and page fall back to the defaults; an unknown unit lists
    nothing. At most five queries."""
    sort = clean_sort(sort)
    status = clean_status(status)
    unit_id = clean_int(unit_id)
    q = str(q or "").strip()[:Q_MAX]
    qs = visible_ideas(organisation, membership)
    if unit_id is not None:
        qs = qs.filter(pk__in=Idea.units.through.objects.filter(unit_id=unit_id)
                       .values("idea_id"))
    filtered = unit_id is not None or bool(q)
    if q:
        # Words are found by reading every idea's text: read it once, for the counts, the
        # total and the page together (id and status of every match, in order).
        matches = list(search(qs, q).order_by(*SORTS[sort]).values_list("pk", "status"))
        counts = {value: 0 for value in Idea.Status.values}
        for _pk, value in matches:
            counts[value] += 1
        chosen = [pk for pk, value in matches if status is None or value == status]
    else:
        counts = _grouped(qs) if filtered else status_counts(organisation, membership)
    total = counts[status] if status else sum(counts.values())
    pages = max(1, math.ceil(total / per_page))
    number = min(max(clean_int(page) or 1, 1), pages)
    start = (number - 1) * per_page
    ideas: list[Idea] = []
    if q:
        page_ids = chosen[start:start + per_page]
        if page_ids:
            found = {idea.pk: idea for idea in _rows(
                Idea.objects.filter(organisation=organisation, pk__in=page_ids))}
            ideas = [found[pk] for pk in page_ids if pk in found]
    elif total:
        if status:
            qs = qs.filter(status=status)
        ideas = list(_rows(qs.order_by(*SORTS[sort]))[start:start + per_page])
    return BoardPage(
        ideas=ideas, total=total, page=number, pages=pages, per_page=per_page,
        status_counts=counts, sort=sort, unit_id=unit_id, status=status, q=q,
        filtered=filtered,
        counts=[(value, label, counts[value]) for value, label in Idea.Status.choices])


def _rows(qs: QuerySet[Idea]) -> QuerySet[Idea]:
    """The board's columns of ``qs``, with authors and affected units read afterwards for
    the page only (a join here would let PostgreSQL misjudge a word search badly)."""
    return qs.only(*LIST_FIELDS).prefetch_related(
        Prefetch("author", queryset=User.objects.only("id", "full_name", "email")),
        Prefetch("units", queryset=Unit.objects.only("id", "name").order_by("name")))


def _grouped(qs: QuerySet[Idea]) -> dict[str, int]:
    counts = {value: 0 for value in Idea.Status.values}
    # COUNT(*): PostgreSQL then counts on the (organisation, status, number) index alone.
    for value, n in qs.order_by().values_list("status").annotate(n=Count("*")):
        counts[value] += n
    return counts


def status_counts(organisation: Organisation, membership) -> dict[str, int]:
    """The number of ideas per status that ``membership`` sees, unfiltered: every idea of
    the organisation (counted on the (organisation, status, number) index alone) less the
    hidden ideas the member does not see (few). Two queries (one for a moderator)."""
    counts = _grouped(Idea.objects.filter(organisation=organisation))
    if not access.can_moderate(membership):
        # ``IN (true)``, not the bare column, so that SQLite looks it up on an index too.
        hidden = Idea.objects.filter(organisation=organisation, hidden__in=[True])
        if membership is not None:
            hidden = hidden.exclude(author_id=membership.user_id)
        for value, n in _grouped(hidden).items():
            counts[value] -= n
    return counts


def unit_options(organisation: Organisation) -> list[tuple[int, str]]:
    """(id, name) of the organisation's units, for the board's unit filter. One query."""
    return list(Unit.objects.filter(organisation=organisation).order_by("name")
                .values_list("pk", "name"))
