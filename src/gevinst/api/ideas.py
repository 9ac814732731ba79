"""API of ideas from staff: the board (filters and pages), one idea with its answers,
comments, attachments, score and the public progress of the initiative it became, the
similar-idea look-up, submitting and editing ideas, support, following, comments, abuse
reports, moderation, official answers, reviewers, ratings, acceptance into the portfolio,
the scoring framework, the review queue and the statistics.

Who may do what follows ideas/access.py: every member (the employee role included) reads
the board, submits, supports, comments, follows and reports; the portfolio office moderates
and processes; reviewers rate the ideas they are assigned; leaders read the statistics. An
idea hidden by a moderator is 404 for everyone but its author and the moderators. Reads go
through ideas/selectors/, every write through ideas/services/.

Attachments are not uploaded through the API (the idea page takes them); an idea's
attachments are listed with the address of the web page's download.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from gevinst.api.auth import Forbidden, api_tenant
from gevinst.api.idea_schemas import (
    IdeaAcceptIn,
    IdeaAcceptOut,
    IdeaAnswerIn,
    IdeaBandsIn,
    IdeaCommentIn,
    IdeaCommentOut,
    IdeaCriterionIn,
    IdeaCriterionOut,
    IdeaCriterionPatch,
    IdeaEngagementOut,
    IdeaFrameworkOut,
    IdeaHideIn,
    IdeaIn,
    IdeaOut,
    IdeaPage,
    IdeaPatch,
    IdeaQuery,
    IdeaQueuePage,
    IdeaQueueQuery,
    IdeaRatingsIn,
    IdeaReportIn,
    IdeaReportOut,
    IdeaReviewersIn,
    IdeaSimilarOut,
    IdeaStatisticsOut,
    IdeaStatisticsQuery,
)
from gevinst.api.schemas import ErrorOut
from gevinst.api.versions import pop_version, version_from, version_required
from gevinst.core.models import Organisation, Role, Unit, User
from gevinst.ideas import access, similarity
from gevinst.ideas.models import AbuseReport, Idea, IdeaComment, IdeaFollower, IdeaSupport
from gevinst.ideas.selectors import board, detail, review
from gevinst.ideas.selectors import framework as framework_selectors
from gevinst.ideas.selectors.moderation import open_reports
from gevinst.ideas.selectors.progress import initiative_progress
from gevinst.ideas.selectors.statistics import idea_statistics
from gevinst.ideas.services import engagement, moderation, processing
from gevinst.ideas.services import framework as framework_services
from gevinst.ideas.services import ideas as idea_services

router = Router(tags=["ideas"])
ERRORS = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut, 428: ErrorOut}
BASE = "/o/{org}/ideas"
EVERY_MEMBER = Role.EMPLOYEE
MAX_PAGE_SIZE = 100
# A service's field → the API's field, in a 422 answer.
API_FIELDS = {"owning_unit": "owning_unit_id", "owner": "owner_email",
              "manager": "manager_email"}


# --- helpers ------------------------------------------------------------------------------


def _membership(request):
    return request.api_membership


def _require(allowed: bool) -> None:
    if not allowed:
        raise Forbidden


def _idea(request, organisation: Organisation, reference: str) -> Idea:
    """The organisation's idea, 404 when missing or hidden from the caller."""
    idea = detail.get_idea(organisation, reference, _membership(request))
    idea.organisation = organisation
    return idea


def _call(service, **kwargs):
    """Run a service: its refusals are 403, its field errors named as the API names them."""
    try:
        return service(**kwargs)
    except PermissionDenied as exc:
        raise Forbidden from exc
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            raise ValidationError({API_FIELDS.get(k, k): v for k, v in
                                   exc.message_dict.items()}) from exc
        raise


def _version(request, given: int | None, obj) -> int:
    """The version the caller read (body or If-Match), else the one just read: optional for
    the named decisions (answer, accept), which a stale one still refuses (409)."""
    version = version_from(request, given)
    return obj.version if version is None else version


def _base_url(request) -> str:
    """For the links in emails (like the web views)."""
    return request.build_absolute_uri("/")[:-1]


def _person(user) -> dict | None:
    if user is None:
        return None
    return {"id": user.pk, "email": user.email, "full_name": user.full_name}


def _unit(unit) -> dict | None:
    return None if unit is None else {"id": unit.pk, "name": unit.name}


