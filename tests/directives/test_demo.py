"""The demo: the 2014 visit with its proposals and tasks in the expected states; the 2026 session with open
commune tasks; a second run adds nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ictmis.directives import demo, selectors, workflow
from ictmis.directives.models import DirectingDocument, Proposal, Task, WorkingSession

pytestmark = pytest.mark.django_db


def test_demo_loads_once_with_the_expected_states() -> None:
    now = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)
    demo.load(now, lambda _m: None)
    demo.load(now, lambda _m: None)
    assert WorkingSession.objects.count() == 2
    visit = DirectingDocument.objects.get(session__held_on=dt.date(2014, 9, 23))
    row = selectors.summary(Task.objects.filter(source=visit), today=now.date())[0]
    assert (row["done_on_time"], row["done_late"], row["open_in_time"], row["open_overdue"]) == (3, 1, 0, 1)
    assert Proposal.objects.filter(status=Proposal.Status.SENT).count() == 1
    assert Proposal.objects.exclude(answer="").count() == 4
    later = DirectingDocument.objects.exclude(pk=visit.pk).get()
    tasks = Task.objects.filter(source=later, is_series=False)
    assert tasks.filter(lead_kind=Task.LeadKind.COMMUNE).count() == tasks.count() > 6
    states = {workflow.state(due_on=t.due_on, completed_on=t.completed_on, today=now.date()) for t in tasks}
    assert states == {workflow.OPEN_IN_TIME, workflow.OPEN_OVERDUE}


def test_demo_commune_officer_sees_their_communes_tasks(officer: Any) -> None:
    demo.load(dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC), lambda _m: None)
    visible = selectors.tasks_for(officer)
    assert visible.exists()
    assert set(visible.values_list("lead_name", flat=True)) == {"Phường Đồng Hới"}
