"""The person in charge of a task, chosen on the document form and through the API: they receive the
reminders and report on the task, so they must be someone who can (the lead commune's officer or the
Department's staff); any other choice is refused naming the field and nothing is written."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from ictmis.accounts.models import User
from ictmis.core.errors import DomainError
from ictmis.directives import services
from ictmis.directives.models import DirectingDocument, Division, Task
from tests.conftest import logged_in

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


def test_the_communes_officer_is_put_in_charge_of_their_communes_task(
    leader: User, officer: User, notice: DirectingDocument, own_commune: Any, now: dt.datetime
) -> None:
    task = services.assign_task(
        actor=leader,
        now=now,
        source=notice,
        title="Sửa cụm loa",
        deadline=D("2025-10-01"),
        lead=services.Lead(commune=own_commune),
        person_in_charge=officer,
    )
    assert task.person_in_charge == officer


@pytest.mark.parametrize("who", ["canboxa", "lanhdao", "doanhnghiep"])
def test_someone_who_cannot_report_on_the_task_is_refused_naming_the_field(
    leader: User, notice: DirectingDocument, other_commune: Any, now: dt.datetime, who: str
) -> None:
    with pytest.raises(DomainError) as refused:
        services.assign_task(
            actor=leader,
            now=now,
            source=notice,
            title="Sửa cụm loa",
            deadline=D("2025-10-01"),
            lead=services.Lead(commune=other_commune),
            person_in_charge=User.objects.get(username=who),
        )
    assert refused.value.field == "person_in_charge"
    assert other_commune.name in refused.value.message
    assert not Task.objects.filter(source=notice).exists()


def test_the_document_form_puts_a_specialist_in_charge_of_a_row(division: Division) -> None:
    specialist = User.objects.get(username="chuyenvien")
    client = logged_in("lanhdao")
    form = client.get("/chi-dao/van-ban/them/").content.decode()
    assert f'<option value="{specialist.pk}">{specialist}</option>' in form
    data = {
        "kind": "conclusion",
        "number": "31/TB-STTTT",
        "issued_on": "01/09/2025",
        "issuer": "Sở",
        "signer": "Giám đốc Sở",
        "title": "Kết luận giao ban",
        "task-0-title": "Báo cáo chuyển đổi số",
        "task-0-lead_unit": f"d{division.pk}",
        "task-0-deadline": "30/09/2025",
        "task-0-person_in_charge": str(specialist.pk),
    }
    response = client.post("/chi-dao/van-ban/them/", data)
    assert response.status_code == 302
    assert Task.objects.get(title="Báo cáo chuyển đổi số").person_in_charge == specialist


def test_the_api_takes_the_person_in_charge_by_id_and_names_the_field_when_unknown(
    notice: DirectingDocument, division: Division
) -> None:
    specialist = User.objects.get(username="chuyenvien")
    client = logged_in("lanhdao")
    body = {"source": notice.pk, "title": "Việc", "lead_unit": f"d{division.pk}", "deadline": "2025-10-01"}

    def post(values: dict[str, Any]) -> Any:
        return client.post("/api/v1/tasks", json.dumps(values), content_type="application/json")

    unknown = post({**body, "person_in_charge": 987654})
    assert unknown.status_code == 409
    assert unknown.json()["errors"][0]["field"] == "person_in_charge"
    assert not Task.objects.filter(source=notice).exists()
    created = post({**body, "person_in_charge": specialist.pk})
    assert created.status_code == 201
    assert created.json()["person_in_charge"] == specialist.pk
