"""Writes of the postal app beyond the shared registry services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from ictmis.core import events
from ictmis.postal.models import MonthlyActivity, PostOfficePoint


@transaction.atomic
def record_monthly_activity(
    *,
    point: PostOfficePoint,
    month: dt.date,
    readers: int,
    internet_users: int,
    revenue: int,
    actor: Any,
    now: dt.datetime,
) -> MonthlyActivity:
    """Enter or correct one month's figures (one row per point and month)."""
    activity, created = MonthlyActivity.objects.update_or_create(
        point=point,
        month=month.replace(day=1),
        defaults={"readers": readers, "internet_users": internet_users, "revenue": revenue, "updated_by": actor},
        create_defaults={
            "readers": readers, "internet_users": internet_users, "revenue": revenue, "created_by": actor,
            "updated_by": actor,
        },
    )  # fmt: skip
    events.record(
        point, "postal.activity.recorded", actor=actor, at=now, month=activity.month, created=created,
        readers=readers, internet_users=internet_users, revenue=revenue,
    )  # fmt: skip
    return activity
