"""API authentication: bearer tokens for machines, the session for the browser.

Both are registered with the kernel's `Authorised` guard, which every API route uses.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import HttpError
from ninja.utils import check_csrf

from ictmis.accounts import services
from ictmis.accounts.middleware import OK, SESSION_KEY, two_factor_state

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def token_user(request: HttpRequest) -> Any:
    header = request.headers.get("Authorization", "")
    scheme, _, raw = header.partition(" ")
    if scheme.lower() != "bearer" or not raw.strip():
        return None
    try:
        user = services.authenticate_token(raw.strip(), now=timezone.now())
    except services.TokenExpiredError as exc:
        raise HttpError(401, exc.message) from exc
    if user is not None:
        request.user = user
    return user


def session_user(request: HttpRequest) -> Any:
    """The browser session, once any two-factor step the user owes is done; writes need the CSRF token."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    state = request.session.get(SESSION_KEY) or two_factor_state(user)
    if state != OK and not user.is_verified():
        return None
    if request.method not in SAFE_METHODS and check_csrf(request) is not None:
        return None
    return user
