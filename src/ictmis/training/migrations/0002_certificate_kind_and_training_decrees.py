"""The certificate document kind and the decrees on training cadres, civil servants and public employees
(DOMAIN.md, "Training"). DOMAIN.md confirms the decrees and 01/07/2025 for Decree 171/2025, not their issue
dates: those are kept but flagged, so no official document prints them. The certificate's number symbol is
not given by any source read: "CC-{agency}" follows the form of the other kinds and is to be checked."""

import datetime as dt

from django.db import migrations

DECREES = [
    ("101/2017/NĐ-CP", "Về đào tạo, bồi dưỡng cán bộ, công chức, viên chức", dt.date(2017, 9, 1), None),
    (
        "89/2021/NĐ-CP",
        "Sửa đổi, bổ sung một số điều của Nghị định số 101/2017/NĐ-CP ngày 01 tháng 9 năm 2017 của "
        "Chính phủ về đào tạo, bồi dưỡng cán bộ, công chức, viên chức",
        dt.date(2021, 10, 18),
        None,
    ),
    ("171/2025/NĐ-CP", "Quy định về đào tạo, bồi dưỡng công chức", dt.date(2025, 6, 30), dt.date(2025, 7, 1)),
]


def seed(apps, schema_editor):
    from ictmis.core.text import normalise

    DocumentKind = apps.get_model("documents", "DocumentKind")
    DocumentKind.objects.update_or_create(
        code="certificate",
        defaults={
            "name": "Giấy chứng nhận hoàn thành khóa đào tạo, bồi dưỡng",
            "symbol": "CC-{agency}",
            "numbered": True,
        },
    )
    LegalDocument = apps.get_model("legal", "LegalDocument")
    for number, title, issued, start in DECREES:
        document, _created = LegalDocument.objects.update_or_create(
            number=number,
            defaults={
                "doc_type": "decree",
                "issuer": "Chính phủ",
                "title": title,
                "issued_on": issued,
                "effective_from": start,
                "unconfirmed": True,
                "search_text": normalise(f"{number} {title} Chính phủ"),
            },
        )
    amending = LegalDocument.objects.get(number="89/2021/NĐ-CP")
    amending.amends.add(LegalDocument.objects.get(number="101/2017/NĐ-CP"))


def unseed(apps, schema_editor):
    apps.get_model("documents", "DocumentKind").objects.filter(code="certificate").delete()
    apps.get_model("legal", "LegalDocument").objects.filter(number__in=[d[0] for d in DECREES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0001_courses_trainees_certificates"),
        ("documents", "0004_seed_issuing_bodies"),
        ("legal", "0004_press_documents"),
    ]
    operations = [migrations.RunPython(seed, unseed)]
