"""Reads of directives, scoped to what the actor may see, and the counts in the four states."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from types import SimpleNamespace
from typing import Any

from django.db import connection, models
from django.db.models import Case, CharField, Count, F, Q, QuerySet, Value, When, Window
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from ictmis.core.access import Q_NOTHING, scope_of, unit_condition
from ictmis.core.text import collation_key
from ictmis.directives import workflow
from ictmis.directives.models import DirectingDocument, Proposal, Task, TaskOption, WorkingSession


def tasks_for(actor: Any) -> QuerySet[Task]:
    """Every task for leaders and specialists; a commune officer's commune's tasks; nothing otherwise."""
    qs = Task.objects.all()
    if not actor.has_perm("directives.view_task"):
        return qs.none()
    scope = scope_of(actor)
    if scope.whole_province:
        return qs
    condition = unit_condition(scope, "lead_path") if scope.unit_paths else Q_NOTHING
    return qs.filter(condition)


def documents_for(actor: Any) -> QuerySet[DirectingDocument]:
    qs = DirectingDocument.objects.all()
    if actor.has_perm("directives.view_directingdocument") and scope_of(actor).whole_province:
        return qs
    return qs.filter(pk__in=tasks_for(actor).values("source_id"))


def sessions_for(actor: Any) -> QuerySet[WorkingSession]:
    if actor.has_perm("directives.view_workingsession") and scope_of(actor).whole_province:
        return WorkingSession.objects.all()
    return WorkingSession.objects.none()


def proposals_for(actor: Any) -> QuerySet[Proposal]:
    if actor.has_perm("directives.view_proposal") and scope_of(actor).whole_province:
        return Proposal.objects.select_related("session")
    return Proposal.objects.none()


def state_filter(name: str, today: dt.date) -> Q:
    return {
        workflow.DONE_ON_TIME: Q(completed_on__isnull=False, completed_on__lte=F("due_on")),
        workflow.DONE_LATE: Q(completed_on__isnull=False, completed_on__gt=F("due_on")),
        workflow.OPEN_IN_TIME: Q(completed_on__isnull=True, due_on__gte=today),
        workflow.OPEN_OVERDUE: Q(completed_on__isnull=True, due_on__lt=today),
    }[name]


def with_state(qs: QuerySet[Task], today: dt.date) -> QuerySet[Task]:
    """Annotate the derived state (read-only: computed from the dates each time)."""
    return qs.annotate(
        state=Case(
            *(When(state_filter(name, today), then=Value(name)) for name in workflow.STATES),
            output_field=CharField(),
        )
    )


def filter_tasks(
    qs: QuerySet[Task],
    *,
    today: dt.date,
    status: str | None = None,
    lead_unit: str | None = None,
    source: int | None = None,
    assigner: str | None = None,
    due_before: dt.date | None = None,
    due_soon_days: int | None = None,
) -> QuerySet[Task]:
    qs = qs.filter(is_series=False)
    if status in workflow.STATES:
        qs = qs.filter(state_filter(status, today))
    elif status == "due_soon" and due_soon_days is not None:
        from ictmis.core.public import working_calendar

        last = working_calendar().add_working_days(today, due_soon_days)
        qs = qs.filter(completed_on__isnull=True, due_on__gte=today, due_on__lte=last)
    if lead_unit:
        qs = qs.filter(lead_key=lead_unit)
    if source:
        qs = qs.filter(source_id=source)
    if assigner:
        qs = qs.filter(assigner=assigner)
    if due_before:
        qs = qs.filter(due_on__lt=due_before)
    return qs


COUNTED = ("total", "completed", "done_late", "open_overdue")


def _counts(today: dt.date) -> dict[str, Any]:
    """Four counts from which the four states follow; two of them need no condition, so the database
    evaluates two conditions a row instead of four. Only columns of the covering indexes are named (never
    the id, which PostgreSQL would fetch from the table for every row)."""
    return {
        "total": Count("*"),
        "completed": Count("completed_on"),
        "done_late": Count("due_on", filter=Q(completed_on__gt=F("due_on"))),
        "open_overdue": Count("due_on", filter=Q(completed_on__isnull=True, due_on__lt=today)),
    }


def _row(key: Any, name: Any, total: int, completed: int, done_late: int, open_overdue: int) -> dict[str, Any]:
    due = completed + open_overdue
    return {
        "key": key,
        "name": name,
        "done_on_time": completed - done_late,
        "done_late": done_late,
        "open_in_time": total - completed - open_overdue,
        "open_overdue": open_overdue,
        "total": total,
        "completed": completed,
        "due": due,
        "rate": workflow.rate(completed, due),
    }


GROUPS = {"lead_unit": ("lead_key", "lead_name"), "source": ("source_id", "source_number"), "month": ("due_on",)}


def summary(qs: QuerySet[Task], *, today: dt.date, group_by: str | None = None) -> list[dict[str, Any]]:
    """Counts in the four states and the rate "completed / due" (completed + open overdue), per group or
    for all; one GROUP BY query."""
    qs = qs.filter(is_series=False)
    counts = _counts(today)
    if group_by is None:
        totals = qs.aggregate(**counts)
        return [_row(None, None, *(totals[name] or 0 for name in COUNTED))]
    if group_by not in GROUPS:
        raise ValueError(group_by)
    if group_by == "month":
        return _by_month(qs, counts)
    fields = GROUPS[group_by]
    rows = qs.order_by().values(*fields).annotate(**counts).order_by(*fields).values_list(*fields, *COUNTED)
    return [_row(*row) for row in rows]


def _by_month(qs: QuerySet[Task], counts: dict[str, Any]) -> list[dict[str, Any]]:
    """Counted per deadline day from the covering index (no date function per row), folded into months."""
    months: dict[str, list[int]] = {}
    rows: Any = qs.order_by().values("due_on").annotate(**counts).order_by("due_on").values_list("due_on", *COUNTED)
    for due_on, *values in rows:
        month = months.setdefault(due_on.strftime("%Y-%m"), [0, 0, 0, 0])
        for index, value in enumerate(values):
            month[index] += value
    return [_row(key, key, *values) for key, values in months.items()]


def monthly_trend(qs: QuerySet[Task], *, today: dt.date, months: int = 12) -> dict[str, list[Any]]:
    """The rate by month of the deadline, for the last `months` months up to today's."""
    first = dt.date(today.year, today.month, 1)
    for _step in range(months - 1):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    rows = {
        r["key"]: r for r in summary(qs.filter(due_on__gte=first, due_on__lte=today), today=today, group_by="month")
    }
    labels, rates, due = [], [], []
    day = first
    while day <= today:
        key = day.strftime("%Y-%m")
        labels.append(day.strftime("%m/%Y"))
        rates.append(rows[key]["rate"] if key in rows else None)
        due.append(rows[key]["due"] if key in rows else 0)
        day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return {"labels": labels, "rates": rates, "due": due}


