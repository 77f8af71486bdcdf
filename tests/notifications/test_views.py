"""The bell (one COUNT per page), its dropdown, the notifications page and the e-mail preferences."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ictmis.notifications.models import EmailPreference, Notification, RecipientSettings
from ictmis.notifications.public import notify
from tests.conftest import logged_in
from tests.notifications.conftest import TEST_KIND

pytestmark = pytest.mark.django_db


def some_for(user, at, n=3, link="/thu-tuc/ho-so/"):
    moments = [at + dt.timedelta(minutes=i) for i in range(n)]
    return [
        notify(recipients=[user], event=TEST_KIND, context={"code": f"C{i}"}, link=link, now=moment)[0]
        for i, moment in enumerate(moments)
    ]


def test_the_bell_shows_the_unread_count_with_one_query(users, at) -> None:
    some_for(users["doanhnghiep"], at)
    client = logged_in("doanhnghiep")
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/").content.decode()
    assert 'data-testid="notification-bell"' in page
    assert 'data-testid="unread-count">3<' in page
    assert len([q for q in queries if "notifications_notification" in q["sql"]]) == 1

    empty = logged_in("thanhtra").get("/").content.decode()
    assert 'data-testid="notification-bell"' in empty and "unread-count" not in empty


def test_the_dropdown_lists_the_latest_five(users, at) -> None:
    items = some_for(users["doanhnghiep"], at, n=7)
    html = logged_in("doanhnghiep").get("/thong-bao/moi-nhat/").content.decode()
    assert html.count("/thong-bao/") == 5
    assert f"/thong-bao/{items[6].pk}/" in html and f"/thong-bao/{items[1].pk}/" not in html


def test_the_page_filters_unread_and_marks_one_or_all_read(users, at) -> None:
    items = some_for(users["doanhnghiep"], at, n=3)
    other = some_for(users["chuyenvien"], at, n=1)[0]
    client = logged_in("doanhnghiep")

    assert client.post(f"/thong-bao/{items[0].pk}/da-doc/").status_code == 302
    unread = client.get("/thong-bao/?unread=1").content.decode()
    assert "Hồ sơ C0" not in unread and "Hồ sơ C1" in unread and "Hồ sơ C2" in unread
    assert "Hồ sơ C0" in client.get("/thong-bao/").content.decode()

    assert client.post(f"/thong-bao/{other.pk}/da-doc/").status_code == 404
    client.post("/thong-bao/da-doc-tat-ca/", {"next": "/thong-bao/"})
    assert not Notification.objects.filter(recipient=users["doanhnghiep"], read_at__isnull=True).exists()
    assert Notification.objects.get(pk=other.pk).read_at is None


def test_opening_a_notification_marks_it_read_and_follows_its_link(users, at) -> None:
    item = some_for(users["doanhnghiep"], at, n=1, link="/thu-tuc/ho-so/?q=C0")[0]
    answer = logged_in("doanhnghiep").get(f"/thong-bao/{item.pk}/")
    assert answer.status_code == 302 and answer["Location"] == "/thu-tuc/ho-so/?q=C0"
    assert Notification.objects.get(pk=item.pk).read_at is not None
    assert logged_in("chuyenvien").get(f"/thong-bao/{item.pk}/").status_code == 404


def test_an_outside_link_is_never_followed(users, at) -> None:
    item = some_for(users["doanhnghiep"], at, n=1, link="https://evil.example/")[0]
    answer = logged_in("doanhnghiep").get(f"/thong-bao/{item.pk}/")
    assert answer["Location"] == "/thong-bao/"


def test_the_page_is_paginated(users, at) -> None:
    some_for(users["doanhnghiep"], at, n=30)
    client = logged_in("doanhnghiep")
    first = client.get("/thong-bao/").content.decode()
    assert "Hồ sơ C29" in first and "Hồ sơ C0:" not in first
    assert "Hồ sơ C0:" in client.get("/thong-bao/?page=2").content.decode()


def test_preferences_list_every_kind_in_vietnamese_and_are_saved(users) -> None:
    client = logged_in("doanhnghiep")
    page = client.get("/thong-bao/tuy-chon/").content.decode()
    assert "Hồ sơ được yêu cầu bổ sung" in page and "Bài viết được xuất bản" in page
    assert "Nhập dữ liệu hoàn tất" in page

    answer = client.post(
        "/thong-bao/tuy-chon/",
        {"language": "en", "email__licensing__case__received": "on"},  # every other switch left off
    )
    assert answer.status_code == 302
    user = users["doanhnghiep"]
    chosen = dict(EmailPreference.objects.filter(user=user).values_list("kind", "email"))
    assert chosen["licensing.case.received"] is True and chosen[TEST_KIND] is False
    assert RecipientSettings.objects.get(user=user).language == "en"
    assert "checked" in client.get("/thong-bao/tuy-chon/").content.decode()


def test_the_administrator_can_follow_the_mail_state_in_django_admin(users, at) -> None:
    some_for(users["doanhnghiep"], at, n=1)
    page = logged_in("admin").get("/django-admin/notifications/notification/")
    assert page.status_code == 200 and "Hồ sơ C0" in page.content.decode()
