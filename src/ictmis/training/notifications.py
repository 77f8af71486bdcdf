"""What training tells people: a plan awaiting approval goes to the leaders, its approval back to whoever
drew it up. One call per step from services.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ictmis.notifications.public import notify, register_kind, users_with_role

PLAN_SUBMITTED = register_kind("training.plan.submitted", _("A training plan awaits approval"))
PLAN_APPROVED = register_kind("training.plan.approved", _("A training plan was approved"))


def _send(plan: Any, kind: Any, recipients: Any, actor: Any, now: dt.datetime) -> None:
    others = [user for user in recipients if user.pk != getattr(actor, "pk", None)]
    notify(
        recipients=others,
        event=kind.code,
        context={"year": plan.year, "title": plan.title},
        link=f"{reverse('training:courses')}?nam={plan.year}",
        dedup_key=f"{kind.code}:{plan.pk}",
        now=now,
    )


def plan_submitted(plan: Any, *, actor: Any, now: dt.datetime) -> None:
    _send(plan, PLAN_SUBMITTED, users_with_role("leader"), actor, now)


def plan_approved(plan: Any, *, actor: Any, now: dt.datetime) -> None:
    _send(plan, PLAN_APPROVED, [plan.created_by] if plan.created_by_id else [], actor, now)