def _initiative_refs(organisation: Organisation, ideas) -> dict[int, str]:
    """Reference of each initiative the ideas became (one query, none without any)."""
    from gevinst.portfolio.models import Initiative

    ids = {i.initiative_id for i in ideas if i.initiative_id is not None}
    if not ids:
        return {}
    return dict(Initiative.objects.filter(organisation=organisation, pk__in=ids)
                .values_list("pk", "reference"))


def _row(idea: Idea, units, initiatives: dict[int, str]) -> dict:
    return {
        "reference": idea.reference, "title": idea.title, "status": idea.status,
        "status_label": idea.get_status_display(), "author": _person(idea.author),
        "units": [_unit(u) for u in units], "support_count": idea.support_count,
        "comment_count": idea.comment_count,
        "score": idea.score, "band": idea.band or None, "hidden": idea.hidden,
        "initiative": initiatives.get(idea.initiative_id), "created_at": idea.created_at,
    }


def _comment(comment: IdeaComment, moderator: bool, user_id: int) -> dict:
    readable = getattr(comment, "readable", not comment.hidden or moderator
                       or comment.author_id == user_id)
    notice = None
    if comment.hidden:
        notice = (_("Hidden by a moderator: %(reason)s") % {"reason": comment.hidden_reason}
                  if readable else _("A comment was hidden by a moderator."))
    return {
        "id": comment.pk, "author": _person(comment.author),
        "body": comment.body if readable else None, "hidden": comment.hidden,
        "hidden_reason": comment.hidden_reason if comment.hidden and readable else None,
        "notice": notice, "created_at": comment.created_at,
        "replies": [_comment(r, moderator, user_id)
                    for r in getattr(comment, "thread", [])],
    }


def _progress(idea: Idea) -> dict | None:
    if idea.initiative_id is None or idea.initiative is None:
        return None
    p = initiative_progress(idea.initiative)
    return {"reference": p.reference, "title": p.title, "phase": p.phase,
            "phases": [{"name": s.name, "current": s.current, "done": s.done}
                       for s in p.steps],
            "status": p.status, "status_label": str(p.status_label),
            "start_date": p.start_date, "end_date": p.end_date,
            "last_gate_decision": p.last_gate_date, "rag": p.rag,
            "rag_label": str(p.rag_label), "rag_period": p.rag_period}


def _score(idea: Idea, may_score: bool) -> dict:
    rows = review.score_breakdown(idea)
    weighted = [r for r in rows if r.weight and r.weight > 0]
    return {
        "score": idea.score, "band": idea.band or None,
        "rated": sum(1 for r in weighted if r.rating is not None), "to_rate": len(weighted),
        "ratings": [{"criterion_id": r.criterion.pk, "criterion": r.criterion.label,
                     "weight": r.weight, "rating": r.rating, "meaning": r.rubric,
                     "rubric": [text for _n, text in r.criterion.rubric()] if may_score
                     else None} for r in rows],
    }


def _idea_out(request, organisation: Organisation, idea: Idea) -> dict:
    membership = _membership(request)
    page = detail.idea_page(organisation, idea, membership)  # sets idea.reviewer_ids
    moderator = access.can_moderate(membership)
    may_score = access.can_score(membership, idea)
    out = _row(idea, page.units,
               {idea.initiative_id: idea.initiative.reference} if idea.initiative_id else {})
    out.update(
        unit=_unit(idea.unit), problem=idea.problem, proposal=idea.proposal,
        expected_benefit=idea.expected_benefit,
        duplicate_of=(idea.duplicate_of.reference
                      if idea.duplicate_of_id and page.duplicate_of_visible else None),
        answer=idea.answer, answered_at=idea.answered_at,
        answered_by=_person(idea.answered_by), first_answered_at=idea.first_answered_at,
        hidden_reason=idea.hidden_reason if idea.hidden else None, hidden_at=idea.hidden_at,
        updated_at=idea.updated_at, version=idea.version,
        answers=[{"status": a.status, "status_label": a.get_status_display(), "text": a.text,
                  "duplicate_of": a.duplicate_of.reference if a.duplicate_of_id else None,
                  "answered_by": _person(a.answered_by), "answered_at": a.answered_at}
                 for a in reversed(page.answers)],
        comments=[_comment(c, moderator, membership.user_id) for c in page.comments],
        attachments=[{
            "id": a.pk, "name": a.name, "content_type": a.content_type, "size": a.size,
            "uploaded_by": _person(a.uploaded_by), "created_at": a.created_at,
            "download_url": request.build_absolute_uri(reverse("idea_attachment", kwargs={
                "org_slug": organisation.slug, "idea": idea.reference,
                "attachment_id": a.pk}))} for a in page.attachments],
        score_breakdown=_score(idea, may_score),
        reviewers=[_person(u) for u in page.reviewers],
        progress=_progress(idea),
        you={"supports": page.supported, "follows": page.following,
             "may_edit": access.can_edit_idea(membership, idea), "may_score": may_score,
             "may_process": access.can_process(membership), "may_moderate": moderator,
             "may_read_initiative": access.can_read_portfolio(membership)},
    )
    return out


