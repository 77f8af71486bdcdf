"""Writing a block of checked registry rows: records and their history rows from tuples.

The import engine (core/imports.py) checks a block of rows, reads the stored records their keys match (every
column but the creation and change stamps, one query) and hands both here. A new key becomes a record tuple,
a matched key is compared column by column with its stored tuple: an unchanged row writes nothing, a changed
one is written whole with its version bumped. Records and history rows go through `bulk_write` (executemany
on SQLite, COPY on PostgreSQL). The unique constraints stay the last guard: a key that another writer took
between the check and the write fails the whole import with the row named.
"""

from __future__ import annotations

import datetime as dt
import json
from array import array
from collections.abc import Callable, Sequence
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from ictmis.core import bulk_write
from ictmis.core.access import Scope
from ictmis.core.errors import DomainError
from ictmis.core.registry import RegistrySpec
from ictmis.core.text import normalise

Key = tuple[Any, ...]
Row = tuple[int, dict[str, Any]]


class ConcurrentWriteError(DomainError):
    """A row's key was taken by another writer after the check: nothing of the file is written."""


def key_part(value: Any) -> Any:
    return value.pk if hasattr(value, "pk") else value


def key_builder(names: Sequence[str]) -> Callable[[dict[str, Any]], Key]:
    """A row's natural key (related records by their key), compiled for the key's fields."""
    if len(names) == 2:
        first, second = names

        def pair(values: dict[str, Any]) -> Key:
            a: Any = values.get(first)
            b: Any = values.get(second)
            return (a.pk if hasattr(a, "pk") else a, b.pk if hasattr(b, "pk") else b)

        return pair
    return lambda values: tuple(key_part(values.get(name)) for name in names)


