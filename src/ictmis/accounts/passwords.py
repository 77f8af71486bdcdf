"""Django calls `password_changed()` of every configured password validator whenever a user's password
is saved (change form, reset link, administration, `changepassword`), which makes it the one place to
revoke the user's API tokens: a leaked token must not outlive the password its owner just replaced.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone


class RevokeTokensOnPasswordChange:
    def validate(self, password: str, user: Any = None) -> None:
        return None

    def password_changed(self, password: str, user: Any = None) -> None:
        if user is None or user.pk is None:
            return
        from ictmis.accounts import services

        services.revoke_tokens_of(user=user, actor=user, now=timezone.now(), reason="password_changed")

    def get_help_text(self) -> str:
        return ""
