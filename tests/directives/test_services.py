"""Tasks through their steps with permissions, bad input refused with Vietnamese messages naming the
field (nothing written), recurring tasks, summary arithmetic, scoping, reminders planned once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import translation

from ictmis.accounts.models import User
from ictmis.core.errors import DomainError, NotAllowedError, StaleRecordError
from ictmis.core.models import Event
from ictmis.directives import reminders, selectors, services, workflow
from ictmis.directives.models import Attachment, DirectingDocument, Division, Extension, ProgressReport, Task
from tests.directives.conftest import pdf

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


def assign(
    leader: User, now: dt.datetime, notice: DirectingDocument, lead: services.Lead, deadline: str, **extra: Any
) -> Task:
    return services.assign_task(
        actor=leader,
        now=now,
        source=notice,
        title=extra.pop("title", "Rà soát cụm loa"),
        lead=lead,
        deadline=D(deadline),
        **extra,
    )


def test_a_commune_officer_reports_progress_with_a_file_on_their_commune_task(
    leader: User, officer: User, notice: DirectingDocument, own_commune: Any, now: dt.datetime
) -> None:
    task = assign(leader, now, notice, services.Lead(commune=own_commune), "2025-09-30", person_in_charge=officer)
    assert task.lead_path == own_commune.path
    services.act(
        task=task, action="progress", actor=officer, now=now, note="Đã sửa 3 cụm loa", percent=40, files=[pdf()]
    )
    report = ProgressReport.objects.get(task=task)
    assert report.percent == 40 and report.reported_by == officer
    assert Attachment.objects.get(report=report).original_name == "bao-cao.pdf"
    assert Event.objects.filter(verb="directives.task.progress", object_id=str(task.pk)).count() == 1


def test_a_progress_report_on_another_units_task_is_refused_naming_the_task(
    leader: User, officer: User, notice: DirectingDocument, other_commune: Any, now: dt.datetime
) -> None:
    task = assign(leader, now, notice, services.Lead(commune=other_commune), "2025-09-30")
    with translation.override("vi"), pytest.raises(NotAllowedError) as error:
        services.act(task=task, action="progress", actor=officer, now=now, note="x", files=[pdf()])
    assert error.value.field == "task"
    assert "đơn vị khác" in error.value.message
    assert not ProgressReport.objects.filter(task=task).exists()
    assert not Attachment.objects.filter(task=task).exists()


def test_a_deadline_before_the_assignment_date_is_refused_naming_the_deadline(
    leader: User, notice: DirectingDocument, division: Division, now: dt.datetime
) -> None:
    with translation.override("vi"), pytest.raises(DomainError) as error:
        assign(leader, now, notice, services.Lead(division=division), "2025-08-31")
    assert error.value.field == "deadline"
    assert "Thời hạn" in error.value.message and "01/09/2025" in error.value.message
    assert not Task.objects.filter(source=notice).exists()


def test_a_bad_task_row_leaves_the_whole_document_unwritten(leader: User, division: Division, now: dt.datetime) -> None:
    rows = [
        services.TaskSpec(title="Việc một", lead=services.Lead(division=division), deadline=D("2025-10-01")),
        services.TaskSpec(title="Việc hai", lead=services.Lead(division=division), deadline=D("2025-01-01")),
    ]
    with pytest.raises(services.TaskRowError) as error:
        services.record_document(
            actor=leader,
            now=now,
            number="99/TB",
            issued_on=D("2025-09-01"),
            issuer="Sở",
            signer="Giám đốc",
            title="Kết luận",
            tasks=rows,
        )
    assert (error.value.index, error.value.field) == (1, "deadline")
    assert not DirectingDocument.objects.filter(number="99/TB").exists()


def test_completion_without_the_required_evidence_is_refused_and_nothing_written(
    leader: User, officer: User, notice: DirectingDocument, own_commune: Any, now: dt.datetime
) -> None:
    task = assign(leader, now, notice, services.Lead(commune=own_commune), "2025-09-30")
    with translation.override("vi"), pytest.raises(DomainError) as error:
        services.act(task=task, action="complete", actor=officer, now=now)
    assert error.value.field == "files"
    assert "minh chứng" in error.value.message
    task.refresh_from_db()
    assert task.completed_on is None and task.version == 1


def test_extension_approved_by_a_leader_keeps_the_original_deadline(
    leader: User, officer: User, notice: DirectingDocument, own_commune: Any, now: dt.datetime
) -> None:
    task = assign(leader, now, notice, services.Lead(commune=own_commune), "2025-09-30")
    task = services.act(
        task=task, action="extend", actor=officer, now=now, note="Chờ kinh phí", requested_to=D("2025-10-31")
    )
    with pytest.raises(NotAllowedError):  # a commune officer cannot decide
        services.act(task=task, action="approve_extension", actor=officer, now=now)
    with pytest.raises(workflow.TaskStateError):  # one request at a time
        services.act(task=task, action="extend", actor=officer, now=now, note="x", requested_to=D("2025-11-30"))
    task = services.act(task=task, action="approve_extension", actor=leader, now=now)
    assert (task.deadline, task.extended_to, task.due_on) == (D("2025-09-30"), D("2025-10-31"), D("2025-10-31"))
    assert task.extensions.get().decision == Extension.Decision.APPROVED


def test_an_extension_asked_after_completion_is_refused_naming_the_new_deadline(
    leader: User, officer: User, notice: DirectingDocument, own_commune: Any, now: dt.datetime
) -> None:
    task = assign(leader, now, notice, services.Lead(commune=own_commune), "2025-09-30")
    task = services.act(task=task, action="complete", actor=officer, now=now, files=[pdf("xong.pdf")])
    with translation.override("vi"), pytest.raises(DomainError) as error:
        services.act(task=task, action="extend", actor=officer, now=now, note="x", requested_to=D("2025-10-31"))
    assert error.value.field == "requested_to"
    assert "đã hoàn thành" in error.value.message
    assert not Extension.objects.filter(task=task).exists()


def test_completion_is_confirmed_or_returned_by_the_assigner_only(
    leader: User, officer: User, notice: DirectingDocument, own_commune: Any, now: dt.datetime
) -> None:
    task = assign(leader, now, notice, services.Lead(commune=own_commune), "2025-09-30")
    task = services.act(
        task=task, action="complete", actor=officer, now=now, on=D("2025-09-12"), files=[pdf("xong.pdf")]
    )
    with pytest.raises(NotAllowedError):
        services.act(task=task, action="confirm", actor=officer, now=now)
    with pytest.raises(DomainError) as error:  # a return needs its reason
        services.act(task=task, action="reopen", actor=leader, now=now)
    assert error.value.field == "note"
    task = services.act(task=task, action="reopen", actor=leader, now=now, note="Thiếu danh sách")
    assert task.completed_on is None
    task = services.act(task=task, action="complete", actor=officer, now=now, files=[pdf("xong2.pdf")])
    task = services.act(task=task, action="confirm", actor=leader, now=now)
    assert task.confirmed_by == leader
    assert workflow.phase(completed_on=task.completed_on, confirmed=True) == workflow.CONFIRMED


def test_a_stale_version_is_refused(
    leader: User, officer: User, notice: DirectingDocument, own_commune: Any, now: dt.datetime
) -> None:
    task = assign(leader, now, notice, services.Lead(commune=own_commune), "2025-09-30")
    services.act(task=task, action="progress", actor=officer, now=now, note="a", expected_version=1)
    with pytest.raises(StaleRecordError):
        services.act(task=task, action="progress", actor=officer, now=now, note="b", expected_version=1)


def test_a_recurring_task_tracks_each_occurrence(
    leader: User, officer: User, notice: DirectingDocument, own_commune: Any, now: dt.datetime
) -> None:
    series = assign(
        leader,
        now,
        notice,
        services.Lead(commune=own_commune),
        "2025-09-30",
        recurrence="quarterly",
        repeat_until=D("2026-06-30"),
        evidence_required=False,
    )
    occurrences = list(series.occurrences.order_by("deadline"))
    assert [o.deadline for o in occurrences] == [D("2025-09-30"), D("2025-12-31"), D("2026-03-31"), D("2026-06-30")]
    with translation.override("vi"):
        assert workflow.occurrences(first=D("2025-09-30"), recurrence="quarterly", until=D("2025-09-30"))[0][1] == (
            "Quý 3/2025"
        )
    with pytest.raises(DomainError):  # the series itself is not reported on
        services.act(task=series, action="progress", actor=officer, now=now, note="x")
    services.act(task=occurrences[0], action="complete", actor=officer, now=now, on=D("2025-09-15"))
    row = selectors.summary(Task.objects.filter(source=notice), today=D("2026-01-05"))[0]
    # the series row is not counted: 1 done on time, 1 overdue (31/12), 2 in time
    assert (row["done_on_time"], row["open_overdue"], row["open_in_time"], row["total"]) == (1, 1, 2, 4)


def test_summary_matches_hand_counts(
    leader: User, notice: DirectingDocument, division: Division, own_commune: Any, now: dt.datetime
) -> None:
    today = D("2025-10-15")
    a, b = services.Lead(division=division), services.Lead(commune=own_commune)
    plan = [  # (lead, deadline, completed_on)
        (a, "2025-09-10", "2025-09-09"),  # on time
        (a, "2025-09-12", "2025-09-20"),  # late
        (a, "2025-10-31", None),  # in time
        (a, "2025-10-01", None),  # overdue
        (b, "2025-09-30", "2025-09-30"),  # on time
        (b, "2025-10-10", None),  # overdue
        (b, "2025-11-28", "2025-10-01"),  # done early: on time, counts as due
    ]
    for lead, deadline, done in plan:
        task = assign(leader, now, notice, lead, deadline, evidence_required=False)
        if done:
            Task.objects.filter(pk=task.pk).update(completed_on=D(done))
    qs = Task.objects.filter(source=notice)
    total = selectors.summary(qs, today=today)[0]
    assert (total["done_on_time"], total["done_late"], total["open_in_time"], total["open_overdue"]) == (3, 1, 1, 2)
    assert (total["completed"], total["due"], total["rate"]) == (4, 6, 66.7)
    by_lead = {row["name"]: row for row in selectors.summary(qs, today=today, group_by="lead_unit")}
    assert (by_lead[division.name]["completed"], by_lead[division.name]["due"]) == (2, 3)
    commune_row = by_lead[own_commune.name]
    assert (commune_row["completed"], commune_row["due"], commune_row["rate"]) == (2, 3, 66.7)
    by_month = {row["key"]: row for row in selectors.summary(qs, today=today, group_by="month")}
    assert set(by_month) == {"2025-09", "2025-10", "2025-11"}
    assert (by_month["2025-09"]["done_on_time"], by_month["2025-09"]["done_late"]) == (2, 1)
    assert (by_month["2025-10"]["open_overdue"], by_month["2025-10"]["open_in_time"]) == (2, 1)
    listed = selectors.filter_tasks(qs, today=today, status=workflow.OPEN_OVERDUE)
    assert sorted(t.deadline for t in listed) == [D("2025-10-01"), D("2025-10-10")]


def test_scoping(
    leader: User,
    notice: DirectingDocument,
    own_commune: Any,
    other_commune: Any,
    division: Division,
    now: dt.datetime,
) -> None:
    mine = assign(leader, now, notice, services.Lead(commune=own_commune), "2025-09-30")
    assign(leader, now, notice, services.Lead(commune=other_commune), "2025-09-30")
    assign(leader, now, notice, services.Lead(division=division), "2025-09-30")
    assert selectors.tasks_for(User.objects.get(username="chuyenvien")).count() == 3
    assert list(selectors.tasks_for(User.objects.get(username="canboxa"))) == [mine]
    for outsider in ("doanhnghiep", "thanhtra", "bientap"):
        assert not selectors.tasks_for(User.objects.get(username=outsider)).exists()
        assert not selectors.documents_for(User.objects.get(username=outsider)).exists()
    assert list(selectors.documents_for(User.objects.get(username="canboxa"))) == [notice]


def test_recording_needs_the_departments_staff(officer: User, now: dt.datetime) -> None:
    with pytest.raises(NotAllowedError):
        services.record_session(actor=officer, now=now, title="x", held_on=D("2025-09-01"), place="y", chaired_by="z")


def test_reminders_of_a_day_are_planned_once_per_deadline(
    leader: User, officer: User, notice: DirectingDocument, own_commune: Any, now: dt.datetime
) -> None:
    task = assign(leader, now, notice, services.Lead(commune=own_commune), "2025-09-19", person_in_charge=officer)
    done = assign(leader, now, notice, services.Lead(commune=own_commune), "2025-09-19")
    Task.objects.filter(pk=done.pk).update(completed_on=D("2025-09-10"))

    def keys(day: str) -> set[str]:
        at = dt.datetime.fromisoformat(day + "T07:00:00+07:00")
        return {r.dedup_key for r in reminders.plan_day(now=at, days_before=3).reminders}

    assert keys("2025-09-15") == set()  # four working days before
    first = keys("2025-09-16")
    assert first == {f"directives.task.{task.pk}.due_soon.2025-09-19"}
    assert keys("2025-09-18") == first  # the same key again: the notification service sends it once
    assert keys("2025-09-22") == {f"directives.task.{task.pk}.overdue.2025-09-19"}
    task = services.act(task=task, action="extend", actor=officer, now=now, note="x", requested_to=D("2025-10-03"))
    services.act(task=task, action="approve_extension", actor=leader, now=now)
    assert keys("2025-09-22") == set()
    assert keys("2025-10-01") == {f"directives.task.{task.pk}.due_soon.2025-10-03"}  # a new deadline, new reminder
    assert reminders.recipients_of(Task.objects.get(pk=task.pk)) == [officer]


def test_daily_command_sends_each_reminder_once_and_refreshes_deadlines(
    leader: User, officer: User, notice: DirectingDocument, own_commune: Any, now: dt.datetime
) -> None:
    import io

    from django.core.management import call_command

    from ictmis.core.models import CalendarOverride
    from ictmis.notifications.models import Notification

    task = assign(leader, now, notice, services.Lead(commune=own_commune), "2025-09-19", person_in_charge=officer)
    CalendarOverride.objects.create(day=D("2025-09-19"), is_working_day=False, reason="nghỉ bù")
    for day in ("17/09/2025", "17/09/2025", "18/09/2025"):
        call_command("directives_daily", "--date", day, stdout=io.StringIO())
    task.refresh_from_db()
    assert task.due_on == D("2025-09-22")  # the day off moved the effective deadline
    sent = Notification.objects.filter(recipient=officer, kind="directives.task.due_soon")
    assert [n.dedup_key for n in sent] == [f"directives.task.{task.pk}.due_soon.2025-09-22"]
    with translation.override("vi"):
        assert "22/09/2025" in sent.get().title
    call_command("directives_daily", "--date", "23/09/2025", stdout=io.StringIO())
    assert Notification.objects.filter(recipient=officer, kind="directives.task.overdue").count() == 1
    call_command("directives_daily", "--date", "24/09/2025", stdout=io.StringIO())
    assert Notification.objects.filter(recipient=officer, kind="directives.task.overdue").count() == 1


def test_weekly_digest_reaches_leaders_once_a_week(
    leader: User, notice: DirectingDocument, division: Division, now: dt.datetime
) -> None:
    import io

    from django.core.management import call_command

    from ictmis.notifications.models import Notification

    assign(leader, now, notice, services.Lead(division=division), "2025-09-10")
    for day in ("15/09/2025", "15/09/2025", "16/09/2025"):  # Monday twice, then Tuesday
        call_command("directives_daily", "--date", day, stdout=io.StringIO())
    digests = Notification.objects.filter(recipient=leader, kind="directives.digest")
    assert [n.dedup_key for n in digests] == ["directives.digest.2025-W38"]
    assert "Rà soát cụm loa" in digests.get().body
