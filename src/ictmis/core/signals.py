"""Signals the kernel sends; higher apps listen (the kernel never imports them)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models.signals import post_delete
from django.dispatch import Signal

# An import job has ended: `job` (ImportJob), `ok` (committed, or failed/refused), `now`.
import_job_ended = Signal()

# Registry records were written: `sender` is the registry model, `unit_paths` (a frozenset) the tree paths of the
# units whose records were created, changed, deleted or restored (both units of a record that moved). Sent inside
# the writing transaction, by every save of a registry record and once at the end of each import.
registry_changed = Signal()


def on_registry_change(model: type[Any], receiver: Callable[[frozenset[str]], None], *, uid: str) -> None:
    """Call `receiver(unit_paths)` whenever records of the registry `model` are written: saved one by one, written
    by an import, or deleted for good (a row removed, not the usual soft delete, which is a save)."""

    def changed(sender: Any, unit_paths: frozenset[str], **kwargs: Any) -> None:
        receiver(unit_paths)

    def deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
        if instance.unit_path:
            receiver(frozenset({instance.unit_path}))

    registry_changed.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}.changed")
    post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=f"{uid}.deleted")
