"""Map points of units: loaded from a sheet all or nothing, placed by the demo, drawn on programme maps."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import translation
from openpyxl import Workbook

from ictmis.accounts.models import User
from ictmis.programmes.models import Delivery, Household, Programme, Target
from ictmis.units.models import AdministrativeUnit, Lineage, UnitPosition
from ictmis.units.positions import load_demo

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
    bad = sheet(tmp_path, ["18880", 17.47, 106.6], ["99999", 17.0, 106.0], ["18883", 48.85, 2.35])
    with translation.override("vi"), pytest.raises(CommandError):  # the CLI speaks LANGUAGE_CODE
        call_command("load_unit_positions", str(bad))
    out = capsys.readouterr().out
    assert "dòng 3: " in out and "99999" in out and "dòng 4: " in out
    assert UnitPosition.objects.count() == 0

    call_command("load_unit_positions", str(sheet(tmp_path, ["18880", "17,47", "106,6"])), "--source", "Sở KH&CN")
    position = UnitPosition.objects.get()
    assert (position.unit.code, position.latitude, position.longitude, position.source) == (
        "18880",
        17.47,
        106.6,
        "Sở KH&CN",
    )


def test_the_demo_places_a_2025_commune_at_the_mean_of_its_origins() -> None:
    load_demo(None, lambda _message: None)
    merged = (
        AdministrativeUnit.objects.filter(level="commune", valid_to__isnull=True, predecessions__isnull=False)
        .filter(predecessions__predecessor__position__isnull=False)
        .distinct()
        .first()
    )
    assert merged is not None
    origins = [
        lineage.predecessor.position
        for lineage in Lineage.objects.filter(successor=merged).select_related("predecessor__position")
        if hasattr(lineage.predecessor, "position")
    ]
    assert merged.position.latitude == pytest.approx(sum(p.latitude for p in origins) / len(origins))
    assert merged.position.longitude == pytest.approx(sum(p.longitude for p in origins) / len(origins))


def test_the_programme_page_draws_placed_communes_and_counts_the_others() -> None:
    tv = Programme.objects.get(code="tv-digitisation")
    placed = AdministrativeUnit.objects.get(code="18880", level="commune", valid_to__isnull=False)
    other = AdministrativeUnit.objects.get(code="18883", level="commune", valid_to__isnull=False)
    UnitPosition.objects.create(unit=placed, latitude=17.48, longitude=106.61)
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
