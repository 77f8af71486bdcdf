"""What directives tells people: the person in charge before a deadline and when a task becomes overdue,
leaders once a week. Each through the notification service with a dedup key, so a second run of the same
day sends nothing again."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ictmis.directives import workflow
from ictmis.notifications.public import notify, register_kind, users_with_role

DUE_SOON = register_kind("directives.task.due_soon", _("A task's deadline is near"))
OVERDUE = register_kind("directives.task.overdue", _("A task became overdue"))
DIGEST = register_kind("directives.digest", _("Weekly digest of tasks"))


def _task_context(task: Any) -> dict[str, Any]:
    return {
        "title": task.title,
        "period": task.period,
        "lead": task.lead_name,
        "source": task.source_number,
        "due_on": task.due_on.strftime("%d/%m/%Y"),
    }


def remind(task: Any, reminder: workflow.Reminder, recipients: list[Any], *, now: dt.datetime) -> int:
    kind = DUE_SOON if reminder.kind == workflow.DUE_SOON else OVERDUE
    written = notify(
        recipients=recipients,
        event=kind.code,
        context=_task_context(task),
        link=reverse("directives:task_detail", args=[task.pk]),
        dedup_key=reminder.dedup_key,
        now=now,
    )
    return len(written)


def digest(total: dict[str, Any], overdue: list[Any], *, key: str, today: dt.date, now: dt.datetime) -> int:
    written = notify(
        recipients=users_with_role("leader"),
        event=DIGEST.code,
        context={
            "today": today.strftime("%d/%m/%Y"),
            "done_on_time": total["done_on_time"],
            "done_late": total["done_late"],
            "open_in_time": total["open_in_time"],
            "open_overdue": total["open_overdue"],
            "rate": f"{total['rate']}%" if total["rate"] is not None else "—",
            "overdue": [f"{t.title} · {t.lead_name} · {t.due_on:%d/%m/%Y}" for t in overdue],
        },
        link=reverse("directives:dashboard"),
        dedup_key=key,
        now=now,
    )
    return len(written)
