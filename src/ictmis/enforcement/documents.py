"""The violation record (MBB01), the sanction decision (MQĐ02, or MQĐ01 without a record), the decision on
instalments (MQĐ05) of Decree 118/2021 and the coercion decision as DOCX, through the documents app: numbered
from its sequence, the header and place of the document's date, the form code at the top right. Unconfirmed
citations are left out of the bases: an official document prints only what a source confirmed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from ictmis.documents.public import OutgoingDocument, issue_document, signature_on
from ictmis.legal.public import formal_citation

LHAV = "15/2012/QH13"
FORMS = "118/2021/NĐ-CP"


def _bases(numbers: list[tuple[str, str]]) -> list[str]:
    from ictmis.legal.public import by_number

    bases = []
    for number, article in numbers:
        document = by_number(number)
        if not document.unconfirmed:
            bases.append(f"Căn cứ {formal_citation(document, article=article)}")  # the template ends it with ";"
    return bases


def _cited(provision: Any) -> str:
    """Where a provision is: left empty on an official document while it is unconfirmed (staff see the marker)."""
    if provision.unconfirmed or provision.legal_basis.unconfirmed:
        return ""
    return f"{provision.article}, Nghị định số {provision.legal_basis.number}"


def _money(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đồng"


def _form(code: str) -> dict[str, str]:
    """The top-right "Mẫu số" line of a form of Decree 118/2021; its source only while the decree is confirmed."""
    from ictmis.legal.public import by_number

    decree = by_number(FORMS)
    return {"form_code": code, "form_source": "" if decree.unconfirmed else f"Nghị định số {FORMS}"}


def _id_label(violator_type: str) -> str:
    return "số định danh cá nhân" if violator_type == "individual" else "mã số thuế"


def issue_record(record: Any, *, actor: Any, now: dt.datetime) -> OutgoingDocument:
    acts = list(record.acts.select_related("provision__legal_basis"))
    decree = acts[0].provision.legal_basis
    fields = [
        {
            "label": "Thời gian lập biên bản",
            "value": timezone.localtime(record.recorded_at).strftime("%H giờ %M, ngày %d/%m/%Y"),
        },
        {"label": "Địa điểm", "value": record.place + (f" ({record.unit.name})" if record.unit_id else "")},
        {"label": "Người lập biên bản", "value": record.recorder.get_full_name() if record.recorder_id else ""},
        {"label": "Cá nhân/tổ chức vi phạm", "value": record.violator_name},
        {
            "label": "Số định danh cá nhân" if record.violator_type == "individual" else "Mã số thuế",
            "value": record.violator_id_number,
        },
        {"label": "Địa chỉ", "value": record.address},
        {"label": "Người chứng kiến", "value": record.witnesses or "Không có"},
        {"label": "Ý kiến trình bày của người vi phạm", "value": record.statement or "Không có"},
    ]
    rows = [
        [
            str(i),
            a.provision.act,
            _cited(a.provision),
            "Tái phạm" if a.is_repeat else "",
        ]
        for i, a in enumerate(acts, start=1)
    ]
    return issue_document(
        kind_code="violation_record",
        title="BIÊN BẢN VI PHẠM HÀNH CHÍNH",
        subtitle=f"Trong lĩnh vực {acts[0].provision.get_sector_display()}",
        subject=f"enforcement.record:{record.pk}",
        context={
            **_form("MBB01"),
            "bases": _bases([(LHAV, ""), (decree.number, ""), (FORMS, "Mẫu biên bản số 01 (MBB01)")]),
            "fields": fields,
            "table": {"headers": ["STT", "Hành vi vi phạm", "Quy định tại", "Ghi chú"], "rows": rows},
            "paragraphs": [
                "Biên bản được lập thành 02 bản có nội dung và giá trị như nhau, giao cho cá nhân/tổ chức "
                "vi phạm 01 bản."
            ],
            "recipients": [record.violator_name, "Lưu: hồ sơ xử phạt"],
        },
        actor=actor,
        now=now,
        signer_title="NGƯỜI LẬP BIÊN BẢN",
        signer_name=record.recorder.get_full_name() if record.recorder_id else "",
    )


def issue_decision(decision: Any, *, actor: Any, now: dt.datetime) -> OutgoingDocument:
    """The sanction decision: form MQĐ02 after a record, MQĐ01 on the spot without one (it then states the time
    and place of the act itself)."""
    acts = list(decision.acts.select_related("provision__legal_basis"))
    without_record = decision.kind == "without_record"
    code = "MQĐ01" if without_record else "MQĐ02"
    rows = [
        [
            str(i),
            a.provision.act,
            _cited(a.provision),
            _money(a.fine),
        ]
        for i, a in enumerate(acts, start=1)
    ]
    rows.append(["", "Tổng cộng", "", _money(decision.total)])
    who = (
        f"{decision.violator_name} ({_id_label(decision.violator_type)} {decision.violator_id_number}"
        + (f", địa chỉ: {decision.address}" if decision.address else "")
        + ")"
    )
    if without_record:
        place = decision.place + (f" ({decision.unit.name})" if decision.unit_id else "")
        when = timezone.localtime(decision.act_at).strftime("%H giờ %M, ngày %d/%m/%Y")
        paragraphs = [
            f"Điều 1. Xử phạt vi phạm hành chính không lập biên bản đối với {who}.",
            f"Thời gian vi phạm: {when}. Địa điểm vi phạm: {place}.",
        ]
        reference = []
    else:
        paragraphs = [
            f"Điều 1. Xử phạt vi phạm hành chính đối với {who}, theo biên bản vi phạm hành chính số "
            f"{decision.record.number}."
        ]
        reference = [f"Căn cứ biên bản vi phạm hành chính số {decision.record.number}"]
    for a in acts:
        if a.mitigating.strip():
            paragraphs.append(f"Tình tiết giảm nhẹ ({a.provision.act}): {a.mitigating.strip()}.")
        if a.aggravating.strip():
            paragraphs.append(f"Tình tiết tăng nặng ({a.provision.act}): {a.aggravating.strip()}.")
    paragraphs.append(f"Hình thức xử phạt chính: phạt tiền, tổng số tiền {_money(decision.total)}.")
    if decision.additional_sanctions:
        paragraphs.append(f"Hình thức xử phạt bổ sung: {decision.additional_sanctions}.")
    if decision.remedial_measures:
        due = f", thời hạn thực hiện đến ngày {decision.remedy_due_on:%d/%m/%Y}" if decision.remedy_due_on else ""
        paragraphs.append(f"Biện pháp khắc phục hậu quả: {decision.remedial_measures}{due}.")
    paragraphs += [
        "Điều 2. Cá nhân/tổ chức bị xử phạt phải nộp tiền phạt trong thời hạn 10 ngày kể từ ngày nhận được Quyết "
        "định này; quá thời hạn mà không nộp thì bị cưỡng chế thi hành và phải nộp tiền chậm nộp 0,05% trên tổng số "
        "tiền phạt chưa nộp cho mỗi ngày chậm nộp.",
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.",
    ]
    signer = decision.signer
    decree = decision.decree
    form_article = f"Mẫu quyết định số {code[-2:]} ({code})"
    return issue_document(
        kind_code="sanction_decision",
        title="QUYẾT ĐỊNH",
        subtitle="Xử phạt vi phạm hành chính không lập biên bản" if without_record else "Xử phạt vi phạm hành chính",
        subject=f"enforcement.decision:{decision.pk}",
        context={
            **_form(code),
            "bases": [*_bases([(LHAV, ""), (decree.number, ""), (FORMS, form_article)]), *reference],
            "paragraphs": paragraphs,
            "table": {"headers": ["STT", "Hành vi vi phạm", "Quy định tại", "Mức phạt"], "rows": rows},
            "recipients": [decision.violator_name, "Kho bạc Nhà nước", "Lưu: hồ sơ xử phạt"],
        },
        actor=actor,
        now=now,
        signature=signature_on(decision.decided_on, user=signer),
    )


def issue_instalments(decision: Any, *, actor: Any, now: dt.datetime) -> OutgoingDocument:
    """The decision on payment of the fine in instalments (form MQĐ05 of Decree 118/2021)."""
    rows = [
        [str(i), dt.date.fromisoformat(item["due"]).strftime("%d/%m/%Y"), _money(int(item["amount"]))]
        for i, item in enumerate(decision.instalments, start=1)
    ]
    rows.append(["", "Tổng cộng", _money(decision.total)])
    id_label = _id_label(decision.violator_type)
    paragraphs = [
        f"Điều 1. Cho {decision.violator_name} ({id_label} {decision.violator_id_number}) được nộp tiền phạt "
        "nhiều lần đối với Quyết định xử phạt vi phạm hành chính "
        f"số {decision.number} ngày {decision.decided_on:%d/%m/%Y}, số tiền {_money(decision.total)}, "
        f"chia thành {len(decision.instalments)} lần theo bảng dưới đây.",
        "Điều 2. Quá thời hạn của mỗi lần nộp mà không nộp thì bị cưỡng chế thi hành và phải nộp tiền chậm nộp "
        "0,05% trên số tiền phạt chưa nộp cho mỗi ngày chậm nộp.",
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.",
    ]
    return issue_document(
        kind_code="sanction_instalments",
        title="QUYẾT ĐỊNH",
        subtitle="Về việc nộp tiền phạt nhiều lần",
        subject=f"enforcement.instalments:{decision.pk}",
        context={
            **_form("MQĐ05"),
            "bases": [
                *_bases([(LHAV, ""), (FORMS, "Mẫu quyết định số 05 (MQĐ05)")]),
                f"Căn cứ Quyết định xử phạt vi phạm hành chính số {decision.number}",
            ],
            "paragraphs": paragraphs,
            "table": {"headers": ["Lần", "Hạn nộp", "Số tiền"], "rows": rows},
            "recipients": [decision.violator_name, "Kho bạc Nhà nước", "Lưu: hồ sơ xử phạt"],
        },
        actor=actor,
        now=now,
        signature=signature_on(timezone.localdate(now), user=actor),
    )


MEASURES = {
    "salary": "khấu trừ một phần lương hoặc một phần thu nhập",
    "account": "khấu trừ tiền từ tài khoản",
    "seizure": "kê biên tài sản có giá trị tương ứng với số tiền phạt để bán đấu giá",
    "third_party": "thu tiền, tài sản khác của đối tượng bị cưỡng chế do cá nhân, tổ chức khác đang giữ",
}
# the Law on Handling Administrative Violations and the laws amending it, from the day each is in force
LAWS = [(LHAV, dt.date(2013, 7, 1)), ("67/2020/QH14", dt.date(2022, 1, 1)), ("88/2025/QH15", dt.date(2025, 7, 1))]


def coercion_bases(day: dt.date) -> list[str]:
    """The bases of a coercion decision dated `day`: the Law on Handling Administrative Violations as amended then
    (the confirmed texts only), as the DOCX prints them and the order form shows them."""
    return _bases([(number, "") for number, start in LAWS if start <= day])


def issue_coercion(coercion: Any, *, actor: Any, now: dt.datetime) -> OutgoingDocument:
    """The coercion decision (LHAV Arts. 86–88). The project's notes name no form code for it, so none is printed,
    and its bases are only the Law on Handling Administrative Violations as amended on its date and the sanction
    decision it enforces."""
    decision = coercion.decision
    fields = [
        {"label": "Tiền phạt chưa nộp", "value": _money(coercion.unpaid_fine)},
        {
            "label": f"Tiền chậm nộp tính đến ngày {coercion.decided_on:%d/%m/%Y}",
            "value": _money(coercion.surcharge),
        },
        {"label": "Tổng số tiền phải thu", "value": _money(coercion.amount)},
    ]
    paragraphs = [
        f"Điều 1. Cưỡng chế thi hành Quyết định xử phạt vi phạm hành chính số {decision.number} ngày "
        f"{decision.decided_on:%d/%m/%Y} đối với {decision.violator_name} ({_id_label(decision.violator_type)} "
        f"{decision.violator_id_number}), do không tự nguyện chấp hành quyết định xử phạt.",
        f"Biện pháp cưỡng chế: {MEASURES[coercion.measure]}"
        + (f" ({coercion.details})" if coercion.details else "")
        + ".",
        f"Số tiền phải thu: {_money(coercion.amount)}, gồm tiền phạt chưa nộp {_money(coercion.unpaid_fine)} và "
        f"tiền chậm nộp {_money(coercion.surcharge)} tính đến ngày {coercion.decided_on:%d/%m/%Y}.",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
    ]
    return issue_document(
        kind_code="coercion_decision",
        title="QUYẾT ĐỊNH",
        subtitle="Cưỡng chế thi hành quyết định xử phạt vi phạm hành chính",
        subject=f"enforcement.coercion:{coercion.pk}",
        context={
            "bases": [
                *coercion_bases(coercion.decided_on),
                f"Căn cứ Quyết định xử phạt vi phạm hành chính số {decision.number} ngày "
                f"{decision.decided_on:%d/%m/%Y}",
            ],
            "paragraphs": paragraphs,
            "fields": fields,
            "recipients": [decision.violator_name, "Kho bạc Nhà nước", "Lưu: hồ sơ xử phạt"],
        },
        actor=actor,
        now=now,
        signature=signature_on(coercion.decided_on, user=coercion.signer),
    )
