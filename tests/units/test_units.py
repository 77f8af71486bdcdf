import datetime as dt

import pytest
from django.core.management import call_command

from ictmis.units import selectors
from ictmis.units.models import AdministrativeUnit, Level, Lineage

pytestmark = pytest.mark.django_db


def test_current_structure_has_34_provinces_and_3321_communes() -> None:
    counts = selectors.counts()
    assert counts == {"province": 34, "district": 0, "commune": 3321}


def test_quang_binh_before_the_reform_has_eight_districts() -> None:
    quang_binh = selectors.unit_by_code("44", on=dt.date(2019, 6, 30))
    assert quang_binh is not None
    assert quang_binh.name == "Tỉnh Quảng Bình"
    districts = list(selectors.children_of(quang_binh))
    assert len(districts) == 8
    assert {d.name for d in districts} >= {"Thành phố Đồng Hới", "Thị xã Ba Đồn", "Huyện Lệ Thủy"}
    assert all(d.child_count > 0 for d in districts)


def test_code_44_is_quang_tri_today_and_quang_binh_before_july_2025() -> None:
    assert selectors.unit_by_code("44").name == "Quảng Trị"
    assert selectors.unit_by_code("44", on=dt.date(2025, 6, 30)).name == "Tỉnh Quảng Bình"
    assert selectors.unit_by_code("44", on=dt.date(2025, 7, 1)).name == "Quảng Trị"


def test_structure_on_a_day_before_the_reform_has_the_whole_country() -> None:
    on = dt.date(2020, 1, 1)
    assert selectors.units(level=Level.PROVINCE, on=on).count() == 63
    assert selectors.units(level=Level.DISTRICT, on=on).count() == 696
    assert selectors.units(level=Level.COMMUNE, on=on).count() == 10035
    assert selectors.units(level=Level.DISTRICT).count() == 0


def test_quang_binh_became_part_of_quang_tri() -> None:
    quang_binh = AdministrativeUnit.objects.get(code="44", valid_to=dt.date(2025, 7, 1))
    successors = selectors.lineage_of(quang_binh)["successors"]
    assert [link.successor.name for link in successors] == ["Quảng Trị"]
    assert successors[0].effective == dt.date(2025, 7, 1)


def test_old_commune_lineage_points_to_the_unit_that_kept_its_code() -> None:
    old = AdministrativeUnit.objects.get(code="18880", level=Level.COMMUNE, valid_to__isnull=False)
    new = AdministrativeUnit.objects.get(code="18880", level=Level.COMMUNE, valid_to__isnull=True)
    assert old.name == "Phường Đức Ninh Đông"
    assert Lineage.objects.filter(predecessor=old, successor=new).exists()


def test_paths_nest_children_under_parents() -> None:
    commune = AdministrativeUnit.objects.get(code="18880", level=Level.COMMUNE, valid_to__isnull=False)
    assert commune.path.startswith(commune.parent.path)
    assert commune.parent.path.startswith(commune.parent.parent.path)
    assert [a.name for a in selectors.ancestors_of(commune)] == ["Tỉnh Quảng Bình", "Thành phố Đồng Hới"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("quang tri", "Quảng Trị"),
        ("dak lak", "Đắk Lắk"),
        ("DAK LAK", "Đắk Lắk"),
        ("ho chi minh", "Thành phố Hồ Chí Minh"),
    ],
)
def test_search_without_diacritics_finds_provinces(query: str, expected: str) -> None:
    names = list(selectors.units(level=Level.PROVINCE, q=query).values_list("name", flat=True))
    assert names == [expected]


def test_search_finds_former_units_on_their_date() -> None:
    found = selectors.units(q="duc ninh dong", on=dt.date(2020, 1, 1))
    assert [u.name for u in found] == ["Phường Đức Ninh Đông"]
    assert not selectors.units(q="duc ninh dong").exists()


def test_loading_twice_changes_nothing() -> None:
    before = AdministrativeUnit.objects.count(), Lineage.objects.count()
    call_command("load_units", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (AdministrativeUnit.objects.count(), Lineage.objects.count()) == before


def test_valid_to_must_follow_valid_from() -> None:
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        AdministrativeUnit.objects.create(
            code="99999",
            name="X",
            type="xa",
            level="commune",
            valid_from=dt.date(2025, 1, 1),
            valid_to=dt.date(2024, 1, 1),
        )
