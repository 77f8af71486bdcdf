"""Background work of the kernel, run by `ictmis db_worker` (or in-process with the immediate backend)."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from ictmis.core import imports, job_workers, registry
from ictmis.core.models import ImportJob

Status = ImportJob.Status


@task()
def validate_import(job_id: int) -> str:
    now = timezone.now()
    with job_workers.claimed(job_id, expected=Status.UPLOADED, status=Status.VALIDATING, now=now) as job:
        if job is None:
            return "skipped"  # already taken by another worker, or enqueued twice
        imports.run_validation(job, registry.source(job.registry))
        return job.status


@task()
def commit_import(job_id: int) -> str:
    now = timezone.now()
    with job_workers.claimed(job_id, expected=Status.QUEUED, status=Status.COMMITTING, now=now) as job:
        if job is None:
            return "skipped"
        imports.run_commit(job, registry.source(job.registry), now=now)
        return job.status
