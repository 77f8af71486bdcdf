"""Data: the limitation of enforcement, 1 year from the sanction decision's date (LHAV Art. 74(1)); the project's
domain notes do not state it, so it is seeded flagged unconfirmed for a specialist to check."""

import datetime as dt

from django.db import migrations

RULE = ("enforcement_limitation", 1, "15/2012/QH13", "khoản 1 Điều 74", dt.date(2013, 7, 1))


def forwards(apps, schema_editor):
    key, value, number, article, start = RULE
    TimeRule = apps.get_model("enforcement", "TimeRule")
    TimeRule.objects.create(
        key=key, value=value, article=article, valid_from=start, valid_to=None, unconfirmed=True,
        legal_basis=apps.get_model("legal", "LegalDocument").objects.get(number=number),
    )  # fmt: skip


def backwards(apps, schema_editor):
    apps.get_model("enforcement", "TimeRule").objects.filter(key=RULE[0]).delete()


class Migration(migrations.Migration):
    dependencies = [("enforcement", "0007_coercion_signer_title_and_enforcement_limitation")]
    operations = [migrations.RunPython(forwards, backwards)]
