"""The import engine: validate every row of a registry spreadsheet, then write all rows or none.

Each row becomes field values through the registry's `Column` list; errors are collected with the row
number (as the user sees it in Excel, header = row 1), the column header and a Vietnamese message.
Records are matched on the registry's natural key, so importing the same file twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from ictmis.core import events, security
from ictmis.core.access import Scope, scope_of
from ictmis.core.directory import directory
from ictmis.core.errors import DomainError
from ictmis.core.formatting import parse_date
from ictmis.core.models import ImportJob
from ictmis.core.registry import Column, Importer, RegistrySpec
from ictmis.core.registry_models import check_in_vietnam
from ictmis.core.signals import import_job_ended
from ictmis.core.spreadsheets import MAX_CELL_CHARS, NotASpreadsheet, cell_text, read_rows
from ictmis.core.text import normalise

MAX_KEPT_ERRORS = 1000  # stored on the job and shown; `error_count` keeps the number of all of them
MAX_MESSAGE_CHARS = 500  # a stored message or column name is cut here (a header can be a whole file long)
MAX_COLUMN_CHARS = 120
BATCH = 1000
TRUE = {"1", "x", "co", "yes", "true", "dung", "c"}
FALSE = {"0", "khong", "no", "false", "sai", "k", ""}

Progress = Callable[[str, int, int], None]


def _no_progress(phase: str, done: int, total: int) -> None:
    return None


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __post_init__(self) -> None:
        self.column = _bounded(self.column, MAX_COLUMN_CHARS)
        self.message = _bounded(self.message, MAX_MESSAGE_CHARS)

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


def _bounded(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class Validation:
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    total: int = 0
    notes: list[str] = field(default_factory=list)  # hints that do not stop the import (possible duplicates)

    @property
    def ok(self) -> bool:
        return not self.errors


class CellError(ValueError):
    pass


OMIT = object()  # an empty optional cell with a model default: leave the field to its default or stored value
EMPTY_VALUES: dict[str, Any] = {"str": "", "text": "", "multi": [], "int": None, "float": None, "date": None}


_CHOICE_CACHE: dict[int, dict[str, str]] = {}


def _choice_names(column: Column) -> dict[str, str]:
    """Every accepted spelling of each choice: its value and its label in Vietnamese and English."""
    cached = _CHOICE_CACHE.get(id(column))
    if cached is not None:
        return cached
    names: dict[str, str] = {}
    for language in ("vi", "en"):
        with translation.override(language):
            for value, label in column.choices:
                names[normalise(str(label))] = str(value)
    for value, _label in column.choices:
        names[normalise(str(value))] = str(value)
    _CHOICE_CACHE[id(column)] = names
    return names


def _choice(column: Column, text: str) -> str:
    found = _choice_names(column).get(normalise(text))
    if found is not None:
        return found
    allowed = ", ".join(str(label) for _value, label in column.choices)
    raise CellError(_("“%(value)s” is not one of: %(allowed)s.") % {"value": text, "allowed": allowed})


@dataclass
class Lookups:
    """Units and organisations preloaded once per file instead of queried once per row."""

    unit: Callable[[str], Any]
    organisation: Callable[[str], Any]

    @classmethod
    def load(cls) -> Lookups:
        return cls(unit=directory.unit_resolver(), organisation=directory.organisation_resolver())


def parse_cell(column: Column, raw: Any, lookups: Lookups | None = None) -> Any:
    text = cell_text(raw)
    if text == "":
        if column.required:
            raise CellError(_("This column is required."))
        return EMPTY_VALUES.get(column.kind, OMIT)
    kind = column.kind
    if kind in ("str", "text"):
        return text
    if kind == "int":
        try:
            return int(float(text.replace(".", "").replace(",", ".")) if "," in text else float(text))
        except ValueError:
            raise CellError(_("“%(value)s” is not a whole number.") % {"value": text}) from None
    if kind == "float":
        try:
            return float(raw) if isinstance(raw, int | float) else float(text.replace(",", "."))
        except ValueError:
            raise CellError(_("“%(value)s” is not a number.") % {"value": text}) from None
    if kind == "date":
        if isinstance(raw, dt.datetime):
            return raw.date()
        if isinstance(raw, dt.date):
            return raw
        try:
            return parse_date(text)
        except ValueError:
            raise CellError(_("“%(value)s” is not a date (dd/mm/yyyy).") % {"value": text}) from None
    if kind == "bool":
        value = normalise(text)
        if value in TRUE:
            return True
        if value in FALSE:
            return False
        raise CellError(_("“%(value)s” is not yes or no (có/không).") % {"value": text})
    if kind == "choice":
        return _choice(column, text)
    if kind == "multi":
        return sorted({_choice(column, part.strip()) for part in text.replace(";", ",").split(",") if part.strip()})
    if kind == "unit":
        unit = lookups.unit(text) if lookups else directory.unit_for_import(text)
        if unit is None:
            raise CellError(_("No administrative unit has the code “%(value)s”.") % {"value": text})
        if unit.level != "commune":
            raise CellError(_("“%(value)s” is not a commune-level unit.") % {"value": text})
        return unit
    if kind == "organisation":
        organisation = lookups.organisation(text) if lookups else directory.organisation_for_import(text)
        if organisation is None:
            raise CellError(_("No organisation has the tax code or name “%(value)s”.") % {"value": text})
        return organisation
    raise CellError(f"unknown column kind {kind}")


def map_header(spec: RegistrySpec | Importer, header: list[str]) -> tuple[dict[int, Column], list[RowError]]:
    by_header: dict[str, Column] = {}
    for column in spec.columns:
        for name in column.headers:
            by_header[name] = column
    mapping: dict[int, Column] = {}
    errors = []
    for index, title in enumerate(header):
        if not title:
            continue
        found = by_header.get(normalise(title))
        if found is None:
            errors.append(RowError(1, title, _("Unknown column. Use the headers of the downloadable template.")))
        elif found in mapping.values():
            errors.append(RowError(1, title, _("This column appears twice.")))
        else:
            mapping[index] = found
    for column in spec.columns:
        if column.required and column not in mapping.values():
            errors.append(RowError(1, column.header_vi, _("This required column is missing.")))
    return mapping, errors


def _within_scope(spec: RegistrySpec | Importer, actor: Any, values: dict[str, Any]) -> str | None:
    scope = scope_of(actor)
    if scope.whole_province:
        return None
    unit = values.get("unit")
    if scope.unit_paths and unit is not None and any(unit.path.startswith(p) for p in scope.unit_paths):
        return None
    if scope.organisation_id and spec.organisation_field:
        owner = values.get(spec.organisation_field)
        if owner is not None and owner.pk == scope.organisation_id:
            return None
        return _("You may only import your own organisation's records.")
    return _("This record is outside the units you are responsible for.")


def validate(
    spec: RegistrySpec | Importer,
    path: Path,
    *,
    actor: Any,
    progress: Progress = _no_progress,
    params: dict[str, Any] | None = None,
) -> Validation:
    """Every row checked; nothing written. `params`: an importer's parameters (see `Importer.parameters`)."""
    result = Validation()
    header, rows = read_rows(path)
    mapping, header_errors = map_header(spec, header)
    if header_errors:
        result.errors.extend(header_errors)
        return result
    seen: dict[tuple[Any, ...], int] = {}
    lookups = Lookups.load()
    rules = spec.row_checker(actor, **(params or {}))
    block: list[tuple[int, dict[str, Any], list[RowError], set[str]]] = []
    scope = scope_of(actor)
    bounds = field_bounds(spec) if isinstance(spec, RegistrySpec) else {}

    def check_block() -> None:
        """Every check the parsed cells of a row allow, so that one pass reports all of a file's errors
        (a bad date does not hide an out-of-scope commune); the row rules see complete rows only. A checker
        with `prefetch` reads the block's records in a few queries first instead of a few per row."""
        prefetch = getattr(rules, "prefetch", None)
        if prefetch is not None:
            prefetch([values for _n, values, errors, _f in block if not errors])
        stored = (
            stored_records(spec, [v for _n, v, _e, failed in block if not failed & key_fields])
            if isinstance(spec, RegistrySpec)
            else {}
        )
        for number, values, row_errors, failed in block:
            complete = not row_errors
            row_errors.extend(_row_checks(spec, number, values, seen, rules if complete else None, actor, failed))
            row_errors.extend(_bound_checks(spec, number, values, bounds))
            if isinstance(spec, RegistrySpec) and not failed & key_fields:
                row_errors.extend(_stored_record_checks(spec, number, values, stored, scope))
            result.errors.extend(row_errors)
            if not row_errors:
                result.rows.append((number, values))
        block.clear()

    key_fields = set(spec.natural_key)
    for offset, row in enumerate(rows):
        number = offset + 2
        result.total += 1
        values: dict[str, Any] = {}
        row_errors = []
        failed: set[str] = set()
        for index, column in mapping.items():
            raw = row[index] if index < len(row) else None
            if isinstance(raw, str) and len(raw) > MAX_CELL_CHARS:
                limit = f"{MAX_CELL_CHARS:,}".replace(",", ".")
                row_errors.append(
                    RowError(number, column.header_vi, _("The cell is longer than %(n)s characters.") % {"n": limit})
                )
                failed.add(column.field)
                continue
            try:
                value = parse_cell(column, raw, lookups)
                if value is not OMIT:
                    values[column.field] = value
            except CellError as exc:
                row_errors.append(RowError(number, column.header_vi, str(exc)))
                failed.add(column.field)
        block.append((number, values, row_errors, failed))
        if len(block) == BATCH:
            check_block()
        if result.total % 500 == 0:
            progress("validating", result.total, 0)
    check_block()
    result.notes = list(getattr(rules, "notes", []))
    if result.total == 0:
        result.errors.append(RowError(2, "", _("The file has a header but no data rows.")))
    progress("validating", result.total, result.total)
    return result


