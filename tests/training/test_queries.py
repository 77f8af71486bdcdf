"""Lists take the same number of queries however many courses or participants they show."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from .conftest import attend_all_and_pass, enrol, make_course, user

pytestmark = pytest.mark.django_db


def _queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_course_list_the_api_and_a_course_page_do_not_grow_with_rows(plan) -> None:
    client = Client()
    client.force_login(user("chuyenvien"))
    first = make_course(plan, "k-1")
    attend_all_and_pass(first, enrol(first, "Nguyễn Văn An"))
    client.get("/dao-tao/")  # the session and permission caches are filled once
    few = [_queries(client, p) for p in ("/dao-tao/", "/api/v1/courses", f"/dao-tao/khoa/{first.pk}/")]

    for index in range(2, 6):
        course = make_course(plan, f"k-{index}")
        enrol(course, f"Học viên {index}", "18883")
    attend_all_and_pass(first, *[enrol(first, f"Người {n}", "18883") for n in range(4)])
    many = [_queries(client, p) for p in ("/dao-tao/", "/api/v1/courses", f"/dao-tao/khoa/{first.pk}/")]

    assert many == few
