"""The pages: the overview, the task list (overdue in red, filters, Excel report, no N+1), a leader recording
a conclusion notice with three tasks (a bad row names its field, nothing written), a commune officer's
progress report with a file, and the file served only to who may see it."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from ictmis.accounts.models import User
from ictmis.directives import services
from ictmis.directives.models import Attachment, DirectingDocument, Division, Task
from tests.conftest import logged_in

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


@pytest.fixture
def overdue(leader: User, notice: DirectingDocument, own_commune: Any, now: dt.datetime) -> Task:
    return services.assign_task(
        actor=leader,
        now=now,
        source=notice,
        title="Sửa cụm loa hỏng",
        deadline=D("2025-09-10"),
        lead=services.Lead(commune=own_commune),
    )


def test_overview_and_list_show_the_overdue_task_in_red(overdue: Task) -> None:
    client = logged_in("lanhdao")
    page = client.get("/chi-dao/").content.decode()
    assert 'data-testid="headline-rate">0,0%<' in page
    listing = client.get("/chi-dao/nhiem-vu/?trang_thai=open_overdue").content.decode()
    assert 'class="table-danger text-danger" data-state="open_overdue"' in listing
    assert "Sửa cụm loa hỏng" in listing
    assert "Sửa cụm loa hỏng" not in client.get("/chi-dao/nhiem-vu/?trang_thai=done_on_time").content.decode()


def test_task_list_queries_do_not_grow_with_rows(
    leader: User, notice: DirectingDocument, division: Division, now: dt.datetime
) -> None:
    client = logged_in("lanhdao")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/chi-dao/nhiem-vu/").status_code == 200
        return len(queries)

    services.assign_task(
        actor=leader,
        now=now,
        source=notice,
        title="Một",
        deadline=D("2025-10-01"),
        lead=services.Lead(division=division),
    )
    count()  # the session and permissions are loaded on the first request
    few = count()
    for index in range(10):
        services.assign_task(
            actor=leader,
            now=now,
            source=notice,
            title=f"Việc {index}",
            deadline=D("2025-10-01"),
            lead=services.Lead(division=division),
        )
    assert count() == few


def test_excel_report_in_the_progress_report_layout(overdue: Task) -> None:
    response = logged_in("chuyenvien").get("/chi-dao/nhiem-vu/?export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert "BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ ĐƯỢC GIAO" in cells
    assert "Sửa cụm loa hỏng" in cells and "Chưa hoàn thành, quá hạn" in cells
    assert "THỦ TRƯỞNG ĐƠN VỊ" in cells


def _document_post(division: Division, own_commune: Any, third_deadline: str) -> dict[str, Any]:
    data = {
        "kind": "conclusion",
        "number": "20/TB-STTTT",
        "issued_on": "01/09/2025",
        "issuer": "Sở",
        "signer": "Giám đốc Sở",
        "title": "Kết luận giao ban",
        "items": "Một\nHai\nBa",
    }
    rows = [
        ("Việc một", f"d{division.pk}", "30/09/2025"),
        ("Việc hai", f"c{own_commune.pk}", "15/10/2025"),
        ("Việc ba", f"c{own_commune.pk}", third_deadline),
    ]
    for index, (title, lead, deadline) in enumerate(rows):
        data |= {
            f"task-{index}-title": title,
            f"task-{index}-lead_unit": lead,
            f"task-{index}-deadline": deadline,
            f"task-{index}-evidence_required": "on",
        }
    return data


def test_a_leader_records_a_conclusion_notice_with_three_tasks(division: Division, own_commune: Any) -> None:
    client = logged_in("lanhdao")
    bad = client.post("/chi-dao/van-ban/them/", _document_post(division, own_commune, "15/08/2025"))
    assert bad.status_code == 200
    assert "không được trước ngày giao nhiệm vụ" in bad.content.decode()
    assert 'id="id_task-2-deadline_errors"' in bad.content.decode()
    assert not DirectingDocument.objects.filter(number="20/TB-STTTT").exists()
    good = client.post("/chi-dao/van-ban/them/", _document_post(division, own_commune, "31/10/2025"))
    document = DirectingDocument.objects.get(number="20/TB-STTTT")
    assert good.status_code == 302 and good.url == f"/chi-dao/van-ban/{document.pk}/"
    assert list(document.tasks.order_by("deadline").values_list("title", flat=True)) == [
        "Việc một",
        "Việc hai",
        "Việc ba",
    ]
    assert document.items.count() == 3
    page = client.get(good.url).content.decode()
    assert page.count('data-state="') >= 3


def test_a_commune_officer_reports_progress_with_a_file(overdue: Task, officer: User) -> None:
    client = logged_in("canboxa")
    upload = SimpleUploadedFile("tien-do.pdf", b"%PDF-1.4\n% tien do\n", content_type="application/pdf")
    response = client.post(
        f"/chi-dao/nhiem-vu/{overdue.pk}/progress/",
        {"note": "Đã sửa 2 cụm loa", "percent": "50", "version": "1", "file": upload},
    )
    assert response.status_code == 302
    item = Attachment.objects.get(task=overdue)
    assert item.report is not None and item.original_name == "tien-do.pdf"
    page = client.get(f"/chi-dao/nhiem-vu/{overdue.pk}/").content.decode()
    assert "Đã sửa 2 cụm loa" in page and "tien-do.pdf" in page
    assert client.get(f"/chi-dao/tep/{item.pk}/").status_code == 200
    assert logged_in("doanhnghiep").get(f"/chi-dao/tep/{item.pk}/").status_code == 403


def test_a_commune_officer_cannot_open_another_communes_task(
    leader: User, notice: DirectingDocument, other_commune: Any, now: dt.datetime
) -> None:
    task = services.assign_task(
        actor=leader,
        now=now,
        source=notice,
        title="Khác",
        deadline=D("2025-10-01"),
        lead=services.Lead(commune=other_commune),
    )
    client = logged_in("canboxa")
    assert client.get(f"/chi-dao/nhiem-vu/{task.pk}/").status_code == 404
    assert client.post(f"/chi-dao/nhiem-vu/{task.pk}/progress/", {"note": "x"}).status_code == 404
