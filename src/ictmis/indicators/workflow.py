"""The report workflow: a pure table of steps (source states, target, permission), no I/O."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ictmis.core.errors import DomainError
from ictmis.core.workflow import Step, possible_actions

DRAFT, SUBMITTED, RETURNED, APPROVED, SUPERSEDED = "draft", "submitted", "returned", "approved", "superseded"
EDITABLE = frozenset({DRAFT, RETURNED})
CHANGE = "indicators.change_report"
REVIEW = "indicators.review_report"


STEPS = {
    step.action: step
    for step in (
        Step("submit", gettext_lazy("Submit"), EDITABLE, SUBMITTED, CHANGE),
        Step("approve", gettext_lazy("Approve"), frozenset({SUBMITTED}), APPROVED, REVIEW),
        Step("return", gettext_lazy("Return for correction"), frozenset({SUBMITTED}), RETURNED, REVIEW),
        Step("correct", gettext_lazy("Correct (new edition)"), frozenset({APPROVED}), DRAFT, CHANGE),
    )
}


class ReportStateError(DomainError):
    """A step out of order: the message names the steps possible now."""


def allowed_actions(status: str) -> list[str]:
    return possible_actions(STEPS, status)


def ensure_allowed(status: str, action: str) -> Step:
    step = STEPS.get(action)
    if step is None or status not in step.sources:
        possible = ", ".join(str(STEPS[a].label) for a in allowed_actions(status)) or "—"
        raise ReportStateError(
            _("This step is not possible for the report now. Possible steps: %(steps)s.") % {"steps": possible}
        )
    return step


def ensure_editable(status: str) -> None:
    if status not in EDITABLE:
        raise ReportStateError(
            _("An approved or submitted report is locked: its values cannot be changed."), field="values"
        )


# The app's events as the history names them (registered with core.events when the app is ready).
EVENT_LABELS = {
    "indicators.report.created": gettext_lazy("Report created"),
    "indicators.report.values_set": gettext_lazy("Figures entered"),
    "indicators.report.submitted": gettext_lazy("Report submitted"),
    "indicators.report.approved": gettext_lazy("Report approved"),
    "indicators.report.returned": gettext_lazy("Returned for correction"),
    "indicators.report.corrected": gettext_lazy("New edition made"),
    "indicators.report.reminded": gettext_lazy("Reminder sent"),
    "indicators.report.reminder": gettext_lazy("Reminder sent"),
    "indicators.scorecard.overridden": gettext_lazy("Assessment overridden"),
}

# What the confirmation says once a step is done.
DONE_MESSAGES = {
    "submit": gettext_lazy("The report was submitted for review."),
    "approve": gettext_lazy("The report was approved."),
    "return": gettext_lazy("The report was returned for correction."),
}
