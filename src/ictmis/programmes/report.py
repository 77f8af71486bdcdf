"""The progress report of a programme as a workbook in the form of a Vietnamese statistical report: the
reporting body and the national motto, the title and period, the legal basis, a table with numbered
columns and a total row, communes behind the expected pace noted, the place and date, and the signature
blocks. A second sheet gives every commune.

The Ministry's own template is not among the project's sources; this layout follows the usual report forms
(column numbering, "Người lập biểu" / "Thủ trưởng đơn vị") and is the one function to adjust.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from ictmis.core import tabular
from ictmis.documents.public import date_line, issuer_on
from ictmis.legal.public import formal_citation
from ictmis.programmes.models import Programme

LEVEL_NAMES = {"province": "tỉnh", "district": "huyện (cấp huyện trước 01/07/2025)", "commune": "xã"}
HEADER = ["STT", "Mã đơn vị", "Đơn vị", "Chỉ tiêu (hộ)", "Đã hỗ trợ (hộ)", "Tỷ lệ hoàn thành (%)",
          "Hộ đủ điều kiện chưa được hỗ trợ", "Ghi chú"]  # fmt: skip
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def _table(sheet: Any, first_row: int, rows: list[dict[str, Any]]) -> int:
    """The numbered table with its total row; returns the next free row."""
    for column, title in enumerate(HEADER, start=1):
        cell = sheet.cell(first_row, column, title)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BOX
        number = sheet.cell(first_row + 1, column, f"({column})")
        number.alignment = Alignment(horizontal="center")
        number.font = Font(italic=True)
        number.border = BOX
    line = first_row + 2
    for index, row in enumerate(rows, start=1):
        values = [index, row["unit"], row["name"], row["target"], row["delivered"], row["percent"],
                  row["eligible_not_served"], "Chậm tiến độ" if row["at_risk"] else ""]  # fmt: skip
        for column, value in enumerate(values, start=1):
            sheet.cell(line, column, value).border = BOX
        line += 1
    target, delivered = sum(r["target"] for r in rows), sum(r["delivered"] for r in rows)
    total = ["", "", "Tổng cộng", target, delivered, round(100 * delivered / target, 1) if target else None,
             sum(r["eligible_not_served"] for r in rows), ""]  # fmt: skip
    for column, value in enumerate(total, start=1):
        cell = sheet.cell(line, column, value)
        cell.font = Font(bold=True)
        cell.border = BOX
    for column, width in enumerate([6, 11, 34, 12, 12, 13, 16, 16], start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    return line + 1


def workbook(programme: Programme, rows: list[dict[str, Any]], communes: list[dict[str, Any]], *, level: str,
             on: dt.date) -> bytes:  # fmt: skip
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Báo cáo"
    issuer = issuer_on(on)
    sheet["A1"] = issuer.governing_body.upper()
    sheet["A2"] = issuer.name.upper()
    sheet["A2"].font = Font(bold=True)
    sheet["E1"] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    sheet["E1"].font = Font(bold=True)
    sheet["E2"] = "Độc lập - Tự do - Hạnh phúc"
    sheet["E2"].font = Font(bold=True)
    sheet["A4"] = f"BÁO CÁO TIẾN ĐỘ THỰC HIỆN: {programme.name.upper()}"
    sheet["A4"].font = Font(bold=True, size=13)
    sheet["A5"] = f"Số liệu đến ngày {on:%d/%m/%Y}; tổng hợp theo {LEVEL_NAMES[level]}"
    # an official report cites what a source confirmed and nothing else: no doubtful article, no doubt marker
    article = programme.article if programme.article and not programme.unconfirmed else ""
    sheet["A6"] = f"Căn cứ {formal_citation(programme.legal_basis, article=article)}"
    sheet["A6"].font = Font(italic=True)
    line = _table(sheet, 8, rows)
    sheet.cell(line + 1, 5, date_line(issuer.place, on)).font = Font(italic=True)
    sheet.cell(line + 2, 2, "NGƯỜI LẬP BIỂU").font = Font(bold=True)
    sheet.cell(line + 2, 5, "THỦ TRƯỞNG ĐƠN VỊ").font = Font(bold=True)
    sheet.cell(line + 3, 2, "(Ký, ghi rõ họ tên)").font = Font(italic=True)
    sheet.cell(line + 3, 5, "(Ký, ghi rõ họ tên, đóng dấu)").font = Font(italic=True)
    if level != "commune":
        detail = book.create_sheet("Chi tiết theo xã")
        detail["A1"] = f"{programme.name}: chi tiết theo xã, số liệu đến ngày {on:%d/%m/%Y}"
        detail["A1"].font = Font(bold=True)
        _table(detail, 3, communes)
    return tabular.workbook_bytes(book)
