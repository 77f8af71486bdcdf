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

from ictmis.core import events
from ictmis.core.access import scope_of
from ictmis.core.directory import directory
from ictmis.core.formatting import parse_date
from ictmis.core.models import ImportJob
from ictmis.core.registry import Column, Importer, RegistrySpec
from ictmis.core.registry_models import check_in_vietnam
from ictmis.core.spreadsheets import MAX_CELL_CHARS, cell_text, read_rows
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


def validate(spec: RegistrySpec | Importer, path: Path, *, actor: Any, progress: Progress = _no_progress) -> Validation:
    """Every row checked; nothing written."""
    result = Validation()
    header, rows = read_rows(path)
    mapping, header_errors = map_header(spec, header)
    if header_errors:
        result.errors.extend(header_errors)
        return result
    seen: dict[tuple[Any, ...], int] = {}
    lookups = Lookups.load()
    rules = spec.row_checker(actor)
    block: list[tuple[int, dict[str, Any], list[RowError]]] = []

    def check_block() -> None:
        """Rows whose cells parsed, checked in file order; a checker with `prefetch` reads the block's
        records in a few queries first instead of a few per row."""
        prefetch = getattr(rules, "prefetch", None)
        if prefetch is not None:
            prefetch([values for _n, values, errors in block if not errors])
        for number, values, row_errors in block:
            if not row_errors:
                row_errors.extend(_row_checks(spec, number, values, seen, rules, actor))
            result.errors.extend(row_errors)
            if not row_errors:
                result.rows.append((number, values))
        block.clear()

    for offset, row in enumerate(rows):
        number = offset + 2
        result.total += 1
        values: dict[str, Any] = {}
        row_errors = []
        for index, column in mapping.items():
            raw = row[index] if index < len(row) else None
            if isinstance(raw, str) and len(raw) > MAX_CELL_CHARS:
                limit = f"{MAX_CELL_CHARS:,}".replace(",", ".")
                row_errors.append(
                    RowError(number, column.header_vi, _("The cell is longer than %(n)s characters.") % {"n": limit})
                )
                continue
            try:
                value = parse_cell(column, raw, lookups)
                if value is not OMIT:
                    values[column.field] = value
            except CellError as exc:
                row_errors.append(RowError(number, column.header_vi, str(exc)))
        block.append((number, values, row_errors))
        if len(block) == BATCH:
            check_block()
        if result.total % 500 == 0:
            progress("validating", result.total, 0)
    check_block()
    if result.total == 0:
        result.errors.append(RowError(2, "", _("The file has a header but no data rows.")))
    progress("validating", result.total, result.total)
    return result


def _row_checks(
    spec: RegistrySpec | Importer,
    number: int,
    values: dict[str, Any],
    seen: dict[tuple[Any, ...], int],
    rules: Callable[[dict[str, Any]], dict[str, str]],
    actor: Any,
) -> list[RowError]:
    """The checks of a row whose cells all parsed: position, duplicates in the file, the row rules, scope."""
    errors = []
    try:
        check_in_vietnam(values.get("latitude"), values.get("longitude"))
    except Exception as exc:  # ValidationError
        message = exc.messages[0] if hasattr(exc, "messages") else str(exc)
        errors.append(RowError(number, spec.column("latitude").header_vi, message))
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
    for name, message in rules(values).items():
        if name in values or any(c.field == name for c in spec.columns):
            errors.append(RowError(number, spec.column(name).header_vi, message))
    refusal = None if getattr(spec, "checks_scope", False) else _within_scope(spec, actor, values)
    if refusal:
        errors.append(RowError(number, spec.column("unit").header_vi, refusal))
    return errors


