"""The procedure engine: rule versions by date, working-day deadlines, the stopped clock, every step,
fees, licences and their register."""

import datetime as dt

import pytest
from django.test import Client

from ictmis.accounts.models import User
from ictmis.core.errors import DomainError, NotAllowedError
from ictmis.internet.models import Website
from ictmis.licensing import services
from ictmis.licensing.models import Case, Licence
from ictmis.licensing.workflow import CaseStateError
from tests.licensing.conftest import WEBSITE

pytestmark = pytest.mark.django_db
D = dt.date


def open_website_case(applicant, actor, now, received_on, **kwargs):
    return services.open_case(
        procedure_code="website.new",
        applicant=applicant,
        particulars=WEBSITE,
        actor=actor,
        now=now,
        received_on=received_on,
        **kwargs,
    )


@pytest.mark.parametrize(
    ("received", "limit", "basis", "due"),
    [
        (D(2017, 3, 2), 15, "72/2013/NĐ-CP", D(2017, 3, 23)),  # before Decree 27/2018: 15 working days
        (D(2019, 4, 10), 10, "27/2018/NĐ-CP", D(2019, 4, 25)),  # Hùng Kings' day observed on Monday 15/04
        (D(2019, 4, 25), 10, "27/2018/NĐ-CP", D(2019, 5, 13)),  # 29/04 swapped off, Saturday 04/05 made up
        (D(2025, 1, 24), 10, "147/2024/NĐ-CP", D(2025, 2, 14)),  # Tết At Ty, 27/01-01/02
    ],
)
def test_the_rule_in_force_on_the_day_of_receipt_sets_the_due_date(
    applicant, specialist, today_now, received, limit, basis, due
) -> None:
    case = open_website_case(applicant, specialist, today_now, received)

    assert case.status == Case.Status.RECEIVED and case.back_entered
    assert (case.rule.time_limit_days, case.rule.legal_basis.number, case.due_on) == (limit, basis, due)
    assert case.appointment_on == due


def test_a_supplement_stops_the_clock_and_it_counts_afresh_under_the_rule_of_the_complete_day(
    applicant, specialist, today_now
) -> None:
    case = open_website_case(
        applicant, specialist, today_now, D(2018, 4, 10), checklist=[True, True, False, True, True]
    )
    assert case.due_on is None and case.rule.time_limit_days == 15
    with pytest.raises(DomainError, match=r"incomplete|chưa đầy đủ|bổ sung"):
        services.act(case=case, action="start_appraisal", actor=specialist, now=today_now)

    case = services.act(
        case=case,
        action="request_supplement",
        actor=specialist,
        now=today_now,
        on=D(2018, 4, 11),
        note="Thiếu đề án hoạt động",
    )
    assert case.status == Case.Status.SUPPLEMENT and case.due_on is None
    case = services.act(case=case, action="receive_supplement", actor=specialist, now=today_now, on=D(2018, 4, 20))

    assert case.complete_on == D(2018, 4, 20)
    assert (case.rule.time_limit_days, case.rule.legal_basis.number) == (10, "27/2018/NĐ-CP")
    assert case.due_on == D(2018, 5, 9)  # from Monday 23/04; Hùng Kings 25/04, 30/04 and 01/05 off


def test_every_step_in_order_then_the_licence_and_the_website_register(
    applicant, specialist, leader, today_now
) -> None:
    case = open_website_case(applicant, specialist, today_now, None)
    with pytest.raises(CaseStateError) as out_of_order:
        services.act(case=case, action="grant", actor=leader, now=today_now)
    assert "Start appraisal" in str(out_of_order.value) or "thẩm định" in str(out_of_order.value)

    case = services.act(case=case, action="start_appraisal", actor=specialist, now=today_now)
    with pytest.raises(DomainError):
        services.act(case=case, action="propose", actor=specialist, now=today_now, note="  ")
    case = services.act(case=case, action="propose", actor=specialist, now=today_now, note="Đủ điều kiện cấp phép")
    with pytest.raises(NotAllowedError):
        services.act(case=case, action="grant", actor=specialist, now=today_now)
    case = services.act(case=case, action="grant", actor=leader, now=today_now)
    case = services.act(case=case, action="issue", actor=specialist, now=today_now)

    licence = case.licence
    assert case.status == Case.Status.ISSUED and case.finished_on == today_now.date()
    assert licence.number.endswith("/GP-SKHCN") and licence.valid_from == today_now.date()
    assert licence.valid_until == D(2036, 11, 25)
    assert Website.objects.get(domain="tintucnhatle.vn").licence == licence
    assert [c.kind for c in licence.changes.all()] == ["issued"]

    with pytest.raises(DomainError, match=r"tintucnhatle\.vn"):
        open_website_case(applicant, specialist, today_now, None)


