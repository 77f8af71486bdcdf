"""The documents a case produces, as DOCX in the official format: receipt slip, request for a
supplement, refusal, apology for a delay, and the licence. Each names its legal basis."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ictmis.core.events import for_object
from ictmis.core.formatting import format_vnd
from ictmis.documents.public import issue_document, reserve_number, signature_on
from ictmis.legal.public import LegalDocument, formal_citation
from ictmis.licensing import families
from ictmis.licensing.models import Case, Licence

ONE_STOP = ("61/2018/NĐ-CP", "107/2021/NĐ-CP")  # the one-stop decrees every letter of a case rests on


def _d(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _subject(case: Case) -> str:
    return f"licensing.case:{case.pk}"


def _common(case: Case) -> list[dict[str, str]]:
    return [
        {"label": "Mã hồ sơ", "value": case.code},
        {"label": "Thủ tục", "value": case.procedure.name},
        {"label": "Tổ chức đề nghị", "value": case.applicant_name},
        {"label": "Nội dung", "value": case.subject},
    ]


def _article(rule: Any) -> str:
    """The rule's article as a citation reads it ("khoản 5 Điều 23"), only when a source confirmed it:
    an official document never carries a doubtful reference."""
    if rule is None or rule.unconfirmed or not rule.article:
        return ""
    match = re.fullmatch(r"Điều (\S+) khoản (\S+)", rule.article.strip())
    return f"khoản {match.group(2)} Điều {match.group(1)}" if match else rule.article.strip()


def _basis(case: Case) -> str:
    """The case's legal basis in the text of a document: the article, when confirmed, and the decree."""
    rule = case.rule
    return formal_citation(rule.legal_basis, article=_article(rule)) if rule else ""


def _one_stop() -> list[str]:
    documents = {d.number: d for d in LegalDocument.objects.filter(number__in=ONE_STOP)}
    return [f"Căn cứ {formal_citation(documents[number])};" for number in ONE_STOP if number in documents]


def _head_signs(case: Case, now: dt.datetime, actor: Any) -> Any:
    """The leader who took the decision signs (a deputy "KT." for the head); the head when the leader has
    no signatory row."""
    return signature_on(timezone.localdate(now), user=_decider(case) or actor)


def _decider(case: Case) -> Any:
    decision = for_object(case).filter(verb__in=["licensing.case.grant", "licensing.case.refuse"]).order_by("-at")
    event = decision.select_related("actor").first()
    return event.actor if event is not None else None


def _person(actor: Any) -> str:
    """A person's full name (in Vietnamese order); nothing for the system."""
    return str(actor.get_full_name()) if hasattr(actor, "get_full_name") else ""


def receipt_slip(case: Case, *, actor: Any, now: dt.datetime) -> Any:
    rule = case.rule
    fields = [*_common(case), {"label": "Ngày nhận hồ sơ", "value": _d(case.received_on)}]
    if case.due_on and rule:
        fields += [
            {"label": "Thời hạn giải quyết", "value": _time_limit(case)},
            {"label": "Ngày hẹn trả kết quả", "value": _d(case.appointment_on)},
        ]
    if rule and rule.fee:
        fields.append({"label": "Phí, lệ phí", "value": format_vnd(rule.fee)})
    table = {
        "headers": ["TT", "Thành phần hồ sơ", "Có"],
        "rows": [
            [str(i + 1), name, "x" if present else ""]
            for i, (name, present) in enumerate(
                zip(rule.required_documents if rule else [], case.checklist, strict=False)
            )
        ],
    }
    return issue_document(
        kind_code="receipt",
        title="GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        subject=_subject(case),
        context={
            "bases": _one_stop(),
            "paragraphs": ["Sở đã tiếp nhận hồ sơ sau đây:"],
            "fields": fields,
            "table": table,
            "recipients": [case.applicant_name, "Lưu: VT, hồ sơ"],
        },
        signer_title="NGƯỜI TIẾP NHẬN",
        signer_name=_person(actor),
        actor=actor,
        now=now,
    )


