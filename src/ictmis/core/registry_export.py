"""Export of exactly what is filtered (XLSX, CSV, GeoJSON), the import template and error reports.

Exported files use the import headers, so a file exported here imports back unchanged. Spreadsheets are for
people: a commune reads "Xã Hải Phú (18919)" (a former one "Xã Hải Phú (18919@2014-01-01)") and an
organisation "Công ty A (0101234567)", forms the import also reads;
JSON and GeoJSON keep the references machines use ("18919@2014-01-01", tax codes).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Iterable, Iterator
from typing import Any

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from ictmis.core import security, tabular
from ictmis.core.directory import directory
from ictmis.core.models import ImportJob
from ictmis.core.registry import Column, Importer, RegistrySpec


def unit_reference(unit: Any) -> str:
    """A current unit by its code; a former one by code@valid_from, since codes were reused in 2025."""
    if unit is None:
        return ""
    return unit.code if unit.valid_to is None else f"{unit.code}@{unit.valid_from.isoformat()}"


def unit_named(unit: Any, shared_codes: Collection[str] | None = None) -> str:
    """A unit as a person reads it, with the code that tells apart the namesakes: "Xã Hải Phú (18919)". A
    former unit, or one whose code another unit version also carried, adds the day it came into force,
    "Xã Hải Phú (18919@2014-01-01)": a former commune and the 2025 commune of the same code and name stay
    two units when the file is imported back. `shared_codes` (directory.shared_unit_codes()) is read once
    per export by the caller; without it it is read here."""
    if unit is None:
        return ""
    if shared_codes is None:
        shared_codes = directory.shared_unit_codes()
    if unit.valid_to is None and unit.code not in shared_codes:
        return f"{unit.name} ({unit.code})"
    return f"{unit.name} ({unit.code}@{unit.valid_from.isoformat()})"


def organisation_named(organisation: Any) -> str:
    """An organisation as a person reads it, with the tax code that tells namesakes apart: "Công ty A (0101234567)"."""
    if organisation is None:
        return ""
    return f"{organisation.name} ({organisation.tax_code})" if organisation.tax_code else organisation.name


def cell_value(
    column: Column, record: Any, *, for_people: bool = False, shared_codes: Collection[str] | None = None
) -> Any:
    value = getattr(record, column.field)
    if value is None:
        return ""
    if column.kind == "unit":
        return unit_named(value, shared_codes) if for_people else unit_reference(value)
    if column.kind == "organisation":
        return organisation_named(value) if for_people else value.tax_code or value.name
    if column.kind == "choice":
        return str(dict(column.choices).get(value, value))
    if column.kind == "multi":
        labels = dict(column.choices)
        return ", ".join(str(labels.get(v, v)) for v in value)
    if column.kind == "bool":
        return "có" if value else "không"
    if column.kind == "date" and isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return value


def rows(spec: RegistrySpec, records: Iterable[Any], columns: list[Column]) -> Iterator[list[Any]]:
    shared_codes = directory.shared_unit_codes() if any(c.kind == "unit" for c in columns) else frozenset()
    for record in records:
        yield [cell_value(column, record, for_people=True, shared_codes=shared_codes) for column in columns]


def export_xlsx(spec: RegistrySpec, records: Iterable[Any], columns: list[Column]) -> bytes:
    return tabular.xlsx_bytes(str(spec.label), [c.header_vi for c in columns], rows(spec, records, columns))


def export_csv_lines(spec: RegistrySpec, records: Iterable[Any], columns: list[Column]) -> Iterator[str]:
    return tabular.csv_lines([c.header_vi for c in columns], rows(spec, records, columns))


def export_geojson_chunks(spec: RegistrySpec, records: Iterable[Any], columns: list[Column]) -> Iterator[str]:
    yield '{"type": "FeatureCollection", "features": ['
    first = True
    for record in records:
        if record.latitude is None or record.longitude is None:
            continue
        properties = {c.field: cell_value(c, record) for c in columns if c.field not in ("latitude", "longitude")}
        properties["id"] = record.pk
        feature = {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [record.longitude, record.latitude]},
            "properties": properties,
        }
        yield ("" if first else ",") + json.dumps(feature, ensure_ascii=False, default=str)
        first = False
    yield "]}"


CONTENT_TYPES = {
    "xlsx": tabular.XLSX_CONTENT_TYPE,
    "csv": tabular.CSV_CONTENT_TYPE,
    "json": "application/json",
    "geojson": "application/geo+json",
}


def export_json_chunks(spec: RegistrySpec, records: Iterable[Any], columns: list[Column]) -> Iterator[str]:
    yield "["
    for index, record in enumerate(records):
        row = {c.field: cell_value(c, record) for c in columns}
        yield ("," if index else "") + json.dumps(row, ensure_ascii=False, default=str)
    yield "]"


def file_response(
    spec: RegistrySpec, records: Iterable[Any], columns: list[Column], kind: str
) -> HttpResponse | StreamingHttpResponse:
    """Records as a download in `kind` (xlsx, csv, json or geojson); text formats stream."""
    security.report_personal_data(spec, "exported", actor=None, format=kind)
    response: HttpResponse | StreamingHttpResponse
    if kind == "xlsx":
        response = HttpResponse(export_xlsx(spec, records, columns), content_type=CONTENT_TYPES[kind])
    else:
        writers = {"csv": export_csv_lines, "json": export_json_chunks, "geojson": export_geojson_chunks}
        response = StreamingHttpResponse(writers[kind](spec, records, columns), content_type=CONTENT_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="{spec.key}.{kind}"'
    return response


def respond(request: HttpRequest, spec: RegistrySpec, qs: Any) -> HttpResponse | StreamingHttpResponse | None:
    """Answer `?export=xlsx|csv|geojson` on a list with exactly the filtered rows, or None for the page."""
    kind = request.GET.get("export")
    if kind not in ("xlsx", "csv", "geojson"):
        return None
    return file_response(spec, qs.iterator(chunk_size=2000), list(spec.columns), kind)


def summary_response(spec: RegistrySpec, summary: list[dict[str, Any]], *, level: str, kind: str) -> HttpResponse:
    """The counts per unit the user is looking at, as a spreadsheet (xlsx or csv)."""
    header = [_("Unit"), _("Unit code"), _("Records")]
    body: list[list[Any]] = [[row["name"], row["code"], row["count"]] for row in summary]
    body.append([_("Total"), "", sum(row["count"] for row in summary)])
    filename = f"{spec.key}-thong-ke-{level}.{kind}"
    if kind == "csv":
        response = HttpResponse(tabular.csv_bytes(header, body), content_type=CONTENT_TYPES[kind])
    else:
        title = _("%(registry)s by unit") % {"registry": spec.label}
        response = HttpResponse(tabular.xlsx_bytes(title, header, body), content_type=CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def template_bytes(spec: RegistrySpec | Importer) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = tabular.sheet_title(str(spec.label))
    sheet.append([c.header_vi for c in spec.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    guide = workbook.create_sheet("Hướng dẫn")
    guide.append(["Cột", "Column (English header accepted)", "Bắt buộc", "Giá trị hợp lệ"])
    for column in spec.columns:
        allowed = ", ".join(str(label) for _value, label in column.choices)
        if column.kind == "unit":
            allowed = "Mã thống kê của xã/phường (mã@yyyy-mm-dd cho đơn vị trước 01/07/2025) hoặc “Tên (mã)”"
        elif column.kind == "organisation":
            allowed = "Mã số thuế hoặc tên tổ chức"
        elif column.kind == "date":
            allowed = "dd/mm/yyyy"
        elif column.kind == "bool":
            allowed = "có / không"
        elif column.kind == "float":
            allowed = "số, dấu chấm hoặc phẩy thập phân"
        guide.append([column.header_vi, column.header_en, "có" if column.required else "", allowed])
    return tabular.workbook_bytes(workbook)


def template_response(spec: RegistrySpec | Importer) -> HttpResponse:
    response = HttpResponse(template_bytes(spec), content_type=CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = f'attachment; filename="mau-{spec.key}.xlsx"'
    return response


def errors_response(job: ImportJob) -> HttpResponse:
    lines = ([error["row"], error["column"], error["message"]] for error in job.errors)
    response = HttpResponse(tabular.csv_bytes(["Dòng", "Cột", "Lỗi"], lines), content_type=CONTENT_TYPES["csv"])
    response["Content-Disposition"] = f'attachment; filename="loi-nhap-{job.pk}.csv"'
    return response
