"""Security events the kernel notices (exports and imports of personal data) are reported here.

`accounts` keeps the security log and listens to `security_event`; the kernel only tells it what
happened, the way it asks `accounts` who is calling through `api_support.register_authenticator`.
"""

from __future__ import annotations

from typing import Any

from django.dispatch import Signal

# Sent with kind= (a SecurityEvent.Kind value), actor=, request= (or None) and details= (a dict).
security_event = Signal()


def report(kind: str, *, actor: Any = None, request: Any = None, **details: Any) -> None:
    """Tell the security log that `kind` happened; outside a request the address is left empty."""
    security_event.send(sender=None, kind=kind, actor=actor, request=request, details=details)


def report_personal_data(spec: Any, direction: str, *, actor: Any, **details: Any) -> None:
    """An export or import (`direction`) of a registry that holds personal data (`public=False`)."""
    if getattr(spec, "public", True):
        return
    report(f"personal_data_{direction}", actor=actor, registry=spec.key, **details)