def supplement_request(case: Case, *, actor: Any, now: dt.datetime) -> Any:
    return issue_document(
        kind_code="supplement",
        title="PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        subject=_subject(case),
        context={
            "bases": _one_stop(),
            "paragraphs": [
                f"Hồ sơ {case.code} của {case.applicant_name} chưa đầy đủ, hợp lệ. Đề nghị bổ sung, hoàn thiện:",
                case.supplement_note,
                "Thời hạn giải quyết được tính lại từ ngày Sở nhận đủ hồ sơ hợp lệ.",
            ],
            "fields": _common(case),
            "recipients": [case.applicant_name, "Lưu: VT, hồ sơ"],
        },
        signer_title="NGƯỜI TIẾP NHẬN",
        signer_name=_person(actor),
        actor=actor,
        now=now,
    )


def refusal(case: Case, *, actor: Any, now: dt.datetime) -> Any:
    return issue_document(
        kind_code="refusal",
        title="PHIẾU TỪ CHỐI GIẢI QUYẾT HỒ SƠ",
        subject=_subject(case),
        context={
            "bases": [f"Căn cứ {_basis(case)};", *_one_stop()],
            "paragraphs": [
                f"Sở từ chối giải quyết hồ sơ {case.code} của {case.applicant_name}. Lý do:",
                case.decision_note,
            ],
            "fields": _common(case),
            "recipients": [case.applicant_name, "Lưu: VT, hồ sơ"],
        },
        signature=_head_signs(case, now, actor),
        actor=actor,
        now=now,
    )


def apology(case: Case, *, actor: Any, now: dt.datetime) -> Any:
    return issue_document(
        kind_code="apology",
        title="PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
        subject=_subject(case),
        context={
            "bases": _one_stop(),
            "paragraphs": [
                f"Hồ sơ {case.code} của {case.applicant_name} được hẹn trả kết quả ngày {_d(case.due_on)}, nhưng "
                "đến nay chưa giải quyết xong. Sở xin lỗi tổ chức vì sự chậm trễ này.",
                f"Sở hẹn lại ngày trả kết quả: {_d(case.appointment_on)}.",
            ],
            "fields": _common(case),
            "recipients": [case.applicant_name, "Lưu: VT, hồ sơ"],
        },
        signature=_head_signs(case, now, actor),
        actor=actor,
        now=now,
    )


def reserve_licence_number(day: dt.date) -> str:
    return reserve_number(kind_code="licence", year=day.year, on=day)[1]


def _time_limit(case: Case) -> str:
    rule = case.rule
    if rule is None:
        return ""
    article = _article(rule)
    where = f"{article} {rule.legal_basis.number}" if article else rule.legal_basis.number
    return f"{rule.time_limit_days} ngày làm việc ({where})"


def licence(case: Case, licence: Licence, *, actor: Any, now: dt.datetime) -> Any:
    family = families.get(licence.family)
    with translation.override("vi"):  # an official document is in Vietnamese whatever the user's language
        rows = [
            {"label": str(label), "value": value}
            for label, value in family.describe(licence.particulars)
            if label != _("Term asked (years)")
        ]
    rows += [
        {"label": "Tổ chức được cấp phép", "value": licence.holder_name},
        {"label": "Có hiệu lực từ ngày", "value": _d(licence.valid_from)},
        {"label": "Có hiệu lực đến hết ngày", "value": _d(licence.valid_until)},
    ]
    return issue_document(
        kind_code="licence",
        number=licence.number,
        title=family.licence_title.upper(),
        subtitle=case.procedure.get_action_display().capitalize() if case.procedure.action != "new" else "",
        subject=_subject(case),
        context={
            "bases": [f"Căn cứ {_basis(case)};", f"Xét hồ sơ {case.code} ngày {_d(case.received_on)}."],
            "paragraphs": [f"Cấp phép cho {licence.holder_name}:"],
            "fields": rows,
            "recipients": [licence.holder_name, "Bộ Khoa học và Công nghệ (để b/c)", "Lưu: VT, hồ sơ"],
        },
        signature=_head_signs(case, now, actor),
        actor=actor,
        now=now,
    )
