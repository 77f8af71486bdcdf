"""Reads of organisations and persons, scoped: an enterprise user sees only its own organisation; persons are
seen by the Department's staff (all) and by commune officers (their communes' persons), by nobody else."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from ictmis.core import events
from ictmis.core.access import scoped
from ictmis.core.listing import apply_search
from ictmis.parties import policies
from ictmis.parties.models import Organisation, Person
from ictmis.units.public import AdministrativeUnit


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


def persons_for(actor: Any, *, include_deleted: bool = False) -> QuerySet[Person]:
    qs = Person.objects.select_related("unit__parent", "organisation")
    if not policies.can_view_persons(actor):
        return qs.none()
    if not include_deleted:
        qs = qs.alive()
    return scoped(qs, actor, unit_path="unit_path")


def unit_paths(code: str) -> list[str]:
    """The tree paths of every unit (current or former) with this code, for a filter by unit at any level."""
    return list(AdministrativeUnit.objects.filter(code=code.strip()).values_list("path", flat=True))


def search_persons(
    actor: Any, *, q: str | None = None, unit: str | None = None, deleted: bool = False
) -> QuerySet[Person]:
    """By name, citizen ID, phone or position (diacritics and case ignored), within a unit given by its code;
    the live persons, or with `deleted` the deleted ones only."""
    qs = persons_for(actor, include_deleted=deleted)
    if deleted:
        qs = qs.filter(deleted_at__isnull=False)
    qs = apply_search(qs, q)
    if unit:
        condition = Q(pk__in=[])
        for path in unit_paths(unit):
            condition |= Q(unit_path__startswith=path)
        qs = qs.filter(condition)
    return qs


def deletion_reason(person: Person) -> str:
    """Why a deleted person was deleted, as the last deletion's event says (blank for a live person)."""
    if not person.is_deleted:
        return ""
    event = events.for_object(person).filter(verb="parties.person.deleted").first()
    return str(event.data.get("reason", "")) if event is not None else ""
