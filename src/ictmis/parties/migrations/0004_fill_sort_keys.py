"""Sort keys for the existing rows (Vietnamese dictionary order of the name)."""

from django.db import migrations


def fill(apps, schema_editor):
    from ictmis.core.text import collation_key

    Model = apps.get_model("parties", "Organisation")
    batch = []
    for row in Model.objects.only("pk", "name").iterator(2000):
        row.sort_key = collation_key(row.name)
        batch.append(row)
        if len(batch) == 1000:
            Model.objects.bulk_update(batch, ["sort_key"])
            batch = []
    Model.objects.bulk_update(batch, ["sort_key"])


class Migration(migrations.Migration):
    dependencies = [("parties", "0003_vietnamese_sort_key")]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
