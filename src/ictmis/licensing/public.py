"""What sector apps may use of the licensing engine: register their licence families, and the services
their demo data and imports go through. Higher apps (indicators) read its figures here."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, F, Q

from ictmis.licensing.families import Family
from ictmis.licensing.families import register as register_family
from ictmis.licensing.models import Case, Licence
from ictmis.licensing.selectors import OPEN, cases_for, licences_for, public_licences
from ictmis.licensing.services import act, open_case, run_daily, set_licence_status
from ictmis.licensing.uploads import check as check_upload


def licences_issued(*, start: dt.date, end: dt.date) -> int:
    """Licences whose validity began between `start` and `end` (both included)."""
    return Licence.objects.filter(valid_from__gte=start, valid_from__lte=end).count()


def cases_finished(*, start: dt.date, end: dt.date) -> tuple[int, int]:
    """Cases whose result was issued between `start` and `end`: how many, and how many by their due date."""
    figures = Case.objects.filter(finished_on__gte=start, finished_on__lte=end, due_on__isnull=False).aggregate(
        total=Count("pk"), on_time=Count("pk", filter=Q(finished_on__lte=F("due_on")))
    )
    return figures["total"], figures["on_time"]


def attention_counts(actor: Any, *, today: dt.date, due_by: dt.date, expiring_by: dt.date) -> dict[str, int]:
    """For a dashboard: the actor's open cases overdue and due from today to `due_by`, and active licences
    expiring from today to `expiring_by`."""
    cases = (
        cases_for(actor)
        .filter(OPEN)
        .aggregate(
            overdue=Count("pk", filter=Q(due_on__lt=today)),
            due_soon=Count("pk", filter=Q(due_on__gte=today, due_on__lte=due_by)),
        )
    )
    expiring = (
        licences_for(actor)
        .filter(status=Licence.Status.ACTIVE, valid_until__gte=today, valid_until__lte=expiring_by)
        .count()
    )
    return {"cases_overdue": cases["overdue"], "cases_due_soon": cases["due_soon"], "licences_expiring": expiring}


__all__ = [
    "Family",
    "act",
    "attention_counts",
    "cases_finished",
    "check_upload",
    "licences_issued",
    "open_case",
    "public_licences",
    "register_family",
    "run_daily",
    "set_licence_status",
    "suspend_licence",
]


def suspend_licence(
    *, licence_id: int, decision: str, reason: str, on: dt.date, actor: object, now: dt.datetime
) -> object:
    """Suspend a licence by a decision of another app (an administrative sanction), which is kept as the reason."""
    from ictmis.licensing.models import Licence

    licence = Licence.objects.get(pk=licence_id)
    return set_licence_status(
        licence=licence, status=Licence.Status.SUSPENDED, decision=decision, reason=reason, on=on, actor=actor, now=now
    )
