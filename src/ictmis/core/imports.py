"""The import engine: validate every row of a registry spreadsheet, then write all rows or none.

Each row becomes field values through the registry's `Column` list; errors are collected with the row
number (as the user sees it in Excel, header = row 1), the column header and a Vietnamese message.
Records are matched on the registry's natural key, so importing the same file twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ictmis.core import events, security
from ictmis.core.access import Scope, scope_of
from ictmis.core.directory import AmbiguousReference, directory
from ictmis.core.errors import DomainError
from ictmis.core.formatting import parse_date
from ictmis.core.models import ImportJob
from ictmis.core.registry import Column, Importer, RegistrySpec
from ictmis.core.registry_import import RegistryWriter, SeenKeys, key_builder, key_part, may_change
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
MEMO_LIMIT = 50_000  # distinct unit codes and organisations remembered per file (a hostile file has millions)


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


def _memo(resolve: Callable[[str], Any]) -> Callable[[str], Any]:
    """A resolver that answers a text it has seen from memory (a file names the same commune many times)."""
    seen: dict[str, Any] = {}

    def remembered(text: str) -> Any:
        try:
            return seen[text]
        except KeyError:
            found = resolve(text)
            if len(seen) < MEMO_LIMIT:
                seen[text] = found
            return found

    return remembered


@dataclass
class Lookups:
    """Units and organisations preloaded once per file instead of queried once per row."""

    unit: Callable[[str], Any]
    organisation: Callable[[str], Any]

    @classmethod
    def load(cls) -> Lookups:
        """Each directory read when a cell first asks it (a deliveries file names no unit: the 3,500 units
        are not read at all)."""
        return cls(
            unit=_memo(_on_first_use(directory.unit_resolver)),
            organisation=_memo(_on_first_use(directory.organisation_resolver)),
        )


def _on_first_use(build: Callable[[], Callable[[str], Any]]) -> Callable[[str], Any]:
    built: list[Callable[[str], Any]] = []

    def resolve(text: str) -> Any:
        if not built:
            built.append(build())
        return built[0](text)

    return resolve


def _int(text: str) -> int:
    try:
        return int(float(text.replace(".", "").replace(",", ".")) if "," in text else float(text))
    except ValueError:
        raise CellError(_("“%(value)s” is not a whole number.") % {"value": text}) from None


def _date(raw: Any, text: str) -> dt.date:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    try:
        return parse_date(text)
    except ValueError:
        raise CellError(_("“%(value)s” is not a date (dd/mm/yyyy).") % {"value": text}) from None


def _bool(text: str) -> bool:
    value = normalise(text)
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise CellError(_("“%(value)s” is not yes or no (có/không).") % {"value": text})


def _float(raw: Any, text: str) -> float:
    try:
        return float(raw) if isinstance(raw, int | float) else float(text.replace(",", "."))
    except ValueError:
        raise CellError(_("“%(value)s” is not a number.") % {"value": text}) from None


def compile_parser(column: Column, lookups: Lookups | None = None) -> Callable[[Any], Any]:
    """The column's cell parser, decided once per file: raw cell → value, `OMIT`, or `CellError`."""
    kind = column.kind
    required = column.required
    empty = EMPTY_VALUES.get(kind, OMIT)
    convert: Callable[[Any, str], Any]
    if kind in ("str", "text"):
        convert = lambda raw, text: text  # noqa: E731
    elif kind == "int":
        convert = lambda raw, text: _int(text)  # noqa: E731
    elif kind == "float":
        convert = _float
    elif kind == "date":
        days: dict[str, dt.date] = {}  # a file gives the same few dates on many rows

        def convert(raw: Any, text: str) -> Any:
            if raw.__class__ is not str:
                return _date(raw, text)
            found = days.get(text)
            if found is None:
                found = _date(raw, text)
                if len(days) < MEMO_LIMIT:
                    days[text] = found
            return found

    elif kind == "bool":
        convert = lambda raw, text: _bool(text)  # noqa: E731
    elif kind == "choice":
        names = _choice_names(column)
        spelled: dict[str, str] = {}  # the spellings a file uses, each normalised once

        def convert(raw: Any, text: str) -> Any:
            found = spelled.get(text)
            if found is None:
                found = names.get(normalise(text))
                if found is None:
                    return _choice(column, text)
                if len(spelled) < MEMO_LIMIT:
                    spelled[text] = found
            return found

    elif kind == "multi":
        listed: dict[str, list[str]] = {}

        def convert(raw: Any, text: str) -> Any:
            found = listed.get(text)
            if found is None:
                found = sorted(
                    {_choice(column, part.strip()) for part in text.replace(";", ",").split(",") if part.strip()}
                )
                if len(listed) < MEMO_LIMIT:
                    listed[text] = found
            return list(found)
    elif kind == "unit":
        find_unit = lookups.unit if lookups else directory.unit_for_import

        def convert(raw: Any, text: str) -> Any:
            unit = find_unit(text)
            if unit is None:
                raise CellError(_("No administrative unit has the code “%(value)s”.") % {"value": text})
            if unit.level != "commune":
                raise CellError(_("“%(value)s” is not a commune-level unit.") % {"value": text})
            return unit

    elif kind == "organisation":
        find_organisation = lookups.organisation if lookups else directory.organisation_for_import

        def convert(raw: Any, text: str) -> Any:
            try:
                organisation = find_organisation(text)
            except AmbiguousReference as ambiguous:
                raise CellError(
                    _("%(count)s organisations are named “%(value)s”: write it with the tax code, “name (tax code)”.")
                    % {"count": ambiguous.count, "value": text}
                ) from None
            if organisation is None:
                raise CellError(_("No organisation has the tax code or name “%(value)s”.") % {"value": text})
            return organisation

    else:

        def convert(raw: Any, text: str) -> Any:
            raise CellError(f"unknown column kind {kind}")

    def parse(raw: Any) -> Any:
        if raw.__class__ is str:  # every cell of a CSV file: `cell_text`'s work for a text, inline
            text = raw.strip()
            if text[:1] == "'":
                text = cell_text(raw)
        else:
            text = cell_text(raw)
        if text == "":
            if required:
                raise CellError(_("This column is required."))
            return empty
        return convert(raw, text)

    return parse


