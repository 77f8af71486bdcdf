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
from operator import itemgetter
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
        return _datetime_text(connection.ops.adapt_datetimefield_value)
    if kind == "DateField":
        if postgresql:
            return same
        return lambda value: None if value is None else value.isoformat()
    return lambda value: field.get_db_prep_save(value, connection)


def _datetime_text(adapt: Convert) -> Convert:
    """SQLite's text of a date and time, the last one remembered: an import stamps every row with the
    same `now`, so the conversion runs once, not once a row."""
    last: list[Any] = [None, None]

    def convert(value: Any) -> Any:
        if value is None:
            return None
        if value is not last[0]:
            last[0], last[1] = value, adapt(value)
        return last[1]

    return convert


def quote(name: str) -> str:
    return str(connection.ops.quote_name(name))


def insert(table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Every row written in one statement stream; the caller's transaction (and savepoint) holds them."""
    if not rows:
        return
    names = ", ".join(quote(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # the driver's own cursor: its errors are turned into Django's (IntegrityError) here
            with (
                connection.wrap_database_errors,
                cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy,
            ):
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", rows)


def update(table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], *, key: str = "id") -> None:
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
    pk = str(model._meta.pk.column)
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
        fields = list(model._meta.concrete_fields)
        self.fields = fields
        self.columns = [str(f.column) for f in fields]
        self.attnames = [f.attname for f in fields]
        self.converters = [converter(f) for f in fields]
        self.special = [(index, c) for index, c in enumerate(self.converters) if c is not same]

    def db_row(self, row: Sequence[Any]) -> list[Any]:
        values = list(row)
        for index, convert in self.special:
            values[index] = convert(values[index])
        return values

    def insert(self, rows: Sequence[Sequence[Any]]) -> list[list[Any]]:
        """The rows written; returned as written (database values), e.g. for their history rows."""
        prepared = [self.db_row(row) for row in rows]
        insert(self.table, self.columns, prepared)
        return prepared

    def update(self, rows: Sequence[Sequence[Any]]) -> list[list[Any]]:
        """Rows in this table's column order, the key first, written over the stored ones."""
        prepared = [self.db_row(row) for row in rows]
        update(self.table, self.columns[1:], [(*values[1:], values[0]) for values in prepared], key=self.columns[0])
        return prepared


class HistoryTable:
    """The history rows django-simple-history would write for records given as written to their table
    (`Table.insert`'s database values): the tracked columns copied, then the date, the type (+ created,
    ~ changed), the user and no change reason, as its `bulk_create_with_history` and a form's save do."""

    EXTRA = ("history_date", "history_type", "history_user_id", "history_change_reason")

    def __init__(self, model: type[Model], source: Table) -> None:
        historical = model.history.model  # type: ignore[attr-defined]
        self.table = historical._meta.db_table
        fields = [f for f in historical._meta.concrete_fields if not f.primary_key]  # history_id: the database's
        self.columns = [str(f.column) for f in fields]
        self.date = converter(historical._meta.get_field("history_date"))
        position = {name: index for index, name in enumerate(source.attnames)}
        width = len(source.attnames)
        picks = []
        for field in fields:
            if field.attname in position:
                picks.append(position[field.attname])
            elif field.attname in self.EXTRA:
                picks.append(width + self.EXTRA.index(field.attname))
            else:
                raise ValueError(f"{historical.__name__}.{field.attname}: no source for this history column")
        self.pick = itemgetter(*picks)

    def insert(self, written: Sequence[list[Any]], *, kind: str, user_id: int | None, at: dt.datetime) -> None:
        tail = [self.date(at), kind, user_id, None]
        pick = self.pick
        insert(self.table, self.columns, [pick(record + tail) for record in written])