def test_bad_website_particulars_are_refused_with_the_field(applicant, specialist, today_now) -> None:
    for particulars, field in [
        ({**WEBSITE, "domains": ["khong hop le"]}, "domains"),
        ({**WEBSITE, "domains": ["a.vn", "a.vn"]}, "domains"),
        ({**WEBSITE, "server_location": ""}, "server_location"),
        ({**WEBSITE, "years": 12}, "years"),
    ]:
        with pytest.raises(DomainError) as refused:
            services.open_case(
                procedure_code="website.new",
                applicant=applicant,
                particulars=particulars,
                actor=specialist,
                now=today_now,
            )
        assert refused.value.field == field
    with pytest.raises(DomainError) as future:
        open_website_case(applicant, specialist, today_now, D(2027, 1, 1))
    assert future.value.field == "received_on"
    assert Case.objects.count() == 0


def test_a_fee_must_be_paid_before_granting_and_a_different_amount_needs_a_reason(
    applicant, specialist, leader, today_now
) -> None:
    case = open_website_case(applicant, specialist, today_now, None)
    assert case.fee_assessed == 0
    with pytest.raises(DomainError) as no_reason:
        services.assess_fee(case=case, amount=750_000, reason="", actor=specialist, now=today_now)
    assert no_reason.value.field == "reason"
    services.assess_fee(
        case=case, amount=750_000, reason="Phí thẩm định theo quyết định của tỉnh", actor=specialist, now=today_now
    )
    case = services.act(case=case, action="start_appraisal", actor=specialist, now=today_now)
    case = services.act(case=case, action="propose", actor=specialist, now=today_now, note="Đề nghị cấp")
    with pytest.raises(DomainError, match=r"750\.000"):
        services.act(case=case, action="grant", actor=leader, now=today_now)
    services.record_payment(
        case=case,
        amount=750_000,
        paid_on=today_now.date(),
        channel="transfer",
        receipt_number="BL-0012",
        actor=specialist,
        now=today_now,
    )
    assert services.act(case=case, action="grant", actor=leader, now=today_now).status == Case.Status.GRANTED


def test_a_refusal_needs_reasons_and_a_withdrawn_case_stops(applicant, specialist, leader, today_now) -> None:
    case = open_website_case(applicant, specialist, today_now, None)
    case = services.act(case=case, action="start_appraisal", actor=specialist, now=today_now)
    case = services.act(case=case, action="propose", actor=specialist, now=today_now, note="Đề nghị từ chối")
    with pytest.raises(DomainError):
        services.act(case=case, action="refuse", actor=leader, now=today_now)
    case = services.act(case=case, action="refuse", actor=leader, now=today_now, note="Máy chủ đặt ở nước ngoài")
    case = services.act(case=case, action="issue", actor=specialist, now=today_now)
    assert case.status == Case.Status.ISSUED and case.licence is None

    other = open_website_case(applicant, specialist, today_now, None)
    other = services.act(case=other, action="withdraw", actor=specialist, now=today_now)
    with pytest.raises(CaseStateError):
        services.act(case=other, action="start_appraisal", actor=specialist, now=today_now)


def grant_licence(applicant, specialist, leader, now, received_on=None) -> Licence:
    case = open_website_case(applicant, specialist, now, received_on)
    for action, actor, note in [
        ("start_appraisal", specialist, ""),
        ("propose", specialist, "Đề nghị cấp"),
        ("grant", leader, ""),
        ("issue", specialist, ""),
    ]:
        case = services.act(case=case, action=action, actor=actor, now=now, note=note)
    return case.licence


