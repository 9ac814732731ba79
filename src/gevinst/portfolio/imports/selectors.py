"""Reads of import jobs, always inside the organisation."""

from __future__ import annotations

from django.http import Http404

from gevinst.core.models import Organisation
from gevinst.portfolio.models.imports import ImportJob


def get_import_job(organisation: Organisation, job_id: int) -> ImportJob:
    job = (ImportJob.objects.select_related("created_by")
           .filter(organisation=organisation, pk=job_id).first())
    if job is None:
        raise Http404
    return job


def recent_import_jobs(organisation: Organisation, limit: int = 10):
    return (ImportJob.objects.select_related("created_by")
            .filter(organisation=organisation).order_by("-created_at")[:limit])
