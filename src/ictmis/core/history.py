"""The "History" tab: field-level before/after from django-simple-history plus the workflow events."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from ictmis.core import events
from ictmis.core.models import Event

KINDS = {"+": _("Record created"), "~": _("Record changed"), "-": _("Record deleted")}


def _shown(field: Any, value: Any) -> Any:
    """A stored value as the form shows it: a choice by its label, a yes/no in words, a related row by its name."""
    if value is None or value == "":
        return value
    if getattr(field, "many_to_one", False) and field.related_model is not None:
        related = field.related_model._base_manager.filter(pk=value).first()
        return value if related is None else str(related)
    choices = dict(field.flatchoices) if getattr(field, "choices", None) else {}
    if choices:
        if isinstance(value, list):
            return ", ".join(str(choices.get(item, item)) for item in value)
        return choices.get(value, value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return value


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
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])  # type: ignore[attr-defined]
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
                changes.append(Change(str(label), _shown(field, change.old), _shown(field, change.new)))
        kind = str(KINDS.get(record.history_type, record.history_type))
        entries.append(Entry(record.history_date, record.history_user, kind, changes))
    return entries


def events_of(obj: Model) -> list[Event]:
    return list(events.for_object(obj)[:200])
