from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ictmis.enforcement import services
from ictmis.enforcement.models import SanctionDecision
from tests.conftest import logged_in
from tests.enforcement.conftest import at, make_record, provision

pytestmark = pytest.mark.django_db
D = dt.date
WEBSITE_15 = ("Điều 99", "15/2020/NĐ-CP")


def test_provisions_in_force_on_a_date_with_both_ranges():
    answer = logged_in("thanhtra").get("/api/v1/sanction-provisions", {"on": "2026-08-01", "sector": "online"})
    rows = {row["citation"]: row for row in answer.json()}
    assert answer.status_code == 200
    assert rows["khoản 1 Điều 93, 174/2026/NĐ-CP"]["individual"] == {"min": 5_000_000, "max": 10_000_000}
    assert "Điều 99, 15/2020/NĐ-CP" not in rows


def test_authorities_by_title_and_date_and_a_bad_date_is_a_422():
    client = logged_in("lanhdao")
    rows = client.get("/api/v1/sanction-authorities", {"title": "director", "on": "2026-07-01"}).json()
    assert {r["max_fine_organisation"] for r in rows} == {160_000_000, 64_000_000}
    assert client.get("/api/v1/sanction-authorities", {"on": "hôm qua"}).status_code == 422


def test_enterprises_do_not_read_the_law_tables_or_make_records():
    client = logged_in("doanhnghiep")
    assert client.get("/api/v1/sanction-provisions").status_code == 403
    assert client.post("/api/v1/violation-records", {}, content_type="application/json").status_code == 403


def test_a_decision_by_an_abolished_title_is_a_422_naming_rule_citation_and_the_competent_title(inspector):
    client = logged_in("thanhtra")
    today = timezone.localdate()
    created = client.post(
        "/api/v1/violation-records",
        {
            "violator_type": "organisation",
            "violator_name": "Công ty mẫu",
            "violator_id_number": "4701234564",
            "place": "Đồng Hới",
            "unit_code": "18880",
            "detected_on": today.isoformat(),
            "provisions": [provision("khoản 1 Điều 41", "174/2026/NĐ-CP").pk],
        },
        content_type="application/json",
    )
    assert created.status_code == 201
    assert created.json()["unit"].startswith("Phường")
    body = {
        "record": created.json()["id"],
        "decided_on": today.isoformat(),
        "signer_title": "chief_inspector",
        "acts": [{"provision": provision("khoản 1 Điều 41", "174/2026/NĐ-CP").pk, "fine": 25_000_000}],
    }

    refused = client.post("/api/v1/sanction-decisions", body, content_type="application/json")

    assert refused.status_code == 422
    errors = {e["rule"]: e for e in refused.json()["errors"]}
    assert set(errors) == {"signer_authority", "transfer"}
    assert errors["transfer"]["citation"] == "Điều 52, 15/2012/QH13"
    assert refused.json()["competent_title"] == "commune_pc"


def test_the_decision_shows_its_payment_due_and_surcharge_and_only_to_its_enterprise(inspector, leader):
    record = make_record(inspector, day=D(2024, 3, 4), articles=[WEBSITE_15])
    decision = services.draft_decision(
        actor=inspector,
        now=at(D(2024, 3, 5)),
        record=record,
        decided_on=D(2024, 3, 5),
        signer_title="chief_inspector",
        acts=[{"provision": record.acts.first().provision_id, "fine": 7_500_000}],
    )
    services.sign_decision(actor=leader, now=at(D(2024, 3, 5)), decision=decision)
    from ictmis.parties.models import Organisation

    other = Organisation.objects.get(tax_code="4705678909")
    own = SanctionDecision.objects.filter(pk=decision.pk)
    own.update(organisation=Organisation.objects.get(tax_code="4701234564"))

    seen = logged_in("doanhnghiep").get(f"/api/v1/sanction-decisions/{decision.pk}").json()

    assert seen["payment_due"] == "2024-03-16"
    assert seen["surcharge_to_date"] > 0
    own.update(organisation=other)
    assert logged_in("doanhnghiep").get(f"/api/v1/sanction-decisions/{decision.pk}").status_code == 404


def test_a_payment_through_the_api_closes_the_decision(inspector, leader):
    record = make_record(inspector, day=D(2024, 3, 4), articles=[WEBSITE_15])
    decision = services.draft_decision(
        actor=inspector,
        now=at(D(2024, 3, 5)),
        record=record,
        decided_on=D(2024, 3, 5),
        signer_title="chief_inspector",
        acts=[{"provision": record.acts.first().provision_id, "fine": 7_500_000}],
    )
    services.sign_decision(actor=leader, now=at(D(2024, 3, 5)), decision=decision)

    paid = logged_in("thanhtra").post(
        f"/api/v1/sanction-decisions/{decision.pk}/payments",
        {"paid_on": "2024-03-10", "amount": 7_500_000},
        content_type="application/json",
    )

    assert paid.status_code == 201
    assert paid.json()["status"] == "closed" and paid.json()["surcharge_to_date"] == 0


def test_inspections_are_listed_for_inspectors_only():
    assert logged_in("thanhtra").get("/api/v1/inspections").status_code == 200
    assert logged_in("doanhnghiep").get("/api/v1/inspections").status_code == 403
