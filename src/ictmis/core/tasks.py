"""Background work of the kernel, run by `ictmis db_worker` (or in-process with the immediate backend)."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from ictmis.core import imports, registry
from ictmis.core.models import ImportJob


@task()
def validate_import(job_id: int) -> str:
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    imports.run_validation(job, registry.source(job.registry))
    return job.status


@task()
def commit_import(job_id: int) -> str:
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    imports.run_commit(job, registry.source(job.registry), now=timezone.now())
    return job.status
