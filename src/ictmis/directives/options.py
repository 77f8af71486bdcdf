"""The task list's filter options (lead units and assigners in use), kept in step by the services: a task
that names a lead unit or an assigner not yet listed adds it, in the transaction that writes the task."""

from __future__ import annotations

from collections.abc import Iterable

from ictmis.core.text import collation_key
from ictmis.directives.models import Task, TaskOption


def _options(tasks: Iterable[Task]) -> list[TaskOption]:
    found: dict[tuple[str, str], TaskOption] = {}
    for task in tasks:
        found[(TaskOption.Kind.LEAD, task.lead_key)] = TaskOption(
            kind=TaskOption.Kind.LEAD,
            key=task.lead_key,
            label=task.lead_name,
            lead_path=task.lead_path,
            sort_key=collation_key(task.lead_name),
        )
        found[(TaskOption.Kind.ASSIGNER, task.assigner)] = TaskOption(
            kind=TaskOption.Kind.ASSIGNER, key=task.assigner, label=task.assigner, sort_key=collation_key(task.assigner)
        )
    return list(found.values())


def remember(tasks: Iterable[Task]) -> None:
    """List the lead units and assigners these tasks name; a unit listed under an older name takes the
    newest (one statement: an insert that updates on conflict)."""
    TaskOption.objects.bulk_create(
        _options(tasks),
        update_conflicts=True,
        unique_fields=["kind", "key"],
        update_fields=["label", "lead_path", "sort_key"],
    )


def rebuild() -> int:
    """The options read again from every task (after tasks were written outside the services, e.g. a raw
    bulk load); returns how many there are."""
    rows = Task.objects.order_by("pk").only("lead_key", "lead_name", "lead_path", "assigner")
    options = _options(rows.iterator(chunk_size=5000))
    TaskOption.objects.all().delete()
    TaskOption.objects.bulk_create(options, batch_size=1000)
    return len(options)
