"""Households, yearly poverty lists, eligibility by programme and year, deliveries and progress by unit."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ictmis.accounts.models import User
from ictmis.core.errors import DomainError, NotAllowedError
from ictmis.core.events import for_object
from ictmis.parties.public import validate_citizen_id
from ictmis.programmes import selectors, services
from ictmis.programmes.models import Delivery, Household, Poverty, PovertyRecord, Programme, Target
from ictmis.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC)
D = dt.date


def commune(code: str) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(code=code, level="commune", valid_to__isnull=False)


def household(code: str, unit_code: str = "18880", **statuses: str) -> Household:
    home = Household(
        code=code, head_name=f"Chủ hộ {code}", head_birth_year=1970, village="Thôn 1", unit=commune(unit_code)
    )
    home.save()
    for year, status in statuses.items():
        PovertyRecord.objects.create(household=home, year=int(year.removeprefix("y")), status=status)
    return home


@pytest.fixture
def specialist() -> User:
    return User.objects.get(username="chuyenvien")


@pytest.fixture
def tv() -> Programme:
    return Programme.objects.get(code="tv-digitisation")


def test_citizen_ids_are_checked_against_the_year_of_birth() -> None:
    validate_citizen_id("044070001234", 1970)
    for value, year in [("04407000123", None), ("097070001234", None), ("044270001234", 1970)]:
        with pytest.raises(ValidationError):
            validate_citizen_id(value, year)


def test_a_years_list_changes_that_year_and_keeps_the_earlier_ones(specialist) -> None:
    home = household("H1", y2017=Poverty.POOR)
    services.set_poverty_status(household=home, year=2018, status=Poverty.NEAR_POOR, actor=specialist, now=NOW)
    services.set_poverty_status(household=home, year=2018, status=Poverty.NONE, actor=specialist, now=NOW)
    assert dict(home.poverty.values_list("year", "status")) == {2017: "poor", 2018: "none"}


def test_tv_support_goes_to_the_reference_years_list_once_with_at_most_15_m_of_cable(specialist, tv) -> None:
    listed = household("H1", y2018=Poverty.NEAR_POOR)
    not_listed = household("H2", y2017=Poverty.POOR, y2018=Poverty.NONE)

    delivery = services.record_delivery(
        programme=tv,
        household=listed,
        delivered_on=D(2019, 5, 20),
        serial="STB-1",
        antenna=True,
        cable_m=15,
        actor=specialist,
        now=NOW,
    )
    assert delivery.override_reason == ""
    with pytest.raises(DomainError, match="2018") as refused:
        services.record_delivery(
            programme=tv, household=not_listed, delivered_on=D(2019, 5, 20), actor=specialist, now=NOW
        )
    assert refused.value.field == "household"
    with pytest.raises(DomainError, match="20/05/2019"):
        services.record_delivery(programme=tv, household=listed, delivered_on=D(2019, 6, 1), actor=specialist, now=NOW)
    with pytest.raises(DomainError) as cable:
        services.record_delivery(
            programme=tv,
            household=household("H3", y2018=Poverty.POOR),
            delivered_on=D(2019, 5, 20),
            cable_m=16,
            actor=specialist,
            now=NOW,
        )
    assert cable.value.field == "cable_m"
    with pytest.raises(DomainError) as serial:
        services.record_delivery(
            programme=tv,
            household=household("H4", y2018=Poverty.POOR),
            delivered_on=D(2019, 5, 20),
            serial="STB-1",
            actor=specialist,
            now=NOW,
        )
    assert serial.value.field == "serial"
    assert serial.value.message == "Số sê-ri STB-1 đã bàn giao cho hộ H1 ngày 20/05/2019."
    with pytest.raises(DomainError, match="2012"):
        services.record_delivery(
            programme=tv,
            household=household("H5", y2018=Poverty.POOR),
            delivered_on=D(2012, 5, 20),
            actor=specialist,
            now=NOW,
        )
    assert Delivery.objects.count() == 1


def test_a_specialist_may_override_with_a_reason_which_is_audited(specialist, tv) -> None:
    home = household("H1", y2019=Poverty.POOR)  # listed the year after the reference year
    officer = User.objects.get(username="canboxa")
    with pytest.raises(NotAllowedError):
        services.record_delivery(
            programme=tv,
            household=home,
            delivered_on=D(2019, 6, 2),
            actor=officer,
            now=NOW,
            override_reason="Hộ mới nghèo năm 2019",
        )
    delivery = services.record_delivery(
        programme=tv,
        household=home,
        delivered_on=D(2019, 6, 2),
        actor=specialist,
        now=NOW,
        override_reason="Hộ mới nghèo năm 2019, UBND xã đề nghị",
    )
    event = for_object(delivery).get()
    assert event.data["overridden"] is True and "2018" in event.data["reasons"][0]
    assert delivery.override_reason == "Hộ mới nghèo năm 2019, UBND xã đề nghị"


def test_smartphones_exclude_households_that_received_a_learning_device(specialist) -> None:
    phones = Programme.objects.get(code="smartphones")
    tablets = Programme.objects.create(
        code="tablets",
        name="Máy tính bảng cho học sinh",
        legal_basis=phones.legal_basis,
        starts_on=D(2021, 9, 1),
        rule="anyone",
    )
    phones.excludes.add(tablets)
    equipped = household("H1", y2023=Poverty.POOR)
    services.record_delivery(
        programme=tablets, household=equipped, delivered_on=D(2021, 10, 1), actor=specialist, now=NOW
    )
    with pytest.raises(DomainError, match="Máy tính bảng"):
        services.record_delivery(
            programme=phones, household=equipped, delivered_on=D(2023, 3, 1), actor=specialist, now=NOW
        )
    other = household("H2", y2023=Poverty.NEAR_POOR)
    assert (
        services.record_delivery(
            programme=phones, household=other, delivered_on=D(2023, 3, 1), actor=specialist, now=NOW, amount=500_000
        ).amount
        == 500_000
    )


def test_progress_by_commune_district_and_province_matches_a_hand_count(
    specialist, tv, django_assert_num_queries
) -> None:
    a, b = commune("18880"), commune("18883")  # two communes of the former Đồng Hới
    Target.objects.create(programme=tv, unit=a, year=2019, quantity=4)
    Target.objects.create(programme=tv, unit=b, year=2019, quantity=2)
    homes_a = [household(f"A{i}", "18880", y2018=Poverty.POOR) for i in range(3)]
    household("A9", "18880", y2018=Poverty.NONE)
    homes_b = [household(f"B{i}", "18883", y2018=Poverty.NEAR_POOR) for i in range(2)]
    for home in [homes_a[0], homes_a[1], homes_b[0], homes_b[1]]:
        services.record_delivery(programme=tv, household=home, delivered_on=D(2019, 6, 1), actor=specialist, now=NOW)

    with django_assert_num_queries(3):
        rows = selectors.progress(tv, level="commune")
    by_unit = {r["unit"]: r for r in rows}
    assert (
        by_unit["18880"]["target"],
        by_unit["18880"]["delivered"],
        by_unit["18880"]["percent"],
        by_unit["18880"]["eligible_not_served"],
    ) == (4, 2, 50.0, 1)
    assert (by_unit["18883"]["delivered"], by_unit["18883"]["percent"], by_unit["18883"]["eligible_not_served"]) == (
        2,
        100.0,
        0,
    )
    district = selectors.progress(tv, level="district")
    assert len(district) == 1 and (district[0]["target"], district[0]["delivered"], district[0]["percent"]) == (
        6,
        4,
        66.7,
    )
    province = selectors.progress(tv, level="province")
    assert province[0]["unit"] == "44" and province[0]["eligible_not_served"] == 1


def test_units_below_the_expected_pace_are_at_risk(specialist, tv) -> None:
    a, b = commune("18880"), commune("18883")
    Target.objects.create(programme=tv, unit=a, year=2019, quantity=10)
    Target.objects.create(programme=tv, unit=b, year=2019, quantity=2)
    for index in range(2):
        services.record_delivery(
            programme=tv,
            household=household(f"B{index}", "18883", y2018=Poverty.POOR),
            delivered_on=D(2019, 6, 1),
            actor=specialist,
            now=NOW,
        )
    for index in range(5):
        services.record_delivery(
            programme=tv,
            household=household(f"A{index}", "18880", y2018=Poverty.POOR),
            delivered_on=D(2019, 6, 1),
            actor=specialist,
            now=NOW,
        )

    halfway = selectors.expected_share(tv, D(2017, 8, 16))
    assert 0.49 < halfway < 0.51
    rows = {r["unit"]: r["at_risk"] for r in selectors.progress(tv, today=D(2020, 12, 31))}
    assert rows == {"18880": True, "18883": False}  # 5 of 10 at the end; 2 of 2
    rows = {r["unit"]: r["at_risk"] for r in selectors.progress(tv, today=D(2017, 8, 16))}
    assert rows == {"18880": False, "18883": False}  # half-way, 5 of 10 is on pace
    assert selectors.deliveries_by_month(tv) == [("06/2019", 7)]


def test_press_shortfall_counts_copies_due_against_delivered(specialist) -> None:
    from ictmis.programmes.models import PressRecipient, PressScheme

    scheme = PressScheme.objects.get(code="dan-toc-phat-trien")  # 104 issues a year from 01/2019
    full = PressRecipient.objects.create(scheme=scheme, kind="commune_pc", name="UBND xã A", unit=commune("18880"))
    short = PressRecipient.objects.create(
        scheme=scheme, kind="commune_pc", name="UBND xã B", unit=commune("18883"), copies=2
    )
    for month in range(1, 7):
        services.record_press_delivery(recipient=full, month=D(2019, month, 15), copies=9, actor=specialist, now=NOW)
        services.record_press_delivery(recipient=short, month=D(2019, month, 1), copies=10, actor=specialist, now=NOW)
    services.record_press_delivery(recipient=full, month=D(2019, 6, 1), copies=8, actor=specialist, now=NOW)
    with pytest.raises(DomainError):
        services.record_press_delivery(recipient=full, month=D(2018, 12, 1), copies=9, actor=specialist, now=NOW)

    rows = {r["recipient"].name: r for r in selectors.press_shortfall(scheme, start=D(2019, 1, 1), end=D(2019, 6, 30))}
    assert (rows["UBND xã A"]["due"], rows["UBND xã A"]["delivered"], rows["UBND xã A"]["shortfall"]) == (52, 53, 0)
    assert (rows["UBND xã B"]["due"], rows["UBND xã B"]["delivered"], rows["UBND xã B"]["shortfall"]) == (104, 60, 44)
