"""Demo reports: the former Quảng Bình communes' yearly reports 2014–2024 and the Quảng Trị communes' of 2025
(approved), and the last month's periodic report of the current communes: most approved, some late drafts, one
returned, one waiting for approval. Typed values come from a fixed seed; derived ones from the registries.
Idempotent: nothing is written once the yearly reports exist."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from ictmis.core.access import SYSTEM
from ictmis.core.public import working_calendar
from ictmis.indicators import derivations, periods, rules, services
from ictmis.indicators.models import Regime, Report, ReportStatus, ReportValue
from ictmis.units.public import Level, successions, unit_by_code, units

YEARLY = "XA-NAM"
MONTHLY = "TT02-THANG"


def _typed(rng: random.Random, year: int) -> dict[str, Decimal]:
    villages = rng.randint(6, 18)
    growth = min(1.0, 0.55 + (year - 2014) * 0.045)
    staff = rng.randint(18, 26)
    return {
        "TT02": Decimal(rng.randint(3, 12)),
        "TT03": Decimal(min(villages, round(villages * growth + rng.uniform(-1, 1)))),
        "TT04": Decimal(villages),
        "CN01": Decimal(rng.randint(5, 10) + (year - 2014)),
        "CN02": Decimal(staff),
        "CN03": Decimal(min(staff, round(staff * min(1.0, 0.4 + (year - 2014) * 0.06)))),
    }


def former_communes(paths: list[str]) -> list[int]:
    from django.db.models import Q

    from ictmis.units.public import AdministrativeUnit

    under = Q(pk__in=[])
    for path in paths[1:]:
        under |= Q(path__startswith=path)
    return list(AdministrativeUnit.objects.filter(under, level=Level.COMMUNE).values_list("pk", flat=True))


def _bulk_year(regime: Regime, year: int, province: Any, rng: random.Random, calendar: Any) -> int:
    """Approved yearly reports of `communes` for `year`, written in bulk (a few queries per year)."""
    period = periods.Period(year, periods.YEAR, 1)
    start, end = period.cutoff(regime.cutoff_rule)
    rule = regime.deadline_rule(Level.COMMUNE)
    due = periods.deadline(period, rule, calendar, cutoff_rule=regime.cutoff_rule) if rule else None
    rows = list(regime.rows.select_related("indicator", "indicator__numerator", "indicator__denominator"))
    communes = list(units(level=Level.COMMUNE, on=end).filter(path__startswith=province.path).order_by("code"))
    paths = services.derivation_paths(province)
    links: dict[int, int] = {}
    if province.valid_to is None:
        links = {old: news[0][0] for old, news in successions(list(former_communes(paths))).items()}
    derived: dict[str, dict[int, int]] = {}
    for row in rows:
        if row.indicator.derivation:
            counted: dict[int, int] = {}
            found = derivations.derive(row.indicator.derivation, paths=paths, start=start, end=end).by_commune
            for unit_id, count in found.items():
                counted[links.get(unit_id, unit_id)] = counted.get(links.get(unit_id, unit_id), 0) + count
            derived[row.indicator.code] = counted
    reports = []
    for commune in communes:
        late = rng.random() < 0.12
        submitted = dt.datetime.combine(due or end, dt.time(9), tzinfo=dt.UTC) + dt.timedelta(days=5 if late else -1)
        reports.append(
            Report(
                regime=regime,
                unit=commune,
                unit_path=commune.path,
                level=Level.COMMUNE,
                period=str(period),
                status=ReportStatus.APPROVED,
                cutoff_from=start,
                cutoff_to=end,
                due_on=due,
                submitted_at=submitted,
                decided_at=submitted + dt.timedelta(days=2),
            )
        )
    Report.objects.bulk_create(reports, batch_size=500)
    values = []
    for report in Report.objects.filter(regime=regime, period=str(period), level=Level.COMMUNE):
        typed = _typed(rng, year)
        totals: dict[str, Decimal | None] = {}
        for row in rows:
            indicator = row.indicator
            if indicator.aggregation == rules.RATIO:
                continue
            if indicator.derivation:
                value: Decimal | None = Decimal(derived[indicator.code].get(report.unit_id, 0))
                source = ReportValue.Source.DERIVED
            else:
                value, source = typed.get(indicator.code), ReportValue.Source.MANUAL
            totals[indicator.code] = value
            values.append(ReportValue(report=report, indicator=indicator, value=value, source=source))
        for row in rows:
            indicator = row.indicator
            if indicator.aggregation == rules.RATIO and indicator.numerator and indicator.denominator:
                ratio = rules.ratio(
                    totals.get(indicator.numerator.code), totals.get(indicator.denominator.code), indicator.scale
                )
                values.append(
                    ReportValue(report=report, indicator=indicator, value=ratio, source=ReportValue.Source.DERIVED)
                )
    ReportValue.objects.bulk_create(values, batch_size=2000)
    return len(reports)


def _monthly(now: dt.datetime, rng: random.Random, progress: Callable[[str], None]) -> None:
    """Last month's periodic report of the current communes of the home province, in every state."""
    today = timezone.localdate(now)
    period = periods.containing(periods.MONTH, today).previous()
    province = unit_by_code("44", on=today)
    if province is None:
        return
    communes = list(units(level=Level.COMMUNE).filter(path__startswith=province.path).order_by("code"))[:24]
    officer_unit = "18880"
    for index, commune in enumerate(communes):
        report = services.create_report(actor=SYSTEM, now=now, regime=MONTHLY, unit=commune.code, period=str(period))
        typed = _typed(rng, today.year)
        services.set_values(
            actor=SYSTEM, now=now, report_id=report.pk, values={k: v for k, v in typed.items() if k in ("TT03", "TT04")}
        )
        if commune.code == officer_unit or index % 6 == 5:
            continue  # late: still a draft after the deadline
        services.submit_report(actor=SYSTEM, now=now, report_id=report.pk, comment="")
        if index == 1:
            services.return_report(
                actor=SYSTEM,
                now=now,
                report_id=report.pk,
                reason="Số thôn có loa chưa khớp với biên bản kiểm tra, đề nghị rà soát.",
            )
        elif index == 3:
            continue  # waiting for approval
        else:
            services.approve_report(actor=SYSTEM, now=now, report_id=report.pk)
    progress(f"  {len(communes)} periodic reports of {period}")


@transaction.atomic
def load(now: dt.datetime, progress: Callable[[str], None]) -> None:
    regime = Regime.objects.filter(code=YEARLY).first()
    if regime is None or Report.objects.filter(regime=regime).exists():
        return
    rng = random.Random(2014)
    calendar = working_calendar()
    total = 0
    for year in range(2014, 2026):
        on = periods.Period(year, periods.YEAR, 1).cutoff(regime.cutoff_rule)[1]
        province = unit_by_code("44", on=on)
        if province is not None:
            total += _bulk_year(regime, year, province, rng, calendar)
    progress(f"  {total} yearly reports 2014–2025")
    _monthly(now, rng, progress)
