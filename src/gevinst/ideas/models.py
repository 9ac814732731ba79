"""Ideas from staff: submission, support, comments, moderation, processing and scoring.

Every member of an organisation (the employee role included) submits ideas, supports them
(one support per person), comments and replies, follows ideas and reports abuse. The
portfolio office processes them: status with an official answer (each answer is kept as an
``IdeaAnswer`` and emailed to the author and followers), assigned reviewers, a score from the
organisation's scoring framework (``ScoringCriterion`` + ``IdeaSettings`` bands) and, when
accepted, an initiative created from the idea (``Idea.initiative``).

Fields marked "kept by the service" are derived and stored so that the idea board over tens
of thousands of ideas is plain SQL. ``IdeaGram``/``IdeaGramCount`` are the similar-idea index
(ideas/similarity.py), the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from gevinst.core.models import Organisation, TenantModel, Unit

ONE_TO_FIVE = [MinValueValidator(1), MaxValueValidator(5)]


def attachment_path(instance: IdeaAttachment, filename: str) -> str:
    """Attachments are stored per organisation and idea (never served as public media)."""
    import uuid

    return f"ideas/{instance.organisation_id}/{instance.idea_id}/{uuid.uuid4().hex}"


class IdeaSettings(TenantModel):
    """The organisation's priority bands: a score at or above ``high_from`` is high
    priority, at or above ``medium_from`` medium, otherwise low."""

    high_from = models.DecimalField(_("high priority from score"), max_digits=3,
                                    decimal_places=2, default=Decimal("4.00"),
                                    validators=[MinValueValidator(1), MaxValueValidator(5)])
    medium_from = models.DecimalField(_("medium priority from score"), max_digits=3,
                                      decimal_places=2, default=Decimal("3.00"),
                                      validators=[MinValueValidator(1), MaxValueValidator(5)])
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("idea settings")
        verbose_name_plural = _("idea settings")
        constraints = [
            models.UniqueConstraint(fields=["organisation"], name="idea_settings_one_per_org"),
        ]


class ScoringCriterion(TenantModel):
    """One criterion of the organisation's scoring framework, rated 1–5 with rubric text."""

    key = models.SlugField(max_length=40, blank=True, editable=False,
                           help_text="Set for the default criteria (strategic, ...).")
    name = models.CharField(_("criterion"), max_length=120, blank=True)
    description = models.TextField(_("description"), blank=True)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2,
                                 default=Decimal("1"), validators=[MinValueValidator(0)])
    rubric_1 = models.CharField(_("1 means"), max_length=300, blank=True)
    rubric_2 = models.CharField(_("2 means"), max_length=300, blank=True)
    rubric_3 = models.CharField(_("3 means"), max_length=300, blank=True)
    rubric_4 = models.CharField(_("4 means"), max_length=300, blank=True)
    rubric_5 = models.CharField(_("5 means"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("scoring criterion")
        verbose_name_plural = _("scoring criteria")
        ordering = ["order", "id"]

    # The default criteria (``key`` set) keep their name and rubric blank until someone
    # edits them, and are shown in the reader's language (ideas/defaults.py).

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        from gevinst.ideas.defaults import default_criterion

        if self.name or not self.key:
            return self.name
        return str(default_criterion(self.key)["name"])

    @property
    def help_text(self) -> str:
        from gevinst.ideas.defaults import default_criterion

        if self.description or not self.key:
            return self.description
        return str(default_criterion(self.key)["description"])

    def rubric(self) -> list[tuple[int, str]]:
        """(rating, what it means) for 1..5, the stored text or the default's."""
        from gevinst.ideas.defaults import default_criterion

        defaults = default_criterion(self.key)["rubric"] if self.key else [""] * 5
        return [(n, getattr(self, f"rubric_{n}") or str(defaults[n - 1]))
                for n in range(1, 6)]


class Idea(TenantModel):
    """An idea from a member of staff."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", pgettext_lazy("idea status", "Submitted")
        UNDER_REVIEW = "under_review", _("Under review")
        ACCEPTED = "accepted", pgettext_lazy("idea status", "Accepted")
        PARKED = "parked", _("Parked")
        REJECTED = "rejected", _("Rejected")
        DUPLICATE = "duplicate", _("Duplicate")
        DONE = "done", pgettext_lazy("idea status", "Done")

    class Band(models.TextChoices):
        HIGH = "high", pgettext_lazy("priority", "High")
        MEDIUM = "medium", pgettext_lazy("priority", "Medium")
        LOW = "low", pgettext_lazy("priority", "Low")

    # Statuses still waiting for a decision (the review queue).
    OPEN = (Status.SUBMITTED, Status.UNDER_REVIEW)

    number = models.PositiveIntegerField(editable=False)
    reference = models.CharField(_("reference"), max_length=20, editable=False)
    title = models.CharField(_("title"), max_length=200)
    problem = models.TextField(_("problem"),
                               help_text=_("What is wrong or could be better today, and for "
                                           "whom?"))
    proposal = models.TextField(_("proposal"), blank=True,
                                help_text=_("What do you suggest we do?"))
    expected_benefit = models.TextField(_("expected benefit"), blank=True,
                                        help_text=_("What would be better, for whom, and "
                                                    "how could we tell?"))
    units = models.ManyToManyField(Unit, blank=True, related_name="+",
                                   verbose_name=_("affected units"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("submitted by"),
                               editable=False)
    # The author's unit when the idea was submitted (statistics per unit).
    unit = models.ForeignKey(Unit, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+", verbose_name=_("submitted from"),
                             editable=False)
    status = models.CharField(_("status"), max_length=15, choices=Status.choices,
                              default=Status.SUBMITTED, editable=False)
    duplicate_of = models.ForeignKey("self", on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="duplicates",
                                     verbose_name=_("duplicate of"), editable=False)
    # The latest official answer (every answer is kept in IdeaAnswer).
    answer = models.TextField(_("official answer"), blank=True, editable=False)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True, editable=False)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("answered by"), editable=False)
    first_answered_at = models.DateTimeField(_("first answered"), null=True, blank=True,
                                             editable=False)
    reviewers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True,
                                       related_name="+", verbose_name=_("reviewers"))
    # Kept by the service: the weighted score (1–5) of the ratings and its band.
    score = models.DecimalField(_("score"), max_digits=4, decimal_places=2, null=True,
                                blank=True, editable=False)
    band = models.CharField(_("priority"), max_length=6, choices=Band.choices, blank=True,
                            editable=False)
    support_count = models.PositiveIntegerField(_("supports"), default=0, editable=False)
    comment_count = models.PositiveIntegerField(_("comments"), default=0, editable=False)
    initiative = models.OneToOneField("portfolio.Initiative", on_delete=models.SET_NULL,
                                      null=True, blank=True, related_name="idea",
                                      verbose_name=_("initiative"), editable=False)
    hidden = models.BooleanField(_("hidden by a moderator"), default=False, editable=False)
    hidden_reason = models.TextField(_("reason for hiding"), blank=True, editable=False)
    hidden_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="+",
                                  verbose_name=_("hidden by"), editable=False)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version", "updated_at", "number",
                                                 "support_count", "comment_count"],
                                m2m_fields=[units])

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "reference"],
                                    name="idea_unique_reference"),
            models.UniqueConstraint(fields=["organisation", "number"],
                                    name="idea_unique_number"),
        ]
        indexes = [
            models.Index(fields=["organisation", "status", "number"],
                         name="idea_org_status_number"),
            models.Index(fields=["organisation", "support_count", "number"],
                         name="idea_org_supports"),
            models.Index(fields=["organisation", "author", "number"],
                         name="idea_org_author"),
            models.Index(fields=["organisation", "created_at"], name="idea_org_created"),
            # The board's counts leave out hidden ideas (few): found without a scan.
            models.Index(fields=["organisation", "hidden", "status"],
                         name="idea_org_hidden_status"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"


class IdeaAnswer(TenantModel):
    """An official answer: the status an idea was given and why. Emailed to the author and
    the followers."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="answers",
                             verbose_name=_("idea"))
    status = models.CharField(_("status"), max_length=15, choices=Idea.Status.choices)
    text = models.TextField(_("official answer"))
    duplicate_of = models.ForeignKey(Idea, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("duplicate of"))
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("answered by"))
    answered_at = models.DateTimeField(_("answered"), auto_now_add=True)

    class Meta:
        verbose_name = _("official answer")
        verbose_name_plural = _("official answers")
        ordering = ["idea_id", "answered_at", "id"]

    def __str__(self) -> str:
        return f"{self.idea_id}: {self.status}"


