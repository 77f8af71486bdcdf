"""The one writer of every CSV and XLSX file the app hands out.

A spreadsheet program runs a cell that begins with `=`, `+`, `-` or `@` (or a tab or carriage return before
one) as a formula, so a name typed as `=HYPERLINK("http://…","Bấm để xem")` would become a live link in an
official's Excel. Every text cell that begins with one of them is written with a leading apostrophe, in CSV
and XLSX alike, so the value is shown as text however the file is opened; numbers stay numbers. The import
side (`spreadsheets.cell_text`) takes the apostrophe off again, so an exported file imports back unchanged.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Iterator
from typing import Any

from django.utils.functional import Promise

# the control characters an XLSX cell cannot hold (openpyxl's own rule, written here so that importing this
# module does not load openpyxl and numpy: every process imports it, a CSV import never writes a workbook)
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_CELL_MAX = 32_767  # Excel's own limit on the characters of one cell
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


def safe_cell(value: Any) -> Any:
    """`value` as a cell that no spreadsheet program will run: text beginning with a formula character
    gets a leading apostrophe; numbers, dates, booleans and empty cells are kept as they are."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _xlsx_cell(value: Any) -> Any:
    value = safe_cell(value)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)[:XLSX_CELL_MAX]
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)  # Excel has no time zones; the value is already local time
    if value is None or isinstance(value, int | float | dt.date | dt.time):
        return value
    return str(value)


def _csv_cell(value: Any) -> Any:
    return safe_cell(value)


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(header: Iterable[Any], rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """A CSV file as lines to stream, starting with the byte-order mark Excel needs for Vietnamese text."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    yield writer.writerow([_csv_cell(c) for c in header])
    for row in rows:
        yield writer.writerow([_csv_cell(c) for c in row])


def csv_bytes(header: Iterable[Any], rows: Iterable[Iterable[Any]]) -> bytes:
    return "".join(csv_lines(header, rows)).encode("utf-8")


def xlsx_bytes(title: str, header: Iterable[Any], rows: Iterable[Iterable[Any]]) -> bytes:
    """A one-sheet workbook written in streaming mode, readable as it opens: the header row bold, frozen and
    filterable, columns as wide as their headings ask (10 to 50 characters), dates shown dd/mm/yyyy."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title(title))
    headings = [_xlsx_cell(c) for c in header]
    for index, heading in enumerate(headings, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(50, max(10, len(str(heading or "")) + 4))
    sheet.freeze_panes = "A2"
    if headings:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headings))}1"
    bold = Font(bold=True)

    def heading_cell(value: Any) -> Any:
        cell = WriteOnlyCell(sheet, value=value)
        cell.font = bold
        return cell

    def cell(value: Any) -> Any:
        value = _xlsx_cell(value)
        if isinstance(value, dt.date):
            moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
            dated = WriteOnlyCell(sheet, value=moment)
            dated.number_format = "dd/mm/yyyy hh:mm" if isinstance(value, dt.datetime) else "dd/mm/yyyy"
            return dated
        return value

    sheet.append([heading_cell(h) for h in headings])
    for row in rows:
        sheet.append([cell(c) for c in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sheet_title(title: str) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\\`."""
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in ILLEGAL_CHARACTERS_RE.sub("", str(title)))
    return cleaned.strip("'")[:31] or "Sheet"


def workbook_bytes(workbook: Any) -> bytes:
    """A workbook laid out cell by cell (report forms, import templates), saved after every text cell was
    made safe the same way as in `xlsx_bytes`."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):  # openpyxl stored text beginning with "=" as a formula
                    cell.value = _xlsx_cell(cell.value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
