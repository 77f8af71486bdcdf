"""Demo information security of the former Quảng Bình / new Quảng Trị: about 20 systems with levels 1–3
approved, one level-3 dossier in appraisal and one returned for a supplement, three incidents (one notified
late, one escalated, one closed with its report). Idempotent: nothing is added once the systems exist."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.utils import timezone

from ictmis.core.access import SYSTEM
from ictmis.infosec import services
from ictmis.infosec.models import InformationSystem
from ictmis.parties.public import Organisation, OrganisationKind

AGENCIES = {
    "office": "Văn phòng Ủy ban nhân dân tỉnh (dữ liệu mẫu)",
    "ictc": "Trung tâm Công nghệ thông tin và Truyền thông tỉnh (dữ liệu mẫu)",
    "health": "Sở Y tế (dữ liệu mẫu)",
    "education": "Sở Giáo dục và Đào tạo (dữ liệu mẫu)",
    "finance": "Sở Tài chính (dữ liệu mẫu)",
    "police": "Trung tâm Giám sát, điều hành đô thị thông minh (dữ liệu mẫu)",
}
# code, name, owner, operator, type, hosting, personal data category, proposed, approved, status
SYSTEMS = [
    ("QT-CONG-TTDT", "Cổng thông tin điện tử tỉnh", "office", "ictc", "service", "Trung tâm dữ liệu tỉnh", "", 3, 3,
     "operating"),
    ("QT-HTTTGQTTHC", "Hệ thống thông tin giải quyết thủ tục hành chính tỉnh", "office", "ictc", "service",
     "Trung tâm dữ liệu tỉnh", "họ tên, số định danh, địa chỉ của người nộp hồ sơ", 3, 3, "operating"),
    ("QT-THU-CONG-VU", "Hệ thống thư điện tử công vụ", "office", "ictc", "internal", "Trung tâm dữ liệu tỉnh",
     "họ tên, địa chỉ thư điện tử của cán bộ", 2, 2, "operating"),
    ("QT-QLVB", "Hệ thống quản lý văn bản và điều hành", "office", "ictc", "internal", "Trung tâm dữ liệu tỉnh", "", 3,
     None, "operating"),
    ("QT-KHO-DL", "Kho dữ liệu dùng chung của tỉnh", "office", "ictc", "infrastructure", "Trung tâm dữ liệu tỉnh",
     "dữ liệu dân cư được chia sẻ", 3, None, "operating"),
    ("QT-TTDL", "Trung tâm dữ liệu tỉnh", "department", "ictc", "infrastructure", "Đồng Hới", "", 3, 3, "operating"),
    ("QT-LGSP", "Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP)", "department", "ictc", "infrastructure",
     "Trung tâm dữ liệu tỉnh", "", 3, 3, "operating"),
    ("QT-TSLCD", "Mạng truyền số liệu chuyên dùng cấp tỉnh", "department", "ictc", "infrastructure", "Đồng Hới", "", 3,
     3, "operating"),
    ("QT-HOP-TT", "Hệ thống hội nghị truyền hình trực tuyến", "office", "ictc", "internal", "Trung tâm dữ liệu tỉnh",
     "", 2, 2, "operating"),
    ("QT-BCKT", "Hệ thống thông tin báo cáo kinh tế - xã hội", "office", "ictc", "internal", "Trung tâm dữ liệu tỉnh",
     "", 2, 2, "operating"),
    ("QT-YTE-HSSK", "Hệ thống hồ sơ sức khỏe điện tử", "health", None, "service", "Thuê dịch vụ đám mây",
     "thông tin sức khỏe của người dân", 3, 3, "operating"),
    ("QT-YTE-WEB", "Trang thông tin điện tử Sở Y tế", "health", None, "service", "Trung tâm dữ liệu tỉnh", "", 1, 1,
     "operating"),
    ("QT-GD-CSDL", "Cơ sở dữ liệu ngành giáo dục", "education", None, "internal", "Trung tâm dữ liệu tỉnh",
     "họ tên, ngày sinh của học sinh", 2, 2, "operating"),
    ("QT-GD-WEB", "Trang thông tin điện tử Sở Giáo dục và Đào tạo", "education", None, "service",
     "Trung tâm dữ liệu tỉnh", "", 1, 1, "operating"),
    ("QT-TC-QLTS", "Phần mềm quản lý tài sản công", "finance", None, "internal", "Trung tâm dữ liệu tỉnh", "", 2, 2,
     "operating"),
    ("QT-IOC", "Trung tâm giám sát, điều hành đô thị thông minh (IOC)", "police", "ictc", "service",
     "Trung tâm dữ liệu tỉnh", "", 3, 3, "operating"),
    ("QT-CAMERA", "Hệ thống camera giám sát giao thông Đồng Hới", "police", "operator", "industrial",
     "Nhà trạm của doanh nghiệp", "hình ảnh phương tiện, biển số", 2, 2, "operating"),
    ("QT-XA-LAN", "Mạng nội bộ (LAN) của Ủy ban nhân dân xã", "commune", None, "internal", "Trụ sở UBND xã", "", 1, 1,
     "operating"),
    ("QT-XA-TRUYENTHANH", "Hệ thống truyền thanh ứng dụng CNTT - viễn thông của xã", "commune", "operator",
     "industrial", "Trụ sở UBND xã", "", 1, 1, "operating"),
    ("QB-MOTCUA-CU", "Phần mềm một cửa điện tử tỉnh Quảng Bình (cũ)", "office", "ictc", "service",
     "Trung tâm dữ liệu tỉnh", "họ tên, địa chỉ của người nộp hồ sơ", 2, 2, "retired"),
]  # fmt: skip


def _organisations() -> dict[str, Organisation]:
    result = {}
    for key, name in AGENCIES.items():
        result[key], _created = Organisation.objects.get_or_create(
            name=name, defaults={"kind": OrganisationKind.STATE_AGENCY, "address": "Đồng Hới"}
        )
    result["department"] = Organisation.objects.filter(name=settings.ORGANISATION_NAME).first()  # type: ignore[assignment]
    result["operator"] = Organisation.objects.filter(tax_code="4701234564").first()  # type: ignore[assignment]
    commune = Organisation.objects.filter(kind=OrganisationKind.COMMUNE_PC, unit__isnull=False).order_by("pk").first()
    result["commune"] = commune  # type: ignore[assignment]
    return result


def load(now: dt.datetime, progress: Callable[[str], None]) -> None:
    if InformationSystem.objects.filter(code="QT-CONG-TTDT").exists():
        return
    orgs = _organisations()
    if any(orgs.get(k) is None for k in ("department", "operator", "commune")):
        progress("  information systems: the demo organisations are missing, skipped")
        return
    today = timezone.localdate(now)
    systems: dict[str, InformationSystem] = {}
    for code, name, owner, operator, kind, hosting, personal, proposed, approved, status in SYSTEMS:
        values: dict[str, Any] = {
            "code": code, "name": name, "owner": orgs[owner], "operator": orgs[operator] if operator else None,
            "unit": orgs[owner].unit, "system_type": kind, "hosting": hosting, "personal_data": bool(personal),
            "personal_data_category": personal, "secret_data": False, "proposed_level": proposed, "status": status,
            "last_checked_on": dt.date(today.year - 1, 11, 20) if approved and approved >= 2 else None,
        }  # fmt: skip
        system = services.save_system(values=values, actor=SYSTEM, now=now)
        if approved:  # approved before the system was in use: the decision is entered as data
            system.approved_level = approved
            system.approval_document = f"Quyết định phê duyệt cấp độ {code} (dữ liệu mẫu)"
            system.approved_on = dt.date(2021, 6, 15)
            system.save(update_fields=["approved_level", "approval_document", "approved_on", "updated_at"])
        systems[code] = system
    progress(f"  information systems: {len(systems)}")
    _dossiers(systems, orgs, now)
    _incidents(systems, now)
    _checks(systems, now)


def _dossiers(systems: dict[str, InformationSystem], orgs: dict[str, Organisation], now: dt.datetime) -> None:
    from ictmis.licensing.public import act, open_case

    appraisal = open_case(
        procedure_code="infosec.level-3",
        applicant=orgs["office"],
        particulars={"system": systems["QT-QLVB"].pk, "level": 3},
        actor=SYSTEM,
        now=now - dt.timedelta(days=6),
    )
    act(case=appraisal, action="start_appraisal", actor=SYSTEM, now=now - dt.timedelta(days=5))
    returned = open_case(
        procedure_code="infosec.level-3",
        applicant=orgs["office"],
        particulars={"system": systems["QT-KHO-DL"].pk, "level": 3},
        actor=SYSTEM,
        now=now - dt.timedelta(days=9),
        checklist=[True, True, True, True, False],
    )
    act(
        case=returned,
        action="request_supplement",
        actor=SYSTEM,
        now=now - dt.timedelta(days=8),
        note="Bổ sung phương án bảo đảm an toàn thông tin theo cấp độ 3 (thiếu phương án sao lưu, dự phòng).",
    )


def _incidents(systems: dict[str, InformationSystem], now: dt.datetime) -> None:
    hour = dt.timedelta(hours=1)
    day = dt.timedelta(days=1)
    late_at = now - 40 * day
    late = services.report_incident(
        system=systems["QT-CONG-TTDT"], detected_at=late_at, incident_type="defacement",
        symptoms="Trang chủ bị thay đổi giao diện, chèn nội dung quảng cáo cờ bạc.",
        harm="Ảnh hưởng uy tín; chưa phát hiện lộ lọt dữ liệu.", measures="Tạm ngừng trang chủ, khôi phục bản sao lưu.",
        contact="Nguyễn Văn An, 0912 345 678", actor=SYSTEM, now=late_at + 2 * hour,
    )  # fmt: skip
    services.send_initial_report(incident=late, actor=SYSTEM, now=late_at + 7 * day)
    services.add_progress(incident=late, text="Đã vá lỗ hổng của trình soạn thảo.", actor=SYSTEM, now=late_at + 8 * day)
    services.close_incident(
        incident=late, closed_at=late_at + 9 * day, result="Đã khôi phục, rà soát toàn bộ mã nguồn.", actor=SYSTEM,
        now=late_at + 9 * day,
    )  # fmt: skip
    services.send_end_report(incident=late, actor=SYSTEM, now=late_at + 11 * day)

    closed_at = now - 20 * day
    closed = services.report_incident(
        system=systems["QT-THU-CONG-VU"], detected_at=closed_at, incident_type="phishing",
        symptoms="Nhiều hộp thư nhận thư giả mạo yêu cầu đổi mật khẩu.", harm="Ba tài khoản bị lộ mật khẩu.",
        measures="Khóa tài khoản, đổi mật khẩu, chặn tên miền gửi thư.", contact="Trần Thị Bình, 0987 654 321",
        actor=SYSTEM, now=closed_at + hour,
    )  # fmt: skip
    services.send_initial_report(incident=closed, actor=SYSTEM, now=closed_at + day)
    services.add_progress(incident=closed, text="Đã rà soát nhật ký đăng nhập.", actor=SYSTEM, now=closed_at + 2 * day)
    services.close_incident(
        incident=closed, closed_at=closed_at + 3 * day, result="Không còn tài khoản bị chiếm quyền.", actor=SYSTEM,
        now=closed_at + 3 * day,
    )  # fmt: skip
    services.send_end_report(incident=closed, actor=SYSTEM, now=closed_at + 5 * day)

    escalated_at = now - 2 * day
    services.report_incident(
        system=systems["QT-CAMERA"], detected_at=escalated_at, incident_type="malware",
        symptoms="Mã độc mã hóa dữ liệu trên máy chủ lưu hình ảnh.",
        harm="Mất hình ảnh 3 ngày; có thể lan sang mạng LAN.",
        measures="Cách ly máy chủ.", help_needed="Hỗ trợ phân tích mã độc và khôi phục dữ liệu.",
        contact="Hoàng Anh Tuấn, 0905 111 222", beyond_capacity=True, actor=SYSTEM, now=escalated_at + 3 * hour,
    )  # fmt: skip


def _checks(systems: dict[str, InformationSystem], now: dt.datetime) -> None:
    today = timezone.localdate(now)
    check = services.plan_check(
        system=systems["QT-HTTTGQTTHC"], planned_on=today - dt.timedelta(days=30), scope="Kiểm tra định kỳ cấp độ 3",
        actor=SYSTEM, now=now,
    )  # fmt: skip
    services.record_check(
        check=check,
        done_on=today - dt.timedelta(days=28),
        findings=[{"text": "Chưa bật xác thực hai yếu tố cho tài khoản quản trị.", "remedy": "Bật xác thực hai yếu tố.",
                   "remedy_due_on": today + dt.timedelta(days=15)}],
        actor=SYSTEM,
        now=now,
    )  # fmt: skip
    services.plan_check(
        system=systems["QT-CONG-TTDT"], planned_on=today + dt.timedelta(days=45), scope="Kiểm tra định kỳ cấp độ 3",
        actor=SYSTEM, now=now,
    )  # fmt: skip
