"""Writes and reads behind the working-calendar page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import holidays
from django.db import transaction

from ictmis.core import events
from ictmis.core.models import CalendarOverride


@dataclass(frozen=True)
class SpecialDay:
    day: dt.date
    name: str
    is_working_day: bool
    source: str  # "package" or "override"
    override_id: int | None = None


def special_days(year: int) -> list[SpecialDay]:
    """Every day of `year` that differs from the plain Monday–Friday week, overrides applied."""
    package = holidays.country_holidays("VN", years=year, language="vi")
    days = {day: SpecialDay(day, name, False, "package") for day, name in package.items() if day.year == year}
    for day in getattr(package, "weekend_workdays", set()):
        if day.year == year:
            days[day] = SpecialDay(day, "Ngày làm bù", True, "package")
    for override in CalendarOverride.objects.filter(day__year=year):
        days[override.day] = SpecialDay(override.day, override.reason, override.is_working_day, "override", override.pk)
    return [days[day] for day in sorted(days)]


@transaction.atomic
def save_override(*, actor: Any, now: dt.datetime, values: Mapping[str, Any]) -> CalendarOverride:
    override, _created = CalendarOverride.objects.update_or_create(
        day=values["day"],
        defaults={
            "is_working_day": values["is_working_day"],
            "reason": values["reason"],
            "legal_basis": values.get("legal_basis", ""),
            "updated_by": actor,
            "created_by": actor,
        },
    )
    events.record(override, "core.calendar_override.saved", actor=actor, at=now, day=override.day)
    return override


@transaction.atomic
def delete_override(*, override: CalendarOverride, actor: Any, now: dt.datetime) -> None:
    events.record(override, "core.calendar_override.deleted", actor=actor, at=now, day=override.day)
    override.delete()
