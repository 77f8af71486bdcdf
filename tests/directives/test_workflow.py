"""The pure rules: effective deadline over weekends, holidays and make-up Saturdays; the four states; due
within N working days; recurring deadlines; the step table; reminder selection and keys."""

from __future__ import annotations

import datetime as dt

import pytest

from ictmis.core.workdays import Override, WorkingCalendar
from ictmis.directives import workflow
from ictmis.directives.workflow import DONE_LATE, DONE_ON_TIME, OPEN_IN_TIME, OPEN_OVERDUE

D = dt.date.fromisoformat
CALENDAR = WorkingCalendar()

# (deadline, extended_to, completed_on, today, effective deadline, state)
CASES = [
    ("2025-09-15", None, None, "2025-09-15", "2025-09-15", OPEN_IN_TIME),  # the deadline day itself is in time
    ("2025-09-15", None, None, "2025-09-16", "2025-09-15", OPEN_OVERDUE),
    ("2025-09-15", None, "2025-09-15", "2025-10-01", "2025-09-15", DONE_ON_TIME),
    ("2025-09-15", None, "2025-09-16", "2025-10-01", "2025-09-15", DONE_LATE),
    ("2025-09-15", None, "2025-09-10", "2025-09-11", "2025-09-15", DONE_ON_TIME),  # early
    ("2025-09-13", None, "2025-09-15", "2025-09-20", "2025-09-15", DONE_ON_TIME),  # Saturday → Monday
    ("2025-09-13", None, None, "2025-09-15", "2025-09-15", OPEN_IN_TIME),
    ("2025-09-14", None, None, "2025-09-16", "2025-09-15", OPEN_OVERDUE),  # Sunday → Monday, then overdue
    ("2025-04-30", None, "2025-05-05", "2025-05-10", "2025-05-05", DONE_ON_TIME),  # 30/4–1/5 + swapped days
    ("2025-04-30", None, "2025-05-06", "2025-05-10", "2025-05-05", DONE_LATE),
    ("2025-04-30", None, None, "2025-05-05", "2025-05-05", OPEN_IN_TIME),
    ("2025-04-30", None, None, "2025-05-06", "2025-05-05", OPEN_OVERDUE),
    ("2025-08-30", None, None, "2025-09-03", "2025-09-03", OPEN_IN_TIME),  # weekend, then National Day 1–2/9
    ("2025-04-26", None, "2025-04-28", "2025-05-10", "2025-04-26", DONE_LATE),  # a make-up Saturday works
    ("2026-02-16", None, "2026-02-23", "2026-03-01", "2026-02-23", DONE_ON_TIME),  # Tết 2026
    ("2025-09-15", "2025-09-30", "2025-09-20", "2025-10-10", "2025-09-30", DONE_ON_TIME),  # extension counts
    ("2025-09-15", "2025-09-30", None, "2025-09-25", "2025-09-30", OPEN_IN_TIME),
    ("2025-09-15", "2025-09-30", None, "2025-10-01", "2025-09-30", OPEN_OVERDUE),
    ("2025-09-15", "2025-10-04", None, "2025-10-06", "2025-10-06", OPEN_IN_TIME),  # extended to a Saturday
    ("2025-09-15", "2025-10-04", "2025-10-07", "2025-10-10", "2025-10-06", DONE_LATE),
]


@pytest.mark.parametrize(("deadline", "extended", "completed", "today", "effective", "expected"), CASES)
def test_state_table(
    deadline: str, extended: str | None, completed: str | None, today: str, effective: str, expected: str
) -> None:
    due = workflow.effective_deadline(CALENDAR, deadline=D(deadline), extended_to=D(extended) if extended else None)
    assert due == D(effective)
    assert workflow.state(due_on=due, completed_on=D(completed) if completed else None, today=D(today)) == expected


def test_an_override_makes_a_day_off_and_moves_the_deadline() -> None:
    calendar = WorkingCalendar([Override(D("2025-09-15"), False)])
    assert workflow.effective_deadline(calendar, deadline=D("2025-09-15"), extended_to=None) == D("2025-09-16")


