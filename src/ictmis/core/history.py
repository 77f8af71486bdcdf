"""The "History" tab: field-level before/after from django-simple-history plus the workflow events."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Model

from ictmis.core import events
from ictmis.core.models import Event


@dataclass(frozen=True)
class Change:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class Entry:
    at: Any
    who: Any
    kind: str
    changes: list[Change]


def history_of(obj: Model, limit: int = 100) -> list[Entry]:
    """Newest first: every saved version with what changed from the one before."""
    records = list(obj.history.select_related("history_user").order_by("-history_date")[: limit + 1])  # type: ignore[attr-defined]
    entries = []
    skip = {"version", "search_text", "updated_at", "updated_by"}
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes: list[Change] = []
        if previous is not None:
            delta = record.diff_against(previous)
            for change in delta.changes:
                if change.field in skip:
                    continue
                field = obj._meta.get_field(change.field)
                label = getattr(field, "verbose_name", change.field)
                changes.append(Change(str(label), change.old, change.new))
        entries.append(Entry(record.history_date, record.history_user, record.get_history_type_display(), changes))
    return entries


def events_of(obj: Model) -> list[Event]:
    return list(events.for_object(obj)[:200])
