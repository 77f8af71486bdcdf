"""The caller's notifications: list (newest first, with the unread count), mark one or all as read."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field

from ictmis.notifications import selectors, services
from ictmis.notifications.models import Notification

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    link: str
    created_at: dt.datetime
    read_at: dt.datetime | None
    read: bool

    @staticmethod
    def resolve_read(obj: Notification) -> bool:
        return obj.read_at is not None


class NotificationPage(Schema):
    count: int
    unread: int
    items: list[NotificationOut]


class ListQuery(Schema):
    unread: bool = False
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0)


class ReadAllOut(Schema):
    marked: int
    unread: int


@router.get(
    "/notifications",
    response=NotificationPage,
    operation_id="notifications_list",
    summary="The caller's notifications, newest first, with the unread count",
)
def list_notifications(request: HttpRequest, filters: Query[ListQuery]) -> NotificationPage:
    qs = selectors.notifications_for(request.user, unread_only=filters.unread)
    items = list(qs[filters.offset : filters.offset + filters.limit])
    return NotificationPage(
        count=qs.count(),
        unread=selectors.unread_count(request.user),
        items=[NotificationOut.from_orm(item) for item in items],
    )


@router.post(
    "/notifications/read-all",
    response=ReadAllOut,
    operation_id="notifications_read_all",
    summary="Mark all the caller's notifications as read",
)
def read_all(request: HttpRequest) -> ReadAllOut:
    marked = services.mark_all_read(actor=request.user, now=timezone.now())
    return ReadAllOut(marked=marked, unread=selectors.unread_count(request.user))


@router.post(
    "/notifications/{notification_id}/read",
    response=NotificationOut,
    operation_id="notifications_read",
    summary="Mark one of the caller's notifications as read (404 for anyone else's)",
)
def read_one(request: HttpRequest, notification_id: int) -> Notification:
    item = get_object_or_404(selectors.notifications_for(request.user), pk=notification_id)
    return services.mark_read(notification=item, actor=request.user, now=timezone.now())
