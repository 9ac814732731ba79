"""Mark the organisation's risk data as changed on every write of its rows, so that the
cached heat maps (core/aggregates.py) are recomputed. The appetite's bulk re-flagging calls
``mark_changed`` itself."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from gevinst.core.aggregates import mark_changed

TOPIC = "risks"


def _changed(sender, instance, **kwargs):
    mark_changed(getattr(instance, "organisation_id", None), TOPIC)


def connect() -> None:
    from gevinst.portfolio.models import Initiative
    from gevinst.risks.models import Risk, RiskAppetite

    # An initiative's programme decides which risks a programme's heat map holds.
    for model in (Risk, RiskAppetite, Initiative):
        uid = f"risks-aggregates-{model.__name__}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=uid + "-delete")
