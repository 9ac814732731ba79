"""Dependencies between initiatives: the initiative needs another to deliver first."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from gevinst.core.models import TenantModel
from gevinst.portfolio.models.initiatives import Initiative


class Dependency(TenantModel):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE,
                                   related_name="dependencies", verbose_name=_("initiative"))
    depends_on = models.ForeignKey(Initiative, on_delete=models.CASCADE,
                                   related_name="dependents", verbose_name=_("depends on"))
    description = models.TextField(_("what is needed"), blank=True)
    needed_by = models.DateField(
        _("needed by"), null=True, blank=True,
        help_text=_("When the other initiative must have delivered. Empty: by our start."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dependency")
        verbose_name_plural = _("dependencies")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "depends_on"],
                                    name="dependency_unique_pair"),
            models.CheckConstraint(condition=~models.Q(initiative=models.F("depends_on")),
                                   name="dependency_not_on_itself"),
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id} → {self.depends_on_id}"
