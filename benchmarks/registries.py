"""National-scale registry measurements (called by benchmarks/run.py).

Generates 120,000 BTS stations over all 3,321 current communes and 10,000 records of each other
registry, imports the BTS file through the real import engine in a subprocess (`ictmis import`,
so its peak memory is its own), and times the reads a user makes.
"""

from __future__ import annotations

import csv
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from ictmis.accounts.models import User
from ictmis.core.registry_demo import upsert
from ictmis.parties.models import Organisation
from ictmis.telecom.models import BtsStation
from ictmis.units.models import AdministrativeUnit, Level

BTS_ROWS = int(os.environ.get("ICTMIS_BENCH_BTS", "120000"))
OTHER_ROWS = int(os.environ.get("ICTMIS_BENCH_OTHER", "10000"))
HEADER = ["Doanh nghiệp", "Mã trạm", "Tên trạm", "Mã đơn vị hành chính cấp xã", "Vĩ độ", "Kinh độ", "Loại trạm",
          "Công nghệ", "Trạng thái"]  # fmt: skip


def generate_bts_csv(path: Path, operators: list[Organisation], communes: list[str]) -> None:
    rng = random.Random(120000)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for number in range(BTS_ROWS):
            writer.writerow(
                [
                    operators[number % len(operators)].tax_code,
                    f"VN{number:06d}",
                    f"Trạm {number}",
                    communes[number % len(communes)],
                    f"{rng.uniform(8.6, 23.3):.5f}",
                    f"{rng.uniform(102.2, 109.4):.5f}",
                    "rooftop",
                    "4G",
                    "active",
                ]
            )


def raw_floor(path: Path, operators: dict[str, int], units: dict[str, int]) -> float:
    """The same rows written the fastest raw way in one transaction, rolled back: COPY on PostgreSQL,
    one executemany on SQLite. The floor the import is compared with."""
    with path.open(encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        now = timezone.now()
        rows = [
            (operators[r[0]], r[1], r[2], units[r[3]], float(r[4]), float(r[5]), r[6], '["4G"]', r[8], now, now)
            for r in reader
        ]
    sql = (
        "INSERT INTO telecom_btsstation (operator_id, site_code, name, unit_id, latitude, longitude, station_type, "
        "technologies, status, created_at, updated_at, version, search_text, unit_path, address, notes, "
        "mast_height, permit_number, permit_exemption, plan_conformity) VALUES "
        "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 1, '', '', '', '', NULL, '', '', TRUE)"
    )
    start = time.perf_counter()
    with transaction.atomic():
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                columns = (
                    "operator_id, site_code, name, unit_id, latitude, longitude, station_type, technologies, status, "
                    "created_at, updated_at, version, search_text, unit_path, address, notes, permit_number, "
                    "permit_exemption, plan_conformity"
                )
                with cursor.cursor.copy(f"COPY telecom_btsstation ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row((*row, 1, "", "", "", "", "", "", True))
            else:
                cursor.executemany(sql, rows)
        elapsed = time.perf_counter() - start
        transaction.set_rollback(True)
    return elapsed


def timed(fn: Any, repeat: int = 5) -> float:
    fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    samples.sort()
    return samples[len(samples) // 2]


def run(tmp: Path, report: Any) -> None:
    operators = list(
        Organisation.objects.filter(kind="enterprise", tax_code__in=["4701234564", "4705678909", "4706789016"])
    )
    communes = list(
        AdministrativeUnit.objects.filter(level=Level.COMMUNE, valid_to__isnull=True).values_list("code", flat=True)
    )
    path = tmp / "bts-national.csv"
    generate_bts_csv(path, operators, communes)
    print(f"\nregistries: {BTS_ROWS:,} BTS rows over {len(communes):,} communes; {OTHER_ROWS:,} of each other registry")

    unit_ids = dict(
        AdministrativeUnit.objects.filter(level=Level.COMMUNE, valid_to__isnull=True).values_list("code", "id")
    )
    floor = raw_floor(path, {o.tax_code: o.pk for o in operators}, unit_ids)
    method = "COPY" if connection.vendor == "postgresql" else "executemany"
    report(f"raw {method} of {BTS_ROWS:,} rows (floor)", floor)

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ictmis.settings"}
    command = [str(Path(sys.executable).parent / "ictmis"), "import", "bts-stations", str(path)]
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    report(f"ictmis import of {BTS_ROWS:,} BTS rows (validate + commit)", elapsed, floor)
    print(f"{'':<52} {BTS_ROWS / elapsed:9.0f} rows/s, peak memory {peak_mb:.0f} MB")
    assert BtsStation.objects.filter(site_code__startswith="VN").count() == BTS_ROWS

    rng = random.Random(10000)
    current = list(AdministrativeUnit.objects.filter(level=Level.COMMUNE, valid_to__isnull=True))
    now = timezone.now()
    start = time.perf_counter()

    def spread(n: int) -> dict[str, Any]:
        return {
            "unit": current[n % len(current)],
            "latitude": rng.uniform(8.6, 23.3),
            "longitude": rng.uniform(102.2, 109.4),
        }

    upsert(
        "post-offices", [{"code": f"P{n:05d}", "name": f"Điểm {n}", **spread(n)} for n in range(OTHER_ROWS)], now=now
    )
    upsert(
        "radio-stations", [{"name": f"Đài {n}", "technology": "wired", **spread(n)} for n in range(OTHER_ROWS)], now=now
    )
    upsert(
        "internet-points",
        [{"name": f"Điểm truy nhập {n}", "point_type": "commune_library", **spread(n)} for n in range(OTHER_ROWS)],
        now=now,
    )
    print(f"{'':<52} other registries written in {time.perf_counter() - start:.1f} s")

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # what autovacuum does after a bulk load; plans depend on it
    api = Client(headers={"Authorization": f"Bearer {_token()}"})
    page = Client()
    page.force_login(User.objects.get(username="chuyenvien"))
    for label, fn in [
        ("GET /api/v1/bts-stations page 1", lambda: api.get("/api/v1/bts-stations", {"limit": 25})),
        ("GET /api/v1/bts-stations page 500", lambda: api.get("/api/v1/bts-stations", {"limit": 25, "offset": 12475})),
        ("list page /co-so-du-lieu/bts-stations/ page 1", lambda: page.get("/co-so-du-lieu/bts-stations/")),
        ("list page page 500", lambda: page.get("/co-so-du-lieu/bts-stations/", {"page": 500})),
        (
            "map, whole country, zoom 6",
            lambda: api.get("/api/v1/bts-stations/map", {"zoom": 6, "bbox": "102,8,110,23.5"}),
        ),
        (
            "map, a city, zoom 14",
            lambda: api.get("/api/v1/bts-stations/map", {"zoom": 14, "bbox": "106.55,17.42,106.68,17.52"}),
        ),
        ("summary by commune", lambda: api.get("/api/v1/bts-stations/summary", {"level": "commune"})),
    ]:
        report(label, timed(fn))


def _token() -> str:
    from ictmis.accounts.services import create_token

    _t, raw = create_token(user=User.objects.get(username="chuyenvien"), name="bench", now=timezone.now())
    return raw