def _row_checks(
    spec: RegistrySpec | Importer,
    number: int,
    values: dict[str, Any],
    seen: dict[tuple[Any, ...], int],
    rules: Callable[[dict[str, Any]], dict[str, str]] | None,
    actor: Any,
    failed: set[str],
) -> list[RowError]:
    """The checks of a row that its parsed cells allow: position, duplicates in the file, scope, and the
    row rules when every cell parsed (`rules` is None otherwise)."""
    errors = []
    if not failed & {"latitude", "longitude"}:
        try:
            check_in_vietnam(values.get("latitude"), values.get("longitude"))
        except Exception as exc:  # ValidationError
            message = exc.messages[0] if hasattr(exc, "messages") else str(exc)
            errors.append(RowError(number, spec.column("latitude").header_vi, message))
    if not failed & set(spec.natural_key):
        key = tuple(_key_part(values.get(name)) for name in spec.natural_key)
        if key in seen:
            errors.append(
                RowError(
                    number,
                    spec.column(spec.natural_key[-1]).header_vi,
                    _("Duplicate of row %(row)s.") % {"row": seen[key]},
                )
            )
        else:
            seen[key] = number
    if rules is not None:
        for name, message in rules(values).items():
            if name in values or any(c.field == name for c in spec.columns):
                errors.append(RowError(number, spec.column(name).header_vi, message))
    owner = getattr(spec, "organisation_field", None)
    if not getattr(spec, "checks_scope", False) and not failed & {"unit", owner}:
        refusal = _within_scope(spec, actor, values)
        if refusal:
            errors.append(RowError(number, spec.column("unit").header_vi, refusal))
    return errors


