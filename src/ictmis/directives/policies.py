"""Who may do what to which task: pure functions of the actor's permissions and scope and of the task."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from ictmis.core.access import scope_of
from ictmis.core.errors import NotAllowedError


def may_see(actor: Any, lead_path: str) -> bool:
    """Leaders and specialists see every task; a commune officer the tasks their commune leads."""
    if not actor.has_perm("directives.view_task"):
        return False
    scope = scope_of(actor)
    if scope.whole_province:
        return True
    return bool(lead_path) and any(lead_path.startswith(path) for path in scope.unit_paths)


def ensure_may(actor: Any, permission: str, lead_path: str) -> None:
    """The step's permission, and for a unit-scoped reporter the task must be their own unit's."""
    if not actor.has_perm(permission):
        raise NotAllowedError()
    if not may_see(actor, lead_path):
        raise NotAllowedError(
            _("This task is led by another unit: you may report only on your own unit's tasks."), field="task"
        )


def ensure_may_record(actor: Any) -> None:
    """Sessions, documents, proposals and tasks are recorded by the Department's staff."""
    if not actor.has_perm("directives.add_task"):
        raise NotAllowedError()
