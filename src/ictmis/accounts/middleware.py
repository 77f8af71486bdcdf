"""Staff who must use two-factor authentication reach nothing but its pages until they have.

What a signed-in user still owes (nothing, a code, or setting up a device) is worked out once per
session and kept there, so ordinary requests cost no query.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

OPEN_PREFIXES = (
    "/static/",
    "/i18n/",
    "/api/",
    "/cong-thong-tin/",
    "/tai-khoan/dang-nhap/",
    "/tai-khoan/dang-xuat/",
    "/tai-khoan/xac-thuc-hai-buoc/",
    "/tai-khoan/quen-mat-khau/",
    "/tai-khoan/dat-lai-mat-khau/",
)
SESSION_KEY = "ictmis_2fa"
OK, VERIFY, SETUP = "ok", "verify", "setup"


def two_factor_state(user: Any) -> str:
    if user.totpdevice_set.filter(confirmed=True).exists():
        return VERIFY
    if settings.REQUIRE_2FA and user.needs_two_factor:
        return SETUP
    return OK


@receiver(user_logged_in, dispatch_uid="ictmis.accounts.reset_2fa_state")
def _reset_state(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    request.session.pop(SESSION_KEY, None)


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith(OPEN_PREFIXES):
            state = request.session.get(SESSION_KEY)
            if state is None:
                state = two_factor_state(user)
                request.session[SESSION_KEY] = state
            if state != OK and not user.is_verified():
                if state == VERIFY:
                    return redirect(f"{reverse('accounts:two_factor_verify')}?next={request.get_full_path()}")
                return redirect("accounts:two_factor")
        return self.get_response(request)