class RegistryWriter:
    """Everything one import needs to turn checked rows into record and history tuples, built once."""

    def __init__(self, spec: RegistrySpec, *, actor: Any, now: dt.datetime) -> None:
        model = spec.model
        self.spec = spec
        self.now = now
        self.actor_id = getattr(actor, "pk", None)
        self.table = bulk_write.Table(model)
        self.history = bulk_write.HistoryTable(model, self.table)
        names = self.table.attnames
        if names[0] != model._meta.pk.attname:
            raise ValueError("the primary key must be the first column")
        self.at = {name: index for index, name in enumerate(names)}
        self.key_columns = [f"{n}_id" if model._meta.get_field(n).is_relation else n for n in spec.natural_key]
        self.key_index = [self.at[c] for c in self.key_columns]
        self.key_prepare = [
            self.table.converters[i] if not model._meta.get_field(n).is_relation else bulk_write.same
            for i, n in zip(self.key_index, spec.natural_key, strict=True)
        ]
        self.quoted_table = bulk_write.quote(self.table.table)
        self.deleted = bulk_write.quote(str(model._meta.get_field("deleted_at").column))
        # the stored records as tuples in the table's column order; the creation and change stamps, which no
        # row carries and no check reads, come back empty (turning two dates a record into Python objects
        # was a good part of reading 120,000 stored records again on a re-import). A record to change is
        # read again whole before it is written.
        unread = {"created_at", "updated_at"} - {column.field for column in spec.columns}
        columns = ", ".join(
            "NULL" if field.attname in unread else bulk_write.quote(str(field.column)) for field in self.table.fields
        )
        self.select = f"SELECT {columns} FROM {self.quoted_table}"
        self.owner_index = self.at.get(f"{spec.organisation_field}_id") if spec.organisation_field else None
        # where each column a row may carry lands, and whether it holds a related record (stored as its key)
        self.slots: dict[str, tuple[int, bool]] = {}
        for field in self.table.fields:
            if field.name != field.attname:
                self.slots[field.name] = (self.at[field.attname], True)
            else:
                self.slots[field.name] = (self.at[field.attname], False)
        self.search = [self.at[name] for name in model.search_fields]
        template: list[Any] = []
        for field in self.table.fields:
            template.append(None if field.primary_key else field.get_default())
        for name, value in (
            ("created_at", now),
            ("updated_at", now),
            ("created_by_id", self.actor_id),
            ("updated_by_id", self.actor_id),
            ("version", 1),
            ("deleted_at", None),
            ("deleted_by_id", None),
        ):
            template[self.at[name]] = value
        self.template = template
        # a row's value in the form the database returns it, for comparing with a stored record
        self.equal = [_comparison(f, c) for f, c in zip(self.table.fields, self.table.converters, strict=True)]
        self.unit_keys: dict[int, tuple[str, int | None, int | None]] = {}
        self.counts = {"created": 0, "updated": 0, "unchanged": 0, "restored": 0}
        self.created_in: set[int] = set()
        self.moved: set[int] = set()
        self.touched: set[str] = set()  # the paths of the units whose records were written

    # -- reading the stored records of a block ----------------------------------------------------------

    def key_of(self, values: dict[str, Any]) -> Key:
        return tuple(key_part(values.get(name)) for name in self.spec.natural_key)

    def stored(self, rows: Sequence[dict[str, Any]]) -> dict[Key, tuple[Any, ...]]:
        """The stored records (live or deleted, anyone's) whose key some of `rows` carry, whole, in one query.
        A key may match a live record and deleted ones: the live one is the one a row changes; among
        deleted ones, the latest."""
        return self.stored_keys({self.key_of(values) for values in rows})

    def stored_keys(self, keys: set[Key]) -> dict[Key, tuple[Any, ...]]:
        keys.discard(())
        if not keys:
            return {}
        # the SQL written here rather than compiled by the ORM per block (its IN lookup prepares each value
        # in Python); live and deleted records apart: a registry's unique index on the key may cover live
        # records only. The stored values come as the database gives them (no conversion into Python
        # objects): they are compared with the rows' values in the same form; a record to change is read
        # again whole
        parts: list[list[Any]] = []
        for i, prepare in enumerate(self.key_prepare):
            values = [prepare(value) for value in {key[i] for key in keys if key[i] is not None}]
            if not values:
                return {}
            parts.append(values)
        params: list[Any]
        if connection.vendor == "postgresql":
            # one array parameter a column: a thousand placeholders cost more to split, send and parse than
            # the index lookups themselves
            condition = " AND ".join(f"{bulk_write.quote(column)} = ANY(%s)" for column in self.key_columns)
            params = parts
        else:
            condition = " AND ".join(
                f"{bulk_write.quote(column)} IN ({', '.join(['%s'] * len(values))})"
                for column, values in zip(self.key_columns, parts, strict=True)
            )
            params = [value for values in parts for value in values]
        found: dict[Key, tuple[Any, ...]] = {}
        deleted_at = self.at["deleted_at"]
        with connection.cursor() as cursor:
            cursor.execute(f"{self.select} WHERE {self.deleted} IS NULL AND {condition}", params)
            records = cursor.fetchall()
            # without statistics SQLite would answer the deleted records' query from the first key column's
            # index (every record of an operator, each block): the deleted_at index says first whether any
            cursor.execute(f"SELECT 1 FROM {self.quoted_table} WHERE {self.deleted} IS NOT NULL LIMIT 1")
            if cursor.fetchone() is not None:
                cursor.execute(f"{self.select} WHERE {self.deleted} IS NOT NULL AND {condition}", params)
                records.extend(cursor.fetchall())
        for record in records:
            key = tuple(record[i] for i in self.key_index)
            if key not in keys:
                continue
            current = found.get(key)
            if current is None or (
                current[deleted_at] is not None and (record[deleted_at] is None or record[0] > current[0])
            ):
                found[key] = record
        return found

    def scope_facts(self, record: tuple[Any, ...]) -> tuple[int, str, int | None, bool]:
        """(pk, unit path, owning organisation, deleted) of a stored record tuple."""
        owner = record[self.owner_index] if self.owner_index is not None else None
        return record[0], record[self.at["unit_path"]], owner, record[self.at["deleted_at"]] is not None

    # -- building tuples ---------------------------------------------------------------------------------

    def _unit_keys(self, unit: Any) -> tuple[str, int | None, int | None]:
        keys = self.unit_keys.get(unit.pk)
        if keys is None:
            chain: dict[str, Any] = {}
            node = unit
            while node is not None:
                chain[node.level] = node.pk
                node = node.parent
            keys = (unit.path, chain.get("district"), chain.get("province"))
            self.unit_keys[unit.pk] = keys
        return keys

    def _finish(self, record: list[Any], unit: Any) -> None:
        """The derived columns: the unit's ancestors and path, and the normalised search text."""
        if unit is not None:
            path, district, province = self._unit_keys(unit)
            at = self.at
            record[at["unit_path"]], record[at["district_unit_id"]], record[at["province_unit_id"]] = (
                path,
                district,
                province,
            )
        record[self.at["search_text"]] = normalise(" ".join(str(record[i] or "") for i in self.search))

    def new_record(self, values: dict[str, Any]) -> list[Any]:
        record = list(self.template)
        slots = self.slots
        for name, value in values.items():
            slot = slots.get(name)
            if slot is None:
                continue
            record[slot[0]] = value.pk if slot[1] and value is not None else value
        self._finish(record, values.get("unit"))
        return record

    def differs(self, stored: tuple[Any, ...], values: dict[str, Any]) -> bool:
        """Whether the row would change the stored record (given as the database returns it). Most cells
        equal their stored value as they are; only the others go through the column's comparison (a re-import
        compares every cell of the file, so this is most of what it does beyond the check)."""
        if stored[self.at["deleted_at"]] is not None:
            return True
        slots, equal = self.slots, self.equal
        for name, value in values.items():
            slot = slots.get(name)
            if slot is None:
                continue
            index, related = slot
            new = value.pk if related and value is not None else value
            raw = stored[index]
            if new != raw and not equal[index](new, raw):
                return True
        return False

    def changed_record(self, stored: tuple[Any, ...], values: dict[str, Any]) -> list[Any]:
        """The stored record (as Python values) with the row's values and its bookkeeping."""
        record = list(stored)
        for name, value in values.items():
            slot = self.slots.get(name)
            if slot is not None:
                record[slot[0]] = value.pk if slot[1] and value is not None else value
        at = self.at
        if record[at["deleted_at"]] is not None:
            record[at["deleted_at"]] = record[at["deleted_by_id"]] = None
            self.counts["restored"] += 1
            self.moved.add(stored[at["unit_id"]])
        else:
            self.counts["updated"] += 1
        if record[at["unit_id"]] != stored[at["unit_id"]]:
            self.moved.update((stored[at["unit_id"]], record[at["unit_id"]]))
        record[at["version"]] += 1
        record[at["updated_at"]] = self.now
        record[at["updated_by_id"]] = self.actor_id
        unit = values.get("unit")
        self._finish(record, unit if unit is not None and unit.pk == record[at["unit_id"]] else None)
        self.touched.add(stored[at["unit_path"]])
        self.touched.add(record[at["unit_path"]])
        return record

    # -- writing -----------------------------------------------------------------------------------------

    def write(
        self, rows: Sequence[Row], stored: dict[Key, tuple[Any, ...]], *, keys: Sequence[Key] | None = None
    ) -> None:
        """A checked block: new keys inserted, changed records rewritten, each with its history row.
        `keys`: the rows' keys when the caller has them already."""
        creates: list[tuple[int, list[Any]]] = []
        changing: dict[int, tuple[int, dict[str, Any], tuple[Any, Any]]] = {}
        if keys is None:
            keys = [self.key_of(values) for _number, values in rows]
        version, deleted_at = self.at["version"], self.at["deleted_at"]
        for (number, values), key in zip(rows, keys, strict=True):
            found = stored.get(key)
            if found is None:
                creates.append((number, self.new_record(values)))
            elif self.differs(found, values):
                changing[found[0]] = (number, values, (found[version], found[deleted_at] is None))
            else:
                self.counts["unchanged"] += 1
        updates: list[list[Any]] = []
        if changing:
            # the records to change read again under a row lock (PostgreSQL; SQLite's writer holds the database):
            # an edit committed by someone else since the check stops the import instead of being overwritten
            queryset = self.spec.model._base_manager.filter(pk__in=list(changing)).select_for_update(of=("self",))
            for record in queryset.order_by("pk").values_list(*self.table.attnames):
                number, values, (checked_version, was_live) = changing[record[0]]
                if record[version] != checked_version or (record[deleted_at] is None) != was_live:
                    raise ConcurrentWriteError(
                        _(
                            "Row %(row)s: the record was changed by someone else meanwhile; nothing was imported. "
                            "Check the file again."
                        )
                        % {"row": number}
                    )
                updates.append(self.changed_record(record, values))
        if creates:
            self._insert(creates)
        if updates:
            written = self.table.update(updates)
            self.history.insert(written, kind="~", user_id=self.actor_id, at=self.now)

    def _insert(self, creates: list[tuple[int, list[Any]]]) -> None:
        records = [record for _number, record in creates]
        for record, pk in zip(records, bulk_write.new_keys(self.table.model, len(records)), strict=True):
            record[0] = pk
        try:
            with transaction.atomic():
                written = self.table.insert(records)
        except IntegrityError as exc:
            raise ConcurrentWriteError(self._clash(creates, exc)) from exc
        self.history.insert(written, kind="+", user_id=self.actor_id, at=self.now)
        self.counts["created"] += len(records)
        unit_id, unit_path = self.at["unit_id"], self.at["unit_path"]
        self.created_in.update(record[unit_id] for record in records)
        self.touched.update(record[unit_path] for record in records)

    def finished(self) -> None:
        """At the end of the import, inside its transaction: the registry's own `after_import`, and the
        `registry_changed` signal with the units whose records were written (nothing when no row changed)."""
        from ictmis.core.signals import registry_changed

        if self.spec.after_import is not None:
            self.spec.after_import(self.created_in, self.moved)
        touched = frozenset(path for path in self.touched if path)
        if touched:
            registry_changed.send(sender=self.spec.model, unit_paths=touched)

    def _clash(self, creates: list[tuple[int, list[Any]]], exc: IntegrityError) -> str:
        """The row whose key another writer took after the check (the block's insert was undone)."""
        taken = self.stored_keys({tuple(record[i] for i in self.key_index) for _number, record in creates})
        for number, record in creates:
            if tuple(record[i] for i in self.key_index) in taken:
                return _("Row %(row)s: a record with this key was written by someone else meanwhile; nothing was "
                         "imported. Check the file again.") % {"row": number}  # fmt: skip
        return _("Row %(row)s or a later one could not be written (%(error)s); nothing was imported.") % {
            "row": creates[0][0],
            "error": str(exc).splitlines()[0][:200],
        }


