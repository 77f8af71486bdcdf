"""Log-ins, log-outs and failures reach the throttle and the security log through Django's own signals,
whichever view or backend produced them; so does the removal of a two-factor device."""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

from ictmis.accounts import security_log, throttle
from ictmis.accounts.models import SecurityEvent
from ictmis.core.http import client_address
from ictmis.core.security import security_event

Kind = SecurityEvent.Kind


def _buckets(request: HttpRequest | None, username: str) -> list[throttle.Bucket]:
    cookies = getattr(request, "COOKIES", {}) if request is not None else {}
    return throttle.login_buckets(
        username=username,
        address=client_address(request) if request is not None else "",
        device_cookie=cookies.get(throttle.DEVICE_COOKIE),
    )


@receiver(user_login_failed, dispatch_uid="ictmis.accounts.login_failed")
def _login_failed(sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any) -> None:
    username = str(credentials.get("username") or "")
    delay = throttle.record_failure(_buckets(request, username), now=time.time())
    security_log.record(Kind.LOGIN_FAILED, username=username, request=request, delay=delay)


@receiver(user_logged_in, dispatch_uid="ictmis.accounts.logged_in")
def _logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    throttle.record_success(_buckets(request, user.get_username()))
    security_log.record(Kind.LOGIN_SUCCEEDED, actor=user, request=request)


@receiver(user_logged_out, dispatch_uid="ictmis.accounts.logged_out")
def _logged_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is not None:
        security_log.record(Kind.LOGOUT, actor=user, request=request)


@receiver(post_delete, sender=TOTPDevice, dispatch_uid="ictmis.accounts.totp_removed")
def _device_removed(sender: Any, instance: TOTPDevice, **kwargs: Any) -> None:
    if instance.confirmed:
        security_log.record(Kind.TWO_FACTOR_REMOVED, username=instance.user.get_username(), device=instance.name)


@receiver(security_event, dispatch_uid="ictmis.accounts.kernel_security_event")
def _kernel_event(sender: Any, kind: str, actor: Any, request: Any, details: dict[str, Any], **kwargs: Any) -> None:
    security_log.record(kind, actor=actor, request=request, **details)
