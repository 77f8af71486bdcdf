"""Kernel services other apps call: the working-day calendar with the override table applied."""

from __future__ import annotations

from ictmis.core.models import CalendarOverride
from ictmis.core.workdays import Override, WorkingCalendar


def working_calendar() -> WorkingCalendar:
    """The calendar with every override in the table (a few rows a year, read once per call)."""
    overrides = CalendarOverride.objects.values_list("day", "is_working_day")
    return WorkingCalendar(Override(day, working) for day, working in overrides)
