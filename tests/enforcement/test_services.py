from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document as Docx

from ictmis.core.errors import NotAllowedError
from ictmis.enforcement import services, workflow
from ictmis.enforcement.models import SanctionDecision
from tests.enforcement.conftest import at, make_record, provision

pytestmark = pytest.mark.django_db
D = dt.date
POSTAL_15 = ("Điều 6", "15/2020/NĐ-CP")
WEBSITE_15 = ("Điều 99", "15/2020/NĐ-CP")


def draft(inspector, record, *, day, title, fine, **extra):
    act = record.acts.first()
    return services.draft_decision(
        actor=inspector,
        now=at(day),
        record=record,
        decided_on=day,
        signer_title=title,
        acts=[{"provision": act.provision_id, "fine": fine, **extra}],
    )


def test_a_fine_beyond_the_signers_authority_is_refused_naming_who_may_sign(inspector):
    record = make_record(inspector, day=D(2024, 3, 4), articles=[("Điều 41", "15/2020/NĐ-CP")])

    with pytest.raises(workflow.SanctionRefused) as refused:
        draft(inspector, record, day=D(2024, 3, 6), title="commune_pc", fine=60_000_000, aggravating="tái phạm")

    rules = {r.rule for r in refused.value.refusals}
    assert {"signer_authority", "transfer"} <= rules
    assert refused.value.competent == "chief_inspector"
    assert any("Điều 52" in r.citation for r in refused.value.refusals)


def test_the_middle_of_the_range_within_the_authority_is_drafted_and_signed_as_a_numbered_docx(inspector, leader):
    record = make_record(inspector, day=D(2024, 3, 4), articles=[WEBSITE_15])
    decision = draft(inspector, record, day=D(2024, 3, 6), title="chief_inspector", fine=7_500_000)

    signed = services.sign_decision(actor=leader, now=at(D(2024, 3, 6)), decision=decision)

    assert signed.status == "signed" and signed.number.endswith("/QĐ-XPHC")
    text = "\n".join(p.text for p in Docx(io.BytesIO(signed.document.file.read())).paragraphs)
    tables = " ".join(
        c.text for t in Docx(io.BytesIO(signed.document.file.open().read())).tables for row in t.rows for c in row.cells
    )
    assert "QUYẾT ĐỊNH" in text and record.number in text and "7.500.000 đồng" in tables
    assert "Điều 99" in tables
    assert signed.decree.number == "15/2020/NĐ-CP"


def test_the_record_is_an_mbb01_docx_with_its_acts(inspector):
    record = make_record(inspector, day=D(2024, 3, 4), articles=[POSTAL_15, WEBSITE_15])
    doc = Docx(io.BytesIO(record.document.file.read()))
    cells = " ".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "BIÊN BẢN VI PHẠM HÀNH CHÍNH" in "\n".join(p.text for p in doc.paragraphs)
    assert "Điều 99" in cells and "4701234564" in cells and record.number.endswith("/BB-VPHC")


def test_a_decision_after_the_time_limit_from_the_record_is_refused(inspector):
    in_time = make_record(inspector, day=D(2025, 8, 28), articles=[WEBSITE_15])
    late = make_record(inspector, day=D(2025, 8, 28), articles=[WEBSITE_15], id_number="4705678909")
    # 1–2 September (National Day) are not counted: the seven working days after 28/8 end on 10/9
    assert draft(inspector, in_time, day=D(2025, 9, 10), title="commune_pc", fine=7_500_000).pk
    with pytest.raises(workflow.SanctionRefused) as refused:
        draft(inspector, late, day=D(2025, 9, 11), title="commune_pc", fine=7_500_000)
    assert [r.rule for r in refused.value.refusals] == ["time_limit"]
    assert "Điều 66" in refused.value.refusals[0].citation


def test_a_decision_after_the_limitation_period_is_refused(inspector):
    record = make_record(inspector, day=D(2024, 3, 4), articles=[WEBSITE_15], ended=D(2023, 3, 1), complexity="complex")
    with pytest.raises(workflow.SanctionRefused) as refused:
        draft(inspector, record, day=D(2024, 3, 6), title="chief_inspector", fine=7_500_000)
    assert [r.rule for r in refused.value.refusals] == ["limitation"]


def test_a_provision_not_in_force_on_the_acts_date_is_refused_and_a_later_lenient_one_is_flagged(inspector):
    record = make_record(inspector, day=D(2026, 8, 3), articles=[("Điều 41", "15/2020/NĐ-CP")], ended=D(2026, 6, 20))
    decision = draft(inspector, record, day=D(2026, 8, 4), title="commune_pc", fine=37_500_000)
    assert "khoản 1 Điều 41, 174/2026/NĐ-CP" in decision.more_lenient_note

    later = make_record(inspector, day=D(2026, 8, 3), articles=[("Điều 41", "15/2020/NĐ-CP")], id_number="4705678909")
    with pytest.raises(workflow.SanctionRefused) as refused:
        draft(inspector, later, day=D(2026, 8, 4), title="commune_pc", fine=37_500_000)
    assert "provision_in_force" in {r.rule for r in refused.value.refusals}