def _comparison(field: Any, convert: Any) -> Any:
    """new value, stored value as the database driver returns it -> equal? JSON may come back as text
    (SQLite, and PostgreSQL as Django reads it) or parsed; a date as a date or as the text it is stored as."""
    if field.get_internal_type() == "JSONField":
        parsed: dict[str, Any] = {}  # a column's stored texts repeat (a station's technologies): parsed once

        def same_json(new: Any, raw: Any) -> bool:
            if not isinstance(raw, str):
                return bool(raw == new)
            value = parsed.get(raw, parsed)
            if value is parsed:
                value = json.loads(raw)
                if len(parsed) < 4096:
                    parsed[raw] = value
            return bool(value == new)

        return same_json
    return lambda new, raw: new == raw or (new is not None and convert(new) == raw)


def may_change(scope: Scope, spec: RegistrySpec, unit_path: str, organisation_id: int | None) -> bool:
    """The same rule as the registry selectors: the record's unit inside the actor's units, or (for a
    registry with an owning organisation) the actor's own organisation's record."""
    if scope.whole_province:
        return True
    if any(unit_path.startswith(path) for path in scope.unit_paths):
        return True
    return bool(spec.organisation_field and scope.organisation_id and organisation_id == scope.organisation_id)


class SeenKeys:
    """The keys of a file's earlier rows and the row each came from, in two flat arrays (open addressing
    on a 64-bit fingerprint of the key): about 32 bytes a row, where a dict of key tuples takes ~180. A
    million-row file stays in a few tens of megabytes. Two different keys sharing a fingerprint (odds
    about n²/2⁶⁵, 3·10⁻⁸ for a million rows) would be reported as duplicates, never let through."""

    def __init__(self) -> None:
        self.size = 0
        self.prints = array("q", bytes(8 * 1024))
        self.rows = array("l", bytes(8 * 1024))

    def _slot(self, fingerprint: int) -> int:
        mask = len(self.prints) - 1
        slot = fingerprint & mask
        prints = self.prints
        while prints[slot] != 0 and prints[slot] != fingerprint:
            slot = (slot + 1) & mask
        return slot

    @staticmethod
    def _fingerprint(key: Key) -> int:
        value = hash(key)
        return value if value != 0 else 1

    def first_row(self, key: Key, number: int) -> int | None:
        """The row that had `key` before, or None (and `number` is remembered as having it)."""
        fingerprint = self._fingerprint(key)
        slot = self._slot(fingerprint)
        if self.prints[slot] == fingerprint:
            return int(self.rows[slot])
        self.prints[slot] = fingerprint
        self.rows[slot] = number
        self.size += 1
        if self.size * 2 > len(self.prints):
            self._grow()
        return None

    def _grow(self) -> None:
        prints, rows = self.prints, self.rows
        self.prints = array("q", bytes(16 * len(prints)))
        self.rows = array("l", bytes(16 * len(rows)))
        for fingerprint, number in zip(prints, rows, strict=True):
            if fingerprint != 0:
                slot = self._slot(fingerprint)
                self.prints[slot] = fingerprint
                self.rows[slot] = number