def parse_cell(column: Column, raw: Any, lookups: Lookups | None = None) -> Any:
    return compile_parser(column, lookups)(raw)


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


def _within_scope(spec: RegistrySpec | Importer, scope: Scope, values: dict[str, Any]) -> str | None:
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


Block = Callable[[list[tuple[int, dict[str, Any]]], dict[tuple[Any, ...], tuple[Any, ...]]], None]


def validate(
    spec: RegistrySpec | Importer,
    path: Path,
    *,
    actor: Any,
    progress: Progress = _no_progress,
    params: dict[str, Any] | None = None,
    keep_rows: bool = True,
) -> Validation:
    """Every row checked; nothing written. `params`: an importer's parameters (see `Importer.parameters`).
    `keep_rows=False` for a preview: the checked rows are counted, not kept (a file of a million rows)."""
    return _check(spec, path, actor=actor, progress=progress, params=params, keep_rows=keep_rows)


def _check(
    spec: RegistrySpec | Importer,
    path: Path,
    *,
    actor: Any,
    progress: Progress,
    params: dict[str, Any] | None,
    keep_rows: bool = True,
    writer: RegistryWriter | None = None,
    expected: int = 0,
) -> Validation:
    """Read, parse and check the file block by block. With a `writer`, each block is written as soon as it
    is checked, while no row of the file has failed (the caller's transaction is rolled back otherwise), so
    a file is read and parsed once and memory stays flat."""
    result = Validation()
    header, rows = read_rows(path)
    mapping, header_errors = map_header(spec, header)
    if header_errors:
        result.errors.extend(header_errors)
        return result
    seen = SeenKeys()
    lookups = Lookups.load()
    rules = spec.row_checker(actor, **(params or {}))
    block: list[tuple[int, dict[str, Any], list[RowError], set[str]]] = []
    scope = scope_of(actor)
    bounds = field_bounds(spec) if isinstance(spec, RegistrySpec) else {}
    stored_reader = writer
    if isinstance(spec, RegistrySpec) and stored_reader is None:
        stored_reader = RegistryWriter(spec, actor=None, now=timezone.now())
    key_fields = set(spec.natural_key)
    key_of = key_builder(spec.natural_key)
    written = 0

    def check_block() -> None:
        """Every check the parsed cells of a row allow, so that one pass reports all of a file's errors
        (a bad date does not hide an out-of-scope commune); the row rules see complete rows only. A checker
        with `prefetch` reads the block's records in a few queries first instead of a few per row."""
        nonlocal written
        prefetch = getattr(rules, "prefetch", None)
        if prefetch is not None:
            prefetch([values for _n, values, errors, _f in block if not errors])
        # each row's key built once (None: a key cell failed to parse), for the duplicate check, the stored
        # records and the write
        keys = [None if failed & key_fields else key_of(values) for _n, values, _e, failed in block]
        stored = stored_reader.stored_keys({k for k in keys if k is not None}) if stored_reader is not None else {}
        checked = []
        checked_keys: list[Any] = []
        for (number, values, row_errors, failed), key in zip(block, keys, strict=True):
            complete = not row_errors
            row_errors.extend(_row_checks(spec, number, values, seen, rules if complete else None, scope, failed, key))
            if bounds:
                row_errors.extend(_bound_checks(spec, number, values, bounds))
            if stored_reader is not None and key is not None:
                row_errors.extend(_stored_record_checks(stored_reader, number, key, stored, scope))
            if row_errors:
                result.errors.extend(row_errors)
            else:
                checked.append((number, values))
                checked_keys.append(key)
        block.clear()
        if writer is not None and not result.errors:
            writer.write(checked, stored, keys=checked_keys)
            written += len(checked)
            progress("committing", written, expected)
        elif keep_rows:
            result.rows.extend(checked)

    parsers = [
        (index, column.field, column.header_vi, compile_parser(column, lookups)) for index, column in mapping.items()
    ]
    limit = f"{MAX_CELL_CHARS:,}".replace(",", ".")
    for offset, row in enumerate(rows):
        number = offset + 2
        result.total += 1
        values: dict[str, Any] = {}
        row_errors = []
        failed: set[str] = set()
        width = len(row)
        for index, name, header_vi, parse in parsers:
            raw = row[index] if index < width else None
            if isinstance(raw, str) and len(raw) > MAX_CELL_CHARS:
                row_errors.append(
                    RowError(number, header_vi, _("The cell is longer than %(n)s characters.") % {"n": limit})
                )
                failed.add(name)
                continue
            try:
                value = parse(raw)
            except CellError as exc:
                row_errors.append(RowError(number, header_vi, str(exc)))
                failed.add(name)
                continue
            if value is not OMIT:
                values[name] = value
        block.append((number, values, row_errors, failed))
        if len(block) == BATCH:
            check_block()
        if result.total % 500 == 0 and (writer is None or result.errors):
            progress("validating", result.total, 0)
    check_block()
    result.notes = list(getattr(rules, "notes", []))
    if result.total == 0:
        result.errors.append(RowError(2, "", _("The file has a header but no data rows.")))
    progress("validating" if writer is None or result.errors else "committing", result.total, result.total)
    return result


