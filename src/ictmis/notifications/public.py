"""What other apps use: declare a kind, send a notification, find the usual recipients.

    register_kind("licensing.case.received", _("Case received"))          # in the app's notifications.py
    notify(recipients=users, event="licensing.case.received", context={...}, link=url, now=now)

Templates: `templates/notifications/<kind>.subject.txt`, `<kind>.txt` and optionally `<kind>.html`,
rendered in each recipient's language with the context plus `link` and `url` (absolute).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from ictmis.notifications.kinds import Kind, UnknownKindError, register_kind
from ictmis.notifications.services import notify

__all__ = ["Kind", "UnknownKindError", "notify", "organisation_users", "register_kind", "users_with_role"]


def users_with_role(*roles: str) -> QuerySet[Any]:
    """Active users holding any of these roles (role names as in accounts.roles.Role)."""
    return get_user_model().objects.filter(groups__name__in=roles, is_active=True).distinct()


def organisation_users(organisation_id: int | None) -> QuerySet[Any]:
    """The active accounts of an organisation (an enterprise's users)."""
    if organisation_id is None:
        return get_user_model().objects.none()
    return get_user_model().objects.filter(organisation_id=organisation_id, is_active=True)
