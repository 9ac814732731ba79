"""Maturity models: platform data shared by every organisation of the deployment (the
platform operator installs them; organisations only read them).

A model (``MaturityModel``, by key) has numbered versions. A version's content never
changes: installing a changed file makes the next version, so what was measured with a
version keeps its meaning and its scores. The newest version is the current one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

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
