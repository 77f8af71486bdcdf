"""A year's list through the core import engine: checked row by row in the importer's units, all or nothing,
history kept, duplicates noted within the importer's units only, merged by hand, one event per import."""

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from ictmis.accounts.models import User
from ictmis.core import imports
from ictmis.core.access import SYSTEM
from ictmis.core.models import Event, ImportJob
from ictmis.programmes import list_import, services
from ictmis.programmes.list_import import POVERTY_LIST
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


def sheet(tmp_path: Path, *rows: list, name: str = "danh-sach.xlsx") -> Path:
    book = Workbook()
    book.active.append(HEADER)
    for row in rows:
        book.active.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def check(path: Path, *, year: int, actor: Any = SYSTEM, decision: str = "") -> imports.Validation:
    return imports.validate(POVERTY_LIST, path, actor=actor, params={"year": year, "decision": decision})


def import_list(path: Path, *, year: int, actor: Any = SYSTEM, decision: str = "") -> dict[str, int]:
    validation = check(path, year=year, actor=actor, decision=decision)
    assert validation.ok, validation.errors
    user = actor if actor is not SYSTEM else None
    return imports.commit(POVERTY_LIST, validation, actor=user, now=NOW)


def former(code: str) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(code=code, level="commune", valid_to__isnull=False)


def household(code: str, unit_code: str, **particulars: Any) -> Household:
    home = Household(code=code, head_name=particulars.pop("head_name", f"Chủ hộ {code}"), unit=former(unit_code))
    for name, value in particulars.items():
        setattr(home, name, value)
    home.save()
    return home


def test_a_years_list_adds_that_year_and_keeps_the_earlier_ones(tmp_path) -> None:
    first = sheet(
        tmp_path,
        ["H-1", "Trần Văn An", 1970, "044070001234", "18880", "Thôn 1", "Hộ nghèo"],
        ["H-2", "Lê Thị Bình", 1985, "", "18880", "Thôn 2", "cận nghèo"],
    )
    import_list(first, year=2018, decision="12/QĐ-UBND")
    second = sheet(tmp_path, ["H-1", "Trần Văn An", 1970, "044070001234", "18880", "Thôn 1", "không"])
    import_list(second, year=2019, decision="5/QĐ-UBND")

    one = Household.objects.get(code="H-1")
    assert dict(one.poverty.values_list("year", "status")) == {2018: "poor", 2019: "none"}
    assert PovertyRecord.objects.get(household__code="H-2", year=2018).decision == "12/QĐ-UBND"
    assert one.unit.code == "18880" and one.unit_path == former("18880").path
    assert one.history.count() == 1 and PovertyRecord.objects.get(household=one, year=2018).history.count() == 1


def test_a_correction_of_the_same_year_updates_that_year_with_its_history(tmp_path) -> None:
    import_list(sheet(tmp_path, ["H-1", "Trần Văn An", 1970, "", "18880", "Thôn 1", "nghèo"]), year=2019)
    counts = import_list(sheet(tmp_path, ["H-1", "Trần Văn An", 1970, "", "18880", "Thôn 1", "cận nghèo"]), year=2019)

    record = PovertyRecord.objects.get(household__code="H-1", year=2019)
    assert counts == {"created": 0, "updated": 1, "unchanged": 0, "households_created": 0}
    assert record.status == "near_poor" and [h.status for h in record.history.all()] == ["near_poor", "poor"]


def test_any_bad_row_and_nothing_is_written(tmp_path) -> None:
    path = sheet(
        tmp_path,
        ["H-1", "Trần Văn An", 1970, "", "18880", "Thôn 1", "nghèo"],
        ["H-2", "Lê Thị Bình", 1985, "044070001234", "18880", "Thôn 2", "cận nghèo"],
        ["H-3", "", 1990, "", "18880", "Thôn 3", "nghèo"],
        ["H-4", "Hồ Văn Dũng", 1990, "", "99999", "Thôn 3", "giàu"],
    )
    validation = check(path, year=2019)
    assert {(e.row, e.column) for e in validation.errors} == {
        (3, "Số định danh cá nhân"),
        (4, "Họ tên chủ hộ"),
        (5, "Mã đơn vị hành chính cấp xã"),
        (5, "Diện"),
    }
    with pytest.raises(CommandError):
        call_command("import", "poverty-list", str(path), "--year", "2019")
    assert Household.objects.count() == 0 and PovertyRecord.objects.count() == 0
    assert not Event.objects.filter(verb=list_import.VERB).exists()


