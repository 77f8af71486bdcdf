"""National-scale programme measurements (called by benchmarks/run.py).

Writes ICTMIS_BENCH_HOUSEHOLDS households (default 2,000,000) over all 3,321 current communes with a
poverty status each, and ICTMIS_BENCH_DELIVERIES deliveries (default 1,000,000), the fastest raw way
(COPY on PostgreSQL, executemany on SQLite): that time is the floor. Then imports
ICTMIS_BENCH_HOUSEHOLD_IMPORT households (default 100,000) through the real import engine in a
subprocess (`ictmis import households`) for its rate and peak memory against the raw floor of the same
rows, and times the progress aggregation by commune and by province, selector and API, against the raw
SQL of the same aggregate.
"""

from __future__ import annotations

import csv
import datetime as dt
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
from ictmis.programmes import selectors, services, tallies
from ictmis.programmes.models import Household, Programme
from ictmis.units.models import AdministrativeUnit, Level

HOUSEHOLDS = int(os.environ.get("ICTMIS_BENCH_HOUSEHOLDS", "2000000"))
DELIVERIES = int(os.environ.get("ICTMIS_BENCH_DELIVERIES", "1000000"))
IMPORTED = int(os.environ.get("ICTMIS_BENCH_HOUSEHOLD_IMPORT", "100000"))
DELIVERIES_IMPORTED = int(os.environ.get("ICTMIS_BENCH_DELIVERY_IMPORT", "20000"))
BATCH = 50_000
HOUSEHOLD_COLUMNS = (
    "created_at",
    "updated_at",
    "version",
    "search_text",
    "unit_id",
    "province_unit_id",
    "unit_path",
    "address",
    "notes",
    "code",
    "head_name",
    "citizen_id",
    "village",
    "members",
    "ethnic_minority",
)


