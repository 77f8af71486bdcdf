"""Reads of organisations, scoped: an enterprise user sees only its own organisation."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from ictmis.core.access import scoped
from ictmis.core.listing import apply_search
from ictmis.parties.models import Organisation


def organisations_for(actor: Any, *, include_deleted: bool = False) -> QuerySet[Organisation]:
    qs = Organisation.objects.select_related("unit")
    if not include_deleted:
        qs = qs.alive()
    return scoped(qs, actor, unit_path="unit__path", organisation="pk")


def search_organisations(actor: Any, *, q: str | None = None, kind: str | None = None) -> QuerySet[Organisation]:
    qs = apply_search(organisations_for(actor), q)
    if kind:
        qs = qs.filter(kind=kind)
    return qs
