"""Per-commune tallies of every programme, kept in step with deliveries, lists and households.

Progress for the whole country is a GROUP BY over millions of deliveries and an anti-join over millions of
households; done on every page view it takes seconds. Instead each commune has rows per programme: for
all years (year 0), for each year (month 0) and for each month, with the deliveries made, and the eligible
households not yet served on the year rows; a progress page or chart sums at most a few thousand rows.

A change to a delivery, a household or a poverty status recounts the communes it touches from the records
themselves, in the same transaction (signals for single saves; bulk writers call `touched`). Inside
`batched()` the communes are collected and recounted once at the end. `rebuild()` recounts everything
(`ictmis refresh_progress`), for data written around the application, e.g. raw SQL.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.db.models.functions import ExtractMonth, ExtractYear

_state = threading.local()
ALL_YEARS = 0
WHOLE_YEAR = 0
CHUNK = 500  # communes per recount query: keeps IN lists short on SQLite


def waiting_year(programme: Any, year: int | None) -> int | None:
    """Which tally year holds the eligible-not-served count for a progress view of `year`: a programme tied to
    one reference year's list keeps it under year 0; otherwise the list of the year asked for."""
    if programme.reference_year:
        return ALL_YEARS
    return year


def _chain(unit_ids: set[int]) -> dict[int, tuple[int | None, int | None]]:
    """District and province of each commune (as registry records denormalise them)."""
    from ictmis.units.public import AdministrativeUnit

    chains: dict[int, tuple[int | None, int | None]] = {}
    units = list(AdministrativeUnit.objects.filter(pk__in=unit_ids).select_related("parent__parent__parent"))
    for unit in units:
        found: dict[str, int] = {}
        node: Any = unit
        while node is not None:
            found[node.level] = node.pk
            node = node.parent
        chains[unit.pk] = (found.get("district"), found.get("province"))
    return chains


Key = tuple[int, int, int, int]  # programme, commune, year (0: all), month (0: the whole year)


def _count(unit_ids: list[int] | None) -> dict[Key, list[int]]:
    """(programme, commune, year, month) → [delivered, eligible not served], counted from the records."""
    from ictmis.programmes.eligibility import SUPPORTED
    from ictmis.programmes.models import Delivery, PovertyRecord, Programme

    counts: dict[Key, list[int]] = {}

    def add(key: Key, index: int, n: int) -> None:
        counts.setdefault(key, [0, 0])[index] += n

    deliveries = Delivery.objects.all()
    listed = PovertyRecord.objects.filter(status__in=SUPPORTED, household__deleted_at__isnull=True)
    if unit_ids is not None:
        deliveries = deliveries.filter(household__unit_id__in=unit_ids)
        listed = listed.filter(household__unit_id__in=unit_ids)
    per_month = (
        deliveries.annotate(y=ExtractYear("delivered_on"), m=ExtractMonth("delivered_on"))
        .values_list("programme_id", "household__unit_id", "y", "m")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for programme_id, unit_id, year, month, n in per_month:
        add((programme_id, unit_id, year, month), 0, n)
        add((programme_id, unit_id, year, WHOLE_YEAR), 0, n)
        add((programme_id, unit_id, ALL_YEARS, WHOLE_YEAR), 0, n)
    for programme in Programme.objects.prefetch_related("excludes"):
        served = Delivery.objects.filter(household=OuterRef("household_id"), programme=programme)
        excluded = [p.pk for p in programme.excludes.all()]
        records = listed.exclude(Exists(served))
        if excluded:
            records = records.exclude(
                Exists(Delivery.objects.filter(household=OuterRef("household_id"), programme_id__in=excluded))
            )
        if programme.reference_year:
            rows = (
                records.filter(year=programme.reference_year)
                .values_list("household__unit_id")
                .annotate(n=Count("pk"))
                .order_by()
            )
            for unit_id, n in rows:
                add((programme.pk, unit_id, ALL_YEARS, WHOLE_YEAR), 1, n)
        else:
            rows = records.values_list("household__unit_id", "year").annotate(n=Count("pk")).order_by()
            for unit_id, year, n in rows:
                add((programme.pk, unit_id, year, WHOLE_YEAR), 1, n)
    return counts


def _write(counts: dict[Key, list[int]], unit_ids: list[int] | None) -> None:
    from ictmis.programmes.models import ProgressTally

    stale = ProgressTally.objects.all()
    if unit_ids is not None:
        stale = stale.filter(unit_id__in=unit_ids)
    stale.delete()
    chains = _chain({unit_id for _p, unit_id, _y, _m in counts})
    ProgressTally.objects.bulk_create(
        [
            ProgressTally(
                programme_id=programme_id,
                unit_id=unit_id,
                district_unit_id=chains.get(unit_id, (None, None))[0],
                province_unit_id=chains.get(unit_id, (None, None))[1],
                year=year,
                month=month,
                delivered=delivered,
                waiting=waiting,
            )
            for (programme_id, unit_id, year, month), (delivered, waiting) in counts.items()
        ],
        batch_size=2000,
    )


def refresh(unit_ids: Iterable[int | None]) -> None:
    """Recount these communes for every programme (a delivery in one programme can change another's
    eligible households through its exclusions)."""
    ids = sorted({pk for pk in unit_ids if pk is not None})
    with transaction.atomic():
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            _write(_count(chunk), chunk)


def rebuild() -> int:
    """Recount every commune from the records; returns the number of tally rows."""
    from ictmis.programmes.models import ProgressTally

    with transaction.atomic():
        counts = _count(None)
        _write(counts, None)
    return ProgressTally.objects.count()


def touched(unit_ids: Iterable[int | None]) -> None:
    """Records of these communes changed: recount now, or at the end of the enclosing `batched()`."""
    pending = getattr(_state, "pending", None)
    if pending is not None:
        pending.update(pk for pk in unit_ids if pk is not None)
    else:
        refresh(unit_ids)


@contextmanager
def batched() -> Iterator[None]:
    """Collect the communes touched inside and recount each once at the end (use inside a transaction)."""
    if getattr(_state, "pending", None) is not None:
        yield
        return
    _state.pending = set()
    try:
        yield
        pending = _state.pending
    finally:
        _state.pending = None
    refresh(pending)


# -- signals: single saves from services, forms and the admin ---------------------------------------------


def _household_unit(household_id: int | None) -> list[int | None]:
    from ictmis.programmes.models import Household

    if household_id is None:
        return []
    return list(Household.objects.filter(pk=household_id).values_list("unit_id", flat=True))


def on_household_pre_save(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    instance._tally_units_before = _household_unit(instance.pk) if instance.pk and not raw else []


def on_household_saved(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        touched([instance.unit_id, *getattr(instance, "_tally_units_before", [])])


def on_household_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    touched([instance.unit_id])


def on_child_changed(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """A delivery or a poverty status was saved or deleted."""
    if not raw:
        touched(_household_unit(instance.household_id))


def connect() -> None:
    from django.db.models.signals import post_delete, post_save, pre_save

    from ictmis.programmes.models import Delivery, Household, PovertyRecord

    pre_save.connect(on_household_pre_save, sender=Household, dispatch_uid="tally_household_pre")
    post_save.connect(on_household_saved, sender=Household, dispatch_uid="tally_household_saved")
    post_delete.connect(on_household_deleted, sender=Household, dispatch_uid="tally_household_deleted")
    for model in (Delivery, PovertyRecord):
        post_save.connect(on_child_changed, sender=model, dispatch_uid=f"tally_{model.__name__}_saved")
        post_delete.connect(on_child_changed, sender=model, dispatch_uid=f"tally_{model.__name__}_deleted")