def _reload(request, organisation: Organisation, reference: str) -> dict:
    return _idea_out(request, organisation, _idea(request, organisation, reference))


def _engagement(request, idea: Idea) -> dict:
    user_id = _membership(request).user_id
    count = Idea.objects.filter(pk=idea.pk).values_list("support_count", flat=True).first()
    return {
        "support_count": count or 0,
        "supports": IdeaSupport.objects.filter(organisation_id=idea.organisation_id,
                                               idea=idea, user_id=user_id).exists(),
        "follows": IdeaFollower.objects.filter(organisation_id=idea.organisation_id,
                                               idea=idea, user_id=user_id).exists(),
    }


def _idea_comment(idea: Idea, comment_id: int | None, field: str, errors: dict):
    """A comment of ``idea`` by id, for a body field (unknown → field error)."""
    if comment_id is None:
        return None
    found = (IdeaComment.objects.filter(organisation_id=idea.organisation_id, idea=idea,
                                        pk=comment_id).select_related("author").first())
    if found is None:
        errors[field] = [_("This idea has no comment %(id)s.") % {"id": comment_id}]
    return found


def _comment_of(request, idea: Idea, comment_id: int) -> IdeaComment:
    """A comment of ``idea`` from the address (404 when it has none)."""
    comment = detail.get_comment(idea, comment_id)
    comment.idea = idea
    return comment


def _members_by_email(organisation: Organisation, emails, field: str, errors: dict
                      ) -> list[User]:
    """Members of the organisation by email (a query per email: reviewers are few)."""
    found, missing = [], []
    for email in dict.fromkeys(e.strip() for e in emails if e and e.strip()):
        user = User.objects.filter(memberships__organisation=organisation,
                                   email__iexact=email).first()
        (found if user is not None else missing).append(user or email)
    if missing:
        errors[field] = [_("This organisation has no member %(email)s.")
                         % {"email": ", ".join(missing)}]
    return found


def _criterion_out(criterion) -> dict:
    return {"id": criterion.pk, "key": criterion.key, "name": criterion.label,
            "description": criterion.help_text, "weight": criterion.weight,
            "rubric": [text for _n, text in criterion.rubric()], "order": criterion.order,
            "active": criterion.active, "version": criterion.version}


def _framework_out(organisation: Organisation) -> dict:
    found = framework_selectors.framework(organisation)
    return {"high_from": found.settings.high_from, "medium_from": found.settings.medium_from,
            "version": found.settings.version,
            "criteria": [_criterion_out(c) for c in found.criteria]}


def _rubric(texts: list[str] | None) -> dict:
    if texts is None:
        return {}
    if len(texts) != 5:
        raise ValidationError({"rubric": [_("Give five texts: what the ratings 1 to 5 "
                                            "mean.")]})
    return {f"rubric_{n}": texts[n - 1] for n in range(1, 6)}


# --- fixed paths first (the {idea} pattern would match them too) ---------------------------


@router.get(f"{BASE}/", response={200: IdeaPage, **ERRORS}, summary="List ideas (the board)",
            description="Newest, most supported or most commented first; filters by "
                        "affected unit, status and words. Ideas hidden by a moderator are "
                        "listed only to their author and the moderators. Every member.")
def list_ideas(request, org: str, filters: Query[IdeaQuery]):
    with api_tenant(request, org, EVERY_MEMBER) as organisation:
        membership = _membership(request)
        if filters.unit is not None and not Unit.objects.filter(
                organisation=organisation, pk=filters.unit).exists():
            raise ValidationError({"unit": [_("Choose a unit of this organisation.")]})
        size = max(1, min(filters.page_size, MAX_PAGE_SIZE))
        got = board.board_page(organisation, membership, sort=filters.sort,
                               unit_id=filters.unit, status=filters.status, q=filters.q,
                               page=filters.page, per_page=size)
        initiatives = _initiative_refs(organisation, got.ideas)
        return {"count": got.total, "page": got.page, "pages": got.pages,
                "status_counts": got.status_counts,
                "results": [_row(i, i.units.all(), initiatives) for i in got.ideas]}