class IdeaSupport(TenantModel):
    """One person's support of an idea (at most one per person)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports",
                             verbose_name=_("idea"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+", verbose_name=_("person"))
    created_at = models.DateTimeField(_("supported"), auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["idea", "user"], name="idea_support_once"),
        ]


class IdeaFollower(TenantModel):
    """Someone who gets the idea's official answers by email (the author always does)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="followers",
                             verbose_name=_("idea"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+", verbose_name=_("person"))
    created_at = models.DateTimeField(_("following since"), auto_now_add=True)

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        constraints = [
            models.UniqueConstraint(fields=["idea", "user"], name="idea_follower_once"),
        ]
        indexes = [models.Index(fields=["organisation", "user"], name="idea_follower_user")]


class IdeaComment(TenantModel):
    """A comment on an idea, or a reply to a comment (one level of replies)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments",
                             verbose_name=_("idea"))
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True,
                               related_name="replies", verbose_name=_("reply to"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("written by"))
    body = models.TextField(_("comment"))
    hidden = models.BooleanField(_("hidden by a moderator"), default=False, editable=False)
    hidden_reason = models.TextField(_("reason for hiding"), blank=True, editable=False)
    hidden_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="+",
                                  verbose_name=_("hidden by"), editable=False)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version", "updated_at"])

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["idea_id", "created_at", "id"]

    def __str__(self) -> str:
        return self.body[:60]


class IdeaRating(TenantModel):
    """An idea's rating (1–5) on one criterion of the scoring framework."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="ratings",
                             verbose_name=_("idea"))
    criterion = models.ForeignKey(ScoringCriterion, on_delete=models.CASCADE,
                                  related_name="ratings", verbose_name=_("criterion"))
    rating = models.PositiveSmallIntegerField(_("rating"), validators=ONE_TO_FIVE)
    rated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("rated by"))
    rated_at = models.DateTimeField(_("rated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(fields=["idea", "criterion"], name="idea_rating_once"),
        ]


class AbuseReport(TenantModel):
    """Someone's report that an idea or a comment breaks the rules, for the moderators."""

    class Outcome(models.TextChoices):
        HIDDEN = "hidden", _("Hidden")
        DISMISSED = "dismissed", _("Dismissed")

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="reports",
                             verbose_name=_("idea"))
    comment = models.ForeignKey(IdeaComment, on_delete=models.CASCADE, null=True, blank=True,
                                related_name="reports", verbose_name=_("comment"))
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                 related_name="+", verbose_name=_("reported by"))
    reason = models.TextField(_("what is wrong"))
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("resolved by"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices,
                               blank=True)

    class Meta:
        verbose_name = _("abuse report")
        verbose_name_plural = _("abuse reports")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "resolved_at"],
                                name="abuse_report_open")]


class IdeaAttachment(TenantModel):
    """A file attached to an idea (type- and size-limited, stored per organisation)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="attachments",
                             verbose_name=_("idea"))
    file = models.FileField(upload_to=attachment_path, max_length=300)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("uploaded by"))
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["idea_id", "id"]

    def __str__(self) -> str:
        return self.name


class IdeaGram(TenantModel):
    """One character trigram of an idea's title and problem: the similar-idea index."""

    # The (organisation, gram, idea) index serves every look-up; no index of its own.
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="+", db_index=False)
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="+")
    gram = models.CharField(max_length=3)

    class Meta:
        indexes = [models.Index(fields=["organisation", "gram", "idea"],
                                name="idea_gram_lookup")]


class IdeaGramCount(TenantModel):
    """In how many ideas of the organisation a trigram occurs (rare grams weigh more)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="+", db_index=False)
    gram = models.CharField(max_length=3)
    ideas = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "gram"],
                                    name="idea_gram_count_unique"),
        ]
