import datetime as dt

from django.db import migrations


def seed(apps, schema_editor):
    PressScheme = apps.get_model("programmes", "PressScheme")
    LegalDocument = apps.get_model("legal", "LegalDocument")
    PressScheme.objects.update_or_create(
        code="dan-toc-phat-trien",
        defaults={
            "title": "Báo Dân tộc và Phát triển",
            "legal_basis": LegalDocument.objects.get(number="45/QĐ-TTg"),
            "article": "Điều 1",
            "starts_on": dt.date(2019, 1, 1),
            "ends_on": dt.date(2021, 12, 31),
            "issues_per_year": 104,
            "recipient_kinds": "Ủy ban nhân dân xã vùng dân tộc thiểu số và miền núi",
            "funding_source": "Ngân sách trung ương",
            "unconfirmed": True,
        },
    )


class Migration(migrations.Migration):
    dependencies = [("programmes", "0005_subsidised_press"), ("legal", "0004_press_documents")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
