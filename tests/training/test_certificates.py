"""Certificates: numbered from the documents sequence of their year, a random verification code each, only
for a participant who passed a course of an approved plan, once; the public check says valid or not found."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from docx import Document as Docx

from ictmis.core.errors import NotAllowedError
from ictmis.training import services
from ictmis.training.models import Enrolment
from ictmis.training.workflow import CODE_ALPHABET, TrainingRuleError

from .conftest import ISSUED, attend_all_and_pass, enrol, make_course, make_plan, user

pytestmark = pytest.mark.django_db


def test_certificates_take_consecutive_numbers_of_their_year_and_distinct_codes(course) -> None:
    first, second = enrol(course, "Nguyễn Văn An"), enrol(course, "Trần Thị Bình", "18883")
    attend_all_and_pass(course, first, second)
    specialist = user("chuyenvien")

    first = services.issue_certificate(enrolment_id=first.pk, actor=specialist, now=ISSUED)
    second = services.issue_certificate(enrolment_id=second.pk, actor=specialist, now=ISSUED)

    assert first.certificate_number.startswith("01/CC-") and second.certificate_number.startswith("02/CC-")
    assert first.certificate_code != second.certificate_code
    assert len(first.certificate_code) == 10 and set(first.certificate_code) <= set(CODE_ALPHABET)
    docx = Docx(first.certificate.file.open("rb"))
    text = "\n".join(p.text for p in docx.paragraphs)
    table_text = " ".join(c.text for t in docx.tables for r in t.rows for c in r.cells)
    assert "GIẤY CHỨNG NHẬN" in text and "Nguyễn Văn An" in table_text + text
    assert first.certificate_code in table_text + text


def test_the_number_sequence_restarts_in_a_new_year(course) -> None:
    enrolment = enrol(course, "Nguyễn Văn An")
    attend_all_and_pass(course, enrolment)
    services.issue_certificate(enrolment_id=enrolment.pk, actor=user("chuyenvien"), now=ISSUED)
    later = make_course(make_plan(2020), "ttcs-2020")
    again = enrol(later, "Lê Văn Cường")
    attend_all_and_pass(later, again)

    again = services.issue_certificate(enrolment_id=again.pk, actor=user("chuyenvien"),
                                       now=dt.datetime(2020, 7, 1, tzinfo=dt.UTC))  # fmt: skip

    assert again.certificate_number.startswith("01/CC-")


def test_a_certificate_needs_a_pass_an_approved_plan_and_is_issued_once(course) -> None:
    specialist = user("chuyenvien")
    pending = enrol(course, "Nguyễn Văn An")
    with pytest.raises(TrainingRuleError, match="đạt yêu cầu"):
        services.issue_certificate(enrolment_id=pending.pk, actor=specialist, now=ISSUED)
    attend_all_and_pass(course, pending)
    services.issue_certificate(enrolment_id=pending.pk, actor=specialist, now=ISSUED)
    with pytest.raises(TrainingRuleError, match="đã được cấp"):
        services.issue_certificate(enrolment_id=pending.pk, actor=specialist, now=ISSUED)
    draft = make_course(make_plan(2021, approved=False), "ttcs-2021")
    waiting = enrol(draft, "Lê Văn Cường")
    attend_all_and_pass(draft, waiting)
    with pytest.raises(TrainingRuleError, match="chưa được phê duyệt"):
        services.issue_certificate(enrolment_id=waiting.pk, actor=specialist, now=ISSUED)
    assert Enrolment.objects.exclude(certificate=None).count() == 1


def test_only_those_who_may_certify_issue_certificates(course) -> None:
    enrolment = enrol(course, "Nguyễn Văn An")
    attend_all_and_pass(course, enrolment)
    with pytest.raises(NotAllowedError):
        services.issue_certificate(enrolment_id=enrolment.pk, actor=user("thanhtra"), now=ISSUED)


def test_passing_needs_the_course_minimum_attendance(course) -> None:
    enrolment = enrol(course, "Nguyễn Văn An")
    first_day = course.sessions.first()
    services.mark_attendance(session=first_day, present={enrolment.pk}, actor=user("chuyenvien"), now=ISSUED)

    with pytest.raises(TrainingRuleError, match="Đã dự 1/2 buổi") as refused:
        services.record_result(enrolment_id=enrolment.pk, result="passed", actor=user("chuyenvien"), now=ISSUED)
    assert refused.value.field == "result"


def test_the_public_page_confirms_a_genuine_code_and_says_nothing_of_an_unknown_one(course) -> None:
    enrolment = enrol(course, "Nguyễn Văn An")
    attend_all_and_pass(course, enrolment)
    enrolment = services.issue_certificate(enrolment_id=enrolment.pk, actor=user("chuyenvien"), now=ISSUED)
    public = Client()
    typed = f"{enrolment.certificate_code[:5].lower()}-{enrolment.certificate_code[5:]}"

    valid = public.get("/cong-thong-tin/xac-minh-chung-chi/", {"ma": typed}).content.decode()
    unknown = public.get("/cong-thong-tin/xac-minh-chung-chi/", {"ma": "ZZZZZZZZZZ"}).content.decode()

    assert "Giấy chứng nhận hợp lệ" in valid and "Nguyễn Văn An" in valid and enrolment.certificate_number in valid
    assert "Không có giấy chứng nhận nào có mã xác minh này" in unknown
    assert "Nguyễn Văn An" not in unknown and enrolment.certificate_number not in unknown


def test_the_api_verifies_a_code_without_authentication(course) -> None:
    enrolment = enrol(course, "Nguyễn Văn An")
    attend_all_and_pass(course, enrolment)
    enrolment = services.issue_certificate(enrolment_id=enrolment.pk, actor=user("chuyenvien"), now=ISSUED)

    found = Client().get(f"/api/v1/certificates/{enrolment.certificate_code}")
    missing = Client().get("/api/v1/certificates/ABCDEFGH23")

    assert found.status_code == 200
    assert found.json() == {"valid": True, "number": enrolment.certificate_number, "issued_on": "2019-06-20",
                            "holder": "Nguyễn Văn An", "course": "Khóa ttcs-2019"}  # fmt: skip
    assert missing.status_code == 404
    assert missing.json() == {"detail": "Không có giấy chứng nhận nào có mã xác minh này.", "errors": []}
