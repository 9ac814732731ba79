"""What the initiative overview shows of the registers around it (money, dependencies):
``{% initiative_registers initiative as registers %}``.

A tag rather than view context, so that the overview page (owned by the initiatives view)
shows these blocks without the view knowing about every register.
"""

from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag
def initiative_registers(initiative) -> dict:
    from gevinst.portfolio.selectors import dependencies, money

    return {"money": money.initiative_summary(initiative),
            "warnings": dependencies.warnings(initiative)}
