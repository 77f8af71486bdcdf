from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document as Docx

from ictmis.core.errors import DomainError, NotAllowedError
from ictmis.documents.public import documents_of
from ictmis.enforcement import execution, selectors, services, workflow
from ictmis.enforcement.models import SanctionProvision, TimeRule
from ictmis.legal.models import LegalDocument
from tests.conftest import logged_in
from tests.enforcement.conftest import at, make_record

pytestmark = pytest.mark.django_db
D = dt.date
WEBSITE_15 = ("Điều 99", "15/2020/NĐ-CP")
WORKS_15 = ("Điều 41", "15/2020/NĐ-CP")
CITIZEN = "044090001234"


MARCH = D(2024, 3, 4)


def signed(inspector, leader, *, day=MARCH, articles=(WEBSITE_15,), fine=7_500_000, individual=False, **extra):
    record = make_record(
        inspector,
        day=day,
        articles=list(articles),
        violator_type="individual" if individual else "organisation",
        id_number=CITIZEN if individual else "4701234564",
    )
    act = record.acts.first()
    decision = services.draft_decision(
        actor=inspector,
        now=at(day),
        record=record,
        decided_on=day + dt.timedelta(days=2),
        signer_title="chief_inspector",
        acts=[{"provision": act.provision_id, "fine": fine}],
        **extra,
    )
    return services.sign_decision(actor=leader, now=at(day + dt.timedelta(days=2)), decision=decision)


def cells(document):
    doc = Docx(io.BytesIO(document.file.open().read()))
    return " ".join(c.text for t in doc.tables for row in t.rows for c in row.cells), "\n".join(
        p.text for p in doc.paragraphs
    )


def test_instalments_are_granted_as_a_numbered_mqd05_and_the_surcharge_runs_per_instalment(inspector, leader):
    decision = signed(inspector, leader, articles=[WORKS_15], fine=37_500_000)
    plan = [(D(2024, 3, 20), 15_000_000), (D(2024, 4, 20), 12_500_000), (D(2024, 5, 20), 10_000_000)]

    granted = execution.grant_instalments(actor=leader, now=at(D(2024, 3, 7)), decision=decision, plan=plan)

    issued = list(documents_of(f"enforcement.instalments:{granted.pk}"))
    assert len(issued) == 1 and "/QĐ-NTPNL" in issued[0].number
    table, text = cells(issued[0])
    assert "20/04/2024" in table and "12.500.000 đồng" in table and decision.number in text
    # only the first instalment is late on 25/03: 15,000,000 × 0.05 % × 4 days (21–24 March)
    assert services.surcharge_to(granted, D(2024, 3, 25)) == 30_000


def test_instalments_refused_with_their_rule_and_citation(inspector, leader):
    decision = signed(inspector, leader, articles=[WORKS_15], fine=37_500_000)

    with pytest.raises(workflow.SanctionRefused) as refused:
        execution.grant_instalments(
            actor=leader,
            now=at(D(2024, 3, 7)),
            decision=decision,
            plan=[(D(2024, 3, 20), 5_000_000), (D(2024, 4, 20), 32_500_000)],
        )

    assert [r.rule for r in refused.value.refusals] == ["instalments"]
    assert "40" in refused.value.refusals[0].message and "Điều 79" in refused.value.refusals[0].citation


def test_an_inspector_may_not_grant_instalments(inspector, leader):
    decision = signed(inspector, leader, articles=[WORKS_15], fine=37_500_000)
    with pytest.raises(NotAllowedError):
        execution.grant_instalments(
            actor=inspector, now=at(D(2024, 3, 7)), decision=decision, plan=[(D(2024, 3, 20), 37_500_000)]
        )


def test_an_individuals_fine_is_postponed_and_the_surcharge_waits_for_the_postponed_day(inspector, leader):
    decision = signed(inspector, leader, individual=True, fine=3_750_000)

    postponed = execution.postpone_payment(
        actor=leader, now=at(D(2024, 3, 8)), decision=decision, until=D(2024, 6, 1), reason="Gia đình gặp thiên tai"
    )

    assert postponed.postponed_until == D(2024, 6, 1)
    assert services.surcharge_to(postponed, D(2024, 6, 2)) == 0
    assert services.surcharge_to(postponed, D(2024, 6, 4)) == 3_750_000 * 5 // 10_000 * 2


