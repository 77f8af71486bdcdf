"""The task list as a workbook in the layout of a Vietnamese progress report on assigned tasks: the bodies
and the national motto, the title and the day of the figures, a numbered table, the counts in the four
states with the rate "completed / due", the place and date, and the signature blocks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from ictmis.core import tabular
from ictmis.directives import workflow

HEADER = [
    "STT",
    "Nội dung nhiệm vụ",
    "Văn bản giao",
    "Người giao",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Thời hạn",
    "Gia hạn đến",
    "Ngày hoàn thành",
    "Tình trạng",
    "Ghi chú",
]
STATE_TEXT = {
    workflow.DONE_ON_TIME: "Đã hoàn thành đúng hạn",
    workflow.DONE_LATE: "Đã hoàn thành quá hạn",
    workflow.OPEN_IN_TIME: "Chưa hoàn thành, trong hạn",
    workflow.OPEN_OVERDUE: "Chưa hoàn thành, quá hạn",
}
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
RED = PatternFill("solid", fgColor="F8D7DA")


def _d(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def workbook(tasks: Iterable[Any], *, today: dt.date, totals: dict[str, Any]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Báo cáo"
    sheet["A1"] = settings.ICTMIS_PARENT_BODY.upper()
    sheet["A2"] = settings.ICTMIS_ISSUING_BODY.upper()
    sheet["A2"].font = Font(bold=True)
    sheet["F1"] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    sheet["F1"].font = Font(bold=True)
    sheet["F2"] = "Độc lập - Tự do - Hạnh phúc"
    sheet["F2"].font = Font(bold=True)
    sheet["A4"] = "BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ ĐƯỢC GIAO"
    sheet["A4"].font = Font(bold=True, size=13)
    sheet["A5"] = f"Số liệu đến ngày {today:%d/%m/%Y}; tình trạng theo {workflow.LEGAL_BASIS}"
    sheet["A5"].font = Font(italic=True)
    first = 7
    for column, title in enumerate(HEADER, start=1):
        cell = sheet.cell(first, column, title)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BOX
        number = sheet.cell(first + 1, column, f"({column})")
        number.alignment = Alignment(horizontal="center")
        number.font = Font(italic=True)
        number.border = BOX
    line = first + 2
    for index, task in enumerate(tasks, start=1):
        state = workflow.state(due_on=task.due_on, completed_on=task.completed_on, today=today)
        note = (task.period and f"Kỳ {task.period}") or ""
        values = [
            index,
            task.title,
            task.source_number,
            task.assigner,
            task.lead_name,
            task.co_units,
            _d(task.deadline),
            _d(task.extended_to),
            _d(task.completed_on),
            STATE_TEXT[state],
            note,
        ]
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(line, column, value)
            cell.border = BOX
            cell.alignment = Alignment(vertical="top", wrap_text=column in (2, 6))
            if state == workflow.OPEN_OVERDUE:
                cell.fill = RED
        line += 1
    line += 1
    sheet.cell(line, 2, "Tổng hợp").font = Font(bold=True)
    for offset, (key, text) in enumerate(STATE_TEXT.items(), start=1):
        sheet.cell(line + offset, 2, text)
        sheet.cell(line + offset, 3, totals.get(key, 0))
    rate = totals.get("rate")
    sheet.cell(line + 5, 2, "Tỷ lệ hoàn thành (đã hoàn thành / đến hạn)").font = Font(bold=True)
    sheet.cell(line + 5, 3, f"{rate:.1f}%" if rate is not None else "—")
    line += 7
    sheet.cell(line, 7, f"{settings.ICTMIS_PLACE}, ngày {today:%d} tháng {today:%m} năm {today:%Y}").font = Font(
        italic=True
    )
    sheet.cell(line + 1, 2, "NGƯỜI LẬP BIỂU").font = Font(bold=True)
    sheet.cell(line + 1, 7, "THỦ TRƯỞNG ĐƠN VỊ").font = Font(bold=True)
    sheet.cell(line + 2, 2, "(Ký, ghi rõ họ tên)").font = Font(italic=True)
    sheet.cell(line + 2, 7, "(Ký, ghi rõ họ tên, đóng dấu)").font = Font(italic=True)
    for column, width in enumerate([6, 48, 20, 22, 26, 22, 12, 12, 14, 24, 12], start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    return tabular.workbook_bytes(book)
