"""The kernel's import jobs: when one ends, the user who started it is told (core sends a signal)."""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from ictmis.notifications.kinds import register_kind
from ictmis.notifications.services import notify

FINISHED = "core.import.finished"
FAILED = "core.import.failed"


def connect() -> None:
    from ictmis.core.signals import import_job_ended

    register_kind(FINISHED, _("Import finished"))
    register_kind(FAILED, _("Import failed"))
    import_job_ended.connect(_job_ended, dispatch_uid="ictmis.notifications.import_job_ended")


def _job_ended(sender: Any, *, job: Any, ok: bool, now: Any, **kwargs: Any) -> None:
    if job.created_by_id is None:
        return
    try:
        link = reverse("registry:import_job", args=[job.registry, job.pk])
    except NoReverseMatch:
        link = ""
    result = job.result or {}
    notify(
        recipients=[job.created_by],
        event=FINISHED if ok else FAILED,
        context={
            "filename": job.filename,
            "rows": job.total_rows,
            "errors": job.error_count,
            "created": result.get("created", 0),
            "updated": result.get("updated", 0),
        },
        link=link,
        dedup_key=f"core.import:{job.pk}",
        now=now,
    )