def _row_checks(
    spec: RegistrySpec | Importer,
    number: int,
    values: dict[str, Any],
    seen: SeenKeys,
    rules: Callable[[dict[str, Any]], dict[str, str]] | None,
    scope: Scope,
    failed: set[str],
    key: tuple[Any, ...] | None,
) -> list[RowError]:
    """The checks of a row that its parsed cells allow: position, duplicates in the file, scope, and the
    row rules when every cell parsed (`rules` is None otherwise). `key`: the row's key, None when a cell
    of it failed."""
    errors = []
    if not failed & {"latitude", "longitude"}:
        try:
            check_in_vietnam(values.get("latitude"), values.get("longitude"))
        except Exception as exc:  # ValidationError
            message = exc.messages[0] if hasattr(exc, "messages") else str(exc)
            errors.append(RowError(number, spec.column("latitude").header_vi, message))
    if key is not None:
        earlier = seen.first_row(key, number)
        if earlier is not None:
            errors.append(
                RowError(
                    number,
                    spec.column(spec.natural_key[-1]).header_vi,
                    _("Duplicate of row %(row)s.") % {"row": earlier},
                )
            )
    if rules is not None:
        for name, message in rules(values).items():
            if name in values or any(c.field == name for c in spec.columns):
                errors.append(RowError(number, spec.column(name).header_vi, message))
    owner = getattr(spec, "organisation_field", None)
    if not getattr(spec, "checks_scope", False) and not failed & {"unit", owner}:
        refusal = _within_scope(spec, scope, values)
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
        if kind == "number" and not low <= value <= high:
            top = f"{high:,}".replace(",", ".")
            header = spec.column(name).header_vi
            errors.append(RowError(number, header, _("Give a number from 0 to %(top)s.") % {"top": top}))
        elif kind == "text" and len(value) > high:
            header = spec.column(name).header_vi
            errors.append(RowError(number, header, _("At most %(n)s characters.") % {"n": high}))
    return errors


_key_part = key_part


