"""The API: the caller's own notifications only, newest first, the unread count, marking as read."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from ictmis.accounts.models import User
from ictmis.accounts.services import create_token
from ictmis.notifications.models import Notification
from ictmis.notifications.public import notify
from tests.notifications.conftest import TEST_KIND

pytestmark = pytest.mark.django_db


def api(user: User) -> Client:
    _token, raw = create_token(user=user, name="t", now=timezone.now())
    return Client(headers={"Authorization": f"Bearer {raw}"})


def three_for(user: User, at: dt.datetime) -> list[Notification]:
    return [
        notify(recipients=[user], event=TEST_KIND, context={"code": f"C{i}"}, now=at + dt.timedelta(minutes=i))[0]
        for i in range(3)
    ]


def test_the_caller_gets_their_own_newest_first_with_the_unread_count(users, at) -> None:
    mine = three_for(users["doanhnghiep"], at)
    three_for(users["chuyenvien"], at)
    answer = api(users["doanhnghiep"]).get("/api/v1/notifications").json()
    assert (answer["count"], answer["unread"]) == (3, 3)
    assert [item["id"] for item in answer["items"]] == [n.pk for n in reversed(mine)]
    assert answer["items"][0]["title"] == "Hồ sơ C2: yêu cầu bổ sung" and answer["items"][0]["read"] is False

    page = api(users["doanhnghiep"]).get("/api/v1/notifications", {"limit": 1, "offset": 1}).json()
    assert [item["id"] for item in page["items"]] == [mine[1].pk] and page["count"] == 3


def test_marking_one_read_counts_down_and_anothers_is_a_404(users, at) -> None:
    mine = three_for(users["doanhnghiep"], at)
    theirs = three_for(users["chuyenvien"], at)
    client = api(users["doanhnghiep"])

    answer = client.post(f"/api/v1/notifications/{mine[0].pk}/read")
    assert answer.status_code == 200 and answer.json()["read"] is True
    assert client.post(f"/api/v1/notifications/{mine[0].pk}/read").status_code == 200  # idempotent
    assert client.get("/api/v1/notifications").json()["unread"] == 2
    assert client.get("/api/v1/notifications", {"unread": True}).json()["count"] == 2

    assert client.post(f"/api/v1/notifications/{theirs[0].pk}/read").status_code == 404
    assert Notification.objects.get(pk=theirs[0].pk).read_at is None


def test_read_all_marks_only_the_callers(users, at) -> None:
    three_for(users["doanhnghiep"], at)
    three_for(users["chuyenvien"], at)
    answer = api(users["doanhnghiep"]).post("/api/v1/notifications/read-all").json()
    assert answer == {"marked": 3, "unread": 0}
    assert Notification.objects.filter(recipient=users["chuyenvien"], read_at__isnull=True).count() == 3


def test_bad_paging_is_a_422_naming_the_field(users) -> None:
    answer = api(users["doanhnghiep"]).get("/api/v1/notifications", {"limit": "many"})
    assert answer.status_code == 422 and answer.json()["errors"][0]["field"] == "limit"


def test_each_operation_has_its_own_id(users) -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    ids = [op["operationId"] for path in schema["paths"].values() for op in path.values()]
    for name in ("notifications_list", "notifications_read", "notifications_read_all"):
        assert ids.count(name) == 1
