"""The API (reports, values, workflow, aggregated values, criterion 8, dashboard) with its error shape, and the
exports: the XLSX report form, DHIS2 dataValueSets JSON and ADX XML validated against their schemas."""

import datetime as dt
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from lxml import etree
from openpyxl import load_workbook

from ictmis.accounts.models import User
from ictmis.accounts.services import create_token
from ictmis.indicators import exports, services
from ictmis.indicators.exports import DataValueSet
from ictmis.indicators.models import Report

pytestmark = pytest.mark.django_db
GOOD = {"TT02": 4, "TT03": 9, "TT04": 10, "CN01": 12, "CN02": 20, "CN03": 15}


def bearer(username: str) -> Client:
    _token, raw = create_token(user=User.objects.get(username=username), name="t", now=timezone.now())
    return Client(headers={"Authorization": f"Bearer {raw}"})


def test_a_commune_officer_creates_fills_and_submits_through_the_api() -> None:
    client = bearer("canboxa")

    created = client.post(
        "/api/v1/reports", {"regime": "XA-NAM", "unit": "18880", "period": "2025"}, content_type="application/json"
    )
    assert created.status_code == 201, created.content
    report = created.json()
    assert report["status"] == "draft" and [v["row"] for v in report["values"]][:3] == ["1", "2", "3"]
    put = client.put(f"/api/v1/reports/{report['id']}/values", {"values": GOOD}, content_type="application/json")
    assert put.status_code == 200
    assert {v["indicator"]: v["value"] for v in put.json()["values"]}["TT05"] == 90.0
    submitted = client.post(f"/api/v1/reports/{report['id']}/submit", {}, content_type="application/json")
    assert submitted.json()["status"] == "submitted"
    assert client.post(f"/api/v1/reports/{report['id']}/approve").status_code == 403

    listed = client.get("/api/v1/reports", {"regime": "XA-NAM", "status": "submitted"}).json()
    assert [item["id"] for item in listed["items"]] == [report["id"]]
    approve = bearer("chuyenvien").post(f"/api/v1/reports/{report['id']}/approve")
    assert approve.json()["status"] == "approved"
    edit = client.put(
        f"/api/v1/reports/{report['id']}/values", {"values": {"CN01": 1}}, content_type="application/json"
    )
    assert edit.status_code == 409 and edit.json()["errors"][0]["field"] == "values"
    again = client.post(f"/api/v1/reports/{report['id']}/submit", {}, content_type="application/json")
    assert again.status_code == 409


def test_bad_input_gets_422_409_or_404_naming_the_field() -> None:
    client = bearer("canboxa")
    post = lambda body: client.post("/api/v1/reports", body, content_type="application/json")  # noqa: E731

    wrong_period = post({"regime": "XA-NAM", "unit": "18880", "period": "2026Q1"})
    assert wrong_period.status_code == 422 and wrong_period.json()["errors"][0]["field"] == "period"
    assert post({"regime": "TT04-NAM", "unit": "18880", "period": "2026"}).json()["errors"][0]["field"] == "unit"
    assert post({"regime": "XA-NAM", "unit": "18871", "period": "2026"}).status_code == 404  # not their commune
    assert post({"regime": "XA-NAM", "unit": "18880"}).status_code == 422
    report = post({"regime": "XA-NAM", "unit": "18880", "period": "2026"}).json()
    assert post({"regime": "XA-NAM", "unit": "18880", "period": "2026"}).status_code == 409
    bad = client.put(
        f"/api/v1/reports/{report['id']}/values",
        {"values": {"TT03": "abc", "TT04": -2}},
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} == {"values.TT03", "values.TT04"}
    other = services.create_report(
        actor=User.objects.get(username="chuyenvien"), now=timezone.now(), regime="XA-NAM", unit="18871", period="2026"
    )
    assert client.get(f"/api/v1/reports/{other.pk}").status_code == 404
    assert client.get("/api/v1/reports", {"period": "26"}).status_code == 422