@router.post(f"{BASE}/", response={201: IdeaOut, **ERRORS}, summary="Submit an idea",
             description="The caller is the author (submitted from their unit) and follows "
                         "the idea. Every member. Attachments are added on the idea's web "
                         "page, not through the API.")
def create_idea(request, org: str, payload: IdeaIn):
    with api_tenant(request, org, EVERY_MEMBER) as organisation:
        _require(access.can_use_ideas(_membership(request)))
        idea = _call(idea_services.do_submit_idea, actor=request.user,
                     organisation=organisation, title=payload.title, problem=payload.problem,
                     proposal=payload.proposal, expected_benefit=payload.expected_benefit,
                     units=payload.units)
        return Status(201, _reload(request, organisation, idea.reference))


@router.get(f"{BASE}/similar", response={200: list[IdeaSimilarOut], **ERRORS},
            summary="Ideas similar to a text",
            description="`text` is the title and problem as typed; the most similar ideas "
                        "first (at most `limit`, only good matches; hidden ideas never). "
                        "`exclude` leaves an idea out (its reference, when editing it).")
def similar(request, org: str, text: str = "", exclude: str = "", limit: int = 5):
    with api_tenant(request, org, EVERY_MEMBER) as organisation:
        exclude_id = None
        if exclude:
            exclude_id = (Idea.objects.filter(organisation=organisation,
                                              reference=exclude.strip().upper())
                          .values_list("pk", flat=True).first())
        found = similarity.similar_ideas(organisation, text, exclude_id=exclude_id,
                                         limit=max(1, min(limit, 10)))
        return [{"reference": s.reference, "title": s.title, "status": s.status,
                 "status_label": str(s.status_label), "support_count": s.support_count,
                 "similarity": s.similarity} for s in found]


@router.get(f"{BASE}/review-queue", response={200: IdeaQueuePage, **ERRORS},
            summary="The review queue",
            description="Open ideas (submitted or under review) with their scores: every "
                        "one for the portfolio office, the ideas assigned to the caller for "
                        "anyone else (an empty queue when none).")
def review_queue(request, org: str, filters: Query[IdeaQueueQuery]):
    with api_tenant(request, org, EVERY_MEMBER) as organisation:
        membership = _membership(request)
        _require(access.can_see_review_queue(membership))
        got = review.review_queue(organisation, membership, assigned=filters.assigned,
                                  band=filters.band, sort=filters.sort, page=filters.page)
        return {"count": got.total, "page": got.page, "pages": got.pages, "results": [{
            "reference": i.reference, "title": i.title, "status": i.status,
            "status_label": i.get_status_display(), "score": i.score,
            "band": i.band or None, "support_count": i.support_count,
            "comment_count": i.comment_count, "hidden": i.hidden,
            "created_at": i.created_at, "age_days": i.age_days,
            "reviewers": [_person(u) for u in i.reviewers.all()]} for i in got.ideas]}


@router.get(f"{BASE}/statistics", response={200: IdeaStatisticsOut, **ERRORS},
            summary="Statistics of ideas for leaders",
            description="Ideas per unit and month, days to the first official answer, the "
                        "share answered within 30 days and the share accepted, over the "
                        "ideas submitted in the last `months` months (hidden ones left "
                        "out). Those who read the portfolio.")
def statistics(request, org: str, filters: Query[IdeaStatisticsQuery]):
    with api_tenant(request, org, EVERY_MEMBER) as organisation:
        _require(access.can_see_statistics(_membership(request)))
        s = idea_statistics(organisation, months=filters.months)
        return {
            "months": s.months,
            "units": [{"unit_id": u.unit_id, "name": u.name, "counts": u.counts,
                       "total": u.total} for u in s.units],
            "month_totals": s.month_totals, "total": s.total,
            "answer_months": [{"month": m.month, "submitted": m.submitted,
                               "answered": m.answered, "median_days": m.median_days,
                               "mean_days": m.mean_days} for m in s.answer_months],
            "answered": s.answered, "median_days": s.median_days, "mean_days": s.mean_days,
            "due_for_answer": s.due_for_answer, "answered_within": s.answered_within,
            "within_share": s.within_share, "decided": s.decided, "accepted": s.accepted,
            "accepted_share": s.accepted_share, "status_counts": s.status_counts}


