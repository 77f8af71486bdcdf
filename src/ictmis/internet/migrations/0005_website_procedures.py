"""The general-website procedures and their rule versions (DOMAIN.md, "Licensing of general websites").

Time limits: 15 working days for a new licence under Decree 72/2013 and Circular 09/2014, 10 working days
once Decree 27/2018 took effect (15/04/2018, unconfirmed), 10 under Decree 147/2024 from 25/12/2024.
No fee was found for these procedures: the fee is 0 and can be changed as data.
"""

import datetime as dt

from django.db import migrations

D = dt.date
NEW_DOCS = [
    "Đơn đề nghị cấp giấy phép thiết lập trang thông tin điện tử tổng hợp",
    "Bản sao hợp lệ giấy chứng nhận đăng ký doanh nghiệp hoặc quyết định thành lập",
    "Đề án hoạt động (mục đích, chuyên mục, nguồn tin, nhân sự, phương án kỹ thuật, tên miền, địa chỉ máy chủ)",
    "Bản in trang chủ và các trang chuyên mục chính",
    "Văn bản chấp thuận của các cơ quan cung cấp nguồn tin",
]
AMEND_DOCS = ["Đơn đề nghị sửa đổi, bổ sung giấy phép", "Tài liệu chứng minh nội dung thay đổi"]
RENEW_DOCS = ["Đơn đề nghị gia hạn giấy phép", "Báo cáo tình hình hoạt động của trang thông tin điện tử"]
REISSUE_DOCS = ["Đơn đề nghị cấp lại giấy phép (nêu rõ lý do mất hoặc hư hỏng)"]
UNIT = "Phòng Thông tin - Báo chí - Xuất bản"
RESULT = "Giấy phép thiết lập trang thông tin điện tử tổng hợp"

PROCEDURES = [
    ("website.new", "Cấp giấy phép thiết lập trang thông tin điện tử tổng hợp", "new", NEW_DOCS, [
        (D(2014, 10, 3), D(2018, 4, 15), 15, "72/2013/NĐ-CP", "Điều 23 khoản 5", False),
        (D(2018, 4, 15), D(2024, 12, 25), 10, "27/2018/NĐ-CP", "Điều 1 (sửa đổi Điều 23 Nghị định 72/2013)", True),
        (D(2024, 12, 25), None, 10, "147/2024/NĐ-CP", "Điều 28", True),
    ]),
    ("website.amend", "Sửa đổi, bổ sung giấy phép thiết lập trang thông tin điện tử tổng hợp", "amend", AMEND_DOCS, [
        (D(2014, 10, 3), D(2024, 12, 25), 10, "72/2013/NĐ-CP", "Điều 23", True),
        (D(2024, 12, 25), None, 10, "147/2024/NĐ-CP", "Điều 29", True),
    ]),
    ("website.renew", "Gia hạn giấy phép thiết lập trang thông tin điện tử tổng hợp", "renew", RENEW_DOCS, [
        (D(2014, 10, 3), D(2024, 12, 25), 10, "72/2013/NĐ-CP", "Điều 23", True),
        (D(2024, 12, 25), None, 10, "147/2024/NĐ-CP", "Điều 29", True),
    ]),
    ("website.reissue", "Cấp lại giấy phép thiết lập trang thông tin điện tử tổng hợp", "reissue", REISSUE_DOCS, [
        (D(2014, 10, 3), D(2024, 12, 25), 10, "72/2013/NĐ-CP", "Điều 23", True),
        (D(2024, 12, 25), None, 10, "147/2024/NĐ-CP", "Điều 29", True),
    ]),
]  # fmt: skip


def seed(apps, schema_editor):
    Procedure = apps.get_model("licensing", "Procedure")
    RuleVersion = apps.get_model("licensing", "RuleVersion")
    LegalDocument = apps.get_model("legal", "LegalDocument")
    for code, name, action, documents, versions in PROCEDURES:
        procedure, _created = Procedure.objects.update_or_create(
            code=code,
            defaults={"name": name, "handling_unit": UNIT, "sector": "internet", "family": "website",
                      "action": action, "online": True},
        )  # fmt: skip
        for start, end, days, basis, article, unconfirmed in versions:
            RuleVersion.objects.update_or_create(
                procedure=procedure,
                valid_from=start,
                defaults={
                    "valid_to": end, "time_limit_days": days, "legal_basis": LegalDocument.objects.get(number=basis),
                    "article": article, "fee": 0, "required_documents": documents, "result_form": RESULT,
                    "licence_years": 10 if action == "new" else None,
                    "max_renewals": 2 if action == "renew" else None,
                    "renewal_years": 2 if action == "renew" else None,
                    "renewal_notice_days": 30 if action == "renew" else None,
                    "unconfirmed": unconfirmed,
                },
            )  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [
        ("internet", "0004_websites"),
        ("licensing", "0001_procedures_cases_licences"),
        ("legal", "0002_seed_documents"),
    ]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
