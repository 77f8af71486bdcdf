"""Map points of units: every unit's from the units file, a surveyed sheet all or nothing, drawn on programme maps."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import translation
from openpyxl import Workbook

from ictmis.accounts.models import User
from ictmis.programmes.models import Delivery, Household, Programme, Target
from ictmis.units import loading
from ictmis.units.models import AdministrativeUnit, UnitPosition

pytestmark = pytest.mark.django_db


def sheet(tmp_path, *rows):
    book = Workbook()
    book.active.append(["Mã đơn vị", "Vĩ độ", "Kinh độ"])
    for row in rows:
        book.active.append(row)
    path = tmp_path / "vi-tri.xlsx"
    book.save(path)
    return path


def test_positions_load_all_or_nothing(tmp_path, capsys) -> None:
    before = set(UnitPosition.objects.values_list("unit_id", "latitude", "longitude", "source"))
    bad = sheet(tmp_path, ["18880", 17.47, 106.6], ["99999", 17.0, 106.0], ["18883", 48.85, 2.35])
    with translation.override("vi"), pytest.raises(CommandError):  # the CLI speaks LANGUAGE_CODE
        call_command("load_unit_positions", str(bad))
    out = capsys.readouterr().out
    assert "dòng 3: " in out and "99999" in out and "dòng 4: " in out
    assert set(UnitPosition.objects.values_list("unit_id", "latitude", "longitude", "source")) == before

    call_command("load_unit_positions", str(sheet(tmp_path, ["18880", "17,47", "106,6"])), "--source", "Sở KH&CN")
    position = UnitPosition.objects.get(unit__code="18880", unit__valid_to__isnull=True)
    assert (position.unit.code, position.latitude, position.longitude, position.source) == (
        "18880",
        17.47,
        106.6,
        "Sở KH&CN",
    )


def test_every_unit_has_the_point_of_the_units_file() -> None:
    current = AdministrativeUnit.objects.filter(valid_to__isnull=True)
    former = AdministrativeUnit.objects.filter(valid_to__isnull=False)
    assert not current.filter(position__isnull=True).exists()
    assert not former.filter(position__isnull=True).exists()
    dong_hoi = UnitPosition.objects.get(unit__code="18880", unit__valid_to__isnull=False)  # Phường Đức Ninh Đông
    assert (dong_hoi.latitude, dong_hoi.longitude) == (17.45578, 106.62061)
    assert dong_hoi.source.startswith("unit-lineage-file: vietnamadminunits")


def test_a_surveyed_point_survives_reloading_the_units_file(tmp_path) -> None:
    call_command("load_unit_positions", str(sheet(tmp_path, ["18880", 17.4601, 106.6202])), "--source", "khảo sát")
    replaced = UnitPosition.objects.filter(unit__code="18883", unit__valid_to__isnull=False)
    replaced.update(latitude=17.0, longitude=106.0, source="demo")

    loading.load_positions()

    surveyed = UnitPosition.objects.get(unit__code="18880", unit__valid_to__isnull=True)
    assert (surveyed.latitude, surveyed.longitude, surveyed.source) == (17.4601, 106.6202, "khảo sát")
    assert replaced.get().source.startswith("unit-lineage-file") and replaced.get().latitude != 17.0


def test_points_of_an_earlier_build_of_the_units_file_are_replaced() -> None:
    stale = UnitPosition.objects.filter(unit__code="18883", unit__valid_to__isnull=False)
    stale.update(latitude=17.0, longitude=106.0, source="unit-lineage-file: vietnamadminunits 0.9")
    older = UnitPosition.objects.filter(unit__code="18880", unit__valid_to__isnull=False)
    older.update(latitude=17.0, longitude=106.0, source="vietnamadminunits 1.0.3 (MIT)")

    loading.load_positions()

    assert stale.get().latitude != 17.0 and older.get().latitude != 17.0
    assert stale.get().source == older.get().source and stale.get().source.startswith("unit-lineage-file")


def test_the_programme_page_draws_placed_communes_and_counts_the_others() -> None:
    tv = Programme.objects.get(code="tv-digitisation")
    placed = AdministrativeUnit.objects.get(code="18880", level="commune", valid_to__isnull=False)
    other = AdministrativeUnit.objects.get(code="18883", level="commune", valid_to__isnull=False)
    UnitPosition.objects.filter(unit=other).delete()
    UnitPosition.objects.filter(unit=placed).update(latitude=17.48, longitude=106.61)
    for unit, quantity in ((placed, 1), (other, 4)):
        Target.objects.create(programme=tv, unit=unit, year=2019, quantity=quantity)
    home = Household(code="M1", head_name="Chủ hộ", unit=placed)
    home.save()
    Delivery.objects.create(programme=tv, household=home, delivered_on=dt.date(2019, 6, 1))
    client = Client()
    client.force_login(User.objects.get(username="chuyenvien"))
    page = client.get("/chuong-trinh/tv-digitisation/")
    points = page.context["map_points"]
    assert [(p["code"], p["state"], p["delivered"], p["target"]) for p in points] == [("18880", "done", 1, 1)]
    assert page.context["unplaced"] == 1
    assert 'id="progress-map-points"' in page.content.decode()
    api = client.get("/api/v1/programmes/tv-digitisation/progress?level=commune").json()
    assert {row["unit"] for row in api} == {"18880", "18883"} and "unit_id" not in api[0]
