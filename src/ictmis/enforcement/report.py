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


def follow_up_workbook(
    payments: list[dict[str, Any]], remedies: list[dict[str, Any]], plans: list[dict[str, Any]]
) -> bytes:
    """The follow-up as a workbook: overdue payments, overdue remedial measures, inspections against the plan."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Nộp phạt quá hạn"
    sheet.append(["STT", "Số quyết định", "Ngày quyết định", "Đối tượng", "Hạn nộp", "Số tiền quá hạn (đồng)",
                  "Tiền chậm nộp đến nay (đồng)"])  # fmt: skip
    for index, row in enumerate(payments, start=1):
        d = row["decision"]
        sheet.append([index, d.number, d.decided_on, d.violator_name, row["due"], row["overdue"], row["surcharge"]])
    remedy_sheet = book.create_sheet("Khắc phục quá hạn")
    remedy_sheet.append(["STT", "Loại", "Số", "Đối tượng", "Biện pháp khắc phục", "Thời hạn"])
    for index, row in enumerate(remedies, start=1):
        kind = "Quyết định xử phạt" if row["kind"] == "decision" else "Kết luận thanh tra, kiểm tra"
        remedy_sheet.append([index, kind, row["ref"], row["who"], row["measure"], row["due"]])
    plan_sheet = book.create_sheet("Thực hiện kế hoạch")
    plan_sheet.append(
        ["Năm", "Kế hoạch", "Số cuộc theo kế hoạch", "Đã triển khai", "Đã kết luận", "Tỷ lệ hoàn thành (%)"]
    )
    for row in plans:
        plan = row["plan"]
        plan_sheet.append(
            [plan.year, plan.title, plan.planned_inspections, row["opened"], row["concluded"], row["share"]]
        )
    for each in book.worksheets:
        for cells in each.iter_rows(min_row=1, max_row=1):
            for cell in cells:
                cell.font = Font(bold=True)
    return tabular.workbook_bytes(book)
