"""The demo area: former Quảng Bình, its communes with plausible positions, and their 2025 successors.

Positions are scattered around approximate district centres with a fixed seed: good enough to see
points and clusters on a map, not survey data.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from ictmis.units.models import AdministrativeUnit, Level

DISTRICT_CENTRES = {
    "450": (17.468, 106.600),  # Đồng Hới
    "452": (17.780, 105.980),  # Minh Hóa
    "453": (17.870, 106.030),  # Tuyên Hóa
    "454": (17.850, 106.390),  # Quảng Trạch
    "455": (17.560, 106.330),  # Bố Trạch
    "456": (17.300, 106.560),  # Quảng Ninh
    "457": (17.160, 106.760),  # Lệ Thủy
    "458": (17.750, 106.420),  # Ba Đồn
}
OLD_STRUCTURE_FROM = dt.date(2014, 1, 1)


@dataclass(frozen=True)
class DemoCommune:
    old: AdministrativeUnit
    current: AdministrativeUnit | None  # the 2025 unit that kept its code, where there is one
    latitude: float
    longitude: float


def demo_communes(seed: int = 2014) -> list[DemoCommune]:
    rng = random.Random(seed)
    old = (
        AdministrativeUnit.objects.filter(level=Level.COMMUNE, valid_from=OLD_STRUCTURE_FROM, parent__parent__code="44")
        .select_related("parent", "parent__parent")
        .order_by("code")
    )
    current = {
        u.code: u
        for u in AdministrativeUnit.objects.filter(level=Level.COMMUNE, valid_to__isnull=True).select_related("parent")
    }
    communes = []
    for unit in old:
        lat, lon = DISTRICT_CENTRES.get(unit.parent.code if unit.parent else "", (17.47, 106.6))
        communes.append(
            DemoCommune(
                old=unit,
                current=current.get(unit.code),
                latitude=round(lat + rng.uniform(-0.07, 0.07), 5),
                longitude=round(lon + rng.uniform(-0.07, 0.07), 5),
            )
        )
    return communes
