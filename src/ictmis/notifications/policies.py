"""Who may do what with a notification: only its recipient reads or marks it."""

from __future__ import annotations

from typing import Any

from ictmis.core.errors import NotAllowedError
from ictmis.notifications.models import Notification


def can_read(actor: Any, notification: Notification) -> bool:
    return bool(getattr(actor, "pk", None)) and notification.recipient_id == actor.pk


def ensure_can_read(actor: Any, notification: Notification) -> None:
    if not can_read(actor, notification):
        raise NotAllowedError()