def test_renewals_amendments_and_revocation_act_on_the_licence(applicant, specialist, leader, today_now) -> None:
    licence = grant_licence(applicant, specialist, leader, today_now)
    amend = services.open_case(
        procedure_code="website.amend",
        applicant=applicant,
        licence=licence,
        actor=specialist,
        now=today_now,
        particulars={"domains": ["tintucnhatle.vn", "nhatle.com.vn"]},
    )
    for action, actor in [
        ("start_appraisal", specialist),
        ("propose", specialist),
        ("grant", leader),
        ("issue", specialist),
    ]:
        amend = services.act(case=amend, action=action, actor=actor, now=today_now, note="ok")
    licence.refresh_from_db()
    assert licence.particulars["domains"] == ["tintucnhatle.vn", "nhatle.com.vn"]
    assert set(Website.objects.filter(licence=licence).values_list("domain", flat=True)) == {
        "tintucnhatle.vn",
        "nhatle.com.vn",
    }

    revoked = services.set_licence_status(
        licence=licence,
        status="revoked",
        decision="15/QĐ-STTTT ngày 20/11/2026",
        reason="Vi phạm Điều 99",
        on=today_now.date(),
        actor=leader,
        now=today_now,
    )
    assert revoked.status == "revoked"
    assert set(Website.objects.values_list("status", flat=True)) == {"revoked"}
    assert Client().get("/api/v1/licences", {"q": "nhat le"}).json()["items"][0]["status"] == "revoked"


