"""Demo commune radio stations: one per former Quảng Bình commune."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from ictmis.broadcasting.models import Condition, Technology
from ictmis.core.registry_demo import upsert
from ictmis.units.public import demo_communes


def load(now: dt.datetime, progress: Callable[[str], None]) -> None:
    rng = random.Random(9690)
    rows = []
    for commune in demo_communes():
        technology = rng.choices([Technology.WIRED, Technology.FM, Technology.IP], weights=[2, 6, 2])[0]
        villages = rng.randint(5, 16)
        connected = technology == Technology.IP or rng.random() < 0.4
        rows.append(
            {
                "name": f"Đài truyền thanh {commune.old.name}",
                "unit": commune.old,
                "latitude": round(commune.latitude + 0.002, 5),
                "longitude": round(commune.longitude - 0.002, 5),
                "technology": technology,
                "fm_frequency": round(rng.uniform(87.5, 107.9), 1) if technology == Technology.FM else None,
                "fm_licence_number": f"{rng.randint(100, 999)}/GP-CTS" if technology == Technology.FM else "",
                "fm_licence_expiry": dt.date(2026 + rng.randint(0, 4), rng.randint(1, 12), 1)
                if technology == Technology.FM
                else None,
                "transmitter_power": rng.choice([30.0, 50.0, 100.0]) if technology == Technology.FM else None,
                "loudspeaker_clusters": rng.randint(4, 20),
                "villages_covered": rng.randint(max(1, villages - 4), villages),
                "villages_total": villages,
                "connected_to_source": connected,
                "connected_since": dt.date(2023, rng.randint(1, 12), 1) if connected else None,
                "circular_39_compliant": technology == Technology.IP,
                "condition": rng.choices(Condition.values, weights=[7, 2, 1])[0],
                "weekly_hours": float(rng.choice([7, 10.5, 14, 21])),
                "staff": rng.choice([1, 1, 2]),
            }
        )
    result = upsert("radio-stations", rows, now=now)
    progress(f"  commune radio stations: {result}")
