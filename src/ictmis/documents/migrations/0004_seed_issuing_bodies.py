"""The Department's issuing bodies by date, and number symbols that take the agency's abbreviation of
the document's date ("GP-{agency}" gives GP-STTTT before 2025 and GP-SKHCN after)."""

import datetime as dt

from django.db import migrations

D = dt.date
# governing body, agency, abbreviation, place, from, to (exclusive), basis, unconfirmed
BODIES = [
    ("UBND TỈNH QUẢNG BÌNH", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "STTTT", "Quảng Bình", None, D(2025, 3, 1), "", False),
    ("UBND TỈNH QUẢNG BÌNH", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "SKHCN", "Quảng Bình", D(2025, 3, 1), D(2025, 7, 1),
     "Nghị định số 45/2025/NĐ-CP", True),
    ("UBND TỈNH QUẢNG TRỊ", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "SKHCN", "Quảng Trị", D(2025, 7, 1), None,
     "Nghị quyết số 202/2025/QH15", False),
]  # fmt: skip
SYMBOLS = {"GP-STTTT": "GP-{agency}", "STTTT-TTĐT": "{agency}-TTĐT"}


def seed(apps, schema_editor):
    IssuingBody = apps.get_model("documents", "IssuingBody")
    if not IssuingBody.objects.exists():
        for governing, name, abbreviation, place, start, end, basis, unconfirmed in BODIES:
            IssuingBody.objects.create(
                governing_body=governing, name=name, abbreviation=abbreviation, place=place, valid_from=start,
                valid_to=end, basis=basis, unconfirmed=unconfirmed,
            )  # fmt: skip
    DocumentKind = apps.get_model("documents", "DocumentKind")
    for old, new in SYMBOLS.items():
        DocumentKind.objects.filter(symbol=old).update(symbol=new)


def unseed(apps, schema_editor):
    DocumentKind = apps.get_model("documents", "DocumentKind")
    for old, new in SYMBOLS.items():
        DocumentKind.objects.filter(symbol=new).update(symbol=old)


class Migration(migrations.Migration):
    dependencies = [("documents", "0003_issuing_bodies_and_signatories")]
    operations = [migrations.RunPython(seed, unseed)]
