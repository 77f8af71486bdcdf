"""What enforcement tells people: the leaders when a decision awaits their signature, the enterprise when a
decision against it is signed. One call per step from services.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ictmis.notifications.public import notify, organisation_users, register_kind, users_with_role

DRAFTED = register_kind("enforcement.decision.drafted", _("A sanction decision awaits signature"))
SIGNED = register_kind("enforcement.decision.signed", _("A sanction decision was signed"))


def _context(decision: Any) -> dict[str, Any]:
    return {
        "number": decision.number,
        "violator": decision.violator_name,
        "total": f"{decision.total:,}".replace(",", "."),
        "decided_on": decision.decided_on.strftime("%d/%m/%Y"),
    }


def decision_drafted(decision: Any, *, actor: Any, now: dt.datetime) -> None:
    notify(
        recipients=[u for u in users_with_role("leader") if u.pk != getattr(actor, "pk", None)],
        event=DRAFTED.code,
        context=_context(decision),
        link=reverse("enforcement:decision", args=[decision.pk]),
        dedup_key=f"enforcement.decision.drafted:{decision.pk}",
        now=now,
    )


def decision_signed(decision: Any, *, actor: Any, now: dt.datetime) -> None:
    notify(
        recipients=organisation_users(decision.organisation_id),
        event=SIGNED.code,
        context=_context(decision),
        link=reverse("enforcement:decision", args=[decision.pk]),
        dedup_key=f"enforcement.decision.signed:{decision.pk}",
        now=now,
    )
