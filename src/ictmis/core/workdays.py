"""The working-day calendar of Vietnamese state agencies.

Public holidays come from the `holidays` package (Labour Code 2019, Art. 112, including lunar Tết,
Hùng Kings' day, the days off swapped each year and the Saturdays made up for them); the per-year
override table (`core.CalendarOverride`) corrects or completes it without a release.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

LEGAL_BASIS = "Bộ luật Lao động 2019 (45/2019/QH14), Điều 112"
WEEKEND = frozenset({5, 6})  # Saturday, Sunday


@dataclass(frozen=True)
class Override:
    day: dt.date
    is_working_day: bool


@lru_cache(maxsize=64)
def _package_year(year: int) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    import holidays  # here: importing the package costs tens of milliseconds and most commands never ask

    calendar = holidays.country_holidays("VN", years=year)
    days_off = frozenset(day for day in calendar if day.year == year)
    make_up = frozenset(day for day in getattr(calendar, "weekend_workdays", set()) if day.year == year)
    return days_off, make_up


class WorkingCalendar:
    """Answers whether a day is a working day; overrides win over the package's data."""

    def __init__(self, overrides: Iterable[Override] = ()) -> None:
        self._overrides = {item.day: item.is_working_day for item in overrides}

    def is_working_day(self, day: dt.date) -> bool:
        if day in self._overrides:
            return self._overrides[day]
        days_off, make_up = _package_year(day.year)
        if day in make_up:
            return True
        if day in days_off:
            return False
        return day.weekday() not in WEEKEND

    def add_working_days(self, start: dt.date, count: int) -> dt.date:
        """The date `count` working days after `start`, counting from the day after it."""
        if count < 0:
            raise ValueError("count must not be negative")
        day = start
        remaining = count
        while remaining:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end` (negative when end is earlier)."""
        if end < start:
            return -self.working_days_between(end, start)
        return sum(
            1 for offset in range(1, (end - start).days + 1) if self.is_working_day(start + dt.timedelta(offset))
        )

    def holiday_name(self, day: dt.date) -> str | None:
        import holidays

        calendar = holidays.country_holidays("VN", years=day.year, language="vi")
        return calendar.get(day)
