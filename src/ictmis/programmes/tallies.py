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
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import transaction
from django.db.models import Count
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
    # the ancestors' keys and levels as plain values: a model instance per commune and ancestor cost more
    # than the rest of an import's tally work
    rows = AdministrativeUnit.objects.filter(pk__in=unit_ids).values_list(
        "pk", "parent__parent__parent_id", "parent__parent__parent__level", "parent__parent_id",
        "parent__parent__level", "parent_id", "parent__level",
    )  # fmt: skip
    for pk, *chain in rows.iterator(4000):
        # from the top down, so that the nearest ancestor of a level wins (as `ancestors_of` reads them)
        above: dict[Any, Any] = {level: ancestor for ancestor, level in zip(chain[0::2], chain[1::2], strict=True)}
        chains[pk] = (above.get("district"), above.get("province"))
    return chains


Key = tuple[int, int, int, int]  # programme, commune, year (0: all), month (0: the whole year)


def _count(unit_ids: list[int] | None, programme_ids: list[int] | None = None) -> dict[Key, list[int]]:
    """(programme, commune, year, month) → [delivered, eligible not served], counted from the records."""
    from ictmis.programmes.eligibility import waiting_records
    from ictmis.programmes.models import Delivery, Programme

    counts: dict[Key, list[int]] = {}

    def add(key: Key, index: int, n: int) -> None:
        counts.setdefault(key, [0, 0])[index] += n

    deliveries = Delivery.objects.all()
    programmes = Programme.objects.prefetch_related("excludes")
    if unit_ids is not None:
        deliveries = deliveries.filter(household__unit_id__in=unit_ids)
    if programme_ids is not None:
        deliveries = deliveries.filter(programme_id__in=programme_ids)
        programmes = programmes.filter(pk__in=programme_ids)
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
    for programme in programmes:
        records = waiting_records(programme)
        if records is None:
            continue
        if unit_ids is not None:
            records = records.filter(household__unit_id__in=unit_ids)
        if programme.reference_year:
            rows = records.values_list("household__unit_id").annotate(n=Count("pk")).order_by()
            for unit_id, n in rows:
                add((programme.pk, unit_id, ALL_YEARS, WHOLE_YEAR), 1, n)
        else:
            per_year = records.values_list("household__unit_id", "year").annotate(n=Count("pk")).order_by()
            for unit_id, year, n in per_year:
                add((programme.pk, unit_id, year, WHOLE_YEAR), 1, n)
    return counts


def _write(counts: dict[Key, list[int]], unit_ids: list[int] | None, programme_ids: list[int] | None = None) -> None:
    from ictmis.programmes.models import ProgressTally

    stale = ProgressTally.objects.all()
    if unit_ids is not None:
        stale = stale.filter(unit_id__in=unit_ids)
    if programme_ids is not None:
        stale = stale.filter(programme_id__in=programme_ids)
    stale.delete()
    _create(counts)


def _create(counts: Mapping[Key, Sequence[int]]) -> None:
    """New tally rows: (programme, commune, year, month) -> (delivered, waiting), with the commune's district
    and province; written from tuples (`bulk_write`), not model instances."""
    from ictmis.core import bulk_write
    from ictmis.programmes.models import ProgressTally

    chains = _chain({unit_id for _p, unit_id, _y, _m in counts})
    columns = [
        str(ProgressTally._meta.get_field(name).column)  # type: ignore[union-attr]
        for name in ("programme", "unit", "district_unit", "province_unit", "year", "month", "delivered", "waiting")
    ]
    rows = [
        (programme_id, unit_id, *chains.get(unit_id, (None, None)), year, month, delivered, waiting)
        for (programme_id, unit_id, year, month), (delivered, waiting) in counts.items()
    ]
    for start in range(0, len(rows), 2000):
        bulk_write.insert(ProgressTally._meta.db_table, columns, rows[start : start + 2000])


def _lock(unit_ids: list[int]) -> None:
    """Recounts of the same commune take turns (PostgreSQL): the second waits for the first to commit and
    then counts its rows too, instead of both inserting the commune's tallies."""
    from django.db import connection

    from ictmis.units.public import AdministrativeUnit

    if connection.vendor == "postgresql":
        list(AdministrativeUnit.objects.select_for_update().filter(pk__in=unit_ids).order_by("pk").values_list("pk"))


def refresh(unit_ids: Iterable[int | None]) -> None:
    """Recount these communes for every programme (a delivery in one programme can change another's
    eligible households through its exclusions)."""
    ids = sorted({pk for pk in unit_ids if pk is not None})
    with transaction.atomic():
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            _lock(chunk)
            _write(_count(chunk), chunk)


