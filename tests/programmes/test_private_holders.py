"""A commune officer refused for a taken household code or a used serial number learns nothing about another
commune's household (not its head, not its code); the holder is still named inside the officer's units."""

import datetime as dt
from pathlib import Path

import pytest
from django.urls import reverse

from ictmis.accounts.models import User
from ictmis.core import imports, registry
from ictmis.core.errors import DomainError
from ictmis.programmes import services
from ictmis.programmes.models import Household, Poverty, PovertyRecord, Programme
from ictmis.units.models import AdministrativeUnit
from tests.conftest import logged_in
from tests.programmes.test_delivery_import import saved

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC)


def commune(code: str) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(code=code, level="commune", valid_to__isnull=False)


def household(code: str, unit_code: str, *, deleted: bool = False) -> Household:
    home = Household(code=code, head_name=f"Nguyễn Văn Bí Mật {code}", unit=commune(unit_code))
    if deleted:
        home.deleted_at = NOW
    home.save()
    PovertyRecord.objects.create(household=home, year=2018, status=Poverty.POOR)
    return home


def _refusal(username: str, code: str) -> str:
    page = logged_in(username).post(
        reverse("registry:create", args=["households"]),
        {"code": code, "head_name": "Trần Thị Mới", "unit": commune("18880").pk, "members": 3},
    )
    assert page.status_code == 200
    return page.content.decode()


def test_a_household_code_taken_in_another_commune_is_refused_without_naming_its_head() -> None:
    household("XA-KHAC-1", "19015")  # another district's commune, outside canboxa's units
    household("XA-KHAC-2", "19015", deleted=True)

    for code in ("XA-KHAC-1", "XA-KHAC-2"):
        html = _refusal("canboxa", code)
        assert f"{code} đã được sử dụng." in html
        assert "Bí Mật" not in html and "khôi phục" not in html
    assert not Household.objects.filter(head_name="Trần Thị Mới").exists()


def test_a_household_code_taken_inside_the_officers_units_still_names_the_holder() -> None:
    household("XA-NHA-1", "18880")

    assert "XA-NHA-1 đã được dùng cho “" in _refusal("canboxa", "XA-NHA-1")
    assert "Bí Mật XA-NHA-1" in _refusal("chuyenvien", "XA-NHA-1")  # the specialist sees every commune


@pytest.fixture
def tv() -> Programme:
    return Programme.objects.get(code="tv-digitisation")


def test_a_serial_handed_over_in_another_commune_is_refused_without_the_household(tv) -> None:
    specialist, officer = User.objects.get(username="chuyenvien"), User.objects.get(username="canboxa")
    far = household("XA-XA-1", "19015")
    services.record_delivery(
        programme=tv, household=far, delivered_on=dt.date(2019, 5, 20), serial="STB-77", actor=specialist, now=NOW
    )

    with pytest.raises(DomainError) as refused:
        services.record_delivery(
            programme=tv,
            household=household("GAN-1", "18880"),
            delivered_on=dt.date(2019, 5, 21),
            serial="STB-77",
            actor=officer,
            now=NOW,
        )

    assert refused.value.message == "Số sê-ri STB-77 đã bàn giao cho một hộ khác."
    assert refused.value.field == "serial"


def test_an_imported_serial_used_in_another_commune_is_refused_without_the_household(tmp_path: Path, tv) -> None:
    specialist, officer = User.objects.get(username="chuyenvien"), User.objects.get(username="canboxa")
    services.record_delivery(
        programme=tv,
        household=household("XA-XA-2", "19015"),
        delivered_on=dt.date(2019, 5, 20),
        serial="STB-88",
        actor=specialist,
        now=NOW,
    )
    household("GAN-2", "18880")
    path = saved(tmp_path, ["tv-digitisation", "GAN-2", "21/05/2019", "STB-88", 5, ""])

    by_officer = imports.validate(registry.source("deliveries"), path, actor=officer)
    by_specialist = imports.validate(registry.source("deliveries"), path, actor=specialist)

    assert [e.message for e in by_officer.errors] == ["Số sê-ri STB-88 đã bàn giao cho một hộ khác."]
    assert [e.message for e in by_specialist.errors] == ["Số sê-ri STB-88 đã bàn giao cho hộ XA-XA-2 ngày 20/05/2019."]