def test_the_commune_officer_cannot_create_or_change_households_of_another_commune(tmp_path) -> None:
    officer = User.objects.get(username="canboxa")  # the communes coded 18880
    elsewhere = household("E-1", "18883", head_name="Nguyễn Văn Xa")
    PovertyRecord.objects.create(household=elsewhere, year=2019, status="poor")
    path = sheet(
        tmp_path,
        ["N-1", "Lê Văn Mới", 1980, "", "18883", "Thôn 1", "nghèo"],
        ["E-1", "Nguyễn Văn Xa", 1980, "", "18880", "Thôn 1", "không"],
        ["E-2", "Hồ Thị Gần", 1980, "", "18880", "Thôn 1", "nghèo"],
    )

    validation = check(path, year=2019, actor=officer)

    assert [(e.row, e.column, e.message) for e in validation.errors] == [
        (2, "Mã đơn vị hành chính cấp xã", "Không có xã nào mã 18883 trong địa bàn của bạn năm 2019."),
        (3, "Mã hộ", "Không có hộ này trong địa bàn của bạn."),
    ]
    assert "Nguyễn Văn Xa" not in str(validation.errors) and validation.notes == []
    with pytest.raises(CommandError):
        call_command("import", "poverty-list", str(path), "--year", "2019", "--user", "canboxa")
    assert set(Household.objects.values_list("code", flat=True)) == {"E-1"}
    assert PovertyRecord.objects.get(household=elsewhere).status == "poor"


def test_a_code_taken_in_another_commune_is_not_found_without_naming_its_household(tmp_path) -> None:
    officer = User.objects.get(username="canboxa")
    household("E-1", "19015", head_name="Đinh Văn Khác")
    unknown = check(sheet(tmp_path, ["E-9", "Lê Văn Mới", 1980, "", "18880", "", "nghèo"]), year=2019, actor=officer)
    taken = check(sheet(tmp_path, ["E-1", "Lê Văn Mới", 1980, "", "18880", "", "nghèo"]), year=2019, actor=officer)

    assert unknown.ok and taken.notes == []
    assert [e.message for e in taken.errors] == ["Không có hộ này trong địa bàn của bạn."]


def test_the_commune_officer_imports_the_list_of_their_commune(tmp_path) -> None:
    officer = User.objects.get(username="canboxa")
    mine = household("M-1", "18880")
    path = sheet(
        tmp_path,
        ["M-1", "Chủ hộ M-1", "", "", "18880", "", "cận nghèo"],
        ["M-2", "Võ Thị Hoa", 1975, "", "18880", "Thôn 2", "nghèo"],
    )

    counts = import_list(path, year=2019, actor=officer)

    assert counts == {"created": 2, "updated": 0, "unchanged": 0, "households_created": 1}
    assert mine.poverty.get(year=2019).status == "near_poor"
    assert Household.objects.get(code="M-2").created_by == officer


def test_duplicate_hints_name_only_households_the_importer_may_see(tmp_path) -> None:
    officer = User.objects.get(username="canboxa")
    household("F-1", "18883", head_name="Trần Văn Xa", head_birth_year=1970, citizen_id="044070001234")
    household("F-2", "18880", head_name="Lê Thị Gần", head_birth_year=1985, village="Thôn 2")
    path = sheet(
        tmp_path,
        ["X-1", "Trần Văn Xa", 1970, "044070001234", "18880", "Thôn 1", "nghèo"],
        ["X-2", "LÊ THỊ GẦN", 1985, "", "18880", "Thôn 2", "nghèo"],
    )

    officer_check = check(path, year=2019, actor=officer)
    specialist_check = check(path, year=2019, actor=User.objects.get(username="chuyenvien"))

    assert officer_check.ok and officer_check.notes == ["X-2 có thể là cùng hộ với F-2 Lê Thị Gần."]
    assert specialist_check.notes == [
        "X-1 có thể là cùng hộ với F-1 Trần Văn Xa.",
        "X-2 có thể là cùng hộ với F-2 Lê Thị Gần.",
    ]


