"""Who may do what in training: pure functions of the actor's permissions, enforced by the services."""

from __future__ import annotations

from typing import Any

from ictmis.core.errors import NotAllowedError

VIEW = "training.view_course"
MANAGE = "training.change_course"
CREATE = "training.add_course"
APPROVE = "training.approve_trainingplan"
CERTIFY = "training.issue_certificate"


def can_view(actor: Any) -> bool:
    return bool(actor.has_perm(VIEW))


def can_create_course(actor: Any) -> bool:
    return bool(actor.has_perm(CREATE))


def can_manage_course(actor: Any) -> bool:
    """Enrol, mark attendance, record results: the specialists who organise courses."""
    return bool(actor.has_perm(MANAGE))


def can_create_plan(actor: Any) -> bool:
    return bool(actor.has_perm(CREATE))


def can_approve_plan(actor: Any) -> bool:
    return bool(actor.has_perm(APPROVE))


def can_issue_certificate(actor: Any) -> bool:
    return bool(actor.has_perm(CERTIFY))


def ensure(allowed: bool) -> None:
    if not allowed:
        raise NotAllowedError()
