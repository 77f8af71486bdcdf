"""The demo area: former Quảng Bình, its communes at their points (from the units file), and their 2025 successors."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ictmis.units.models import AdministrativeUnit, Level, UnitPosition

OLD_STRUCTURE_FROM = dt.date(2014, 1, 1)
QUANG_BINH = (17.47, 106.6)  # only for a commune without a point (none in the units file)


@dataclass(frozen=True)
class DemoCommune:
    old: AdministrativeUnit
    current: AdministrativeUnit | None  # the 2025 unit that kept its code, where there is one
    latitude: float
    longitude: float


def demo_communes() -> list[DemoCommune]:
    old = list(
        AdministrativeUnit.objects.filter(level=Level.COMMUNE, valid_from=OLD_STRUCTURE_FROM, parent__parent__code="44")
        .select_related("parent", "parent__parent")
        .order_by("code")
    )
    current = {
        u.code: u
        for u in AdministrativeUnit.objects.filter(level=Level.COMMUNE, valid_to__isnull=True).select_related("parent")
    }
    points = {
        unit_id: (latitude, longitude)
        for unit_id, latitude, longitude in UnitPosition.objects.filter(unit__in=old).values_list(
            "unit_id", "latitude", "longitude"
        )
    }
    return [
        DemoCommune(
            old=unit,
            current=current.get(unit.code),
            latitude=points.get(unit.pk, QUANG_BINH)[0],
            longitude=points.get(unit.pk, QUANG_BINH)[1],
        )
        for unit in old
    ]
