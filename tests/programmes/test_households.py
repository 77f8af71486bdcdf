"""Households as a registry: staff and the commune officer keep them, the portal never shows them,
the import checks citizen IDs row by row."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook

from ictmis.accounts.models import User
from ictmis.programmes.models import Household
from ictmis.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def client_of(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def home(code: str, unit_code: str) -> Household:
    unit = AdministrativeUnit.objects.get(code=unit_code, level="commune", valid_to__isnull=False)
    household = Household(code=code, head_name="Nguyễn Văn Hộ", head_birth_year=1965, unit=unit)
    household.save()
    return household


def test_households_are_kept_by_staff_and_their_commune_only_and_never_public() -> None:
    mine, other = home("HG-1", "18880"), home("HG-2", "19015")
    officer_page = client_of("canboxa").get("/co-so-du-lieu/households/").content.decode()
    assert "HG-1" in officer_page and "HG-2" not in officer_page
    assert client_of("chuyenvien").get(f"/co-so-du-lieu/households/{other.pk}/").status_code == 200
    assert client_of("doanhnghiep").get("/co-so-du-lieu/households/").status_code == 403
    assert client_of("bientap").get(f"/api/v1/households/{mine.pk}").status_code == 403
    anonymous = Client()
    assert anonymous.get("/cong-thong-tin/so-lieu/households/").status_code == 404
    assert anonymous.get("/cong-thong-tin/du-lieu-mo/households.csv").status_code == 404
    assert "households" not in anonymous.get("/cong-thong-tin/du-lieu-mo/catalog.json").content.decode()


def test_the_import_refuses_a_citizen_id_that_contradicts_the_year_of_birth() -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Mã hộ", "Họ tên chủ hộ", "Năm sinh", "Số định danh cá nhân", "Mã đơn vị hành chính cấp xã"])
    sheet.append(["HN-1", "Trần Thị Một", 1980, "044180001234", "18880"])
    sheet.append(["HN-2", "Lê Văn Hai", 1980, "044270001234", "18880"])
    data = io.BytesIO()
    book.save(data)
    response = client_of("chuyenvien").post(
        "/co-so-du-lieu/households/nhap/", {"file": SimpleUploadedFile("ho.xlsx", data.getvalue())}, follow=True
    )
    page = response.content.decode()
    assert "2070" in page and Household.objects.count() == 0
