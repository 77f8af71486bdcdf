import datetime as dt

import pytest

from ictmis.core.models import CalendarOverride
from ictmis.core.services import working_calendar
from ictmis.core.workdays import Override, WorkingCalendar

D = dt.date


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        (D(2025, 1, 1), "New Year"),
        (D(2025, 1, 27), "Tết eve (29th of the 12th lunar month)"),
        (D(2025, 1, 29), "Tết, first day"),
        (D(2025, 1, 31), "Tết, third day"),
        (D(2025, 4, 7), "Hùng Kings' day 2025 (10th day of the 3rd lunar month)"),
        (D(2024, 4, 18), "Hùng Kings' day 2024"),
        (D(2025, 4, 30), "Reunification day"),
        (D(2025, 5, 1), "Labour day"),
        (D(2025, 5, 2), "day off swapped with Saturday 26/04/2025"),
        (D(2025, 9, 1), "National Day, second day"),
        (D(2025, 9, 2), "National Day"),
    ],
)
def test_public_holidays_are_not_working_days(day: dt.date, reason: str) -> None:
    assert not WorkingCalendar().is_working_day(day), reason


def test_make_up_saturday_is_a_working_day() -> None:
    calendar = WorkingCalendar()
    assert calendar.is_working_day(D(2025, 4, 26))
    assert not calendar.is_working_day(D(2025, 4, 19))


def test_weekends_are_not_working_days_and_weekdays_are() -> None:
    calendar = WorkingCalendar()
    assert not calendar.is_working_day(D(2025, 3, 8))
    assert not calendar.is_working_day(D(2025, 3, 9))
    assert calendar.is_working_day(D(2025, 3, 10))


def test_add_working_days_counts_from_the_day_after_the_start() -> None:
    calendar = WorkingCalendar()
    assert calendar.add_working_days(D(2025, 3, 10), 1) == D(2025, 3, 11)
    assert calendar.add_working_days(D(2025, 3, 14), 1) == D(2025, 3, 17)
    assert calendar.add_working_days(D(2025, 3, 10), 0) == D(2025, 3, 10)


def test_add_working_days_skips_tet() -> None:
    # Received Thursday 23/01/2025; Tết runs 27/01–31/01/2025.
    assert WorkingCalendar().add_working_days(D(2025, 1, 23), 10) == D(2025, 2, 13)


def test_add_working_days_across_reunification_and_labour_day() -> None:
    # 26/04/2025 is a make-up Saturday; 30/04, 01/05 and 02/05 are days off.
    assert WorkingCalendar().add_working_days(D(2025, 4, 25), 3) == D(2025, 4, 29)
    assert WorkingCalendar().add_working_days(D(2025, 4, 25), 4) == D(2025, 5, 5)


def test_negative_counts_are_refused() -> None:
    with pytest.raises(ValueError):
        WorkingCalendar().add_working_days(D(2025, 1, 1), -1)


def test_override_wins_over_the_package() -> None:
    calendar = WorkingCalendar([Override(D(2025, 3, 12), False), Override(D(2025, 9, 1), True)])
    assert not calendar.is_working_day(D(2025, 3, 12))
    assert calendar.is_working_day(D(2025, 9, 1))
    assert calendar.add_working_days(D(2025, 3, 11), 1) == D(2025, 3, 13)


def test_working_days_between_counts_both_ways() -> None:
    calendar = WorkingCalendar()
    assert calendar.working_days_between(D(2025, 3, 10), D(2025, 3, 17)) == 5
    assert calendar.working_days_between(D(2025, 3, 17), D(2025, 3, 10)) == -5


@pytest.mark.django_db
def test_override_table_feeds_the_calendar(specialist) -> None:
    CalendarOverride.objects.create(day=D(2026, 3, 3), is_working_day=False, reason="Nghỉ bù theo thông báo")
    assert not working_calendar().is_working_day(D(2026, 3, 3))
    assert working_calendar().add_working_days(D(2026, 3, 2), 1) == D(2026, 3, 4)
