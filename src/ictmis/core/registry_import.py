"""Writing a block of checked registry rows: records and their history rows from tuples.

The import engine (core/imports.py) checks a block of rows, reads the stored records their keys match (every
column, one query) and hands both here. A new key becomes a record tuple, a matched key is compared
column by column with its stored tuple: an unchanged row writes nothing, a changed one is written whole
with its version bumped. Records and history rows go through `bulk_write` (executemany on SQLite, COPY on
PostgreSQL). The unique constraints stay the last guard: a key that another writer took between the check
and the write fails the whole import with the row named.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction
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
        if names[0] != model._meta.pk.attname:  # type: ignore[union-attr]
            raise ValueError("the primary key must be the first column")
        self.at = {name: index for index, name in enumerate(names)}
        self.key_columns = [f"{n}_id" if model._meta.get_field(n).is_relation else n for n in spec.natural_key]
        self.key_index = [self.at[c] for c in self.key_columns]
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
        self.unit_keys: dict[int, tuple[str, int | None, int | None]] = {}
        self.counts = {"created": 0, "updated": 0, "unchanged": 0, "restored": 0}
        self.created_in: set[int] = set()
        self.moved: set[int] = set()

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
        condition = {f"{column}__in": {key[i] for key in keys} for i, column in enumerate(self.key_columns)}
        queryset = self.spec.model.objects.filter(**condition).order_by()
        found: dict[Key, tuple[Any, ...]] = {}
        deleted_at = self.at["deleted_at"]
        for record in queryset.values_list(*self.table.attnames).iterator(2000):
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

    def changed_record(self, stored: tuple[Any, ...], values: dict[str, Any]) -> list[Any] | None:
        """The stored record with the row's values, or None if the row changes nothing."""
        record = list(stored)
        changed = False
        slots = self.slots
        for name, value in values.items():
            slot = slots.get(name)
            if slot is None:
                continue
            new = value.pk if slot[1] and value is not None else value
            if record[slot[0]] != new:
                record[slot[0]] = new
                changed = True
        at = self.at
        deleted = record[at["deleted_at"]] is not None
        if not changed and not deleted:
            return None
        if deleted:
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
        return record

    # -- writing -----------------------------------------------------------------------------------------

    def write(self, rows: Sequence[Row], stored: dict[Key, tuple[Any, ...]]) -> None:
        """A checked block: new keys inserted, changed records rewritten, each with its history row."""
        creates: list[tuple[int, list[Any]]] = []
        updates: list[list[Any]] = []
        for number, values in rows:
            found = stored.get(self.key_of(values))
            if found is None:
                creates.append((number, self.new_record(values)))
                continue
            record = self.changed_record(found, values)
            if record is None:
                self.counts["unchanged"] += 1
            else:
                updates.append(record)
        if creates:
            self._insert(creates)
        if updates:
            self.table.update(updates)
            self.history.insert(updates, kind="~", user_id=self.actor_id, at=self.now)

    def _insert(self, creates: list[tuple[int, list[Any]]]) -> None:
        records = [record for _number, record in creates]
        for record, pk in zip(records, bulk_write.new_keys(self.table.model, len(records)), strict=True):
            record[0] = pk
        try:
            with transaction.atomic():
                self.table.insert(records)
        except IntegrityError as exc:
            raise ConcurrentWriteError(self._clash(creates, exc)) from exc
        self.history.insert(records, kind="+", user_id=self.actor_id, at=self.now)
        self.counts["created"] += len(records)
        unit_id = self.at["unit_id"]
        self.created_in.update(record[unit_id] for record in records)

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


def may_change(scope: Scope, spec: RegistrySpec, unit_path: str, organisation_id: int | None) -> bool:
    """The same rule as the registry selectors: the record's unit inside the actor's units, or (for a
    registry with an owning organisation) the actor's own organisation's record."""
    if scope.whole_province:
        return True
    if any(unit_path.startswith(path) for path in scope.unit_paths):
        return True
    return bool(spec.organisation_field and scope.organisation_id and organisation_id == scope.organisation_id)
