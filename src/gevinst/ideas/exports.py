"""Ideas from staff to Excel: a workbook with three sheets.

- **Ideas**: each idea with its texts, affected units, the author and their unit, supports,
  comments, score and priority band, the latest official answer and the initiative it
  became.
- **Scores**: each rating of those ideas (idea, criterion, weight, rating).
- **Answers**: every official answer of those ideas (idea, status, answer, by whom, when).

The ideas are those of the idea board with its filters (unit, status, words) and sort
(``export_queryset``, built from the board's own pieces in ideas/selectors/board.py). Ideas
hidden by a moderator are exported only to moderators.

Formula injection: every text is written with ``write_string`` on a workbook opened with
``strings_to_formulas`` off (core/excel.py), so a title such as ``=HYPERLINK(...)`` stays
text. Five queries whatever the number of ideas: the ideas, their affected units, the
ratings, the answers and (for the reader's language) nothing more.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict

import xlsxwriter
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gevinst.core.excel import WORKBOOK_OPTIONS, write_sheet
from gevinst.core.models import Organisation
from gevinst.ideas import access
from gevinst.ideas.models import Idea, IdeaAnswer, IdeaRating
from gevinst.ideas.selectors import board

CHUNK = 2000


def export_queryset(organisation: Organisation, membership, params) -> QuerySet[Idea]:
    """The ideas the board shows ``membership`` with the filters and sort of ``params`` (the
    board's query string: sort, unit, status, q), every page of them. Hidden ideas only for
    moderators."""
    qs = board.visible_ideas(organisation, membership)
    if not access.can_moderate(membership):
        qs = qs.filter(hidden=False)
    unit_id = board.clean_int(params.get("unit"))
    if unit_id is not None:
        qs = qs.filter(pk__in=Idea.units.through.objects.filter(unit_id=unit_id)
                       .values("idea_id"))
    qs = board.search(qs, str(params.get("q") or ""))
    status = board.clean_status(params.get("status"))
    if status:
        qs = qs.filter(status=status)
    return qs.order_by(*board.SORTS[board.clean_sort(params.get("sort"))])


def _local(moment: dt.datetime | None, tz) -> dt.datetime | None:
    return moment.astimezone(tz).replace(tzinfo=None) if moment else None


def _number(value):
    return float(value) if value is not None else None


def idea_headers() -> list[str]:
    return [_("Reference"), _("Title"), _("Status"), _("Problem"), _("Proposal"),
            _("Expected benefit"), _("Affected units"), _("Submitted from unit"),
            _("Author"), _("Author's email"), _("Submitted"), _("Supports"), _("Comments"),
            _("Score"), pgettext("idea", "Priority"), _("Latest official answer"),
            _("Answered"), _("Duplicate of"), _("Initiative"), _("Hidden by a moderator")]


def idea_row(idea: Idea, units: list[str], labels: dict, tz) -> list:
    return [
        idea.reference, idea.title, labels["status"][idea.status], idea.problem,
        idea.proposal or None, idea.expected_benefit or None, ", ".join(units) or None,
        idea.unit.name if idea.unit_id else None, str(idea.author), idea.author.email,
        _local(idea.created_at, tz), idea.support_count, idea.comment_count,
        _number(idea.score), labels["band"].get(idea.band) if idea.band else None,
        idea.answer or None, _local(idea.answered_at, tz),
        idea.duplicate_of.reference if idea.duplicate_of_id else None,
        idea.initiative.reference if idea.initiative_id else None, idea.hidden,
    ]


def score_headers() -> list[str]:
    return [_("Idea"), _("Idea title"), _("Criterion"), _("Weight"), _("Rating"),
            _("Criterion in use"), _("Rated by"), _("Rated")]


def answer_headers() -> list[str]:
    return [_("Idea"), _("Idea title"), _("Status"), _("Official answer"), _("Duplicate of"),
            _("Answered by"), _("Answered")]


def ideas_workbook(organisation: Organisation, ideas: QuerySet[Idea]) -> bytes:
    """The workbook of ``ideas`` (a queryset of the organisation's ideas in the order to
    export) with their ratings and answers, labels in the active language."""
    tz = timezone.get_current_timezone()
    labels = {"status": {k: str(v) for k, v in Idea.Status.choices},
              "band": {k: str(v) for k, v in Idea.Band.choices}}
    ids = ideas.order_by().values("pk")
    units: dict[int, list[str]] = defaultdict(list)
    for idea_id, name in (Idea.units.through.objects.filter(idea_id__in=ids)
                          .order_by("unit__name").values_list("idea_id", "unit__name")):
        units[idea_id].append(name)
    ratings = list(IdeaRating.objects.filter(organisation=organisation, idea_id__in=ids)
                   .select_related("idea", "criterion", "rated_by")
                   .only("rating", "rated_at", "idea__number", "idea__reference",
                         "idea__title", "criterion__key", "criterion__name",
                         "criterion__weight", "criterion__active", "criterion__order",
                         "rated_by__email", "rated_by__full_name")
                   .order_by("-idea__number", "criterion__order", "criterion_id"))
    answers = list(IdeaAnswer.objects.filter(organisation=organisation, idea_id__in=ids)
                   .select_related("idea", "duplicate_of", "answered_by")
                   .only("status", "text", "answered_at", "idea__number", "idea__reference",
                         "idea__title", "duplicate_of__reference", "answered_by__email",
                         "answered_by__full_name")
                   .order_by("-idea__number", "answered_at", "id"))
    rows = (idea_row(idea, units.get(idea.pk, []), labels, tz)
            for idea in ideas.select_related("author", "unit", "initiative", "duplicate_of")
            .iterator(chunk_size=CHUNK))
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, WORKBOOK_OPTIONS)
    formats = {"bold": book.add_format({"bold": True, "text_wrap": True, "valign": "top"}),
               "date": book.add_format({"num_format": "yyyy-mm-dd"}),
               "datetime": book.add_format({"num_format": "yyyy-mm-dd hh:mm"})}
    write_sheet(book, formats, _("Ideas"), idea_headers(), rows)
    write_sheet(book, formats, _("Scores"), score_headers(), (
        [r.idea.reference, r.idea.title, r.criterion.label, _number(r.criterion.weight),
         r.rating, r.criterion.active, str(r.rated_by), _local(r.rated_at, tz)]
        for r in ratings))
    write_sheet(book, formats, _("Answers"), answer_headers(), (
        [a.idea.reference, a.idea.title, labels["status"][a.status], a.text,
         a.duplicate_of.reference if a.duplicate_of_id else None,
         str(a.answered_by), _local(a.answered_at, tz)]
        for a in answers))
    book.close()
    return buffer.getvalue()
