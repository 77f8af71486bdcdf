"""The documents the beneficiary programmes cite (DOMAIN.md, "Programmes and registries")."""

import datetime as dt

from django.db import migrations

D = dt.date
DOCUMENTS = [
    (
        "2451/QĐ-TTg",
        "decision",
        "Thủ tướng Chính phủ",
        "Phê duyệt Đề án số hóa truyền dẫn, phát sóng truyền hình mặt đất đến năm 2020",
        D(2011, 12, 27),
        None,
        [],
    ),
    (
        "1671/QĐ-TTg",
        "decision",
        "Thủ tướng Chính phủ",
        "Sửa đổi Quyết định số 2451/QĐ-TTg",
        D(2012, 11, 8),
        None,
        ["2451/QĐ-TTg"],
    ),
    (
        "2269/QĐ-TTg",
        "decision",
        "Thủ tướng Chính phủ",
        "Chương trình cung cấp dịch vụ viễn thông công ích đến năm 2025",
        None,
        None,
        [],
    ),
    (
        "14/2022/TT-BTTTT",
        "circular",
        "Bộ Thông tin và Truyền thông",
        "Hướng dẫn thực hiện Chương trình cung cấp dịch vụ viễn thông công ích đến năm 2025",
        None,
        D(2022, 12, 12),
        [],
    ),
]


def seed(apps, schema_editor):
    LegalDocument = apps.get_model("legal", "LegalDocument")
    from ictmis.core.text import normalise

    for number, kind, issuer, title, issued, start, amends in DOCUMENTS:
        document, _created = LegalDocument.objects.update_or_create(
            number=number,
            defaults={
                "doc_type": kind,
                "issuer": issuer,
                "title": title,
                "issued_on": issued,
                "effective_from": start,
                "unconfirmed": issued is None or start is None,
                "search_text": normalise(" ".join([number, title, issuer])),
            },
        )
        document.amends.set(LegalDocument.objects.filter(number__in=amends))


class Migration(migrations.Migration):
    dependencies = [("legal", "0002_seed_documents")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
