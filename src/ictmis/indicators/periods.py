"""Reporting periods in the notation other systems use (`2026`, `2026S1`, `2026Q1`, `202603`), their cut-off
windows and the deadline of each level: pure arithmetic, no I/O.

The standard cut-off windows are those of Decree 09/2019/NĐ-CP, Art. 12 (month: the 15th of the previous month
to the 14th; quarter: the 15th of the month before the quarter to the 14th of its last month; half-year: 15/12
to 14/06; year: 15/12 of the previous year to 14/12). A regime may use the calendar period instead (Circular
04/2022/TT-BTTTT for sector statistics).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from ictmis.core.errors import DomainError
from ictmis.core.workdays import WorkingCalendar

YEAR, HALF, QUARTER, MONTH = "year", "half", "quarter", "month"
KINDS = (YEAR, HALF, QUARTER, MONTH)
DECREE_09 = "decree_09_2019"
CALENDAR = "calendar"
CUTOFF_RULES = (DECREE_09, CALENDAR)
DECREE_09_BASIS = "Nghị định 09/2019/NĐ-CP, Điều 12"

_PATTERNS = (
    (re.compile(r"^(\d{4})$"), YEAR),
    (re.compile(r"^(\d{4})S([12])$"), HALF),
    (re.compile(r"^(\d{4})Q([1-4])$"), QUARTER),
    (re.compile(r"^(\d{4})(0[1-9]|1[0-2])$"), MONTH),
)
_MONTHS_PER = {YEAR: 12, HALF: 6, QUARTER: 3, MONTH: 1}


class PeriodError(DomainError):
    pass


def _month_day(year: int, month: int, day: int) -> dt.date:
    """The day in the month `month` of `year`, months counted beyond 1..12 rolling the year."""
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    return dt.date(year, month, day)


@dataclass(frozen=True, order=True)
class Period:
    year: int
    kind: str
    index: int  # 1 for a year, 1–2 for a half, 1–4 for a quarter, 1–12 for a month

    def __str__(self) -> str:
        if self.kind == YEAR:
            return f"{self.year}"
        if self.kind == HALF:
            return f"{self.year}S{self.index}"
        if self.kind == QUARTER:
            return f"{self.year}Q{self.index}"
        return f"{self.year}{self.index:02d}"

    @property
    def first_month(self) -> int:
        return (self.index - 1) * _MONTHS_PER[self.kind] + 1

    @property
    def last_month(self) -> int:
        return self.first_month + _MONTHS_PER[self.kind] - 1

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.first_month, 1)

    @property
    def end(self) -> dt.date:
        """The last calendar day of the period."""
        return _month_day(self.year, self.last_month + 1, 1) - dt.timedelta(days=1)

    def cutoff(self, rule: str = DECREE_09) -> tuple[dt.date, dt.date]:
        """The first and last day whose data the report covers."""
        if rule == CALENDAR:
            return self.start, self.end
        if rule != DECREE_09:
            raise PeriodError(_("Unknown cut-off rule: %(rule)s.") % {"rule": rule})
        if self.kind == YEAR:
            return dt.date(self.year - 1, 12, 15), dt.date(self.year, 12, 14)
        return _month_day(self.year, self.first_month - 1, 15), dt.date(self.year, self.last_month, 14)

    def previous(self) -> Period:
        if self.index > 1:
            return Period(self.year, self.kind, self.index - 1)
        return Period(self.year - 1, self.kind, 12 // _MONTHS_PER[self.kind])

    def label(self) -> str:
        if self.kind == YEAR:
            return _("year %(year)s") % {"year": self.year}
        if self.kind == HALF:
            return _("half-year %(n)s/%(year)s") % {"n": self.index, "year": self.year}
        if self.kind == QUARTER:
            return _("quarter %(n)s/%(year)s") % {"n": self.index, "year": self.year}
        return _("month %(n)s/%(year)s") % {"n": f"{self.index:02d}", "year": self.year}


def parse(text: str) -> Period:
    """`2026`, `2026S1`, `2026Q1` or `202603`; anything else is a PeriodError naming the notation."""
    value = (text or "").strip().upper()
    for pattern, kind in _PATTERNS:
        match = pattern.match(value)
        if match:
            year = int(match.group(1))
            index = int(match.group(2)) if kind != YEAR else 1
            if not 2000 <= year <= 2100:
                break
            return Period(year, kind, index)
    raise PeriodError(
        _("“%(text)s” is not a period: write 2026, 2026S1, 2026Q1 or 202603.") % {"text": text}, field="period"
    )


def periods_of(kind: str, *, first: Period | str, last: Period | str) -> list[Period]:
    """Every period of `kind` from the one containing `first` to the one containing `last`."""
    start = first if isinstance(first, Period) else parse(first)
    stop = last if isinstance(last, Period) else parse(last)
    current = containing(kind, start.start)
    end = containing(kind, stop.end)
    result = []
    while current <= end:
        result.append(current)
        current = following(current)
    return result


def following(period: Period) -> Period:
    if period.index < 12 // _MONTHS_PER[period.kind]:
        return Period(period.year, period.kind, period.index + 1)
    return Period(period.year + 1, period.kind, 1)


def containing(kind: str, day: dt.date) -> Period:
    """The calendar period of `kind` that holds `day`."""
    return Period(day.year, kind, (day.month - 1) // _MONTHS_PER[kind] + 1)


@dataclass(frozen=True)
class DeadlineRule:
    """A level's deadline: `days` after the last cut-off day, counted in working days or in calendar days (a
    calendar deadline that falls on a day off moves to the next working day)."""

    days: int
    working_days: bool = True

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> DeadlineRule:
        return cls(days=int(data["days"]), working_days=bool(data.get("working", True)))

    def as_data(self) -> dict[str, Any]:
        return {"days": self.days, "working": self.working_days}


def deadline(period: Period, rule: DeadlineRule, calendar: WorkingCalendar, *, cutoff_rule: str = DECREE_09) -> dt.date:
    last = period.cutoff(cutoff_rule)[1]
    if rule.working_days:
        return calendar.add_working_days(last, rule.days)
    day = last + dt.timedelta(days=rule.days)
    while not calendar.is_working_day(day):
        day += dt.timedelta(days=1)
    return day
