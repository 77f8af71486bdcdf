"""The security log: who logged in or failed to, changed a password or a token, was refused, or took
personal data out, from which address and when.

Requests pass through `SecurityLogMiddleware`, which remembers the current request (so an event raised
deep inside a service still gets its address and user) and records every 403 answer, from views and the
API alike, at the one place they all pass.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ictmis.accounts.models import SecurityEvent
from ictmis.core import registry
from ictmis.core.http import client_address

Kind = SecurityEvent.Kind
MIN_RETENTION_DAYS = 90

_current_request: contextvars.ContextVar[HttpRequest | None] = contextvars.ContextVar(
    "ictmis_security_request", default=None
)


def current_request() -> HttpRequest | None:
    return _current_request.get()


def _jsonable(data: dict[str, Any]) -> dict[str, Any]:
    return dict(json.loads(json.dumps(data, cls=DjangoJSONEncoder, default=str)))


def _request_user(request: HttpRequest | None) -> Any:
    user = getattr(request, "user", None) if request is not None else None
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def record(
    kind: str,
    *,
    now: dt.datetime | None = None,
    actor: Any = None,
    username: str = "",
    request: HttpRequest | None = None,
    **details: Any,
) -> SecurityEvent:
    """Append a security event; address, path and actor come from the request being served if not given."""
    request = request if request is not None else current_request()
    actor = actor if getattr(actor, "pk", None) else _request_user(request)
    return SecurityEvent.objects.create(
        kind=Kind(kind).value,
        at=now or timezone.now(),
        actor=actor,
        username=(username or getattr(actor, "username", ""))[:150],
        address=client_address(request)[:64] if request is not None else "",
        path=request.path[:255] if request is not None else "",
        details=_jsonable(details),
    )


DETAIL_LABELS = {
    "delay": _("next attempt waits (seconds)"),
    "wait": _("waiting (seconds)"),
    "method": _("method"),
    "token": _("token"),
    "name": _("token name"),
    "expires_at": _("expires at"),
    "reason": _("reason"),
    "device": _("device"),
    "email": _("e-mail"),
    "limit": _("limit reached"),
    "account": _("account found"),
    "registry": _("registry"),
    "rows": _("rows"),
    "format": _("format"),
    "via": _("via"),
}
VALUE_LABELS = {
    "password_changed": _("password changed"),
    "cli": _("command line"),
    "address": _("per address"),
    False: _("no"),
    True: _("yes"),
}


def describe(event: SecurityEvent) -> list[tuple[str, str]]:
    """An event's details as (label, value) pairs in the user's language, for the log page."""
    pairs = []
    for key, value in (event.details or {}).items():
        label = DETAIL_LABELS.get(key, key)
        if key == "limit" and value == "account":
            shown = str(_("per account"))
        elif key == "registry" and value in registry.source_keys():
            shown = str(registry.source(value).label)
        else:
            shown = str(VALUE_LABELS[value]) if isinstance(value, str | bool) and value in VALUE_LABELS else str(value)
        pairs.append((str(label), shown))
    return pairs


def purge(*, now: dt.datetime, retention_days: int) -> int:
    """Delete events older than the retention period (never less than 90 days); returns how many went."""
    retention_days = max(retention_days, MIN_RETENTION_DAYS)
    deleted, _per_model = SecurityEvent.objects.filter(at__lt=now - dt.timedelta(days=retention_days)).delete()
    return deleted


def events(
    *, kind: str | None = None, username: str | None = None, since: dt.date | None = None, until: dt.date | None = None
) -> QuerySet[SecurityEvent]:
    """The log for the administrator's page, newest first, filtered."""
    qs = SecurityEvent.objects.select_related("actor").order_by("-at", "-id")
    if kind:
        qs = qs.filter(kind=kind)
    if username:
        qs = qs.filter(username__iexact=username.strip())
    if since:
        qs = qs.filter(at__date__gte=since)
    if until:
        qs = qs.filter(at__date__lte=until)
    return qs


class SecurityLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _current_request.set(request)
        try:
            response = self.get_response(request)
            if response.status_code == 403:
                record(Kind.PERMISSION_DENIED, request=request, method=request.method)
            return response
        finally:
            _current_request.reset(token)