def _stored_record_checks(
    reader: RegistryWriter,
    number: int,
    key: tuple[Any, ...],
    stored: dict[tuple[Any, ...], tuple[Any, ...]],
    scope: Scope,
) -> list[RowError]:
    """A row whose key belongs to a record the actor may not change is refused as if nothing had that key,
    so an import can neither take over nor reveal another unit's record."""
    record = stored.get(key)
    if record is None:
        return []
    spec = reader.spec
    _pk, unit_path, organisation_id, _deleted = reader.scope_facts(record)
    if may_change(scope, spec, unit_path, organisation_id):
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

    Rows are written in blocks, and the stored records a block's keys match are read block by block.
    A row matching a deleted record restores it (the check said so); a record outside the actor's scope
    stops the whole import (it moved after the check).
    """
    security.report_personal_data(spec, "imported", actor=actor, rows=len(validation.rows))
    if isinstance(spec, Importer):
        return spec.write(validation.rows, actor=actor, now=now, progress=progress)
    # `actor=None` is the system (the demo loader, `ictmis import` without --user)
    scope = Scope(whole_province=True) if actor is None else scope_of(actor)
    writer = RegistryWriter(spec, actor=actor, now=now)
    total = len(validation.rows)
    for start in range(0, total, BATCH):
        batch = validation.rows[start : start + BATCH]
        # keys are unique inside a checked file, so the records of this block's keys are all it needs
        stored = writer.stored([values for _number, values in batch])
        if any(not may_change(scope, spec, *writer.scope_facts(record)[1:3]) for record in stored.values()):
            raise OutOfScopeError(_("A record this file would change is outside your units; check the file again."))
        writer.write(batch, stored)
        progress("committing", min(start + BATCH, total), total)
    writer.finished()
    return writer.counts


IMPORT_CACHE_KIB = 32 * 1024


@contextmanager
def _page_cache() -> Iterator[None]:
    """On SQLite, a larger page cache for the import's connection (its default 2 MB no longer holds a big
    table's indexes: past a few hundred thousand records each insert read index pages from disk), set back
    afterwards."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = int(cursor.fetchone()[0])
        cursor.execute(f"PRAGMA cache_size = {-IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {before}")


def import_file(
    spec: RegistrySpec | Importer,
    path: Path,
    *,
    actor: Any,
    now: dt.datetime,
    progress: Progress = _no_progress,
    params: dict[str, Any] | None = None,
    expected: int = 0,
) -> tuple[Validation, dict[str, int] | None]:
    """Check every row and write them all, or none, in one transaction: the counts, or None with the
    validation's errors (and nothing written). A registry file is read once, each block written as soon
    as it is checked; `actor` is a user or `SYSTEM` (recorded as nobody); `expected`: the row count of an
    earlier check, for progress."""
    author = actor if getattr(actor, "pk", None) else None
    with transaction.atomic():
        if isinstance(spec, Importer):
            validation = validate(spec, path, actor=actor, progress=progress, params=params)
            if not validation.ok:
                return validation, None
            return validation, commit(spec, validation, actor=author, now=now, progress=progress)
        writer = RegistryWriter(spec, actor=author, now=now)
        with _page_cache():
            validation = _check(
                spec,
                path,
                actor=actor,
                progress=progress,
                params=params,
                keep_rows=False,
                writer=writer,
                expected=expected,
            )
        if not validation.ok:
            transaction.set_rollback(True)
            return validation, None
        security.report_personal_data(spec, "imported", actor=author, rows=validation.total)
        writer.finished()
        return validation, writer.counts


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
            keep_rows=False,
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
    """Check the rows again (the registry may have changed since the preview) and write them all or none,
    in one pass over the file. The caller holds the job (`job_workers.claimed`, which a second worker given
    the same job cannot get), and the job stays "committing" throughout."""
    try:
        validation, result = import_file(
            spec,
            Path(job.stored_path),
            actor=job.created_by,
            now=now,
            progress=file_progress(job.pk),
            params=job_params(job.pk),
            expected=job.total_rows or 0,
        )
    except NotASpreadsheet as exc:
        validation, result = Validation(errors=[RowError(0, "", exc.message)]), None
    except Exception as exc:
        job.status = ImportJob.Status.FAILED
        job.result = {"error": _bounded(str(exc), MAX_MESSAGE_CHARS)}
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "result", "finished_at", "updated_at"])
        import_job_ended.send(sender=ImportJob, job=job, ok=False, now=now)
        raise
    if result is None:
        _store_validation(job, validation)
        import_job_ended.send(sender=ImportJob, job=job, ok=False, now=now)
        return job
    job.status = ImportJob.Status.DONE
    job.result = result
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "result", "finished_at", "updated_at"])
    events.record(job, "core.import.committed", actor=job.created_by, at=now, registry=spec.key, **result)
    import_job_ended.send(sender=ImportJob, job=job, ok=True, now=now)
    return job
