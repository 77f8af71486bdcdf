"""Who may do what to which report or scorecard: pure functions of the actor's permissions and scope.

Services enforce them; views and the API turn the refusal into a 403/404. A report outside the actor's scope
is not found at all (selectors), before any policy is asked.
"""

from __future__ import annotations

from typing import Any

from ictmis.core.access import scope_of
from ictmis.indicators import workflow

VIEW = "indicators.view_report"
ADD = "indicators.add_report"
OVERRIDE = "indicators.override_scorecard"


def sees_unit(actor: Any, unit_path: str) -> bool:
    scope = scope_of(actor)
    return scope.whole_province or any(unit_path.startswith(path) for path in scope.unit_paths)


def can_view(actor: Any) -> bool:
    return bool(actor.has_perm(VIEW))


def can_create(actor: Any, unit_path: str) -> bool:
    return bool(actor.has_perm(ADD)) and sees_unit(actor, unit_path)


def can_edit(actor: Any, report: Any) -> bool:
    return (
        report.status in workflow.EDITABLE
        and bool(actor.has_perm(workflow.CHANGE))
        and sees_unit(actor, report.unit_path)
    )


def can_act(actor: Any, report: Any, action: str) -> bool:
    step = workflow.STEPS.get(action)
    if step is None or report.status not in step.sources or not actor.has_perm(step.permission):
        return False
    if step.permission == workflow.REVIEW:
        # the level above decides: the Department's reviewers see the whole province, a commune officer never
        return scope_of(actor).whole_province
    return sees_unit(actor, report.unit_path)


def allowed_actions(actor: Any, report: Any) -> list[str]:
    return [action for action in workflow.allowed_actions(report.status) if can_act(actor, report, action)]


def can_remind(actor: Any) -> bool:
    return bool(actor.has_perm(workflow.REVIEW))


def can_override_scorecard(actor: Any) -> bool:
    return bool(actor.has_perm(OVERRIDE))