def test_possible_duplicates_are_noted_and_merged_by_a_specialist_keeping_both_histories(tmp_path) -> None:
    import_list(sheet(tmp_path, ["H-1", "Trần Văn An", 1970, "044070001234", "18880", "Thôn 1", "nghèo"]), year=2017)
    again = sheet(
        tmp_path,
        ["X-9", "Trần Văn An", 1970, "044070001234", "18880", "Thôn 1", "nghèo"],
        ["X-8", "TRẦN VĂN AN", 1970, "", "18880", "Thôn 1", "nghèo"],
    )
    assert check(again, year=2018).notes == [
        "X-9 có thể là cùng hộ với H-1 Trần Văn An.",
        "X-8 có thể là cùng hộ với H-1 Trần Văn An.",
    ]

    import_list(again, year=2018)
    keep, duplicate = Household.objects.get(code="H-1"), Household.objects.get(code="X-9")
    tv = Programme.objects.get(code="tv-digitisation")
    Delivery.objects.create(programme=tv, household=duplicate, delivered_on=dt.date(2019, 5, 1))
    services.merge_households(keep=keep, merge=duplicate, actor=User.objects.get(username="chuyenvien"), now=NOW)

    assert dict(keep.poverty.values_list("year", "status")) == {2017: "poor", 2018: "poor"}
    assert keep.deliveries.count() == 1
    duplicate.refresh_from_db()
    assert duplicate.is_deleted and duplicate.history.count() >= 2
    refused = check(sheet(tmp_path, ["X-9", "Trần Văn An", 1970, "", "18880", "Thôn 1", "nghèo"]), year=2019)
    assert [e.column for e in refused.errors] == ["Mã hộ"]


def test_one_event_records_each_import_with_its_counts(tmp_path) -> None:
    path = sheet(
        tmp_path,
        ["H-1", "Trần Văn An", 1970, "", "18880", "Thôn 1", "nghèo"],
        ["H-2", "Lê Thị Bình", 1985, "", "18883", "Thôn 2", "cận nghèo"],
    )
    call_command("import", "poverty-list", str(path), "--year", "2019", "--decision", "5/QĐ-UBND", "--dry-run")
    assert not Event.objects.filter(verb=list_import.VERB).exists()

    call_command("import", "poverty-list", str(path), "--year", "2019", "--decision", "5/QĐ-UBND")

    event = Event.objects.get(verb=list_import.VERB)
    assert (event.object_type, event.object_id) == ("programmes.povertylist", "2019")
    assert event.data == {
        "year": 2019,
        "decision": "5/QĐ-UBND",
        "standard": "",
        "rows": 2,
        "communes": 2,
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "households_created": 2,
    }
    assert not Event.objects.exclude(verb=list_import.VERB).filter(object_type="programmes.household").exists()


def test_importing_the_same_file_again_changes_nothing(tmp_path) -> None:
    path = sheet(
        tmp_path,
        ["H-1", "Trần Văn An", 1970, "044070001234", "18880", "Thôn 1", "nghèo"],
        ["H-2", "Lê Thị Bình", 1985, "", "18880", "Thôn 2", "cận nghèo"],
    )
    import_list(path, year=2019, decision="5/QĐ-UBND")
    before = (Household.history.count(), PovertyRecord.history.count(), list(PovertyRecord.objects.values()))

    counts = import_list(path, year=2019, decision="5/QĐ-UBND")

    assert counts == {"created": 0, "updated": 0, "unchanged": 2, "households_created": 0}
    assert (Household.history.count(), PovertyRecord.history.count(), list(PovertyRecord.objects.values())) == before


def test_each_block_of_rows_is_checked_in_the_same_few_queries(tmp_path, monkeypatch) -> None:
    for n in range(20):
        household(f"K-{n}", "18880", head_birth_year=1970)

    def row(n: int) -> list:
        known = n % 2 == 0  # half the rows name stored households, half are new
        code = f"K-{n}" if known else f"N-{n}"
        return [code, f"Chủ hộ {code}", 1970, "", "18880", "", "nghèo"]

    def queries(rows: int, block: int) -> int:
        monkeypatch.setattr(imports, "BATCH", block)
        path = sheet(tmp_path, *[row(n) for n in range(rows)], name=f"{rows}-{block}.xlsx")
        with CaptureQueriesContext(connection) as captured:
            assert check(path, year=2019, actor=User.objects.get(username="canboxa")).ok
        return len(captured)

    per_block_of_4 = queries(8, 4) - queries(4, 4)
    per_block_of_8 = queries(16, 8) - queries(8, 8)

    assert per_block_of_4 == per_block_of_8 <= 6


