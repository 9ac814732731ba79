"""Look-ups inside an organisation (never load-then-check)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from gevinst.benefits.models import Benefit, Measure, Measurement
from gevinst.core.models import Organisation


def get_benefit(organisation: Organisation, reference: str) -> Benefit:
    return get_object_or_404(
        Benefit.objects.select_related("owner", "owner_unit"),
        organisation=organisation, reference=reference)


def get_measure(benefit: Benefit, measure_id: int) -> Measure:
    return get_object_or_404(Measure, organisation_id=benefit.organisation_id,
                             benefit=benefit, pk=measure_id)


def get_measurement(measure: Measure, measurement_id: int) -> Measurement:
    return get_object_or_404(Measurement, organisation_id=measure.organisation_id,
                             measure=measure, pk=measurement_id)
