"""Marking the notifications ticked on the list as read: the actor's own only, all or none."""

from __future__ import annotations

import datetime as dt

import pytest

from ictmis.notifications.models import Notification
from ictmis.notifications.public import notify
from tests.conftest import logged_in
from tests.notifications.conftest import TEST_KIND

pytestmark = pytest.mark.django_db


def three_for(user, at):
    return [
        notify(recipients=[user], event=TEST_KIND, context={"code": f"C{i}"}, now=at + dt.timedelta(minutes=i))[0]
        for i in range(3)
    ]


def test_the_ticked_notifications_are_marked_read_and_the_others_stay_unread(users, at) -> None:
    first, second, third = three_for(users["doanhnghiep"], at)
    client = logged_in("doanhnghiep")

    page = client.get("/thong-bao/").content.decode()
    response = client.post("/thong-bao/da-doc-da-chon/", {"ids": [first.pk, third.pk], "next": "/thong-bao/"})

    assert 'data-testid="bulk-bar"' in page and f'name="ids" value="{second.pk}"' in page
    assert response.status_code == 302 and response["Location"] == "/thong-bao/"
    unread = set(Notification.objects.filter(read_at__isnull=True).values_list("pk", flat=True))
    assert second.pk in unread and not {first.pk, third.pk} & unread


def test_one_notification_of_someone_else_refuses_the_whole_action(users, at) -> None:
    mine = three_for(users["doanhnghiep"], at)[0]
    theirs = three_for(users["chuyenvien"], at)[0]

    response = logged_in("doanhnghiep").post("/thong-bao/da-doc-da-chon/", {"ids": [mine.pk, theirs.pk]}, follow=True)

    assert str(theirs.pk) in response.content.decode()
    assert Notification.objects.filter(pk__in=[mine.pk, theirs.pk], read_at__isnull=True).count() == 2


def test_nothing_ticked_or_a_bad_id_is_a_message_not_an_error(users, at) -> None:
    created = [item.pk for item in three_for(users["doanhnghiep"], at)]
    client = logged_in("doanhnghiep")

    empty = client.post("/thong-bao/da-doc-da-chon/", {}, follow=True)
    bad = client.post("/thong-bao/da-doc-da-chon/", {"ids": ["x1"]}, follow=True)

    assert empty.status_code == 200 and bad.status_code == 200
    assert Notification.objects.filter(pk__in=created, read_at__isnull=True).count() == 3
