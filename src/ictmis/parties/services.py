"""Writes of organisations and persons: each one audited, versioned and inside a transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ictmis.core import records
from ictmis.core.errors import DomainError
from ictmis.core.text import normalise
from ictmis.parties import policies
from ictmis.parties.models import Organisation, Person


def create_organisation(*, actor: Any, now: dt.datetime, values: Mapping[str, Any]) -> Organisation:
    return records.create_record(Organisation, actor=actor, now=now, values=values, verb="parties.organisation.created")


def update_organisation(
    *,
    organisation: Organisation,
    actor: Any,
    now: dt.datetime,
    expected_version: int,
    changes: Mapping[str, Any],
) -> Organisation:
    return records.update_record(
        organisation,
        actor=actor,
        now=now,
        expected_version=expected_version,
        changes=changes,
        verb="parties.organisation.updated",
    )


def delete_organisation(*, organisation: Organisation, actor: Any, now: dt.datetime, reason: str = "") -> Organisation:
    return records.soft_delete(organisation, actor=actor, now=now, verb="parties.organisation.deleted", reason=reason)


def restore_organisation(*, organisation: Organisation, actor: Any, now: dt.datetime) -> Organisation:
    return records.restore(organisation, actor=actor, now=now, verb="parties.organisation.restored")


PERSON_FIELDS = ("full_name", "birth_year", "gender", "citizen_id", "position", "phone", "email", "unit",
                 "organisation")  # fmt: skip


def _user(actor: Any) -> Any:
    """The account to record as author: none for the server operator running a command."""
    return actor if getattr(actor, "pk", None) else None


def _path(unit: Any) -> str:
    return str(getattr(unit, "path", "") or "")


@transaction.atomic
def create_person(*, actor: Any, now: dt.datetime, values: Mapping[str, Any]) -> Person:
    """A person of a commune the actor keeps (a commune officer: their own communes only)."""
    policies.ensure(policies.can_create_person(actor, unit_path=_path(values.get("unit"))))
    values = {name: value for name, value in values.items() if name in PERSON_FIELDS and value is not None}
    return records.create_record(Person, actor=_user(actor), now=now, values=values, verb="parties.person.created")


@transaction.atomic
def update_person(
    *, person_id: int, actor: Any, now: dt.datetime, expected_version: int, changes: Mapping[str, Any]
) -> Person:
    """Change a person's details. The scope is checked on the row as stored (locked), not as the page showed
    it, and on the commune they would move to: a commune officer never changes, nor takes over, a person of
    another commune."""
    stored = Person.objects.select_for_update().get(pk=person_id)
    changes = {name: value for name, value in changes.items() if name in PERSON_FIELDS}
    new_path = _path(changes["unit"]) if "unit" in changes else None
    policies.ensure(policies.can_change_person(actor, stored, new_unit_path=new_path))
    return records.update_record(
        stored,
        actor=_user(actor),
        now=now,
        expected_version=expected_version,
        changes=changes,
        verb="parties.person.updated",
    )


REASON_MAX_LENGTH = 500


@transaction.atomic
def delete_person(*, person_id: int, actor: Any, now: dt.datetime, reason: str) -> Person:
    """Delete a person (soft: the row stays, hidden from lists and matching, restorable) for a written reason,
    which the event keeps. Their enrolments keep pointing to them: a course still lists them, marked deleted.
    The scope is checked on the row as stored, locked."""
    stored = Person.objects.select_for_update().get(pk=person_id)
    policies.ensure(policies.can_delete_person(actor, stored))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for deleting this person.")})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError({"reason": _("At most %(n)s characters.") % {"n": REASON_MAX_LENGTH}})
    return records.soft_delete(stored, actor=_user(actor), now=now, verb="parties.person.deleted", reason=reason)


def _citizen_id_taken() -> DomainError:
    return DomainError(
        _("Another person now holds this citizen ID; change or delete that person before restoring this one."),
        field="citizen_id",
    )


@transaction.atomic
def restore_person(*, person_id: int, actor: Any, now: dt.datetime) -> Person:
    """Bring a deleted person back, unless a live person has taken their citizen ID meanwhile (one live person
    per citizen ID): then nothing is written and the refusal names the citizen ID."""
    stored = Person.objects.select_for_update().get(pk=person_id)
    policies.ensure(policies.can_delete_person(actor, stored))
    holders = Person.objects.alive().filter(citizen_id=stored.citizen_id).exclude(pk=stored.pk)
    if stored.is_deleted and stored.citizen_id and holders.exists():
        raise _citizen_id_taken()
    try:
        return records.restore(stored, actor=_user(actor), now=now, verb="parties.person.restored")
    except IntegrityError as exc:  # a person with this citizen ID recorded since the check above
        raise _citizen_id_taken() from exc


def matching_person(*, full_name: str, birth_year: int | None, unit: Any, citizen_id: str = "") -> Person | None:
    """The live person an enrolment or an import names: by citizen ID when one is given, otherwise by full
    name (spaces, case and diacritics as typed), year of birth and commune."""
    alive = Person.objects.alive()
    if citizen_id:
        return alive.filter(citizen_id=citizen_id).first()
    full_name = " ".join(full_name.split())
    return alive.filter(full_name=full_name, birth_year=birth_year, unit=unit, citizen_id="").order_by("pk").first()


def same_name(a: str, b: str) -> bool:
    return normalise(" ".join(a.split())) == normalise(" ".join(b.split()))


@transaction.atomic
def find_or_create_person(*, actor: Any, now: dt.datetime, values: Mapping[str, Any]) -> tuple[Person, bool]:
    """The person `values` describe (see `matching_person`), or a new one; and whether it was created."""
    found = matching_person(
        full_name=str(values.get("full_name") or ""),
        birth_year=values.get("birth_year"),
        unit=values.get("unit"),
        citizen_id=str(values.get("citizen_id") or ""),
    )
    if found is not None:
        policies.ensure(policies.can_view_person(actor, found))
        if not same_name(found.full_name, str(values.get("full_name") or "")):
            raise DomainError(_("This citizen ID is recorded for another person."), field="citizen_id")
        return found, False
    return create_person(actor=actor, now=now, values=values), True
