"""Incident steps and clocks, and the level rules' arithmetic: pure functions, no I/O."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ictmis.core.errors import DomainError

RESPONDING, CLOSED = "responding", "closed"


@dataclass(frozen=True)
class Step:
    action: str
    label: object
    sources: frozenset[str]
    target: str | None  # None: the status stays


STEPS = {
    step.action: step
    for step in (
        Step("progress", gettext_lazy("Report progress"), frozenset({RESPONDING}), None),
        Step("escalate", gettext_lazy("Escalate: beyond our capacity"), frozenset({RESPONDING}), None),
        Step(
            "initial_report", gettext_lazy("Send the initial report (form 03)"), frozenset({RESPONDING, CLOSED}), None
        ),
        Step("close", gettext_lazy("Close the response"), frozenset({RESPONDING}), CLOSED),
        Step("end_report", gettext_lazy("Send the end-of-response report (form 04)"), frozenset({CLOSED}), None),
    )
}


class IncidentStateError(DomainError):
    """A step out of order: the message names the steps possible now."""


def ensure_allowed(status: str, action: str) -> Step:
    step = STEPS.get(action)
    if step is None or status not in step.sources:
        possible = ", ".join(str(s.label) for s in STEPS.values() if status in s.sources) or "—"
        raise IncidentStateError(
            _("This step is not possible for the incident now. Possible steps: %(steps)s.") % {"steps": possible}
        )
    return step


def deadline(start: dt.datetime, days: int) -> dt.datetime:
    """N days after an event, to the hour (the rule counts days, not working days)."""
    return start + dt.timedelta(days=days)


@dataclass(frozen=True)
class Clock:
    """One deadline as shown: 'done' (on time), 'late' (done late), 'overdue' (not done, past), 'running'."""

    state: str
    due_at: dt.datetime | None
    days_left: int | None  # whole days left, rounded up, while running

    @property
    def late(self) -> bool:
        return self.state in ("late", "overdue")


def clock(*, due_at: dt.datetime | None, done_at: dt.datetime | None, now: dt.datetime) -> Clock:
    if due_at is None:
        return Clock("none", None, None)
    if done_at is not None:
        return Clock("done" if done_at <= due_at else "late", due_at, None)
    if now > due_at:
        return Clock("overdue", due_at, None)
    return Clock("running", due_at, math.ceil((due_at - now).total_seconds() / 86400))


def is_serious(level: int | None, effects: list[str]) -> bool:
    """Serious: a level 4–5 system and one of the serious effects the rule lists."""
    return level is not None and level >= 4 and bool(effects)


def level_due_date(
    *,
    complete_on: dt.date,
    appraisal_days: int | None,
    approval_working_days: int,
    add_working_days: Callable[[dt.date, int], dt.date],
) -> dt.date:
    """Appraisal in days from the complete dossier, then the approval in working days."""
    appraised = complete_on + dt.timedelta(days=appraisal_days or 0)
    return add_working_days(appraised, approval_working_days)


# The app's events as the history names them (registered with core.events when the app is ready).
EVENT_LABELS = {
    "infosec.system.created": gettext_lazy("System registered"),
    "infosec.system.changed": gettext_lazy("System details changed"),
    "infosec.system.sent_to_ministry": gettext_lazy("Sent to the Ministry"),
    "infosec.incident.reported": gettext_lazy("Incident reported"),
    "infosec.incident.escalated": gettext_lazy("Escalated"),
    "infosec.incident.progress": gettext_lazy("Progress reported"),
    "infosec.incident.notified": gettext_lazy("Initial report sent"),
    "infosec.incident.closed": gettext_lazy("Response closed"),
    "infosec.incident.end_reported": gettext_lazy("End-of-response report sent"),
    "infosec.check.planned": gettext_lazy("Check planned"),
    "infosec.check.done": gettext_lazy("Check recorded"),
}
