"""The legal texts, level rules, incident rule, document kinds and procedures of information security
(DOMAIN.md, "Information security"). Every rule is in force from 01/07/2016 with an open end: the Law on
Cybersecurity 116/2025/QH15 (from 01/07/2026) may change them, and the admin then closes a version and adds
the next. Article numbers no source in DOMAIN.md confirmed are left empty rather than guessed."""

import datetime as dt

from django.db import migrations

D = dt.date
START = D(2016, 7, 1)

LEGAL = [
    ("85/2016/NĐ-CP", "decree", "Chính phủ", "Về bảo đảm an toàn hệ thống thông tin theo cấp độ", D(2016, 7, 1),
     D(2016, 7, 1), None),
    ("05/2017/QĐ-TTg", "decision", "Thủ tướng Chính phủ",
     "Ban hành Quy định về hệ thống phương án ứng cứu khẩn cấp bảo đảm an toàn thông tin mạng quốc gia", None, None,
     None),
    ("20/2017/TT-BTTTT", "circular", "Bộ Thông tin và Truyền thông",
     "Quy định về điều phối, ứng cứu sự cố an toàn thông tin mạng trên toàn quốc", None, None, None),
    ("116/2025/QH15", "law", "Quốc hội", "Luật An ninh mạng", None, D(2026, 7, 1), None),
]  # fmt: skip

PARTS = [
    "Văn bản đề nghị thẩm định, phê duyệt hồ sơ đề xuất cấp độ",
    "Tài liệu mô tả tổng quan hệ thống thông tin",
    "Tài liệu thiết kế hệ thống (thiết kế sơ bộ hoặc thiết kế thi công)",
    "Thuyết minh đề xuất cấp độ",
    "Phương án bảo đảm an toàn thông tin theo cấp độ",
]
HIGH_PARTS = [*PARTS, "Ý kiến của đơn vị chuyên trách về an toàn thông tin"]
UNIT_APPRAISES = "Đơn vị chuyên trách về an toàn thông tin của chủ quản hệ thống (Sở)"
MINISTRY = (
    "Bộ Khoa học và Công nghệ (trước 01/03/2025: Bộ Thông tin và Truyền thông), phối hợp Bộ Quốc phòng, Bộ Công an"
)
# level, procedure, appraiser, approver, permission to approve, parts, appraisal days, approval working days, Ministry
LEVELS = [
    (1, "infosec.level-1-2", UNIT_APPRAISES, "Đơn vị chuyên trách về an toàn thông tin (Lãnh đạo Sở)",
     "licensing.decide_case", PARTS, None, 7, False),
    (2, "infosec.level-1-2", UNIT_APPRAISES, "Đơn vị chuyên trách về an toàn thông tin (Lãnh đạo Sở)",
     "licensing.decide_case", PARTS, None, 7, False),
    (3, "infosec.level-3", UNIT_APPRAISES, "Chủ quản hệ thống thông tin", "licensing.decide_case", PARTS, 15, 7, False),
    (4, "infosec.level-4-5", MINISTRY, "Chủ quản hệ thống thông tin, sau khi Bộ thẩm định",
     "infosec.approve_high_level", HIGH_PARTS, 30, 7, True),
    (5, "infosec.level-4-5", MINISTRY, "Chủ quản hệ thống thông tin, sau khi Bộ thẩm định (Thủ tướng Chính phủ phê duyệt "
     "danh mục hệ thống cấp độ 5)", "infosec.approve_high_level", HIGH_PARTS, 30, 7, True),
]  # fmt: skip