# --- the scoring framework -----------------------------------------------------------------


@router.get(f"{BASE}/scoring", response={200: IdeaFrameworkOut, **ERRORS},
            tags=["idea scoring"], summary="The scoring framework: criteria and bands",
            description="Every criterion (in use or not) in order with its weight and "
                        "rubric, and the priority bands. Those who read the portfolio.")
def read_framework(request, org: str):
    with api_tenant(request, org, EVERY_MEMBER) as organisation:
        _require(access.can_read_portfolio(_membership(request)))
        return _framework_out(organisation)


@router.put(f"{BASE}/scoring/bands", response={200: IdeaFrameworkOut, **ERRORS},
            tags=["idea scoring"], summary="Set the priority bands (portfolio office)",
            description="A score at or above `high_from` is high priority, at or above "
                        "`medium_from` medium, else low. Send the `version` of the bands "
                        "you read. Every idea is rescored.")
def put_bands(request, org: str, payload: IdeaBandsIn):
    with api_tenant(request, org, EVERY_MEMBER) as organisation:
        _require(access.can_process(_membership(request)))
        version = version_from(request, payload.version)
        if version is None:
            return version_required()
        _call(framework_services.do_update_bands, actor=request.user,
              organisation=organisation, high_from=payload.high_from,
              medium_from=payload.medium_from, expected_version=version)
        return _framework_out(organisation)


@router.post(f"{BASE}/scoring/criteria", response={201: IdeaCriterionOut, **ERRORS},
             tags=["idea scoring"], summary="Add a criterion (portfolio office)",
             description="In use from now on; with a weight above zero, ideas lose their "
                         "score until they are rated on it.")
def create_criterion(request, org: str, payload: IdeaCriterionIn):
    with api_tenant(request, org, EVERY_MEMBER) as organisation:
        _require(access.can_process(_membership(request)))
        _rubric(payload.rubric)
        criterion = _call(framework_services.do_create_criterion, actor=request.user,
                          organisation=organisation, name=payload.name,
                          description=payload.description, weight=payload.weight,
                          rubric=payload.rubric, order=payload.order)
        return Status(201, _criterion_out(
            framework_selectors.get_criterion(organisation, criterion.pk)))


@router.patch(f"{BASE}/scoring/criteria/{{criterion_id}}",
              response={200: IdeaCriterionOut, **ERRORS}, tags=["idea scoring"],
              summary="Change a criterion (portfolio office)",
              description="Send the `version` you read. A default criterion given an empty "
                          "name or rubric text keeps the default wording. `active: false` "
                          "takes it out of use; a change of weight or use rescores every "
                          "idea.")
def patch_criterion(request, org: str, criterion_id: int, payload: IdeaCriterionPatch):
    with api_tenant(request, org, EVERY_MEMBER) as organisation:
        criterion = framework_selectors.get_criterion(organisation, criterion_id)
        _require(access.can_process(_membership(request)))
        data = payload.dict(exclude_unset=True)
        version = pop_version(request, data)
        if version is None:
            return version_required()
        rubric = _rubric(data.pop("rubric", None))
        changes = {k: v for k, v in data.items() if v is not None}
        changes.update(rubric)
        _call(framework_services.do_update_criterion, actor=request.user,
              criterion=criterion, data=changes, expected_version=version)
        return _criterion_out(framework_selectors.get_criterion(organisation, criterion_id))


# --- abuse reports -------------------------------------------------------------------------


def _report_out(report: AbuseReport) -> dict:
    return {"id": report.pk, "idea": report.idea.reference, "comment": report.comment_id,
            "reason": report.reason, "reporter": _person(report.reporter),
            "created_at": report.created_at, "resolved_at": report.resolved_at,
            "outcome": report.outcome}


@router.get(f"{BASE}/abuse-reports/", response={200: list[IdeaReportOut], **ERRORS},
            tags=["idea moderation"], summary="Open abuse reports (moderators)",
            description="Oldest first, at most 200.")
def list_reports(request, org: str):
    with api_tenant(request, org, EVERY_MEMBER) as organisation:
        _require(access.can_moderate(_membership(request)))
        return [_report_out(r) for r in open_reports(organisation)]