def test_an_earlier_sanction_for_the_same_act_marks_a_repeat(inspector, leader):
    first = make_record(inspector, day=D(2024, 3, 4), articles=[WEBSITE_15])
    services.sign_decision(
        actor=leader,
        now=at(D(2024, 3, 5)),
        decision=draft(inspector, first, day=D(2024, 3, 5), title="chief_inspector", fine=7_500_000),
    )

    again = make_record(inspector, day=D(2024, 9, 2), articles=[WEBSITE_15, POSTAL_15])

    repeats = {a.provision.article: a.is_repeat for a in again.acts.all()}
    assert repeats == {"Điều 99": True, "Điều 6": False}
    assert again.repeat_of[0]["repeat"] is True


def test_payment_with_surcharge_closes_the_case(inspector, leader):
    record = make_record(inspector, day=D(2024, 3, 4), articles=[WEBSITE_15])
    decision = services.sign_decision(
        actor=leader,
        now=at(D(2024, 3, 5)),
        decision=draft(inspector, record, day=D(2024, 3, 5), title="chief_inspector", fine=7_500_000),
    )
    services.deliver_decision(actor=inspector, now=at(D(2024, 3, 6)), decision=decision, delivered_on=D(2024, 3, 6))
    decision.refresh_from_db()
    assert services.payment_due(decision) == D(2024, 3, 16)

    services.record_payment(
        actor=inspector, now=at(D(2024, 3, 27)), decision=decision, paid_on=D(2024, 3, 20), amount=2_500_000
    )
    payment = services.record_payment(
        actor=inspector, now=at(D(2024, 3, 27)), decision=decision, paid_on=D(2024, 3, 27), amount=5_000_000
    )

    decision.refresh_from_db()
    assert decision.status == "closed"
    # 17–19 March on 7.5 m (3 days), then 20–26 March on 5 m (7 days); the first payment carried 3 days
    assert payment.surcharge == (3 * 7_500_000 + 7 * 5_000_000) * 5 // 10_000 - 3 * 7_500_000 * 5 // 10_000


def test_an_enterprise_cannot_record_nor_an_inspector_sign(inspector, enterprise_user):
    with pytest.raises(NotAllowedError):
        make_record(enterprise_user, day=D(2024, 3, 4), articles=[WEBSITE_15])
    record = make_record(inspector, day=D(2024, 3, 4), articles=[WEBSITE_15])
    decision = draft(inspector, record, day=D(2024, 3, 5), title="chief_inspector", fine=7_500_000)
    with pytest.raises(NotAllowedError):
        services.sign_decision(actor=inspector, now=at(D(2024, 3, 5)), decision=decision)
    assert SanctionDecision.objects.get(pk=decision.pk).status == "draft"


def test_a_suspension_goes_through_the_licensing_api_with_the_decision_as_reason(inspector, leader, specialist):
    from ictmis.licensing.models import Licence
    from ictmis.parties.models import Organisation

    holder = Organisation.objects.get(tax_code="4701234564")
    licence = Licence.objects.create(
        number="07/GP-STTTT",
        year=2023,
        family="website",
        holder=holder,
        subject="nhatle.example",
        valid_from=D(2023, 1, 1),
        valid_until=D(2028, 1, 1),
    )
    record = make_record(inspector, day=D(2024, 3, 4), articles=[WEBSITE_15])
    decision = services.draft_decision(
        actor=inspector,
        now=at(D(2024, 3, 5)),
        record=record,
        decided_on=D(2024, 3, 5),
        signer_title="chief_inspector",
        acts=[{"provision": record.acts.first().provision_id, "fine": 7_500_000}],
        licence_id=licence.pk,
    )
    signed = services.sign_decision(actor=leader, now=at(D(2024, 3, 5)), decision=decision)

    licence.refresh_from_db()
    assert licence.status == "suspended"
    assert licence.changes.last().decision.startswith(signed.number)


def test_the_leaders_hear_of_a_draft_and_the_enterprise_of_the_signed_decision(inspector, leader, enterprise_user):
    from ictmis.notifications.models import Notification
    from ictmis.parties.models import Organisation

    operator = Organisation.objects.get(tax_code="4701234564")
    record = services.record_violation(
        actor=inspector,
        now=at(D(2024, 3, 4)),
        violator_type="organisation",
        violator_name=operator.name,
        violator_id_number=operator.tax_code,
        organisation=operator,
        place="Đồng Hới",
        detected_on=D(2024, 3, 4),
        provision_ids=[provision(*WEBSITE_15).pk],
    )
    decision = draft(inspector, record, day=D(2024, 3, 5), title="chief_inspector", fine=7_500_000)
    assert Notification.objects.filter(recipient=leader, kind="enforcement.decision.drafted").exists()

    signed = services.sign_decision(actor=leader, now=at(D(2024, 3, 5)), decision=decision)

    notice = Notification.objects.get(recipient=enterprise_user, kind="enforcement.decision.signed")
    assert signed.number in notice.title and "7.500.000" in notice.body
