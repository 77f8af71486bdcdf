from __future__ import annotations

import datetime as dt

import pytest

from ictmis.enforcement import services
from tests.conftest import logged_in
from tests.enforcement.conftest import at, make_record

pytestmark = pytest.mark.django_db
D = dt.date
TELECOM_15 = ("Điều 41", "15/2020/NĐ-CP")


def test_the_form_shows_the_range_and_the_signers_limit_and_refuses_with_who_may_sign(inspector):
    record = make_record(inspector, day=D(2024, 3, 4), articles=[TELECOM_15])
    client = logged_in("thanhtra")
    url = f"/thanh-tra/bien-ban/{record.pk}/quyet-dinh/"
    page = client.get(url, {"decided_on": "2024-03-06", "signer_title": "commune_pc"}).content.decode()
    assert "5.000.000 – 70.000.000" in page or "5,000,000 – 70,000,000" in page

    provision_id = record.acts.first().provision_id
    refused = client.post(
        url,
        {
            "decided_on": "2024-03-06",
            "signer_title": "commune_pc",
            f"fine_{provision_id}": "60000000",
            f"aggravating_{provision_id}": "tái phạm",
        },
    )

    text = refused.content.decode()
    assert refused.status_code == 200
    assert 'data-testid="competent"' in text and "Chánh Thanh tra Sở" in text


def test_pages_list_decisions_records_and_the_report_with_its_workbook(inspector, leader):
    record = make_record(inspector, day=D(2024, 3, 4), articles=[TELECOM_15])
    decision = services.draft_decision(
        actor=inspector,
        now=at(D(2024, 3, 5)),
        record=record,
        decided_on=D(2024, 3, 5),
        signer_title="chief_inspector",
        acts=[{"provision": record.acts.first().provision_id, "fine": 37_500_000}],
    )
    services.sign_decision(actor=leader, now=at(D(2024, 3, 5)), decision=decision)
    client = logged_in("lanhdao")

    assert decision.violator_name in client.get("/thanh-tra/").content.decode()
    assert client.get(f"/thanh-tra/quyet-dinh/{decision.pk}/").status_code == 200
    assert client.get("/thanh-tra/bien-ban/").status_code == 200
    for by in ("sector", "provision", "signer", "month"):
        assert client.get("/thanh-tra/bao-cao/", {"theo": by}).status_code == 200
    workbook = client.get("/thanh-tra/bao-cao/", {"theo": "month", "export": "xlsx"})
    assert workbook["Content-Type"].startswith("application/vnd.openxmlformats")
    assert logged_in("doanhnghiep").get(f"/thanh-tra/quyet-dinh/{decision.pk}/").status_code == 404


def test_the_report_by_month_folds_days_into_months(inspector, leader):
    from ictmis.enforcement import selectors

    for day in (D(2024, 3, 4), D(2024, 3, 18)):
        record = make_record(inspector, day=day, articles=[TELECOM_15], id_number=f"470123456{day.day % 10}")
        services.draft_decision(
            actor=inspector,
            now=at(day),
            record=record,
            decided_on=day,
            signer_title="chief_inspector",
            acts=[{"provision": record.acts.first().provision_id, "fine": 37_500_000}],
        )
        services.sign_decision(actor=leader, now=at(day), decision=record.decisions.get())

    rows = selectors.report(leader, by="month")

    assert rows == [{"key": D(2024, 3, 1), "n": 2, "decided": 75_000_000, "collected": 0}]


def _decisions(inspector, count: int, start: int) -> None:
    for n in range(start, start + count):
        record = make_record(inspector, day=D(2024, 3, 4), articles=[TELECOM_15], id_number=f"47{n:08d}")
        services.draft_decision(
            actor=inspector,
            now=at(D(2024, 3, 5)),
            record=record,
            decided_on=D(2024, 3, 5),
            signer_title="chief_inspector",
            acts=[{"provision": record.acts.first().provision_id, "fine": 37_500_000}],
        )


def test_the_decision_list_takes_the_same_queries_for_two_or_six_decisions(inspector):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = logged_in("lanhdao")
    _decisions(inspector, 2, 0)
    client.get("/thanh-tra/")
    with CaptureQueriesContext(connection) as few:
        client.get("/thanh-tra/")
    _decisions(inspector, 4, 2)
    with CaptureQueriesContext(connection) as more:
        page = client.get("/thanh-tra/")

    assert page.content.decode().count("/thanh-tra/quyet-dinh/") == 6
    assert len(more) == len(few)


def test_the_inspections_page_shows_plans_against_what_was_done_and_overdue_measures(inspector, leader, now):
    from ictmis.parties.models import Organisation

    plan = services.create_plan(
        actor=inspector, now=at(D(2024, 12, 1)), year=2025, title="Kế hoạch 2025", planned_inspections=4
    )
    plan = services.approve_plan(actor=leader, now=at(D(2024, 12, 5)), plan=plan)
    inspection = services.open_inspection(
        actor=inspector,
        now=at(D(2025, 3, 3)),
        plan=plan,
        subject=Organisation.objects.get(tax_code="4701234564"),
        scope="Trạm BTS",
        team_head=inspector,
        starts_on=D(2025, 3, 3),
        ends_on=D(2025, 3, 7),
    )
    services.conclude_inspection(
        actor=inspector,
        now=at(D(2025, 3, 20)),
        inspection=inspection,
        findings="Thiếu thông báo",
        conclusion="Khắc phục",
        remedies=[{"measure": "Thông báo các trạm", "due": D(2025, 5, 30)}],
    )

    page = logged_in("thanhtra").get("/thanh-tra/kiem-tra/").content.decode()

    assert inspection.decision_number in page and "Kế hoạch 2025" in page
    assert "text-bg-danger" in page