@router.post(f"{BASE}/abuse-reports/{{abuse_id}}/dismiss",
             response={200: IdeaReportOut, **ERRORS}, tags=["idea moderation"],
             summary="Dismiss an abuse report (moderators)",
             description="Closes the report without hiding anything.")
def dismiss_report(request, org: str, abuse_id: int):
    with api_tenant(request, org, EVERY_MEMBER) as organisation:
        report = (AbuseReport.objects.filter(organisation=organisation, pk=abuse_id)
                  .select_related("idea", "reporter").first())
        if report is None:
            raise Http404
        _require(access.can_moderate(_membership(request)))
        _call(moderation.do_dismiss_report, actor=request.user, report=report)
        return _report_out(report)


# --- one idea ------------------------------------------------------------------------------


@router.get(f"{BASE}/{{idea}}/", response={200: IdeaOut, **ERRORS},
            summary="Read an idea",
            description="With its affected units, official answers, comments and replies "
                        "(a hidden comment's text only for its author and the moderators), "
                        "attachments, the score with its breakdown, reviewers, and the "
                        "public progress of the initiative it became.")
def read_idea(request, org: str, idea: str):
    with api_tenant(request, org, EVERY_MEMBER) as organisation:
        return _reload(request, organisation, idea)


@router.patch(f"{BASE}/{{idea}}/", response={200: IdeaOut, **ERRORS}, summary="Change an idea",
              description="The author until the first official answer; the portfolio office "
                          "until it becomes an initiative. Send the `version` you read (in "
                          "the body or as `If-Match`); if somebody saved in between, the "
                          "answer is 409 and nothing changes.")
def patch_idea(request, org: str, idea: str, payload: IdeaPatch):
    with api_tenant(request, org, EVERY_MEMBER) as organisation:
        obj = _idea(request, organisation, idea)
        # A converted idea: the service says why (edit the initiative instead).
        _require(access.can_edit_idea(_membership(request), obj)
                 or (obj.initiative_id is not None and access.can_process(
                     _membership(request))))
        data = payload.dict(exclude_unset=True)
        version = pop_version(request, data)
        if version is None:
            return version_required()
        data = {k: v for k, v in data.items() if v is not None}
        _call(idea_services.do_update_idea, actor=request.user, idea=obj, data=data,
              expected_version=version)
        return _reload(request, organisation, obj.reference)


@router.post(f"{BASE}/{{idea}}/support", response={200: IdeaEngagementOut, **ERRORS},
             tags=["idea engagement"], summary="Support an idea",
             description="Once per person; not your own idea. You then follow it.")
def support(request, org: str, idea: str):
    with api_tenant(request, org, EVERY_MEMBER) as organisation:
        obj = _idea(request, organisation, idea)
        _call(engagement.do_support, actor=request.user, idea=obj)
        return _engagement(request, obj)


@router.delete(f"{BASE}/{{idea}}/support", response={200: IdeaEngagementOut, **ERRORS},
               tags=["idea engagement"], summary="Withdraw your support",
               description="You keep following the idea until you unfollow it.")
def withdraw_support(request, org: str, idea: str):
    with api_tenant(request, org, EVERY_MEMBER) as organisation:
        obj = _idea(request, organisation, idea)
        _call(engagement.do_withdraw_support, actor=request.user, idea=obj)
        return _engagement(request, obj)


@router.post(f"{BASE}/{{idea}}/follow", response={200: IdeaEngagementOut, **ERRORS},
             tags=["idea engagement"], summary="Follow an idea",
             description="Get its official answers by email.")
def follow(request, org: str, idea: str):
    with api_tenant(request, org, EVERY_MEMBER) as organisation:
        obj = _idea(request, organisation, idea)
        _call(engagement.do_follow, actor=request.user, idea=obj)
        return _engagement(request, obj)


@router.delete(f"{BASE}/{{idea}}/follow", response={200: IdeaEngagementOut, **ERRORS},
               tags=["idea engagement"], summary="Stop following an idea",
               description="The author always follows their idea (422).")
def unfollow(request, org: str, idea: str):
    with api_tenant(request, org, EVERY_MEMBER) as organisation:
        obj = _idea(request, organisation, idea)
        _call(engagement.do_unfollow, actor=request.user, idea=obj)
        return _engagement(request, obj)


@router.post(f"{BASE}/{{idea}}/comments", response={201: IdeaCommentOut, **ERRORS},
             tags=["idea engagement"], summary="Comment on an idea, or reply to a comment",
             description="`parent`: the comment to reply to (a reply to a reply joins the "
                         "top-level comment's thread). You then follow the idea.")
