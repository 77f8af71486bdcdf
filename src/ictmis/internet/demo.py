"""Demo public Internet access points: most former communes have one (library or post office)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from ictmis.core.registry_demo import upsert
from ictmis.internet.models import AccessPointStatus, PointType, Tariff
from ictmis.units.public import demo_communes

PROGRAMME = "Dự án Nâng cao khả năng sử dụng máy tính và truy nhập Internet công cộng tại Việt Nam"


def load(now: dt.datetime, progress: Callable[[str], None]) -> None:
    rng = random.Random(1900)
    rows = []
    for commune in demo_communes():
        if rng.random() > 0.75:
            continue
        at_post_office = rng.random() < 0.55
        rows.append(
            {
                "name": f"{'Điểm BĐVHX' if at_post_office else 'Thư viện'} {commune.old.name}",
                "point_type": PointType.POST_OFFICE if at_post_office else PointType.COMMUNE_LIBRARY,
                "unit": commune.old,
                "latitude": round(commune.latitude - 0.001, 5),
                "longitude": round(commune.longitude + 0.001, 5),
                "programme": PROGRAMME,
                "handover_date": dt.date(rng.randint(2012, 2016), rng.randint(1, 12), 1),
                "computers": 5,
                "connection_type": rng.choice(["ADSL", "FTTH"]),
                "connection_speed": rng.choice([8, 16, 30, 50]),
                "tariff": Tariff.DISCOUNTED if at_post_office else Tariff.FREE,
                "opening_hours": "07:30–17:00",
                "trained_staff": rng.randint(1, 2),
                "monthly_users": rng.randint(40, 600),
                "status": AccessPointStatus.ACTIVE if rng.random() < 0.85 else AccessPointStatus.CLOSED,
            }
        )
    result = upsert("internet-points", rows, now=now)
    progress(f"  public Internet access points: {result}")
