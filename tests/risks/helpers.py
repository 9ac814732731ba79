"""Helpers of the risk tests: many risks at once (ORM, derived fields set by hand)."""

from __future__ import annotations

import datetime as dt

from gevinst.core.models import Sequence
from gevinst.risks.models import Risk


def bulk_risks(org, n: int, *, start: int = 100, owner=None, initiative=None,
               programme=None, **fields) -> list[Risk]:
    """``n`` open organisation-level risks RSK-0100… spread over the heat map (run inside a
    tenant scope)."""
    rows = []
    for k in range(n):
        p, i = k % 5 + 1, (k // 5) % 5 + 1
        number = start + k
        data = dict(kind="risk", title=f"Risiko {number}", category="delivery",
                    level="organisation", probability=p, impact=i, score=p * i,
                    residual_score=p * i, above_appetite=p * i > 12, strategy="reduce",
                    owner=owner, initiative=initiative, programme=programme,
                    next_review=dt.date(2030, 1, 1))
        data.update(fields)
        rows.append(Risk(organisation=org, number=number, reference=f"RSK-{number:04d}",
                         **data))
    created = Risk.objects.bulk_create(rows)
    Sequence.objects.filter(organisation=org, name="RSK").update(last_value=start + n)
    return created
