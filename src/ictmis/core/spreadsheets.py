"""Reading a spreadsheet (XLSX or CSV) into a header and rows, with clear errors for files that are not."""

from __future__ import annotations

import csv
import datetime as dt
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from ictmis.core.errors import DomainError
from ictmis.core.tabular import FORMULA_STARTS


class NotASpreadsheet(DomainError):
    pass


# A workbook is a zip of XML parts that openpyxl expands (the shared strings wholly in memory): these bounds,
# checked on the zip's central directory before openpyxl opens it, keep a small "zip bomb" from costing a
# worker gigabytes. A real registry workbook of 120,000 rows is ~100 MB of XML at a ratio near 10.
XLSX_MAX_ENTRIES = 500
XLSX_MAX_UNCOMPRESSED = 400_000_000
XLSX_MAX_PART = 150_000_000
XLSX_MAX_RATIO = 200
# The longest cell an import reads (Excel's own limit); a longer one is a row error, not a stored value.
MAX_CELL_CHARS = 32_767
MAX_HEADER_CHARS = 200


def check_xlsx_sizes(path: Path) -> None:
    """Refuse a workbook whose parts would expand past the bounds, reading only its directory."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise NotASpreadsheet(_("The file is not a valid Excel (.xlsx) file.")) from exc
    if len(parts) > XLSX_MAX_ENTRIES:
        raise NotASpreadsheet(_("The Excel file has too many parts (%(n)s) to be a spreadsheet.") % {"n": len(parts)})
    total = sum(part.file_size for part in parts)
    too_big = any(part.file_size > XLSX_MAX_PART for part in parts) or total > XLSX_MAX_UNCOMPRESSED
    packed_tight = any(
        part.file_size > 1_000_000 and part.file_size > XLSX_MAX_RATIO * max(part.compress_size, 1) for part in parts
    )
    if too_big or packed_tight:
        raise NotASpreadsheet(
            _("The Excel file would expand to %(mb)s MB when opened, more than an import accepts.")
            % {"mb": total // 1_000_000}
        )


def _xlsx_rows(path: Path) -> Iterator[list[Any]]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            yield list(row)
    finally:
        workbook.close()


def _csv_rows(path: Path) -> Iterator[list[Any]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        sample = handle.read(8192)
        handle.seek(0)
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
        try:
            yield from csv.reader(handle, delimiter=delimiter)
        except csv.Error as exc:  # a field past the csv module's limit (131,072 characters), a stray NUL
            raise NotASpreadsheet(_("The CSV file could not be read: a cell is too long or damaged.")) from exc


def read_rows(path: Path) -> tuple[list[str], Iterator[list[Any]]]:
    """The header (as text) and an iterator over the data rows; blank rows are skipped."""
    with path.open("rb") as handle:  # the start only: a file can be hundreds of megabytes
        start = handle.read(65536)
    if start.startswith(b"PK"):
        if not zipfile.is_zipfile(path):
            raise NotASpreadsheet(_("The file is not a valid Excel (.xlsx) file."))
        check_xlsx_sizes(path)
        rows = _xlsx_rows(path)
    else:
        try:
            start.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise NotASpreadsheet(_("The file is neither an Excel (.xlsx) file nor a UTF-8 CSV file.")) from exc
        rows = _csv_rows(path)
    try:
        header = next(rows)
    except StopIteration:
        raise NotASpreadsheet(_("The file is empty.")) from None
    except NotASpreadsheet:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise NotASpreadsheet(_("The file could not be read as a spreadsheet.")) from exc
    header_text = [str(cell).strip()[:MAX_HEADER_CHARS] if cell is not None else "" for cell in header]
    if not any(header_text):
        raise NotASpreadsheet(_("The first row must hold the column headers."))

    def data() -> Iterator[list[Any]]:
        for row in rows:
            if any(cell not in (None, "") for cell in row):
                yield row

    return header_text, data()


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    if text[:1] == "'" and text[1:2] in FORMULA_STARTS:
        return text[1:]  # the apostrophe our own exports put before a formula character
    return text