INTEGER_RANGES = {
    "PositiveSmallIntegerField": (0, 32767),
    "PositiveIntegerField": (0, 2147483647),
    "PositiveBigIntegerField": (0, 9223372036854775807),
    "SmallIntegerField": (0, 32767),
    "IntegerField": (0, 2147483647),
    "BigIntegerField": (0, 9223372036854775807),
    "FloatField": (0, 10**12),
}
_BOUNDS_CACHE: dict[str, dict[str, tuple[str, int, int]]] = {}


def field_bounds(spec: RegistrySpec) -> dict[str, tuple[str, int, int]]:
    """What the database would refuse or nobody means, per column, from the model's fields: texts longer
    than their field, and negative or out-of-range counts and measures (a registry has no negative ones;
    the position has its own check)."""
    cached = _BOUNDS_CACHE.get(spec.key)
    if cached is not None:
        return cached
    bounds: dict[str, tuple[str, int, int]] = {}
    for column in spec.columns:
        if column.field in ("latitude", "longitude"):
            continue
        try:
            model_field = spec.model._meta.get_field(column.field)
        except Exception:  # FieldDoesNotExist: a column computed by the registry
            continue
        kind = model_field.get_internal_type()
        if kind in INTEGER_RANGES and column.kind in ("int", "float"):
            bounds[column.field] = ("number", *INTEGER_RANGES[kind])
        elif column.kind in ("str", "text") and getattr(model_field, "max_length", None):
            bounds[column.field] = ("text", 0, int(getattr(model_field, "max_length", 0)))
    _BOUNDS_CACHE[spec.key] = bounds
    return bounds


