"""The API and pages: scoping of owners and operators, bad input with the field named, the summary, import
and export of the inventory, the countdown on the incident pages."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from ictmis.accounts.models import User
from ictmis.infosec import services
from ictmis.infosec.models import Incident, InformationSystem

pytestmark = pytest.mark.django_db


def client_for(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def post(client: Client, path: str, body: dict[str, Any]) -> Any:
    return client.post(path, data=json.dumps(body, default=str), content_type="application/json")


def incident_body(system: InformationSystem, **kw: Any) -> dict[str, Any]:
    body = {
        "system": system.pk, "detected_at": (timezone.now() - dt.timedelta(hours=3)).isoformat(),
        "incident_type": "dos", "symptoms": "Cổng không truy cập được.", "contact": "An, 0912 345 678",
    }  # fmt: skip
    return {**body, **kw}


def test_an_operator_lists_only_the_systems_it_runs(portal, camera) -> None:
    operator = client_for("doanhnghiep").get("/api/v1/information-systems").json()
    specialist = client_for("chuyenvien").get("/api/v1/information-systems?q=thu").json()

    assert [row["code"] for row in operator["items"]] == ["T-CAMERA"]
    assert {"T-CAMERA", "T-PORTAL"} <= {row["code"] for row in specialist["items"]}


def test_a_system_outside_the_operators_scope_is_a_404(portal) -> None:
    assert client_for("doanhnghiep").get(f"/api/v1/information-systems/{portal.pk}").status_code == 404


def test_a_commune_officer_sees_the_communes_systems_only(portal, specialist, at) -> None:
    from ictmis.units.public import unit_by_code

    commune_pc = User.objects.get(username="canboxa").organisation
    lan = services.save_system(
        values={"code": "T-LAN", "name": "Mạng LAN xã", "owner": commune_pc, "unit": unit_by_code("18880"),
                "system_type": "internal", "status": "operating"},
        actor=specialist, now=at,
    )  # fmt: skip

    rows = client_for("canboxa").get("/api/v1/information-systems").json()["items"]

    assert [row["id"] for row in rows] == [lan.pk]


def test_the_public_and_the_editor_see_nothing() -> None:
    assert Client().get("/api/v1/information-systems").status_code == 401
    assert Client().get("/api/v1/incidents/summary").status_code == 401
    assert client_for("bientap").get("/api/v1/information-systems").status_code == 403
    assert Client().get("/an-toan-thong-tin/").status_code == 302


def test_an_operator_reports_an_incident_through_the_api(camera) -> None:
    response = post(client_for("doanhnghiep"), "/api/v1/incidents", incident_body(camera, beyond_capacity=True))

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["notification"]["state"] == "running" and body["notification"]["days_left"] == 5
    assert body["escalated_at"] is not None


@pytest.mark.parametrize(
    ("change", "status", "field"),
    [
        ({"detected_at": "2999-01-01T00:00:00+07:00"}, 409, "detected_at"),
        ({"incident_type": "earthquake"}, 422, "incident_type"),
        ({"system": 0}, 409, "system"),
    ],
)
def test_bad_incident_reports_name_the_field_and_write_nothing(camera, change, status, field) -> None:
    response = post(client_for("doanhnghiep"), "/api/v1/incidents", {**incident_body(camera), **change})

    assert response.status_code == status
    assert field in [e["field"] for e in response.json()["errors"]]
    assert not Incident.objects.exists()


def test_an_operator_cannot_report_on_another_owners_system(portal) -> None:
    response = post(client_for("doanhnghiep"), "/api/v1/incidents", incident_body(portal))

    assert response.status_code == 409
    assert response.json()["errors"][0]["field"] == "system"


def test_a_level_outside_1_to_5_is_a_409_naming_the_field(agency) -> None:
    body = {"code": "T-X", "name": "X", "owner": agency.pk, "system_type": "internal", "proposed_level": 7}

    response = post(client_for("chuyenvien"), "/api/v1/information-systems", body)

    assert response.status_code == 409
    assert response.json()["errors"] == [{"field": "proposed_level", "message": "Cấp độ phải là số nguyên từ 1 đến 5."}]
    assert not InformationSystem.objects.filter(code="T-X").exists()


def test_progress_close_and_the_summary(camera) -> None:
    operator = client_for("doanhnghiep")
    incident = post(operator, "/api/v1/incidents", incident_body(camera)).json()
    base = f"/api/v1/incidents/{incident['id']}"

    assert post(operator, f"{base}/progress", {"text": "Đã chặn địa chỉ tấn công."}).status_code == 201
    too_early = post(operator, f"{base}/close", {"closed_at": "2020-01-01T00:00:00+07:00", "result": "Xong."})
    closed = post(operator, f"{base}/close", {"closed_at": timezone.now().isoformat(), "result": "Xong."})
    summary = client_for("chuyenvien").get("/api/v1/incidents/summary").json()

    assert too_early.status_code == 409 and too_early.json()["errors"][0]["field"] == "closed_at"
    assert closed.json()["end_report"]["state"] == "running"
    assert summary["total"] == 1 and summary["by_type"] == {"dos": 1}


def test_the_department_sees_the_countdown_of_a_new_incident(camera) -> None:
    incident_id = post(client_for("doanhnghiep"), "/api/v1/incidents", incident_body(camera)).json()["id"]

    page = client_for("chuyenvien").get("/an-toan-thong-tin/su-co/").content.decode()
    detail = client_for("chuyenvien").get(f"/an-toan-thong-tin/su-co/{incident_id}/").content.decode()

    assert 'data-testid="notify-clock">còn 5 ngày' in page
    assert "còn 5 ngày" in detail


def test_the_statistics_page_has_the_chart_and_the_headline(camera) -> None:
    page = client_for("lanhdao").get("/an-toan-thong-tin/thong-ke/")

    assert page.status_code == 200
    assert 'id="deliveries-chart"' in page.content.decode()


HEADER = ["Mã hệ thống", "Tên hệ thống thông tin", "Cơ quan chủ quản", "Loại hệ thống", "Cấp độ đề xuất"]
INTERNAL = "phục vụ hoạt động nội bộ"


def _book(rows: list[list[Any]]) -> bytes:
    workbook = Workbook()
    workbook.active.append(HEADER)
    for row in rows:
        workbook.active.append(row)
    data = io.BytesIO()
    workbook.save(data)
    return data.getvalue()


def test_the_inventory_is_imported_all_or_nothing_and_twice_changes_nothing(tmp_path, agency) -> None:
    bad = tmp_path / "bad.xlsx"
    first = ["I-1", "Hệ thống 1", agency.name, INTERNAL, 2]
    bad.write_bytes(_book([first, ["I-2", "Hệ thống 2", agency.name, INTERNAL, 9]]))
    good = tmp_path / "good.xlsx"
    good.write_bytes(_book([first, ["I-2", "Hệ thống 2", agency.name, INTERNAL, 3]]))

    with pytest.raises(CommandError):
        call_command("import", "information-systems", str(bad), "--user", "chuyenvien")
    assert not InformationSystem.objects.filter(code__in=["I-1", "I-2"]).exists()
    call_command("import", "information-systems", str(good), "--user", "chuyenvien")
    call_command("import", "information-systems", str(good), "--user", "chuyenvien")

    stored = InformationSystem.objects.filter(code__in=["I-1", "I-2"]).order_by("code")
    assert [(s.proposed_level, s.version) for s in stored] == [(2, 1), (3, 1)]


def test_a_file_that_is_not_a_spreadsheet_is_refused(tmp_path) -> None:
    fake = tmp_path / "he-thong.xlsx"
    fake.write_bytes(b"%PDF-1.7\n\x00\x01\x02\xff\xfe")

    with pytest.raises(CommandError):
        call_command("import", "information-systems", str(fake), "--user", "chuyenvien")

    assert not InformationSystem.objects.filter(code__startswith="I-").exists()


def test_the_export_lists_what_the_operator_may_see(portal, camera) -> None:
    response = client_for("doanhnghiep").get("/an-toan-thong-tin/?export=xlsx")

    sheet = load_workbook(io.BytesIO(response.content)).active
    codes = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert codes == ["T-CAMERA"]


def test_the_export_names_the_owner_and_the_operator(camera) -> None:
    response = client_for("doanhnghiep").get("/an-toan-thong-tin/?export=xlsx")

    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["Cơ quan chủ quản"] == camera.owner.name  # no tax code: the name alone
    assert record["Đơn vị vận hành"] == f"{camera.operator.name} ({camera.operator.tax_code})"


def test_an_export_can_be_imported_again_unchanged(tmp_path, portal, camera) -> None:
    path = tmp_path / "he-thong.xlsx"
    call_command("export_information_systems", "-o", str(path))

    call_command("import", "information-systems", str(path), "--user", "chuyenvien")

    portal.refresh_from_db()
    camera.refresh_from_db()
    assert (portal.version, camera.version) == (1, 1)


LISTS = ("/api/v1/information-systems", "/api/v1/incidents", "/an-toan-thong-tin/su-co/", "/an-toan-thong-tin/")


def _queries(client: Client, path: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # the session and the permission caches warm up on the first request
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_lists_take_the_same_queries_for_more_rows(specialist, agency, at) -> None:
    from .conftest import make_system

    client = client_for("chuyenvien")
    for n in range(2):
        system = make_system(specialist, at, code=f"Q-{n}", name=f"Hệ thống {n}", owner=agency)
        services.report_incident(
            system=system, detected_at=at, incident_type="dos", symptoms="x", contact="An", actor=specialist, now=at
        )
    few = [_queries(client, p) for p in LISTS]
    for n in range(2, 6):
        system = make_system(specialist, at, code=f"Q-{n}", name=f"Hệ thống {n}", owner=agency)
        services.report_incident(
            system=system, detected_at=at, incident_type="dos", symptoms="x", contact="An", actor=specialist, now=at
        )
    many = [_queries(client, p) for p in LISTS]

    assert all(m <= f for f, m in zip(few, many, strict=True)), (few, many)  # no query per row


def test_a_specialist_plans_a_check_and_records_its_finding(portal) -> None:
    client = client_for("chuyenvien")
    client.post(f"/an-toan-thong-tin/he-thong/{portal.pk}/kiem-tra/", {"planned_on": "01/03/2026", "scope": "Cấp độ 3"})
    check = portal.checks.get()

    result = {"done_on": "02/03/2026", "finding": "Chưa sao lưu.", "remedy": "Sao lưu hằng ngày."}
    client.post(f"/an-toan-thong-tin/kiem-tra/{check.pk}/ket-qua/", {**result, "remedy_due_on": "01/04/2026"})

    portal.refresh_from_db()
    assert portal.last_checked_on == dt.date(2026, 3, 2)
    assert [(f.text, f.remedy_due_on) for f in check.findings.all()] == [("Chưa sao lưu.", dt.date(2026, 4, 1))]


def test_an_edit_from_a_stale_page_is_refused(portal, agency) -> None:
    client = client_for("chuyenvien")
    fields = {"code": "T-PORTAL", "owner": agency.pk, "system_type": "service", "status": "operating"}
    client.post(f"/an-toan-thong-tin/he-thong/{portal.pk}/sua/", {**fields, "name": "Cổng mới", "version": 1})

    stale = client.post(f"/an-toan-thong-tin/he-thong/{portal.pk}/sua/", {**fields, "name": "Cổng cũ", "version": 1})

    portal.refresh_from_db()
    assert (portal.name, portal.version) == ("Cổng mới", 2)
    assert stale.status_code == 200 and "form-errors" in stale.content.decode()


def test_the_headline_counts_approved_systems_and_incidents_notified_on_time(portal, camera, specialist, at) -> None:
    from ictmis.infosec.public import headline

    InformationSystem.objects.filter(pk=portal.pk).update(approved_level=3)
    on_time = services.report_incident(
        system=camera, detected_at=at, incident_type="dos", symptoms="x", contact="An", actor=specialist, now=at
    )
    services.send_initial_report(incident=on_time, actor=specialist, now=at + dt.timedelta(days=1))
    late = services.report_incident(
        system=camera, detected_at=at, incident_type="dos", symptoms="y", contact="An", actor=specialist, now=at
    )
    services.send_initial_report(incident=late, actor=specialist, now=at + dt.timedelta(days=6))

    figures = headline(on=at.date())

    assert (figures["systems"], figures["systems_with_approved_level"]) == (2, 1)
    assert (figures["incidents_notified"], figures["incidents_notified_on_time"]) == (2, 1)
