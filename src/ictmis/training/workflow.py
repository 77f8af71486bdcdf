"""Pure rules of training: who passes on attendance, the period coverage looks back over, the sessions of a
course and the form of a verification code. No I/O."""

from __future__ import annotations

import datetime as dt
import secrets

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ictmis.core.errors import DomainError

# no 0/O, 1/I/L: a code read aloud or copied by hand from paper must not be ambiguous
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
MAX_COURSE_DAYS = 60


class TrainingRuleError(DomainError):
    """A rule of training refused the operation; the message names the field."""


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """What a person types ("abcd-efgh 23") as the stored form ("ABCDEFGH23")."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def session_days(starts_on: dt.date, ends_on: dt.date) -> list[dt.date]:
    """One session per calendar day of the course (the organiser removes none: courses run on the days
    they are planned, weekends included when planned so)."""
    if ends_on < starts_on:
        raise TrainingRuleError(_("The end date cannot be before the start date."), field="ends_on")
    days = (ends_on - starts_on).days + 1
    if days > MAX_COURSE_DAYS:
        raise TrainingRuleError(
            _("A course lasts at most %(n)s days; split a longer one.") % {"n": MAX_COURSE_DAYS}, field="ends_on"
        )
    return [starts_on + dt.timedelta(days=i) for i in range(days)]


def attendance_percent(attended: int, sessions: int) -> int:
    return 0 if sessions == 0 else (100 * attended) // sessions


def may_pass(*, attended: int, sessions: int, min_attendance: int) -> bool:
    return sessions > 0 and attendance_percent(attended, sessions) >= min_attendance


def coverage_since(today: dt.date, years: int) -> dt.date:
    """The first day of the last `years` years up to `today` (a course ending on that day counts)."""
    try:
        return today.replace(year=today.year - years) + dt.timedelta(days=1)
    except ValueError:  # 29 February
        return dt.date(today.year - years, 3, 1)


# The app's events as the history names them (registered with core.events when the app is ready).
EVENT_LABELS = {
    "training.plan.created": gettext_lazy("Training plan created"),
    "training.plan.submitted": gettext_lazy("Training plan submitted"),
    "training.plan.approved": gettext_lazy("Training plan approved"),
    "training.course.created": gettext_lazy("Course created"),
    "training.course.changed": gettext_lazy("Course changed"),
    "training.participant.enrolled": gettext_lazy("Participant enrolled"),
    "training.attendance.marked": gettext_lazy("Attendance marked"),
    "training.result.recorded": gettext_lazy("Result recorded"),
    "training.certificate.issued": gettext_lazy("Certificate issued"),
    "training.evaluation.submitted": gettext_lazy("Evaluation received"),
}
