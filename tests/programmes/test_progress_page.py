"""The programme page at commune level: the table a page at a time, filtered by province and searched by name,
while the totals, the units behind the pace, the map and the Excel report still count every unit."""

import datetime as dt
import io
import json
import re

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from ictmis.accounts.models import User
from ictmis.programmes import services
from ictmis.programmes.models import Household, Poverty, PovertyRecord, Programme, Target
from ictmis.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def former_communes(province_code: str, count: int) -> list[AdministrativeUnit]:
    communes = AdministrativeUnit.objects.filter(
        level="commune", valid_to__isnull=False, parent__parent__code=province_code, parent__parent__level="province"
    )
    return list(communes.order_by("code")[:count])


@pytest.fixture
def spread() -> dict:
    """Targets of one household in 60 former communes of Quảng Bình and 5 of Quảng Trị (more than a page);
    two communes served in full, one with a household still waiting."""
    tv = Programme.objects.get(code="tv-digitisation")
    quang_binh, quang_tri = former_communes("44", 60), former_communes("45", 5)
    for commune in [*quang_binh, *quang_tri]:
        Target.objects.create(programme=tv, year=2019, quantity=1, unit=commune)
    specialist = User.objects.get(username="chuyenvien")
    for index, commune in enumerate(quang_binh[:3]):
        home = Household(code=f"P{index}", head_name=f"Chủ hộ {index}", unit=commune)
        home.save()
        PovertyRecord.objects.create(household=home, year=2018, status=Poverty.POOR)
        if index < 2:
            services.record_delivery(programme=tv, household=home, delivered_on=dt.date(2019, 6, 1),
                                     actor=specialist, now=timezone.now())  # fmt: skip
    return {"quang_binh": quang_binh, "quang_tri": quang_tri, "waiting": quang_binh[2]}


def page(params: dict) -> tuple[str, list[str]]:
    client = Client()
    client.force_login(User.objects.get(username="chuyenvien"))
    response = client.get("/chuong-trinh/tv-digitisation/", params)
    assert response.status_code == 200
    html = response.content.decode()
    body = re.search(r'data-testid="progress">.*?<tbody>(.*?)</tbody>', html, re.S)
    assert body is not None
    return html, re.findall(r'<span class="text-muted small">(\d+)</span>', body.group(1))


def test_the_totals_and_units_behind_count_every_commune_while_the_table_shows_a_page(spread) -> None:
    html, shown = page({"cap": "commune"})

    every = sorted(c.code for c in [*spread["quang_binh"], *spread["quang_tri"]])
    assert shown == every[:50]
    totals = re.search(r'data-testid="totals">(.*?)</p>', html, re.S)
    assert totals is not None
    assert re.findall(r"<strong>([\d.]+)</strong>", totals.group(1)) == ["65", "2", "1"]
    assert "63 đơn vị chậm so với tiến độ dự kiến." in html
    assert "65 đơn vị hiển thị trong bảng" in html and "Trang 1/2" in html
    points = json.loads(re.search(r'id="progress-map-points"[^>]*>(.*?)</script>', html, re.S).group(1))
    unplaced = re.search(r'data-testid="unplaced">(\d+)', html)
    assert len(points) == 65 and unplaced is None  # every commune of the test's units has its position

    _html, second = page({"cap": "commune", "page": "2"})
    assert second == every[50:]


def test_the_table_filters_by_province_and_searches_by_name_without_changing_the_totals(spread) -> None:
    quang_tri = AdministrativeUnit.objects.get(code="45", level="province", valid_to__isnull=False)

    html, shown = page({"cap": "commune", "tinh": str(quang_tri.pk)})
    assert f"{quang_tri.name} ({quang_tri.code})</option>" in html  # a former and a current province may share a name
    assert shown == [c.code for c in spread["quang_tri"]]
    assert "5 đơn vị hiển thị trong bảng" in html and "63 đơn vị chậm" in html

    target = spread["waiting"]
    words = target.search_text.split(" ")
    _html, found = page({"cap": "commune", "q": " ".join(words[:-1]).upper()})
    assert target.code in found and len(found) < 65
    _html, by_code = page({"cap": "commune", "q": target.code})
    assert by_code == [target.code]

    html, nothing = page({"cap": "commune", "tinh": str(quang_tri.pk), "q": target.code})
    assert nothing == [] and "Không có đơn vị nào phù hợp." in html

    html, unfiltered = page({"cap": "commune", "tinh": "not-a-province"})
    assert len(unfiltered) == 50 and "errorlist" in html


def test_the_report_still_has_every_commune_whatever_the_table_shows(spread) -> None:
    client = Client()
    client.force_login(User.objects.get(username="chuyenvien"))
    quang_tri = AdministrativeUnit.objects.get(code="45", level="province", valid_to__isnull=False)

    response = client.get(
        "/chuong-trinh/tv-digitisation/", {"cap": "commune", "export": "xlsx", "page": "2", "tinh": quang_tri.pk}
    )

    book = load_workbook(io.BytesIO(response.content))
    codes = [row[1] for row in book.active.iter_rows(values_only=True) if row[1] and str(row[1]).isdigit()]
    assert sorted(codes) == sorted(c.code for c in [*spread["quang_binh"], *spread["quang_tri"]])