def _write(table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def _household_rows(start: int, count: int, communes: list[tuple[int, int, str]], now: Any) -> list[tuple[Any, ...]]:
    rows = []
    for number in range(start, start + count):
        unit_id, province_id, path = communes[number % len(communes)]
        rows.append(
            (
                now,
                now,
                1,
                f"hh{number} nguyen van {number % 97}",
                unit_id,
                province_id,
                path,
                "",
                "",
                f"HH{number:08d}",
                f"Nguyễn Văn {number % 97}",
                "",
                f"Thôn {number % 9}",
                4,
                False,
            )
        )
    return rows


def load_national(now: Any) -> tuple[float, Programme]:
    """The raw load of households, their statuses and deliveries; returns the seconds it took."""
    communes = [
        (u.pk, u.parent_id or u.pk, u.path)
        for u in AdministrativeUnit.objects.filter(level=Level.COMMUNE, valid_to__isnull=True).order_by("code")
    ]
    programme = Programme.objects.get(code="smartphones")
    rng = random.Random(2000000)
    start = time.perf_counter()
    for offset in range(0, HOUSEHOLDS, BATCH):
        with transaction.atomic():
            _write(
                "programmes_household",
                HOUSEHOLD_COLUMNS,
                _household_rows(offset, min(BATCH, HOUSEHOLDS - offset), communes, now),
            )
    ids = list(Household.objects.filter(code__startswith="HH").order_by("pk").values_list("pk", flat=True))
    for offset in range(0, len(ids), BATCH):
        with transaction.atomic():
            _write(
                "programmes_povertyrecord",
                ("household_id", "year", "status", "standard", "decision"),
                [
                    (pk, 2024, "poor" if rng.random() < 0.6 else "near_poor", "", "")
                    for pk in ids[offset : offset + BATCH]
                ],
            )
    served = ids[:DELIVERIES]
    for offset in range(0, len(served), BATCH):
        with transaction.atomic():
            _write(
                "programmes_delivery",
                (
                    "created_at",
                    "updated_at",
                    "programme_id",
                    "household_id",
                    "delivered_on",
                    "serial",
                    "antenna",
                    "amount",
                    "delivered_by",
                    "funding_source",
                    "receipt",
                    "override_reason",
                ),
                [
                    (now, now, programme.pk, pk, "2024-06-01", "", False, 500000, "", "", "", "")
                    for pk in served[offset : offset + BATCH]
                ],
            )
    with transaction.atomic():
        targets = [
            (programme.pk, unit_id, province_id, 2024, HOUSEHOLDS // len(communes))
            for unit_id, province_id, _path in communes
        ]
        _write("programmes_target", ("programme_id", "unit_id", "province_unit_id", "year", "quantity"), targets)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return time.perf_counter() - start, programme


def raw_progress(programme: Programme, key: str) -> list[tuple[Any, ...]]:
    """The same aggregate as selectors.progress, as three GROUP BYs in plain SQL."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {key}_id, SUM(quantity) FROM programmes_target WHERE programme_id = %s GROUP BY {key}_id",
            [programme.pk],
        )
        targets = cursor.fetchall()
        cursor.execute(
            f"SELECT h.{key}_id, COUNT(*) FROM programmes_delivery d JOIN programmes_household h "
            f"ON h.id = d.household_id WHERE d.programme_id = %s GROUP BY h.{key}_id",
            [programme.pk],
        )
        delivered = cursor.fetchall()
        cursor.execute(
            f"SELECT h.{key}_id, COUNT(*) FROM programmes_household h WHERE h.deleted_at IS NULL AND EXISTS "
            "(SELECT 1 FROM programmes_povertyrecord p WHERE p.household_id = h.id AND p.year = %s "
            "AND p.status IN ('poor', 'near_poor')) AND NOT EXISTS (SELECT 1 FROM programmes_delivery d "
            f"WHERE d.household_id = h.id AND d.programme_id = %s) GROUP BY h.{key}_id",
            [2024, programme.pk],
        )
        waiting = cursor.fetchall()
    return [*targets, *delivered, *waiting]


def raw_tally_progress(programme: Programme, key: str) -> list[tuple[Any, ...]]:
    """The same aggregate over the per-commune tallies, as plain SQL: the floor of the selector."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {key}_id, SUM(quantity) FROM programmes_target WHERE programme_id = %s AND year = %s "
            f"GROUP BY {key}_id",
            [programme.pk, 2024],
        )
        targets = cursor.fetchall()
        cursor.execute(
            f"SELECT {key}_id, SUM(delivered), SUM(waiting) FROM programmes_progresstally "
            f"WHERE programme_id = %s AND year = %s AND month = 0 GROUP BY {key}_id",
            [programme.pk, 2024],
        )
        counted = cursor.fetchall()
    return [*targets, *counted]


def one_delivery_each(programme: Programme, households: list[Household]) -> list[float]:
    """Seconds to record a delivery through the service (rules checked, commune recounted), one by one."""
    actor = User.objects.get(username="chuyenvien")
    samples = []
    for household in households:
        start = time.perf_counter()
        services.record_delivery(
            programme=programme, household=household, delivered_on=dt.date(2024, 7, 1), actor=actor,
            now=timezone.now(), amount=500_000,
        )  # fmt: skip
        samples.append(time.perf_counter() - start)
    return sorted(samples)


def import_deliveries(tmp: Path, programme: Programme, now: Any, report: Any) -> None:
    """`ictmis import deliveries` of households not yet served (every row checked against the rules),
    against the raw insert of the same rows."""
    first = min(DELIVERIES, HOUSEHOLDS - DELIVERIES_IMPORTED)
    path = tmp / "deliveries.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Mã chương trình", "Mã hộ", "Ngày hỗ trợ", "Mức hỗ trợ (đồng)", "Nguồn kinh phí"])
        for number in range(first, first + DELIVERIES_IMPORTED):
            writer.writerow([programme.code, f"HH{number:08d}", "01/07/2024", 500000, "Quỹ DVVTCI"])
    codes = [f"HH{n:08d}" for n in range(first, first + DELIVERIES_IMPORTED)]
    ids = list(Household.objects.filter(code__in=codes).values_list("pk", flat=True))
    columns = ("created_at", "updated_at", "programme_id", "household_id", "delivered_on", "serial", "antenna",
               "amount", "delivered_by", "funding_source", "receipt", "override_reason")  # fmt: skip
    start = time.perf_counter()
    with transaction.atomic():
        _write(
            "programmes_delivery",
            columns,
            [(now, now, programme.pk, pk, "2024-07-01", "", False, 500000, "", "", "", "") for pk in ids],
        )
        floor = time.perf_counter() - start
        transaction.set_rollback(True)
    report(f"raw insert of {DELIVERIES_IMPORTED:,} deliveries (floor)", floor)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ictmis.settings"}
    command = [str(Path(sys.executable).parent / "ictmis"), "import", "deliveries", str(path)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    imported = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    report(f"ictmis import of {DELIVERIES_IMPORTED:,} deliveries (rules + tallies)", imported, floor)
    note = "" if peak > before else " (no higher than the household import's)"
    print(f"{'':<52} {DELIVERIES_IMPORTED / imported:9.0f} rows/s, peak memory {peak / 1024:.0f} MB{note}")


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
    now = timezone.now()
    print(f"\nprogrammes: {HOUSEHOLDS:,} households, {DELIVERIES:,} deliveries over all current communes")
    elapsed, programme = load_national(now)
    report(f"raw load of {HOUSEHOLDS:,} households + statuses + {DELIVERIES:,} deliveries", elapsed)
    start = time.perf_counter()
    rows = tallies.rebuild()
    report(f"recount of all tallies ({rows:,} rows; ictmis refresh_progress)", time.perf_counter() - start)

    communes = list(
        AdministrativeUnit.objects.filter(level=Level.COMMUNE, valid_to__isnull=True).values_list("code", flat=True)
    )
    path = tmp / "households.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["Mã hộ", "Họ tên chủ hộ", "Năm sinh", "Mã đơn vị hành chính cấp xã", "Thôn, bản", "Số nhân khẩu"]
        )
        for number in range(IMPORTED):
            writer.writerow(
                [
                    f"IMP{number:08d}",
                    f"Trần Thị {number % 89}",
                    1950 + number % 50,
                    communes[number % len(communes)],
                    f"Thôn {number % 7}",
                    1 + number % 6,
                ]
            )
    unit_rows = {
        u.code: (u.pk, u.parent_id or u.pk, u.path)
        for u in AdministrativeUnit.objects.filter(level=Level.COMMUNE, valid_to__isnull=True)
    }
    floor_rows = [
        (now, now, 1, "", *unit_rows[communes[n % len(communes)]], "", "", f"FLR{n:08d}", "x", "", "", 1, False)
        for n in range(IMPORTED)
    ]
    start = time.perf_counter()
    with transaction.atomic():
        _write("programmes_household", HOUSEHOLD_COLUMNS, floor_rows)
        floor = time.perf_counter() - start
        transaction.set_rollback(True)
    report(f"raw insert of {IMPORTED:,} households (floor)", floor)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ictmis.settings"}
    command = [str(Path(sys.executable).parent / "ictmis"), "import", "households", str(path)]
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    imported = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    report(f"ictmis import of {IMPORTED:,} households", imported, floor)
    print(
        f"{'':<52} {IMPORTED / imported:9.0f} rows/s, peak memory {peak_mb:.0f} MB "
        f"(2,000,000 rows at this rate: {2_000_000 / (IMPORTED / imported) / 60:.0f} min)"
    )

    import_deliveries(tmp, programme, now, report)

    for level, key in (("commune", "unit"), ("province", "province_unit")):
        report(
            f"progress by {level}, raw SQL over the records",
            timed(lambda key=key: raw_progress(programme, key), repeat=3),
        )
        floor = timed(lambda key=key: raw_tally_progress(programme, key))
        report(f"progress by {level}, raw SQL over the tallies (floor)", floor)
        report(
            f"progress by {level}, selector",
            timed(lambda level=level: selectors.progress(programme, level=level, year=2024)),
            floor,
        )
    client = Client()
    client.force_login(User.objects.get(username="chuyenvien"))
    for level in ("commune", "province"):
        report(
            f"GET /api/v1/programmes/smartphones/progress?level={level}",
            timed(
                lambda level=level: client.get(
                    f"/api/v1/programmes/{programme.code}/progress", {"level": level, "year": 2024}
                )
            ),
        )
    for level in ("commune", "province"):
        report(
            f"GET /chuong-trinh/smartphones/?cap={level} (page)",
            timed(lambda level=level: client.get(f"/chuong-trinh/{programme.code}/", {"cap": level})),
        )
    waiting = list(Household.objects.filter(code__startswith="HH", deliveries__isnull=True).order_by("pk")[:7])
    samples = one_delivery_each(programme, waiting)
    report("record one delivery (rules + recount of its commune), median of 7", samples[len(samples) // 2])