def comment(request, org: str, idea: str, payload: IdeaCommentIn):
    with api_tenant(request, org, EVERY_MEMBER) as organisation:
        obj = _idea(request, organisation, idea)
        errors: dict[str, list[str]] = {}
        parent = _idea_comment(obj, payload.parent, "parent", errors)
        if errors:
            raise ValidationError(errors)
        made = _call(engagement.do_comment, actor=request.user, idea=obj, body=payload.body,
                     parent=parent)
        made = detail.get_comment(obj, made.pk)
        return Status(201, _comment(made, access.can_moderate(_membership(request)),
                                    request.user.pk))


@router.post(f"{BASE}/{{idea}}/reports", response={201: IdeaReportOut, **ERRORS},
             tags=["idea engagement"], summary="Report an idea or a comment to the moderators",
             description="`comment`: the comment reported (else the idea). One open report "
                         "per person and target.")
def report(request, org: str, idea: str, payload: IdeaReportIn):
    with api_tenant(request, org, EVERY_MEMBER) as organisation:
        obj = _idea(request, organisation, idea)
        errors: dict[str, list[str]] = {}
        target = _idea_comment(obj, payload.comment, "comment", errors)
        if errors:
            raise ValidationError(errors)
        made = _call(engagement.do_report_abuse, actor=request.user, idea=obj,
                     reason=payload.reason, comment=target)
        made.idea, made.reporter = obj, request.user
        return Status(201, _report_out(made))


# --- moderation ----------------------------------------------------------------------------


@router.post(f"{BASE}/{{idea}}/hide", response={200: IdeaOut, **ERRORS},
             tags=["idea moderation"], summary="Hide an idea (moderators)",
             description="With a reason, shown to the author and emailed to them. Its open "
                         "reports are resolved. Only its author and the moderators see it.")
def hide_idea(request, org: str, idea: str, payload: IdeaHideIn):
    with api_tenant(request, org, EVERY_MEMBER) as organisation:
        obj = _idea(request, organisation, idea)
        _require(access.can_moderate(_membership(request)))
        _call(moderation.do_hide_idea, actor=request.user, idea=obj, reason=payload.reason,
              base_url=_base_url(request))
        return _reload(request, organisation, obj.reference)


@router.post(f"{BASE}/{{idea}}/unhide", response={200: IdeaOut, **ERRORS},
             tags=["idea moderation"], summary="Show a hidden idea again (moderators)")
def unhide_idea(request, org: str, idea: str):
    with api_tenant(request, org, EVERY_MEMBER) as organisation:
        obj = _idea(request, organisation, idea)
        _require(access.can_moderate(_membership(request)))
        _call(moderation.do_unhide_idea, actor=request.user, idea=obj)
        return _reload(request, organisation, obj.reference)


@router.post(f"{BASE}/{{idea}}/comments/{{comment_id}}/hide",
             response={200: IdeaCommentOut, **ERRORS}, tags=["idea moderation"],
             summary="Hide a comment (moderators)",
             description="With a reason, shown to its author and emailed to them; others see "
                         "that a comment was hidden.")
def hide_comment(request, org: str, idea: str, comment_id: int, payload: IdeaHideIn):
    with api_tenant(request, org, EVERY_MEMBER) as organisation:
        obj = _idea(request, organisation, idea)
        target = _comment_of(request, obj, comment_id)
        _require(access.can_moderate(_membership(request)))
        _call(moderation.do_hide_comment, actor=request.user, comment=target,
              reason=payload.reason, base_url=_base_url(request))
        return _comment(detail.get_comment(obj, comment_id), True, request.user.pk)


@router.post(f"{BASE}/{{idea}}/comments/{{comment_id}}/unhide",
             response={200: IdeaCommentOut, **ERRORS}, tags=["idea moderation"],
             summary="Show a hidden comment again (moderators)")
def unhide_comment(request, org: str, idea: str, comment_id: int):
    with api_tenant(request, org, EVERY_MEMBER) as organisation:
        obj = _idea(request, organisation, idea)
        target = _comment_of(request, obj, comment_id)
        _require(access.can_moderate(_membership(request)))
        _call(moderation.do_unhide_comment, actor=request.user, comment=target)
        return _comment(detail.get_comment(obj, comment_id), True, request.user.pk)


# --- processing ----------------------------------------------------------------------------


