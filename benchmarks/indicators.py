"""National-scale indicator measurements (called by benchmarks/run.py).

Writes a monthly regime of 40 indicators and its approved reports for every current commune (3,321) over
ICTMIS_BENCH_INDICATOR_PERIODS months (default 60), the fastest raw way (COPY on PostgreSQL, executemany on
SQLite): 3,321 × 40 × 60 ≈ 8 million stored values. Then times, each against the raw SQL of the same query:
a province's aggregate of the regime for a year, the completeness table of a period, one commune's criterion-8
scorecard and the whole country's scorecard summary, a leader's dashboard and the values API; and the creation
of a commune's draft report with its derived values (target under 300 ms).
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from ictmis.accounts.models import User
from ictmis.accounts.services import create_token
from ictmis.core.access import SYSTEM
from ictmis.indicators import assessment, periods, scorecards, selectors, services
from ictmis.indicators.models import Indicator, Regime, RegimeRow, Report
from ictmis.units.models import AdministrativeUnit, Level

PERIODS = int(os.environ.get("ICTMIS_BENCH_INDICATOR_PERIODS", "60"))
BATCH = 100_000
Measure = Callable[..., float]
Report_ = Callable[..., None]


def _write(table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def _regime() -> Regime:
    regime, _created = Regime.objects.get_or_create(
        code="BENCH-THANG",
        defaults={
            "name": "Benchmark",
            "period_kind": "month",
            "reporting_levels": ["commune", "province"],
            "deadlines": {"commune": {"days": 3, "working": True}},
        },
    )
    seeded = list(Indicator.objects.order_by("code"))
    extra = [
        Indicator.objects.get_or_create(
            code=f"BX{n:02d}", defaults={"name": f"Chỉ tiêu thử {n}", "unit_of_measure": "đơn vị", "aggregation": "sum"}
        )[0]
        for n in range(1, 41 - len(seeded))
    ]
    if not regime.rows.exists():
        RegimeRow.objects.bulk_create(
            RegimeRow(regime=regime, indicator=i, row_number=str(n), order=n)
            for n, i in enumerate([*seeded, *extra], start=1)
        )
    return regime


def _load(regime: Regime, names: list[str]) -> tuple[int, float]:
    communes = list(
        AdministrativeUnit.objects.filter(level=Level.COMMUNE, valid_to__isnull=True).values_list("pk", "path")
    )
    indicator_ids = list(regime.rows.values_list("indicator_id", flat=True))
    now = timezone.now()
    start = time.perf_counter()
    with transaction.atomic():
        for name in names:
            period = periods.parse(name)
            first, last = period.cutoff()
            rows = [
                (
                    regime.pk,
                    unit_id,
                    path,
                    "commune",
                    name,
                    1,
                    "approved",
                    first,
                    last,
                    last,
                    now,
                    now,
                    now,
                    1,
                    "",
                    "",
                    "",
                )
                for unit_id, path in communes
            ]
            _write(
                "indicators_report",
                (
                    "regime_id",
                    "unit_id",
                    "unit_path",
                    "level",
                    "period",
                    "edition",
                    "status",
                    "cutoff_from",
                    "cutoff_to",
                    "due_on",
                    "submitted_at",
                    "created_at",
                    "updated_at",
                    "version",
                    "comment",
                    "return_reason",
                    "narrative",
                ),
                rows,
            )
        values: list[tuple[Any, ...]] = []
        written = 0
        for report_id, unit_id in Report.objects.filter(regime=regime).values_list("pk", "unit_id").iterator(5000):
            for index, indicator_id in enumerate(indicator_ids):
                values.append((report_id, indicator_id, "", (unit_id * 7 + index) % 50, "manual", ""))
            if len(values) >= BATCH:
                _write(
                    "indicators_reportvalue",
                    ("report_id", "indicator_id", "breakdown", "value", "source", "source_link"),
                    values,
                )
                written += len(values)
                values = []
        if values:
            _write(
                "indicators_reportvalue",
                ("report_id", "indicator_id", "breakdown", "value", "source", "source_link"),
                values,
            )
            written += len(values)
    with connection.cursor() as cursor:  # statistics for the planner, as autovacuum would gather them
        cursor.execute("ANALYZE")
    return written, time.perf_counter() - start


def run(tmp: Path, measure: Measure, report: Report_) -> None:
    regime = _regime()
    last = periods.containing(periods.MONTH, timezone.localdate()).previous()
    names = [str(last)]
    while len(names) < PERIODS:
        names.insert(0, str(periods.parse(names[0]).previous()))
    written, seconds = _load(regime, names)
    print(f"indicators: wrote {written:,} values ({len(names)} months) in {seconds:.1f} s")
    province = AdministrativeUnit.objects.get(code="44", valid_to__isnull=True)
    year = names[-12:]

    def raw_aggregate() -> list[tuple[Any, ...]]:
        marks = ", ".join(["%s"] * len(year))
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT v.indicator_id, r.period, SUM(v.value), AVG(v.value) FROM indicators_reportvalue v "
                "JOIN indicators_report r ON r.id = v.report_id WHERE r.regime_id = %s AND r.period IN (" + marks + ") "
                "AND r.status IN ('submitted', 'approved') AND r.level = 'commune' AND r.unit_path LIKE %s "
                "AND v.breakdown = '' GROUP BY v.indicator_id, r.period",
                [regime.pk, *year, province.path + "%"],
            )
            return cursor.fetchall()

    floor = measure(raw_aggregate, number=5)
    report("province aggregate of 40 indicators × 12 months (raw SQL floor)", floor)
    report(
        "province aggregate (selector)",
        measure(lambda: selectors.regime_aggregate(regime, year, under=province), number=5),
        floor,
    )

    period = periods.parse(names[-1])
    cutoff_end = period.cutoff(regime.cutoff_rule)[1]

    def raw_completeness() -> tuple[Any, ...]:
        with connection.cursor() as cursor:
            # The communes expected (valid on the period's last cut-off day), as rows: the page lists the missing.
            cursor.execute(
                "SELECT id, code, name, path FROM units_administrativeunit WHERE level = 'commune' "
                "AND valid_from <= %s AND path LIKE %s AND valid_to IS NULL UNION ALL "
                "SELECT id, code, name, path FROM units_administrativeunit WHERE level = 'commune' "
                "AND valid_from <= %s AND path LIKE %s AND valid_to > %s",
                [cutoff_end, province.path + "%", cutoff_end, province.path + "%", cutoff_end],
            )
            expected = cursor.fetchall()
            cursor.execute(
                "SELECT unit_id, submitted_at, due_on FROM indicators_report WHERE regime_id = %s AND period = %s "
                "AND level = 'commune' AND status IN ('submitted', 'approved') AND unit_path LIKE %s",
                [regime.pk, str(period), province.path + "%"],
            )
            return (expected, cursor.fetchall())

    floor = measure(raw_completeness)
    report("completeness of a period, one province (raw SQL floor)", floor)
    report("completeness (selector)", measure(lambda: selectors.completeness(regime, period, under=province)), floor)

    commune = AdministrativeUnit.objects.get(code="18880", valid_to__isnull=True)
    today = timezone.localdate()

    def raw_frame(cursor: Any, path: str) -> list[Any]:
        """The same reads around the counts: the criterion's version, the communes, overrides and lineage."""
        cursor.execute(
            "SELECT s.* FROM indicators_subcriterion s JOIN indicators_criterionversion v ON v.id = s.version_id "
            "WHERE v.first_year <= %s AND v.last_year >= %s",
            [today.year, today.year],
        )
        subs = cursor.fetchall()
        cursor.execute(
            "SELECT id, code, name FROM units_administrativeunit WHERE level = 'commune' AND valid_to IS NULL "
            "AND path LIKE %s",
            [path + "%"],
        )
        communes = cursor.fetchall()
        cursor.execute(
            "SELECT predecessor_id, successor_id FROM units_lineage WHERE successor_id IN "
            "(SELECT id FROM units_administrativeunit WHERE path LIKE %s)",
            [path + "%"],
        )
        links = cursor.fetchall()
        cursor.execute("SELECT * FROM indicators_scorecardoverride WHERE year = %s", [today.year])
        return [subs, communes, links, cursor.fetchall()]

    def raw_counts(cursor: Any, path: str) -> list[Any]:
        found = []
        for table in ("postal_postofficepoint", "broadcasting_radiostation", "telecom_btsstation"):
            cursor.execute(
                f"SELECT unit_id, COUNT(*) FROM {table} WHERE deleted_at IS NULL AND unit_path LIKE %s "
                "GROUP BY unit_id",
                [path + "%"],
            )
            found.append(cursor.fetchall())
        return found

    def raw_scorecard() -> list[Any]:
        with connection.cursor() as cursor:
            return raw_frame(cursor, commune.path) + raw_counts(cursor, commune.path)

    recompute_floor = measure(raw_scorecard)
    report("one commune's scorecard recomputed from the registries (raw SQL floor)", recompute_floor)
    report(
        "one commune's scorecard recomputed (assessment)",
        measure(lambda: assessment.assess(paths=[commune.path], year=today.year, today=today)),
        recompute_floor,
    )
    scorecards.refresh(year=today.year, today=today)
    subs = scorecards._subcriteria(today.year)
    signature = scorecards._signature(subs)
    on = scorecards.assessed_on(today.year, today)
    communes_sql = (
        "SELECT id FROM units_administrativeunit WHERE level = 'commune' AND valid_from <= %s "
        "AND (valid_to IS NULL OR valid_to > %s) AND path LIKE %s"
    )
    fresh_sql = "year = %s AND assessed_on = %s AND signature = %s AND changes = assessed_changes"

    def raw_subcriteria(cursor: Any) -> list[Any]:
        cursor.execute(
            "SELECT s.id, s.version_id, s.code, s.name, s.test, s.threshold, s.unconfirmed "
            "FROM indicators_subcriterion s JOIN indicators_criterionversion v ON v.id = s.version_id "
            "WHERE v.first_year <= %s AND v.last_year >= %s ORDER BY v.first_year, s.code",
            [today.year, today.year],
        )
        return cursor.fetchall()

    def raw_stored_card() -> list[Any]:
        """The same reads over the stored table: the sub-criteria, the commune, its fresh stored row."""
        with connection.cursor() as cursor:
            found = [raw_subcriteria(cursor)]
            cursor.execute(
                "SELECT id, code, name FROM units_administrativeunit WHERE level = 'commune' AND valid_from <= %s "
                "AND (valid_to IS NULL OR valid_to > %s) AND path LIKE %s ORDER BY code",
                [on, on, commune.path + "%"],
            )
            found.append(cursor.fetchall())
            ids = [row[0] for row in found[-1]]
            cursor.execute(
                f"SELECT unit_id, results FROM indicators_storedscorecard WHERE {fresh_sql} "
                f"AND unit_id IN ({', '.join(['%s'] * len(ids))})",
                [today.year, on, signature, *ids],
            )
            found.append(cursor.fetchall())
            return found

    floor = measure(raw_stored_card)
    report("one commune's scorecard, stored (raw SQL floor)", floor)
    report(
        "one commune's scorecard (selector, stored)",
        measure(lambda: scorecards.scorecards(paths=[commune.path], year=today.year, today=today)),
        floor,
    )

    country = list(
        AdministrativeUnit.objects.filter(level=Level.PROVINCE, valid_to__isnull=True).values_list("path", flat=True)
    )

    def raw_country() -> list[Any]:
        with connection.cursor() as cursor:
            return raw_frame(cursor, "/") + raw_counts(cursor, "/")

    recompute_floor = measure(raw_country, number=3)
    report("country's scorecards recomputed, 3,321 communes (raw SQL floor)", recompute_floor)
    report(
        "country's scorecard summary recomputed (assessment)",
        measure(lambda: scorecards.summary(assessment.assess(paths=country, year=today.year, today=today)), number=3),
        recompute_floor,
    )
    report(
        "full refresh of the current year, 3,321 communes (stored)",
        measure(lambda: scorecards.refresh(year=today.year, today=today), repeat=3, number=1),
        recompute_floor,
    )

    def raw_stored_summary(path: str) -> list[Any]:
        """The same reads over the stored table: the sub-criteria, the communes without a fresh row, the GROUP BY."""
        sums = ", ".join(f"SUM(met_mask & {1 << index})" for index in range(len(subs)))
        with connection.cursor() as cursor:
            found = [raw_subcriteria(cursor)]
            cursor.execute(
                f"{communes_sql} AND id NOT IN (SELECT unit_id FROM indicators_storedscorecard WHERE {fresh_sql})",
                [on, on, path + "%", today.year, on, signature],
            )
            found.append(cursor.fetchall())
            cursor.execute(
                f"SELECT COUNT(*), SUM(CASE WHEN met THEN 1 ELSE 0 END), {sums} FROM indicators_storedscorecard "
                f"WHERE year = %s AND unit_id IN ({communes_sql})",
                [today.year, on, on, path + "%"],
            )
            found.append(cursor.fetchall())
            return found

    floor = measure(lambda: raw_stored_summary("/"), number=5)
    report("country's scorecard summary, stored (raw SQL floor)", floor)
    report(
        "country's scorecard summary (selector, stored)",
        measure(lambda: scorecards.summary_of(paths=country, year=today.year, today=today), number=5),
        floor,
    )

    leader = User.objects.get(username="lanhdao")
    session = Client()
    session.force_login(leader)

    def raw_dashboard() -> list[Any]:
        """The same reads in raw SQL: report, case and licence counts, the province's stored scorecards, the trend."""
        with connection.cursor() as cursor:
            found = raw_stored_summary(province.path)
            cursor.execute(
                "SELECT status, COUNT(*) FROM indicators_report WHERE status IN ('draft', 'returned', 'submitted') "
                "GROUP BY status"
            )
            found.append(cursor.fetchall())
            cursor.execute("SELECT COUNT(*) FROM licensing_case WHERE finished_on IS NULL AND due_on < %s", [today])
            found.append(cursor.fetchall())
            cursor.execute(
                "SELECT COUNT(*) FROM licensing_licence WHERE status = 'active' AND valid_until >= %s "
                "AND valid_until <= %s",
                [today, today + dt.timedelta(days=60)],
            )
            found.append(cursor.fetchall())
            cursor.execute(
                "SELECT v.indicator_id, r.period, SUM(v.value) FROM indicators_reportvalue v JOIN indicators_report r "
                "ON r.id = v.report_id JOIN indicators_regime g ON g.id = r.regime_id WHERE g.code = 'XA-NAM' "
                "AND r.level = 'commune' GROUP BY v.indicator_id, r.period"
            )
            found.append(cursor.fetchall())
            return found

    floor = measure(raw_dashboard, number=5)
    report("leader's dashboard reads (raw SQL floor)", floor)
    report("GET / leader's dashboard (full stack)", measure(lambda: session.get("/"), number=5), floor)

    _token, raw = create_token(user=User.objects.get(username="chuyenvien"), name="bench", now=timezone.now())
    client = Client(headers={"Authorization": f"Bearer {raw}"})
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT unit_path FROM indicators_report WHERE period = %s", [names[-1]])
        prefixes = sorted({"/" + p.strip("/").split("/")[0] + "/" for (p,) in cursor.fetchall()})

    bx01 = Indicator.objects.get(code="BX01").pk

    def raw_values() -> list[Any]:
        """The same reads in raw SQL: the live values of the indicator for the period summed per reporting commune,
        and the provinces they belong to."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT v.indicator_id, r.unit_path, SUM(v.value) FROM indicators_reportvalue v "
                "JOIN indicators_report r ON r.id = v.report_id "
                "WHERE r.period = %s AND r.status IN ('submitted', 'approved') AND r.level = 'commune' "
                "AND v.breakdown = '' AND v.indicator_id = %s GROUP BY v.indicator_id, r.unit_path",
                [names[-1], bx01],
            )
            found = [cursor.fetchall()]
            marks = ", ".join(["%s"] * len(prefixes))
            cursor.execute(
                f"SELECT id, code, name, path FROM units_administrativeunit WHERE level = 'province' "
                f"AND path IN ({marks})",
                prefixes,
            )
            found.append(cursor.fetchall())
            return found

    floor = measure(raw_values, number=5)
    report("indicator values of a month by province (raw SQL floor)", floor)
    report(
        "GET /api/v1/indicator-values province (full stack)",
        measure(lambda: client.get("/api/v1/indicator-values", {"indicator": "BX01", "period": names[-1]}), number=5),
        floor,
    )

    def draft() -> None:
        with transaction.atomic():
            services.create_report(actor=SYSTEM, now=timezone.now(), regime="XA-NAM", unit="18880", period="2026")
            transaction.set_rollback(True)

    report("create a commune's draft with derived values", measure(draft, number=5))
