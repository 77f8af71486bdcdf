"""Incidents: the clocks (passed in), escalation, serious incidents, notifications sent once, forms 03 and 04."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import docx
import pytest

from ictmis.accounts.models import User
from ictmis.core.errors import DomainError
from ictmis.documents.public import documents_of
from ictmis.infosec import notifications, services, workflow
from ictmis.infosec.models import Incident
from ictmis.notifications.models import Notification

from .conftest import make_system

pytestmark = pytest.mark.django_db
HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)


def report(system: Any, actor: Any, at: dt.datetime, **kw: Any) -> Incident:
    values: dict[str, Any] = {
        "detected_at": at - 2 * HOUR, "incident_type": "malware", "symptoms": "Máy chủ chậm, tệp bị mã hóa.",
        "contact": "Nguyễn Văn An, 0912 345 678",
    }  # fmt: skip
    return services.report_incident(system=system, actor=actor, now=at, **{**values, **kw})


def test_the_notification_clock_counts_down_five_days_from_detection(camera, enterprise_user, at) -> None:
    incident = report(camera, enterprise_user, at)

    running = workflow.clock(due_at=incident.notify_due_at, done_at=incident.notified_at, now=at + DAY)
    overdue = workflow.clock(due_at=incident.notify_due_at, done_at=None, now=at + 5 * DAY)

    assert incident.notify_due_at == at - 2 * HOUR + 5 * DAY
    assert (running.state, running.days_left, running.late) == ("running", 4, False)
    assert (overdue.state, overdue.late) == ("overdue", True)


def test_an_initial_report_after_five_days_is_flagged_late(camera, enterprise_user, at) -> None:
    incident = report(camera, enterprise_user, at)

    incident = services.send_initial_report(incident=incident, actor=enterprise_user, now=at + 6 * DAY)

    assert workflow.clock(due_at=incident.notify_due_at, done_at=incident.notified_at, now=at + 6 * DAY).state == "late"


def test_the_end_of_response_report_is_due_five_days_after_closing(camera, enterprise_user, specialist, at) -> None:
    incident = report(camera, enterprise_user, at)

    incident = services.close_incident(
        incident=incident, closed_at=at + DAY, result="Đã khôi phục.", actor=specialist, now=at + 2 * DAY
    )

    assert incident.end_report_due_at == at + 6 * DAY
    assert workflow.clock(due_at=incident.end_report_due_at, done_at=None, now=at + 2 * DAY).days_left == 4


def test_reporting_tells_the_owner_side_and_the_response_team_once(camera, enterprise_user, at) -> None:
    incident = report(camera, enterprise_user, at)
    notifications.incident_reported(incident, now=at + HOUR)

    sent = Notification.objects.filter(kind="infosec.incident.reported")
    specialists = set(User.objects.filter(groups__name="specialist", is_active=True).values_list("pk", flat=True))
    assert set(sent.values_list("recipient_id", flat=True)) == specialists | {enterprise_user.pk}
    assert sent.count() == len(specialists) + 1


def test_beyond_capacity_escalates_at_once_and_only_once(camera, enterprise_user, leader, at) -> None:
    incident = report(camera, enterprise_user, at, beyond_capacity=True)

    with pytest.raises(DomainError):
        services.escalate_incident(incident=incident, actor=enterprise_user, now=at + HOUR)

    assert incident.escalated_at == at
    assert Notification.objects.filter(kind="infosec.incident.escalated", recipient=leader).count() == 1


def test_an_incident_is_serious_only_on_a_level_4_or_5_system_with_a_listed_effect(specialist, agency, at) -> None:
    high = make_system(specialist, at, code="T-HIGH", name="Hệ thống cấp 4", owner=agency, proposed_level=4)
    low = make_system(specialist, at, code="T-LOW", name="Hệ thống cấp 3", owner=agency, proposed_level=3)

    serious = report(high, specialist, at, effects=["data"])
    not_serious = report(low, specialist, at, effects=["data"])
    no_effect = report(high, specialist, at)

    assert (serious.serious, not_serious.serious, no_effect.serious) == (True, False, False)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"detected_at_offset": HOUR}, "detected_at"),
        ({"incident_type": "earthquake"}, "incident_type"),
        ({"contact": " "}, "contact"),
        ({"effects": ["boredom"]}, "effects"),
    ],
)
def test_bad_reports_name_the_field_and_write_nothing(camera, enterprise_user, at, change, field) -> None:
    kw = dict(change)
    if "detected_at_offset" in kw:
        kw = {"detected_at": at + kw.pop("detected_at_offset")}
    with pytest.raises(DomainError) as refused:
        report(camera, enterprise_user, at, **kw)
    assert refused.value.field == field
    assert not Incident.objects.exists()
    assert not Notification.objects.filter(kind__startswith="infosec.").exists()


def test_no_incident_on_a_retired_system(camera, specialist, enterprise_user, at) -> None:
    services.save_system(values={**_values(camera), "status": "retired"}, actor=specialist, now=at, system=camera)

    with pytest.raises(DomainError) as refused:
        report(camera, enterprise_user, at)

    assert refused.value.field == "system"


def _values(system: Any) -> dict[str, Any]:
    return {f: getattr(system, f) for f in services.SYSTEM_FIELDS}


def test_a_response_cannot_close_before_the_detection(camera, enterprise_user, at) -> None:
    incident = report(camera, enterprise_user, at)

    with pytest.raises(DomainError) as refused:
        services.close_incident(
            incident=incident, closed_at=at - 3 * HOUR, result="Xong.", actor=enterprise_user, now=at
        )

    assert refused.value.field == "closed_at"
    assert Incident.objects.get(pk=incident.pk).status == Incident.Status.RESPONDING


def test_an_operator_may_not_report_on_a_system_it_does_not_run(portal, enterprise_user, at) -> None:
    from ictmis.core.errors import NotAllowedError

    with pytest.raises(NotAllowedError):
        report(portal, enterprise_user, at)


def _text(document: Any) -> str:
    with document.file.open("rb") as handle:
        parsed = docx.Document(io.BytesIO(handle.read()))
    cells = [cell.text for table in parsed.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in parsed.paragraphs] + cells)


def test_forms_03_and_04_carry_the_incident(camera, enterprise_user, at) -> None:
    incident = report(camera, enterprise_user, at, harm="Mất dữ liệu hình ảnh 3 ngày.")
    services.send_initial_report(incident=incident, actor=enterprise_user, now=at + HOUR)
    services.add_progress(incident=incident, text="Đã cách ly máy chủ.", actor=enterprise_user, now=at + 2 * HOUR)
    services.close_incident(
        incident=incident, closed_at=at + DAY, result="Đã khôi phục.", actor=enterprise_user, now=at + DAY
    )
    services.send_end_report(incident=incident, actor=enterprise_user, now=at + 2 * DAY)

    documents = documents_of(f"infosec.incident:{incident.pk}")
    initial = _text(documents.get(kind__code="infosec-form-03"))
    final = _text(documents.get(kind__code="infosec-form-04"))

    assert "BÁO CÁO BAN ĐẦU SỰ CỐ AN TOÀN THÔNG TIN MẠNG" in initial
    assert "Camera thử" in initial and "Mất dữ liệu hình ảnh 3 ngày." in initial
    assert "Thông tư số 20/2017/TT-BTTTT" in initial
    assert "BÁO CÁO KẾT THÚC ỨNG CỨU SỰ CỐ" in final
    assert "Đã cách ly máy chủ." in final and "Đã khôi phục." in final


def test_each_report_is_sent_once(camera, enterprise_user, at) -> None:
    incident = services.send_initial_report(incident=report(camera, enterprise_user, at), actor=enterprise_user, now=at)

    with pytest.raises(DomainError):
        services.send_initial_report(incident=incident, actor=enterprise_user, now=at + HOUR)

    assert documents_of(f"infosec.incident:{incident.pk}").count() == 1
