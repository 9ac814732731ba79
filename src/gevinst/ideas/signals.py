"""Mark the organisation's idea data as changed on every write of its rows, so that cached
statistics (core/aggregates.py, topic "ideas") follow at once. Counter updates (F()) always
come with a saved or deleted row; the bulk rescoring calls ``mark_changed`` itself."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from gevinst.core.aggregates import mark_changed

TOPIC = "ideas"


def _changed(sender, instance, **kwargs):
    mark_changed(getattr(instance, "organisation_id", None), TOPIC)


def _m2m_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        mark_changed(getattr(instance, "organisation_id", None), TOPIC)


def connect() -> None:
    from gevinst.ideas.models import (
        AbuseReport,
        Idea,
        IdeaAnswer,
        IdeaAttachment,
        IdeaComment,
        IdeaFollower,
        IdeaRating,
        IdeaSettings,
        IdeaSupport,
        ScoringCriterion,
    )

    for model in (Idea, IdeaAnswer, IdeaSupport, IdeaFollower, IdeaComment, IdeaRating,
                  AbuseReport, IdeaAttachment, IdeaSettings, ScoringCriterion):
        uid = f"ideas-aggregates-{model.__name__}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=uid + "-delete")
    for name, through in (("units", Idea.units.through), ("reviewers", Idea.reviewers.through)):
        m2m_changed.connect(_m2m_changed, sender=through,
                            dispatch_uid=f"ideas-aggregates-Idea-{name}")
