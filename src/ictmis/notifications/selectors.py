"""Reads of notifications, always the actor's own."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from ictmis.notifications.kinds import Kind, all_kinds
from ictmis.notifications.models import EmailPreference, Notification, RecipientSettings


def notifications_for(actor: Any, *, unread_only: bool = False) -> QuerySet[Notification]:
    """The actor's own notifications, newest first (anyone else's are simply not there)."""
    if not getattr(actor, "pk", None):
        return Notification.objects.none()
    qs = Notification.objects.filter(recipient_id=actor.pk)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs.order_by("-created_at", "-pk")


def unread_count(actor: Any) -> int:
    return notifications_for(actor, unread_only=True).count()


def email_choices(actor: Any) -> list[tuple[Kind, bool]]:
    """Every registered kind with the actor's e-mail choice (the kind's default when not chosen)."""
    chosen = dict(EmailPreference.objects.filter(user_id=actor.pk).values_list("kind", "email"))
    return [(kind, chosen.get(kind.code, kind.email_default)) for kind in all_kinds()]


def language_of(actor: Any) -> str:
    row = RecipientSettings.objects.filter(user_id=actor.pk).values_list("language", flat=True).first()
    return row or settings.LANGUAGE_CODE
