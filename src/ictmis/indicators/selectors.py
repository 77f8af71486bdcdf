"""Reads of the indicators app, scoped to what the actor may see."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet, Sum
from django.utils import timezone

from ictmis.core.access import scoped
from ictmis.indicators import periods, rules
from ictmis.indicators.derivations import breakdown_label
from ictmis.indicators.models import Indicator, Regime, Report, ReportStatus, ReportValue
from ictmis.units.public import AdministrativeUnit, Level, predecessors, shares, units

LIVE = (ReportStatus.SUBMITTED, ReportStatus.APPROVED)
OPEN = (ReportStatus.DRAFT, ReportStatus.RETURNED)


def reports_for(actor: Any) -> QuerySet[Report]:
    return scoped(Report.objects.select_related("regime", "unit", "unit__parent"), actor, unit_path="unit_path")


def filter_reports(
    qs: QuerySet[Report], *, regime: str = "", period: str = "", unit: str = "", status: str = "", late_on: Any = None
) -> QuerySet[Report]:
    if regime:
        qs = qs.filter(regime__code=regime)
    if period:
        qs = qs.filter(period=period)
    if unit:
        qs = qs.filter(unit__code=unit)
    if status:
        qs = qs.filter(status=status)
    if late_on is not None:
        qs = qs.filter(status__in=OPEN, due_on__lt=late_on)
    return qs


def values_of(report: Report) -> list[dict[str, Any]]:
    """The report's rows in the form's order, each with its total and its breakdowns."""
    stored: dict[int, list[ReportValue]] = {}
    for value in report.values.all().order_by("breakdown"):
        stored.setdefault(value.indicator_id, []).append(value)
    rows = []
    for row in report.regime.rows.select_related("indicator", "indicator__legal_basis").order_by("order"):
        items = stored.get(row.indicator_id, [])
        total = next((v for v in items if v.breakdown == ""), None)
        rows.append(
            {
                "number": row.row_number,
                "indicator": row.indicator,
                "value": total.value if total else None,
                "source": total.source if total else "",
                "link": total.source_link if total else "",
                "shown": plain(total.value if total else None),
                "breakdowns": [
                    {
                        "breakdown": v.breakdown,
                        "label": breakdown_label(v.breakdown),
                        "value": v.value,
                        "shown": plain(v.value),
                    }
                    for v in items
                    if v.breakdown
                ],
                "typed": not row.indicator.derivation and row.indicator.aggregation != rules.RATIO,
            }
        )
    return rows


def plain(value: Decimal | None) -> str:
    """A value as typed back into a form: no exponent, no trailing zeros."""
    if value is None:
        return ""
    return format(value.normalize(), "f")


def expected_units(
    regime: Regime, period: periods.Period, *, under: AdministrativeUnit
) -> QuerySet[AdministrativeUnit]:
    """The communes that report under the regime for the period (in the structure of its cut-off)."""
    end = period.cutoff(regime.cutoff_rule)[1]
    return (
        units(level=Level.COMMUNE, on=end)
        .filter(path__startswith=under.path)
        .select_related(None)
        .only("pk", "code", "name", "path")
    )


def _expected_rows(regime: Regime, period: periods.Period, *, under: AdministrativeUnit) -> list[tuple[Any, ...]]:
    """(pk, code, name, path) of the communes `expected_units` gives, as plain rows. The units valid on the cut-off
    are asked in two parts (still valid; ended after it) joined by UNION ALL, so that each part is a range of the
    (level, valid_to) index: with `valid_to IS NULL OR valid_to > day` SQLite scans every commune of every
    structure; and without ORDER BY, which would make it walk the whole table in code order."""
    end = period.cutoff(regime.cutoff_rule)[1]
    base = AdministrativeUnit.objects.filter(
        level=Level.COMMUNE, valid_from__lte=end, path__startswith=under.path
    ).order_by()
    columns = ("pk", "code", "name", "path")
    ended_later = base.filter(valid_to__gt=end).values_list(*columns)
    return list(base.filter(valid_to__isnull=True).values_list(*columns).union(ended_later, all=True))


def completeness(regime: Regime, period: periods.Period, *, under: AdministrativeUnit) -> dict[str, Any]:
    """Submitted / expected and on time / expected, and the communes that have not submitted (by code). Two
    queries of plain rows; only the missing communes become unit objects."""
    expected = sorted(_expected_rows(regime, period, under=under), key=lambda row: row[1])
    live = Report.objects.filter(
        regime=regime, period=str(period), level=Level.COMMUNE, status__in=LIVE, unit_path__startswith=under.path
    ).order_by()
    submitted: set[int] = set()
    on_time = 0
    last_minute: dict[dt.date, dt.datetime] = {}  # the end of each due day, in local time
    for unit_id, submitted_at, due_on in live.values_list("unit_id", "submitted_at", "due_on"):
        submitted.add(unit_id)
        if submitted_at is None or due_on is None:
            continue
        end = last_minute.get(due_on)
        if end is None:
            end = last_minute[due_on] = timezone.make_aware(
                dt.datetime.combine(due_on + dt.timedelta(days=1), dt.time())
            )
        on_time += submitted_at < end
    missing = [
        AdministrativeUnit(pk=pk, code=code, name=name, path=path, level=Level.COMMUNE)
        for pk, code, name, path in expected
        if pk not in submitted
    ]
    figures = rules.Completeness(expected=len(expected), submitted=len(submitted), on_time=on_time)
    return {"figures": figures, "missing": missing}


def late_communes(
    regime: Regime, period: periods.Period, *, under: AdministrativeUnit, today: dt.date
) -> list[tuple[AdministrativeUnit, dt.date | None]]:
    """The communes with no live report once the communes' deadline has passed, with that deadline."""
    from ictmis.core.public import working_calendar

    rule = regime.deadline_rule(Level.COMMUNE)
    due = periods.deadline(period, rule, working_calendar(), cutoff_rule=regime.cutoff_rule) if rule else None
    if due is None or today <= due:
        return []
    return [(unit, due) for unit in completeness(regime, period, under=under)["missing"]]


