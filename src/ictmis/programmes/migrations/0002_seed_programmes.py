"""The programmes DOMAIN.md describes. Quảng Bình's reference year for TV digitisation is not confirmed:
2018 (the list before the 30/06/2019 switch-off) is data an administrator can change."""

import datetime as dt

from django.db import migrations

D = dt.date
PROGRAMMES = [
    (
        "tv-digitisation",
        "Hỗ trợ đầu thu truyền hình số cho hộ nghèo, cận nghèo (Đề án số hóa truyền hình)",
        "2451/QĐ-TTg",
        "Điều 1, mục 4 (hỗ trợ hộ nghèo, cận nghèo)",
        D(2014, 4, 1),
        D(2020, 12, 31),
        "poor_or_near_poor",
        2018,
        True,
        15,
        True,
    ),
    (
        "smartphones",
        "Hỗ trợ điện thoại thông minh cho hộ nghèo, cận nghèo (viễn thông công ích)",
        "14/2022/TT-BTTTT",
        "Điều 5",
        D(2022, 12, 12),
        D(2025, 12, 31),
        "poor_or_near_poor_not_equipped",
        None,
        True,
        None,
        True,
    ),
]


def seed(apps, schema_editor):
    Programme = apps.get_model("programmes", "Programme")
    LegalDocument = apps.get_model("legal", "LegalDocument")
    for code, name, basis, article, start, end, rule, year, once, cable, unconfirmed in PROGRAMMES:
        Programme.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "legal_basis": LegalDocument.objects.get(number=basis),
                "article": article,
                "starts_on": start,
                "ends_on": end,
                "rule": rule,
                "reference_year": year,
                "once_per_household": once,
                "max_cable_m": cable,
                "unconfirmed": unconfirmed,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("programmes", "0001_households_programmes_deliveries"), ("legal", "0003_programme_documents")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
