"""An import changes only records the actor may change: a key that belongs to another unit's record is
"not found" (never taken over, never revealed), and a key that matches a deleted record restores it."""

import csv
from pathlib import Path

import pytest

from ictmis.accounts.models import User
from ictmis.core import imports, registry
from ictmis.core.access import SYSTEM
from ictmis.core.records import soft_delete
from ictmis.programmes.models import Household
from ictmis.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db

HEADER = ["Mã hộ", "Họ tên chủ hộ", "Năm sinh", "Mã đơn vị hành chính cấp xã"]
NOT_FOUND = "Không tìm thấy bản ghi có khóa này trong số các bản ghi thuộc phạm vi bạn phụ trách."


def commune(code: str) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(code=code, level="commune", valid_to__isnull=False)


def household(code: str, unit_code: str, head: str = "Nguyễn Văn Hộ") -> Household:
    record = Household(code=code, head_name=head, head_birth_year=1965, unit=commune(unit_code))
    record.save()
    return record


def sheet(tmp_path: Path, *rows: list[str]) -> Path:
    path = tmp_path / "ho.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def officer() -> User:
    return User.objects.get(username="canboxa")


def run(path: Path, actor, now) -> tuple[imports.Validation, dict[str, int] | None]:
    spec = registry.get("households")
    validation = imports.validate(spec, path, actor=actor)
    writer = None if actor is SYSTEM else actor  # as `ictmis import` does: the system is recorded as no user
    result = imports.commit(spec, validation, actor=writer, now=now) if validation.ok else None
    return validation, result


def test_an_officer_cannot_move_another_communes_household_into_their_own(tmp_path, now) -> None:
    theirs = household("HS-OTHER", "19015", head="Lê Thị Khác")

    validation, result = run(sheet(tmp_path, ["HS-OTHER", "Trần Văn Mới", "1970", "18880"]), officer(), now)

    assert result is None
    assert [(e.row, e.message) for e in validation.errors] == [(2, NOT_FOUND)]
    theirs.refresh_from_db()
    assert (theirs.unit.code, theirs.head_name, theirs.version) == ("19015", "Lê Thị Khác", theirs.version)
    assert theirs.history.count() == 1


def test_the_refusal_is_the_same_whether_or_not_the_key_exists_elsewhere(tmp_path, now) -> None:
    household("HS-ELSEWHERE", "19015")

    taken, _ = run(sheet(tmp_path, ["HS-ELSEWHERE", "Trần Văn Mới", "1970", "18880"]), officer(), now)
    taken_deleted_elsewhere = household("HS-GONE", "19015")
    soft_delete(taken_deleted_elsewhere, actor=None, now=now, verb="test.deleted")
    gone, _ = run(sheet(tmp_path, ["HS-GONE", "Trần Văn Mới", "1970", "18880"]), officer(), now)

    assert [e.message for e in taken.errors] == [e.message for e in gone.errors] == [NOT_FOUND]
    assert Household.objects.filter(code__in=["HS-ELSEWHERE", "HS-GONE"], unit__code="18880").count() == 0


def test_an_officer_updates_their_own_communes_household(tmp_path, now) -> None:
    mine = household("HS-MINE", "18880")

    validation, result = run(sheet(tmp_path, ["HS-MINE", "Nguyễn Văn Đổi", "1965", "18880"]), officer(), now)

    assert validation.ok
    assert result == {"created": 0, "updated": 1, "unchanged": 0, "restored": 0}
    mine.refresh_from_db()
    assert mine.head_name == "Nguyễn Văn Đổi"


def test_a_row_matching_a_deleted_record_restores_it_with_the_rows_values(tmp_path, now) -> None:
    deleted = household("HS-DEL", "18880")
    soft_delete(deleted, actor=None, now=now, verb="test.deleted")

    validation, result = run(sheet(tmp_path, ["HS-DEL", "Nguyễn Văn Về", "1965", "18880"]), officer(), now)

    assert validation.ok
    assert result == {"created": 0, "updated": 0, "unchanged": 0, "restored": 1}
    deleted.refresh_from_db()
    assert deleted.deleted_at is None and deleted.deleted_by is None and deleted.head_name == "Nguyễn Văn Về"
    assert deleted.history.order_by("-history_id").first().deleted_at is None
    assert Household.objects.filter(code="HS-DEL").count() == 1


def test_a_record_moved_out_of_scope_after_the_check_stops_the_whole_import(tmp_path, now) -> None:
    mine = household("HS-MOVES", "18880")
    validation = imports.validate(
        registry.get("households"),
        sheet(tmp_path, ["HS-NEW", "Phạm Văn Mới", "1990", "18880"], ["HS-MOVES", "Nguyễn Văn Đổi", "1965", "18880"]),
        actor=officer(),
    )
    assert validation.ok
    mine.unit = commune("19015")
    mine.save()

    with pytest.raises(imports.OutOfScopeError):
        imports.commit(registry.get("households"), validation, actor=officer(), now=now)

    assert not Household.objects.filter(code="HS-NEW").exists()
    mine.refresh_from_db()
    assert mine.head_name == "Nguyễn Văn Hộ"


def test_the_system_and_the_specialist_still_update_anywhere(tmp_path, now) -> None:
    household("HS-ANY", "19015")

    validation, result = run(sheet(tmp_path, ["HS-ANY", "Nguyễn Văn Đổi", "1965", "19015"]), SYSTEM, now)
    specialist = User.objects.get(username="chuyenvien")
    again, second = run(sheet(tmp_path, ["HS-ANY", "Nguyễn Văn Lại", "1965", "19015"]), specialist, now)

    assert validation.ok and again.ok
    assert result is not None and result["updated"] == 1
    assert second is not None and second["updated"] == 1


def test_one_check_reports_every_error_of_a_row(tmp_path) -> None:
    path = tmp_path / "bd.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Mã điểm", "Tên điểm", "Mã đơn vị hành chính cấp xã", "Vĩ độ", "Kinh độ", "Số nhân viên",
                         "Số sách", "Số máy tính"])  # fmt: skip
        writer.writerow(["BD-X1", "Điểm ngoài xã", "19015", "95", "106.6", "-2", "nhiều", "-1"])
        writer.writerow(["BD-X2", "Đ" * 300, "18880", "17.47", "106.6", "40000", "100", "2"])

    validation = imports.validate(registry.get("post-offices"), path, actor=officer())

    by_row: dict[int, set[str]] = {}
    for error in validation.errors:
        by_row.setdefault(error.row, set()).add(error.column)
    assert by_row == {
        2: {"Mã đơn vị hành chính cấp xã", "Vĩ độ", "Số nhân viên", "Số sách", "Số máy tính"},
        3: {"Tên điểm", "Số nhân viên"},
    }
