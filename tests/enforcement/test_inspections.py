from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from ictmis.core.errors import DomainError, NotAllowedError
from ictmis.enforcement import services
from ictmis.enforcement.models import Inspection, InspectionPlan
from ictmis.parties.public import Organisation
from tests.conftest import logged_in
from tests.enforcement.conftest import at

pytestmark = pytest.mark.django_db
D = dt.date
TAX_CODE = "4701234564"


def bts_station() -> int:
    body = {
        "operator": Organisation.objects.get(tax_code=TAX_CODE).pk,
        "site_code": "QT-KT-01",
        "unit": "18880",
        "latitude": 17.47,
        "longitude": 106.62,
        "station_type": "rooftop",
        "technologies": ["4G"],
        "status": "active",
        "plan_conformity": True,
    }
    created = logged_in("chuyenvien").post("/api/v1/bts-stations", body, content_type="application/json")
    assert created.status_code == 201, created.content
    return int(created.json()["id"])


def approved_plan(inspector, leader, *, year=2026, planned=2):
    plan = services.create_plan(
        actor=inspector, now=at(D(year - 1, 12, 1)), year=year, title="Kế hoạch", planned_inspections=planned
    )
    return services.approve_plan(actor=leader, now=at(D(year - 1, 12, 10)), plan=plan)


APRIL = D(2026, 4, 1)


def opened(inspector, plan, *, records=(), starts=APRIL):
    return services.open_inspection(
        actor=inspector,
        now=at(starts),
        plan=plan,
        subject=Organisation.objects.get(tax_code=TAX_CODE),
        scope="Trạm BTS",
        team_head=inspector,
        starts_on=starts,
        ends_on=starts + dt.timedelta(days=5),
        records=records,
    )


def test_the_plan_page_drafts_a_plan_that_only_a_leader_approves(inspector, leader):
    logged_in("thanhtra").post(
        "/thanh-tra/kiem-tra/ke-hoach/moi/", {"year": 2027, "title": "KH 2027", "planned_inspections": 4}
    )
    plan = InspectionPlan.objects.get(year=2027)

    refused = logged_in("thanhtra").post(f"/thanh-tra/kiem-tra/ke-hoach/{plan.pk}/phe-duyet/")
    logged_in("lanhdao").post(f"/thanh-tra/kiem-tra/ke-hoach/{plan.pk}/phe-duyet/")

    plan.refresh_from_db()
    assert refused.status_code == 403
    assert plan.status == "approved" and plan.approved_by == leader


def test_an_inspection_names_real_records_and_takes_its_number_from_the_documents_sequence(inspector, leader):
    plan = approved_plan(inspector, leader)
    station = bts_station()

    first = opened(inspector, plan, records=[{"registry": "bts-stations", "id": station}])
    second = opened(inspector, plan)

    assert first.records == [{"registry": "bts-stations", "id": station}]
    assert first.decision_number.startswith("01/") and second.decision_number.startswith("02/")
    with pytest.raises(DomainError) as missing:
        opened(inspector, plan, records=[{"registry": "bts-stations", "id": station + 1000}])
    assert missing.value.field == "records"


def test_the_inspection_form_opens_one_under_an_approved_plan(inspector, leader):
    plan = approved_plan(inspector, leader)
    station = bts_station()
    answer = logged_in("thanhtra").post(
        "/thanh-tra/kiem-tra/moi/",
        {
            "plan": plan.pk,
            "subject": Organisation.objects.get(tax_code=TAX_CODE).pk,
            "scope": "Hạ tầng viễn thông thụ động",
            "team_head": inspector.pk,
            "starts_on": "01/04/2026",
            "ends_on": "05/04/2026",
            "records": f"bts-stations:{station}",
        },
    )
    inspection = Inspection.objects.get(scope="Hạ tầng viễn thông thụ động")
    assert answer.status_code == 302 and answer["Location"].endswith(f"/kiem-tra/{inspection.pk}/")
    assert inspection.records == [{"registry": "bts-stations", "id": station}]
    assert inspector in inspection.team.all()


