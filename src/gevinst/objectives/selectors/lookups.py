"""Look-ups inside an organisation (never load-then-check): 404 for anything else."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from gevinst.core.models import Organisation
from gevinst.objectives.models import Kpi, KpiMeasurement, Objective


def get_objective(organisation: Organisation, reference: str) -> Objective:
    return get_object_or_404(Objective.objects.select_related("parent", "owner"),
                             organisation=organisation, reference=str(reference).upper())


def get_kpi(objective: Objective, reference: str) -> Kpi:
    """The KPI ``reference`` of ``objective`` (a KPI of another objective is 404)."""
    kpi = get_object_or_404(Kpi, organisation_id=objective.organisation_id,
                            objective=objective, reference=str(reference).upper())
    kpi.objective = objective
    return kpi


def find_kpi(organisation: Organisation, reference: str) -> Kpi:
    """The KPI ``reference`` of the organisation, whatever its objective."""
    kpi = (Kpi.objects.select_related("objective", "objective__owner")
           .filter(organisation=organisation, reference=str(reference).upper()).first())
    if kpi is None:
        raise Http404
    return kpi


def get_kpi_measurement(kpi: Kpi, measurement_id: int) -> KpiMeasurement:
    row = get_object_or_404(KpiMeasurement.objects.select_related("recorded_by"),
                            organisation_id=kpi.organisation_id, kpi=kpi, pk=measurement_id)
    row.kpi = kpi
    return row
