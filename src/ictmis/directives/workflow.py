"""Pure rules of task tracking: the effective deadline, the four states (Decision 42/2014/QĐ-TTg as amended
by 23/2018/QĐ-TTg), "due within N working days", recurring deadlines, the step table, and which reminders
a day calls for. No I/O: the calendar and the day are passed in."""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ictmis.core.errors import DomainError
from ictmis.core.workdays import WorkingCalendar

DONE_ON_TIME = "done_on_time"
DONE_LATE = "done_late"
OPEN_IN_TIME = "open_in_time"
OPEN_OVERDUE = "open_overdue"
STATES = (DONE_ON_TIME, DONE_LATE, OPEN_IN_TIME, OPEN_OVERDUE)
STATE_LABELS = {
    DONE_ON_TIME: gettext_lazy("completed on time"),
    DONE_LATE: gettext_lazy("completed late"),
    OPEN_IN_TIME: gettext_lazy("not completed, within the deadline"),
    OPEN_OVERDUE: gettext_lazy("not completed, overdue"),
}
LEGAL_BASIS = "Quyết định 42/2014/QĐ-TTg, sửa đổi bởi Quyết định 23/2018/QĐ-TTg"
DEADLINE_RULE = "Bộ luật Dân sự 2015, Điều 148 khoản 5"  # a term ending on a day off ends on the next working day


def effective_deadline(calendar: WorkingCalendar, *, deadline: dt.date, extended_to: dt.date | None) -> dt.date:
    """The approved extension if any, else the deadline; a day off moves it to the next working day."""
    day = extended_to or deadline
    while not calendar.is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def state(*, due_on: dt.date, completed_on: dt.date | None, today: dt.date) -> str:
    if completed_on is not None:
        return DONE_ON_TIME if completed_on <= due_on else DONE_LATE
    return OPEN_IN_TIME if today <= due_on else OPEN_OVERDUE


def is_due_soon(
    calendar: WorkingCalendar, *, due_on: dt.date, completed_on: dt.date | None, today: dt.date, within: int
) -> bool:
    """Open, not yet overdue, and at most `within` working days left (the deadline day itself counts 0)."""
    if completed_on is not None or today > due_on:
        return False
    return calendar.working_days_between(today, due_on) <= within


def is_due(*, due_on: dt.date, completed_on: dt.date | None, today: dt.date) -> bool:
    """Counted in "completed / due": its deadline has come, or it is done."""
    return completed_on is not None or due_on <= today


def rate(done: int, due: int) -> float | None:
    """Performance = completed / due, in percent with one decimal."""
    return round(100 * done / due, 1) if due else None


# ---- recurring tasks ---------------------------------------------------------------------------------

MONTHS = {"monthly": 1, "quarterly": 3, "yearly": 12}
MAX_OCCURRENCES = 120


def _add_months(day: dt.date, months: int, anchor_day: int) -> dt.date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(anchor_day, month_calendar.monthrange(year, month)[1]))