def _bound_checks(
    spec: RegistrySpec | Importer, number: int, values: dict[str, Any], bounds: dict[str, tuple[str, int, int]]
) -> list[RowError]:
    errors = []
    for name, (kind, low, high) in bounds.items():
        value = values.get(name)
        if value is None:
            continue
        header = spec.column(name).header_vi
        if kind == "number" and not low <= value <= high:
            top = f"{high:,}".replace(",", ".")
            errors.append(RowError(number, header, _("Give a number from 0 to %(top)s.") % {"top": top}))
        elif kind == "text" and len(value) > high:
            errors.append(RowError(number, header, _("At most %(n)s characters.") % {"n": high}))
    return errors


def _key_part(value: Any) -> Any:
    return value.pk if hasattr(value, "pk") else value


@dataclass(frozen=True)
class StoredRecord:
    """What the engine needs to know of the record a row's key matches: who may change it, and whether
    it is deleted (a row matching a deleted record restores it with the row's values)."""

    pk: int
    unit_path: str
    organisation_id: int | None
    deleted: bool


def _key_columns(spec: RegistrySpec) -> list[str]:
    model = spec.model
    return [f"{n}_id" if model._meta.get_field(n).is_relation else n for n in spec.natural_key]


def _stored_rows(spec: RegistrySpec, queryset: Any) -> Iterator[tuple[tuple[Any, ...], StoredRecord]]:
    key_columns = _key_columns(spec)
    owner = f"{spec.organisation_field}_id" if spec.organisation_field else None
    columns = [*key_columns, "pk", "unit_path", "deleted_at", *([owner] if owner else [])]
    for row in queryset.values_list(*columns).iterator(2000):
        width = len(key_columns)
        key, (pk, unit_path, deleted_at, *rest) = tuple(row[:width]), row[width:]
        yield key, StoredRecord(pk, unit_path, rest[0] if rest else None, deleted_at is not None)


def _prefer_live(found: dict[tuple[Any, ...], StoredRecord], key: tuple[Any, ...], record: StoredRecord) -> None:
    """A key may match a live record and deleted ones (where the constraint spares deleted rows): the live
    record is the one a row changes; among deleted ones, the latest."""
    current = found.get(key)
    if current is None or (current.deleted and (not record.deleted or record.pk > current.pk)):
        found[key] = record


def stored_records(spec: RegistrySpec, rows: list[dict[str, Any]]) -> dict[tuple[Any, ...], StoredRecord]:
    """The stored records (live or deleted, in anyone's scope) whose natural key some of `rows` carry:
    one query per block of rows."""
    keys = {tuple(_key_part(values.get(name)) for name in spec.natural_key) for values in rows}
    keys.discard(())
    if not keys:
        return {}
    key_columns = _key_columns(spec)
    condition = {f"{column}__in": {key[i] for key in keys} for i, column in enumerate(key_columns)}
    found: dict[tuple[Any, ...], StoredRecord] = {}
    for key, record in _stored_rows(spec, spec.model.objects.filter(**condition)):
        if key in keys:
            _prefer_live(found, key, record)
    return found


def may_change(scope: Scope, spec: RegistrySpec, record: StoredRecord) -> bool:
    """The same rule as the registry selectors: the record's unit inside the actor's units, or (for a
    registry with an owning organisation) the actor's own organisation's record."""
    if scope.whole_province:
        return True
    if any(record.unit_path.startswith(path) for path in scope.unit_paths):
        return True
    return bool(spec.organisation_field and scope.organisation_id and record.organisation_id == scope.organisation_id)


def _stored_record_checks(
    spec: RegistrySpec,
    number: int,
    values: dict[str, Any],
    stored: dict[tuple[Any, ...], StoredRecord],
    scope: Scope,
) -> list[RowError]:
    """A row whose key belongs to a record the actor may not change is refused as if nothing had that key,
    so an import can neither take over nor reveal another unit's record."""
    record = stored.get(tuple(_key_part(values.get(name)) for name in spec.natural_key))
    if record is None or may_change(scope, spec, record):
        return []
    return [
        RowError(
            number,
            spec.column(spec.natural_key[-1]).header_vi,
            _("No record with this key was found among the records you are responsible for."),
        )
    ]


