"""Maturity models: platform data shared by every organisation of the deployment (the
platform operator installs them; organisations only read them).

A model (``MaturityModel``, by key) has numbered versions. A version's content never
changes: installing a changed file makes the next version, so what was measured with a
version keeps its meaning and its scores. The newest version is the current one.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from gevinst.core.models import TenantModel, Unit
from gevinst.maturity.modeldata import localized


class MaturityModel(models.Model):
    key = models.SlugField(_("key"), max_length=60, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("maturity model")
        verbose_name_plural = _("maturity models")
        ordering = ["key"]

    def __str__(self) -> str:
        return self.key

    def current_version(self) -> MaturityModelVersion | None:
        return self.versions.order_by("-number").first()


class MaturityModelVersion(models.Model):
    model = models.ForeignKey(MaturityModel, models.PROTECT, related_name="versions",
                              verbose_name=_("maturity model"))
    number = models.PositiveIntegerField(_("version"))
    content = models.JSONField(_("content"))
    source = models.TextField(_("source file"),
                              help_text=_("The TOML file the version was installed from."))
    digest = models.CharField(_("fingerprint"), max_length=64)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("installed"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                   blank=True, related_name="+",
                                   verbose_name=_("installed by"))

    class Meta:
        verbose_name = _("maturity model version")
        verbose_name_plural = _("maturity model versions")
        ordering = ["model__key", "-number"]
        constraints = [models.UniqueConstraint(fields=["model", "number"],
                                               name="maturity_version_unique_number")]

    def __str__(self) -> str:
        return f"{self.model.key} v{self.number}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("A maturity model version never changes: install a new one.")
        super().save(*args, **kwargs)

    @property
    def name(self) -> str:
        return localized(self.content.get("name"))

    @property
    def question_count(self) -> int:
        return sum(len(d["questions"]) for d in self.content.get("dimensions", []))


class Campaign(TenantModel):
    """A survey of the organisation's digital maturity with one model version, for chosen
    units and a period. Draft (being prepared) → open (invitations sent, answers taken) →
    closed (answers final, results computed once into ``summary``)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", pgettext_lazy("survey status", "Closed")

    class Mode(models.TextChoices):
        ANONYMOUS = "anonymous", _("Anonymous, through personal links")
        SIGNED_IN = "signed_in", _("Signed in (members only)")

    number = models.PositiveIntegerField(editable=False)
    reference = models.CharField(_("reference"), max_length=20, editable=False)
    title = models.CharField(_("title"), max_length=200)
    model_version = models.ForeignKey(MaturityModelVersion, models.PROTECT, related_name="+",
                                      verbose_name=_("maturity model"))
    mode = models.CharField(_("how people answer"), max_length=20, choices=Mode.choices,
                            default=Mode.ANONYMOUS)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT, editable=False)
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("closes"))
    units = models.ManyToManyField(Unit, related_name="+", verbose_name=_("units"),
                                   help_text=_("Members of these units (and the units under "
                                               "them) are invited."))
    extra_emails = models.TextField(
        _("more people to invite"), blank=True,
        help_text=_("One email address per line, optionally followed by a comma and the "
                    "unit's name or code."))
    message = models.TextField(_("message to respondents"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)
    reminded_on = models.DateField(_("last reminder"), null=True, blank=True, editable=False)
    summary = models.JSONField(_("results"), null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version", "summary", "reminded_on"])

    class Meta:
        verbose_name = _("maturity assessment")
        verbose_name_plural = _("maturity assessments")
        ordering = ["-opens_on", "-number"]
        constraints = [models.UniqueConstraint(fields=["organisation", "reference"],
                                               name="maturity_campaign_unique_reference")]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"


class Invitation(TenantModel):
    """Who was asked to answer a campaign and whether they have answered. Kept apart from
    the answers: nothing here points to a ``Response`` and nothing there points here (the
    invitation is marked completed without a time, and responses carry no time either)."""

    campaign = models.ForeignKey(Campaign, models.CASCADE, related_name="invitations",
                                 verbose_name=_("maturity assessment"))
    email = models.EmailField(_("email address"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                             related_name="+", verbose_name=_("person"))
    unit = models.ForeignKey(Unit, models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name=_("unit"))
    # The personal link's secret; kept so that reminders can carry the same link.
    token = models.CharField(max_length=64, unique=True, editable=False)
    reminders = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    completed = models.BooleanField(_("answered"), default=False)

    class Meta:
        verbose_name = _("invitation to answer")
        verbose_name_plural = _("invitations to answer")
        ordering = ["email"]
        constraints = [models.UniqueConstraint(fields=["campaign", "email"],
                                               name="maturity_invitation_once_per_email")]

    def __str__(self) -> str:
        return self.email


class Response(TenantModel):
    """One respondent's answers, without who, when or which link: a random key, the unit
    (after closing: the reporting group it is counted in), the answers and whether they
    were sent. While a response is being written, ``resume_key`` (a keyed hash of the link's
    secret, useless without the server's secret key) finds it again; sending clears it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    campaign = models.ForeignKey(Campaign, models.CASCADE, related_name="responses",
                                 verbose_name=_("maturity assessment"))
    unit = models.ForeignKey(Unit, models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name=_("unit"))
    answers = models.JSONField(_("answers"), default=dict)
    submitted = models.BooleanField(_("sent"), default=False)
    resume_key = models.CharField(max_length=64, null=True, blank=True, unique=True,
                                  editable=False)
    # How many times the answers were saved: a page that showed an older save is told,
    # instead of overwriting what was saved from another window since.
    version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        indexes = [models.Index(fields=["campaign", "submitted"],
                                name="maturity_response_campaign")]


class Recommendation(TenantModel):
    """A recommended action of a closed campaign: the next level's statement of one of the
    dimensions with the largest weighted gaps; it may become an initiative (phase Idea)."""

    campaign = models.ForeignKey(Campaign, models.CASCADE, related_name="recommendations",
                                 verbose_name=_("maturity assessment"))
    dimension = models.CharField(_("dimension"), max_length=60)
    rank = models.PositiveSmallIntegerField(_("rank"))
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1)
    target_band = models.CharField(_("next level"), max_length=60)
    initiative = models.OneToOneField("portfolio.Initiative", models.SET_NULL, null=True,
                                      blank=True, related_name="maturity_recommendation",
                                      verbose_name=_("initiative"))
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["campaign", "rank"]
        constraints = [models.UniqueConstraint(fields=["campaign", "dimension"],
                                               name="maturity_recommendation_once")]
