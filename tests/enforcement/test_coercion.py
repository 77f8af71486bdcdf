"""Coercive enforcement (LHAV Arts. 86–88): ordering it records the coercion decision with its measure, number,
date, signer and the amount to collect (the unpaid fine and the surcharge to that date), and issues its DOCX, which
carries no form code and no article the project's notes do not confirm."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document

from ictmis.core.errors import DomainError, NotAllowedError
from ictmis.documents.demo import load_demo as load_signatories
from ictmis.enforcement import coercion, services
from ictmis.enforcement.models import CoercionDecision, SanctionDecision, SanctionProvision
from ictmis.parties.public import Organisation
from tests.conftest import logged_in
from tests.enforcement.conftest import at

pytestmark = pytest.mark.django_db
D = dt.date
DELIVERED = D(2025, 10, 10)  # due on 20/10, surcharge from 21/10
PARTLY_PAID = D(2025, 11, 3)
ENFORCED = D(2025, 12, 1)


def overdue_decision(inspector: Any, leader: Any) -> SanctionDecision:
    """7,500,000 đ against an organisation, delivered on 10/10/2025, 2,500,000 đ paid late on 03/11/2025."""
    operator = Organisation.objects.get(tax_code="4701234564")
    record = services.record_violation(
        actor=inspector,
        now=at(D(2025, 10, 6)),
        violator_type="organisation",
        violator_name=operator.name,
        violator_id_number=operator.tax_code,
        organisation=operator,
        place="Trụ sở Công ty, Ba Đồn",
        detected_on=D(2025, 10, 6),
        provision_ids=[SanctionProvision.objects.get(article="Điều 99").pk],
    )
    act = record.acts.get()
    decision = services.draft_decision(
        actor=inspector,
        now=at(D(2025, 10, 9)),
        record=record,
        decided_on=D(2025, 10, 9),
        signer_title="commune_pc",
        acts=[{"provision": act.provision_id, "fine": 7_500_000}],
    )
    decision = services.sign_decision(actor=leader, now=at(D(2025, 10, 9)), decision=decision)
    services.deliver_decision(actor=inspector, now=at(DELIVERED), decision=decision, delivered_on=DELIVERED)
    services.record_payment(
        actor=inspector, now=at(PARTLY_PAID), decision=decision, paid_on=PARTLY_PAID, amount=2_500_000
    )
    return SanctionDecision.objects.get(pk=decision.pk)


def test_ordering_coercion_records_the_amount_with_the_surcharge_to_that_date(inspector, leader):
    decision = overdue_decision(inspector, leader)
    # 13 days late on 7,500,000 before the payment (paid with it), then 28 days on the 5,000,000 left
    assert decision.payments.get().surcharge == 7_500_000 * 13 * 5 // 10_000

    ordered = coercion.order_enforcement(
        actor=leader, now=at(ENFORCED), decision=decision, measure="account", details="Ngân hàng mẫu"
    )

    assert (ordered.unpaid_fine, ordered.surcharge, ordered.amount) == (5_000_000, 70_000, 5_070_000)
    assert ordered.decided_on == ENFORCED and ordered.signer == leader and ordered.measure == "account"
    assert ordered.number.endswith("/QĐ-CCXP") and ordered.document.number == ordered.number
    decision.refresh_from_db()
    assert decision.status == "enforced"
    assert services.surcharge_to(decision, ENFORCED) - 48_750 == ordered.surcharge


def docx_text(document: Any) -> str:
    with document.file.open("rb") as handle:
        docx = Document(io.BytesIO(handle.read()))
    cells = [cell.text for table in docx.tables for row in table.rows for cell in row.cells]
    return "\n".join([*(p.text for p in docx.paragraphs), *cells])


def test_the_coercion_docx_names_the_decision_the_measure_and_the_amounts_without_a_form_code(inspector, leader):
    load_signatories(at(ENFORCED))
    decision = overdue_decision(inspector, leader)

    ordered = coercion.order_enforcement(actor=leader, now=at(ENFORCED), decision=decision, measure="salary")

    text = docx_text(ordered.document)
    for expected in (
        f"Số: {ordered.number}",
        "Cưỡng chế thi hành quyết định xử phạt vi phạm hành chính",
        f"Quyết định xử phạt vi phạm hành chính số {decision.number} ngày 09/10/2025",
        decision.violator_name,
        "khấu trừ một phần lương hoặc một phần thu nhập",
        "5.070.000 đồng",
        "5.000.000 đồng",
        "70.000 đồng",
        "tính đến ngày 01/12/2025",
        "Luật Xử lý vi phạm hành chính",
        "Nguyễn Văn Hùng",
    ):
        assert expected in text
    assert "Mẫu số" not in text and "Điều 86" not in text and ";;" not in text


def test_coercion_waits_for_a_missed_deadline_and_a_measure(inspector, leader):
    decision = overdue_decision(inspector, leader)
    with pytest.raises(DomainError):
        coercion.order_enforcement(actor=leader, now=at(D(2025, 10, 20)), decision=decision, measure="account")
    with pytest.raises(DomainError):
        coercion.order_enforcement(actor=leader, now=at(ENFORCED), decision=decision, measure="prison")
    assert SanctionDecision.objects.get(pk=decision.pk).status == "delivered"
    assert not CoercionDecision.objects.exists()


def test_only_a_leader_orders_coercion(inspector, leader):
    decision = overdue_decision(inspector, leader)
    with pytest.raises(NotAllowedError):
        coercion.order_enforcement(actor=inspector, now=at(ENFORCED), decision=decision, measure="account")
    assert not CoercionDecision.objects.exists()


def test_the_leader_orders_it_from_the_page_and_the_enterprise_sees_it_on_its_decision(inspector, leader):
    from ictmis.enforcement.models import TimeRule

    decision = overdue_decision(inspector, leader)
    # the page orders it today, more than a year after the 2025 decision: widen the (editable) limitation row
    TimeRule.objects.filter(key="enforcement_limitation").update(value=50)
    url = reverse("enforcement:decision", args=[decision.pk])
    form_url = reverse("enforcement:coercion_create", args=[decision.pk])
    leader_client = logged_in("lanhdao")
    assert f'href="{form_url}" data-testid="action-enforce"' in leader_client.get(url).content.decode()

    answer = leader_client.post(
        form_url,
        {
            "measure": "seizure",
            "decided_on": timezone.localdate().strftime("%d/%m/%Y"),
            "signer_title": "commune_pc",
            "details": "Xe ô tô công ty",
        },
        follow=True,
    )

    ordered = CoercionDecision.objects.get(decision=decision)
    amount = f"{ordered.amount:,}".replace(",", ".")
    assert [str(m) for m in answer.context["messages"] if ordered.number in str(m) and amount in str(m)]
    assert ordered.measure == "seizure" and ordered.details == "Xe ô tô công ty"
    page = logged_in("doanhnghiep").get(url).content.decode()
    assert ordered.number in page
    assert reverse("enforcement:coercion_document", args=[decision.pk, ordered.pk]) in page
    api = logged_in("doanhnghiep").get(f"/api/v1/sanction-decisions/{decision.pk}").json()
    assert api["status"] == "enforced"
    assert [(c["number"], c["measure"]) for c in api["coercions"]] == [(ordered.number, "seizure")]


def instalment_decision(inspector: Any, leader: Any) -> SanctionDecision:
    """7,500,000 đ decided and delivered on 09/09/2025, in two instalments: 3,000,000 đ due 20/09/2025 and
    4,500,000 đ due 20/02/2026; nothing paid."""
    from ictmis.enforcement import execution

    operator = Organisation.objects.get(tax_code="4701234564")
    record = services.record_violation(
        actor=inspector,
        now=at(D(2025, 9, 8)),
        violator_type="organisation",
        violator_name=operator.name,
        violator_id_number=operator.tax_code,
        organisation=operator,
        place="Trụ sở Công ty, Ba Đồn",
        detected_on=D(2025, 9, 8),
        provision_ids=[SanctionProvision.objects.get(article="Điều 99").pk],
    )
    drafted = services.draft_decision(
        actor=inspector,
        now=at(D(2025, 9, 9)),
        record=record,
        decided_on=D(2025, 9, 9),
        signer_title="commune_pc",
        acts=[{"provision": record.acts.get().provision_id, "fine": 7_500_000}],
    )
    signed = services.sign_decision(actor=leader, now=at(D(2025, 9, 9)), decision=drafted)
    services.deliver_decision(actor=inspector, now=at(D(2025, 9, 9)), decision=signed, delivered_on=D(2025, 9, 9))
    execution.grant_instalments(
        actor=leader,
        now=at(D(2025, 9, 10)),
        decision=signed,
        plan=[(D(2025, 9, 20), 3_000_000), (D(2026, 2, 20), 4_500_000)],
    )
    return SanctionDecision.objects.get(pk=signed.pk)


def test_with_instalments_coercion_collects_only_the_overdue_instalment(inspector, leader):
    decision = instalment_decision(inspector, leader)

    ordered = coercion.order_enforcement(actor=leader, now=at(D(2025, 10, 1)), decision=decision, measure="account")

    assert ordered.unpaid_fine == 3_000_000
    assert ordered.amount == 3_000_000 + ordered.surcharge


def test_coercion_is_refused_past_the_limitation_of_enforcement(inspector, leader):
    from ictmis.enforcement import selectors

    decision = overdue_decision(inspector, leader)  # decided on 09/10/2025
    rule = selectors.rules_on(decision.decided_on)["enforcement_limitation"]
    assert (rule.value, rule.unconfirmed) == (1, True) and "Điều 74" in rule.citation

    with pytest.raises(DomainError) as late:
        coercion.order_enforcement(actor=leader, now=at(D(2026, 10, 10)), decision=decision, measure="account")
    assert rule.citation in late.value.message
    assert not CoercionDecision.objects.exists()
    on_time = coercion.order_enforcement(actor=leader, now=at(D(2026, 10, 9)), decision=decision, measure="account")
    assert on_time.decided_on == D(2026, 10, 9)


def test_the_coercion_signer_holds_the_decisions_title_or_a_higher_one(inspector, leader):
    decision = overdue_decision(inspector, leader)  # signed by the commune PC chairman
    for lower in ("inspector_on_duty", "team_head", "no_such_title"):
        with pytest.raises(DomainError) as refused:
            coercion.order_enforcement(
                actor=leader, now=at(ENFORCED), decision=decision, measure="account", signer_title=lower
            )
        assert refused.value.field == "signer_title"
    assert not CoercionDecision.objects.exists()

    ordered = coercion.order_enforcement(
        actor=leader, now=at(ENFORCED), decision=decision, measure="account", signer_title="provincial_pc"
    )
    assert ordered.signer_title == "provincial_pc"
