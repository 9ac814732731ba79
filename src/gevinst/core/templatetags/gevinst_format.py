"""Numbers and money in the organisation's conventions: ``{{ amount|money:org }}``.

Grouping and decimal marks follow the organisation's country (the Nordic countries group
thousands with a space and use a decimal comma), whatever language the reader chose, so that
a figure reads the same in every report of that organisation. Money carries the
organisation's currency code (``1 234 567 NOK``). Python code uses :func:`format_money`.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template

register = template.Library()

NBSP = "\u00a0"
MINUS = "\u2212"
# country → (thousands separator, decimal mark)
SEPARATORS = {"NO": (NBSP, ","), "SE": (NBSP, ","), "FI": (NBSP, ","), "DK": (".", ","),
              "IS": (".", ",")}
DEFAULT_SEPARATORS = (",", ".")


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def format_number(value, organisation=None, decimals: int = 0) -> str:
    """``value`` grouped in the organisation's convention; '' for no value."""
    number = _decimal(value)
    if number is None:
        return ""
    thousands, mark = SEPARATORS.get(getattr(organisation, "country", ""), DEFAULT_SEPARATORS)
    quantum = Decimal(1).scaleb(-decimals)
    number = number.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = MINUS if number < 0 else ""
    whole, _dot, fraction = f"{abs(number):f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = thousands.join(groups) or "0"
    if decimals and fraction:
        text += mark + fraction
    return sign + text


def format_money(value, organisation=None, decimals: int = 0) -> str:
    """``1 234 567 NOK``: the amount in the organisation's convention and currency."""
    text = format_number(value, organisation, decimals)
    if not text:
        return ""
    currency = getattr(organisation, "currency", "") or ""
    return f"{text}{NBSP}{currency}" if currency else text


@register.filter
def money(value, organisation=None):
    """``{{ amount|money:org }}`` → ``1 234 567 NOK``."""
    return format_money(value, organisation)


@register.filter
def amount(value, organisation=None):
    """``{{ amount|amount:org }}`` → ``1 234 567`` (the currency stated once, e.g. in a
    table caption)."""
    return format_number(value, organisation)


@register.filter
def hours(value, organisation=None):
    """Hours with one decimal only when there is one: ``1 250`` or ``7,5``."""
    number = _decimal(value)
    if number is None:
        return ""
    decimals = 0 if number == number.to_integral_value() else 1
    return format_number(number, organisation, decimals)
