"""Reads of money per year: one initiative's table, a programme's and the portfolio's sums."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet, Sum
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from gevinst.core.models import Organisation
from gevinst.portfolio.models import Initiative, MoneyYear

KINDS = [MoneyYear.Kind.BUDGET, MoneyYear.Kind.ACTUAL, MoneyYear.Kind.FORECAST]
# (field, label, is hours): the stored categories, in the order the tables show them.
CATEGORIES = [
    ("investment", _("Investment"), False),
    ("internal_cost", _("Internal cost"), False),
    ("external_purchases", _("External purchases"), False),
    ("internal_hours", _("Internal hours"), True),
    ("operating_cost_change", _("Change in operating cost"), False),
]
AMOUNT_FIELDS = [name for name, _label, _hours in CATEGORIES]
# Total cost = investment + internal cost + external purchases (see MoneyYear).
COST_FIELDS = ("investment", "internal_cost", "external_purchases")
ZERO = Decimal("0")


@dataclass
class Line:
    key: str
    label: str
    is_hours: bool
    budget: Decimal | None
    actual: Decimal | None
    forecast: Decimal | None
    is_total: bool = False

    @property
    def actual_variance(self) -> Decimal | None:
        """Actual − budget (positive: spent more than budgeted)."""
        if self.actual is None or self.budget is None:
            return None
        return self.actual - self.budget

    @property
    def forecast_variance(self) -> Decimal | None:
        """Forecast − budget (positive: expected to spend more than budgeted)."""
        if self.forecast is None or self.budget is None:
            return None
        return self.forecast - self.budget


@dataclass
class YearBlock:
    year: int | None  # None: the total of all years
    lines: list[Line]
    rows: dict[str, MoneyYear | None] = field(default_factory=dict)  # kind → row (if any)

    @property
    def edit_links(self) -> list[tuple[str, str, MoneyYear | None]]:
        """(kind, label, the row or None) for each kind: links to edit or add the figures."""
        return [(k.value, str(k.label), self.rows.get(k.value)) for k in KINDS]

    @property
    def total(self) -> Line:
        return next(line for line in self.lines if line.key == "total_cost")


def _lines(figures: dict[str, dict[str, Decimal]]) -> list[Line]:
    """``figures``: kind → {field: amount}; a missing kind shows as no figure."""
    def get(kind, name):
        values = figures.get(kind)
        return None if values is None else (values.get(name) or ZERO)

    lines = [Line(name, str(label), is_hours, *(get(k, name) for k in KINDS))
             for name, label, is_hours in CATEGORIES]
    totals = [None if figures.get(k) is None else sum((get(k, n) for n in COST_FIELDS), ZERO)
              for k in KINDS]
    lines.insert(3, Line("total_cost", str(_("Total cost")), False, *totals, is_total=True))
    return lines


def build_table(rows) -> list[YearBlock]:
    """Year blocks (oldest first) and, when there is more than one year, a last block with
    all years summed.

    ``rows`` are MoneyYear objects or dicts with ``year``, ``kind`` and the amount fields.
    """
    by_year: dict[int, dict[str, dict]] = {}
    objects: dict[int, dict[str, MoneyYear]] = {}
    all_years: dict[str, dict[str, Decimal]] = {}
    for row in rows:
        values = row if isinstance(row, dict) else {n: getattr(row, n) for n in
                                                    ("year", "kind", *AMOUNT_FIELDS)}
        year, kind = values["year"], values["kind"]
        by_year.setdefault(year, {})[kind] = {n: values[n] or ZERO for n in AMOUNT_FIELDS}
        if isinstance(row, MoneyYear):
            objects.setdefault(year, {})[kind] = row
        total = all_years.setdefault(kind, dict.fromkeys(AMOUNT_FIELDS, ZERO))
        for n in AMOUNT_FIELDS:
            total[n] += values[n] or ZERO
    blocks = [YearBlock(year, _lines(by_year[year]),
                        {k: objects.get(year, {}).get(k) for k in KINDS})
              for year in sorted(by_year)]
    if len(blocks) > 1:
        blocks.append(YearBlock(None, _lines(all_years)))
    return blocks


def money_rows(initiative: Initiative) -> QuerySet[MoneyYear]:
    return MoneyYear.objects.filter(organisation_id=initiative.organisation_id,
                                    initiative=initiative).order_by("year", "kind")


def get_money_year(initiative: Initiative, money_id: int) -> MoneyYear:
    row = money_rows(initiative).filter(pk=money_id).first()
    if row is None:
        raise Http404
    return row


def sums_by_year(organisation: Organisation, initiatives: QuerySet | None = None) -> list[dict]:
    """One grouped query: per year and kind, every amount summed (stopped initiatives too:
    money they spent was spent)."""
    qs = MoneyYear.objects.filter(organisation=organisation)
    if initiatives is not None:
        qs = qs.filter(initiative__in=initiatives)
    return list(qs.values("year", "kind").annotate(**{n: Sum(n) for n in AMOUNT_FIELDS})
                .order_by("year", "kind"))


def portfolio_table(organisation: Organisation, initiatives: QuerySet | None = None
                    ) -> list[YearBlock]:
    return build_table(sums_by_year(organisation, initiatives))


def initiative_summary(initiative: Initiative) -> Line | None:
    """Total cost of all years (budget, actual, forecast), or None when nothing is recorded."""
    blocks = build_table(money_rows(initiative))
    return blocks[-1].total if blocks else None
