"""National-scale registry measurements (called by benchmarks/run.py).

Generates 120,000 BTS stations over all 3,321 current communes and 10,000 records of each other
registry, imports the BTS file through the real import engine in a subprocess (`ictmis import`,
so its peak memory is its own), and times the reads a user makes.
"""

from __future__ import annotations

import csv
import os
import random
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import floors  # benchmarks/ is the script directory, first on sys.path
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from ictmis.accounts.models import User
from ictmis.core.registry_demo import upsert
from ictmis.core.text import normalise
from ictmis.parties.models import Organisation
from ictmis.telecom.models import BtsStation
from ictmis.units.models import AdministrativeUnit, Level

BTS_ROWS = int(os.environ.get("ICTMIS_BENCH_BTS", "120000"))
OTHER_ROWS = int(os.environ.get("ICTMIS_BENCH_OTHER", "10000"))
BIG_ROWS = int(os.environ.get("ICTMIS_BENCH_BTS_BIG", "1000000"))  # 0: skip the import of a million rows
HEADER = ["Doanh nghiệp", "Mã trạm", "Tên trạm", "Mã đơn vị hành chính cấp xã", "Vĩ độ", "Kinh độ", "Loại trạm",
          "Công nghệ", "Trạng thái"]  # fmt: skip


def generate_bts_csv(
    path: Path, operators: list[Organisation], communes: list[str], rows: int = BTS_ROWS, prefix: str = "VN"
) -> None:
    rng = random.Random(120000)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for number in range(rows):
            writer.writerow(
                [
                    operators[number % len(operators)].tax_code,
                    f"{prefix}{number:07d}" if prefix != "VN" else f"VN{number:06d}",
                    f"Trạm {number}",
                    communes[number % len(communes)],
                    f"{rng.uniform(8.6, 23.3):.5f}",
                    f"{rng.uniform(102.2, 109.4):.5f}",
                    "rooftop",
                    "4G",
                    "active",
                ]
            )


def bts_floors(
    path: Path, operators: dict[str, int], units: dict[str, tuple[int, str, int | None, int | None]], now: Any
) -> tuple[float, float]:
    """The same rows as whole records (derived columns included), prepared beforehand, written the fastest
    raw way in one rolled-back transaction: records only, and records + one history row each."""
    with path.open(encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        rows = []
        for r in reader:
            unit_id, unit_path, district, province = units[r[3]]
            rows.append(
                {
                    "operator_id": operators[r[0]], "site_code": r[1], "name": r[2], "unit_id": unit_id,
                    "unit_path": unit_path, "district_unit_id": district, "province_unit_id": province,
                    "latitude": float(r[4]), "longitude": float(r[5]), "station_type": r[6], "technologies": [r[7]],
                    "status": r[8], "search_text": normalise(f"{r[1]} {r[2]} "),
                }
            )  # fmt: skip
    return floors.floors(BtsStation, rows, now)


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float


_COMPILED: list[bool] = []


def run_import(path: Path, *options: str, registry: str = "bts-stations") -> Run:
    """`ictmis import` in a child process of its own, so its peak memory is its own. The child starts as on
    an installed server, from compiled bytecode: PYTHONDONTWRITEBYTECODE (set in some shells) would make
    every child compile the project's modules again (about 0.5 s), so it is dropped, and the modules are
    compiled once before the first measurement."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ictmis.settings"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if not _COMPILED:
        package = Path(normalise.__code__.co_filename).parents[1]  # src/ictmis
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], env=env, check=True)
        _COMPILED.append(True)
    if env.get("ICTMIS_BENCH_PROFILE"):  # one statistics file per run
        env["ICTMIS_BENCH_PROFILE"] += f".{registry}{''.join(options)}.{path.stem}"
    command = [sys.executable, str(Path(__file__).with_name("child.py")), "import", registry, str(path), *options]
    start = time.perf_counter()
    finished = subprocess.run(
        command, env=env, check=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    seconds = time.perf_counter() - start
    peak_kb = int(finished.stdout.strip().splitlines()[-1])
    return Run(seconds, peak_kb / 1024)


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

    unit_keys = {
        u.code: (u.pk, u.path, u.parent_id if u.parent and u.parent.level == "district" else None,
                 u.parent.parent_id if u.parent and u.parent.level == "district" else u.parent_id)
        for u in AdministrativeUnit.objects.filter(level=Level.COMMUNE, valid_to__isnull=True).select_related("parent")
    }  # fmt: skip
    only, both = bts_floors(path, {o.tax_code: o.pk for o in operators}, unit_keys, timezone.now())
    floors.print_floors(report, f"{BTS_ROWS:,} BTS stations", only, both)

    checked = run_import(path, "--dry-run")
    report(f"read and check {BTS_ROWS:,} BTS rows (--dry-run)", checked.seconds, both)
    first = run_import(path)
    report(f"ictmis import of {BTS_ROWS:,} BTS rows (new records)", first.seconds, both)
    print(f"{'':<52} x{first.seconds / only:5.1f} of records only; {BTS_ROWS / first.seconds:,.0f} rows/s, "
          f"peak memory {first.peak_mb:.0f} MB")  # fmt: skip
    assert BtsStation.objects.filter(site_code__startswith="VN").count() == BTS_ROWS
    again = run_import(path)
    report(f"re-import of the same {BTS_ROWS:,} rows (nothing changes)", again.seconds, both)
    print(
        f"{'':<52} x{again.seconds / checked.seconds:5.2f} of reading and checking; peak memory {again.peak_mb:.0f} MB"
    )
    assert BtsStation.objects.filter(site_code__startswith="VN").count() == BTS_ROWS
    if BIG_ROWS:
        big_path = tmp / "bts-big.csv"
        generate_bts_csv(big_path, operators, communes, rows=BIG_ROWS, prefix="VB")
        big = run_import(big_path)
        report(f"ictmis import of {BIG_ROWS:,} BTS rows", big.seconds)
        print(f"{'':<52} {BIG_ROWS / big.seconds:9,.0f} rows/s, peak memory {big.peak_mb:.0f} MB")
        big_path.unlink()
        with transaction.atomic(), connection.cursor() as cursor:  # the reads below measure the 120,000
            cursor.execute(f"DELETE FROM {BtsStation.history.model._meta.db_table} WHERE site_code LIKE 'VB%%'")
            cursor.execute(f"DELETE FROM {BtsStation._meta.db_table} WHERE site_code LIKE 'VB%%'")

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