def test_a_conclusion_with_remedies_is_followed_until_done_and_overdue_shows_in_the_follow_up(inspector, leader):
    plan = approved_plan(inspector, leader, planned=2)
    inspection = opened(inspector, plan, starts=D(2026, 1, 5))
    client = logged_in("thanhtra")
    client.post(
        f"/thanh-tra/kiem-tra/{inspection.pk}/",
        {
            "action": "conclude",
            "findings": "Thiếu thông báo",
            "conclusion": "Yêu cầu khắc phục",
            "remedies": "Thông báo trạm còn thiếu; 01/02/2026\nRà soát quy hoạch; 01/03/2099",
        },
    )
    inspection.refresh_from_db()
    assert inspection.status == "concluded" and [r["due"] for r in inspection.remedies] == ["2026-02-01", "2099-03-01"]

    follow_up = client.get("/thanh-tra/bao-cao/theo-doi/").content.decode()
    assert "Thông báo trạm còn thiếu" in follow_up and "Rà soát quy hoạch" not in follow_up
    assert "50" in follow_up  # one of the two planned inspections concluded

    client.post(f"/thanh-tra/kiem-tra/{inspection.pk}/", {"action": "remedy", "index": 0, "done_on": "2026-02-10"})
    inspection.refresh_from_db()
    assert inspection.remedies[0]["done"] == "2026-02-10"
    assert "Thông báo trạm còn thiếu" not in client.get("/thanh-tra/bao-cao/theo-doi/").content.decode()


def test_an_inspection_is_concluded_once(inspector, leader):
    inspection = opened(inspector, approved_plan(inspector, leader))
    services.conclude_inspection(
        actor=inspector, now=at(D(2026, 4, 10)), inspection=inspection, findings="a", conclusion="b"
    )
    with pytest.raises(DomainError):
        services.conclude_inspection(
            actor=inspector, now=at(D(2026, 4, 11)), inspection=inspection, findings="c", conclusion="d"
        )


def test_a_leader_does_not_open_inspections(inspector, leader):
    with pytest.raises(NotAllowedError):
        opened(leader, approved_plan(inspector, leader))


def test_the_follow_up_workbook_has_overdue_payments_remedies_and_the_plan(inspector, leader):
    inspection = opened(inspector, approved_plan(inspector, leader, planned=4), starts=D(2026, 1, 5))
    services.conclude_inspection(
        actor=inspector,
        now=at(D(2026, 1, 20)),
        inspection=inspection,
        findings="a",
        conclusion="b",
        remedies=[{"measure": '=HYPERLINK("x")', "due": "2026-02-01"}],
    )

    answer = logged_in("lanhdao").get("/thanh-tra/bao-cao/theo-doi/", {"export": "xlsx"})

    book = load_workbook(io.BytesIO(answer.content))
    assert book.sheetnames == ["Nộp phạt quá hạn", "Khắc phục quá hạn", "Thực hiện kế hoạch"]
    remedies = [[c.value for c in row] for row in book["Khắc phục quá hạn"].iter_rows(min_row=2)]
    assert remedies[0][4] == '\'=HYPERLINK("x")'
    plans = [[c.value for c in row] for row in book["Thực hiện kế hoạch"].iter_rows(min_row=2)]
    assert plans == [[2026, "Kế hoạch", 4, 1, 1, 25]]


def test_the_api_opens_concludes_and_lists_inspections(inspector, leader):
    plan = approved_plan(inspector, leader)
    client = logged_in("thanhtra")
    created = client.post(
        "/api/v1/inspections",
        {
            "plan": plan.pk,
            "subject": Organisation.objects.get(tax_code=TAX_CODE).pk,
            "scope": "Trang thông tin điện tử",
            "team_head": inspector.pk,
            "starts_on": "2026-04-01",
            "ends_on": "2026-04-03",
            "records": [{"registry": "websites", "id": 1}],
        },
        content_type="application/json",
    )
    assert created.status_code == 409 and created.json()["errors"][0]["field"] == "records"

    created = client.post(
        "/api/v1/inspections",
        {
            "plan": plan.pk,
            "subject": Organisation.objects.get(tax_code=TAX_CODE).pk,
            "scope": "Trang thông tin điện tử",
            "team_head": inspector.pk,
            "starts_on": "2026-04-01",
            "ends_on": "2026-04-03",
        },
        content_type="application/json",
    )
    concluded = client.post(
        f"/api/v1/inspections/{created.json()['id']}/conclusion",
        {"findings": "x", "conclusion": "y", "remedies": [{"measure": "Sửa trang chủ", "due": "2026-05-01"}]},
        content_type="application/json",
    )
    listed = client.get("/api/v1/inspections").json()

    assert created.status_code == 201 and concluded.status_code == 200
    assert concluded.json()["remedies"][0]["measure"] == "Sửa trang chủ"
    assert [i["scope"] for i in listed["items"]] == ["Trang thông tin điện tử"]


def test_the_api_refuses_a_team_head_who_is_not_an_inspector(inspector, leader):
    answer = logged_in("thanhtra").post(
        "/api/v1/inspections",
        {
            "subject": Organisation.objects.get(tax_code=TAX_CODE).pk,
            "scope": "Trạm BTS",
            "team_head": leader.pk,
            "starts_on": "2026-04-01",
            "ends_on": "2026-04-03",
        },
        content_type="application/json",
    )
    assert answer.status_code == 409 and answer.json()["errors"][0]["field"] == "team"
