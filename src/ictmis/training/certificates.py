"""The training certificate as an official DOCX: numbered from the documents sequence of its year, with the
verification code the public portal checks. Its legal basis is printed only when a source confirmed it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from ictmis.documents.public import OutgoingDocument, issue_document, signature_on
from ictmis.legal.public import formal_citation

VERIFY_PATH = "/cong-thong-tin/xac-minh-chung-chi/"


def _d(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def issue(enrolment: Any, *, code: str, actor: Any, now: dt.datetime) -> OutgoingDocument:
    course, person = enrolment.course, enrolment.person
    day = timezone.localdate(now)
    bases = []
    if course.legal_basis is not None:  # formal_citation leaves out a date nobody confirmed
        bases.append(f"Căn cứ {formal_citation(course.legal_basis)};")
    bases.append(f"Căn cứ Kế hoạch đào tạo, bồi dưỡng năm {course.plan.year};")
    fields = [
        {"label": "Họ và tên", "value": person.full_name},
        {"label": "Năm sinh", "value": str(person.birth_year or "")},
        {"label": "Chức vụ", "value": person.position},
        {"label": "Đơn vị", "value": enrolment.unit.name if enrolment.unit else ""},
        {"label": "Khóa đào tạo", "value": course.title},
        {"label": "Thời gian", "value": f"từ ngày {_d(course.starts_on)} đến ngày {_d(course.ends_on)}"},
        {"label": "Hình thức", "value": "trực tuyến" if course.online else f"trực tiếp tại {course.place}"},
        {"label": "Mã xác minh", "value": code},
    ]
    return issue_document(
        kind_code="certificate",
        title="GIẤY CHỨNG NHẬN",
        subtitle="Hoàn thành khóa đào tạo, bồi dưỡng",
        subject=f"training.enrolment:{enrolment.pk}",
        context={
            "bases": bases,
            "paragraphs": ["Chứng nhận người có tên dưới đây đã hoàn thành khóa đào tạo, bồi dưỡng:"],
            "fields": fields,
            "recipients": [
                person.full_name,
                f"Xác minh giấy chứng nhận tại Cổng thông tin điện tử, mục {VERIFY_PATH}",
                "Lưu: VT.",
            ],
        },
        signature=signature_on(day, user=course.plan.approved_by),
        actor=actor,
        now=now,
    )
