"""Which task worker holds an import job, and what happens to jobs whose worker died.

A worker claims a job with one conditional UPDATE (so a job enqueued twice, or committed from two
nodes at once, runs once), names itself on the row ("host:pid:start") and, on PostgreSQL, refreshes
`heartbeat_at` from a side thread while it works. When a worker starts it looks for jobs left running
by a worker that is gone: on its own machine a process that no longer exists (the pid and its start
time no longer match), elsewhere a heartbeat older than `ORPHAN_AFTER`. A job another live worker is
committing is never touched. An interrupted commit wrote nothing (the import is one transaction), so
it is marked failed with "run it again"; an interrupted validation only read, so it is queued again.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ictmis.core.models import ImportJob

HEARTBEAT_SECONDS = 20.0
ORPHAN_AFTER = dt.timedelta(minutes=2)
RUNNING = [ImportJob.Status.VALIDATING, ImportJob.Status.COMMITTING]
logger = logging.getLogger(__name__)


def _process_start(pid: int) -> str | None:
    """The process's start time in clock ticks since boot (None when there is no such process)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return None
    except OSError:
        return _alive_without_proc(pid)
    return stat.rsplit(")", 1)[1].split()[19]


def _alive_without_proc(pid: int) -> str | None:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass
    return "?"


def worker_identity(pid: int | None = None) -> str:
    pid = os.getpid() if pid is None else pid
    return f"{socket.gethostname()}:{pid}:{_process_start(pid) or '?'}"


def worker_is_gone(worker: str, heartbeat_at: dt.datetime | None, *, now: dt.datetime) -> bool:
    host, _sep, rest = worker.partition(":")
    pid, _sep, start = rest.partition(":")
    if host == socket.gethostname() and pid.isdigit():
        alive_start = _process_start(int(pid))
        return alive_start is None or (start != "?" and alive_start not in (start, "?"))
    return heartbeat_at is None or now - heartbeat_at > ORPHAN_AFTER


class _Heartbeat(threading.Thread):
    def __init__(self, job_id: int, worker: str) -> None:
        super().__init__(name=f"import-heartbeat-{job_id}", daemon=True)
        self.job_id, self.worker = job_id, worker
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(HEARTBEAT_SECONDS):
                try:
                    with transaction.atomic():
                        # Never wait long behind a transaction holding the row; the next beat will do.
                        with connection.cursor() as cursor:
                            cursor.execute("SET LOCAL lock_timeout = '2s'")
                        jobs = ImportJob.objects.filter(pk=self.job_id, worker=self.worker)
                        jobs.update(heartbeat_at=timezone.now())
                except Exception:  # a missed beat is retried; the job itself must not fail for it
                    logger.warning("Could not record the heartbeat of import %s", self.job_id, exc_info=True)
        finally:
            connection.close()


@contextmanager
def claimed(job_id: int, *, expected: str, status: str, now: dt.datetime) -> Iterator[ImportJob | None]:
    """Hold the job for this worker while the block runs; None when it is not in `expected` or held."""
    me = worker_identity()
    taken = ImportJob.objects.filter(pk=job_id, status=expected, worker="").update(
        status=status, worker=me, heartbeat_at=now
    )
    if not taken:
        yield None
        return
    # SQLite is one machine: the pid check finds a dead worker, and a second writer would only wait.
    beat = _Heartbeat(job_id, me) if connection.vendor != "sqlite" else None
    if beat is not None:
        beat.start()
    try:
        yield ImportJob.objects.select_related("created_by").get(pk=job_id)
    finally:
        if beat is not None:
            beat.stopped.set()
            beat.join(timeout=10)
        ImportJob.objects.filter(pk=job_id, worker=me).update(worker="")


def start_commit(*, job_id: int, now: dt.datetime) -> bool:
    """Queue a checked job (or one whose commit was interrupted) for writing; False when another request
    already did, so the same file is never queued twice, whichever node the requests reach. The worker
    that takes it moves it from "queued" to "committing" (`claimed`)."""
    startable = Q(status=ImportJob.Status.VALID) | Q(status=ImportJob.Status.FAILED, result__interrupted=True)
    return bool(
        ImportJob.objects.filter(startable, pk=job_id, worker="").update(
            status=ImportJob.Status.QUEUED, result={}, finished_at=None, updated_at=now
        )
    )


@dataclass
class Recovered:
    failed: list[int] = field(default_factory=list)
    requeued: list[int] = field(default_factory=list)


def interrupted_message() -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _("The import was interrupted because its task worker stopped; nothing was written. Run it again.")


def recover_interrupted_imports(*, now: dt.datetime) -> Recovered:
    """Fail the commits and requeue the validations that a dead worker left running."""
    from ictmis.core import tasks

    recovered = Recovered()
    for job in ImportJob.objects.filter(status__in=RUNNING).exclude(worker=""):
        if not worker_is_gone(job.worker, job.heartbeat_at, now=now):
            continue
        same = ImportJob.objects.filter(pk=job.pk, status=job.status, worker=job.worker)
        if job.status == ImportJob.Status.COMMITTING:
            result = {"error": interrupted_message(), "interrupted": True}
            if same.update(status=ImportJob.Status.FAILED, worker="", result=result, finished_at=now, updated_at=now):
                recovered.failed.append(job.pk)
        elif same.update(status=ImportJob.Status.UPLOADED, worker="", updated_at=now):
            recovered.requeued.append(job.pk)
            transaction.on_commit(lambda pk=job.pk: tasks.validate_import.enqueue(pk))  # type: ignore[misc]
    for pk in recovered.failed:
        logger.warning("Import %s was left committing by a task worker that is gone: marked failed", pk)
    for pk in recovered.requeued:
        logger.warning("Import %s was left validating by a task worker that is gone: queued again", pk)
    return recovered
