"""`make bench`: measurements of the foundation against the raw-SQL floor on the same machine.

Runs on a throwaway database: SQLite in a temp folder, or a PostgreSQL database you can spare given
as ICTMIS_BENCH_DATABASE_URL. Prints one line per measurement with the ratio to its floor.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable

TMP = tempfile.mkdtemp(prefix="ictmis-bench-")
os.environ["ICTMIS_DATA_DIR"] = TMP
if os.environ.get("ICTMIS_BENCH_DATABASE_URL"):
    os.environ["ICTMIS_DATABASE_URL"] = os.environ["ICTMIS_BENCH_DATABASE_URL"]
else:
    os.environ.pop("ICTMIS_DATABASE_URL", None)
os.environ.setdefault("ICTMIS_DEBUG", "1")
os.environ.setdefault("ICTMIS_TASK_BACKEND", "immediate")
os.environ.setdefault("ICTMIS_ALLOWED_HOSTS", "testserver,127.0.0.1")
os.environ["DJANGO_SETTINGS_MODULE"] = "ictmis.settings"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from ictmis.accounts.models import User  # noqa: E402
from ictmis.accounts.services import create_token  # noqa: E402
from ictmis.core.text import normalise  # noqa: E402
from ictmis.core.workdays import WorkingCalendar  # noqa: E402
from ictmis.units import selectors  # noqa: E402
from ictmis.units.models import AdministrativeUnit  # noqa: E402


def measure(fn: Callable[[], object], repeat: int = 7, number: int = 20) -> float:
    """Median seconds per call over `repeat` rounds of `number` calls."""
    fn()
    rounds = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        rounds.append((time.perf_counter() - start) / number)
    return statistics.median(rounds)


def report(name: str, seconds: float, floor: float | None = None) -> None:
    ratio = f"  x{seconds / floor:5.1f} of raw SQL" if floor else ""
    print(f"{name:<52} {seconds * 1000:9.3f} ms{ratio}")


def main() -> int:
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    t1 = time.perf_counter()
    call_command("load_units", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    t2 = time.perf_counter()
    from ictmis.core import demo

    demo.load_all(now=timezone.now())
    units = AdministrativeUnit.objects.count()
    print(f"database: {connection.vendor}; migrate {t1 - t0:.2f} s; load {units:,} units {t2 - t1:.2f} s")

    def raw_search() -> list[tuple[object, ...]]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT c.*, p.* FROM units_administrativeunit c LEFT JOIN units_administrativeunit p "
                "ON c.parent_id = p.id WHERE c.valid_to IS NULL AND c.search_text LIKE %s ORDER BY c.code",
                ["%quang%"],
            )
            return cursor.fetchall()

    floor = measure(raw_search)
    report("unit search 'quang' (raw SQL floor)", floor)
    report("unit search 'quang' (selector, all rows)", measure(lambda: list(selectors.units(q="quang"))), floor)

    def raw_children() -> list[tuple[object, ...]]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT c.*, p.* FROM units_administrativeunit c JOIN units_administrativeunit p ON c.parent_id = p.id "
                "WHERE p.code = %s AND c.valid_to IS NULL ORDER BY c.code",
                ["44"],
            )
            return cursor.fetchall()

    floor = measure(raw_children)
    report("communes of province 44 (raw SQL floor)", floor)
    report(
        "communes of province 44 (selector)",
        measure(lambda: list(selectors.units(parent_code="44"))),
        floor,
    )

    _token, raw = create_token(user=User.objects.get(username="chuyenvien"), name="bench", now=timezone.now())
    client = Client(headers={"Authorization": f"Bearer {raw}"})
    report(
        "GET /api/v1/units?parent=44&limit=100 (full stack)",
        measure(lambda: client.get("/api/v1/units", {"parent": "44", "limit": 100}), number=10),
        floor,
    )
    session = Client()
    session.force_login(User.objects.get(username="lanhdao"))
    report("GET / home dashboard (full stack)", measure(lambda: session.get("/"), number=10))

    names = list(selectors.units().values_list("name", flat=True))
    per_name = measure(lambda: [normalise(n) for n in names], repeat=5, number=3) / len(names)
    report(f"normalise() per name ({len(names)} names)", per_name)
    calendar = WorkingCalendar()
    report(
        "add_working_days(…, 15) over Tết",
        measure(lambda: calendar.add_working_days(timezone.localdate().replace(month=1, day=20), 15)),
    )

    if os.environ.get("ICTMIS_BENCH_SKIP_REGISTRIES") != "1":
        from pathlib import Path

        import registries  # benchmarks/ is the script directory, first on sys.path

        registries.run(Path(TMP), report)
    if os.environ.get("ICTMIS_BENCH_SKIP_PROGRAMMES") != "1":
        from pathlib import Path

        import programmes  # benchmarks/ is the script directory, first on sys.path

        programmes.run(Path(TMP), report)
    if os.environ.get("ICTMIS_BENCH_SKIP_DIRECTIVES") != "1":
        from pathlib import Path

        import directives  # benchmarks/ is the script directory, first on sys.path

        directives.run(Path(TMP), report)
    if os.environ.get("ICTMIS_BENCH_SKIP_INDICATORS") != "1":
        from pathlib import Path

        import indicators  # benchmarks/ is the script directory, first on sys.path

        indicators.run(Path(TMP), measure, report)
    if os.environ.get("ICTMIS_BENCH_SKIP_ENFORCEMENT") != "1":
        from pathlib import Path

        import enforcement  # benchmarks/ is the script directory, first on sys.path

        enforcement.run(Path(TMP), report, measure)
    return 0


if __name__ == "__main__":
    sys.exit(main())
