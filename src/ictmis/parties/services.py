"""Writes of organisations: each one audited, versioned and inside a transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ictmis.core import records
from ictmis.parties.models import Organisation


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