def late_reports(actor: Any, *, today: dt.date) -> QuerySet[Report]:
    return reports_for(actor).filter(status__in=OPEN, due_on__lt=today)


def waiting_reports(actor: Any) -> QuerySet[Report]:
    return reports_for(actor).filter(status=ReportStatus.SUBMITTED)


def status_counts(actor: Any) -> dict[str, int]:
    rows = reports_for(actor).values_list("status").annotate(n=Count("id")).order_by()
    return dict(rows)


def indicator_values(
    indicator: Indicator, period: str, *, level: str, under: AdministrativeUnit | None
) -> list[dict[str, Any]]:
    """The live reported values of `indicator` for `period`, summed to `level` (ratios recomputed): one GROUP BY
    by reporting commune, then each commune's value added to its ancestor at `level`."""
    qs = ReportValue.objects.filter(
        report__period=period, report__status__in=LIVE, report__level=Level.COMMUNE, breakdown=""
    )
    if under is not None:
        qs = qs.filter(report__unit_path__startswith=under.path)
    terms = [indicator]
    if indicator.aggregation == rules.RATIO and indicator.numerator and indicator.denominator:
        terms = [indicator.numerator, indicator.denominator]
    code_of = {term.pk: term.code for term in terms}
    # by indicator id, not joined by code: PostgreSQL then reads one value per report through its unique index
    # (report, indicator, breakdown) instead of every value of every report of the period
    rows = [
        (code_of[indicator_id], path, total)
        for indicator_id, path, total in qs.filter(indicator_id__in=list(code_of))
        .values_list("indicator_id", "report__unit_path")
        .annotate(total=Sum("value"))
        .order_by()
    ]
    # the units at `level` (under `under`) by path, in the model's order as before (the last of a path wins);
    # each commune's value goes to the one whose path is its shortest prefix
    units_at = AdministrativeUnit.objects.filter(level=level).order_by("code", "-valid_from")
    if under is not None:  # below it, or above it (its own ancestors)
        units_at = units_at.filter(Q(path__startswith=under.path) | _prefix_of([under.path]))
    targets = {path: (pk, code, name) for pk, code, name, path in units_at.values_list("pk", "code", "name", "path")}
    lengths = sorted({len(path) for path in targets})
    grouped: dict[tuple[int, str, str], dict[str, list[Decimal | None]]] = {}
    for code, path, value in rows:
        target = next((t for t in (targets.get(path[:n]) for n in lengths if n <= len(path)) if t), None)
        if target is not None:
            grouped.setdefault(target, {}).setdefault(code, []).append(value)
    result = []
    for (_pk, unit_code, unit_name), by_code in sorted(grouped.items(), key=lambda item: item[0][1]):
        if indicator.aggregation == rules.RATIO and indicator.numerator and indicator.denominator:
            value = rules.ratio(
                rules.across_units(rules.SUM, by_code.get(indicator.numerator.code, [])),
                rules.across_units(rules.SUM, by_code.get(indicator.denominator.code, [])),
                indicator.scale,
            )
        else:
            value = rules.across_units(indicator.aggregation, by_code.get(indicator.code, []))
        result.append({"unit": unit_code, "name": unit_name, "level": level, "value": value})
    return result


