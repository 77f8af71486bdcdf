"""New-rural criterion 8 scorecards as pages read them: one stored row per commune and year (`StoredScorecard`),
never stale.

A stored row is stale when it was assessed on another day than `assessed_on(year, today)` (the current year is
assessed as of today), under other sub-criteria (their signature), or after a write to the facts it reads (a
post office point, a radio station or a BTS station of the commune or of a former commune that became it, a
hand decision on one of its sub-criteria, the unit tree or its lineage: the writers count them in `changes`).
Every read first reassesses the stale and missing rows of the communes it answers for (`assessment.assess`),
answers from them and tries to store them, waiting at most `STORE_WAIT_MS` for the write lock: a reader never
fails or waits long because a writer (a large import) holds the lock; it then leaves the rows stale.
`ictmis refresh_scorecards` does it ahead for the whole country once a day. Writers lock the rows they mark,
and readers write them, in (unit, year) order, so that the two cannot deadlock on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Callable, Collection, Iterable
from typing import Any

from django.db import OperationalError, connection, transaction
from django.db.models import Count, F, Q, QuerySet, Sum

from ictmis.indicators import assessment
from ictmis.indicators.assessment import (
    NOT_ASSESSED,
    OVERRIDE,
    REGISTRY,
    Scorecard,
    SubResult,
    assessed_on,
    version_for,
)
from ictmis.indicators.models import StoredScorecard, SubCriterion
from ictmis.units.public import AdministrativeUnit, Level, became, units

__all__ = [
    "NOT_ASSESSED",
    "OVERRIDE",
    "REGISTRY",
    "Scorecard",
    "SubResult",
    "assessed_on",
    "facts_changed",
    "refresh",
    "scorecards",
    "summary",
    "summary_of",
    "version_for",
]

# Bumped when the assessment's code changes what it decides: every stored row becomes stale.
RULES_REVISION = 1
# Past this many units written at once (a large import), every stored row is marked rather than looked up.
MARK_ALL_ABOVE = 1000
# Up to this many stale communes are reassessed from their own records; more, from the whole scope's.
OWN_RECORDS_UP_TO = 50

# A reader waits at most this long for the write lock to store the rows it reassessed, then leaves them stale.
STORE_WAIT_MS = 200

logger = logging.getLogger(__name__)

_SOURCES = {"r": REGISTRY, "o": OVERRIDE, "n": NOT_ASSESSED}
_CODES = {source: code for code, source in _SOURCES.items()}


def _subcriteria(year: int) -> list[SubCriterion]:
    """The sub-criteria of the version in force in `year`, by code (one query)."""
    return list(
        SubCriterion.objects.filter(version__first_year__lte=year, version__last_year__gte=year)
        .order_by("version__first_year", "code")
        .only("pk", "version_id", "code", "name", "test", "threshold", "unconfirmed")
    )


def _signature(subs: list[SubCriterion]) -> str:
    """What a stored assessment depends on besides the records: the version's sub-criteria and their thresholds."""
    data = [RULES_REVISION, *[(s.version_id, s.pk, s.code, s.test, s.threshold) for s in subs]]
    return hashlib.sha1(json.dumps(data, sort_keys=True, default=str).encode(), usedforsecurity=False).hexdigest()


def _communes(paths: Iterable[str], on: dt.date, unit_id: int | None = None) -> QuerySet[AdministrativeUnit]:
    under = Q(pk__in=[])
    for path in paths:
        under |= Q(path__startswith=path)
    qs = units(level=Level.COMMUNE, on=on).filter(under).select_related(None).order_by()
    return qs.filter(pk=unit_id) if unit_id is not None else qs


def _fresh(year: int, on: dt.date, signature: str) -> Q:
    return Q(year=year, assessed_on=on, signature=signature, changes=F("assessed_changes"))


_COLUMNS = ("unit_id", "year", "assessed_on", "signature", "assessed_changes", "met", "met_mask", "results")


def _row(card: Scorecard, on: dt.date, signature: str, changes: int) -> tuple[Any, ...]:
    results = [
        [r.code, r.met, _CODES[r.source], r.detail, r.override_id if r.source == OVERRIDE else None]
        for r in card.results
    ]
    mask = sum(1 << index for index, r in enumerate(card.results) if r.met)
    return (card.unit_id, card.year, on, signature, changes, card.met, mask, results)


