"""Decisions without a record (form MQĐ01, LHAV Art. 56): the ceiling of the decision's date by violator type, the
refusals naming the rule and its citation, every check of the ordinary decision still applied, the same life
afterwards (signature, delivery, payment, surcharge), the DOCX, the page and the API."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.urls import reverse
from docx import Document

from ictmis.core.events import for_object, label_of
from ictmis.documents.demo import load_demo as load_signatories
from ictmis.enforcement import onspot, selectors, services, workflow
from ictmis.enforcement.models import SanctionDecision, SanctionProvision
from ictmis.legal.public import by_number
from tests.conftest import logged_in
from tests.enforcement.conftest import at

pytestmark = pytest.mark.django_db
D = dt.date
BEFORE, AFTER = D(2025, 6, 30), D(2025, 7, 1)  # the last day of the old ceiling, the first of Law 88/2025's
CITIZEN, TAX_CODE = "044090001234", "4701234564"


@pytest.fixture
def small_act(db: Any) -> SanctionProvision:
    """A small postal act a specialist entered: organisation 200,000–2,000,000 đ, an individual half."""
    return SanctionProvision.objects.create(
        act_code="postal-price-not-posted",
        act="Không niêm yết giá cước dịch vụ bưu chính (kiểm thử)",
        sector="postal",
        legal_basis=by_number("15/2020/NĐ-CP"),
        article="Điều 5 (kiểm thử)",
        min_fine=200_000,
        max_fine=2_000_000,
        valid_from=D(2020, 4, 15),
        valid_to=D(2026, 7, 1),
    )


def issue(
    inspector: Any,
    provision: SanctionProvision,
    *,
    violator_type: str = "individual",
    fine: int,
    day: dt.date,
    act_day: dt.date | None = None,
    title: str = "commune_pc",
    address: str = "12 Lý Thường Kiệt, Đồng Hới",
    **extra: Any,
) -> SanctionDecision:
    individual = violator_type == "individual"
    return onspot.draft_decision_without_record(
        actor=inspector,
        now=at(day),
        violator_type=violator_type,
        violator_name="Hoàng Văn Lợi" if individual else "Công ty Nhật Lệ (mẫu)",
        violator_id_number=CITIZEN if individual else TAX_CODE,
        act_at=at(act_day or day),
        place="Bưu cục Đồng Hới",
        address=address,
        unit_code="18880",
        decided_on=day,
        signer_title=title,
        acts=[{"provision": provision.pk, "fine": fine, "mitigating": "Vi phạm lần đầu, thành khẩn"}],
        **extra,
    )


CEILINGS = [
    # violator type, decision date, fine, allowed, the text the rule comes from
    ("individual", BEFORE, 250_000, True, "15/2012/QH13"),
    ("individual", BEFORE, 250_001, False, "15/2012/QH13"),
    ("organisation", BEFORE, 500_000, True, "15/2012/QH13"),
    ("organisation", BEFORE, 500_001, False, "15/2012/QH13"),
    ("individual", AFTER, 500_000, True, "88/2025/QH15"),
    ("individual", AFTER, 500_001, False, "88/2025/QH15"),
    ("organisation", AFTER, 1_000_000, True, "88/2025/QH15"),
    ("organisation", AFTER, 1_000_001, False, "88/2025/QH15"),
]


@pytest.mark.parametrize(("violator_type", "day", "fine", "allowed", "law"), CEILINGS)
def test_the_on_the_spot_ceiling_is_the_one_of_the_decision_date_for_the_violator_type(
    inspector, small_act, violator_type, day, fine, allowed, law
):
    key = "spot_individual" if violator_type == "individual" else "spot_organisation"
    rule = selectors.rules_on(day)[key]
    assert f"Điều 56, {law}" in rule.citation

    if allowed:
        decision = issue(inspector, small_act, violator_type=violator_type, fine=fine, day=day)
        assert (decision.kind, decision.record_id, decision.total, decision.status) == (
            "without_record",
            None,
            fine,
            "draft",
        )
        assert decision.unit is not None and decision.place == "Bưu cục Đồng Hới"
    else:
        with pytest.raises(workflow.SanctionRefused) as refused:
            issue(inspector, small_act, violator_type=violator_type, fine=fine, day=day)
        [refusal] = refused.value.refusals
        assert (refusal.rule, refusal.citation, refusal.field) == ("on_the_spot_ceiling", rule.citation, "fine")
        assert f"{rule.value:,}" in refusal.message and f"{fine:,}" in refusal.message
        assert not SanctionDecision.objects.exists()


def test_the_ceiling_counts_the_total_of_the_acts(inspector, small_act):
    with pytest.raises(workflow.SanctionRefused) as refused:
        onspot.draft_decision_without_record(
            actor=inspector,
            now=at(AFTER),
            violator_type="individual",
            violator_name="Hoàng Văn Lợi",
            violator_id_number=CITIZEN,
            act_at=at(AFTER),
            place="Bưu cục Đồng Hới",
            address="12 Lý Thường Kiệt, Đồng Hới",
            decided_on=AFTER,
            signer_title="commune_pc",
            acts=[{"provision": small_act.pk, "fine": 300_000, "mitigating": "Lần đầu"}] * 2,
        )
    assert [r.rule for r in refused.value.refusals] == ["on_the_spot_ceiling"]


def test_additional_sanctions_remedial_measures_and_licence_suspension_are_refused_on_the_spot(inspector, small_act):
    for extra, field in (
        ({"additional_sanctions": "Tước quyền sử dụng giấy phép 01 tháng"}, "additional_sanctions"),
        ({"remedial_measures": "Buộc niêm yết giá cước"}, "remedial_measures"),
        ({"licence_id": 1}, "licence"),
    ):
        with pytest.raises(workflow.SanctionRefused) as refused:
            issue(inspector, small_act, fine=200_000, day=AFTER, **extra)
        sanctions = [r for r in refused.value.refusals if r.rule == "on_the_spot_sanctions"]
        assert [r.field for r in sanctions] == [field]
        assert sanctions[0].citation == selectors.rules_on(AFTER)["spot_individual"].citation


def test_the_signers_authority_is_still_applied_and_names_the_competent_title(inspector, small_act):
    with pytest.raises(workflow.SanctionRefused) as refused:
        issue(inspector, small_act, fine=200_000, day=D(2025, 3, 10), title="inspector_on_duty")

    assert {r.rule for r in refused.value.refusals} == {"signer_authority", "transfer"}
    assert refused.value.competent == "commune_pc"


def test_the_range_the_provision_in_force_and_the_limitation_are_still_applied(inspector, small_act):
    with pytest.raises(workflow.SanctionRefused) as below_range:
        issue(inspector, small_act, fine=50_000, day=AFTER)
    with pytest.raises(workflow.SanctionRefused) as not_in_force:
        issue(inspector, small_act, fine=200_000, day=D(2019, 6, 3), title="inspector_on_duty")
    with pytest.raises(workflow.SanctionRefused) as too_late:
        issue(inspector, small_act, fine=200_000, day=D(2025, 3, 10), act_ended_on=D(2023, 1, 10))
    with pytest.raises(workflow.SanctionRefused) as before_the_act:
        issue(inspector, small_act, fine=200_000, day=D(2025, 3, 10), act_day=D(2025, 3, 11))

    assert [r.rule for r in below_range.value.refusals] == ["fine_range"]
    assert "provision_in_force" in {r.rule for r in not_in_force.value.refusals}
    assert [r.rule for r in too_late.value.refusals] == ["limitation"]
    assert {r.rule for r in before_the_act.value.refusals} == {"decided_on", "on_the_spot_date"}


def test_a_malformed_citizen_id_is_refused_before_the_law_is_read(inspector, small_act):
    from ictmis.core.errors import DomainError

    with pytest.raises(DomainError) as refused:
        onspot.draft_decision_without_record(
            actor=inspector,
            now=at(AFTER),
            violator_type="individual",
            violator_name="Hoàng Văn Lợi",
            violator_id_number="12345",
            act_at=at(AFTER),
            place="Bưu cục Đồng Hới",
            decided_on=AFTER,
            signer_title="commune_pc",
            acts=[{"provision": small_act.pk, "fine": 200_000, "mitigating": "Lần đầu"}],
        )
    assert refused.value.field == "violator_id_number"


def test_a_leader_cannot_draft_and_an_inspector_cannot_sign(inspector, leader, small_act):
    from ictmis.core.errors import NotAllowedError

    with pytest.raises(NotAllowedError):
        issue(leader, small_act, fine=200_000, day=AFTER)
    decision = issue(inspector, small_act, fine=200_000, day=AFTER)
    with pytest.raises(NotAllowedError):
        services.sign_decision(actor=inspector, now=at(AFTER), decision=decision)


def docx_text(document: Any) -> str:
    with document.file.open("rb") as handle:
        docx = Document(io.BytesIO(handle.read()))
    cells = [cell.text for table in docx.tables for row in table.rows for cell in row.cells]
    return "\n".join([*(p.text for p in docx.paragraphs), *cells])


def test_the_decision_follows_the_life_of_any_decision_and_its_docx_is_form_mqd01(inspector, leader, small_act):
    load_signatories(at(AFTER))
    decision = issue(inspector, small_act, fine=500_000, day=AFTER)
    assert label_of("enforcement.decision.drafted_without_record") != "enforcement.decision.drafted_without_record"
    assert [e.verb for e in for_object(decision)] == ["enforcement.decision.drafted_without_record"]

    signed = services.sign_decision(actor=leader, now=at(AFTER), decision=decision)
    text = docx_text(signed.document)
    assert signed.number.endswith("/QĐ-XPHC") and f"Số: {signed.number}" in text
    for expected in (
        "Mẫu số MQĐ01",
        "(Kèm theo Nghị định số 118/2021/NĐ-CP)",
        "Xử phạt vi phạm hành chính không lập biên bản",
        "Hoàng Văn Lợi (số định danh cá nhân 044090001234, địa chỉ: 12 Lý Thường Kiệt, Đồng Hới)",
        "Bưu cục Đồng Hới",
        "500.000 đồng",
        "Nguyễn Văn Hùng",
    ):
        assert expected in text
    assert "Mẫu số MQĐ02" not in text and "theo biên bản vi phạm hành chính số" not in text

    services.deliver_decision(actor=inspector, now=at(AFTER), decision=signed, delivered_on=AFTER)
    late = AFTER + dt.timedelta(days=21)  # due on the 11th, surcharge from the 12th
    assert services.surcharge_to(SanctionDecision.objects.get(pk=decision.pk), late) == 500_000 * 10 * 5 // 10_000
    payment = services.record_payment(actor=inspector, now=at(late), decision=signed, paid_on=late, amount=500_000)
    assert payment.surcharge == 2_500
    assert SanctionDecision.objects.get(pk=decision.pk).status == "closed"


def test_the_enterprise_sees_its_own_decision_once_signed(inspector, leader, small_act):
    decision = issue(
        inspector,
        small_act,
        violator_type="organisation",
        fine=500_000,
        day=AFTER,
        organisation=onspot.organisation_of(inspector, "organisation", TAX_CODE),
    )
    enterprise = logged_in("doanhnghiep")
    assert enterprise.get(f"/api/v1/sanction-decisions/{decision.pk}").status_code == 404

    services.sign_decision(actor=leader, now=at(AFTER), decision=decision)

    seen = enterprise.get(f"/api/v1/sanction-decisions/{decision.pk}").json()
    assert (seen["kind"], seen["record"], seen["total"]) == ("without_record", None, 500_000)


def api_body(provision: SanctionProvision, fine: int, **changes: Any) -> dict[str, Any]:
    return {
        "without_record": True,
        "violator_type": "individual",
        "violator_name": "Hoàng Văn Lợi",
        "violator_id_number": CITIZEN,
        "act_at": "2025-09-10T08:30:00+07:00",
        "place": "Bưu cục Đồng Hới",
        "address": "12 Lý Thường Kiệt, Đồng Hới",
        "unit_code": "18880",
        "decided_on": "2025-09-10",
        "signer_title": "commune_pc",
        "acts": [{"provision": provision.pk, "fine": fine, "mitigating": "Lần đầu"}],
        **changes,
    }


def test_the_api_drafts_without_a_record_and_refuses_over_the_ceiling_with_rule_and_citation(small_act):
    client = logged_in("thanhtra")
    url = "/api/v1/sanction-decisions"

    created = client.post(url, api_body(small_act, 500_000), content_type="application/json")
    over = client.post(url, api_body(small_act, 520_000), content_type="application/json")
    extra = client.post(
        url, api_body(small_act, 200_000, additional_sanctions="Tịch thu tang vật"), content_type="application/json"
    )
    half = client.post(url, api_body(small_act, 200_000, place=""), content_type="application/json")
    both = client.post(url, api_body(small_act, 200_000, record=1), content_type="application/json")

    assert created.status_code == 201
    assert (created.json()["kind"], created.json()["record"], created.json()["place"]) == (
        "without_record",
        None,
        "Bưu cục Đồng Hới",
    )
    assert over.status_code == 422
    [error] = over.json()["errors"]
    assert error["rule"] == "on_the_spot_ceiling"
    assert error["citation"] == selectors.rules_on(D(2025, 9, 10))["spot_individual"].citation
    assert extra.status_code == 422 and extra.json()["errors"][0]["field"] == "additional_sanctions"
    assert half.status_code == 422 and half.json()["errors"][0]["field"] == "place"
    assert both.status_code == 422 and both.json()["errors"][0]["field"] == "record"
    for outsider in ("doanhnghiep", "lanhdao"):
        answer = logged_in(outsider).post(url, api_body(small_act, 200_000), content_type="application/json")
        assert answer.status_code == 403


def test_an_ordinary_decision_still_needs_its_record_in_the_api():
    answer = logged_in("thanhtra").post(
        "/api/v1/sanction-decisions",
        {"decided_on": "2025-09-10", "signer_title": "commune_pc", "acts": [{"provision": 1, "fine": 1}]},
        content_type="application/json",
    )
    assert answer.status_code == 422 and answer.json()["errors"][0]["field"] == "record"


def form_data(provision: SanctionProvision, fine: int) -> dict[str, Any]:
    return {
        "violator_type": "individual",
        "violator_name": "Hoàng Văn Lợi",
        "violator_id_number": CITIZEN,
        "act_at": "10/09/2025 08:30",
        "place": "Bưu cục Đồng Hới",
        "address": "12 Lý Thường Kiệt, Đồng Hới",
        "unit_code": "18880",
        "provision": provision.pk,
        "fine": fine,
        "mitigating": "Lần đầu",
        "decided_on": "10/09/2025",
        "signer_title": "commune_pc",
    }


def test_the_page_is_reached_from_the_sanctions_page_shows_the_ceiling_and_refuses_over_it(small_act):
    client = logged_in("thanhtra")
    url = reverse("enforcement:decision_without_record")
    assert url in client.get(reverse("enforcement:decisions")).content.decode()
    assert "500.000" in client.get(url).content.decode() or "500,000" in client.get(url).content.decode()

    refused = client.post(url, form_data(small_act, 520_000))
    drafted = client.post(url, form_data(small_act, 500_000))

    assert refused.status_code == 200
    assert "Điều 56, 88/2025/QH15" in refused.content.decode()
    assert not SanctionDecision.objects.filter(total=520_000).exists()
    decision = SanctionDecision.objects.get(total=500_000)
    assert drafted.status_code == 302 and drafted["Location"] == reverse("enforcement:decision", args=[decision.pk])
    assert decision.kind == "without_record"
    page = client.get(drafted["Location"]).content.decode()
    assert "Bưu cục Đồng Hới" in page


def test_leaders_and_enterprises_do_not_reach_the_page():
    url = reverse("enforcement:decision_without_record")
    assert logged_in("lanhdao").get(url).status_code == 403
    assert logged_in("doanhnghiep").get(url).status_code == 403


def test_the_record_the_ordinary_decision_and_the_instalments_carry_their_form_codes(inspector, leader):
    from ictmis.enforcement import execution
    from tests.enforcement.conftest import make_record

    record = make_record(inspector, day=D(2025, 9, 8), articles=[("Điều 99", "15/2020/NĐ-CP")])
    act = record.acts.get()
    decision = services.draft_decision(
        actor=inspector,
        now=at(D(2025, 9, 9)),
        record=record,
        decided_on=D(2025, 9, 9),
        signer_title="commune_pc",
        acts=[{"provision": act.provision_id, "fine": 7_500_000}],
    )
    decision = services.sign_decision(actor=leader, now=at(D(2025, 9, 9)), decision=decision)
    execution.grant_instalments(
        actor=leader,
        now=at(D(2025, 9, 10)),
        decision=decision,
        plan=[(D(2025, 9, 20), 3_000_000), (D(2025, 10, 20), 4_500_000)],
    )
    from ictmis.documents.public import documents_of

    [instalments] = documents_of(f"enforcement.instalments:{decision.pk}")
    assert "Mẫu số MBB01" in docx_text(record.document)
    assert "Mẫu số MQĐ02" in docx_text(decision.document)
    assert "Mẫu số MQĐ05" in docx_text(instalments)
    assert f"theo biên bản vi phạm hành chính số {record.number}" in docx_text(decision.document)
    assert ";;" not in docx_text(decision.document) and ";;" not in docx_text(record.document)
