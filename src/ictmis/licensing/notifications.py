"""What licensing tells people, and whom: each kind declared here, one call per step from services.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ictmis.core.events import for_object
from ictmis.notifications.public import notify, organisation_users, register_kind, users_with_role

SUBMITTED = register_kind("licensing.case.submitted", _("An online application arrived"))
RECEIVED = register_kind("licensing.case.received", _("A case was received"))
SUPPLEMENT_REQUESTED = register_kind("licensing.case.supplement_requested", _("A supplement was requested"))
SUPPLEMENT_UPLOADED = register_kind("licensing.case.supplement_uploaded", _("A supplement was uploaded"))
PROPOSED = register_kind("licensing.case.proposed", _("A case awaits the leader's decision"))
ISSUED = register_kind("licensing.case.issued", _("The result of a case was issued"))
ASSIGNED = register_kind("licensing.case.assigned", _("A case was assigned to you"))
EXPIRING = register_kind("licensing.licence.expiring", _("A licence is about to expire"))


def _case_context(case: Any) -> dict[str, Any]:
    return {
        "code": case.code,
        "procedure": case.procedure.name,
        "subject": case.subject,
        "applicant": case.applicant_name,
        "due_on": case.due_on.strftime("%d/%m/%Y") if case.due_on else "",
        "note": case.supplement_note,
        "proposal": case.proposal,
        "decision": case.decision_note,
        "licence": case.licence.number if case.licence_id else "",
    }


def _send(case: Any, kind: Any, recipients: Any, actor: Any, now: dt.datetime, **extra: Any) -> None:
    others = [user for user in recipients if user.pk != getattr(actor, "pk", None)]
    notify(
        recipients=others,
        event=kind.code,
        context={**_case_context(case), **extra},
        link=reverse("licensing:case_detail", args=[case.pk]),
        now=now,
    )


def _specialists() -> Any:
    return users_with_role("specialist")


def _handlers(case: Any) -> list[Any]:
    """The specialist who asked for the supplement (else every specialist)."""
    asked = for_object(case).filter(verb="licensing.case.request_supplement", actor__isnull=False).order_by("-at")
    last = asked.first()
    if last is not None and last.actor is not None and last.actor.is_active:
        return [last.actor]
    return list(_specialists())


def case_opened(case: Any, *, actor: Any, now: dt.datetime) -> None:
    if case.status == "submitted":
        _send(case, SUBMITTED, _specialists(), actor, now)
    elif case.status == "received":
        _send(case, RECEIVED, organisation_users(case.applicant_id), actor, now)


def file_added(case: Any, *, actor: Any, now: dt.datetime) -> None:
    """A file added while a supplement is awaited (by the applicant) tells whoever asked for it."""
    if case.status == "supplement" and not actor.has_perm("licensing.change_case"):
        _send(case, SUPPLEMENT_UPLOADED, _handlers(case), actor, now)


def licence_expiring(licence: Any, *, days_left: int, threshold: int, now: dt.datetime) -> bool:
    """The holder's users and address, and the specialists, once per licence, expiry date and threshold."""
    written = notify(
        recipients=[*organisation_users(licence.holder_id), *_specialists()],
        addresses=[licence.holder.email] if licence.holder.email else [],
        event=EXPIRING.code,
        context={
            "number": licence.number,
            "subject": licence.subject,
            "holder": licence.holder_name,
            "valid_until": licence.valid_until.strftime("%d/%m/%Y"),
            "days_left": days_left,
        },
        link=reverse("licensing:licence_detail", args=[licence.pk]),
        dedup_key=f"licensing.licence.expiring:{licence.pk}:{licence.valid_until.isoformat()}:{threshold}",
        now=now,
    )
    return bool(written)


def case_assigned(case: Any, *, actor: Any, now: dt.datetime) -> None:
    """The new assignee hears of it (unless he took the case himself)."""
    if case.assignee is not None:
        _send(case, ASSIGNED, [case.assignee], actor, now, assigned_by=str(actor))


def case_step(case: Any, action: str, *, actor: Any, now: dt.datetime) -> None:
    """After a step of `services.act`: who hears of it."""
    applicant = organisation_users(case.applicant_id)
    if action in ("receive", "receive_supplement"):
        _send(case, RECEIVED, applicant, actor, now)
    elif action == "request_supplement":
        _send(case, SUPPLEMENT_REQUESTED, applicant, actor, now)
    elif action == "propose":
        _send(case, PROPOSED, users_with_role("leader"), actor, now)
    elif action == "issue":
        granted = for_object(case).filter(verb="licensing.case.grant").exists()
        _send(case, ISSUED, applicant, actor, now, granted=granted)
