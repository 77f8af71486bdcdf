"""Which reminders a day calls for: N working days before a task's effective deadline and on the day it
becomes overdue (each once, by its dedup key), and the weekly digest to leaders on Mondays.

`plan_day` only selects; delivering goes through the notification service
(`ictmis.notifications.public.notify(recipients=, event=, context=, link=, dedup_key=, now=)`), whose
dedup key makes a second run of the same day send nothing again."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import timezone

from ictmis.core.public import WorkingCalendar, working_calendar
from ictmis.directives import workflow
from ictmis.directives.models import Task


@dataclass(frozen=True)
class DayPlan:
    today: dt.date
    reminders: list[workflow.Reminder] = field(default_factory=list)
    digest_key: str | None = None


def remind_days() -> int:
    return int(getattr(settings, "DIRECTIVES_REMIND_DAYS", 3))


def plan_day(*, now: dt.datetime, calendar: WorkingCalendar | None = None, days_before: int | None = None) -> DayPlan:
    """The reminders of `now`'s day, from the open tasks whose deadline is near or just passed."""
    calendar = calendar or working_calendar()
    days_before = remind_days() if days_before is None else days_before
    today = timezone.localdate(now)
    window_end = calendar.add_working_days(today, days_before)
    candidates = (
        Task.objects.filter(is_series=False)
        .filter(completed_on__isnull=True, due_on__gte=today - dt.timedelta(days=workflow.OVERDUE_CATCH_UP_DAYS))
        .filter(due_on__lte=window_end)
        .order_by("due_on", "pk")
        .values_list("pk", "due_on")
    )
    reminders = []
    for pk, due_on in candidates.iterator(chunk_size=2000):
        reminder = workflow.reminder_for(
            calendar, task_id=pk, due_on=due_on, completed_on=None, today=today, days_before=days_before
        )
        if reminder is not None:
            reminders.append(reminder)
    return DayPlan(today=today, reminders=reminders, digest_key=workflow.digest_key(today))


def recipients_of(task: Task) -> list[Any]:
    """The person in charge; without one, whoever recorded the task."""
    person = task.person_in_charge or task.created_by
    return [person] if person is not None and person.is_active else []
