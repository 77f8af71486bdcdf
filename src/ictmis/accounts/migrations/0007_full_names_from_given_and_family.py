"""Existing users' names in Vietnamese order: "Hùng" + "Nguyễn Văn" becomes "Nguyễn Văn Hùng"."""

from django.db import migrations


def forwards(apps, schema_editor):
    from ictmis.core.text import collation_key

    User = apps.get_model("accounts", "User")
    for user in User.objects.all().only("pk", "first_name", "last_name", "full_name"):
        full = " ".join(f"{user.last_name} {user.first_name}".split())
        given_first = f"{user.first_name} {user.last_name}".strip()
        User.objects.filter(pk=user.pk).update(
            full_name=user.full_name or full, name_sort_key=collation_key(given_first) if given_first else ""
        )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0006_full_name_in_vietnamese_order")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
