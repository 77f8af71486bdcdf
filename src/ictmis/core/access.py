"""Row-level access: which records an actor may see. Every selector scopes through here.

The accounts app computes an actor's `Scope` from their roles; this module only applies it, so the
rule lives in one place and lower apps need not know about accounts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from django.db import models
from django.db.models import Q

Q_NOTHING = Q(pk__in=[])

QS = TypeVar("QS", bound=models.QuerySet[Any])


@dataclass(frozen=True)
class Scope:
    """What an actor may see: everything, some units (by tree path), and/or one organisation's records."""

    whole_province: bool = False
    unit_paths: tuple[str, ...] = field(default_factory=tuple)
    organisation_id: int | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.whole_province or self.unit_paths or self.organisation_id)


NO_ACCESS = Scope()


class HasScope(Protocol):
    def access_scope(self) -> Scope: ...


def scope_of(actor: Any) -> Scope:
    if actor is None or not getattr(actor, "is_authenticated", False) or not getattr(actor, "is_active", False):
        return NO_ACCESS
    return actor.access_scope()


def unit_condition(scope: Scope, unit_path_lookup: str) -> Q:
    condition = Q_NOTHING
    for path in scope.unit_paths:
        condition |= Q(**{f"{unit_path_lookup}__startswith": path})
    return condition


def scoped(
    queryset: QS,
    actor: Any,
    *,
    unit_path: str | None = None,
    organisation: str | None = None,
) -> QS:
    """Restrict `queryset` to the actor's scope.

    `unit_path` names the lookup to the record's unit path (e.g. "unit__path"); `organisation` the
    lookup to the owning organisation's id (e.g. "operator_id"). A record matches if either allows it.
    """
    scope = scope_of(actor)
    if scope.whole_province:
        return queryset
    condition = Q_NOTHING
    if unit_path and scope.unit_paths:
        condition |= unit_condition(scope, unit_path)
    if organisation and scope.organisation_id:
        condition |= Q(**{organisation: scope.organisation_id})
    return queryset.filter(condition)


class SystemActor:
    """The server operator running a command: sees the whole province; recorded as no user."""

    pk = None
    is_authenticated = True
    is_active = True
    username = "system"

    def access_scope(self) -> Scope:
        return Scope(whole_province=True)

    def has_perm(self, permission: str) -> bool:
        return True

    def __str__(self) -> str:
        return "system"


SYSTEM = SystemActor()
