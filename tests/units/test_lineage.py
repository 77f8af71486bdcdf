"""The whole country's lineage into the 2025 units, from the project's units file."""

import datetime as dt
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.db.models import Count, Q, Sum

from ictmis.units import loading
from ictmis.units.models import AdministrativeUnit, Level, Lineage

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def former(code: str, level: str = Level.COMMUNE) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(code=code, level=level, valid_to=dt.date(2025, 7, 1))


def current(code: str) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(code=code, level=Level.COMMUNE, valid_to__isnull=True)


def test_every_former_commune_goes_into_2025_units_whose_shares_add_up_to_one() -> None:
    totals = (
        Lineage.objects.filter(predecessor__level=Level.COMMUNE, predecessor__valid_to__isnull=False)
        .values("predecessor_id")
        .annotate(total=Sum("share"), defaults=Count("pk", filter=Q(is_default=True)))
    )
    assert len(totals) == 10035
    assert {row["total"] for row in totals} == {Decimal(1)}
    assert {row["defaults"] for row in totals} == {1}
    assert not AdministrativeUnit.objects.filter(level=Level.COMMUNE, valid_to__isnull=True, predecessions=None)


def test_a_divided_commune_is_shared_by_the_areas_of_the_new_communes() -> None:
    cong_vi = former("00007")  # Phường Cống Vị (Hà Nội), divided between 00008 and 00025
    links = {link.successor.code: link for link in Lineage.objects.filter(predecessor=cong_vi)}
    areas = {row[0]: Decimal(str(row[3])) for row in loading.read_former()["current_communes"] if row[3]}
    hand = (areas["00008"] / (areas["00008"] + areas["00025"])).quantize(Decimal("0.0001"))

    assert set(links) == {"00008", "00025"}
    assert links["00008"].share == hand
    assert links["00008"].share + links["00025"].share == 1
    assert {link.kind for link in links.values()} == {Lineage.Kind.SPLIT}
    assert [code for code, link in links.items() if link.is_default] == ["00008"]


def test_a_former_commune_that_went_whole_into_one_is_merged_with_share_one() -> None:
    link = Lineage.objects.get(predecessor=former("18880"))
    assert (link.successor, link.kind, link.share) == (current("18880"), Lineage.Kind.MERGED, Decimal(1))


def test_an_island_district_without_communes_became_a_special_zone() -> None:
    link = Lineage.objects.select_related("successor").get(predecessor=former("318", Level.DISTRICT))
    assert link.successor.name == "Đặc khu Bạch Long Vĩ"


def test_reloading_changes_nothing_and_drops_lineage_the_file_does_not_name() -> None:
    stale = Lineage.objects.create(
        predecessor=former("18880"), successor=current("00004"), kind="merged", effective=dt.date(2025, 7, 1)
    )
    count = Lineage.objects.count()

    result = loading.load_former()

    assert (result.created, result.updated, result.lineage_created) == (0, 0, 0)
    assert not Lineage.objects.filter(pk=stale.pk).exists()
    assert Lineage.objects.count() == count - 1


def test_the_committed_units_file_is_what_the_tool_builds_from_the_package() -> None:
    run = subprocess.run(
        [sys.executable, "tools/build_unit_lineage.py", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "is up to date" in run.stdout


def test_a_province_filter_covers_the_former_provinces_it_absorbed_without_listing_their_communes() -> None:
    from ictmis.units.directory import unit_paths

    quang_tri = AdministrativeUnit.objects.get(code="44", level=Level.PROVINCE, valid_to__isnull=True)
    absorbed = [former("44", Level.PROVINCE).path, former("45", Level.PROVINCE).path]

    assert unit_paths(f"#{quang_tri.pk}") == sorted([quang_tri.path, *absorbed])
    assert unit_paths("44") == sorted([quang_tri.path, *absorbed])


def test_a_former_island_district_filter_covers_the_special_zone_it_became() -> None:
    from ictmis.units.directory import unit_paths

    links = Lineage.objects.filter(predecessor__level=Level.DISTRICT).select_related("predecessor", "successor")
    assert links.exists()  # the island districts (Cồn Cỏ, Lý Sơn, Côn Đảo…) went into 2025 units as a whole
    for link in links:
        paths = unit_paths(f"#{link.predecessor.pk}")
        assert any(link.successor.path.startswith(path) for path in paths), link.predecessor.name
