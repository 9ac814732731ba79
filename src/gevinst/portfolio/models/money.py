"""Money per initiative and year: budget, actual and forecast of each cost category."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from gevinst.core.models import TenantModel
from gevinst.portfolio.models.initiatives import Initiative


class MoneyYear(TenantModel):
    """One initiative's figures for one year, as budget, actual or forecast.

    Total cost = investment + internal cost + external purchases; the change in operating
    cost is the yearly running cost the initiative adds (+) or removes (−) and is shown
    beside it, not added to it. Amounts are in the organisation's currency.
    """

    class Kind(models.TextChoices):
        BUDGET = "budget", _("Budget")
        ACTUAL = "actual", _("Actual")
        FORECAST = "forecast", _("Forecast")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="money",
                                   verbose_name=_("initiative"))
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    investment = models.DecimalField(_("investment"), max_digits=14, decimal_places=2,
                                     default=Decimal("0"))
    operating_cost_change = models.DecimalField(
        _("change in operating cost"), max_digits=14, decimal_places=2, default=Decimal("0"))
    internal_hours = models.DecimalField(_("internal hours"), max_digits=10, decimal_places=1,
                                         default=Decimal("0"))
    internal_cost = models.DecimalField(_("internal cost"), max_digits=14, decimal_places=2,
                                        default=Decimal("0"))
    external_purchases = models.DecimalField(_("external purchases"), max_digits=14,
                                             decimal_places=2, default=Decimal("0"))
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("money per year")
        verbose_name_plural = _("money per year")
        ordering = ["year", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "year", "kind"],
                                    name="moneyyear_unique_initiative_year_kind"),
        ]
        indexes = [models.Index(fields=["organisation", "year", "kind"])]

    def __str__(self) -> str:
        return f"{self.year} {self.get_kind_display()}"

    @property
    def total_cost(self) -> Decimal:
        return self.investment + self.internal_cost + self.external_purchases
