"""Reads of the unit tree. Units are public reference data: every signed-in user may read them."""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from ictmis.core.text import search_terms
from ictmis.units.models import AdministrativeUnit, Level, Lineage

LEVEL_ORDER = Case(
    When(level=Level.PROVINCE, then=Value(0)),
    When(level=Level.DISTRICT, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def units(
    *,
    level: str | None = None,
    parent_code: str | None = None,
    q: str | None = None,
    on: dt.date | None = None,
) -> QuerySet[AdministrativeUnit]:
    """Units matching the filters; `on` gives the structure valid that day (default: current)."""
    qs = AdministrativeUnit.objects.select_related("parent")
    qs = qs.valid_on(on) if on else qs.current()
    if level:
        qs = qs.filter(level=level)
    if parent_code:
        qs = qs.filter(parent__code=parent_code)
    for term in search_terms(q):
        qs = qs.filter(search_text__contains=term)
    return qs.order_by(LEVEL_ORDER, "code")


def unit_by_code(code: str, *, on: dt.date | None = None) -> AdministrativeUnit | None:
    """The unit with this code valid on `on` (default today's structure, else its latest version)."""
    versions = AdministrativeUnit.objects.filter(code=code).select_related("parent", "parent__parent")
    if on:
        return versions.valid_on(on).order_by(LEVEL_ORDER).first()
    return versions.order_by("-valid_from", LEVEL_ORDER).first()


def children_of(unit: AdministrativeUnit) -> QuerySet[AdministrativeUnit]:
    return unit.children.annotate(child_count=Count("children")).order_by("code")


def ancestors_of(unit: AdministrativeUnit) -> list[AdministrativeUnit]:
    chain = []
    parent = unit.parent
    while parent is not None:
        chain.append(parent)
        parent = parent.parent
    return list(reversed(chain))


def lineage_of(unit: AdministrativeUnit) -> dict[str, list[Lineage]]:
    return {
        "successors": list(unit.successions.select_related("successor")),
        "predecessors": list(unit.predecessions.select_related("predecessor")),
    }


def provinces(*, on: dt.date | None = None) -> QuerySet[AdministrativeUnit]:
    return units(level=Level.PROVINCE, on=on).annotate(
        commune_count=Count("children", filter=Q(children__level=Level.COMMUNE))
    )


def counts(*, on: dt.date | None = None) -> dict[str, int]:
    qs = AdministrativeUnit.objects.valid_on(on) if on else AdministrativeUnit.objects.current()
    by_level = dict(qs.values_list("level").annotate(n=Count("id")).values_list("level", "n"))
    return {level: by_level.get(level, 0) for level in Level.values}


def commune_paths(codes: list[str]) -> list[str]:
    return list(AdministrativeUnit.objects.filter(code__in=codes).values_list("path", flat=True))


def versions_of(code: str) -> QuerySet[AdministrativeUnit]:
    """Every unit that has carried this code, newest first (codes are reused across reforms)."""
    return AdministrativeUnit.objects.filter(code=code).select_related("parent").order_by("-valid_from")


def home_units(*, level: str | None = None) -> QuerySet[AdministrativeUnit]:
    """The units of the province(s) this installation serves, current and former, for form choices."""
    from django.conf import settings

    paths = AdministrativeUnit.objects.filter(level=Level.PROVINCE, code__in=settings.HOME_PROVINCE_CODES).values_list(
        "path", flat=True
    )
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    qs = AdministrativeUnit.objects.filter(condition).select_related("parent")
    if level:
        qs = qs.filter(level=level)
    return qs.order_by("-valid_from", LEVEL_ORDER, "sort_key")
