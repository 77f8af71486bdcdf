"""Programmes through the API and the pages: deliveries go through the rules, progress follows."""

import datetime as dt
import io

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from ictmis.accounts.models import User
from ictmis.accounts.services import create_token
from ictmis.programmes.models import Delivery, Household, Poverty, PovertyRecord, Programme, Target
from ictmis.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def api(username: str) -> Client:
    _token, raw = create_token(user=User.objects.get(username=username), name="t", now=timezone.now())
    return Client(headers={"Authorization": f"Bearer {raw}"})


def household(code: str, unit_code: str, status: str = Poverty.POOR) -> Household:
    unit = AdministrativeUnit.objects.get(code=unit_code, level="commune", valid_to__isnull=False)
    home = Household(code=code, head_name=f"Chủ hộ {code}", unit=unit)
    home.save()
    PovertyRecord.objects.create(household=home, year=2018, status=status)
    return home


@pytest.fixture
def tv() -> Programme:
    programme = Programme.objects.get(code="tv-digitisation")
    Target.objects.create(
        programme=programme,
        year=2019,
        quantity=2,
        unit=AdministrativeUnit.objects.get(code="18880", valid_to__isnull=False),
    )
    return programme


def test_a_commune_officer_records_deliveries_of_their_commune_and_progress_follows(tv) -> None:
    household("A1", "18880")
    household("A2", "18880", Poverty.NONE)
    household("Z1", "19015")
    officer = api("canboxa")
    body = {"household": "A1", "delivered_on": "2019-06-10", "serial": "STB-9", "antenna": True, "cable_m": 12}
    created = officer.post("/api/v1/programmes/tv-digitisation/deliveries", body, content_type="application/json")
    assert created.status_code == 201 and created.json()["commune"] == "18880"
    refused = officer.post(
        "/api/v1/programmes/tv-digitisation/deliveries",
        {**body, "household": "A2", "serial": ""},
        content_type="application/json",
    )
    assert refused.status_code == 409 and refused.json()["errors"][0]["field"] == "household"
    elsewhere = officer.post(
        "/api/v1/programmes/tv-digitisation/deliveries",
        {**body, "household": "Z1", "serial": ""},
        content_type="application/json",
    )
    assert elsewhere.status_code == 409
    overridden = officer.post(
        "/api/v1/programmes/tv-digitisation/deliveries",
        {**body, "household": "A2", "serial": "", "override_reason": "Hộ khó khăn đột xuất"},
        content_type="application/json",
    )
    assert overridden.status_code == 403 and Delivery.objects.count() == 1

    rows = {r["unit"]: r for r in api("chuyenvien").get("/api/v1/programmes/tv-digitisation/progress").json()}
    assert (rows["18880"]["target"], rows["18880"]["delivered"], rows["18880"]["percent"]) == (2, 1, 50.0)
    assert rows["19015"]["eligible_not_served"] == 1
    listed = officer.get("/api/v1/programmes/tv-digitisation/deliveries").json()
    assert listed["count"] == 1 and listed["items"][0]["serial"] == "STB-9"


def test_the_progress_report_and_the_communes_list_to_print(tv) -> None:
    household("A1", "18880")
    household("A3", "18880")
    specialist = Client()
    specialist.force_login(User.objects.get(username="chuyenvien"))
    response = specialist.post(
        "/chuong-trinh/tv-digitisation/?cap=commune", {"household": "A1", "delivered_on": "10/06/2019", "cable_m": "16"}
    )
    assert "16" in response.content.decode() and Delivery.objects.count() == 0
    specialist.post("/chuong-trinh/tv-digitisation/?cap=commune", {"household": "A1", "delivered_on": "10/06/2019"})
    assert Delivery.objects.get().delivered_on == dt.date(2019, 6, 10)

    report = specialist.get("/chuong-trinh/tv-digitisation/", {"cap": "commune", "export": "xlsx"})
    book = load_workbook(io.BytesIO(report.content))
    rows = [row for row in book.active.iter_rows(values_only=True) if any(v is not None for v in row)]
    assert rows[0][0] == "UBND TỈNH QUẢNG TRỊ" and rows[0][4] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert rows[2][0].startswith("BÁO CÁO TIẾN ĐỘ THỰC HIỆN") and "Căn cứ" in rows[4][0]
    assert rows[5][:5] == ("STT", "Mã đơn vị", "Đơn vị", "Chỉ tiêu (hộ)", "Đã hỗ trợ (hộ)")
    assert rows[6][:3] == ("(1)", "(2)", "(3)")
    totals = next(row for row in rows if row[2] == "Tổng cộng")
    assert totals[3:7] == (2, 1, 50, 1)
    assert any(row[1] == "NGƯỜI LẬP BIỂU" and row[4] == "THỦ TRƯỞNG ĐƠN VỊ" for row in rows)
    assert book.sheetnames == ["Báo cáo"]  # by commune: no detail sheet
    by_district = load_workbook(
        io.BytesIO(specialist.get("/chuong-trinh/tv-digitisation/", {"cap": "district", "export": "xlsx"}).content)
    )
    assert by_district.sheetnames == ["Báo cáo", "Chi tiết theo xã"]

    officer = Client()
    officer.force_login(User.objects.get(username="canboxa"))
    page = officer.get("/chuong-trinh/tv-digitisation/chua-ho-tro/").content.decode()
    assert "A3" in page and "A1" not in page


def test_the_tv_programme_page_lists_the_switch_off_groups(tv) -> None:
    specialist = Client()
    specialist.force_login(User.objects.get(username="chuyenvien"))
    page = specialist.get("/chuong-trinh/tv-digitisation/").content.decode()
    assert "Quảng Bình" in page and "30/06/2019" in page


def test_progress_by_commune_is_open_data(tv) -> None:
    import csv
    import json

    from ictmis.programmes import services

    services.record_delivery(
        programme=tv,
        household=household("A1", "18880"),
        delivered_on=dt.date(2019, 6, 1),
        actor=User.objects.get(username="chuyenvien"),
        now=timezone.now(),
    )
    client = Client()
    rows = list(
        csv.reader(
            io.StringIO(client.get("/cong-thong-tin/du-lieu-mo/programme-progress.csv").content.decode("utf-8-sig"))
        )
    )
    assert rows[0][0] == "Mã chương trình" and rows[1][:6] == [
        "tv-digitisation",
        tv.name,
        "18880",
        rows[1][3],
        "2",
        "1",
    ]
    data = json.loads(b"".join(client.get("/cong-thong-tin/du-lieu-mo/programme-progress.json").streaming_content))
    assert data[0]["percent"] == 50.0 and "head_name" not in data[0]