def occurrences(*, first: dt.date, recurrence: str, until: dt.date) -> list[tuple[dt.date, str]]:
    """Each deadline of a recurring task up to `until` with its period label (a deadline on a month's last
    day stays at the month's end: 30/09 → 31/12, 31/01 → 28/02 → 31/03)."""
    step = MONTHS[recurrence]
    month_end = first.day == month_calendar.monthrange(first.year, first.month)[1]
    anchor = 31 if month_end else first.day
    result: list[tuple[dt.date, str]] = []
    day = first
    while day <= until and len(result) < MAX_OCCURRENCES:
        if recurrence == "monthly":
            label = f"{day.month:02d}/{day.year}"
        elif recurrence == "quarterly":
            label = _("Q%(q)s/%(year)s") % {"q": (day.month - 1) // 3 + 1, "year": day.year}
        else:
            label = str(day.year)
        result.append((day, label))
        day = _add_months(first, step * len(result), anchor)
    return result


# ---- phases and steps --------------------------------------------------------------------------------

OPEN = "open"
AWAITING = "awaiting_confirmation"
CONFIRMED = "confirmed"
PHASE_LABELS = {
    OPEN: gettext_lazy("in progress"),
    AWAITING: gettext_lazy("completion reported, waiting for confirmation"),
    CONFIRMED: gettext_lazy("completion confirmed"),
}


def phase(*, completed_on: dt.date | None, confirmed: bool) -> str:
    if completed_on is None:
        return OPEN
    return CONFIRMED if confirmed else AWAITING


@dataclass(frozen=True)
class Step:
    action: str
    label: object
    sources: frozenset[str]
    permission: str
    needs_pending_extension: bool = False


STEPS = {
    step.action: step
    for step in (
        Step("progress", gettext_lazy("Report progress"), frozenset({OPEN}), "directives.report_task"),
        Step("extend", gettext_lazy("Ask for an extension"), frozenset({OPEN}), "directives.report_task"),
        Step(
            "approve_extension",
            gettext_lazy("Approve the extension"),
            frozenset({OPEN}),
            "directives.decide_extension",
            needs_pending_extension=True,
        ),
        Step(
            "refuse_extension",
            gettext_lazy("Refuse the extension"),
            frozenset({OPEN}),
            "directives.decide_extension",
            needs_pending_extension=True,
        ),
        Step("complete", gettext_lazy("Report completion"), frozenset({OPEN}), "directives.report_task"),
        Step("confirm", gettext_lazy("Confirm completion"), frozenset({AWAITING}), "directives.confirm_task"),
        Step("reopen", gettext_lazy("Return as not completed"), frozenset({AWAITING}), "directives.confirm_task"),
    )
}


class TaskStateError(DomainError):
    """A step the task's phase does not allow; the message says why."""


def allowed_actions(current: str, *, pending_extension: bool) -> list[str]:
    result = []
    for name, step in STEPS.items():
        if current not in step.sources or (step.needs_pending_extension and not pending_extension):
            continue
        if name == "extend" and pending_extension:
            continue
        result.append(name)
    return result


def ensure_allowed(current: str, action: str, *, pending_extension: bool) -> Step:
    step = STEPS.get(action)
    if step is None:
        raise TaskStateError(_("Unknown step."))
    if action == "extend" and current != OPEN:
        raise TaskStateError(
            _("The task is already completed: an extension can no longer be asked."), field="requested_to"
        )
    if action == "extend" and pending_extension:
        raise TaskStateError(_("An extension request is already waiting for a decision."), field="requested_to")
    if current not in step.sources or (step.needs_pending_extension and not pending_extension):
        possible = ", ".join(str(STEPS[a].label) for a in allowed_actions(current, pending_extension=pending_extension))
        raise TaskStateError(
            _("This step is not possible for the task now. Possible steps: %(steps)s.") % {"steps": possible or "—"}
        )
    return step


# ---- reminders -----------------------------------------------------------------------------------------

DUE_SOON = "due_soon"
OVERDUE = "overdue"
OVERDUE_CATCH_UP_DAYS = 7  # a missed daily run still sends "overdue" within a week, never older backlog


@dataclass(frozen=True)
class Reminder:
    task_id: int
    kind: str
    due_on: dt.date
    dedup_key: str


def reminder_for(
    calendar: WorkingCalendar,
    *,
    task_id: int,
    due_on: dt.date,
    completed_on: dt.date | None,
    today: dt.date,
    days_before: int,
) -> Reminder | None:
    """The reminder a task calls for today, if any. Its key names the deadline, so each is sent once per
    deadline (an approved extension arms new ones)."""
    if completed_on is not None:
        return None
    if due_on < today <= due_on + dt.timedelta(days=OVERDUE_CATCH_UP_DAYS):
        kind = OVERDUE
    elif today <= due_on and calendar.working_days_between(today, due_on) <= days_before:
        kind = DUE_SOON
    else:
        return None
    return Reminder(task_id, kind, due_on, f"directives.task.{task_id}.{kind}.{due_on.isoformat()}")


def digest_key(today: dt.date) -> str | None:
    """The weekly digest to leaders goes out on Mondays, once per ISO week."""
    if today.weekday() != 0:
        return None
    year, week, _day = today.isocalendar()
    return f"directives.digest.{year}-W{week:02d}"


# The app's events as the history names them (registered with core.events when the app is ready).
EVENT_LABELS = {
    "directives.document.recorded": gettext_lazy("Document recorded"),
    "directives.session.recorded": gettext_lazy("Working session recorded"),
    "directives.proposal.sent": gettext_lazy("Proposal sent"),
    "directives.proposal.answered": gettext_lazy("Answer recorded"),
    "directives.task.assigned": gettext_lazy("Task assigned"),
    "directives.task.due_soon": gettext_lazy("Deadline approaching"),
    "directives.task.overdue": gettext_lazy("Overdue"),
}

# What the confirmation says once a step is done.
DONE_MESSAGES = {
    "progress": gettext_lazy("Your progress report was recorded."),
    "extend": gettext_lazy("Your request for an extension was sent."),
    "complete": gettext_lazy("The completion report was sent for confirmation."),
    "confirm": gettext_lazy("The task was confirmed as completed."),
    "reopen": gettext_lazy("The task was returned as not completed."),
    "approve_extension": gettext_lazy("The extension was granted."),
    "refuse_extension": gettext_lazy("The extension was refused."),
}
