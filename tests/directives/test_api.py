"""The API: lists with filters, creation with bad input naming the field, steps with scoping, the summary."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client

from ictmis.accounts.models import User
from ictmis.directives import services
from ictmis.directives.models import DirectingDocument, Division, Proposal, Task
from tests.conftest import logged_in

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


def post(client: Client, path: str, body: dict[str, Any]) -> Any:
    return client.post(path, data=json.dumps(body), content_type="application/json")


@pytest.fixture
def tasks(
    leader: User, notice: DirectingDocument, division: Division, own_commune: Any, other_commune: Any, now: dt.datetime
) -> dict[str, Task]:
    make = services.assign_task
    return {
        "mine": make(
            actor=leader,
            now=now,
            source=notice,
            title="Việc của phường",
            deadline=D("2025-09-10"),
            lead=services.Lead(commune=own_commune),
            evidence_required=False,
        ),
        "other": make(
            actor=leader,
            now=now,
            source=notice,
            title="Việc của xã khác",
            deadline=D("2099-09-30"),
            lead=services.Lead(commune=other_commune),
        ),
        "division": make(
            actor=leader,
            now=now,
            source=notice,
            title="Việc của phòng",
            deadline=D("2099-10-30"),
            lead=services.Lead(division=division),
        ),
    }


def test_task_list_filters_and_read_only_status(tasks: dict[str, Task]) -> None:
    client = logged_in("chuyenvien")
    every = client.get("/api/v1/tasks").json()
    assert every["count"] == 3
    overdue = client.get("/api/v1/tasks?status=open_overdue").json()["items"]
    assert [t["id"] for t in overdue] == [tasks["mine"].pk]
    assert overdue[0]["status"] == "open_overdue"
    assert overdue[0]["allowed_actions"] == ["progress", "extend", "complete"]
    by_lead = client.get(f"/api/v1/tasks?lead_unit={tasks['division'].lead_key}").json()["items"]
    assert [t["id"] for t in by_lead] == [tasks["division"].pk]
    assert client.get("/api/v1/tasks?due_before=2030-01-01").json()["count"] == 1
    assert client.get(f"/api/v1/tasks?source={tasks['mine'].source_id}").json()["count"] == 3
    assert client.get("/api/v1/tasks?status=bogus").status_code == 422


def test_commune_officer_api_scope(tasks: dict[str, Task]) -> None:
    client = logged_in("canboxa")
    assert [t["id"] for t in client.get("/api/v1/tasks").json()["items"]] == [tasks["mine"].pk]
    done = post(client, f"/api/v1/tasks/{tasks['mine'].pk}/progress", {"note": "Đang làm", "percent": 50})
    assert done.status_code == 200
    assert post(client, f"/api/v1/tasks/{tasks['other'].pk}/progress", {"note": "x"}).status_code == 404
    assert post(client, f"/api/v1/tasks/{tasks['mine'].pk}/confirm", {}).status_code == 403
    assert logged_in("doanhnghiep").get("/api/v1/tasks").status_code == 403


def test_create_task_with_a_deadline_before_assignment_names_the_field(
    notice: DirectingDocument, division: Division
) -> None:
    client = logged_in("lanhdao")
    body = {
        "source": notice.pk,
        "title": "Việc",
        "lead_unit": f"d{division.pk}",
        "deadline": "2025-08-01",
        "status": "done_on_time",
    }
    response = post(client, "/api/v1/tasks", body)
    assert response.status_code == 409
    assert response.json()["errors"][0]["field"] == "deadline"
    assert "Thời hạn" in response.json()["detail"]
    assert not Task.objects.filter(source=notice).exists()
    body["deadline"] = "2025-10-01"
    created = post(client, "/api/v1/tasks", body)
    assert created.status_code == 201
    assert created.json()["status"] != "done_on_time"  # derived, not typed
    assert post(client, "/api/v1/tasks", {**body, "lead_unit": "x1"}).json()["errors"][0]["field"] == "lead_unit"


def test_sessions_documents_proposals_and_answer(division: Division) -> None:
    client = logged_in("chuyenvien")
    session = post(
        client,
        "/api/v1/working-sessions",
        {"title": "Làm việc với xã", "held_on": "2025-09-01", "place": "Đồng Hới", "chaired_by": "Giám đốc Sở"},
    )
    assert session.status_code == 201
    document = post(
        client,
        "/api/v1/directing-documents",
        {
            "number": "5/TB-STTTT",
            "issued_on": "2025-09-03",
            "issuer": "Sở",
            "signer": "Giám đốc Sở",
            "title": "Kết luận",
            "session": session.json()["id"],
            "items": ["Một", "Hai"],
            "tasks": [
                {"title": "Việc một", "lead_unit": f"d{division.pk}", "deadline": "2025-10-01"},
                {"title": "Việc hai", "lead_unit": f"d{division.pk}", "deadline": "2025-01-01"},
            ],
        },
    )
    assert document.status_code == 409
    assert document.json()["errors"][0]["field"] == "tasks.1.deadline"
    assert not DirectingDocument.objects.filter(number="5/TB-STTTT").exists()
    proposal = post(
        client,
        "/api/v1/proposals",
        {
            "addressee": "Bộ",
            "content": "Hỗ trợ đài truyền thanh",
            "sent_on": "2025-09-03",
            "session": session.json()["id"],
        },
    )
    assert proposal.status_code == 201
    answer = post(
        client,
        f"/api/v1/proposals/{proposal.json()['id']}/answer",
        {"status": "partly", "answer": "Hỗ trợ một phần", "answered_on": "2025-09-10"},
    )
    assert answer.json()["status"] == Proposal.Status.PARTLY
    assert logged_in("canboxa").get("/api/v1/proposals").status_code == 403


def test_summary_endpoint(tasks: dict[str, Task]) -> None:
    client = logged_in("lanhdao")
    (total,) = client.get("/api/v1/tasks/summary").json()
    assert (total["open_overdue"], total["open_in_time"], total["due"], total["rate"]) == (1, 2, 1, 0.0)
    rows = client.get("/api/v1/tasks/summary?group_by=lead_unit").json()
    assert {row["name"]: row["total"] for row in rows} == {t.lead_name: 1 for t in tasks.values()}
    assert client.get("/api/v1/tasks/summary?group_by=month").status_code == 200
    assert client.get("/api/v1/tasks/summary?group_by=bogus").status_code == 422