class OutOfScopeError(DomainError):
    """A record a row would change is outside the actor's scope at commit time (it moved after the check)."""


def _comparable(value: Any) -> Any:
    if hasattr(value, "pk"):
        return value.pk
    return value


BOOKKEEPING = {"version", "updated_by", "updated_at", "search_text", "unit_path", "district_unit", "province_unit"}


@transaction.atomic
def commit(
    spec: RegistrySpec | Importer,
    validation: Validation,
    *,
    actor: Any,
    now: dt.datetime,
    progress: Progress = _no_progress,
) -> dict[str, int]:
    """Upsert every validated row in one transaction; the caller has checked `validation.ok`.

    Rows are written in batches, and the stored records a batch's keys match are read batch by batch,
    so memory stays flat however long the file is. A row matching a deleted record restores it (the
    check said so); a record outside the actor's scope stops the whole import (it moved after the check).
    """
    if isinstance(spec, Importer):
        return spec.write(validation.rows, actor=actor, now=now, progress=progress)
    security.report_personal_data(spec, "imported", actor=actor, rows=len(validation.rows))
    model = spec.model
    # `actor=None` is the system (the demo loader, `ictmis import` without --user)
    scope = Scope(whole_province=True) if actor is None else scope_of(actor)
    counts = {"created": 0, "updated": 0, "unchanged": 0, "restored": 0}
    created_in: set[int] = set()
    moved: set[int] = set()
    total = len(validation.rows)
    for start in range(0, total, BATCH):
        batch = validation.rows[start : start + BATCH]
        to_create: list[Any] = []
        to_update: dict[int, dict[str, Any]] = {}
        # keys are unique inside a checked file, so the records of this batch's keys are all it needs
        stored = stored_records(spec, [values for _number, values in batch])
        if any(not may_change(scope, spec, record) for record in stored.values()):
            raise OutOfScopeError(_("A record this file would change is outside your units; check the file again."))
        deleted = {record.pk for record in stored.values() if record.deleted}
        for _number, values in batch:
            found = stored.get(tuple(_key_part(values.get(name)) for name in spec.natural_key))
            pk = found.pk if found is not None else None
            if pk is None:
                record = model(**values, created_by=actor, updated_by=actor)
                record.created_at = record.updated_at = now
                _prepare(record)
                to_create.append(record)
            else:
                to_update[pk] = values
        updated, changed_fields = [], set()
        for pk, record in model.objects.in_bulk(list(to_update)).items():
            values = to_update[pk]
            diff = [name for name, value in values.items() if _comparable(getattr(record, name)) != _comparable(value)]
            if pk in deleted:
                record.deleted_at = record.deleted_by = None
                diff += ["deleted_at", "deleted_by"]
                counts["restored"] += 1
                moved.add(record.unit_id)
            if not diff:
                counts["unchanged"] += 1
                continue
            if "unit" in diff:
                moved.update((record.unit_id, values["unit"].pk))
            for name in diff:
                if name not in ("deleted_at", "deleted_by"):
                    setattr(record, name, values[name])
            record.version += 1
            record.updated_by = actor
            record.updated_at = now
            _prepare(record)
            changed_fields.update(diff)
            updated.append(record)
        created_in.update(record.unit_id for record in to_create)
        if to_create:
            bulk_create_with_history(to_create, model, batch_size=BATCH, default_user=actor, default_date=now)
        if updated:
            fields = sorted(changed_fields | BOOKKEEPING)
            bulk_update_with_history(updated, model, fields, batch_size=BATCH, default_user=actor, default_date=now)
        counts["created"] += len(to_create)
        counts["updated"] += len(updated) - sum(1 for record in updated if record.pk in deleted)
        progress("committing", min(start + BATCH, total), total)
    if spec.after_import is not None:
        spec.after_import(created_in, moved)
    return counts


def _prepare(record: Any) -> None:
    record.fill_unit_keys()
    record.search_text = record.build_search_text()


# -- jobs: the same engine behind the web page (background task with progress) ----------------------


def job_dir() -> Path:
    path = Path(settings.DATA_DIR) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def progress_path(job_id: int) -> Path:
    return job_dir() / f"{job_id}.progress.json"