def rebuild(programme: Any = None) -> int:
    """Recount every commune from the records (of one programme, or of all); returns the number of rows."""
    from ictmis.programmes.eligibility import signature
    from ictmis.programmes.models import Programme, ProgressTally

    with transaction.atomic():
        programmes = [programme] if programme is not None else list(Programme.objects.prefetch_related("excludes"))
        ids = [p.pk for p in programmes] if programme is not None else None
        _write(_count(None, ids), None, ids)
        for each in programmes:
            Programme.objects.filter(pk=each.pk).update(tallied_as=signature(each))
    return ProgressTally.objects.count()


def recount_changed_programmes() -> list[str]:
    """Programmes whose rule, reference year or exclusions changed since they were counted (in the admin,
    the shell or a data migration) are recounted; returns their codes."""
    from ictmis.programmes.eligibility import signature
    from ictmis.programmes.models import Programme

    changed = [p for p in Programme.objects.prefetch_related("excludes") if p.tallied_as != signature(p)]
    for programme in changed:
        rebuild(programme)
    return [p.code for p in changed]


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
    """Remember where the household was counted: only a move or a (soft) deletion changes the tallies; a new
    household has no list entry or delivery yet."""
    from ictmis.programmes.models import Household

    before = None
    if instance.pk and not raw:
        before = Household.objects.filter(pk=instance.pk).values_list("unit_id", "deleted_at").first()
    instance._tally_before = before