def _write(rows: list[tuple[Any, ...]], *, replace: bool) -> None:
    """Insert rows (`_COLUMNS`); a row whose (year, unit) is stored already is left alone, or with `replace`
    rewritten except its `changes`. One statement run for every row (`bulk_create` spends ~0.4 ms compiling
    each row's SQL)."""
    if not rows:
        return
    rows = sorted(rows, key=lambda row: (row[0], row[1]))  # the writers' lock order (see `_bump`)
    meta = StoredScorecard._meta
    json_field = meta.get_field("results")
    quote = connection.ops.quote_name
    columns = ", ".join(quote(name) for name in _COLUMNS)
    marks = ", ".join(["%s"] * len(_COLUMNS))
    if replace:
        assigned = ", ".join(f"{quote(name)} = excluded.{quote(name)}" for name in _COLUMNS[2:])
        conflict = f"DO UPDATE SET {assigned}"
    else:
        conflict = "DO NOTHING"
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({columns}, {quote('changes')}) VALUES ({marks}, 0) "
        f"ON CONFLICT ({quote('year')}, {quote('unit_id')}) {conflict}"
    )
    empty = json_field.get_db_prep_save([], connection)
    prepared = [(*row[:-1], json_field.get_db_prep_save(row[-1], connection) if row[-1] else empty) for row in rows]
    with connection.cursor() as cursor:
        cursor.executemany(sql, prepared)


def _store(write: Callable[[], None]) -> bool:
    """Run `write` in its own transaction (a savepoint inside one), waiting at most `STORE_WAIT_MS` for a lock:
    whether it was stored. A lock held longer (SQLite "database is locked", PostgreSQL lock timeout), a deadlock
    or a serialisation failure rolls it back and is not an error: the rows stay stale for the next reader."""
    sqlite = connection.vendor == "sqlite"
    previous = None
    try:
        if sqlite and not connection.in_atomic_block:  # BEGIN IMMEDIATE itself waits for the write lock
            with connection.cursor() as cursor:
                previous = cursor.execute("PRAGMA busy_timeout").fetchone()[0]
                cursor.execute(f"PRAGMA busy_timeout = {STORE_WAIT_MS}")
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT current_setting('lock_timeout')")
                    before = cursor.fetchone()[0]
                    cursor.execute("SELECT set_config('lock_timeout', %s, true)", [f"{STORE_WAIT_MS}ms"])
                    write()
                    cursor.execute("SELECT set_config('lock_timeout', %s, true)", [before])
            else:
                write()
        return True
    except OperationalError as error:
        logger.debug("scorecards not stored: %s", error)
        return False
    finally:
        if previous is not None:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA busy_timeout = {int(previous)}")


def _store_waiting(write: Callable[[], None]) -> bool:
    with transaction.atomic():
        write()
    return True


def _reassess(
    unit_ids: Collection[int],
    *,
    paths: list[str],
    year: int,
    today: dt.date,
    signature: str,
    whole: bool = False,
    wait: bool = False,
) -> tuple[dict[int, Scorecard], bool]:
    """Assess these communes from the registries and store the results: the scorecards, and whether they were
    stored (always with `wait`: the lock is waited for as by any writer; else see `_store`).

    Each commune's row exists (committed at once when no transaction is open) before the records are read, so
    that a write from then on counts in its `changes`; the count read before the records is the one stored as
    assessed: a write committed in between leaves the row stale for the next read. No row could be created: the
    results are not stored (a write during the assessment could be lost). `whole`: `unit_ids` are every commune
    under `paths`."""
    on = assessed_on(year, today)
    ids = list(unit_ids)
    store = _store_waiting if wait else _store
    created = store(lambda: _write([(pk, year, on, "", 0, False, 0, []) for pk in ids], replace=False))
    stored = StoredScorecard.objects.filter(year=year)
    counted = dict((stored if whole else stored.filter(unit_id__in=ids)).values_list("unit_id", "changes"))
    if whole:
        cards = assessment.assess(paths=paths, year=year, today=today)
    elif len(ids) <= OWN_RECORDS_UP_TO:
        own = list(AdministrativeUnit.objects.filter(pk__in=ids).values_list("path", flat=True))
        cards = assessment.assess(paths=own, year=year, today=today, unit_ids=ids)
    else:
        cards = assessment.assess(paths=paths, year=year, today=today, unit_ids=ids)
    rows = [_row(card, on, signature, counted.get(card.unit_id, 0)) for card in cards]
    done = created and store(lambda: _write(rows, replace=True))
    return {card.unit_id: card for card in cards}, done