def _prefix_of(paths: Iterable[str]) -> Q:
    """Units whose path is a prefix of one of `paths` (their ancestors, themselves included)."""
    prefixes: set[str] = set()
    for path in paths:
        parts = path.strip("/").split("/")
        prefixes.update("/" + "/".join(parts[:n]) + "/" for n in range(1, len(parts) + 1))
    return Q(path__in=prefixes)


def commune_series(
    indicator: Indicator, unit: AdministrativeUnit, kind: str, *, last: periods.Period, count: int = 12
) -> dict[str, Any]:
    """A commune's values over the last `count` periods, across the 1 July 2025 reform: a former commune's
    value is attributed to today's commune through the lineage, a divided one by area share (`rules.attribute`)."""
    series = [last]
    while len(series) < count:
        series.insert(0, series[0].previous())
    names = [str(p) for p in series]
    rows = ReportValue.objects.filter(
        indicator=indicator,
        breakdown="",
        report__period__in=names,
        report__status__in=LIVE,
        report__unit_id__in=[unit.pk, *predecessors(unit.pk)],
    ).values_list("report__period", "report__unit_id", "value")
    formers = {uid for _p, uid, _v in rows if uid != unit.pk}
    links = shares(list(formers))
    values: dict[str, Decimal | None] = dict.fromkeys(names)
    for period_name in names:
        own = [v for p, uid, v in rows if p == period_name and uid == unit.pk and v is not None]
        former = {uid: v for p, uid, v in rows if p == period_name and uid in links and v is not None}
        attributed, _unplaced = rules.attribute(former, links)
        total = sum(own, Decimal(0)) + attributed.get(unit.pk, Decimal(0))
        values[period_name] = total if own or unit.pk in attributed else None
    return {"periods": names, "values": [float(v) if v is not None else None for v in values.values()]}


def province_series(
    indicator: Indicator, *, paths: list[str], last: periods.Period, count: int = 12, regime: str = ""
) -> dict[str, Any]:
    """The sum of the communes' live values under any of `paths` (today's province and the former ones it
    absorbed) for the last `count` periods."""
    series = [last]
    while len(series) < count:
        series.insert(0, series[0].previous())
    names = [str(p) for p in series]
    under = Q(pk__in=[])
    for path in paths:
        under |= Q(report__unit_path__startswith=path)
    qs = ReportValue.objects.filter(report__regime__code=regime) if regime else ReportValue.objects.all()
    rows = (
        qs.filter(
            under,
            indicator=indicator,
            breakdown="",
            report__period__in=names,
            report__status__in=LIVE,
            report__level=Level.COMMUNE,
        )
        .values_list("report__period")
        .annotate(total=Sum("value"))
        .order_by()
    )
    totals = {period_name: total for period_name, total in rows if total is not None}
    return {"periods": names, "values": [float(totals[n]) if n in totals else None for n in names]}


def regime_aggregate(regime: Regime, period_names: list[str], *, under: AdministrativeUnit) -> dict[str, Any]:
    """The live commune values of a regime under a unit over several periods (e.g. the months of a year), in one
    GROUP BY: summed across communes, then across the periods summed (flows), averaged, or the last period's
    (stocks); ratios recomputed from their terms."""
    rows = (
        ReportValue.objects.filter(
            report__regime=regime,
            report__period__in=period_names,
            report__status__in=LIVE,
            report__level=Level.COMMUNE,
            report__unit_path__startswith=under.path,
            breakdown="",
        )
        .values_list("indicator_id", "report__period")
        .annotate(total=Sum("value"), mean=Avg("value"))
        .order_by()
    )
    by_period: dict[int, dict[str, tuple[Any, Any]]] = {}
    for pk, period_name, total, mean in rows:
        by_period.setdefault(pk, {})[period_name] = (total, mean)
    order = sorted(period_names)
    indicators = [
        row.indicator
        for row in regime.rows.select_related("indicator__numerator", "indicator__denominator").order_by("order")
    ]

    def combined(indicator_id: int | None, aggregation: str) -> Decimal | None:
        seen = by_period.get(indicator_id or 0, {})
        column = 1 if aggregation == rules.AVERAGE else 0
        return rules.across_periods(aggregation, [seen[p][column] if p in seen else None for p in order])

    result: dict[str, Any] = {}
    for indicator in indicators:
        if indicator.aggregation == rules.RATIO and indicator.numerator and indicator.denominator:
            result[indicator.code] = rules.ratio(
                combined(indicator.numerator_id, indicator.numerator.aggregation),
                combined(indicator.denominator_id, indicator.denominator.aggregation),
                indicator.scale,
            )
        else:
            result[indicator.code] = combined(indicator.pk, indicator.aggregation)
    return result
