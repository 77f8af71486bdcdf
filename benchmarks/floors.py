"""The raw floors an import is measured against (used by registries.py and programmes.py).

A floor is the fastest raw write of the same rows, prepared as tuples beforehand, in one transaction that
is rolled back once the checks its commit would run have run (`timed_rollback`): `executemany` on SQLite,
`COPY` on PostgreSQL. Two floors per table: the records alone,
and the records with one history row each (as the import writes them; django-simple-history's table).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

from django.db import connection, transaction
from django.db.models import Model


def write(table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def _db_value(field: Any, value: Any) -> Any:
    kind = field.get_internal_type()
    if value is None:
        return None
    if kind == "JSONField":
        return json.dumps(value)
    if connection.vendor == "sqlite" and kind == "DateTimeField":
        return connection.ops.adapt_datetimefield_value(value)
    if connection.vendor == "sqlite" and kind == "DateField":
        return value.isoformat()
    return value


def prepared(model: type[Model], rows: list[dict[str, Any]], now: Any) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Every concrete column of `model` for each row (`rows` give attnames; the rest take their defaults,
    the audit columns `now`), keys after the table's largest: database-ready tuples."""
    fields = list(model._meta.concrete_fields)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {model._meta.db_table}")
        first = cursor.fetchone()[0] + 1_000_000
    defaults = {f.attname: f.get_default() for f in fields}
    defaults.update(created_at=now, updated_at=now)
    tuples = []
    for offset, row in enumerate(rows):
        values = {**defaults, **row, "id": first + offset}
        tuples.append(tuple(_db_value(f, values[f.attname]) for f in fields))
    return [f.column for f in fields], tuples


def history_of(
    model: type[Model], columns: list[str], records: list[tuple[Any, ...]], now: Any
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """One "+" history row per record: the tracked columns copied, date, type, no user, no reason."""
    historical = model.history.model  # type: ignore[attr-defined]
    position = {c: i for i, c in enumerate(columns)}
    extra = {"history_date": _db_value(historical._meta.get_field("history_date"), now), "history_type": "+",
             "history_user_id": None, "history_change_reason": None}  # fmt: skip
    targets = [f.column for f in historical._meta.concrete_fields if not f.primary_key]
    picks = [position.get(c, c) for c in targets]
    rows = [tuple(r[p] if isinstance(p, int) else extra[p] for p in picks) for r in records]
    return targets, rows


def timed_rollback(work: Callable[[], None]) -> float:
    """`work` in a transaction rolled back, with the checks its commit would run. PostgreSQL checks Django's
    foreign keys (DEFERRABLE INITIALLY DEFERRED) at the commit, so a rollback would skip them: an import that
    commits pays them, and so must its floor. `SET CONSTRAINTS ALL IMMEDIATE` runs the pending checks there.
    SQLite looks each key up as the row is written, deferred or not."""
    start = time.perf_counter()
    with transaction.atomic():
        work()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        elapsed = time.perf_counter() - start
        transaction.set_rollback(True)
    return elapsed


def floors(
    model: type[Model], rows: list[dict[str, Any]], now: Any, extra: Callable[[], None] | None = None
) -> tuple[float, float]:
    """(records only, records + history [+ `extra`, e.g. the tally rows the import updates]) in seconds."""
    columns, records = prepared(model, rows, now)
    history_columns, history = history_of(model, columns, records, now)
    table = model._meta.db_table
    history_table = model.history.model._meta.db_table  # type: ignore[attr-defined]
    only = timed_rollback(lambda: write(table, columns, records))

    def both() -> None:
        write(table, columns, records)
        write(history_table, history_columns, history)
        if extra is not None:
            extra()

    return only, timed_rollback(both)


def print_floors(report: Any, label: str, only: float, both: float) -> None:
    method = "COPY" if connection.vendor == "postgresql" else "executemany"
    report(f"raw {method}: {label}, records only (floor)", only)
    report(f"raw {method}: {label}, records + history (floor)", both)
