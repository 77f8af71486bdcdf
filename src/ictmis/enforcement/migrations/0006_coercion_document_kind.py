"""Data: the document kind of the coercion decision (LHAV Arts. 86–88), numbered from its own sequence. Decree
118/2021 names no form for it in the project's notes, so the kind carries no form code."""

from django.db import migrations

KIND = ("coercion_decision", "Quyết định cưỡng chế thi hành quyết định xử phạt vi phạm hành chính", "QĐ-CCXP")


def forwards(apps, schema_editor):
    code, name, symbol = KIND
    apps.get_model("documents", "DocumentKind").objects.update_or_create(
        code=code, defaults={"name": name, "symbol": symbol, "numbered": True}
    )


def backwards(apps, schema_editor):
    """The kind is PROTECTed by its documents and sequences: it goes only when nothing references it."""
    code = KIND[0]
    if any(
        apps.get_model("documents", model).objects.filter(kind__code=code).exists()
        for model in ("OutgoingDocument", "NumberSequence")
    ):
        return
    apps.get_model("documents", "DocumentKind").objects.filter(code=code).delete()


class Migration(migrations.Migration):
    dependencies = [("enforcement", "0005_decision_without_record_and_coercion")]
    operations = [migrations.RunPython(forwards, backwards)]
