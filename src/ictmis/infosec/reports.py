"""The incident reports as DOCX in the layout of forms 03 (initial) and 04 (end of response) of the circular."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ictmis.documents.public import issue_document
from ictmis.infosec.models import Incident, SeriousEffect
from ictmis.legal.public import formal_citation


def _t(moment: dt.datetime | None) -> str:
    from django.utils import timezone

    return timezone.localtime(moment).strftime("%H:%M ngày %d/%m/%Y") if moment else ""


def _subject(incident: Incident) -> str:
    return f"infosec.incident:{incident.pk}"


def _bases(incident: Incident) -> list[str]:
    rule = incident.rule
    if rule.unconfirmed or rule.legal_basis.unconfirmed:
        return []
    return [f"Căn cứ {formal_citation(rule.legal_basis, article=rule.article)};"]


def _system_rows(incident: Incident) -> list[dict[str, str]]:
    system = incident.system
    return [
        {"label": "Tên hệ thống thông tin bị sự cố", "value": system.name},
        {"label": "Cơ quan chủ quản", "value": system.owner_name},
        {"label": "Đơn vị vận hành", "value": system.operator.name if system.operator is not None else ""},
        {"label": "Cấp độ an toàn hệ thống thông tin", "value": str(incident.system_level or "chưa xác định")},
        {"label": "Người liên hệ", "value": incident.contact},
    ]


def initial_report(incident: Incident, *, actor: Any, now: dt.datetime) -> Any:
    effects = ", ".join(str(SeriousEffect(e).label) for e in incident.effects)
    return issue_document(
        kind_code="infosec-form-03",
        title="BÁO CÁO BAN ĐẦU SỰ CỐ AN TOÀN THÔNG TIN MẠNG",
        subtitle="Mẫu 03",
        subject=_subject(incident),
        context={
            "bases": _bases(incident),
            "paragraphs": [f"Mã sự cố: {incident.code}."],
            "fields": [
                *_system_rows(incident),
                {"label": "Thời điểm phát hiện sự cố", "value": _t(incident.detected_at)},
                {"label": "Loại sự cố", "value": str(incident.get_incident_type_display())},
                {"label": "Mô tả sơ bộ về sự cố (dấu hiệu)", "value": incident.symptoms},
                {"label": "Đánh giá ban đầu về mức độ ảnh hưởng, phạm vi lan rộng", "value": incident.harm},
                {"label": "Sự cố nghiêm trọng", "value": f"Có ({effects})" if incident.serious else "Không"},
                {"label": "Các biện pháp đã triển khai", "value": incident.measures},
                {"label": "Đề nghị hỗ trợ", "value": incident.help_needed},
                {"label": "Vượt quá khả năng xử lý của đơn vị", "value": "Có" if incident.beyond_capacity else "Không"},
                {"label": "Thời điểm gửi báo cáo", "value": _t(incident.notified_at)},
            ],
            "recipients": [incident.system.owner_name, "Cơ quan điều phối quốc gia", "Các đơn vị ứng cứu", "Lưu: VT"],
        },
        signer_title="NGƯỜI BÁO CÁO",
        signer_name=incident.contact,
        actor=actor,
        now=now,
    )


def end_report(incident: Incident, *, actor: Any, now: dt.datetime) -> Any:
    progress = [f"{_t(p.at)}: {p.text}" for p in incident.progress.all()]
    return issue_document(
        kind_code="infosec-form-04",
        title="BÁO CÁO KẾT THÚC ỨNG CỨU SỰ CỐ AN TOÀN THÔNG TIN MẠNG",
        subtitle="Mẫu 04",
        subject=_subject(incident),
        context={
            "bases": _bases(incident),
            "paragraphs": [f"Mã sự cố: {incident.code}.", *progress],
            "fields": [
                *_system_rows(incident),
                {"label": "Thời điểm phát hiện sự cố", "value": _t(incident.detected_at)},
                {"label": "Loại sự cố", "value": str(incident.get_incident_type_display())},
                {"label": "Thời điểm kết thúc ứng cứu", "value": _t(incident.closed_at)},
                {"label": "Kết quả ứng cứu, khắc phục", "value": incident.result},
                {"label": "Thời điểm gửi báo cáo", "value": _t(incident.end_reported_at)},
            ],
            "recipients": [incident.system.owner_name, "Cơ quan điều phối quốc gia", "Lưu: VT"],
        },
        signer_title="NGƯỜI BÁO CÁO",
        signer_name=incident.contact,
        actor=actor,
        now=now,
    )