def _communes_with_fresh_rows(
    paths: list[str], *, on: dt.date, year: int, signature: str, unit_id: int | None = None
) -> list[tuple[int, str, str, list[list[Any]] | None]]:
    """(id, code, name, results of its fresh stored row or None) of every commune under `paths` in the structure
    of `on` (or of one commune), by code: one statement, written out because the ORM's compilation of the same
    join costs more than the query itself on a single commune's page (decision 0031)."""
    if not paths:
        return []
    quote = connection.ops.quote_name
    units_table = quote(AdministrativeUnit._meta.db_table)
    stored_table = quote(StoredScorecard._meta.db_table)
    escape = "ESCAPE '\\'"
    under = " OR ".join([f"u.path LIKE %s {escape}"] * len(paths))
    params: list[Any] = [year, on, signature, Level.COMMUNE.value, on, on]
    params += [_like_prefix(path) for path in paths]
    one = ""
    if unit_id is not None:
        one = "AND u.id = %s "
        params.append(unit_id)
    sql = (
        f"SELECT u.id, u.code, u.name, s.results FROM {units_table} u "
        f"LEFT JOIN {stored_table} s ON s.unit_id = u.id AND s.year = %s AND s.assessed_on = %s "
        "AND s.signature = %s AND s.changes = s.assessed_changes "
        "WHERE u.level = %s AND u.valid_from <= %s AND (u.valid_to IS NULL OR u.valid_to > %s) "
        f"AND ({under}) {one}ORDER BY u.code"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    return [
        (pk, code, name, json.loads(results) if isinstance(results, str | bytes) else results)
        for pk, code, name, results in fetched
    ]


def _like_prefix(path: str) -> str:
    return path.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _card(
    unit_id: int, code: str, name: str, year: int, subs: list[SubCriterion], results: list[list[Any]]
) -> Scorecard:
    """A stored row as the scorecard pages show it, the evidence links built from it."""
    card = Scorecard(unit_id, code, name, year)
    for sub, (_code, met, source, detail, override_id) in zip(subs, results, strict=True):
        kind = _SOURCES[source]
        if kind == REGISTRY:
            evidence = assessment.link(assessment.REGISTRY_OF[sub.test], unit_id)
        elif kind == OVERRIDE:
            evidence = assessment.override_link(override_id)
        else:
            evidence = ""
        card.results.append(SubResult(sub.code, sub.name, met, kind, evidence, detail, sub.unconfirmed, override_id))
    return card


def scorecards(*, paths: Iterable[str], year: int, today: dt.date, unit_id: int | None = None) -> list[Scorecard]:
    """The scorecard of every commune under `paths` in the structure of that year (or of one commune), by code:
    two queries when every stored row is fresh."""
    subs = _subcriteria(year)
    if not subs:
        return []
    return _scorecards(list(paths), year=year, today=today, subs=subs, unit_id=unit_id)


def _scorecards(
    path_list: list[str],
    *,
    year: int,
    today: dt.date,
    subs: list[SubCriterion],
    unit_id: int | None = None,
    assessed: dict[int, Scorecard] | None = None,
) -> list[Scorecard]:
    """`scorecards`; the communes in `assessed` (just assessed, not stored) are answered from it."""
    on = assessed_on(year, today)
    signature = _signature(subs)
    found = _communes_with_fresh_rows(path_list, on=on, year=year, signature=signature, unit_id=unit_id)
    if not found:
        return []
    communes = [(pk, code, name) for pk, code, name, _results in found]
    rows = {pk: results for pk, _code, _name, results in found if results is not None}
    reassessed = dict(assessed or {})
    stale = [pk for pk, _code, _name in communes if pk not in rows and pk not in reassessed]
    if stale:
        reassessed.update(_reassess(stale, paths=path_list, year=year, today=today, signature=signature)[0])
    cards = []
    for pk, code, name in communes:
        if pk in rows:
            cards.append(_card(pk, code, name, year, subs, rows[pk]))
        elif pk in reassessed:
            cards.append(reassessed[pk])
    return cards


def summary(cards: list[Scorecard]) -> dict[str, Any]:
    """Communes meeting the criterion, and meeting each sub-criterion, of these scorecards."""
    by_sub: dict[str, int] = {}
    for card in cards:
        for result in card.results:
            by_sub[result.code] = by_sub.get(result.code, 0) + int(result.met)
    return {"communes": len(cards), "met": sum(1 for c in cards if c.met), "by_subcriterion": by_sub}


def summary_of(*, paths: Iterable[str], year: int, today: dt.date) -> dict[str, Any]:
    """The same figures as `summary` for every commune under `paths`, counted by the database over the stored
    rows (the stale ones reassessed first): three queries when every row is fresh. When the reassessed rows could
    not be stored (the write lock is held), `summary` of the scorecards, the reassessed ones as computed."""
    subs = _subcriteria(year)
    if not subs:
        return {"communes": 0, "met": 0, "by_subcriterion": {}}
    path_list = list(paths)
    on = assessed_on(year, today)
    signature = _signature(subs)
    scope = _communes(path_list, on)
    fresh = StoredScorecard.objects.filter(_fresh(year, on, signature)).values("unit_id")
    stale = list(scope.exclude(pk__in=fresh).values_list("pk", flat=True))
    if stale:
        reassessed, stored = _reassess(stale, paths=path_list, year=year, today=today, signature=signature)
        if not stored:
            return summary(_scorecards(path_list, year=year, today=today, subs=subs, assessed=reassessed))
    figures = StoredScorecard.objects.filter(year=year, unit__in=scope.values("pk")).aggregate(
        communes=Count("pk"),
        met=Count("pk", filter=Q(met=True)),
        **{f"s{index}": Sum(F("met_mask").bitand(1 << index)) for index in range(len(subs))},
    )
    by_sub = {sub.code: (figures[f"s{index}"] or 0) >> index for index, sub in enumerate(subs)}
    return {"communes": figures["communes"], "met": figures["met"], "by_subcriterion": by_sub}


def refresh(*, year: int, today: dt.date) -> int:
    """Reassess every commune of the country for `year` and store the results (the daily job, and
    `ictmis refresh_scorecards`): the number of communes."""
    subs = _subcriteria(year)
    if not subs:
        return 0
    on = assessed_on(year, today)
    provinces = list(units(level=Level.PROVINCE, on=on).values_list("path", flat=True))
    communes = list(_communes(provinces, on).values_list("pk", flat=True))
    if communes:
        signature = _signature(subs)
        _reassess(communes, paths=provinces, year=year, today=today, signature=signature, whole=True, wait=True)
    return len(communes)


# -- writers: what makes stored rows stale ------------------------------------------------------------------


def facts_changed(unit_paths: Iterable[str]) -> None:
    """Registry records filed under these units were written: the stored rows (every year) of these communes
    and of the communes they became are stale."""
    paths = set(unit_paths)
    if not paths:
        return
    if len(paths) > MARK_ALL_ABOVE:
        structure_changed()
        return
    ids = became(paths)
    if ids:
        _bump(StoredScorecard.objects.filter(unit_id__in=list(ids)))


def commune_changed(unit_id: int, year: int) -> None:
    """A hand decision on a sub-criterion of this commune in `year` was written."""
    _bump(StoredScorecard.objects.filter(unit_id=unit_id, year=year))


def structure_changed() -> None:
    """The unit tree or its lineage changed: every stored row is stale."""
    _bump(StoredScorecard.objects.all())


def _bump(rows: QuerySet[StoredScorecard]) -> None:
    """Count a write in these rows' `changes`, locking them first in (unit, year) order, the order in which
    readers write them (`_write`): a writer and a reader then cannot deadlock on PostgreSQL, whose `UPDATE`
    locks in scan order. SQLite has one write lock: the `SELECT` locks nothing there."""
    with transaction.atomic():
        if list(rows.select_for_update().order_by("unit_id", "year").values_list("pk", flat=True)):
            rows.update(changes=F("changes") + 1)
