"""What the reporting workflow tells people, and whom: each kind declared here, one call per step."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ictmis.indicators import policies
from ictmis.notifications.public import notify, register_kind, users_with_role

SUBMITTED = register_kind("indicators.report.submitted", _("A report awaits approval"))
RETURNED = register_kind("indicators.report.returned", _("A report was returned for correction"))
APPROVED = register_kind("indicators.report.approved", _("A report was approved"), email_default=False)
REMINDER = register_kind("indicators.report.reminder", _("A report is late"))


def _context(report: Any) -> dict[str, Any]:
    return {
        "regime": report.regime.name,
        "unit": report.unit.name,
        "period": report.period,
        "due_on": report.due_on.strftime("%d/%m/%Y") if report.due_on else "",
        "reason": report.return_reason,
    }


def reporters_of(unit_path: str) -> list[Any]:
    """The commune officers whose scope holds the unit."""
    return [user for user in users_with_role("commune_officer") if policies.sees_unit(user, unit_path)]


def _others(users: Iterable[Any], actor: Any) -> list[Any]:
    return [user for user in users if user.pk != getattr(actor, "pk", None)]


def report_submitted(report: Any, *, actor: Any, now: dt.datetime) -> None:
    notify(
        recipients=_others(users_with_role("specialist"), actor),
        event=SUBMITTED.code,
        context=_context(report),
        link=reverse("indicators:report", args=[report.pk]),
        now=now,
    )


def report_decided(report: Any, *, actor: Any, now: dt.datetime) -> None:
    kind = RETURNED if report.status == "returned" else APPROVED
    notify(
        recipients=_others(reporters_of(report.unit_path), actor),
        event=kind.code,
        context=_context(report),
        link=reverse("indicators:report", args=[report.pk]),
        now=now,
    )


def remind(*, unit: Any, regime: Any, period: str, due_on: dt.date | None, now: dt.datetime) -> int:
    """Tell a late commune's officers (once a day per regime, period and unit); how many were told."""
    context = {
        "regime": regime.name,
        "unit": unit.name,
        "period": period,
        "due_on": due_on.strftime("%d/%m/%Y") if due_on else "",
    }
    link = f"{reverse('indicators:reports')}?regime={regime.code}&period={period}"
    written = notify(
        recipients=reporters_of(unit.path),
        event=REMINDER.code,
        context=context,
        link=link,
        now=now,
        dedup_key=f"indicators.reminder:{regime.code}:{period}:{unit.pk}:{now.date().isoformat()}",
    )
    return len(written)
