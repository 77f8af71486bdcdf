"""A report in the layout of a Vietnamese report form (XLSX), its narrative part as a DOCX document, and the data
as a DHIS2 `dataValueSets` JSON document and an ADX (IHE aggregate data exchange) XML document for a ministry's
data warehouse."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any
from xml.etree import ElementTree as ET

from django.utils.translation import gettext as _
from pydantic import BaseModel, Field

from ictmis.core import tabular
from ictmis.documents.public import date_line, issuer_on, render_document
from ictmis.indicators import periods
from ictmis.indicators.models import Report, ReportValue
from ictmis.indicators.selectors import values_of
from ictmis.units.public import ancestors_of

MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
ADX_NS = "urn:ihe:qrph:adx:2015"


def reporting_body(report: Report) -> tuple[str, str]:
    """(governing body, reporting body) for the header: the commune's People's Committee, or the Department."""
    if report.level == "commune":
        parents = ancestors_of(report.unit)
        province = parents[0].name if parents else ""
        return f"ỦY BAN NHÂN DÂN {province}".upper().strip(), f"ỦY BAN NHÂN DÂN {report.unit.name}".upper()
    issuer = issuer_on(report.cutoff_to)
    return issuer.governing_body.upper(), issuer.name.upper()


def _number(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def report_xlsx(report: Report, *, signer: str = "", place: str = "", on: dt.date | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = f"{report.regime.code}-{report.period}"[:31]
    governing, body = reporting_body(report)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    bold = Font(bold=True)
    for row, left, right, font in ((1, governing, MOTTO[0], bold), (2, body, MOTTO[1], bold)):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        sheet.merge_cells(start_row=row, start_column=3, end_row=row, end_column=6)
        sheet.cell(row, 1, tabular.safe_cell(left)).font = font
        sheet.cell(row, 3, tabular.safe_cell(right)).font = font
        sheet.cell(row, 1).alignment = sheet.cell(row, 3).alignment = centre
    period = periods.parse(report.period)
    title = report.regime.form_title or report.regime.name
    lines = [
        (4, title.upper(), Font(bold=True, size=13)),
        (
            5,
            _("Period: %(period)s (data from %(start)s to %(end)s)")
            % {
                "period": period.label(),
                "start": f"{report.cutoff_from:%d/%m/%Y}",
                "end": f"{report.cutoff_to:%d/%m/%Y}",
            },
            Font(italic=True),
        ),
        (6, _("Legal basis: %(basis)s") % {"basis": _basis(report)}, Font(italic=True)),
        (
            7,
            _("Edition %(n)s · status: %(status)s") % {"n": report.edition, "status": report.get_status_display()},
            Font(size=9),
        ),
    ]
    for row, text, font in lines:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
        cell = sheet.cell(row, 1, tabular.safe_cell(text))
        cell.font, cell.alignment = font, centre
    header = [_("No."), _("Indicator"), _("Code"), _("Unit of measure"), _("Value"), _("Source")]
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for column, text in enumerate(header, start=1):
        cell = sheet.cell(9, column, text)
        cell.font, cell.alignment, cell.border = bold, centre, border
    row_index = 10
    sources = dict(ReportValue.Source.choices)
    for item in values_of(report):
        indicator = item["indicator"]
        cells = [
            item["number"],
            indicator.name,
            indicator.code,
            indicator.unit_of_measure,
            _number(item["value"]),
            str(sources.get(item["source"], "")),
        ]
        for column, value in enumerate(cells, start=1):
            sheet.cell(row_index, column, tabular.safe_cell(value)).border = border
        row_index += 1
        for part in item["breakdowns"]:
            cells = [
                "",
                "  – " + part["label"],
                indicator.code,
                indicator.unit_of_measure,
                _number(part["value"]),
                "",
            ]
            for column, value in enumerate(cells, start=1):
                sheet.cell(row_index, column, tabular.safe_cell(value)).border = border
            row_index += 1
    day = on or report.cutoff_to
    row_index += 1
    sheet.merge_cells(start_row=row_index, start_column=4, end_row=row_index, end_column=6)
    sheet.cell(row_index, 4, date_line(place or report.unit.name, day))
    sheet.cell(row_index, 4).font = Font(italic=True)
    sheet.merge_cells(start_row=row_index + 1, start_column=4, end_row=row_index + 1, end_column=6)
    sheet.cell(row_index + 1, 4, "THỦ TRƯỞNG ĐƠN VỊ" if report.level != "commune" else "CHỦ TỊCH").font = bold
    sheet.merge_cells(start_row=row_index + 4, start_column=4, end_row=row_index + 4, end_column=6)
    sheet.cell(row_index + 4, 4, tabular.safe_cell(signer)).font = bold
    for letter, width in zip("ABCDEF", (6, 60, 8, 12, 14, 22), strict=True):
        sheet.column_dimensions[letter].width = width
    return tabular.workbook_bytes(workbook)


def report_docx(report: Report, *, signer: str = "", on: dt.date | None = None) -> bytes:
    """The narrative part of a report (thuyết minh) as a DOCX document in the official format of Decree 30/2020:
    the reporting body and motto, the title with the period, the legal basis, the narrative paragraphs, the
    headline figures of the form, place and date, signer."""
    governing, body = reporting_body(report)
    period = periods.parse(report.period)
    title = report.regime.form_title or report.regime.name
    rows = [
        [str(item["number"]), item["indicator"].name, item["indicator"].unit_of_measure, item["shown"]]
        for item in values_of(report)
        if item["value"] is not None
    ]
    context = {
        "parent_body": governing,
        "issuing_body": body,
        "place": report.unit.name if report.level == "commune" else issuer_on(report.cutoff_to).place,
        "title": _("NARRATIVE REPORT"),
        "subtitle": f"{title} – {period.label()}",
        "bases": [_("Legal basis: %(basis)s") % {"basis": _basis(report)}],
        "paragraphs": [
            _("Period: %(period)s (data from %(start)s to %(end)s)")
            % {
                "period": period.label(),
                "start": f"{report.cutoff_from:%d/%m/%Y}",
                "end": f"{report.cutoff_to:%d/%m/%Y}",
            },
            *[line.strip() for line in report.narrative.splitlines() if line.strip()],
        ],
        "table": {"headers": [_("No."), _("Indicator"), _("Unit of measure"), _("Value")], "rows": rows},
        "recipients": [report.regime.recipient] if report.regime.recipient else [],
        "signer_title": "CHỦ TỊCH" if report.level == "commune" else "THỦ TRƯỞNG ĐƠN VỊ",
        "signer_name": signer,
    }
    return render_document(context, number="", day=on or report.cutoff_to)


def _basis(report: Report) -> str:
    document = report.regime.legal_basis
    if document is None:
        return "—"
    text = f"{report.regime.article}, {document.number}" if report.regime.article else document.number
    return text


class DataValue(BaseModel):
    dataElement: str = Field(min_length=1)
    period: str = Field(pattern=r"^\d{4}(S[12]|Q[1-4]|0[1-9]|1[0-2])?$")
    orgUnit: str = Field(min_length=1)
    categoryOptionCombo: str | None = None
    value: str
    comment: str | None = None


class DataValueSet(BaseModel):
    """The DHIS2 Web API `dataValueSets` document (the subset we write)."""

    dataSet: str
    completeDate: str | None = None
    dataValues: list[DataValue]


def dhis2_document(reports: Iterable[Report]) -> dict[str, Any]:
    values: list[DataValue] = []
    regime_code = ""
    complete = None
    for report in reports:
        regime_code = report.regime.code
        if report.submitted_at:
            complete = f"{report.submitted_at:%Y-%m-%d}"
        for value in report.values.select_related("indicator").order_by("indicator__code", "breakdown"):
            if value.value is None:
                continue
            values.append(
                DataValue(
                    dataElement=value.indicator.code,
                    period=report.period,
                    orgUnit=report.unit.code,
                    categoryOptionCombo=value.breakdown or None,
                    value=format(value.value.normalize(), "f"),
                )
            )
    document = DataValueSet(dataSet=regime_code, completeDate=complete, dataValues=values)
    return document.model_dump(exclude_none=True)


def adx_period(text: str) -> str:
    """ADX periods are ISO 8601 start/duration: 2026-01-01/P1Y, 2026-07-01/P6M, 2026-01-01/P3M, 2026-03-01/P1M."""
    period = periods.parse(text)
    duration = {periods.YEAR: "P1Y", periods.HALF: "P6M", periods.QUARTER: "P3M", periods.MONTH: "P1M"}[period.kind]
    return f"{period.start.isoformat()}/{duration}"


def adx_document(reports: Iterable[Report], *, exported: dt.datetime) -> bytes:
    root = ET.Element(f"{{{ADX_NS}}}adx", {"exported": exported.isoformat(timespec="seconds")})
    for report in reports:
        group = ET.SubElement(
            root,
            f"{{{ADX_NS}}}group",
            {"orgUnit": report.unit.code, "period": adx_period(report.period), "dataSet": report.regime.code},
        )
        for value in report.values.select_related("indicator").order_by("indicator__code", "breakdown"):
            if value.value is None:
                continue
            attributes = {"dataElement": value.indicator.code, "value": format(value.value.normalize(), "f")}
            if value.breakdown:
                key, _sep, option = value.breakdown.partition("=")
                attributes[key] = option
            ET.SubElement(group, f"{{{ADX_NS}}}dataValue", attributes)
    ET.register_namespace("", ADX_NS)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")).encode()
