"""The task list at scale: its filter options come from the small table the services keep (not a DISTINCT
over every task) and its page from plain rows counted in one query; both give what the plain ORM gave."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ictmis.accounts.models import User
from ictmis.core.text import collation_key
from ictmis.directives import options, selectors, services, workflow
from ictmis.directives.models import DirectingDocument, Division, Task, TaskOption
from tests.conftest import logged_in

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat
TODAY = D("2025-09-15")


def assign(leader: User, notice: DirectingDocument, now: dt.datetime, **values: Any) -> Task:
    values.setdefault("deadline", D("2025-10-01"))
    values.setdefault("title", "Rà soát cụm loa")
    return services.assign_task(actor=leader, now=now, source=notice, **values)


@pytest.fixture
def tasks(
    leader: User,
    officer: User,
    notice: DirectingDocument,
    division: Division,
    own_commune: Any,
    other_commune: Any,
    now: Any,
) -> list[Task]:
    made = [
        assign(leader, notice, now, lead=services.Lead(commune=own_commune), deadline=D("2025-09-10")),
        assign(leader, notice, now, lead=services.Lead(commune=other_commune), assigner="Ông Đặng Văn Ấn"),
        assign(leader, notice, now, lead=services.Lead(division=division), assigner="Bà Âu Thị Bình"),
        assign(leader, notice, now, lead=services.Lead(commune=own_commune), recurrence="monthly"),
    ]
    first = Task.objects.filter(lead_key=f"c{own_commune.pk}", is_series=False).order_by("pk").first()
    assert first is not None
    services.act(task=first, action="complete", actor=officer, now=now, files=[services.Upload(b"%PDF-1.4 x", "a.pdf")])
    services.act(task=first, action="confirm", actor=leader, now=now)
    return made


def distinct_leads() -> list[tuple[str, str]]:
    """What the list read before: a DISTINCT over every task."""
    pairs = Task.objects.filter(is_series=False).order_by().values_list("lead_key", "lead_name").distinct()
    return sorted(pairs, key=lambda pair: (collation_key(pair[1]), pair[0]))


def test_filter_options_are_the_lead_units_and_assigners_in_use_in_dictionary_order(
    tasks: list[Task], leader: User
) -> None:
    assert selectors.lead_units(leader) == distinct_leads()
    names = set(Task.objects.values_list("assigner", flat=True))
    assert selectors.assigners(leader) == sorted(names, key=collation_key)
    assert selectors.assigners(leader)[:2] == ["Bà Âu Thị Bình", "Giám đốc Sở"]


def test_a_new_lead_unit_or_assigner_is_an_option_as_soon_as_its_task_is_assigned(
    tasks: list[Task], leader: User, notice: DirectingDocument, now: dt.datetime
) -> None:
    newcomer = Division.objects.create(name="Phòng Mới Lập")

    assign(leader, notice, now, lead=services.Lead(division=newcomer), assigner="Phó Giám đốc Sở")

    assert (f"d{newcomer.pk}", "Phòng Mới Lập") in selectors.lead_units(leader)
    assert "Phó Giám đốc Sở" in selectors.assigners(leader)
    assert selectors.lead_units(leader) == distinct_leads()


def test_the_options_are_read_without_touching_the_tasks(tasks: list[Task], leader: User) -> None:
    with CaptureQueriesContext(connection) as queries:
        selectors.lead_units(leader)
        selectors.assigners(leader)
    assert not [q for q in queries.captured_queries if 'directives_task"' in q["sql"] or "directives_task " in q["sql"]]


def test_a_commune_officer_sees_only_their_communes_options(tasks: list[Task], officer: User, own_commune: Any) -> None:
    assert selectors.lead_units(officer) == [(f"c{own_commune.pk}", own_commune.name)]
    assert selectors.assigners(officer) == ["Giám đốc Sở"]
    assert selectors.lead_units(User.objects.get(username="doanhnghiep")) == []


def test_rebuilding_the_options_gives_what_the_services_kept(tasks: list[Task], leader: User) -> None:
    kept = sorted(TaskOption.objects.values_list("kind", "key", "label", "lead_path", "sort_key"))

    assert options.rebuild() == len(kept)

    assert sorted(TaskOption.objects.values_list("kind", "key", "label", "lead_path", "sort_key")) == kept


def as_instances(qs: Any, offset: int, limit: int) -> tuple[int, list[dict[str, Any]]]:
    """The same page the plain ORM way: a count, then model instances."""
    rows = []
    for task in qs[offset : offset + limit]:
        row = {name: getattr(task, name) for name in selectors.LIST_FIELDS}
        row["pk"] = task.pk
        row["state"] = workflow.state(due_on=task.due_on, completed_on=task.completed_on, today=TODAY)
        rows.append(row)
    return qs.count(), rows


@pytest.mark.parametrize("narrow", [True, False])
@pytest.mark.parametrize("offset", [0, 2, 5, 40])
def test_a_page_of_plain_rows_is_the_page_of_model_instances(
    tasks: list[Task], leader: User, own_commune: Any, narrow: bool, offset: int
) -> None:
    qs = selectors.filter_tasks(
        selectors.tasks_for(leader), today=TODAY, lead_unit=f"c{own_commune.pk}" if narrow else None
    ).order_by("due_on", "pk")

    page = selectors.task_page(qs, offset=offset, limit=3, today=TODAY, narrow=narrow)

    count, rows = as_instances(qs, offset, 3)
    assert page.count == count
    assert [{k: v for k, v in vars(row).items() if k != "full_count"} for row in page.rows] == rows


def test_a_lead_units_page_is_one_query(tasks: list[Task], leader: User, own_commune: Any) -> None:
    qs = selectors.filter_tasks(selectors.tasks_for(leader), today=TODAY, lead_unit=f"c{own_commune.pk}")
    with CaptureQueriesContext(connection) as queries:
        page = selectors.task_page(qs.order_by("due_on", "pk"), offset=0, limit=25, today=TODAY, narrow=True)
    assert page.count == 4
    assert len(queries) == 1


def test_the_list_page_reads_odd_page_and_document_numbers_without_failing(tasks: list[Task]) -> None:
    client = logged_in("lanhdao")
    for query in ("page=²", "page=99999999999999999999", "page=-1", "nguon=²", "nguon=99999999999", "page=0"):
        assert client.get(f"/chi-dao/nhiem-vu/?{query}").status_code == 200, query
    last = client.get("/chi-dao/nhiem-vu/?page=7").content.decode()
    assert "Rà soát cụm loa" in last


def test_the_api_list_of_a_lead_unit_counts_and_pages(tasks: list[Task], own_commune: Any) -> None:
    client = logged_in("lanhdao")
    body = client.get("/api/v1/tasks", {"lead_unit": f"c{own_commune.pk}", "limit": 2, "offset": 1}).json()
    assert body["count"] == 4
    assert [item["period"] for item in body["items"]] == ["10/2025", "11/2025"]
    past = client.get("/api/v1/tasks", {"lead_unit": f"c{own_commune.pk}", "offset": 50}).json()
    assert past == {"items": [], "count": 4}


@pytest.mark.parametrize("offset", [0, 1, 3, 40])
def test_a_lead_units_page_read_by_its_own_statement_is_the_orm_page(
    tasks: list[Task], leader: User, own_commune: Any, offset: int
) -> None:
    qs = selectors.filter_tasks(Task.objects.all(), today=TODAY, lead_unit=f"c{own_commune.pk}")
    expected = selectors.task_page(qs.order_by("due_on", "pk"), offset=offset, limit=2, today=TODAY, narrow=False)

    with CaptureQueriesContext(connection) as queries:
        page = selectors.lead_unit_page(leader, lead_key=f"c{own_commune.pk}", offset=offset, limit=2, today=TODAY)

    assert page is not None
    assert (page.count, [vars(row) for row in page.rows]) == (expected.count, [vars(row) for row in expected.rows])
    assert len(queries) == (1 if offset < 4 else 2)
    assert any(row.confirmed_at is not None for row in page.rows) == (offset == 0)


def test_a_scoped_officer_never_takes_the_whole_province_statement(tasks: list[Task], officer: User) -> None:
    assert selectors.lead_unit_page(officer, lead_key="d1", offset=0, limit=25, today=TODAY) is None


def test_the_list_page_and_api_of_one_lead_unit_show_the_same_tasks_as_with_another_filter(
    tasks: list[Task], own_commune: Any
) -> None:
    client = logged_in("lanhdao")
    key = f"c{own_commune.pk}"
    plain = client.get("/api/v1/tasks", {"lead_unit": key}).json()
    filtered = client.get("/api/v1/tasks", {"lead_unit": key, "due_before": "2099-01-01"}).json()
    assert plain == filtered
    page = client.get("/chi-dao/nhiem-vu/", {"don_vi": key}).content.decode()
    searched = client.get("/chi-dao/nhiem-vu/", {"don_vi": key, "q": "ra soat"}).content.decode()
    assert page.count('<tr class="') == searched.count('<tr class="') == 4


def test_the_summary_names_only_columns_of_its_covering_indexes(tasks: list[Task], leader: User) -> None:
    with CaptureQueriesContext(connection) as queries:
        rows = selectors.summary(selectors.tasks_for(leader), today=TODAY, group_by="lead_unit")
    assert '"id"' not in queries.captured_queries[0]["sql"]
    assert sum(row["total"] for row in rows) == Task.objects.filter(is_series=False).count()
