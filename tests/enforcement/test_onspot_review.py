"""The review of decisions without a record (issue 13): the organisation linked is the violator itself, the
decision is really issued on the spot (dated the act's day, not in the future, not signed before its date), a
time without its offset is the local time."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from ictmis.core.errors import DomainError
from ictmis.enforcement import onspot, selectors, services, workflow
from ictmis.enforcement.models import SanctionDecision, SanctionProvision
from ictmis.notifications.models import Notification
from ictmis.parties.public import Organisation
from tests.conftest import logged_in
from tests.enforcement.conftest import at
from tests.enforcement.test_onspot import CITIZEN, TAX_CODE, api_body, issue, small_act

pytestmark = pytest.mark.django_db
D = dt.date
URL = "/api/v1/sanction-decisions"
__all__ = ["small_act"]


def enterprise_organisation() -> Any:
    return get_user_model().objects.get(username="doanhnghiep").organisation


def other_company() -> Any:
    own = enterprise_organisation()
    other = Organisation.objects.exclude(pk=own.pk).exclude(tax_code="").first()
    assert other is not None
    return other


def test_the_api_refuses_to_link_an_individuals_decision_to_an_enterprise(small_act: SanctionProvision) -> None:
    organisation = enterprise_organisation()
    before = Notification.objects.count()

    answer = logged_in("thanhtra").post(
        URL, api_body(small_act, 200_000, organisation=organisation.pk), content_type="application/json"
    )

    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "organisation"
    assert not SanctionDecision.objects.exists()
    assert Notification.objects.count() == before
    assert logged_in("doanhnghiep").get(f"{URL}/1").status_code == 404
    assert not Notification.objects.filter(recipient__username="doanhnghiep").exists()


def test_the_api_refuses_another_companys_organisation_for_an_organisation(small_act: SanctionProvision) -> None:
    body = api_body(
        small_act,
        200_000,
        violator_type="organisation",
        violator_name="Công ty Nhật Lệ (mẫu)",
        violator_id_number=enterprise_organisation().tax_code.replace("-", ""),
        organisation=other_company().pk,
    )
    answer = logged_in("thanhtra").post(URL, body, content_type="application/json")
    assert answer.status_code == 422 and answer.json()["errors"][0]["field"] == "organisation"

    body["organisation"] = enterprise_organisation().pk
    assert logged_in("thanhtra").post(URL, body, content_type="application/json").status_code == 201


def test_the_service_refuses_the_wrong_organisation_on_both_paths(inspector: Any, small_act: SanctionProvision):
    with pytest.raises(DomainError) as on_the_spot:
        issue(inspector, small_act, fine=200_000, day=D(2025, 9, 10), organisation=enterprise_organisation())
    with pytest.raises(DomainError) as recorded:
        services.record_violation(
            actor=inspector,
            now=at(D(2025, 9, 10)),
            violator_type="organisation",
            violator_name="Công ty Nhật Lệ (mẫu)",
            violator_id_number=TAX_CODE,
            place="Bưu cục Đồng Hới",
            address="12 Lý Thường Kiệt, Đồng Hới",
            detected_on=D(2025, 9, 10),
            provision_ids=[small_act.pk],
            organisation=other_company(),
        )
    assert on_the_spot.value.field == recorded.value.field == "organisation"


def test_the_api_record_refuses_an_individual_linked_to_an_enterprise(small_act: SanctionProvision) -> None:
    answer = logged_in("thanhtra").post(
        "/api/v1/violation-records",
        {
            "violator_type": "individual",
            "violator_name": "Hoàng Văn Lợi",
            "violator_id_number": CITIZEN,
            "organisation": enterprise_organisation().pk,
            "place": "Bưu cục Đồng Hới",
            "detected_on": "2025-09-10",
            "provisions": [small_act.pk],
        },
        content_type="application/json",
    )
    assert answer.status_code == 422 and answer.json()["errors"][0]["field"] == "organisation"


SPOT = [
    # decision date, act day, now, refused rules
    (D(2025, 6, 30), D(2025, 6, 30), D(2025, 6, 30), set()),
    (D(2025, 7, 1), D(2025, 6, 30), D(2025, 7, 1), {"on_the_spot_date"}),  # the next day, the new ceiling
    (D(2025, 7, 1), D(2025, 7, 1), D(2025, 7, 1), set()),
    (D(2026, 6, 1), D(2025, 7, 1), D(2026, 6, 1), {"on_the_spot_date"}),  # 11 months later
    (D(2025, 7, 2), D(2025, 7, 2), D(2025, 7, 1), {"on_the_spot_date"}),  # a future date
]


@pytest.mark.parametrize(("decided_on", "act_day", "today", "refused"), SPOT)
def test_a_decision_without_record_is_dated_the_day_of_an_act_already_done(
    inspector: Any, small_act: SanctionProvision, decided_on: dt.date, act_day: dt.date, today: dt.date, refused: set
) -> None:
    def draft() -> SanctionDecision:
        return onspot.draft_decision_without_record(
            actor=inspector,
            now=at(today),
            violator_type="individual",
            violator_name="Hoàng Văn Lợi",
            violator_id_number=CITIZEN,
            act_at=at(act_day),
            place="Bưu cục Đồng Hới",
            address="12 Lý Thường Kiệt, Đồng Hới",
            unit_code="18880",
            decided_on=decided_on,
            signer_title="commune_pc",
            acts=[{"provision": small_act.pk, "fine": 200_000, "mitigating": "Lần đầu"}],
        )

    if not refused:
        assert draft().kind == "without_record"
        return
    with pytest.raises(workflow.SanctionRefused) as refusal:
        draft()
    assert {r.rule for r in refusal.value.refusals} == refused
    rule = selectors.rules_on(decided_on)["spot_individual"]
    assert {r.citation for r in refusal.value.refusals} == {rule.citation}


def test_a_decision_is_not_signed_before_its_date_on_either_path(inspector: Any, leader: Any, small_act) -> None:
    day = D(2025, 9, 10)
    decision = issue(inspector, small_act, fine=200_000, day=day)
    with pytest.raises(workflow.SanctionRefused) as early:
        services.sign_decision(actor=leader, now=at(day) - dt.timedelta(days=1), decision=decision)
    assert "on_the_spot_date" in {r.rule for r in early.value.refusals}

    from tests.enforcement.conftest import make_record

    record = make_record(inspector, day=D(2025, 9, 8), articles=[("Điều 99", "15/2020/NĐ-CP")])
    ordinary = services.draft_decision(
        actor=inspector,
        now=at(D(2025, 9, 9)),
        record=record,
        decided_on=D(2025, 9, 12),
        signer_title="commune_pc",
        acts=[{"provision": record.acts.get().provision_id, "fine": 7_500_000}],
    )
    with pytest.raises(workflow.SanctionRefused) as before:
        services.sign_decision(actor=leader, now=at(D(2025, 9, 11)), decision=ordinary)
    assert [r.rule for r in before.value.refusals] == ["signed_before_date"]
    assert services.sign_decision(actor=leader, now=at(D(2025, 9, 12)), decision=ordinary).status == "signed"


def test_a_time_without_offset_is_the_local_time_and_never_a_server_error(small_act: SanctionProvision) -> None:
    client = logged_in("thanhtra")
    body = api_body(small_act, 200_000, act_at="2025-09-10T06:30:00")
    naive = client.post(URL, body, content_type="application/json")
    assert naive.status_code == 201
    decision = SanctionDecision.objects.get()
    assert decision.act_at == dt.datetime(2025, 9, 9, 23, 30, tzinfo=dt.UTC)
    for bad in ("2025-09-10T25:30:00", "yesterday", ""):
        answer = client.post(URL, api_body(small_act, 200_000, act_at=bad), content_type="application/json")
        assert answer.status_code == 422, bad
    with pytest.raises(DomainError) as naive_service:
        onspot.draft_decision_without_record(
            actor=get_user_model().objects.get(username="thanhtra"),
            now=at(D(2025, 9, 10)),
            violator_type="individual",
            violator_name="Hoàng Văn Lợi",
            violator_id_number=CITIZEN,
            act_at=dt.datetime(2025, 9, 10, 8, 30),
            place="Bưu cục Đồng Hới",
            address="12 Lý Thường Kiệt, Đồng Hới",
            decided_on=D(2025, 9, 10),
            signer_title="commune_pc",
            acts=[{"provision": small_act.pk, "fine": 200_000, "mitigating": "Lần đầu"}],
        )
    assert naive_service.value.field == "act_at"


def test_form_mqd01_needs_the_violators_address(inspector: Any, small_act: SanctionProvision) -> None:
    with pytest.raises(DomainError) as refused:
        issue(inspector, small_act, fine=200_000, day=D(2025, 9, 10), address=" ")
    assert refused.value.field == "address"
    assert not SanctionDecision.objects.exists()


def test_the_docx_prints_the_circumstances(inspector: Any, leader: Any, small_act: SanctionProvision) -> None:
    from tests.enforcement.test_onspot import docx_text

    day = D(2025, 9, 10)
    signed = services.sign_decision(
        actor=leader, now=at(day), decision=issue(inspector, small_act, fine=200_000, day=day)
    )
    text = docx_text(signed.document)
    assert f"Tình tiết giảm nhẹ ({small_act.act}): Vi phạm lần đầu, thành khẩn." in text


def test_a_decision_on_an_unconfirmed_provision_is_not_signed(inspector: Any, leader: Any, small_act) -> None:
    day = D(2025, 9, 10)
    decision = issue(inspector, small_act, fine=200_000, day=day)
    SanctionProvision.objects.filter(pk=small_act.pk).update(unconfirmed=True)

    with pytest.raises(workflow.SanctionRefused) as refused:
        services.sign_decision(actor=leader, now=at(day), decision=decision)

    [refusal] = refused.value.refusals
    assert refusal.rule == "provision_unconfirmed" and refusal.field == "acts"
    assert SanctionDecision.objects.get(pk=decision.pk).status == "draft"
    SanctionProvision.objects.filter(pk=small_act.pk).update(unconfirmed=False)  # a specialist confirms it
    assert services.sign_decision(actor=leader, now=at(day), decision=decision).status == "signed"


def test_a_repeat_is_detected_and_shown_on_the_spot(inspector: Any, leader: Any, small_act) -> None:
    first = issue(inspector, small_act, fine=200_000, day=D(2025, 9, 10))
    first = services.sign_decision(actor=leader, now=at(D(2025, 9, 10)), decision=first)

    again = issue(inspector, small_act, fine=200_000, day=D(2025, 9, 20))

    assert [(e["decision"], e["repeat"]) for e in again.repeat_of] == [(first.number, True)]
    assert again.acts.get().is_repeat
    page = logged_in("thanhtra").get(reverse("enforcement:decision", args=[again.pk])).content.decode()
    assert 'data-testid="repeats"' in page and first.number in page