def test_catalogue_values_criterion_and_dashboard_endpoints() -> None:
    client = bearer("chuyenvien")

    indicators = {i["code"]: i for i in client.get("/api/v1/indicators").json()}
    assert indicators["TT05"]["aggregation"] == "ratio" and indicators["TT05"]["numerator"] == "TT03"
    regimes = {r["code"]: r for r in client.get("/api/v1/regimes").json()}
    assert regimes["BTP-XLVP-NAM"]["period_type"] == "year"
    assert regimes["BTP-XLVP-NAM"]["legal_basis"]["number"] == "01/2023/TT-BTP"

    report = client.post(
        "/api/v1/reports", {"regime": "XA-NAM", "unit": "18880", "period": "2026"}, content_type="application/json"
    ).json()
    client.put(f"/api/v1/reports/{report['id']}/values", {"values": GOOD}, content_type="application/json")
    client.post(f"/api/v1/reports/{report['id']}/submit", {}, content_type="application/json")
    values = client.get("/api/v1/indicator-values", {"indicator": "TT05", "period": "2026", "level": "province"})
    assert values.json() == [{"unit": "44", "name": "Quảng Trị", "level": "province", "value": 90.0}]
    assert client.get("/api/v1/indicator-values", {"indicator": "TT05", "period": "x"}).status_code == 422

    cards = client.get("/api/v1/criteria/nong-thon-moi-8", {"year": 2026, "unit": "18880"}).json()
    assert [c["unit"] for c in cards] == ["18880"] and cards[0]["subcriteria"][0]["code"] == "8.1"
    assert client.get("/api/v1/criteria/nong-thon-moi-8", {"year": "x"}).status_code == 422

    keys = {a["key"] for a in client.get("/api/v1/dashboard").json()["attention"]}
    assert {"cases_overdue", "cases_due_soon", "reports_late", "reports_waiting", "criterion_not_met"} <= keys
    assert bearer("doanhnghiep").get("/api/v1/reports").status_code == 403


def _filled(when) -> Report:
    officer = User.objects.get(username="canboxa")
    report = services.create_report(actor=officer, now=when, regime="XA-NAM", unit="18880", period="2026")
    services.set_values(actor=officer, now=when, report_id=report.pk, values={**GOOD, "CN03": "=cmd"[1:] and 15})
    return report


def test_the_xlsx_has_the_layout_of_a_report_form(when) -> None:
    report = _filled(when)

    sheet = load_workbook(
        io.BytesIO(exports.report_xlsx(report, signer="Nguyễn Văn A", on=dt.date(2026, 12, 16)))
    ).active

    assert (
        sheet["C1"].value == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and sheet["C2"].value == "Độc lập - Tự do - Hạnh phúc"
    )
    assert sheet["A2"].value == "ỦY BAN NHÂN DÂN PHƯỜNG ĐỒNG HỚI"
    assert sheet["A4"].value == "BÁO CÁO HẠ TẦNG THÔNG TIN VÀ TRUYỀN THÔNG CẤP XÃ"
    assert "15/12/2025" in sheet["A5"].value and "14/12/2026" in sheet["A5"].value
    assert "09/2019/NĐ-CP" in sheet["A6"].value
    rows = {sheet.cell(r, 3).value: (sheet.cell(r, 1).value, sheet.cell(r, 5).value) for r in range(10, 30)}
    assert rows["TT03"] == ("6", 9) and rows["TT05"] == ("8", 90)
    texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert "Phường Đồng Hới, ngày 16 tháng 12 năm 2026" in texts and "Nguyễn Văn A" in texts


def test_dhis2_json_validates_against_its_schema(when) -> None:
    report = _filled(when)

    document = exports.dhis2_document([report])

    parsed = DataValueSet.model_validate(json.loads(json.dumps(document)))
    assert parsed.dataSet == "XA-NAM"
    assert {(v.dataElement, v.period, v.orgUnit, v.value) for v in parsed.dataValues} >= {
        ("TT03", "2026", "18880", "9")
    }


ADX_XSD = b"""<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:ihe:qrph:adx:2015"
           xmlns="urn:ihe:qrph:adx:2015" elementFormDefault="qualified">
  <xs:simpleType name="period"><xs:restriction base="xs:string">
    <xs:pattern value="\\d{4}-\\d{2}-\\d{2}/P\\d+[YMD]"/></xs:restriction></xs:simpleType>
  <xs:element name="adx"><xs:complexType><xs:sequence>
    <xs:element name="group" maxOccurs="unbounded"><xs:complexType><xs:sequence>
      <xs:element name="dataValue" maxOccurs="unbounded"><xs:complexType>
        <xs:attribute name="dataElement" type="xs:string" use="required"/>
        <xs:attribute name="value" type="xs:decimal" use="required"/>
        <xs:anyAttribute processContents="lax"/></xs:complexType></xs:element>
    </xs:sequence>
      <xs:attribute name="orgUnit" type="xs:string" use="required"/>
      <xs:attribute name="period" type="period" use="required"/>
      <xs:attribute name="dataSet" type="xs:string" use="required"/>
    </xs:complexType></xs:element>
  </xs:sequence><xs:attribute name="exported" type="xs:dateTime" use="required"/></xs:complexType></xs:element>
</xs:schema>"""