def _key_part(value: Any) -> Any:
    return value.pk if hasattr(value, "pk") else value


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

    Rows are written in batches: only the keys of stored records are held for the whole file, and
    records to update are loaded batch by batch, so memory stays flat however long the file is.
    """
    if isinstance(spec, Importer):
        return spec.write(validation.rows, actor=actor, now=now, progress=progress)
    model = spec.model
    relations = {n for n in spec.natural_key if model._meta.get_field(n).is_relation}
    key_columns = [f"{n}_id" if n in relations else n for n in spec.natural_key]
    existing: dict[tuple[Any, ...], int] = {
        tuple(row[:-1]): row[-1]
        for row in model.objects.filter(deleted_at__isnull=True).values_list(*key_columns, "pk").iterator(2000)
    }
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    created_in: set[int] = set()
    moved: set[int] = set()
    total = len(validation.rows)
    for start in range(0, total, BATCH):
        batch = validation.rows[start : start + BATCH]
        to_create: list[Any] = []
        to_update: dict[int, dict[str, Any]] = {}
        for _number, values in batch:
            pk = existing.get(tuple(_key_part(values.get(name)) for name in spec.natural_key))
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
            if not diff:
                counts["unchanged"] += 1
                continue
            if "unit" in diff:
                moved.update((record.unit_id, values["unit"].pk))
            for name in diff:
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
            for record in to_create:
                existing[tuple(getattr(record, column) for column in key_columns)] = record.pk
        if updated:
            fields = sorted(changed_fields | BOOKKEEPING)
            bulk_update_with_history(updated, model, fields, batch_size=BATCH, default_user=actor, default_date=now)
        counts["created"] += len(to_create)
        counts["updated"] += len(updated)
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


def read_progress(job_id: int) -> dict[str, Any]:
    try:
        data: dict[str, Any] = json.loads(progress_path(job_id).read_text())
        return data
    except (OSError, ValueError):
        return {"phase": "", "done": 0, "total": 0}


def create_job(
    *, spec: RegistrySpec | Importer, filename: str, chunks: Iterator[bytes], actor: Any, now: dt.datetime
) -> ImportJob:
    job = ImportJob.objects.create(registry=spec.key, filename=filename[:255], stored_path="", created_by=actor)
    suffix = ".xlsx" if filename.lower().endswith(".xlsx") else ".csv"
    target = job_dir() / f"{job.pk}{suffix}"
    with target.open("wb") as handle:
        for chunk in chunks:
            handle.write(chunk)
    job.stored_path = str(target)
    job.save(update_fields=["stored_path"])
    events.record(job, "core.import.uploaded", actor=actor, at=now, registry=spec.key, filename=filename)
    return job


def run_validation(job: ImportJob, spec: RegistrySpec | Importer) -> Validation:
    from ictmis.core.spreadsheets import NotASpreadsheet

    job.status = ImportJob.Status.VALIDATING
    job.save(update_fields=["status", "updated_at"])
    try:
        validation = validate(spec, Path(job.stored_path), actor=job.created_by, progress=file_progress(job.pk))
    except NotASpreadsheet as exc:
        validation = Validation(errors=[RowError(0, "", exc.message)])
    job.total_rows = validation.total
    job.error_count = len(validation.errors)
    job.errors = [e.as_dict() for e in validation.errors[:MAX_KEPT_ERRORS]]
    job.status = ImportJob.Status.VALID if validation.ok else ImportJob.Status.INVALID
    job.save(update_fields=["total_rows", "error_count", "errors", "status", "updated_at"])
    return validation


def run_commit(job: ImportJob, spec: RegistrySpec | Importer, *, now: dt.datetime) -> ImportJob:
    validation = run_validation(job, spec)
    if not validation.ok:
        return job
    job.status = ImportJob.Status.COMMITTING
    job.save(update_fields=["status", "updated_at"])
    try:
        result = commit(spec, validation, actor=job.created_by, now=now, progress=file_progress(job.pk))
    except Exception as exc:
        job.status = ImportJob.Status.FAILED
        job.result = {"error": _bounded(str(exc), MAX_MESSAGE_CHARS)}
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "result", "finished_at", "updated_at"])
        raise
    job.status = ImportJob.Status.DONE
    job.result = result
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "result", "finished_at", "updated_at"])
    events.record(job, "core.import.committed", actor=job.created_by, at=now, registry=spec.key, **result)
    return job
