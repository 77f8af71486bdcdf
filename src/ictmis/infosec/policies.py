"""Who may do what with information systems and incidents: pure functions, enforced in services."""

from __future__ import annotations

from typing import Any

from ictmis.core.access import scope_of
from ictmis.core.errors import NotAllowedError

MANAGE = "infosec.change_informationsystem"
REPORT = "infosec.add_incident"
RESPOND = "infosec.change_incident"
VIEW = "infosec.view_informationsystem"


def sees_system(actor: Any, system: Any) -> bool:
    """Specialists the whole province; owners and operators their own systems (by organisation or unit)."""
    if not actor.has_perm(VIEW):
        return False
    scope = scope_of(actor)
    if scope.whole_province:
        return True
    if scope.organisation_id and scope.organisation_id in (system.owner_id, system.operator_id):
        return True
    return any(system.unit_path.startswith(path) for path in scope.unit_paths if system.unit_path)


def can_manage_systems(actor: Any) -> bool:
    return bool(actor.has_perm(MANAGE))


def can_report_incident(actor: Any, system: Any) -> bool:
    return bool(actor.has_perm(REPORT)) and sees_system(actor, system)


def can_follow_incident(actor: Any, incident: Any) -> bool:
    """Progress, closing and the reports: the Department's response team, or the owner's/operator's people."""
    return bool(actor.has_perm(RESPOND)) or can_report_incident(actor, incident.system)


def ensure(allowed: bool, message: object | None = None) -> None:
    if not allowed:
        raise NotAllowedError(message)
