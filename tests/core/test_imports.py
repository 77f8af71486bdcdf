import csv
import datetime as dt
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from ictmis.accounts.models import User
from ictmis.core import imports, registry
from ictmis.core.access import SYSTEM
from ictmis.core.registry_export import export_xlsx
from ictmis.core.spreadsheets import NotASpreadsheet
from ictmis.telecom.models import BtsStation

pytestmark = pytest.mark.django_db

HEADER = ["Doanh nghiệp", "Mã trạm", "Tên trạm", "Mã đơn vị hành chính cấp xã", "Vĩ độ", "Kinh độ",
          "Loại trạm", "Chiều cao cột (m)", "Công nghệ", "Số giấy phép xây dựng", "Ngày đưa vào hoạt động",
          "Trạng thái"]  # fmt: skip
GOOD = [
    ["4701234564", "QB9001", "Nhật Lệ 1", "18880", "17.4689", "106.6223", "rooftop", "15", "4G, 5G", "",
     "01/03/2020", "active"],
    ["4705678909", "QB9002", "Bảo Ninh", "18880@2014-01-01", "17.45", "106.63", "ground_mast", "40", "4G",
     "12/GPXD", "05/01/2019", "active"],
]  # fmt: skip


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[object]], header: list[str] = HEADER) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def validate(path: Path, actor=SYSTEM) -> imports.Validation:
    return imports.validate(registry.get("bts-stations"), path, actor=actor)


def messages(result: imports.Validation) -> list[tuple[int, str, str]]:
    return [(e.row, e.column, e.message) for e in result.errors]


def test_a_valid_file_imports_and_reimporting_changes_nothing(tmp_path, now) -> None:
    path = write_csv(tmp_path / "bts.csv", GOOD)
    spec = registry.get("bts-stations")

    first = imports.commit(spec, validate(path), actor=None, now=now)
    again = imports.commit(spec, validate(path), actor=None, now=now)

    assert first == {"created": 2, "updated": 0, "unchanged": 0, "restored": 0}
    assert again == {"created": 0, "updated": 0, "unchanged": 2, "restored": 0}
    station = BtsStation.objects.get(site_code="QB9002")
    assert station.unit.name == "Phường Đức Ninh Đông"
    assert station.district_unit.name == "Thành phố Đồng Hới"
    assert station.province_unit.name == "Tỉnh Quảng Bình"
    assert station.technologies == ["4G"]
    assert station.history.count() == 1


def test_a_changed_row_updates_the_record_and_bumps_its_version(tmp_path, now) -> None:
    spec = registry.get("bts-stations")
    imports.commit(spec, validate(write_csv(tmp_path / "a.csv", GOOD)), actor=None, now=now)
    changed = [[*GOOD[0][:7], "21", *GOOD[0][8:]], GOOD[1]]

    result = imports.commit(spec, validate(write_csv(tmp_path / "b.csv", changed)), actor=None, now=now)

    assert result == {"created": 0, "updated": 1, "unchanged": 1, "restored": 0}
    station = BtsStation.objects.get(site_code="QB9001")
    assert station.mast_height == 21
    assert station.version == 2
    assert station.history.count() == 2


def test_xlsx_files_with_typed_cells_are_read(tmp_path) -> None:
    row = ["4701234564", "QB9003", "", 18880, 17.47, 106.6, "camouflaged", 12, "4G", "", dt.datetime(2021, 5, 1), ""]
    result = validate(write_xlsx(tmp_path / "bts.xlsx", [row]))
    assert messages(result) == []
    assert result.rows[0][1]["commissioned_on"] == dt.date(2021, 5, 1)


@pytest.mark.parametrize(
    ("cell", "value", "column", "fragment"),
    [
        (7, "cao", "Chiều cao cột (m)", "cao"),
        (3, "99999", "Mã đơn vị hành chính cấp xã", "99999"),
        (3, "450", "Mã đơn vị hành chính cấp xã", "450"),
        (1, "", "Mã trạm", ""),
        (4, "27.9", "Vĩ độ", "27.9"),
        (6, "tháp", "Loại trạm", "tháp"),
        (8, "6G", "Công nghệ", "6G"),
        (10, "31/02/2020", "Ngày đưa vào hoạt động", "31/02/2020"),
        (0, "0999999999", "Doanh nghiệp", "0999999999"),
    ],
)
def test_each_bad_cell_is_reported_with_row_and_column(tmp_path, cell, value, column, fragment) -> None:
    bad = list(GOOD[0])
    bad[cell] = value
    result = validate(write_csv(tmp_path / "bts.csv", [GOOD[1], bad]))
    assert [(e.row, e.column) for e in result.errors] == [(3, column)]
    assert fragment in result.errors[0].message


