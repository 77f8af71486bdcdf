"""What infosec tells people: the owner, the operator and the Department's response team, each once."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ictmis.infosec.models import IncidentType
from ictmis.notifications.public import notify, organisation_users, register_kind, users_with_role

REPORTED = register_kind("infosec.incident.reported", _("An information-security incident was reported"))
ESCALATED = register_kind("infosec.incident.escalated", _("An incident is beyond the operator's capacity"))


def _context(incident: Any) -> dict[str, Any]:
    return {
        "code": incident.code,
        "system": incident.system_name,
        "kind": IncidentType(incident.incident_type).label,  # lazy: each recipient reads it in their language
        "detected_at": f"{incident.detected_at:%d/%m/%Y %H:%M}",
        "serious": incident.serious,
    }


def response_team() -> Any:
    """The Department's response team: its specialists (leaders too when an incident is escalated)."""
    return users_with_role("specialist")


def _owners(incident: Any) -> list[Any]:
    system = incident.system
    people = list(organisation_users(system.owner_id))
    if system.operator_id:
        people += list(organisation_users(system.operator_id))
    return people


def incident_reported(incident: Any, *, now: dt.datetime) -> None:
    notify(
        recipients=[*_owners(incident), *response_team()],
        event=REPORTED.code,
        context=_context(incident),
        link=reverse("infosec:incident_detail", args=[incident.pk]),
        dedup_key=f"infosec.incident.reported:{incident.pk}",
        now=now,
    )


def incident_escalated(incident: Any, *, now: dt.datetime) -> None:
    notify(
        recipients=[*response_team(), *users_with_role("leader"), *_owners(incident)],
        event=ESCALATED.code,
        context=_context(incident),
        link=reverse("infosec:incident_detail", args=[incident.pk]),
        dedup_key=f"infosec.incident.escalated:{incident.pk}",
        now=now,
    )
