"""Demo BTS stations of three operators: older ones filed under former communes, newer ones (from
1 July 2025) under the current communes that kept a former commune's code."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from ictmis.core.registry_demo import upsert
from ictmis.parties.public import Organisation
from ictmis.telecom.models import StationStatus, StationType, Technology
from ictmis.units.public import REFORM_DATE, demo_communes

OPERATOR_TAX_CODES = ("4701234564", "4705678909", "4706789016")
STATIONS = 360


def load(now: dt.datetime, progress: Callable[[str], None]) -> None:
    rng = random.Random(120000)
    operators = list(Organisation.objects.filter(tax_code__in=OPERATOR_TAX_CODES).order_by("tax_code"))
    communes = demo_communes()
    if not operators or not communes:
        return
    rows = []
    for number in range(1, STATIONS + 1):
        operator = operators[number % len(operators)]
        commune = rng.choice(communes)
        commissioned = dt.date(2008, 1, 1) + dt.timedelta(days=rng.randint(0, 6500))
        unit = commune.current if commissioned >= REFORM_DATE and commune.current else commune.old
        station_type = rng.choices(StationType.values, weights=[6, 3, 1, 1])[0]
        generations = {Technology.G4}
        if commissioned.year < 2016:
            generations |= {Technology.G2, Technology.G3}
        if commissioned.year >= 2024 and rng.random() < 0.5:
            generations.add(Technology.G5)
        rows.append(
            {
                "operator": operator,
                "site_code": f"QB{number:04d}",
                "name": f"{commune.old.name.split(' ', 1)[-1]} {number}",
                "unit": unit,
                "latitude": round(commune.latitude + rng.uniform(-0.03, 0.03), 5),
                "longitude": round(commune.longitude + rng.uniform(-0.03, 0.03), 5),
                "station_type": station_type,
                "mast_height": float(rng.choice([12, 15, 21, 30, 36, 42])),
                "technologies": sorted(generations),
                "permit_number": f"{rng.randint(1, 400)}/GPXD" if station_type == StationType.GROUND_MAST else "",
                "permit_date": commissioned - dt.timedelta(days=60)
                if station_type == StationType.GROUND_MAST
                else None,
                "plan_conformity": rng.random() < 0.95,
                "commissioned_on": commissioned,
                "status": StationStatus.ACTIVE if rng.random() < 0.95 else StationStatus.SUSPENDED,
            }
        )
    result = upsert("bts-stations", rows, now=now)
    progress(f"  BTS stations: {result}")