def test_a_ground_mast_without_permit_is_refused_with_its_legal_basis(tmp_path) -> None:
    row = list(GOOD[1])
    row[9] = ""
    result = validate(write_csv(tmp_path / "bts.csv", [row]))
    assert [(e.row, e.column) for e in result.errors] == [(2, "Số giấy phép xây dựng")]
    assert "12/2007/TTLT/BXD-BTTTT" in result.errors[0].message


def test_duplicate_keys_in_one_file_are_refused(tmp_path) -> None:
    result = validate(write_csv(tmp_path / "bts.csv", [GOOD[0], GOOD[0]]))
    assert [(e.row, e.column) for e in result.errors] == [(3, "Mã trạm")]
    assert "2" in result.errors[0].message


def test_wrong_headers_are_named(tmp_path) -> None:
    header = [*HEADER[:3], "Cột lạ", *HEADER[4:]]
    result = validate(write_csv(tmp_path / "bts.csv", GOOD, header=header))
    assert {(e.row, e.column) for e in result.errors} == {(1, "Cột lạ"), (1, "Mã đơn vị hành chính cấp xã")}
    assert result.rows == []


def test_english_headers_are_accepted(tmp_path) -> None:
    header = ["Operator", "Site code", "Station name", "Commune code", "Latitude", "Longitude", "Station type",
              "Mast height (m)", "Technologies", "Construction permit number", "Commissioned on", "Status"]  # fmt: skip
    assert messages(validate(write_csv(tmp_path / "bts.csv", GOOD, header=header))) == []


@pytest.mark.parametrize(
    ("content", "fragment"),
    [(b"", "không có dữ liệu"), (b"%PDF-1.7\n\x00\x01\x02\xff\xfe", "UTF-8"), (b"PK\x03\x04garbage", "Excel")],
)
def test_files_that_are_not_spreadsheets_are_refused(tmp_path, content, fragment) -> None:
    path = tmp_path / "bad.xlsx"
    path.write_bytes(content)
    with pytest.raises(NotASpreadsheet) as caught:
        validate(path)
    assert fragment in caught.value.message


def test_a_file_with_only_a_header_is_refused(tmp_path) -> None:
    result = validate(write_csv(tmp_path / "bts.csv", []))
    assert [e.row for e in result.errors] == [2]


def test_an_enterprise_may_only_import_its_own_stations(tmp_path) -> None:
    user = User.objects.get(username="doanhnghiep")
    result = validate(write_csv(tmp_path / "bts.csv", GOOD), actor=user)
    assert [(e.row, e.column) for e in result.errors] == [(3, "Mã đơn vị hành chính cấp xã")]


def test_cli_import_writes_nothing_when_a_row_is_invalid(tmp_path, capsys) -> None:
    bad = list(GOOD[1])
    bad[4] = "1.0"
    path = write_csv(tmp_path / "bts.csv", [GOOD[0], bad])
    with pytest.raises(CommandError):
        call_command("import", "bts-stations", str(path))
    out = capsys.readouterr().out
    assert " 3, Vĩ độ:" in out
    assert not BtsStation.objects.filter(site_code__in=["QB9001", "QB9002"]).exists()


def test_cli_dry_run_checks_without_writing(tmp_path) -> None:
    call_command("import", "bts-stations", str(write_csv(tmp_path / "bts.csv", GOOD)), "--dry-run")
    assert not BtsStation.objects.filter(site_code="QB9001").exists()
    call_command("import", "bts-stations", str(tmp_path / "bts.csv"))
    assert BtsStation.objects.filter(site_code__in=["QB9001", "QB9002"]).count() == 2


def test_an_exported_file_imports_back_into_an_empty_registry(tmp_path, now) -> None:
    spec = registry.get("bts-stations")
    imports.commit(spec, validate(write_csv(tmp_path / "bts.csv", GOOD)), actor=None, now=now)
    fields = ["site_code", "name", "unit_id", "latitude", "longitude", "station_type", "mast_height", "technologies",
              "permit_number", "commissioned_on", "status", "plan_conformity", "operator_id"]  # fmt: skip
    before = sorted(BtsStation.objects.values_list(*fields))
    exported = tmp_path / "export.xlsx"
    exported.write_bytes(export_xlsx(spec, BtsStation.objects.all(), list(spec.columns)))

    BtsStation.history.all().delete()
    BtsStation.objects.all().delete()
    result = imports.commit(spec, validate(exported), actor=None, now=now)

    assert result["created"] == len(before)
    assert sorted(BtsStation.objects.values_list(*fields)) == before
