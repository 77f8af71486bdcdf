"""The order of coercion from its own form: its date is checked against the sanction decision and today, its
refusals sit beside their fields, only a signer reaches it, and the decision's page links to it and shows the step
in its history."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document

from ictmis.core.errors import DomainError
from ictmis.enforcement import coercion, services
from ictmis.enforcement.models import CoercionDecision, SanctionDecision, TimeRule
from tests.conftest import logged_in
from tests.enforcement.conftest import at
from tests.enforcement.test_coercion import ENFORCED, overdue_decision

pytestmark = pytest.mark.django_db
D = dt.date


def form_url(decision) -> str:
    return reverse("enforcement:coercion_create", args=[decision.pk])


def widen_limitation() -> None:
    """The pages order it today, more than a year after the 2025 decision: widen the (editable) limitation row."""
    TimeRule.objects.filter(key="enforcement_limitation").update(value=50)


def test_a_coercion_dated_before_the_sanction_decision_or_after_today_is_refused_on_its_date(inspector, leader):
    decision = overdue_decision(inspector, leader)  # decided on 09/10/2025

    with pytest.raises(DomainError) as early:
        coercion.order_enforcement(
            actor=leader, now=at(ENFORCED), decision=decision, measure="account", decided_on=D(2025, 10, 8)
        )
    with pytest.raises(DomainError) as late:
        coercion.order_enforcement(
            actor=leader, now=at(ENFORCED), decision=decision, measure="account", decided_on=D(2025, 12, 2)
        )

    assert (early.value.field, late.value.field) == ("decided_on", "decided_on")
    assert "09/10/2025" in early.value.message
    assert not CoercionDecision.objects.exists()
    assert SanctionDecision.objects.get(pk=decision.pk).status == "delivered"


def test_a_coercion_dated_earlier_collects_the_surcharge_to_its_own_date(inspector, leader):
    decision = overdue_decision(inspector, leader)
    day = D(2025, 11, 20)

    ordered = coercion.order_enforcement(
        actor=leader, now=at(ENFORCED), decision=decision, measure="account", decided_on=day
    )

    assert ordered.decided_on == day
    paid_surcharge = decision.payments.get().surcharge
    assert ordered.surcharge == services.surcharge_to(decision, day) - paid_surcharge
    assert "tính đến ngày 20/11/2025" in "\n".join(p.text for p in _paragraphs(ordered))


def _paragraphs(ordered):
    with ordered.document.file.open("rb") as handle:
        return Document(io.BytesIO(handle.read())).paragraphs


def test_the_form_shows_the_measures_legal_basis_and_the_titles_from_the_decisions_up(inspector, leader):
    decision = overdue_decision(inspector, leader)  # signed under the commune chairman's title

    page = logged_in("lanhdao").get(form_url(decision)).content.decode()

    assert 'data-testid="coercion-basis"' in page and "Luật Xử lý vi phạm hành chính" in page
    assert "Điều 86 Luật Xử lý vi phạm hành chính" in page and "chưa xác nhận" in page
    assert 'value="commune_pc" selected' in page and 'value="provincial_pc"' in page
    assert 'value="team_head"' not in page
    assert decision.number in page and "Biện pháp cưỡng chế" in page


def test_a_missing_measure_and_a_date_before_the_decision_are_refused_beside_their_fields(inspector, leader):
    decision = overdue_decision(inspector, leader)
    widen_limitation()
    client = logged_in("lanhdao")

    missing = client.post(form_url(decision), {"decided_on": timezone.localdate().strftime("%d/%m/%Y")})
    early = client.post(
        form_url(decision), {"measure": "account", "decided_on": "08/10/2025", "signer_title": "commune_pc"}
    )

    assert missing.status_code == early.status_code == 200
    assert missing.context["form"].errors["measure"] == ["Trường này là bắt buộc."]
    [message] = early.context["form"].errors["decided_on"]
    assert "không thể ghi ngày trước ngày" in message and "09/10/2025" in message
    assert 'id="id_decided_on_errors"' in early.content.decode()
    assert not CoercionDecision.objects.exists()


def test_the_form_confirms_in_vietnamese_and_the_decisions_page_shows_the_step_in_its_history(inspector, leader):
    decision = overdue_decision(inspector, leader)
    widen_limitation()

    answer = logged_in("lanhdao").post(
        form_url(decision),
        {
            "measure": "account",
            "decided_on": timezone.localdate().strftime("%d/%m/%Y"),
            "signer_title": "provincial_pc",
        },
        follow=True,
    )

    ordered = CoercionDecision.objects.get(decision=decision)
    amount = f"{ordered.amount:,}".replace(",", ".")
    assert ordered.signer_title == "provincial_pc"
    assert [str(m) for m in answer.context["messages"]] == [
        f"Đã ra quyết định cưỡng chế số {ordered.number}, số tiền phải thu {amount} đồng."
    ]
    page = answer.content.decode()
    assert page.count('data-testid="history"') == 1 and "Cưỡng chế thi hành" in page and "Đã cưỡng chế" in page
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "<" not in title and ordered.decision.number in title
    enterprise_page = logged_in("doanhnghiep").get(reverse("enforcement:decision", args=[decision.pk]))
    assert ordered.number in enterprise_page.content.decode()
    assert 'data-testid="history"' not in enterprise_page.content.decode()


def test_without_the_signing_permission_the_form_is_refused_and_the_page_offers_no_coercion(inspector, leader):
    decision = overdue_decision(inspector, leader)
    widen_limitation()
    client = logged_in("thanhtra")

    page = client.get(reverse("enforcement:decision", args=[decision.pk])).content.decode()
    opened = client.get(form_url(decision))
    posted = client.post(form_url(decision), {"measure": "account", "decided_on": ENFORCED.isoformat()})

    assert 'data-testid="action-enforce"' not in page
    assert (opened.status_code, posted.status_code) == (403, 403)
    assert logged_in("canboxa").get(form_url(decision)).status_code == 403
    assert logged_in("lanhdao").get(reverse("enforcement:coercion_create", args=[999999])).status_code == 404
    assert not CoercionDecision.objects.exists()


def test_a_step_the_decisions_page_does_not_know_is_refused_not_confirmed(inspector, leader):
    decision = overdue_decision(inspector, leader)
    widen_limitation()

    answer = logged_in("lanhdao").post(
        reverse("enforcement:decision", args=[decision.pk]), {"action": "enforce", "measure": "account"}, follow=True
    )

    assert [m.level_tag for m in answer.context["messages"]] == ["error"]
    assert not CoercionDecision.objects.exists()


def test_the_decision_and_coercion_docx_links_download_for_whoever_sees_the_decision(inspector, leader):
    decision = overdue_decision(inspector, leader)
    ordered = coercion.order_enforcement(actor=leader, now=at(ENFORCED), decision=decision, measure="account")
    links = [
        reverse("enforcement:decision_document", args=[decision.pk]),
        reverse("enforcement:coercion_document", args=[decision.pk, ordered.pk]),
    ]
    page = logged_in("lanhdao").get(reverse("enforcement:decision", args=[decision.pk])).content.decode()
    assert all(f'href="{link}"' in page for link in links)

    for username in ("lanhdao", "doanhnghiep"):
        decision_docx, coercion_docx = (logged_in(username).get(link) for link in links)
        assert (decision_docx.status_code, coercion_docx.status_code) == (200, 200)
        text = "\n".join(p.text for p in Document(io.BytesIO(b"".join(coercion_docx.streaming_content))).paragraphs)
        assert decision.number in text and decision.violator_name in text
        assert coercion_docx["Content-Disposition"].startswith("attachment")
    assert logged_in("canboxa").get(links[1]).status_code == 403
    other = reverse("enforcement:coercion_document", args=[decision.pk + 1000, ordered.pk])
    assert logged_in("lanhdao").get(other).status_code == 404
