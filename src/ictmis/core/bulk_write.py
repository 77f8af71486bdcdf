"""Many rows of one table written from prepared tuples: one code path for both databases.

SQLite takes one `executemany` per block; PostgreSQL one `COPY ... FROM STDIN` (psycopg 3), its keys taken
from the table's sequence first. Values are converted once per column by converters compiled from the
model's fields, so no model instance is built per row. Used by the import engine for records and their
history rows (`HistoryTable`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection
from django.db.models import Field, Model

Convert = Callable[[Any], Any]
PLAIN = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "FloatField",
    "ForeignKey",
    "IntegerField",
    "OneToOneField",
    "PositiveBigIntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SlugField",
    "SmallIntegerField",
    "TextField",
}


def same(value: Any) -> Any:
    return value


def converter(field: Field[Any, Any]) -> Convert:
    """How a Python value of `field` reaches the database, decided once per column."""
    kind = field.get_internal_type()
    if kind in PLAIN:
        return same
    postgresql = connection.vendor == "postgresql"
    if kind == "JSONField":
        encoder = getattr(field, "encoder", None)
        return lambda value: None if value is None else json.dumps(value, cls=encoder)
    if kind == "DateTimeField":
        if postgresql:
            return same
        adapt = connection.ops.adapt_datetimefield_value
        return lambda value: None if value is None else adapt(value)
    if kind == "DateField":
        if postgresql:
            return same
        return lambda value: None if value is None else value.isoformat()
    return lambda value: field.get_db_prep_save(value, connection)


def quote(name: str) -> str:
    return str(connection.ops.quote_name(name))


def insert(table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
    """Every row written in one statement stream; the caller's transaction (and savepoint) holds them."""
    if not rows:
        return
    names = ", ".join(quote(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", rows)


def update(table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]], *, key: str = "id") -> None:
    """Rows given as (*values, key): every named column set on the row with that key."""
    if not rows:
        return
    assignments = ", ".join(f"{quote(c)} = %s" for c in columns)
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {quote(table)} SET {assignments} WHERE {quote(key)} = %s", rows)


def new_keys(model: type[Model], count: int) -> list[int]:
    """`count` primary keys nobody else will take: from the sequence on PostgreSQL; on SQLite the next
    ones after the table's largest (the caller has written in this transaction, so it holds SQLite's only
    write lock until it commits and no other connection can take them meanwhile)."""
    if count == 0:
        return []
    table = model._meta.db_table
    pk = model._meta.pk.column  # type: ignore[union-attr]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [table, pk, count]
            )
            return [row[0] for row in cursor.fetchall()]
        take_write_lock(table)
        cursor.execute(f"SELECT MAX({quote(pk)}) FROM {quote(table)}")
        largest = cursor.fetchone()[0] or 0
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        found = cursor.fetchone()
        start = max(largest, found[0] if found else 0) + 1
    return list(range(start, start + count))


def take_write_lock(table: str) -> None:
    """On SQLite, a write that changes nothing: from here to the commit this transaction is the only writer."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {quote(table)} WHERE 1 = 0")


class Table:
    """A model's table as tuples: its concrete columns (the key first) and one converter per column."""

    def __init__(self, model: type[Model]) -> None:
        self.model = model
        self.table = model._meta.db_table
        fields = [f for f in model._meta.concrete_fields]
        self.fields = fields
        self.columns = [f.column for f in fields]
        self.attnames = [f.attname for f in fields]
        self.converters = [converter(f) for f in fields]
        self.plain = all(c is same for c in self.converters)

    def db_row(self, row: Sequence[Any]) -> tuple[Any, ...]:
        if self.plain:
            return tuple(row)
        return tuple(convert(value) for convert, value in zip(self.converters, row, strict=True))

    def insert(self, rows: Sequence[Sequence[Any]]) -> None:
        insert(self.table, self.columns, [self.db_row(row) for row in rows])

    def update(self, rows: Sequence[Sequence[Any]]) -> None:
        """Rows in this table's column order, the key first, written over the stored ones."""
        prepared = []
        for row in rows:
            values = self.db_row(row)
            prepared.append((*values[1:], values[0]))
        update(self.table, self.columns[1:], prepared, key=self.columns[0])


class HistoryTable:
    """The history rows django-simple-history would write for records given as tuples of their table
    (`Table.attnames` order): the tracked fields copied, then the date, the type (+ created, ~ changed),
    the user and no change reason, as its `bulk_create_with_history` and a form's save do."""

    def __init__(self, model: type[Model], source: Table) -> None:
        historical = model.history.model  # type: ignore[attr-defined]
        self.table = historical._meta.db_table
        fields = [f for f in historical._meta.concrete_fields if not f.primary_key]  # history_id: the database's
        self.columns = [f.column for f in fields]
        self.converters = [converter(f) for f in fields]
        position = {name: index for index, name in enumerate(source.attnames)}
        self.picks: list[int | str] = []
        for field in fields:
            if field.attname in position:
                self.picks.append(position[field.attname])
            elif field.attname in ("history_date", "history_type", "history_user_id", "history_change_reason"):
                self.picks.append(field.attname)
            else:
                raise ValueError(f"{historical.__name__}.{field.attname}: no source for this history column")

    def rows(
        self, records: Sequence[Sequence[Any]], *, kind: str, user_id: int | None, at: dt.datetime
    ) -> list[tuple[Any, ...]]:
        special = {"history_date": at, "history_type": kind, "history_user_id": user_id, "history_change_reason": None}
        picks = self.picks
        return [tuple(record[p] if isinstance(p, int) else special[p] for p in picks) for record in records]

    def insert(self, records: Sequence[Sequence[Any]], *, kind: str, user_id: int | None, at: dt.datetime) -> None:
        rows = self.rows(records, kind=kind, user_id=user_id, at=at)
        converters = self.converters
        prepared = [tuple(c(v) for c, v in zip(converters, row, strict=True)) for row in rows]
        insert(self.table, self.columns, prepared)
