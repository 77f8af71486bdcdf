import datetime as dt

from django.db import migrations


def seed(apps, schema_editor):
    LegalDocument = apps.get_model("legal", "LegalDocument")
    from ictmis.core.text import normalise

    title = "Cấp một số ấn phẩm báo, tạp chí cho vùng dân tộc thiểu số và miền núi, vùng đặc biệt khó khăn"
    LegalDocument.objects.update_or_create(
        number="45/QĐ-TTg",
        defaults={
            "doc_type": "decision",
            "issuer": "Thủ tướng Chính phủ",
            "title": title,
            "issued_on": dt.date(2019, 1, 9),
            "effective_from": dt.date(2019, 1, 9),
            "unconfirmed": True,
            "search_text": normalise(f"45/QĐ-TTg {title} Thủ tướng Chính phủ"),
        },
    )


class Migration(migrations.Migration):
    dependencies = [("legal", "0003_programme_documents")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