def test_adx_xml_validates_against_the_adx_structure(when) -> None:
    report = _filled(when)

    document = etree.fromstring(exports.adx_document([report], exported=when))

    assert etree.XMLSchema(etree.fromstring(ADX_XSD)).validate(document)
    assert document[0].get("period") == "2026-01-01/P1Y"
    assert exports.adx_period("202603") == "2026-03-01/P1M" and exports.adx_period("2026S2") == "2026-07-01/P6M"


def test_the_filled_excel_form_imports_the_typed_values_and_skips_derived_rows(when) -> None:
    officer = User.objects.get(username="canboxa")
    report = services.create_report(actor=officer, now=when, regime="XA-NAM", unit="18880", period="2026")
    workbook = load_workbook(io.BytesIO(exports.report_xlsx(report)))
    sheet = workbook.active
    for row in range(10, 30):
        code = sheet.cell(row, 3).value
        if code in GOOD:
            sheet.cell(row, 5).value = GOOD[code]
        if code == "BD01":
            sheet.cell(row, 5).value = 99  # computed from the registries: ignored
    buffer = io.BytesIO()
    workbook.save(buffer)

    services.import_values(actor=officer, now=when, report_id=report.pk, data=buffer.getvalue())

    stored = dict(report.values.filter(breakdown="").values_list("indicator__code", "value"))
    assert stored["TT03"] == 9 and stored["CN03"] == 15 and stored["TT05"] == 90
    assert stored["BD01"] == 0
    with pytest.raises(ValidationError) as error:
        services.import_values(actor=officer, now=when, report_id=report.pk, data=b"not a workbook")
    assert "file" in error.value.message_dict


def test_the_narrative_docx_opens_with_the_report_header_narrative_and_figures(when) -> None:
    from docx import Document

    officer = User.objects.get(username="canboxa")
    report = _filled(when)
    services.set_values(
        actor=officer,
        now=when,
        report_id=report.pk,
        values={},
        narrative="Năm 2026 phường hoàn thành phủ sóng loa đến 9/10 tổ dân phố.\n\nTổ dân phố 10 chưa có loa.",
    )
    report.refresh_from_db()

    document = Document(io.BytesIO(exports.report_docx(report, signer="Nguyễn Văn A", on=dt.date(2026, 12, 16))))

    text = "\n".join(p.text for p in document.paragraphs)
    cells = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    flat = "\n".join(" | ".join(row) for row in cells) + "\n" + text
    assert "ỦY BAN NHÂN DÂN PHƯỜNG ĐỒNG HỚI" in flat and "Độc lập - Tự do - Hạnh phúc" in flat
    assert "BÁO CÁO THUYẾT MINH" in flat
    assert "09/2019/NĐ-CP" in flat and "15/12/2025" in flat and "14/12/2026" in flat
    assert "Năm 2026 phường hoàn thành phủ sóng loa đến 9/10 tổ dân phố." in text
    assert "Tổ dân phố 10 chưa có loa." in text
    assert any(row[0] == "6" and row[-1] == "9" for row in cells)  # the form's row 6 (TT03) with its value
    assert "Phường Đồng Hới, ngày 16 tháng 12 năm 2026" in flat and "Nguyễn Văn A" in flat


def test_the_narrative_typed_on_the_report_page_is_in_the_docx_it_serves(when) -> None:
    from docx import Document

    report = _filled(when)
    client = Client()
    client.force_login(User.objects.get(username="canboxa"))
    report.refresh_from_db()

    saved = client.post(
        f"/bao-cao/{report.pk}/gia-tri/", {"version": report.version, "narrative": "Đã lắp thêm 12 cụm loa."}
    )
    response = client.get(f"/bao-cao/{report.pk}/thuyet-minh.docx")

    assert saved.status_code == 302
    assert response.status_code == 200 and response["Content-Type"].endswith("wordprocessingml.document")
    assert "Đã lắp thêm 12 cụm loa." in [p.text for p in Document(io.BytesIO(response.content)).paragraphs]
