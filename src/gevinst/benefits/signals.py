"""Mark the organisation's benefits data as changed on every write of its rows, so that the
cached aggregates (core/aggregates.py: overview totals, planned vs actual) are recomputed.
Bulk writes that bypass signals (the refresh's UPDATEs) call ``mark_changed`` themselves."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from gevinst.core.aggregates import mark_changed

TOPIC = "benefits"


def _changed(sender, instance, **kwargs):
    mark_changed(getattr(instance, "organisation_id", None), TOPIC)


def connect() -> None:
    from gevinst.benefits.models import (
        Benefit,
        BenefitInitiative,
        BenefitYear,
        Measure,
        Measurement,
        PlannedValue,
    )
    from gevinst.portfolio.models import Initiative

    # An initiative's programme decides which benefits a programme filter finds.
    for model in (Benefit, BenefitInitiative, BenefitYear, Measure, Measurement, PlannedValue,
                  Initiative):
        uid = f"benefits-aggregates-{model.__name__}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=uid + "-delete")
    for through in (Benefit.objectives.through, Benefit.realising_units.through):
        m2m_changed.connect(_changed, sender=through,
                            dispatch_uid=f"benefits-aggregates-{through.__name__}")
