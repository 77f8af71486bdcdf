"""Who may do what in enforcement: inspectors record violations and draft decisions, leaders sign them and
approve plans, enterprises only see their own decisions. Services enforce these; views translate refusals."""

from __future__ import annotations

from typing import Any

from ictmis.core.access import scope_of
from ictmis.core.errors import NotAllowedError

RECORD = "enforcement.add_violationrecord"
DRAFT = "enforcement.add_sanctiondecision"
SIGN = "enforcement.sign_sanctiondecision"
PAY = "enforcement.add_payment"
PLAN = "enforcement.add_inspectionplan"
APPROVE_PLAN = "enforcement.change_inspectionplan"
INSPECT = "enforcement.add_inspection"


def can_record(actor: Any) -> bool:
    return bool(actor.has_perm(RECORD))


def can_draft(actor: Any) -> bool:
    return bool(actor.has_perm(DRAFT))


def can_act(actor: Any, decision: Any, permission: str) -> bool:
    return bool(actor.has_perm(permission))


def can_record_payment(actor: Any) -> bool:
    return bool(actor.has_perm(PAY))


def can_publish(actor: Any) -> bool:
    """The signer's side publishes: a leader with the authority to sign."""
    return bool(actor.has_perm(SIGN))


def can_plan(actor: Any) -> bool:
    return bool(actor.has_perm(PLAN))


def can_approve_plan(actor: Any) -> bool:
    return bool(actor.has_perm(APPROVE_PLAN))


def can_inspect(actor: Any) -> bool:
    return bool(actor.has_perm(INSPECT))


def sees_decision(actor: Any, decision: Any) -> bool:
    """Province-wide staff with the permission see every decision; an enterprise its own."""
    if not actor.has_perm("enforcement.view_sanctiondecision"):
        return False
    scope = scope_of(actor)
    return scope.whole_province or (
        scope.organisation_id is not None and decision.organisation_id == scope.organisation_id
    )


def ensure(allowed: bool, message: str | None = None) -> None:
    if not allowed:
        raise NotAllowedError(message)
