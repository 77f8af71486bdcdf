"""`{% notification_bell %}`: the bell in the staff header, one COUNT query per request."""

from __future__ import annotations

from typing import Any

from django import template

from ictmis.notifications import selectors

register = template.Library()


@register.inclusion_tag("notifications/_bell.html", takes_context=True)
def notification_bell(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show": False}
    cached = getattr(request, "_unread_notifications", None)
    if cached is None:
        cached = selectors.unread_count(user)
        request._unread_notifications = cached  # type: ignore[union-attr]
    return {"show": True, "unread": cached}
