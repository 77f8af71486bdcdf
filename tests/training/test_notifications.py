"""A plan drawn up tells the leaders it awaits approval; its approval tells whoever drew it up; once each."""

from __future__ import annotations

import datetime as dt

import pytest

from ictmis.notifications.models import Notification
from ictmis.training import services

from .conftest import user

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)


def test_leaders_hear_of_a_plan_to_approve_and_its_author_of_the_approval() -> None:
    plan = services.create_plan(year=2027, title="Kế hoạch đào tạo năm 2027", actor=user("chuyenvien"), now=NOW)

    waiting = Notification.objects.filter(kind="training.plan.submitted")
    assert list(waiting.values_list("recipient__username", flat=True)) == ["lanhdao"]
    assert "2027" in waiting.get().title and "phê duyệt" in waiting.get().title

    services.approve_plan(plan_id=plan.pk, actor=user("lanhdao"), now=NOW)

    approved = Notification.objects.filter(kind="training.plan.approved")
    assert list(approved.values_list("recipient__username", flat=True)) == ["chuyenvien"]