def on_household_saved(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    before = getattr(instance, "_tally_before", None)
    if not raw and before is not None and before != (instance.unit_id, instance.deleted_at):
        touched([instance.unit_id, before[0]])


def on_household_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:  # a hard delete
    touched([instance.unit_id])


def on_child_changed(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """A delivery or a poverty status was saved or deleted."""
    if not raw:
        touched(_household_unit(instance.household_id))


def on_programme_changed(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """A programme created, or its rule, reference year or exclusions changed: recount it if needed."""
    from ictmis.programmes.eligibility import signature
    from ictmis.programmes.models import Programme

    if raw or kwargs.get("action", "post_add") not in ("post_add", "post_remove", "post_clear"):
        return
    ids = set(kwargs.get("pk_set") or ()) if kwargs.get("reverse") else {instance.pk}
    for programme in Programme.objects.prefetch_related("excludes").filter(pk__in=ids):
        if programme.tallied_as != signature(programme):
            rebuild(programme)


def after_migrate(sender: Any, **kwargs: Any) -> None:
    """Programmes created or changed by data migrations (which send no model signals) get counted, once the
    database has the tallies (not after a partial migrate that stopped short of them)."""
    from django.core.exceptions import FieldDoesNotExist
    from django.db import DEFAULT_DB_ALIAS

    if getattr(sender, "label", "") != "programmes" or kwargs.get("using", DEFAULT_DB_ALIAS) != DEFAULT_DB_ALIAS:
        return
    state = kwargs.get("apps")
    try:
        if state is not None:
            state.get_model("programmes", "ProgressTally")
            state.get_model("programmes", "Programme")._meta.get_field("tallied_as")
    except (LookupError, FieldDoesNotExist):
        return
    recount_changed_programmes()


def connect() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_save

    from ictmis.programmes.models import Delivery, Household, PovertyRecord, Programme

    post_save.connect(on_programme_changed, sender=Programme, dispatch_uid="tally_programme_saved")
    m2m_changed.connect(on_programme_changed, sender=Programme.excludes.through, dispatch_uid="tally_programme_m2m")
    post_migrate.connect(after_migrate, dispatch_uid="tally_after_migrate")

    pre_save.connect(on_household_pre_save, sender=Household, dispatch_uid="tally_household_pre")
    post_save.connect(on_household_saved, sender=Household, dispatch_uid="tally_household_saved")
    post_delete.connect(on_household_deleted, sender=Household, dispatch_uid="tally_household_deleted")
    for model in (Delivery, PovertyRecord):
        post_save.connect(on_child_changed, sender=model, dispatch_uid=f"tally_{model.__name__}_saved")
        post_delete.connect(on_child_changed, sender=model, dispatch_uid=f"tally_{model.__name__}_deleted")


# -- appended deliveries: the tallies moved by what was added, instead of a recount --------------------------


class Appended:
    """The tallies an append-only import of deliveries changes, counted as it writes: each delivery adds one
    to its commune's month, year and all-years rows, and the list entries it stops from waiting (for its
    programme, and for every programme that excludes it) each take one from their row. `before_write(block)`
    reads those entries for a block of new deliveries before they are written, in one query per affected
    programme; `apply()` writes the changes in place. A tally row that is missing or would go negative means
    the tallies were already out of step: those communes are recounted from the records instead."""

    def __init__(self) -> None:
        from ictmis.programmes.models import Programme

        self.programmes = {p.pk: p for p in Programme.objects.prefetch_related("excludes")}
        self.changes: dict[Key, list[int]] = {}

    def _affected(self, programme_id: int) -> list[Any]:
        from ictmis.programmes.eligibility import EXCLUDING_RULES, LIST_RULES

        return [
            other
            for other in self.programmes.values()
            if other.rule in LIST_RULES
            and (
                other.pk == programme_id
                or (other.rule in EXCLUDING_RULES and any(p.pk == programme_id for p in other.excludes.all()))
            )
        ]

    def before_write(self, deliveries: list[tuple[int, int, int, Any]]) -> None:
        """`deliveries`: (programme id, household id, commune id, date) of a block about to be written."""
        from ictmis.programmes.eligibility import waiting_records

        served: dict[int, set[int]] = {}  # affected programme → households this block serves for it
        affected: dict[int, list[Any]] = {}  # the programmes a delivery of each programme affects, found once
        for programme_id, household_id, unit_id, day in deliveries:
            for key in (
                (programme_id, unit_id, day.year, day.month),
                (programme_id, unit_id, day.year, WHOLE_YEAR),
                (programme_id, unit_id, ALL_YEARS, WHOLE_YEAR),
            ):
                self.changes.setdefault(key, [0, 0])[0] += 1
            others = affected.get(programme_id)
            if others is None:
                others = affected[programme_id] = self._affected(programme_id)
            for other in others:
                served.setdefault(other.pk, set()).add(household_id)
        for programme_id, households in served.items():
            programme = self.programmes[programme_id]
            records = waiting_records(programme)
            if records is None:
                continue
            rows = records.filter(household_id__in=households).values_list("household__unit_id", "year")
            for unit_id, year in rows.iterator(2000):
                year_key = ALL_YEARS if programme.reference_year else year
                self.changes.setdefault((programme_id, unit_id, year_key, WHOLE_YEAR), [0, 0])[1] += 1

    def apply(self) -> None:
        from ictmis.programmes.models import ProgressTally

        if not self.changes:
            return
        units = {unit_id for _p, unit_id, _y, _m in self.changes}
        programmes = {programme_id for programme_id, _u, _y, _m in self.changes}
        stored: dict[Key, tuple[int, int, int]] = {}
        units_list = sorted(units)
        for start in range(0, len(units_list), CHUNK):
            rows = ProgressTally.objects.filter(
                unit_id__in=units_list[start : start + CHUNK], programme_id__in=programmes
            ).values_list("programme_id", "unit_id", "year", "month", "pk", "delivered", "waiting")
            for programme_id, unit_id, year, month, pk, delivered, waiting in rows.iterator(2000):
                stored[(programme_id, unit_id, year, month)] = (pk, delivered, waiting)
        out_of_step: set[int] = set()
        updates, emptied, created = [], [], []
        for key, (delivered, gone) in self.changes.items():
            found = stored.get(key)
            if found is None:
                if gone:
                    out_of_step.add(key[1])
                else:
                    created.append((key, delivered))
                continue
            pk, was_delivered, was_waiting = found
            if was_waiting < gone:
                out_of_step.add(key[1])
            elif was_delivered + delivered == 0 and was_waiting == gone:
                emptied.append(pk)
            else:
                updates.append((delivered, gone, pk))
        if out_of_step:  # recounted from the records; the other communes still take their changes
            refresh(out_of_step)
            self.changes = {key: change for key, change in self.changes.items() if key[1] not in out_of_step}
            self.apply()
            return
        self._write(updates, emptied, created)

    def _write(self, updates: list[tuple[int, int, int]], emptied: list[int], created: list[tuple[Key, int]]) -> None:
        from django.db import connection

        from ictmis.programmes.models import ProgressTally

        table = connection.ops.quote_name(ProgressTally._meta.db_table)
        with connection.cursor() as cursor:
            if updates:
                cursor.executemany(
                    f"UPDATE {table} SET delivered = delivered + %s, waiting = waiting - %s WHERE id = %s", updates
                )
        if emptied:
            ProgressTally.objects.filter(pk__in=emptied).delete()
        if created:
            _create({key: (delivered, 0) for key, delivered in created})