PROCEDURES = [
    ("infosec.level-1-2", "Thẩm định, phê duyệt hồ sơ đề xuất cấp độ 1, 2 của hệ thống thông tin", PARTS),
    ("infosec.level-3", "Thẩm định hồ sơ đề xuất cấp độ 3 của hệ thống thông tin", PARTS),
    ("infosec.level-4-5", "Tiếp nhận, gửi Bộ thẩm định hồ sơ đề xuất cấp độ 4, 5 của hệ thống thông tin", HIGH_PARTS),
]
KINDS = [
    ("infosec-approval", "Quyết định phê duyệt cấp độ an toàn hệ thống thông tin", "QĐ-{agency}", True),
    ("infosec-form-03", "Báo cáo ban đầu sự cố an toàn thông tin mạng (Mẫu 03)", "", False),
    ("infosec-form-04", "Báo cáo kết thúc ứng cứu sự cố an toàn thông tin mạng (Mẫu 04)", "", False),
]


def seed(apps, schema_editor):
    from ictmis.core.text import normalise

    LegalDocument = apps.get_model("legal", "LegalDocument")
    for number, doc_type, issuer, title, issued, start, end in LEGAL:
        LegalDocument.objects.update_or_create(
            number=number,
            defaults={"doc_type": doc_type, "issuer": issuer, "title": title, "issued_on": issued,
                      "effective_from": start, "effective_to": end, "search_text": normalise(" ".join([number, title, issuer]))},
        )  # fmt: skip
    decree = LegalDocument.objects.get(number="85/2016/NĐ-CP")
    circular = LegalDocument.objects.get(number="20/2017/TT-BTTTT")
    LevelRule = apps.get_model("infosec", "LevelRule")
    for level, procedure, appraiser, approver, permission, parts, days, working_days, ministry in LEVELS:
        LevelRule.objects.update_or_create(
            level=level,
            valid_from=START,
            defaults={"procedure_code": procedure, "appraiser": appraiser, "approver": approver,
                      "approve_permission": permission, "parts": parts, "appraisal_days": days,
                      "approval_working_days": working_days, "to_ministry": ministry, "legal_basis": decree,
                      "article": ""},
        )  # fmt: skip
    IncidentRule = apps.get_model("infosec", "IncidentRule")
    if not IncidentRule.objects.exists():
        IncidentRule.objects.create(
            valid_from=START, notify_days=5, end_report_days=5, legal_basis=circular, article=""
        )
    DocumentKind = apps.get_model("documents", "DocumentKind")
    for code, name, symbol, numbered in KINDS:
        DocumentKind.objects.update_or_create(
            code=code, defaults={"name": name, "symbol": symbol, "numbered": numbered}
        )
    Procedure = apps.get_model("licensing", "Procedure")
    RuleVersion = apps.get_model("licensing", "RuleVersion")
    for code, name, parts in PROCEDURES:
        procedure, _created = Procedure.objects.update_or_create(
            code=code,
            defaults={"name": name, "handling_unit": "Phòng Công nghệ thông tin", "sector": "infosec",
                      "family": "infosec-level", "action": "new", "online": True},
        )  # fmt: skip
        RuleVersion.objects.update_or_create(
            procedure=procedure,
            valid_from=START,
            defaults={"valid_to": None, "time_limit_days": 7, "legal_basis": decree, "article": "", "fee": 0,
                      "required_documents": parts,
                      "result_form": "Quyết định phê duyệt cấp độ an toàn hệ thống thông tin"},
        )  # fmt: skip


def unseed(apps, schema_editor):
    codes = [p[0] for p in PROCEDURES]
    apps.get_model("licensing", "RuleVersion").objects.filter(procedure__code__in=codes).delete()
    apps.get_model("licensing", "Procedure").objects.filter(code__in=codes).delete()
    apps.get_model("documents", "DocumentKind").objects.filter(code__in=[k[0] for k in KINDS]).delete()
    apps.get_model("infosec", "IncidentRule").objects.all().delete()
    apps.get_model("infosec", "LevelRule").objects.all().delete()
    apps.get_model("legal", "LegalDocument").objects.filter(number__in=[d[0] for d in LEGAL]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("infosec", "0001_information_systems_incidents"),
        ("licensing", "0002_licence_numbers_restart_each_year"),
        ("legal", "0004_press_documents"),
        ("documents", "0004_seed_issuing_bodies"),
    ]
    operations = [migrations.RunPython(seed, unseed)]
