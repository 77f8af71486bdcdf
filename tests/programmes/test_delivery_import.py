"""Deliveries through the core import engine: the programme's rules row by row, all or nothing, overrides
audited, the same file twice changes nothing, the commune officer's own communes only."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from openpyxl import Workbook

from ictmis.accounts.models import User
from ictmis.core import imports, registry
from ictmis.core.access import SYSTEM
from ictmis.core.models import Event, ImportJob
from ictmis.core.registry_services import delete_record
from ictmis.programmes import selectors
from ictmis.programmes.models import Delivery, Household, Poverty, PovertyRecord, Programme
from ictmis.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db
HEADER = ["Mã chương trình", "Mã hộ", "Ngày hỗ trợ", "Số sê-ri thiết bị", "Dây cáp (m)", "Lý do hỗ trợ ngoài quy định"]


def household(code: str, unit_code: str, status_2018: str | None) -> Household:
    unit = AdministrativeUnit.objects.get(code=unit_code, level="commune", valid_to__isnull=False)
    home = Household(code=code, head_name=f"Chủ hộ {code}", unit=unit)
    home.save()
    if status_2018:
        PovertyRecord.objects.create(household=home, year=2018, status=status_2018)
    return home


def book(*rows: list) -> bytes:
    workbook = Workbook()
    workbook.active.append(HEADER)
    for row in rows:
        workbook.active.append(row)
    data = io.BytesIO()
    workbook.save(data)
    return data.getvalue()


def saved(tmp_path: Path, *rows: list) -> Path:
    path = tmp_path / "cap-phat.xlsx"
    path.write_bytes(book(*rows))
    return path


def test_the_cli_checks_every_row_against_the_rules_then_writes_all(tmp_path, capsys) -> None:
    household("D1", "18880", Poverty.POOR)
    household("D2", "18880", Poverty.NEAR_POOR)
    household("D3", "18883", None)  # not in the 2018 list
    bad = saved(
        tmp_path,
        ["tv-digitisation", "D1", "01/06/2019", "STB-1", 10, ""],
        ["tv-digitisation", "D2", "02/06/2019", "STB-1", 20, ""],
        ["tv-digitisation", "D3", "03/06/2019", "STB-3", 5, ""],
        ["tv-digitisation", "D1", "04/06/2019", "STB-4", 5, ""],
        ["khong-co", "D1", "04/06/2019", "", "", ""],
        ["tv-digitisation", "D9", "04/06/2019", "", "", ""],
    )
    with pytest.raises(CommandError):
        call_command("import", "deliveries", str(bad))
    out = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0].split(" ", 1)[1] for line in out] == ["3, Dây cáp (m)", "3, Số sê-ri thiết bị",
                                                                     "4, Mã hộ", "5, Mã hộ", "6, Mã chương trình",
                                                                     "7, Mã hộ"]  # fmt: skip
    assert "Số sê-ri STB-1 xuất hiện hai lần trong tệp này" in out[1]
    assert "năm 2018" in out[2] and "dòng trước" in out[3]
    assert "khong-co" in out[4] and "Không có hộ này" in out[5]
    assert Delivery.objects.count() == 0

    good = saved(
        tmp_path,
        ["tv-digitisation", "D1", "01/06/2019", "STB-1", 10, ""],
        ["tv-digitisation", "D2", "02/06/2019", "STB-2", 15, ""],
        ["tv-digitisation", "D3", "03/06/2019", "STB-3", 5, "Hộ mới nghèo do bão, UBND xã xác nhận"],
    )
    with pytest.raises(CommandError):  # an override needs a specialist
        call_command("import", "deliveries", str(good))
    call_command("import", "deliveries", str(good), "--user", "chuyenvien")
    assert Delivery.objects.count() == 3
    overridden = Delivery.objects.get(household__code="D3")
    assert overridden.override_reason.startswith("Hộ mới nghèo")
    assert Event.objects.filter(verb="programmes.delivery.recorded", object_id=str(overridden.pk)).exists()
    tv = Programme.objects.get(code="tv-digitisation")
    assert {r["unit"]: r["delivered"] for r in selectors.progress(tv)} == {"18880": 2, "18883": 1}

    capsys.readouterr()
    call_command("import", "deliveries", str(good), "--user", "chuyenvien")
    assert Delivery.objects.count() == 3
    assert "tạo mới 0, cập nhật 0, không thay đổi 3" in capsys.readouterr().out  # the same file again

    household("D4", "18880", Poverty.POOR)
    taken = saved(tmp_path, ["tv-digitisation", "D4", "05/06/2019", "STB-2", 5, ""])
    with pytest.raises(CommandError):
        call_command("import", "deliveries", str(taken))
    assert "Số sê-ri STB-2 đã bàn giao cho hộ D2 ngày 02/06/2019" in capsys.readouterr().out


def test_the_commune_officer_imports_deliveries_of_their_commune_on_the_page() -> None:
    household("W1", "18880", Poverty.POOR)
    household("W2", "19015", Poverty.POOR)  # another district's commune
    officer = Client()
    officer.force_login(User.objects.get(username="canboxa"))
    assert "import-deliveries" in officer.get("/chuong-trinh/").content.decode()
    assert "cùng chương trình, hộ và ngày" in officer.get("/co-so-du-lieu/deliveries/nhap/").content.decode()
    template = officer.get("/co-so-du-lieu/deliveries/mau-nhap.xlsx")
    assert template.status_code == 200 and template["Content-Type"].startswith("application/vnd.openxml")

    officer.post(
        "/co-so-du-lieu/deliveries/nhap/",
        {"file": SimpleUploadedFile("a.xlsx", book(["tv-digitisation", "W2", "01/06/2019", "S-9", 5, ""]))},
    )
    job = ImportJob.objects.latest("pk")
    assert job.status == ImportJob.Status.INVALID
    assert job.errors[0]["message"] == "Không có hộ này trong địa bàn của bạn."

    response = officer.post(
        "/co-so-du-lieu/deliveries/nhap/",
        {"file": SimpleUploadedFile("b.xlsx", book(["tv-digitisation", "W1", "01/06/2019", "S-1", 5, ""]))},
        follow=True,
    )
    job = ImportJob.objects.latest("pk")
    assert job.status == ImportJob.Status.VALID and job.total_rows == 1
    assert "Lượt hỗ trợ" in response.content.decode()  # the job page, titled by the importer
    officer.post(f"/co-so-du-lieu/deliveries/nhap/{job.pk}/thuc-hien/")
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.result["created"] == 1
    assert Delivery.objects.get().created_by == User.objects.get(username="canboxa")
    assert Client().get("/co-so-du-lieu/deliveries/nhap/").status_code == 302
    editor = Client()
    editor.force_login(User.objects.get(username="bientap"))
    assert editor.get("/co-so-du-lieu/deliveries/nhap/").status_code == 403


def test_a_deleted_household_is_not_found_and_the_rows_of_one_block_read_their_households_at_once(
    tmp_path, capsys, django_assert_max_num_queries, now
) -> None:
    gone = household("G1", "18880", Poverty.POOR)
    delete_record(spec=registry.get("households"), record=gone, actor=User.objects.get(username="admin"), now=now)
    with pytest.raises(CommandError):
        call_command("import", "deliveries", str(saved(tmp_path, ["tv-digitisation", "G1", "01/06/2019", "", "", ""])))
    assert "Không có hộ này trong địa bàn của bạn." in capsys.readouterr().out

    for n in range(30):
        household(f"B{n}", "18880", Poverty.POOR)
    path = saved(tmp_path, *[["tv-digitisation", f"B{n}", "01/06/2019", f"S-{n}", 5, ""] for n in range(30)])
    with django_assert_max_num_queries(12):  # a handful per block of rows, whatever its length
        validation = imports.validate(registry.source("deliveries"), path, actor=SYSTEM)
    assert validation.ok and len(validation.rows) == 30


def test_an_import_date_in_the_future_is_refused(tmp_path, capsys) -> None:
    household("F1", "18880", None)
    PovertyRecord.objects.create(household=Household.objects.get(code="F1"), year=2026, status=Poverty.POOR)
    later = (dt.date.today() + dt.timedelta(days=40)).strftime("%d/%m/%Y")
    with pytest.raises(CommandError):
        call_command("import", "deliveries", str(saved(tmp_path, ["smartphones", "F1", later, "", "", ""])))
    assert "tương lai" in capsys.readouterr().out and Delivery.objects.count() == 0


def test_values_the_database_would_refuse_are_row_errors(tmp_path, capsys) -> None:
    household("B1", "18880", Poverty.POOR)
    household("B2", "18880", Poverty.POOR)
    path = saved(
        tmp_path,
        ["tv-digitisation", "B1", "01/06/2019", "S" * 61, -3, ""],
        ["tv-digitisation", "B2", "01/06/2019", "S-2", 5, ""],
    )
    with pytest.raises(CommandError):
        call_command("import", "deliveries", str(path), "--user", "chuyenvien")
    out = capsys.readouterr().out
    assert "Dây cáp (m)" in out and "Số sê-ri thiết bị" in out and "60" in out and Delivery.objects.count() == 0

    call_command("import", "deliveries", str(saved(tmp_path, ["tv-digitisation", "B2", "01/06/2019", "S-2", 5, ""])))
    other = saved(tmp_path, ["tv-digitisation", "B2", "01/06/2019", "S-9", 5, ""])  # same day, another box
    with pytest.raises(CommandError):
        call_command("import", "deliveries", str(other))
    assert Delivery.objects.get().serial == "S-2"


def test_the_progress_api_refuses_a_year_out_of_range() -> None:
    client = Client()
    client.force_login(User.objects.get(username="chuyenvien"))
    assert client.get("/api/v1/programmes/tv-digitisation/progress?year=0").status_code == 422
    assert client.get("/api/v1/programmes/tv-digitisation/progress?year=2019").status_code == 200


def test_a_household_served_by_hand_between_the_check_and_the_write_stops_the_import(tmp_path) -> None:
    from django.utils import timezone

    from ictmis.core import imports, registry
    from ictmis.core.access import SYSTEM
    from ictmis.core.errors import DomainError
    from ictmis.programmes import services

    home = household("M1", "18880", Poverty.POOR)
    household("M2", "18880", Poverty.POOR)
    path = saved(
        tmp_path,
        ["tv-digitisation", "M2", "01/06/2019", "STB-M2", 10, ""],
        ["tv-digitisation", "M1", "02/06/2019", "STB-M1", 10, ""],
    )
    spec = registry.source("deliveries")
    validation = imports.validate(spec, path, actor=SYSTEM)
    assert validation.ok
    services.record_delivery(
        programme=Programme.objects.get(code="tv-digitisation"),
        household=home,
        delivered_on=dt.date(2019, 6, 1),
        actor=User.objects.get(username="admin"),
        now=timezone.now(),
    )
    with pytest.raises(DomainError) as refused:
        imports.commit(spec, validation, actor=None, now=timezone.now())
    assert "3" in refused.value.message and "M1" in refused.value.message
    assert list(Delivery.objects.values_list("household__code", flat=True)) == ["M1"]
