"""The sanctions report as a workbook: one row per group, decisions, amounts decided and collected."""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from ictmis.core import tabular


def workbook(rows: list[dict[str, Any]], *, by: str) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Xử phạt"
    sheet.append([f"TỔNG HỢP XỬ PHẠT VI PHẠM HÀNH CHÍNH THEO {by.upper()}"])
    sheet["A1"].font = Font(bold=True)
    sheet.append(["STT", "Nhóm", "Số quyết định", "Số tiền phạt (đồng)", "Đã thu (đồng)"])
    for index, row in enumerate(rows, start=1):
        sheet.append([index, row["label"], row["n"], row["decided"], row["collected"]])
    return tabular.workbook_bytes(book)  # the one writer: text that would run as a formula stays text