def file_progress(job_id: int) -> Progress:
    """Progress goes to a small file, readable while the import's transaction is still open."""

    def report(phase: str, done: int, total: int) -> None:
        progress_path(job_id).write_text(json.dumps({"phase": phase, "done": done, "total": total}))

    return report


def params_path(job_id: int) -> Path:
    return job_dir() / f"{job_id}.params.json"


def job_params(job_id: int) -> dict[str, Any]:
    """An importer's parameters, kept beside the uploaded file they belong to."""
    try:
        data: dict[str, Any] = json.loads(params_path(job_id).read_text())
        return data
    except (OSError, ValueError):
        return {}


def read_progress(job_id: int) -> dict[str, Any]:
    try:
        data: dict[str, Any] = json.loads(progress_path(job_id).read_text())
        return data
    except (OSError, ValueError):
        return {"phase": "", "done": 0, "total": 0}


def create_job(
    *,
    spec: RegistrySpec | Importer,
    filename: str,
    chunks: Iterator[bytes],
    actor: Any,
    now: dt.datetime,
    params: dict[str, Any] | None = None,
) -> ImportJob:
    job = ImportJob.objects.create(registry=spec.key, filename=filename[:255], stored_path="", created_by=actor)
    suffix = ".xlsx" if filename.lower().endswith(".xlsx") else ".csv"
    target = job_dir() / f"{job.pk}{suffix}"
    with target.open("wb") as handle:
        for chunk in chunks:
            handle.write(chunk)
    job.stored_path = str(target)
    job.save(update_fields=["stored_path"])
    if params:
        params_path(job.pk).write_text(json.dumps(params))
    else:  # a job number reused after a restore must not inherit an earlier job's parameters
        params_path(job.pk).unlink(missing_ok=True)
    events.record(job, "core.import.uploaded", actor=actor, at=now, registry=spec.key, filename=filename)
    return job


def run_validation(job: ImportJob, spec: RegistrySpec | Importer) -> Validation:
    job.status = ImportJob.Status.VALIDATING
    job.save(update_fields=["status", "updated_at"])
    try:
        validation = validate(
            spec,
            Path(job.stored_path),
            actor=job.created_by,
            progress=file_progress(job.pk),
            params=job_params(job.pk),
        )
    except NotASpreadsheet as exc:
        validation = Validation(errors=[RowError(0, "", exc.message)])
    _store_validation(job, validation)
    return validation


def _store_validation(job: ImportJob, validation: Validation) -> None:
    job.total_rows = validation.total
    job.error_count = len(validation.errors)
    job.errors = [e.as_dict() for e in validation.errors[:MAX_KEPT_ERRORS]]
    job.status = ImportJob.Status.VALID if validation.ok else ImportJob.Status.INVALID
    job.result = {"notes": validation.notes[:MAX_KEPT_ERRORS]} if validation.notes else {}
    job.save(update_fields=["total_rows", "error_count", "errors", "status", "result", "updated_at"])


def run_commit(job: ImportJob, spec: RegistrySpec | Importer, *, now: dt.datetime) -> ImportJob:
    """Check the rows again (the registry may have changed since the preview) and write them all or none.
    The caller holds the job (`job_workers.claimed`, which a second worker given the same job cannot get),
    and the job stays "committing" throughout."""
    try:
        validation = validate(
            spec,
            Path(job.stored_path),
            actor=job.created_by,
            progress=file_progress(job.pk),
            params=job_params(job.pk),
        )
    except NotASpreadsheet as exc:
        validation = Validation(errors=[RowError(0, "", exc.message)])
    if not validation.ok:
        _store_validation(job, validation)
        import_job_ended.send(sender=ImportJob, job=job, ok=False, now=now)
        return job
    try:
        result = commit(spec, validation, actor=job.created_by, now=now, progress=file_progress(job.pk))
    except Exception as exc:
        job.status = ImportJob.Status.FAILED
        job.result = {"error": _bounded(str(exc), MAX_MESSAGE_CHARS)}
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "result", "finished_at", "updated_at"])
        import_job_ended.send(sender=ImportJob, job=job, ok=False, now=now)
        raise
    job.status = ImportJob.Status.DONE
    job.result = result
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "result", "finished_at", "updated_at"])
    events.record(job, "core.import.committed", actor=job.created_by, at=now, registry=spec.key, **result)
    import_job_ended.send(sender=ImportJob, job=job, ok=True, now=now)
    return job