@router.post(f"{BASE}/{{idea}}/answer", response={200: IdeaOut, **ERRORS},
             tags=["idea processing"], summary="Give an official answer (portfolio office)",
             description="A status (under review, parked, rejected, duplicate with "
                         "`duplicate_of`, done after acceptance) with the answer text, "
                         "emailed to the author and every follower. Acceptance: "
                         "POST .../accept.")
def answer(request, org: str, idea: str, payload: IdeaAnswerIn):
    with api_tenant(request, org, EVERY_MEMBER) as organisation:
        obj = _idea(request, organisation, idea)
        _require(access.can_process(_membership(request)))
        duplicate = None
        if payload.duplicate_of:
            duplicate = (Idea.objects.filter(organisation=organisation,
                                             reference=payload.duplicate_of.strip().upper())
                         .first())
            if duplicate is None:
                raise ValidationError({"duplicate_of": [
                    _("This organisation has no idea %(ref)s.")
                    % {"ref": payload.duplicate_of}]})
        _call(processing.do_answer_idea, actor=request.user, idea=obj, status=payload.status,
              answer=payload.answer, duplicate_of=duplicate,
              expected_version=_version(request, payload.version, obj),
              base_url=_base_url(request))
        return _reload(request, organisation, obj.reference)


@router.put(f"{BASE}/{{idea}}/reviewers", response={200: IdeaOut, **ERRORS},
            tags=["idea processing"], summary="Set the reviewers (portfolio office)",
            description="Members of the organisation, by email (replaces the reviewers). "
                        "The newly assigned get an email asking them to rate the idea.")
def put_reviewers(request, org: str, idea: str, payload: IdeaReviewersIn):
    with api_tenant(request, org, EVERY_MEMBER) as organisation:
        obj = _idea(request, organisation, idea)
        _require(access.can_process(_membership(request)))
        errors: dict[str, list[str]] = {}
        people = _members_by_email(organisation, payload.reviewers, "reviewers", errors)
        if errors:
            raise ValidationError(errors)
        _call(processing.do_assign_reviewers, actor=request.user, idea=obj, reviewers=people,
              base_url=_base_url(request))
        return _reload(request, organisation, obj.reference)


@router.put(f"{BASE}/{{idea}}/ratings", response={200: IdeaOut, **ERRORS},
            tags=["idea processing"], summary="Rate an idea on the criteria",
            description="Ratings 1–5 per criterion (null clears one); criteria left out keep "
                        "theirs. The score and band follow once every active criterion with "
                        "a weight is rated. The portfolio office and the idea's reviewers. "
                        "Errors are keyed `criterion_<id>`.")
def put_ratings(request, org: str, idea: str, payload: IdeaRatingsIn):
    with api_tenant(request, org, EVERY_MEMBER) as organisation:
        obj = _idea(request, organisation, idea)
        _require(access.can_score(_membership(request), obj))
        _call(processing.do_rate_idea, actor=request.user, idea=obj,
              ratings={r.criterion_id: r.rating for r in payload.ratings})
        return _reload(request, organisation, obj.reference)


@router.post(f"{BASE}/{{idea}}/accept", response={201: IdeaAcceptOut, **ERRORS},
             tags=["idea processing"],
             summary="Accept an idea into the portfolio (portfolio office)",
             description="Creates the initiative (phase 'idea' by default, or 'concept') "
                         "with the idea's title, problem, proposal, expected benefit, "
                         "affected units and score, links it to the idea, sets the status "
                         "accepted and emails the official answer. `initiative` is the new "
                         "initiative's reference.")
def accept(request, org: str, idea: str, payload: IdeaAcceptIn):
    from gevinst.api.portfolio import _resolve_refs

    with api_tenant(request, org, EVERY_MEMBER) as organisation:
        obj = _idea(request, organisation, idea)
        _require(access.can_process(_membership(request)))
        people = _resolve_refs(organisation, {"owner_email": payload.owner_email,
                                              "manager_email": payload.manager_email})
        initiative = _call(processing.do_accept_idea, actor=request.user, idea=obj,
                           answer=payload.answer, phase=payload.phase,
                           owner=people["owner"], manager=people["manager"],
                           owning_unit=payload.owning_unit_id,
                           expected_version=_version(request, payload.version, obj),
                           base_url=_base_url(request))
        return Status(201, {"initiative": initiative.reference,
                            "idea": _reload(request, organisation, obj.reference)})
