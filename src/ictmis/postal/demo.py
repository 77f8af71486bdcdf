"""Demo post office points: one per former Quảng Bình commune, filed under that commune."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from ictmis.core.registry_demo import upsert
from ictmis.parties.public import Organisation
from ictmis.postal.models import BuildingType, PointService, PointStatus
from ictmis.units.public import demo_communes


def load(now: dt.datetime, progress: Callable[[str], None]) -> None:
    rng = random.Random(8085)
    operator = Organisation.objects.filter(short_name="Bưu điện").first()
    rows = []
    for commune in demo_communes():
        name = commune.old.name.split(" ", 1)[1] if " " in commune.old.name else commune.old.name
        services = [PointService.POSTAL, PointService.READING_ROOM]
        if rng.random() < 0.45:
            services.append(PointService.INTERNET)
        if rng.random() < 0.7:
            services.append(PointService.PUBLIC_PAYMENTS)
        rows.append(
            {
                "code": f"BĐVHX-{commune.old.code}",
                "name": f"Điểm BĐVHX {name}",
                "unit": commune.old,
                "address": f"Trung tâm {commune.old.name}",
                "latitude": commune.latitude,
                "longitude": commune.longitude,
                "operator": operator,
                "building_type": rng.choice(BuildingType.values),
                "staff": rng.choice([1, 1, 1, 2]),
                "opening_hours": "07:00–11:00, 13:30–17:00",
                "services": sorted(services),
                "books": rng.randint(150, 400),
                "newspaper_titles": rng.randint(2, 6),
                "computers": rng.choice([0, 0, 1, 2, 3]) if PointService.INTERNET in services else 0,
                "status": PointStatus.ACTIVE if rng.random() < 0.93 else PointStatus.SUSPENDED,
            }
        )
    result = upsert("post-offices", rows, now=now)
    progress(f"  post office points: {result}")
