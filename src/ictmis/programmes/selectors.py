"""Progress of a programme: targets against deliveries, commune by commune, summed to district and province."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, Sum, Value

from ictmis.programmes.models import Household, PovertyRecord, Programme, Target

LEVEL_KEYS = {"commune": "unit", "district": "district_unit", "province": "province_unit"}


def expected_share(programme: Programme, today: Any) -> float:
    """How far through its period the programme is (0..1): the pace a unit should have reached by today."""
    if programme.ends_on is None or today >= programme.ends_on:
        return 1.0
    if today <= programme.starts_on:
        return 0.0
    return (today - programme.starts_on).days / max(1, (programme.ends_on - programme.starts_on).days)


AT_RISK_BELOW = 0.8  # a unit below 80 % of the expected pace is at risk


def progress(
    programme: Programme, *, level: str = "commune", year: int | None = None, today: Any = None
) -> list[dict[str, Any]]:
    """One row per unit: target, delivered, percent, eligible households not yet served, and whether the
    unit is at risk (below 80 % of the pace the programme's elapsed period asks). Read from the targets and
    the per-commune tallies (`programmes.tallies`), never from the millions of records: three queries."""
    from django.utils import timezone

    from ictmis.programmes import tallies
    from ictmis.programmes.models import ProgressTally
    from ictmis.units.public import AdministrativeUnit

    key = LEVEL_KEYS[level]
    targets = Target.objects.filter(programme=programme)
    if year is not None:
        targets = targets.filter(year=year)
    target_by = {
        pk: int(total or 0)
        for pk, total in targets.values_list(key).annotate(total=Sum("quantity")).values_list(key, "total").order_by()
    }
    delivered_year, waiting_year = year or tallies.ALL_YEARS, tallies.waiting_year(programme, year)
    tallied = ProgressTally.objects.filter(
        programme=programme,
        month=tallies.WHOLE_YEAR,
        year__in={delivered_year, delivered_year if waiting_year is None else waiting_year},
    )
    counted = (
        tallied.values_list(key)
        .annotate(
            delivered=Sum("delivered", filter=Q(year=delivered_year)),
            waiting=Sum("waiting", filter=Q(year=waiting_year)) if waiting_year is not None else Value(0),
        )
        .order_by()
    )
    delivered_by, waiting_by = {}, {}
    for pk, delivered_n, waiting_n in counted:
        delivered_by[pk], waiting_by[pk] = int(delivered_n or 0), int(waiting_n or 0)
    ids = {
        k for k in (*target_by, *delivered_by) if k is not None and (k in target_by or delivered_by[k] or waiting_by[k])
    }
    # the units named by the same two filters as subqueries, in code order: an IN list of 3,321 keys costs
    # more to compile and run than the rest of this function, and the database sorts them faster than Python
    named = AdministrativeUnit.objects.filter(_counted_units(targets, tallied, key)).values_list("pk", "code", "name")
    pace = AT_RISK_BELOW * expected_share(programme, today or timezone.localdate())
    rows = []
    for pk, code, name in named.order_by("code", "pk"):
        if pk not in ids:
            continue
        target, delivered = target_by.get(pk) or 0, delivered_by.get(pk) or 0
        rows.append(
            {
                "unit": code,
                "unit_id": pk,
                "name": name,
                "target": target,
                "delivered": delivered,
                "percent": round(100 * delivered / target, 1) if target else None,
                "eligible_not_served": waiting_by.get(pk) or 0,
                "at_risk": bool(target) and delivered < pace * target,
            }
        )
    return rows


def progress_matching(
    rows: list[dict[str, Any]], *, level: str, province: int | None = None, q: str | None = None
) -> list[dict[str, Any]]:
    """The rows of `progress` at `level` whose unit lies in the province with this id and whose name or code
    holds every word of `q` (as the registries search: "quang tri" finds "Quảng Trị"); all rows without
    either. One query over the units of that level, not a pass over every name in Python."""
    from ictmis.core.listing import apply_search
    from ictmis.units.public import AdministrativeUnit

    if province is None and not (q or "").strip():
        return rows
    units = AdministrativeUnit.objects.filter(level=level)
    if province is not None:
        within = AdministrativeUnit.objects.filter(pk=province).values_list("path", flat=True).first()
        if within is None:
            return []
        units = units.filter(path__startswith=within)
    wanted = set(apply_search(units, q).values_list("pk", flat=True).order_by())
    return [row for row in rows if row["unit_id"] in wanted]


def _counted_units(targets: Any, tallied: Any, key: str, field: str = "pk") -> Q:
    """`field` names a unit with a target or a tally row among these: as subqueries, not a list of keys."""
    return Q(**{f"{field}__in": targets.values(key)}) | Q(**{f"{field}__in": tallied.values(key)})


def map_points(programme: Programme, rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """Commune rows of `progress` as coloured points for the map, and how many communes have no position."""
    from ictmis.programmes.models import ProgressTally
    from ictmis.units.public import positions_of

    # the positions of every commune the programme counts, by subquery (faster than 3,321 keys in a list)
    tallied = ProgressTally.objects.filter(programme=programme)
    placed = positions_of(_counted_units(Target.objects.filter(programme=programme), tallied, "unit", "unit_id"))
    points = []
    for row in rows:
        at = placed.get(row["unit_id"])
        if at is None:
            continue
        target, delivered = row["target"], row["delivered"]
        state = "none" if not target else "done" if delivered >= target else "behind" if row["at_risk"] else "on_pace"
        points.append(
            {"lat": at[0], "lon": at[1], "name": row["name"], "code": row["unit"], "target": target,
             "delivered": delivered, "percent": row["percent"], "waiting": row["eligible_not_served"], "state": state}
        )  # fmt: skip
    return points, len(rows) - len(points)


def deliveries_by_month(programme: Programme) -> list[tuple[str, int]]:
    """Deliveries per month over the programme's life, from the monthly tallies of every commune."""
    from ictmis.programmes.models import ProgressTally

    rows = (
        ProgressTally.objects.filter(programme=programme, month__gt=0)
        .values_list("year", "month")
        .annotate(n=Sum("delivered"))
        .order_by("year", "month")
    )
    return [(f"{month:02d}/{year}", n) for year, month, n in rows]


def waiting_households(programme: Programme, actor: Any, *, year: int | None = None) -> Any:
    """Eligible households of the actor's units not yet served: the commune officer's list to print and tick.
    A programme without a reference year reads the list of `year` (default: the latest approved list)."""
    from django.db.models import Max

    from ictmis.core.access import scoped
    from ictmis.programmes.eligibility import waiting_records

    records = waiting_records(programme)
    if records is None:
        return Household.objects.none()
    if not programme.reference_year:
        year = year or PovertyRecord.objects.aggregate(latest=Max("year"))["latest"]
        records = records.filter(year=year)
    listed = records.filter(household=OuterRef("pk"))
    qs = Household.objects.alive().filter(Exists(listed)).select_related("unit")
    return scoped(qs, actor, unit_path="unit_path").order_by("unit_path", "village", "code")


def press_shortfall(scheme: Any, *, start: Any, end: Any) -> list[dict[str, Any]]:
    """Copies due against copies delivered for each recipient over whole months from start to end."""
    from ictmis.programmes.models import PressDelivery, PressRecipient

    first = max(start.replace(day=1), scheme.starts_on.replace(day=1))
    last = min(end, scheme.ends_on) if scheme.ends_on else end
    months = max(0, (last.year - first.year) * 12 + last.month - first.month + 1)
    delivered = dict(
        PressDelivery.objects.filter(recipient__scheme=scheme, month__gte=first, month__lte=last)
        .values_list("recipient")
        .annotate(total=Sum("copies"))
        .values_list("recipient", "total")
    )
    rows = []
    for recipient in PressRecipient.objects.filter(scheme=scheme).select_related("unit"):
        due = round(scheme.issues_per_year * months / 12) * recipient.copies
        got = int(delivered.get(recipient.pk) or 0)
        rows.append({"recipient": recipient, "due": due, "delivered": got, "shortfall": max(0, due - got)})
    return rows
