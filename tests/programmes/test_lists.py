"""A year's list: checked row by row, all or nothing, history kept, duplicates reported, merged by hand."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from ictmis.accounts.models import User
from ictmis.core.errors import DomainError
from ictmis.programmes import lists
from ictmis.programmes.models import Delivery, Household, PovertyRecord, Programme
from ictmis.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC)
HEADER = [
    "Mã hộ",
    "Họ tên chủ hộ",
    "Năm sinh",
    "Số định danh cá nhân",
    "Mã đơn vị hành chính cấp xã",
    "Thôn, bản",
    "Diện",
]


def sheet(tmp_path: Path, *rows: list) -> Path:
    book = Workbook()
    book.active.append(HEADER)
    for row in rows:
        book.active.append(row)
    path = tmp_path / "danh-sach.xlsx"
    book.save(path)
    return path


def test_a_years_list_adds_that_year_and_keeps_the_earlier_ones(tmp_path) -> None:
    first = sheet(
        tmp_path,
        ["H-1", "Trần Văn An", 1970, "044070001234", "18880", "Thôn 1", "Hộ nghèo"],
        ["H-2", "Lê Thị Bình", 1985, "", "18880", "Thôn 2", "cận nghèo"],
    )
    lists.import_list(path=first, year=2018, decision="12/QĐ-UBND", standard="", actor=None, now=NOW)
    second = sheet(tmp_path, ["H-1", "Trần Văn An", 1970, "044070001234", "18880", "Thôn 1", "không"])
    lists.import_list(path=second, year=2019, decision="5/QĐ-UBND", standard="", actor=None, now=NOW)

    one = Household.objects.get(code="H-1")
    assert dict(one.poverty.values_list("year", "status")) == {2018: "poor", 2019: "none"}
    assert PovertyRecord.objects.get(household__code="H-2", year=2018).decision == "12/QĐ-UBND"


def test_any_bad_row_and_nothing_is_written(tmp_path) -> None:
    path = sheet(
        tmp_path,
        ["H-1", "Trần Văn An", 1970, "", "18880", "Thôn 1", "nghèo"],
        ["H-2", "Lê Thị Bình", 1985, "044070001234", "18880", "Thôn 2", "cận nghèo"],
        ["H-3", "", 1990, "", "99999", "Thôn 3", "giàu"],
    )
    check = lists.check_list(path, year=2019)
    assert {(line, column) for line, column, _m in check.errors} == {
        (3, "Số định danh cá nhân"),
        (4, "Họ tên chủ hộ"),
        (4, "Mã đơn vị hành chính cấp xã"),
        (4, "Diện"),
    }
    with pytest.raises(DomainError):
        lists.import_list(path=path, year=2019, decision="", standard="", actor=None, now=NOW)
    assert Household.objects.count() == 0


def test_possible_duplicates_are_reported_and_merged_by_a_specialist_keeping_both_histories(tmp_path) -> None:
    lists.import_list(
        path=sheet(tmp_path, ["H-1", "Trần Văn An", 1970, "044070001234", "18880", "Thôn 1", "nghèo"]),
        year=2017,
        decision="",
        standard="",
        actor=None,
        now=NOW,
    )
    again = sheet(
        tmp_path,
        ["X-9", "Trần Văn An", 1970, "044070001234", "18880", "Thôn 1", "nghèo"],
        ["X-8", "TRẦN VĂN AN", 1970, "", "18880", "Thôn 1", "nghèo"],
    )
    check = lists.check_list(again, year=2018)
    assert [(line, code) for line, code, _twin in check.duplicates] == [(2, "X-9"), (3, "X-8")]

    lists.import_list(path=again, year=2018, decision="", standard="", actor=None, now=NOW)
    keep, duplicate = Household.objects.get(code="H-1"), Household.objects.get(code="X-9")
    tv = Programme.objects.get(code="tv-digitisation")
    Delivery.objects.create(programme=tv, household=duplicate, delivered_on=dt.date(2019, 5, 1))
    lists.merge_households(keep=keep, merge=duplicate, actor=User.objects.get(username="chuyenvien"), now=NOW)

    assert dict(keep.poverty.values_list("year", "status")) == {2017: "poor", 2018: "poor"}
    assert keep.deliveries.count() == 1
    duplicate.refresh_from_db()
    assert duplicate.is_deleted and duplicate.history.count() >= 2


def test_the_cli_checks_then_imports(tmp_path, capsys) -> None:
    path = sheet(tmp_path, ["H-1", "Trần Văn An", 1970, "", "18880", "Thôn 1", "nghèo"])
    call_command("import_poverty_list", str(path), "--year", "2019", "--dry-run")
    assert Household.objects.count() == 0 and "1 new" in capsys.readouterr().out
    call_command("import_poverty_list", str(path), "--year", "2019")
    assert Household.objects.get().poverty.get().year == 2019
    unit = AdministrativeUnit.objects.get(pk=Household.objects.get().unit_id)
    assert unit.code == "18880" and unit.valid_to is not None  # the former commune, in force in 2019


def test_the_page_checks_the_list_then_imports_it(tmp_path) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    client = Client()
    client.force_login(User.objects.get(username="chuyenvien"))
    bad = sheet(tmp_path, ["H-1", "Trần Văn An", 1970, "", "18880", "Thôn 1", "giàu"])
    page = client.post(
        "/chuong-trinh/danh-sach-ho-ngheo/", {"year": 2019, "file": SimpleUploadedFile("ds.xlsx", bad.read_bytes())}
    ).content.decode()
    assert "Diện" in page and 'data-testid="import-list"' not in page
    good = sheet(tmp_path, ["H-1", "Trần Văn An", 1970, "", "18880", "Thôn 1", "nghèo"])
    checked = client.post(
        "/chuong-trinh/danh-sach-ho-ngheo/", {"year": 2019, "file": SimpleUploadedFile("ds.xlsx", good.read_bytes())}
    )
    token = checked.context["token"]
    assert Household.objects.count() == 0 and 'data-testid="import-list"' in checked.content.decode()
    done = client.post("/chuong-trinh/danh-sach-ho-ngheo/", {"year": 2019, "token": token, "import": "1"})
    assert done.status_code == 302 and Household.objects.get().poverty.get().status == "poor"


def test_the_household_page_shows_its_lists_and_support_and_merges_a_duplicate() -> None:
    from django.test import Client

    unit = AdministrativeUnit.objects.get(code="18880", level="commune", valid_to__isnull=False)
    keep = Household(code="K-1", head_name="Trần Văn An", unit=unit)
    keep.save()
    twin = Household(code="K-2", head_name="Trần Văn An", unit=unit)
    twin.save()
    PovertyRecord.objects.create(household=twin, year=2018, status="poor", decision="12/QĐ")
    client = Client()
    client.force_login(User.objects.get(username="chuyenvien"))
    page = client.get(f"/co-so-du-lieu/households/{twin.pk}/").content.decode()
    assert "12/QĐ" in page and 'data-testid="merge-form"' in page

    response = client.post(f"/chuong-trinh/ho/{twin.pk}/gop/", {"keep": "K-1"})
    assert response.status_code == 302 and response["Location"].endswith(f"/households/{keep.pk}/")
    assert list(keep.poverty.values_list("year", flat=True)) == [2018]
    officer = Client()
    officer.force_login(User.objects.get(username="canboxa"))
    assert 'data-testid="merge-form"' not in officer.get(f"/co-so-du-lieu/households/{keep.pk}/").content.decode()
