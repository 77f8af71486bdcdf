"""Generic writes shared by every domain model: versioned update, soft delete and restore.

Sector services call these inside their own transaction so that the lock check, the audit columns,
the history row and the event log are the same everywhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, TypeVar

from django.db import transaction

from ictmis.core import events
from ictmis.core.errors import DomainError, StaleRecordError
from ictmis.core.models import DomainModel, Versioned

M = TypeVar("M", bound=DomainModel)


def _locked(instance: M) -> M:
    return type(instance)._default_manager.select_for_update().get(pk=instance.pk)  # type: ignore[return-value]


V = TypeVar("V", bound=Versioned)


def lock_version(instance: V, expected_version: int) -> V:
    """The stored row, locked for this transaction, if nobody saved it since `expected_version`."""
    current: V = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    if current.version != expected_version:
        raise StaleRecordError()
    return current


@transaction.atomic
def create_record(model: type[M], *, actor: Any, now: dt.datetime, values: Mapping[str, Any], verb: str) -> M:
    instance = model(**values)
    instance.created_by = actor
    instance.updated_by = actor
    instance.full_clean()
    instance.save()
    events.record(instance, verb, actor=actor, at=now)
    return instance


@transaction.atomic
def update_record(
    instance: M, *, actor: Any, now: dt.datetime, expected_version: int, changes: Mapping[str, Any], verb: str
) -> M:
    """Apply `changes` if nobody saved the record since `expected_version` was read; else refuse."""
    current = lock_version(instance, expected_version)
    if current.deleted_at is not None:
        raise DomainError(StaleRecordError.default_message)
    changed = {}
    for field, value in changes.items():
        old = getattr(current, field)
        if old != value:
            changed[field] = {"from": old, "to": value}
            setattr(current, field, value)
    if not changed:
        return current
    current.version += 1
    current.updated_by = actor
    current.full_clean()
    current.save()
    events.record(current, verb, actor=actor, at=now, changes=changed)
    return current


@transaction.atomic
def soft_delete(instance: M, *, actor: Any, now: dt.datetime, verb: str, reason: str = "") -> M:
    current = _locked(instance)
    if current.deleted_at is None:
        current.deleted_at = now
        current.deleted_by = actor
        current.updated_by = actor
        current.version += 1
        current.save()
        events.record(current, verb, actor=actor, at=now, reason=reason)
    return current


@transaction.atomic
def restore(instance: M, *, actor: Any, now: dt.datetime, verb: str) -> M:
    current = _locked(instance)
    if current.deleted_at is not None:
        current.deleted_at = None
        current.deleted_by = None
        current.updated_by = actor
        current.version += 1
        current.save()
        events.record(current, verb, actor=actor, at=now)
    return current