def test_an_organisations_fine_or_a_too_long_postponement_is_refused_with_the_rule(inspector, leader):
    organisation = signed(inspector, leader)
    individual = signed(inspector, leader, individual=True, fine=3_750_000, day=D(2024, 3, 11))

    with pytest.raises(workflow.SanctionRefused) as refused:
        execution.postpone_payment(
            actor=leader, now=at(D(2024, 3, 8)), decision=organisation, until=D(2024, 5, 1), reason="Khó khăn"
        )
    assert "individual" in refused.value.refusals[0].message or "cá nhân" in refused.value.refusals[0].message
    assert "Điều 76" in refused.value.refusals[0].citation
    with pytest.raises(workflow.SanctionRefused) as too_long:
        execution.postpone_payment(
            actor=leader, now=at(D(2024, 3, 14)), decision=individual, until=D(2024, 9, 1), reason="Khó khăn"
        )
    assert [r.field for r in too_long.value.refusals] == ["until"]


def test_an_appeal_is_recorded_on_a_signed_decision_and_resolved_once(inspector, leader):
    decision = signed(inspector, leader)

    appeal = execution.record_appeal(
        actor=inspector,
        now=at(D(2024, 3, 15)),
        decision=decision,
        lodged_on=D(2024, 3, 15),
        kind="complaint",
        summary="Khiếu nại mức phạt",
    )
    resolved = execution.resolve_appeal(
        actor=leader,
        now=at(D(2024, 4, 15)),
        appeal=appeal,
        outcome="upheld",
        resolved_on=D(2024, 4, 15),
        resolution="Giữ nguyên quyết định",
    )

    assert resolved.outcome == "upheld" and resolved.resolved_on == D(2024, 4, 15)
    with pytest.raises(DomainError):
        execution.resolve_appeal(
            actor=leader,
            now=at(D(2024, 4, 16)),
            appeal=appeal,
            outcome="annulled",
            resolved_on=D(2024, 4, 16),
            resolution="",
        )


def test_a_draft_cannot_be_appealed(inspector):
    record = make_record(inspector, day=D(2024, 3, 4), articles=[WEBSITE_15])
    draft = services.draft_decision(
        actor=inspector,
        now=at(D(2024, 3, 6)),
        record=record,
        decided_on=D(2024, 3, 6),
        signer_title="chief_inspector",
        acts=[{"provision": record.acts.first().provision_id, "fine": 7_500_000}],
    )
    with pytest.raises(DomainError):
        execution.record_appeal(
            actor=inspector,
            now=at(D(2024, 3, 7)),
            decision=draft,
            lodged_on=D(2024, 3, 7),
            kind="complaint",
            summary="x",
        )


def test_the_remedies_done_close_a_paid_decision(inspector, leader):
    decision = signed(inspector, leader, remedial_measures="Bổ sung thông tin liên hệ", remedy_due_on=D(2024, 4, 1))
    services.record_payment(
        actor=inspector, now=at(D(2024, 3, 10)), decision=decision, paid_on=D(2024, 3, 10), amount=7_500_000
    )
    decision.refresh_from_db()
    assert decision.status == "paid"

    done = execution.record_remedy_done(
        actor=inspector, now=at(D(2024, 3, 20)), decision=decision, done_on=D(2024, 3, 20)
    )

    assert done.status == "closed" and done.closed_on == D(2024, 3, 20)


def test_an_organisations_decision_is_published_on_the_portal_without_the_people_of_the_case(inspector, leader, client):
    decision = signed(inspector, leader)
    decision.record.witnesses = "Nguyễn Văn Chứng, CCCD 044090009999"
    decision.record.save()

    execution.publish_decision(actor=leader, now=at(D(2024, 3, 8)), decision=decision, basis_checked=True)

    page = client.get(reverse("enforcement_public:decisions"), {"q": "nhat le"}).content.decode()
    assert decision.number in page and "Công ty Nhật Lệ" in page and "Điều 99" in page
    assert "Nguyễn Văn Chứng" not in page and "044090009999" not in page


def test_an_individuals_decision_is_never_published(inspector, leader, client):
    decision = signed(inspector, leader, individual=True, fine=3_750_000)

    with pytest.raises(DomainError):
        execution.publish_decision(actor=leader, now=at(D(2024, 3, 8)), decision=decision, basis_checked=True)

    assert CITIZEN not in client.get(reverse("enforcement_public:decisions")).content.decode()


