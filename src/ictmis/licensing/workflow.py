"""The case state machine and the deadline arithmetic: pure rules, no I/O."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ictmis.core.errors import DomainError
from ictmis.core.workdays import WorkingCalendar
from ictmis.core.workflow import Step, possible_actions

# The earliest day a case, a step or a payment may carry: the procedure rules kept here begin in 2014.
EARLIEST_DAY = dt.date(2014, 1, 1)

S = ("submitted", "received", "supplement", "appraisal", "proposed", "granted", "refused", "issued", "closed")
SUBMITTED, RECEIVED, SUPPLEMENT, APPRAISAL, PROPOSED, GRANTED, REFUSED, ISSUED, CLOSED = S
WITHDRAWN = "withdrawn"
# The states in which the applicant supplies documents itself: before a specialist receives the dossier, and
# when a supplement was requested. Otherwise the dossier changes only through the specialists who process it.
APPLICANT_SUPPLIES = frozenset({SUBMITTED, SUPPLEMENT})

# A step that never makes a case wait for whoever may take it: a withdrawal comes when the applicant asks.
NOT_AWAITED = frozenset({"withdraw"})


# The case's events that are not steps of the table, as the history and the process sheet name them.
EVENT_LABELS = {
    "opened": gettext_lazy("Dossier received"),
    "file_added": gettext_lazy("File added"),
    "fee_assessed": gettext_lazy("Fee assessed"),
    "fee_paid": gettext_lazy("Fee paid"),
    "apology": gettext_lazy("Apology letter drafted"),
    "submitted": gettext_lazy("Submitted online"),
    "received": gettext_lazy("Dossier received"),
    "supplement_requested": gettext_lazy("Supplement requested"),
    "supplement_uploaded": gettext_lazy("Supplement uploaded"),
    "proposed": gettext_lazy("Proposed for decision"),
    "issued": gettext_lazy("Result issued"),
    "assigned": gettext_lazy("Assigned"),
}

STEPS = {
    step.action: step
    for step in (
        Step("receive", gettext_lazy("Receive"), frozenset({SUBMITTED}), RECEIVED, "licensing.change_case"),
        Step(
            "request_supplement",
            gettext_lazy("Request a supplement"),
            frozenset({RECEIVED, APPRAISAL}),
            SUPPLEMENT,
            "licensing.change_case",
        ),
        Step(
            "receive_supplement",
            gettext_lazy("Supplement received"),
            frozenset({SUPPLEMENT}),
            RECEIVED,
            "licensing.change_case",
        ),
        Step(
            "start_appraisal",
            gettext_lazy("Start appraisal"),
            frozenset({RECEIVED}),
            APPRAISAL,
            "licensing.change_case",
        ),
        Step("propose", gettext_lazy("Propose a decision"), frozenset({APPRAISAL}), PROPOSED, "licensing.change_case"),
        Step("grant", gettext_lazy("Grant"), frozenset({PROPOSED}), GRANTED, "licensing.decide_case"),
        Step("refuse", gettext_lazy("Refuse"), frozenset({PROPOSED}), REFUSED, "licensing.decide_case"),
        Step("issue", gettext_lazy("Issue the result"), frozenset({GRANTED, REFUSED}), ISSUED, "licensing.change_case"),
        Step("close", gettext_lazy("Close (result handed over)"), frozenset({ISSUED}), CLOSED, "licensing.change_case"),
        Step(
            "withdraw",
            gettext_lazy("Withdraw"),
            frozenset({SUBMITTED, RECEIVED, SUPPLEMENT, APPRAISAL, PROPOSED}),
            WITHDRAWN,
            "licensing.change_case",
        ),
    )
}


class CaseStateError(DomainError):
    """A step out of order: the message names the steps possible now."""


def allowed_actions(status: str) -> list[str]:
    return possible_actions(STEPS, status)


def awaited_steps(status: str) -> list[Step]:
    """The steps a case in `status` waits for (the "waiting for me" list), whoever may take them."""
    return [STEPS[action] for action in allowed_actions(status) if action not in NOT_AWAITED]


def ensure_allowed(status: str, action: str) -> Step:
    step = STEPS.get(action)
    if step is None or status not in step.sources:
        possible = ", ".join(str(STEPS[a].label) for a in allowed_actions(status)) or "—"
        raise CaseStateError(
            _("This step is not possible for the case now. Possible steps: %(steps)s.") % {"steps": possible}
        )
    return step


def due_date(calendar: WorkingCalendar, complete_on: dt.date, time_limit_days: int) -> dt.date:
    """The clock starts on the working day after the complete, valid dossier arrived."""
    return calendar.add_working_days(complete_on, time_limit_days)


def timeliness(*, due_on: dt.date | None, finished_on: dt.date | None, today: dt.date) -> str:
    """'stopped' (waiting for a supplement), 'on_time', 'late', 'due_today', 'in_time' (open, not yet due)."""
    if due_on is None:
        return "stopped"
    if finished_on is not None:
        return "on_time" if finished_on <= due_on else "late"
    if today > due_on:
        return "late"
    return "due_today" if today == due_on else "in_time"


# What the confirmation says once a step is done.
DONE_MESSAGES = {
    "receive": gettext_lazy("Case %(code)s was received."),
    "request_supplement": gettext_lazy("A supplement was requested for case %(code)s; the applicant has been told."),
    "receive_supplement": gettext_lazy("The supplement to case %(code)s was received."),
    "start_appraisal": gettext_lazy("Case %(code)s is now in appraisal."),
    "propose": gettext_lazy("Case %(code)s was sent to the leader for decision."),
    "grant": gettext_lazy("Case %(code)s was granted."),
    "refuse": gettext_lazy("Case %(code)s was refused."),
    "issue": gettext_lazy("The result of case %(code)s was issued."),
    "close": gettext_lazy("Case %(code)s has ended: the result was handed over."),
    "withdraw": gettext_lazy("Case %(code)s was withdrawn."),
}