def test_writing_takes_the_same_queries_however_many_rows(tmp_path) -> None:
    for n in range(16):
        PovertyRecord.objects.create(household=household(f"K-{n}", "18880"), year=2019, status="none")

    def queries(rows: int) -> int:
        known = [[f"K-{n}", f"Chủ hộ K-{n}", "", "", "18880", "", "nghèo"] for n in range(rows)]
        fresh = [[f"N-{rows}-{n}", f"Chủ hộ {n}", "", "", "18880", "", "cận nghèo"] for n in range(rows)]
        validation = check(sheet(tmp_path, *known, *fresh, name=f"{rows}.xlsx"), year=2019)
        with CaptureQueriesContext(connection) as captured:
            imports.commit(POVERTY_LIST, validation, actor=None, now=NOW)
        return len(captured)

    assert queries(4) == queries(8)


def test_the_cli_checks_then_imports_in_the_units_of_the_lists_year(tmp_path, capsys) -> None:
    household("H-0", "18880", head_name="Trần Văn An", head_birth_year=1970, village="Thôn 1")
    path = sheet(tmp_path, ["H-1", "Trần Văn An", 1970, "", "18880", "Thôn 1", "nghèo"])
    call_command("import", "poverty-list", str(path), "--year", "2019", "--dry-run")
    out = capsys.readouterr().out
    assert "1 dòng" in out and "H-1 có thể là cùng hộ với H-0 Trần Văn An." in out
    assert not PovertyRecord.objects.exists()
    call_command("import_poverty_list", str(path), "--year", "2019")
    assert Household.objects.get(code="H-1").poverty.get().year == 2019
    unit = AdministrativeUnit.objects.get(pk=Household.objects.get(code="H-1").unit_id)
    assert unit.code == "18880" and unit.valid_to is not None  # the former commune, in force in 2019
    with pytest.raises(CommandError, match="--year"):
        call_command("import", "poverty-list", str(path))


def test_the_page_takes_the_year_checks_the_list_in_the_background_then_imports_it(tmp_path) -> None:
    client = Client()
    client.force_login(User.objects.get(username="chuyenvien"))
    assert client.get("/chuong-trinh/danh-sach-ho-ngheo/")["Location"] == "/co-so-du-lieu/poverty-list/nhap/"
    template = client.get("/co-so-du-lieu/poverty-list/mau-nhap.xlsx")
    assert template.status_code == 200 and template["Content-Disposition"].endswith('mau-poverty-list.xlsx"')
    bad = sheet(tmp_path, ["H-1", "Trần Văn An", 1970, "", "18880", "Thôn 1", "giàu"])
    page = client.post("/co-so-du-lieu/poverty-list/nhap/", {"file": SimpleUploadedFile("ds.xlsx", bad.read_bytes())})
    assert page.status_code == 200 and not ImportJob.objects.exists()  # no year: the form asks for it

    client.post(
        "/co-so-du-lieu/poverty-list/nhap/",
        {"year": 2019, "decision": "5/QĐ-UBND", "file": SimpleUploadedFile("ds.xlsx", bad.read_bytes())},
    )
    assert ImportJob.objects.get().status == ImportJob.Status.INVALID
    household("H-0", "18880", head_name="Trần Văn An", head_birth_year=1970, village="Thôn 1")
    good = sheet(tmp_path, ["H-1", "Trần Văn An", 1970, "", "18880", "Thôn 1", "nghèo"])
    checked = client.post(
        "/co-so-du-lieu/poverty-list/nhap/",
        {"year": 2019, "decision": "5/QĐ-UBND", "file": SimpleUploadedFile("ds.xlsx", good.read_bytes())},
        follow=True,
    )
    job = ImportJob.objects.latest("pk")
    page = checked.content.decode()
    assert job.status == ImportJob.Status.VALID and not PovertyRecord.objects.exists()
    assert "5/QĐ-UBND" in page and 'data-testid="commit-import"' in page
    assert "H-1 có thể là cùng hộ với H-0 Trần Văn An." in page

    client.post(f"/co-so-du-lieu/poverty-list/nhap/{job.pk}/thuc-hien/")

    job.refresh_from_db()
    record = Household.objects.get(code="H-1").poverty.get()
    assert job.status == ImportJob.Status.DONE and job.result["households_created"] == 1
    assert (record.year, record.status, record.decision) == (2019, "poor", "5/QĐ-UBND")
    assert Event.objects.filter(verb=list_import.VERB).count() == 1


def test_the_household_page_shows_its_lists_and_support_and_merges_a_duplicate() -> None:
    keep = household("K-1", "18880", head_name="Trần Văn An")
    twin = household("K-2", "18880", head_name="Trần Văn An")
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
