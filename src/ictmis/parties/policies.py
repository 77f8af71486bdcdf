"""Who may do what with persons: pure functions of the actor's permissions and scope and the person's commune,
enforced by the services (views and the API only turn NotAllowedError into a refusal)."""

from __future__ import annotations

from typing import Any

from ictmis.core.access import scope_of
from ictmis.core.errors import NotAllowedError

VIEW_PERSON = "parties.view_person"
ADD_PERSON = "parties.add_person"
CHANGE_PERSON = "parties.change_person"
DELETE_PERSON = "parties.delete_person"


def holds(actor: Any, unit_path: str) -> bool:
    """Whether the actor's scope covers a person filed under `unit_path` (blank: no commune, which only the
    province-wide staff keep)."""
    scope = scope_of(actor)
    if scope.whole_province:
        return True
    return bool(unit_path) and any(unit_path.startswith(path) for path in scope.unit_paths)


def can_view_persons(actor: Any) -> bool:
    return bool(actor.has_perm(VIEW_PERSON))


def can_view_person(actor: Any, person: Any) -> bool:
    return can_view_persons(actor) and holds(actor, person.unit_path)


def can_create_person(actor: Any, *, unit_path: str) -> bool:
    """A commune officer records persons of their own communes only."""
    return bool(actor.has_perm(ADD_PERSON)) and holds(actor, unit_path)


def can_change_person(actor: Any, person: Any, *, new_unit_path: str | None = None) -> bool:
    """The person as stored must be in the actor's scope, and so must the commune they are moved to."""
    if not (actor.has_perm(CHANGE_PERSON) and holds(actor, person.unit_path)):
        return False
    return new_unit_path is None or holds(actor, new_unit_path)


def can_delete_person(actor: Any, person: Any) -> bool:
    """Deleting a person and restoring them: a keeper of persons (the Department's specialists, a commune
    officer for their own communes' persons), on the person as stored."""
    return bool(actor.has_perm(DELETE_PERSON)) and holds(actor, person.unit_path)


def ensure(allowed: bool) -> None:
    if not allowed:
        raise NotAllowedError()
