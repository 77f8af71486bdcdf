"""Workbooks of training: a course's attendance sheet (to print and sign, or filled from the records) and the
year's training report in the form of a Vietnamese statistical report (reporting body, title, numbered columns,
total row, place and date, signature blocks)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from ictmis.core import tabular
from ictmis.documents.public import date_line, issuer_on
from ictmis.training.models import Course, TargetGroup, Topic

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def _heading(sheet: Any, width: int, title: str, subtitle: str, day: dt.date) -> int:
    issuer = issuer_on(day)
    sheet.cell(1, 1, issuer.governing_body).font = Font(bold=True)
    sheet.cell(2, 1, issuer.name).font = Font(bold=True)
    sheet.cell(1, max(width - 3, 4), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").font = Font(bold=True)
    sheet.cell(2, max(width - 3, 4), "Độc lập - Tự do - Hạnh phúc").font = Font(bold=True)
    sheet.cell(4, 1, title).font = Font(bold=True, size=13)
    sheet.cell(5, 1, subtitle).font = Font(italic=True)
    return 7


def _table(sheet: Any, first: int, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> int:
    for column, title in enumerate(header, start=1):
        cell = sheet.cell(first, column, title)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BOX
        number = sheet.cell(first + 1, column, f"({column})")
        number.alignment = Alignment(horizontal="center")
        number.border = BOX
    line = first + 2
    for row in rows:
        for column, value in enumerate(row, start=1):
            sheet.cell(line, column, tabular.safe_cell(value)).border = BOX
        line += 1
    return line


def _signatures(sheet: Any, line: int, width: int, day: dt.date) -> None:
    sheet.cell(line + 1, max(width - 3, 4), date_line(issuer_on(day).place, day)).font = Font(italic=True)
    sheet.cell(line + 2, 2, "NGƯỜI LẬP BIỂU").font = Font(bold=True)
    sheet.cell(line + 2, max(width - 3, 4), "THỦ TRƯỞNG ĐƠN VỊ").font = Font(bold=True)


def _save(workbook: Workbook) -> bytes:
    return tabular.workbook_bytes(workbook)


def attendance_sheet(course: Course, enrolments: Sequence[Any], grid: dict[int, set[int]], *, day: dt.date) -> bytes:
    """One row per participant, one column per session ("x" present), and a column to sign."""
    sessions = list(course.sessions.all())
    workbook = Workbook()
    sheet: Any = workbook.active
    sheet.title = "Điểm danh"
    header = ["STT", "Họ và tên", "Năm sinh", "Chức vụ", "Đơn vị",
              *[f"Ngày {s.day:%d/%m}" for s in sessions], "Ký tên"]  # fmt: skip
    where = "trực tuyến" if course.online else course.place
    line = _heading(
        sheet,
        len(header),
        "DANH SÁCH ĐIỂM DANH HỌC VIÊN",
        f"Khóa: {course.title} ({course.code}); từ {course.starts_on:%d/%m/%Y} đến {course.ends_on:%d/%m/%Y}; {where}",
        day,
    )
    rows = [
        [index, e.person.full_name, e.person.birth_year or "", e.person.position, e.unit.name if e.unit else "",
         *["x" if e.pk in grid.get(s.pk, set()) else "" for s in sessions], ""]
        for index, e in enumerate(enrolments, start=1)
    ]  # fmt: skip
    line = _table(sheet, line, header, rows)
    for column, width in enumerate([6, 28, 9, 20, 28], start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    _signatures(sheet, line, len(header), day)
    return _save(workbook)


def year_rows(courses: Sequence[Any]) -> list[list[Any]]:
    topics, groups = dict(Topic.choices), dict(TargetGroup.choices)
    return [
        [index, c.code, c.title, str(topics.get(c.topic, c.topic)), str(groups.get(c.target_group, c.target_group)),
         f"{c.starts_on:%d/%m/%Y} - {c.ends_on:%d/%m/%Y}", "trực tuyến" if c.online else c.place,
         c.participant_count, c.passed_count, c.certificate_count]
        for index, c in enumerate(courses, start=1)
    ]  # fmt: skip


def year_report(year: int, courses: Sequence[Any], *, day: dt.date) -> bytes:
    """The year's courses with participants, passed and certificates, and a total row."""
    header = ["STT", "Mã khóa", "Tên khóa đào tạo, bồi dưỡng", "Chủ đề", "Đối tượng", "Thời gian", "Địa điểm",
              "Số học viên", "Số đạt yêu cầu", "Số giấy chứng nhận"]  # fmt: skip
    workbook = Workbook()
    sheet: Any = workbook.active
    sheet.title = f"Năm {year}"
    title = f"BÁO CÁO KẾT QUẢ ĐÀO TẠO, BỒI DƯỠNG NĂM {year}"
    line = _heading(sheet, len(header), title, f"Kỳ báo cáo: năm {year}", day)
    rows = year_rows(courses)
    line = _table(sheet, line, header, rows)
    total: list[Any] = ["", "", "Tổng cộng", "", "", "", "", *[sum(int(r[i]) for r in rows) for i in (7, 8, 9)]]
    for column, value in enumerate(total, start=1):
        cell = sheet.cell(line, column, value)
        cell.font = Font(bold=True)
        cell.border = BOX
    for column, width in enumerate([6, 16, 40, 22, 22, 24, 24, 11, 11, 11], start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    _signatures(sheet, line + 1, len(header), day)
    return _save(workbook)
