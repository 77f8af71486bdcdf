"""API authentication: bearer tokens for machines, the session for the browser."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from ictmis.accounts import services
from ictmis.accounts.middleware import OK, SESSION_KEY, two_factor_state


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = services.authenticate_token(token, now=timezone.now())
        if user is not None:
            request.user = user
        return user


class VerifiedSessionAuth(SessionAuth):
    """The browser session, once any two-factor step the user owes is done."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            return None
        state = request.session.get(SESSION_KEY) or two_factor_state(user)
        if state != OK and not user.is_verified():  # type: ignore[union-attr]
            return None
        return user


AUTH = [TokenAuth(), VerifiedSessionAuth()]
