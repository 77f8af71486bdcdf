"""Data: the rules of postponement and publication (unconfirmed: the project's domain notes do not state them),
the document kind of the decision on instalments (form MQĐ05 of Decree 118/2021), and the seeded rows checked
against the domain notes: a citation the notes do not confirm is flagged `unconfirmed`, Decree 211/2025, whose
date the notes confirm, is no longer flagged."""

import datetime as dt

from django.db import migrations

D = dt.date
# key, value, document, article, from, to
NEW_RULES = [
    ("postponement_months", 3, "15/2012/QH13", "Điều 76", D(2013, 7, 1), None),
    ("postponement_min", 2_000_000, "15/2012/QH13", "khoản 1 Điều 76", D(2013, 7, 1), D(2022, 1, 1)),
    ("postponement_min", 3_000_000, "67/2020/QH14", "khoản 1 Điều 76", D(2022, 1, 1), None),
    ("publication", 0, "15/2012/QH13", "Điều 72", D(2013, 7, 1), None),
]
# the values are confirmed by the notes, the articles cited for them are not
UNCHECKED_ARTICLES = [
    ("limitation", "điểm a khoản 1 Điều 6"),
    ("decision_ordinary", "khoản 1 Điều 66 Luật Xử lý vi phạm hành chính"),
    ("decision_transferred", "khoản 1 Điều 66 Luật Xử lý vi phạm hành chính"),
    ("decision_explained", "khoản 1 Điều 66 Luật Xử lý vi phạm hành chính"),
    ("decision_complex", "khoản 1 Điều 66 Luật Xử lý vi phạm hành chính"),
    ("decision_ordinary", "Điều 66"),  # before 2022: neither the value nor the article is in the notes
    ("decision_explained", "Điều 66"),
    ("send", "Điều 70"),
    ("payment", "khoản 1 Điều 73"),
    ("instalments", "Điều 79"),
    ("instalment_months", "Điều 79"),
    ("first_instalment", "Điều 79"),
    ("spot_individual", "Điều 56"),
    ("spot_organisation", "Điều 56"),
]
KIND = ("sanction_instalments", "Quyết định về việc nộp tiền phạt nhiều lần (MQĐ05)", "QĐ-NTPNL")


def forwards(apps, schema_editor):
    LegalDocument = apps.get_model("legal", "LegalDocument")
    TimeRule = apps.get_model("enforcement", "TimeRule")
    for key, value, number, article, start, end in NEW_RULES:
        TimeRule.objects.create(
            key=key, value=value, legal_basis=LegalDocument.objects.get(number=number), article=article,
            valid_from=start, valid_to=end, unconfirmed=True,
        )  # fmt: skip
    for key, article in UNCHECKED_ARTICLES:
        TimeRule.objects.filter(key=key, article=article).update(unconfirmed=True)
    LegalDocument.objects.filter(number="211/2025/NĐ-CP").update(unconfirmed=False)
    code, name, symbol = KIND
    apps.get_model("documents", "DocumentKind").objects.update_or_create(
        code=code, defaults={"name": name, "symbol": symbol, "numbered": True}
    )


def backwards(apps, schema_editor):
    TimeRule = apps.get_model("enforcement", "TimeRule")
    TimeRule.objects.filter(key__in={r[0] for r in NEW_RULES}).delete()
    for key, article in UNCHECKED_ARTICLES:
        TimeRule.objects.filter(key=key, article=article).update(unconfirmed=False)
    apps.get_model("legal", "LegalDocument").objects.filter(number="211/2025/NĐ-CP").update(unconfirmed=True)
    apps.get_model("documents", "DocumentKind").objects.filter(code=KIND[0]).delete()


class Migration(migrations.Migration):
    dependencies = [("enforcement", "0003_decision_execution_publication")]
    operations = [migrations.RunPython(forwards, backwards)]