def test_an_inspector_may_not_publish_and_a_withdrawn_decision_leaves_the_portal(inspector, leader, client):
    decision = signed(inspector, leader)
    with pytest.raises(NotAllowedError):
        execution.publish_decision(actor=inspector, now=at(D(2024, 3, 8)), decision=decision)
    execution.publish_decision(actor=leader, now=at(D(2024, 3, 8)), decision=decision, basis_checked=True)

    execution.withdraw_publication(actor=leader, now=at(D(2024, 3, 9)), decision=decision)

    assert decision.number not in client.get(reverse("enforcement_public:decisions")).content.decode()


def test_a_provision_flagged_unconfirmed_after_signing_is_published_without_its_citation(inspector, leader, client):
    # a decision on an unconfirmed provision is no longer signed (issue 13): the provision is flagged afterwards
    decision = signed(inspector, leader)
    SanctionProvision.objects.filter(article="Điều 99", legal_basis__number="15/2020/NĐ-CP").update(unconfirmed=True)

    execution.publish_decision(actor=leader, now=at(D(2024, 3, 8)), decision=decision, basis_checked=True)

    page = client.get(reverse("enforcement_public:decisions")).content.decode()
    assert decision.number in page and "Điều 99" not in page


def test_the_decision_page_grants_instalments_and_records_an_appeal(inspector, leader):
    decision = signed(inspector, leader, articles=[WORKS_15], fine=37_500_000)
    url = reverse("enforcement:decision_execution", args=[decision.pk])
    due = (decision.decided_on + dt.timedelta(days=20)).isoformat()

    logged_in("lanhdao").post(url, {"action": "instalments", "due_1": due, "amount_1": 37_500_000})
    logged_in("thanhtra").post(
        url, {"action": "appeal", "kind": "lawsuit", "lodged_on": due, "summary": "Khởi kiện quyết định"}
    )

    page = logged_in("lanhdao").get(reverse("enforcement:decision", args=[decision.pk])).content.decode()
    decision.refresh_from_db()
    assert decision.instalments == [{"due": due, "amount": 37_500_000}]
    assert "Khởi kiện quyết định" in page and 'data-testid="instalments"' in page


def test_the_api_refuses_instalments_as_a_422_with_the_rule_and_grants_a_valid_plan(inspector, leader):
    decision = signed(inspector, leader, articles=[WORKS_15], fine=37_500_000)
    url = f"/api/v1/sanction-decisions/{decision.pk}/instalments"
    client = logged_in("lanhdao")

    refused = client.post(
        url, {"instalments": [{"due": "2024-03-20", "amount": 1_000_000}]}, content_type="application/json"
    )
    granted = client.post(
        url,
        {"instalments": [{"due": "2024-03-20", "amount": 20_000_000}, {"due": "2024-05-20", "amount": 17_500_000}]},
        content_type="application/json",
    )

    assert refused.status_code == 422 and refused.json()["errors"][0]["rule"] == "instalments"
    assert "Điều 79" in refused.json()["errors"][0]["citation"]
    assert granted.status_code == 200 and len(granted.json()["instalments"]) == 2


def test_the_api_records_an_appeal_its_outcome_and_publishes(inspector, leader):
    decision = signed(inspector, leader)
    base = f"/api/v1/sanction-decisions/{decision.pk}"

    appealed = logged_in("thanhtra").post(
        f"{base}/appeals",
        {"kind": "complaint", "lodged_on": "2024-03-10", "summary": "Khiếu nại"},
        content_type="application/json",
    )
    appeal_id = appealed.json()["appeals"][0]["id"]
    resolved = logged_in("lanhdao").post(
        f"{base}/appeals/{appeal_id}/outcome",
        {"outcome": "changed", "resolved_on": "2024-04-01"},
        content_type="application/json",
    )
    unchecked = logged_in("lanhdao").post(f"{base}/publication")
    published = logged_in("lanhdao").post(f"{base}/publication?basis_checked=true")
    not_allowed = logged_in("thanhtra").post(f"{base}/publication?basis_checked=true")

    assert appealed.status_code == 201 and resolved.json()["appeals"][0]["outcome"] == "changed"
    assert unchecked.status_code == 409 and "basis_checked" in unchecked.content.decode()
    assert published.status_code == 200 and published.json()["published_on"]
    assert not_allowed.status_code == 403


def test_the_api_postpones_and_records_the_remedies_done(inspector, leader):
    individual = signed(inspector, leader, individual=True, fine=3_750_000, remedial_measures="Gỡ nội dung")
    base = f"/api/v1/sanction-decisions/{individual.pk}"

    postponed = logged_in("lanhdao").post(
        f"{base}/postponement", {"until": "2024-05-01", "reason": "Ốm đau"}, content_type="application/json"
    )
    done = logged_in("thanhtra").post(
        f"{base}/remedies-done", {"done_on": "2024-03-20"}, content_type="application/json"
    )

    assert postponed.status_code == 200 and postponed.json()["postponed_until"] == "2024-05-01"
    assert done.status_code == 200 and done.json()["remedy_done_on"] == "2024-03-20"


