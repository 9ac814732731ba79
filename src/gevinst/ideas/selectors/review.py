"""The review queue of the portfolio office and the reviewers, and what the processing panel
of an idea's page shows (score breakdown, reviewers, the initiative's public progress).

The queue reads the stored ``score``, ``band``, ``support_count`` and ``comment_count`` of
every idea, counts once and prefetches the reviewers of the page's ideas: three queries
whatever the number of ideas.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, Prefetch, QuerySet
from django.utils import timezone

from gevinst.core.models import Organisation, User
from gevinst.core.paging import CountedPaginator
from gevinst.ideas import access
from gevinst.ideas.models import Idea, IdeaRating, ScoringCriterion

PER_PAGE = 25
NO_BAND = "none"
BANDS = (*Idea.Band.values, NO_BAND)

# Sort key → order (the number breaks ties so that pages are stable).
SORTS: dict[str, tuple] = {
    "score": (F("score").desc(nulls_last=True), F("number").asc()),
    "supports": (F("support_count").desc(), F("number").asc()),
    "age": (F("created_at").asc(), F("number").asc()),
}
DEFAULT_SORT = "score"

LIST_FIELDS = ("id", "organisation_id", "number", "reference", "title", "status", "score",
               "band", "support_count", "comment_count", "created_at", "hidden")


def _people() -> QuerySet[User]:
    return User.objects.only("id", "full_name", "email").order_by("full_name", "email")


@dataclass
class ReviewPage:
    """One page of the review queue: ``ideas`` carry ``age_days`` and their ``reviewers``
    (prefetched); ``total`` counts every idea of the queue with the filters applied."""

    ideas: list[Idea]
    total: int
    page: int
    pages: int
    sort: str
    assigned: bool
    band: str | None
    everything: bool  # the portfolio office's queue (every open idea), not only assigned

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def queue_queryset(organisation: Organisation, membership, *, assigned: bool = False,
                   band: str | None = None) -> QuerySet[Idea]:
    """Open ideas (submitted or under review) the member reviews: every one for the
    portfolio office, else those the member is assigned to (never hidden ones)."""
    qs = Idea.objects.filter(organisation=organisation, status__in=Idea.OPEN)
    if not access.can_process(membership) or assigned:
        qs = qs.filter(reviewers=membership.user_id)
    if not access.can_moderate(membership):
        qs = qs.filter(hidden=False)
    if band == NO_BAND:
        qs = qs.filter(band="")
    elif band in Idea.Band.values:
        qs = qs.filter(band=band)
    return qs


def review_queue(organisation: Organisation, membership, *, assigned: bool = False,
                 band: str | None = None, sort: str = DEFAULT_SORT, page: int = 1,
                 per_page: int = PER_PAGE, now=None) -> ReviewPage:
    """A page of the member's review queue (``access.can_see_review_queue``). Three
    queries: the count, the page's ideas, their reviewers."""
    sort = sort if sort in SORTS else DEFAULT_SORT
    band = band if band in BANDS else None
    everything = access.can_process(membership)
    qs = queue_queryset(organisation, membership, assigned=assigned, band=band)
    rows = (qs.only(*LIST_FIELDS).order_by(*SORTS[sort])
            .prefetch_related(Prefetch("reviewers", queryset=_people())))
    paginator = CountedPaginator(rows, per_page, count_queryset=qs)
    got = paginator.get_page(page)
    now = now or timezone.now()
    ideas = list(got.object_list)
    for idea in ideas:
        idea.age_days = max(0, (now - idea.created_at).days)
    return ReviewPage(ideas=ideas, total=paginator.count, page=got.number,
                      pages=paginator.num_pages, sort=sort, assigned=assigned, band=band,
                      everything=everything)


# --------------------------------------------------------------------------- processing

@dataclass
class ScoreRow:
    """One active criterion of the breakdown: its weight, the rating given (or None) and
    what that rating means in the criterion's rubric."""

    criterion: ScoringCriterion
    weight: object
    rating: int | None
    rubric: str


@dataclass
class Processing:
    """What templates/ideas/_processing.html shows of one idea."""

    breakdown: list[ScoreRow]
    reviewers: list[User]
    can_process: bool
    can_score: bool
    can_moderate: bool
    can_read_portfolio: bool
    progress: object = None  # selectors.progress.InitiativeProgress once accepted
    rated: int = 0  # criteria with a weight that are rated
    to_rate: int = 0  # criteria with a weight


def score_breakdown(idea: Idea) -> list[ScoreRow]:
    """The active criteria in order with the idea's rating on each. Two queries."""
    criteria = list(ScoringCriterion.objects.filter(organisation_id=idea.organisation_id,
                                                    active=True).order_by("order", "id"))
    ratings = dict(IdeaRating.objects.filter(organisation_id=idea.organisation_id, idea=idea)
                   .values_list("criterion_id", "rating"))
    rows = []
    for criterion in criteria:
        rating = ratings.get(criterion.pk)
        rubric = dict(criterion.rubric()).get(rating, "") if rating else ""
        rows.append(ScoreRow(criterion=criterion, weight=criterion.weight, rating=rating,
                             rubric=rubric))
    return rows


def idea_reviewers(idea: Idea) -> list[User]:
    """The idea's reviewers by name. One query."""
    return list(_people().filter(pk__in=Idea.reviewers.through.objects.filter(
        idea_id=idea.pk).values("user_id")))


def _initiative(organisation: Organisation, idea: Idea):
    if idea.initiative_id is None:
        return None
    if Idea.initiative.is_cached(idea) and (
            idea.initiative is None or type(idea.initiative).phase.is_cached(idea.initiative)):
        return idea.initiative
    from gevinst.portfolio.models import Initiative

    return (Initiative.objects.filter(organisation=organisation, pk=idea.initiative_id)
            .select_related("phase").first())


def processing_panel(organisation: Organisation, idea: Idea, membership,
                     page=None) -> Processing:
    """Everything the processing panel of the idea's page shows, with what the member may
    do. ``page`` (selectors.detail.idea_page) lends its reviewers when given. A fixed number
    of queries: two for the score breakdown, one for the reviewers without the page, and
    two (three when the initiative was not selected with the idea) once accepted."""
    from gevinst.ideas.selectors.progress import initiative_progress

    reviewers = getattr(page, "reviewers", None)
    if reviewers is None:
        reviewers = idea_reviewers(idea)
    if getattr(idea, "reviewer_ids", None) is None:
        idea.reviewer_ids = {u.pk for u in reviewers}
    breakdown = score_breakdown(idea)
    initiative = _initiative(organisation, idea)
    weighted = [r for r in breakdown if r.weight and r.weight > 0]
    return Processing(
        breakdown=breakdown, reviewers=reviewers,
        can_process=access.can_process(membership),
        can_score=access.can_score(membership, idea),
        can_moderate=access.can_moderate(membership),
        can_read_portfolio=access.can_read_portfolio(membership),
        progress=initiative_progress(initiative) if initiative is not None else None,
        rated=sum(1 for r in weighted if r.rating is not None), to_rate=len(weighted),
    )
