"""Saved views of the portfolio overview: a person's own, or shared in the organisation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gevinst.core.models import TenantModel


class SavedView(TenantModel):
    name = models.CharField(_("name"), max_length=100)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                              related_name="+", verbose_name=_("owner"))
    is_shared = models.BooleanField(
        _("shared with the organisation"), default=False,
        help_text=_("Everyone who can see the portfolio can use a shared view."),
    )
    # The overview's query string: filters, sort and chosen columns.
    query = models.TextField(_("filters and columns"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("saved view")
        verbose_name_plural = _("saved views")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "owner", "name"],
                                    name="savedview_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name