def test_the_open_data_set_carries_the_published_decisions_only(inspector, leader, client):
    published = signed(inspector, leader)
    unpublished = signed(inspector, leader, day=D(2024, 3, 11))
    execution.publish_decision(actor=leader, now=at(D(2024, 3, 8)), decision=published, basis_checked=True)

    csv = client.get("/cong-thong-tin/du-lieu-mo/sanction-decisions.csv").content.decode("utf-8-sig")

    assert published.number in csv and "Điều 99, 15/2020/NĐ-CP" in csv
    assert unpublished.number not in csv


def test_the_overdue_list_reads_the_same_few_queries_for_one_decision_or_many(inspector, leader):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ictmis.enforcement import selectors

    signed(inspector, leader)
    selectors.overdue_payments(leader, D(2026, 1, 5))  # the leader's permissions are read once, then cached
    with CaptureQueriesContext(connection) as one:
        assert len(selectors.overdue_payments(leader, D(2026, 1, 5))) == 1
    signed(inspector, leader, day=D(2024, 5, 6))
    signed(inspector, leader, day=D(2024, 7, 8))
    with CaptureQueriesContext(connection) as three:
        rows = selectors.overdue_payments(leader, D(2026, 1, 5))

    assert len(rows) == 3 and rows[0]["surcharge"] > 0
    assert len(three.captured_queries) == len(one.captured_queries)


def test_publication_under_an_unconfirmed_rule_waits_for_the_leader_to_say_he_checked_it(inspector, leader, client):
    decision = signed(inspector, leader)

    with pytest.raises(DomainError) as refused:
        execution.publish_decision(actor=leader, now=at(D(2024, 3, 8)), decision=decision)
    assert refused.value.field == "basis_checked"
    assert decision.number not in client.get(reverse("enforcement_public:decisions")).content.decode()

    TimeRule.objects.filter(key="publication").update(unconfirmed=False)
    LegalDocument.objects.filter(number="15/2012/QH13").update(unconfirmed=False)
    execution.publish_decision(actor=leader, now=at(D(2024, 3, 8)), decision=decision)
    assert decision.number in client.get(reverse("enforcement_public:decisions")).content.decode()


def test_an_annulled_decision_leaves_the_portal_and_the_payment_follow_up(inspector, leader, client):
    decision = signed(inspector, leader)
    execution.publish_decision(actor=leader, now=at(D(2024, 3, 8)), decision=decision, basis_checked=True)
    appeal = execution.record_appeal(
        actor=inspector,
        now=at(D(2024, 3, 10)),
        decision=decision,
        lodged_on=D(2024, 3, 10),
        summary="Khiếu nại",
        kind="complaint",
    )
    assert any(row["decision"].pk == decision.pk for row in selectors.overdue_payments(leader, D(2025, 1, 1)))

    execution.resolve_appeal(
        actor=leader,
        now=at(D(2024, 4, 1)),
        appeal=appeal,
        outcome="annulled",
        resolved_on=D(2024, 4, 1),
        resolution="Hủy quyết định",
    )

    decision.refresh_from_db()
    assert decision.published_on is None and decision.status == "closed"
    assert decision.number not in client.get(reverse("enforcement_public:decisions")).content.decode()
    assert all(row["decision"].pk != decision.pk for row in selectors.overdue_payments(leader, D(2025, 1, 1)))
    with pytest.raises(DomainError):
        execution.publish_decision(actor=leader, now=at(D(2024, 4, 2)), decision=decision, basis_checked=True)


def test_the_decision_page_asks_the_leader_to_tick_the_check_of_an_unconfirmed_publication_rule(inspector, leader):
    decision = signed(inspector, leader)
    url = reverse("enforcement:decision_execution", args=[decision.pk])
    client = logged_in("lanhdao")

    page = client.get(reverse("enforcement:decision", args=[decision.pk])).content.decode()
    client.post(url, {"action": "publish"})
    decision.refresh_from_db()
    unpublished = decision.published_on
    client.post(url, {"action": "publish", "basis_checked": "1"})
    decision.refresh_from_db()

    assert 'name="basis_checked"' in page
    assert unpublished is None and decision.published_on is not None
