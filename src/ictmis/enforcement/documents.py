"""The violation record (MBB01) and the sanction decision (MQĐ02) of Decree 118/2021 as DOCX, through the
documents app: numbered from its sequence, the header and place of the document's date. Unconfirmed
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
            bases.append(f"Căn cứ {formal_citation(document, article=article)};")
    return bases


def _cited(provision: Any) -> str:
    """Where a provision is: left empty on an official document while it is unconfirmed (staff see the marker)."""
    if provision.unconfirmed or provision.legal_basis.unconfirmed:
        return ""
    return f"{provision.article}, Nghị định số {provision.legal_basis.number}"


def _money(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đồng"


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
    acts = list(decision.acts.select_related("provision__legal_basis"))
    record = decision.record
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
    paragraphs = [
        f"Điều 1. Xử phạt vi phạm hành chính đối với {decision.violator_name} "
        f"({'số định danh cá nhân' if decision.violator_type == 'individual' else 'mã số thuế'} "
        f"{decision.violator_id_number}), theo biên bản vi phạm hành chính số {record.number}.",
        f"Hình thức xử phạt chính: phạt tiền, tổng số tiền {_money(decision.total)}.",
    ]
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
    return issue_document(
        kind_code="sanction_decision",
        title="QUYẾT ĐỊNH",
        subtitle="Xử phạt vi phạm hành chính",
        subject=f"enforcement.decision:{decision.pk}",
        context={
            "bases": [
                *_bases([(LHAV, ""), (decree.number, ""), (FORMS, "Mẫu quyết định số 02 (MQĐ02)")]),
                f"Căn cứ biên bản vi phạm hành chính số {record.number};",
            ],
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
    id_label = "số định danh cá nhân" if decision.violator_type == "individual" else "mã số thuế"
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
            "bases": [
                *_bases([(LHAV, ""), (FORMS, "Mẫu quyết định số 05 (MQĐ05)")]),
                f"Căn cứ Quyết định xử phạt vi phạm hành chính số {decision.number};",
            ],
            "paragraphs": paragraphs,
            "table": {"headers": ["Lần", "Hạn nộp", "Số tiền"], "rows": rows},
            "recipients": [decision.violator_name, "Kho bạc Nhà nước", "Lưu: hồ sơ xử phạt"],
        },
        actor=actor,
        now=now,
        signature=signature_on(timezone.localdate(now), user=actor),
    )
