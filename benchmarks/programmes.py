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
import time
from pathlib import Path
from typing import Any

import floors  # benchmarks/ is the script directory, first on sys.path
import registries
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from ictmis.accounts.models import User
from ictmis.core.text import normalise
from ictmis.programmes import selectors, services, tallies
from ictmis.programmes.models import Delivery, Household, Programme
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
    households = list(Household.objects.filter(code__in=codes).values_list("pk", "unit_id"))
    day = dt.date(2024, 7, 1)
    rows = [
        {"programme_id": programme.pk, "household_id": pk, "delivered_on": day, "amount": 500000,
         "funding_source": "Quỹ DVVTCI"}
        for pk, _unit in households
    ]  # fmt: skip
    per_commune: dict[int, int] = {}
    for _pk, unit_id in households:
        per_commune[unit_id] = per_commune.get(unit_id, 0) + 1
    tally_rows = [
        (n, n if (year, month) == (2024, 0) else 0, programme.pk, unit_id, year, month)
        for unit_id, n in per_commune.items()
        for year, month in ((2024, 7), (2024, 0), (0, 0))
    ]

    def tallies_moved() -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE programmes_progresstally SET delivered = delivered + %s, waiting = waiting - %s "
                "WHERE programme_id = %s AND unit_id = %s AND year = %s AND month = %s",
                tally_rows,
            )

    only, both = floors.floors(Delivery, rows, now, extra=tallies_moved)
    floors.print_floors(report, f"{DELIVERIES_IMPORTED:,} deliveries (+ tally rows)", only, both)
    checked = registries.run_import(path, "--dry-run", registry="deliveries")
    report(f"read and check {DELIVERIES_IMPORTED:,} deliveries (--dry-run)", checked.seconds, both)
    imported = registries.run_import(path, registry="deliveries")
    report(f"ictmis import of {DELIVERIES_IMPORTED:,} deliveries (rules + tallies)", imported.seconds, both)
    print(
        f"{'':<52} {DELIVERIES_IMPORTED / imported.seconds:9,.0f} rows/s, x{imported.seconds / only:5.1f} of "
        f"records only, peak memory {imported.peak_mb:.0f} MB"
    )
    assert Delivery.objects.filter(household__code__in=codes[:10], delivered_on=day).count() == 10


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
        u.code: (u.pk, u.path, u.parent_id if u.parent and u.parent.level == "district" else None,
                 u.parent.parent_id if u.parent and u.parent.level == "district" else u.parent_id)
        for u in AdministrativeUnit.objects.filter(level=Level.COMMUNE, valid_to__isnull=True).select_related("parent")
    }  # fmt: skip
    floor_rows = []
    for n in range(IMPORTED):
        unit_id, unit_path, district, province = unit_rows[communes[n % len(communes)]]
        floor_rows.append(
            {"code": f"IMP{n:08d}", "head_name": f"Trần Thị {n % 89}", "head_birth_year": 1950 + n % 50,
             "unit_id": unit_id, "unit_path": unit_path, "district_unit_id": district, "province_unit_id": province,
             "village": f"Thôn {n % 7}", "members": 1 + n % 6,
             "search_text": normalise(f"IMP{n:08d} Trần Thị {n % 89}  Thôn {n % 7}")}
        )  # fmt: skip
    only, both = floors.floors(Household, floor_rows, now)
    floors.print_floors(report, f"{IMPORTED:,} households", only, both)
    checked = registries.run_import(path, "--dry-run", registry="households")
    report(f"read and check {IMPORTED:,} households (--dry-run)", checked.seconds, both)
    imported = registries.run_import(path, registry="households")
    report(f"ictmis import of {IMPORTED:,} households", imported.seconds, both)
    print(
        f"{'':<52} {IMPORTED / imported.seconds:9,.0f} rows/s, x{imported.seconds / only:5.1f} of records only, "
        f"peak memory {imported.peak_mb:.0f} MB (2,000,000 rows at this rate: "
        f"{2_000_000 / (IMPORTED / imported.seconds) / 60:.0f} min)"
    )
    again = registries.run_import(path, registry="households")
    report(f"re-import of the same {IMPORTED:,} households", again.seconds, both)
    print(f"{'':<52} x{again.seconds / checked.seconds:5.2f} of reading and checking")

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