@pytest.mark.parametrize(
    ("today", "within", "expected"),
    [
        ("2025-08-29", 1, True),  # Friday; Sat, Sun, 1/9 and 2/9 off: Wednesday 3/9 is one working day away
        ("2025-08-25", 3, False),  # five working days away
        ("2025-08-27", 3, True),
        ("2025-09-03", 0, True),  # the deadline day
        ("2025-09-04", 3, False),  # overdue is not "due soon"
    ],
)
def test_due_within_working_days(today: str, within: int, expected: bool) -> None:
    assert (
        workflow.is_due_soon(CALENDAR, due_on=D("2025-09-03"), completed_on=None, today=D(today), within=within)
        is expected
    )
    assert not workflow.is_due_soon(CALENDAR, due_on=D("2025-09-03"), completed_on=D(today), today=D(today), within=9)


def test_rate() -> None:
    assert workflow.rate(3, 4) == 75.0
    assert workflow.rate(2, 3) == 66.7
    assert workflow.rate(0, 0) is None


def test_monthly_occurrences_keep_the_month_end() -> None:
    got = workflow.occurrences(first=D("2026-01-31"), recurrence="monthly", until=D("2026-04-30"))
    assert [day for day, _label in got] == [D("2026-01-31"), D("2026-02-28"), D("2026-03-31"), D("2026-04-30")]
    assert [label for _day, label in got] == ["01/2026", "02/2026", "03/2026", "04/2026"]


def test_quarterly_and_yearly_occurrences() -> None:
    quarters = workflow.occurrences(first=D("2026-03-31"), recurrence="quarterly", until=D("2026-12-31"))
    assert [day for day, _ in quarters] == [D("2026-03-31"), D("2026-06-30"), D("2026-09-30"), D("2026-12-31")]
    years = workflow.occurrences(first=D("2024-02-29"), recurrence="yearly", until=D("2028-12-31"))
    assert [day for day, _ in years] == [
        D("2024-02-29"),
        D("2025-02-28"),
        D("2026-02-28"),
        D("2027-02-28"),
        D("2028-02-29"),
    ]
    assert years[0][1] == "2024"
    from_september = workflow.occurrences(first=D("2025-09-30"), recurrence="quarterly", until=D("2026-03-31"))
    assert [day for day, _ in from_september] == [D("2025-09-30"), D("2025-12-31"), D("2026-03-31")]
    mid_month = workflow.occurrences(first=D("2026-01-30"), recurrence="monthly", until=D("2026-03-31"))
    assert [day for day, _ in mid_month] == [D("2026-01-30"), D("2026-02-28"), D("2026-03-30")]


def test_step_table() -> None:
    assert workflow.allowed_actions(workflow.OPEN, pending_extension=False) == ["progress", "extend", "complete"]
    assert workflow.allowed_actions(workflow.OPEN, pending_extension=True) == [
        "progress",
        "approve_extension",
        "refuse_extension",
        "complete",
    ]
    assert workflow.allowed_actions(workflow.AWAITING, pending_extension=False) == ["confirm", "reopen"]
    assert workflow.allowed_actions(workflow.CONFIRMED, pending_extension=False) == []
    with pytest.raises(workflow.TaskStateError) as error:
        workflow.ensure_allowed(workflow.AWAITING, "extend", pending_extension=False)
    assert error.value.field == "requested_to"
    with pytest.raises(workflow.TaskStateError):
        workflow.ensure_allowed(workflow.OPEN, "approve_extension", pending_extension=False)


def test_reminders_before_the_deadline_and_when_overdue_each_with_one_key() -> None:
    due = D("2025-09-03")

    def remind(today: str) -> workflow.Reminder | None:
        return workflow.reminder_for(CALENDAR, task_id=7, due_on=due, completed_on=None, today=D(today), days_before=3)

    assert remind("2025-08-26") is None  # four working days before
    soon = {remind(day) for day in ("2025-08-27", "2025-08-28", "2025-08-29", "2025-09-03")}
    assert len(soon) == 1  # the same reminder (same key) every day of the window: sent once
    (first,) = soon
    assert first is not None and first.kind == workflow.DUE_SOON
    assert first.dedup_key == "directives.task.7.due_soon.2025-09-03"
    late = remind("2025-09-04")
    assert late is not None and late.kind == workflow.OVERDUE
    assert remind("2025-09-06") == late
    assert remind("2025-09-20") is None  # past the catch-up window: no backlog flood
    assert (
        workflow.reminder_for(CALENDAR, task_id=7, due_on=due, completed_on=due, today=D("2025-09-04"), days_before=3)
        is None
    )


def test_weekly_digest_on_mondays() -> None:
    assert workflow.digest_key(D("2025-09-15")) == "directives.digest.2025-W38"
    assert workflow.digest_key(D("2025-09-16")) is None