def lead_units(actor: Any) -> list[tuple[str, str]]:
    """The lead units of the tasks the actor sees, as (key, name) in dictionary order; read from the
    options the services keep, not from the tasks."""
    qs = TaskOption.objects.filter(kind=TaskOption.Kind.LEAD)
    if not actor.has_perm("directives.view_task"):
        return []
    scope = scope_of(actor)
    if not scope.whole_province:
        qs = qs.filter(unit_condition(scope, "lead_path") if scope.unit_paths else Q_NOTHING)
    return list(qs.order_by("sort_key", "key").values_list("key", "label"))


def assigners(actor: Any) -> list[str]:
    """Who assigned the tasks the actor sees, in dictionary order. A unit-scoped actor's few tasks are
    read directly, so no other unit's assigner is named to them."""
    if not actor.has_perm("directives.view_task"):
        return []
    if scope_of(actor).whole_province:
        qs = TaskOption.objects.filter(kind=TaskOption.Kind.ASSIGNER)
        return list(qs.order_by("sort_key", "key").values_list("key", flat=True))
    names = set(tasks_for(actor).filter(is_series=False).values_list("assigner", flat=True).distinct())
    return sorted(names, key=lambda name: (collation_key(name), name))


LIST_FIELDS = (
    "id",
    "source_id",
    "source_number",
    "item_id",
    "title",
    "assigner",
    "assigned_on",
    "lead_key",
    "lead_kind",
    "lead_name",
    "co_units",
    "person_in_charge_id",
    "expected_output",
    "evidence_required",
    "deadline",
    "extended_to",
    "due_on",
    "recurrence",
    "period",
    "series_id",
    "is_series",
    "completed_on",
    "confirmed_at",
    "version",
)


@dataclass(frozen=True)
class TaskPage:
    count: int
    rows: list[SimpleNamespace]


