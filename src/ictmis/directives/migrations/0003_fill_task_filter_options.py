"""Fill the task list's filter options from the tasks already recorded (the services keep them from now on)."""

from typing import Any

from django.db import migrations

from ictmis.core.text import collation_key


def fill(apps: Any, schema_editor: Any) -> None:
    task_model = apps.get_model("directives", "Task")
    option_model = apps.get_model("directives", "TaskOption")
    leads: dict[str, tuple[str, str]] = {}
    assigners: set[str] = set()
    rows = task_model.objects.order_by("pk").values_list("lead_key", "lead_name", "lead_path", "assigner")
    for lead_key, lead_name, lead_path, assigner in rows.iterator(chunk_size=5000):
        leads[lead_key] = (lead_name, lead_path)  # the latest name of a key wins, as the services do
        assigners.add(assigner)
    options = [
        option_model(kind="lead", key=key, label=name, lead_path=path, sort_key=collation_key(name))
        for key, (name, path) in leads.items()
    ]
    options += [option_model(kind="assigner", key=name, label=name, sort_key=collation_key(name)) for name in assigners]
    option_model.objects.bulk_create(options, batch_size=1000, ignore_conflicts=True)


def empty(apps: Any, schema_editor: Any) -> None:
    apps.get_model("directives", "TaskOption").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("directives", "0002_task_filter_options")]

    operations = [migrations.RunPython(fill, empty)]
