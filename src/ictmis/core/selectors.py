"""Reads of the kernel's own tables, scoped to the actor."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from ictmis.core.models import SavedFilter


def saved_filters_for(actor: Any, *, path: str | None = None) -> QuerySet[SavedFilter]:
    """The actor's own saved filters (of one list when `path` is given); nobody sees another's."""
    qs = SavedFilter.objects.filter(user_id=getattr(actor, "pk", None) or 0)
    return qs.filter(path=path) if path is not None else qs