def task_page(
    qs: QuerySet[Task], *, offset: int, limit: int, today: dt.date, narrow: bool, count: int | None = None
) -> TaskPage:
    """One page of a task list as plain rows (no model instances), each with its derived `state`, and the
    number of tasks in the list (`count` when the caller has it already). A `narrow` list (one lead unit's
    or one document's tasks, a few hundred at most) is counted in the same query with a window count; a
    wide one by a separate COUNT, which reads an index instead of every row."""
    rows = qs.values(*LIST_FIELDS)
    window = narrow and count is None
    if window:
        rows = rows.annotate(full_count=Window(Count("id")))
    found = list(rows[offset : offset + limit])
    if window:
        count = found[0]["full_count"] if found else (qs.count() if offset else 0)
    elif count is None:
        count = qs.count()
    result = []
    for row in found:
        row["state"] = workflow.state(due_on=row["due_on"], completed_on=row["completed_on"], today=today)
        row["pk"] = row["id"]
        result.append(SimpleNamespace(**row))
    return TaskPage(count, result)


def _readers() -> list[Any]:
    """How each column of LIST_FIELDS comes back from a plain cursor into what the ORM would give: SQLite
    returns dates and times as text and booleans as integers."""
    readers: list[Any] = []
    for name in LIST_FIELDS:
        field = Task._meta.get_field(name)
        if isinstance(field, models.DateTimeField):
            readers.append(_read_datetime)
        elif isinstance(field, models.DateField):
            readers.append(_read_date)
        elif isinstance(field, models.BooleanField):
            readers.append(bool)
        else:
            readers.append(None)
    return readers


def _read_date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _read_datetime(value: Any) -> dt.datetime | None:
    """SQLite keeps times as UTC without a zone (as text or, with its converters, naive datetimes)."""
    if isinstance(value, str):
        value = parse_datetime(value)
    return timezone.make_aware(value, dt.UTC) if value is not None and timezone.is_naive(value) else value


@cache
def _lead_unit_statement(vendor: str) -> tuple[str, tuple[Any, ...]]:
    quote = connection.ops.quote_name
    names = [getattr(Task._meta.get_field(name), "column", None) for name in LIST_FIELDS]
    assert all(names), "every listed field is a column of the task table"
    columns = ", ".join(quote(str(name)) for name in names)
    sql = (
        f"SELECT {columns}, COUNT(*) OVER () FROM {quote(Task._meta.db_table)} "
        f"WHERE {quote('lead_key')} = %s AND {quote('is_series')} = %s "
        f"ORDER BY {quote('due_on')}, {quote('id')} LIMIT %s OFFSET %s"
    )
    return sql, tuple(_readers())


def lead_unit_page(actor: Any, *, lead_key: str, offset: int, limit: int, today: dt.date) -> TaskPage | None:
    """One lead unit's tasks in deadline order, for an actor who sees every task: the list a leader opens
    from the overview, read with one statement written once, since Django's building of the same query
    costs several times the query itself. None when the actor's view is narrower (then `task_page`)."""
    if not (actor.has_perm("directives.view_task") and scope_of(actor).whole_province):
        return None
    sql, readers = _lead_unit_statement(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, [lead_key, False, limit, offset])
        found = cursor.fetchall()
    if not found:
        return TaskPage(
            0 if not offset else filter_tasks(Task.objects.all(), today=today, lead_unit=lead_key).count(), []
        )
    rows = []
    for values in found:
        row = {
            name: (read(value) if read is not None and value is not None else value)
            for name, read, value in zip(LIST_FIELDS, readers, values, strict=False)
        }
        row["state"] = workflow.state(due_on=row["due_on"], completed_on=row["completed_on"], today=today)
        row["pk"] = row["id"]
        rows.append(SimpleNamespace(**row))
    return TaskPage(found[0][-1], rows)


def list_page(
    actor: Any,
    qs: QuerySet[Task],
    *,
    today: dt.date,
    offset: int,
    limit: int,
    narrow: bool,
    only_lead_unit: str | None = None,
    count: int | None = None,
) -> TaskPage:
    """A page of a task list: `only_lead_unit` names the lead unit when the list is that unit's tasks in
    deadline order and nothing else (then read by `lead_unit_page` where the actor sees every task)."""
    if only_lead_unit:
        page = lead_unit_page(actor, lead_key=only_lead_unit, offset=offset, limit=limit, today=today)
        if page is not None:
            return page
    return task_page(qs, offset=offset, limit=limit, today=today, narrow=narrow, count=count)
