"""Formula injection: no CSV or XLSX the app writes holds a cell a spreadsheet program would run."""

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.test import Client
from openpyxl import Workbook, load_workbook

from ictmis.accounts.models import User
from ictmis.core import imports, registry, tabular
from ictmis.core.access import SYSTEM
from ictmis.core.registry_export import errors_response, export_xlsx
from ictmis.core.spreadsheets import cell_text
from ictmis.licensing import services as licensing_services
from ictmis.parties import services as parties_services
from ictmis.parties.models import OrganisationKind
from ictmis.programmes import report
from ictmis.programmes.models import Programme
from ictmis.telecom.models import BtsStation
from tests.core.test_imports import GOOD, HEADER, write_csv
from tests.licensing.conftest import WEBSITE

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("http://example.invalid/x","Bấm để xem")'
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cells(content: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for cell in row]


def xlsx_cells(content: bytes) -> list[Any]:
    book = load_workbook(io.BytesIO(content))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"], "a cell was stored as a formula"
    return [cell.value for cell in cells]


def cells_of(content: bytes) -> list[Any]:
    return xlsx_cells(content) if content[:2] == b"PK" else csv_cells(content)


def assert_safe(content: bytes, expected: str = HOSTILE) -> None:
    cells = cells_of(content)
    assert "'" + expected in cells, "the hostile value is not in the file at all"
    assert not [c for c in cells if isinstance(c, str) and c.startswith(FORMULA_STARTS)]


def body(response: Any) -> bytes:
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def logged_in(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def hostile_enterprise(actor: Any, now: dt.datetime) -> Any:
    values = {"name": HOSTILE, "kind": OrganisationKind.ENTERPRISE, "tax_code": "4703456788"}
    return parties_services.create_organisation(actor=actor, now=now, values=values)


@pytest.fixture
def hostile_stations(tmp_path, now) -> None:
    rows = [list(GOOD[0]), list(GOOD[1])]
    rows[0][2] = HOSTILE
    rows[1][2] = "@SUM(1+1)"
    spec = registry.get("bts-stations")
    validation = imports.validate(spec, write_csv(tmp_path / "bts.csv", rows), actor=SYSTEM)
    imports.commit(spec, validation, actor=None, now=now)


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+84 912 345 678", "'+84 912 345 678"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Đồng Hới", "Đồng Hới"),
        (-5, -5),
        (2.5, 2.5),
        (None, None),
    ],
)
def test_text_beginning_with_a_formula_character_is_written_as_text(value, written) -> None:
    assert tabular.safe_cell(value) == written


def test_numbers_stay_numbers_and_text_stays_text_in_a_workbook() -> None:
    content = tabular.xlsx_bytes("T", ["a", "b", "c", "d"], [[-5, 1.5, "=1+1", dt.date(2025, 7, 1)]])

    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    assert [c.value for c in sheet[2]] == [-5, 1.5, "'=1+1", dt.datetime(2025, 7, 1)]
    assert [c.data_type for c in sheet[2]] == ["n", "n", "s", "d"]


def test_control_characters_that_excel_refuses_are_dropped_instead_of_failing() -> None:
    content = tabular.xlsx_bytes("T", ["a"], [["Tên\x01 trạm\x0b"]])

    assert load_workbook(io.BytesIO(content)).worksheets[0]["A2"].value == "Tên trạm"


def test_a_workbook_laid_out_cell_by_cell_has_its_formulas_turned_into_text() -> None:
    book = Workbook()
    book.active["B2"] = HOSTILE

    assert_safe(tabular.workbook_bytes(book))


def test_the_apostrophe_is_taken_off_again_on_import() -> None:
    assert cell_text("'" + HOSTILE) == HOSTILE
    assert cell_text("'Nhà văn hóa") == "'Nhà văn hóa"


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_staff_registry_exports_are_safe(hostile_stations, kind) -> None:
    response = logged_in("chuyenvien").get("/co-so-du-lieu/bts-stations/", {"export": kind})

    assert_safe(body(response))


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_public_open_data_of_a_registry_is_safe(hostile_stations, kind) -> None:
    response = Client().get(f"/cong-thong-tin/du-lieu-mo/bts-stations.{kind}")

    assert_safe(body(response))


def test_an_exported_hostile_name_imports_back_unchanged(hostile_stations, tmp_path, now) -> None:
    spec = registry.get("bts-stations")
    exported = tmp_path / "export.xlsx"
    exported.write_bytes(export_xlsx(spec, BtsStation.objects.all(), list(spec.columns)))
    BtsStation.history.all().delete()
    BtsStation.objects.all().delete()

    imports.commit(spec, imports.validate(spec, exported, actor=SYSTEM), actor=None, now=now)

    assert sorted(BtsStation.objects.values_list("name", flat=True)) == sorted([HOSTILE, "@SUM(1+1)"])


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_organisation_list_export_is_safe(specialist, now, kind) -> None:
    hostile_enterprise(specialist, now)

    assert_safe(body(logged_in("chuyenvien").get("/to-chuc/", {"export": kind, "q": "hyperlink"})))


def test_the_case_list_export_is_safe(specialist, now) -> None:
    applicant = hostile_enterprise(specialist, now)
    licensing_services.open_case(
        procedure_code="website.new",
        applicant=applicant,
        particulars={**WEBSITE, "name": "-1+2"},
        actor=specialist,
        now=now,
        received_on=dt.date(2025, 9, 15),
    )

    assert_safe(body(logged_in("chuyenvien").get("/thu-tuc/ho-so/", {"export": "xlsx"})))


def test_the_import_error_report_is_safe(tmp_path, now) -> None:
    spec = registry.get("bts-stations")
    upload = write_csv(tmp_path / "bad.csv", [[*GOOD[0], "x"]], header=[*HEADER, HOSTILE])  # an unknown column
    job = imports.create_job(spec=spec, filename="bad.csv", chunks=iter([upload.read_bytes()]),
                             actor=User.objects.get(username="admin"), now=now)  # fmt: skip
    imports.run_validation(job, spec)

    assert_safe(body(errors_response(job)))


def test_the_programme_report_workbook_is_safe() -> None:
    programme = Programme.objects.get(code="tv-digitisation")
    rows = [{"unit": "-18880", "name": HOSTILE, "target": 2, "delivered": 1, "percent": 50.0,
             "eligible_not_served": 1, "at_risk": False}]  # fmt: skip

    content = report.workbook(programme, rows, rows, level="district", on=dt.date(2025, 9, 15))

    assert_safe(content)