def test_expiry_is_automatic_and_reminders_go_once_per_threshold(
    applicant, specialist, leader, today_now, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    licence = grant_licence(applicant, specialist, leader, today_now)
    Licence.objects.filter(pk=licence.pk).update(valid_until=today_now.date() + dt.timedelta(days=45))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_expiry_reminders(now=today_now) == 1
        assert services.send_expiry_reminders(now=today_now) == 0
    assert "expires" in mailoutbox[0].subject or "hết hạn" in mailoutbox[0].subject
    later = today_now + dt.timedelta(days=20)
    assert services.send_expiry_reminders(now=later) == 1

    after = today_now + dt.timedelta(days=46)
    licence.refresh_from_db()
    assert licence.status_on(after.date()) == "expired"
    assert services.expire_licences(now=after) == 1
    licence.refresh_from_db()
    assert licence.status == "expired" and Website.objects.get().status == "expired"


def test_a_late_case_gets_an_apology_with_a_new_appointment(applicant, specialist, today_now) -> None:
    case = open_website_case(applicant, specialist, today_now, D(2026, 11, 2))
    assert case.due_on == D(2026, 11, 16)
    late = services.apologise_for_late_cases(now=today_now)

    case.refresh_from_db()
    assert late == 1 and case.late_apology_sent and case.appointment_on == D(2026, 12, 3)
    assert services.apologise_for_late_cases(now=today_now) == 0


def test_a_paper_licence_is_entered_with_the_same_checks(applicant, specialist, today_now) -> None:
    def record(**changes):
        values = {
            "family_key": "website",
            "number": "7/GP-STTTT",
            "holder": applicant,
            "valid_from": D(2016, 5, 3),
            "valid_until": D(2026, 5, 2),
            "particulars": WEBSITE,
            "actor": specialist,
            "now": today_now,
        }
        return services.record_existing_licence(**(values | changes))

    with pytest.raises(DomainError) as backwards:
        record(valid_until=D(2016, 5, 2))
    assert backwards.value.field == "valid_until"
    with pytest.raises(DomainError) as bad_domain:
        record(particulars={**WEBSITE, "domains": ["http://"]})
    assert bad_domain.value.field == "domains"

    licence = record()
    assert licence.status == "expired" and licence.year == 2016
    assert Website.objects.get(domain="tintucnhatle.vn").status == "expired"
    with pytest.raises(DomainError) as twice:
        record()
    assert twice.value.field == "number"
    assert record(number="7/GP-STTTT", valid_from=D(2017, 1, 3), valid_until=D(2027, 1, 2)).status == "active"


def test_the_legal_catalogue_shows_what_replaced_what() -> None:
    page = Client().get("/cong-thong-tin/van-ban-phap-luat/", {"q": "72/2013"}).content.decode()
    assert "72/2013/NĐ-CP" in page and "147/2024/NĐ-CP" in page


def renew(licence, applicant, specialist, leader, now, years=2):
    case = services.open_case(
        procedure_code="website.renew",
        applicant=applicant,
        licence=licence,
        actor=specialist,
        now=now,
        particulars={"years": years},
    )
    for action, actor in [
        ("start_appraisal", specialist),
        ("propose", specialist),
        ("grant", leader),
        ("issue", specialist),
    ]:
        case = services.act(case=case, action=action, actor=actor, now=now, note="ok")
    return Licence.objects.get(pk=licence.pk)


def test_renewals_extend_by_at_most_two_years_at_most_twice_and_reset_the_reminders(
    applicant, specialist, leader, today_now
) -> None:
    licence = grant_licence(applicant, specialist, leader, today_now)
    Licence.objects.filter(pk=licence.pk).update(valid_until=D(2027, 3, 1), reminded=[60, 30])
    licence.refresh_from_db()

    licence = renew(licence, applicant, specialist, leader, today_now, years=5)
    assert (licence.valid_until, licence.renewals, licence.reminded) == (D(2029, 3, 1), 1, [])
    licence = renew(licence, applicant, specialist, leader, today_now)
    assert (licence.valid_until, licence.renewals) == (D(2031, 3, 1), 2)
    with pytest.raises(DomainError, match="2"):
        services.open_case(
            procedure_code="website.renew",
            applicant=applicant,
            licence=licence,
            actor=specialist,
            now=today_now,
            particulars={},
        )

    Licence.objects.filter(pk=licence.pk).update(renewals=0, valid_until=today_now.date() + dt.timedelta(days=20))
    licence.refresh_from_db()
    with pytest.raises(DomainError, match="30") as late:
        services.open_case(
            procedure_code="website.renew",
            applicant=applicant,
            licence=licence,
            actor=specialist,
            now=today_now,
            particulars={},
        )
    assert late.value.field == "licence"


def test_a_revoked_licence_cannot_be_renewed_or_amended_and_not_for_another_holder(
    applicant, specialist, leader, today_now
) -> None:
    licence = grant_licence(applicant, specialist, leader, today_now)
    other = User.objects.get(username="lanhdao").organisation
    with pytest.raises(DomainError, match=r"another organisation|tổ chức khác"):
        services.open_case(
            procedure_code="website.amend",
            applicant=other,
            licence=licence,
            actor=specialist,
            now=today_now,
            particulars={"server_location": "Huế"},
        )
    services.set_licence_status(
        licence=licence,
        status="revoked",
        decision="1/QĐ",
        reason="Vi phạm",
        on=today_now.date(),
        actor=leader,
        now=today_now,
    )
    licence.refresh_from_db()
    for code in ("website.renew", "website.amend"):
        with pytest.raises(DomainError) as refused:
            services.open_case(
                procedure_code=code,
                applicant=applicant,
                licence=licence,
                actor=specialist,
                now=today_now,
                particulars={},
            )
        assert refused.value.field == "licence"


def test_a_paper_licence_holding_the_next_number_is_skipped_when_issuing(
    applicant, specialist, leader, today_now
) -> None:
    services.record_existing_licence(
        family_key="website",
        number="01/GP-SKHCN",
        holder=applicant,
        valid_from=D(2026, 1, 5),
        valid_until=D(2030, 1, 4),
        actor=specialist,
        now=today_now,
        particulars={**WEBSITE, "domains": ["giay.vn"]},
    )
    licence = grant_licence(applicant, specialist, leader, today_now)
    assert licence.number == "02/GP-SKHCN" and licence.year == 2026


def test_an_online_dossier_received_with_documents_missing_keeps_its_clock_stopped(
    applicant, specialist, today_now
) -> None:
    case = services.open_case(
        procedure_code="website.new",
        applicant=applicant,
        particulars=WEBSITE,
        actor=specialist,
        now=today_now,
        channel="online",
    )
    case = services.act(
        case=case, action="receive", actor=specialist, now=today_now, checklist=[True, False, True, True, True]
    )
    assert case.status == Case.Status.RECEIVED and case.due_on is None and case.complete_on is None


def test_a_refused_dossier_leaves_no_file_behind(applicant, specialist, today_now, settings) -> None:
    from pathlib import Path

    with pytest.raises(DomainError):
        services.open_case(
            procedure_code="website.new",
            applicant=applicant,
            particulars=WEBSITE,
            actor=specialist,
            now=today_now,
            files=[
                services.Upload("Đơn", b"%PDF-1.7 ok", "don.pdf"),
                services.Upload("Bản sao", b"MZ\x90 exe", "ban-sao.pdf"),
            ],
        )
    assert Case.objects.count() == 0
    assert not any(Path(settings.MEDIA_ROOT).rglob("*.pdf"))


def test_an_unknown_licence_family_is_a_clear_refusal(applicant, specialist, today_now) -> None:
    with pytest.raises(DomainError) as refused:
        services.record_existing_licence(
            family_key="khong-co",
            number="9/GP",
            holder=applicant,
            valid_from=D(2020, 1, 1),
            valid_until=D(2021, 1, 1),
            particulars={},
            actor=specialist,
            now=today_now,
        )
    assert refused.value.field == "family"
