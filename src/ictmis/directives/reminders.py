"""Which reminders a day calls for: N working days before a task's effective deadline and on the day it
becomes overdue (each once, by its dedup key), and the weekly digest to leaders on Mondays.

`plan_day` only selects; `run_daily` delivers through the notification service, whose dedup key makes a
second run of the same day send nothing again."""

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


def run_daily(*, now: dt.datetime) -> dict[str, int]:
    """What `ictmis directives_daily` does: effective deadlines refreshed, the day's reminders and the
    Monday digest sent (each once)."""
    from django.db import transaction

    from ictmis.directives import notifications, selectors
    from ictmis.directives.services import refresh_deadlines

    refreshed = refresh_deadlines(now=now)
    plan = plan_day(now=now)
    sent = 0
    tasks = Task.objects.select_related("person_in_charge", "created_by").in_bulk([r.task_id for r in plan.reminders])
    for reminder in plan.reminders:
        task = tasks[reminder.task_id]
        with transaction.atomic():
            sent += notifications.remind(task, reminder, recipients_of(task), now=now)
    digests = 0
    if plan.digest_key:
        everything = Task.objects.all()
        total = selectors.summary(everything, today=plan.today)[0]
        overdue = list(
            selectors.filter_tasks(everything, today=plan.today, status=workflow.OPEN_OVERDUE).order_by("due_on")[:10]
        )
        with transaction.atomic():
            digests = notifications.digest(total, overdue, key=plan.digest_key, today=plan.today, now=now)
    return {"refreshed": refreshed, "reminders": len(plan.reminders), "sent": sent, "digests": digests}
