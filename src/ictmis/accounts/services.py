"""Writes about users: creation, roles and scope, deactivation, API tokens, two-factor devices."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ictmis.accounts import security_log
from ictmis.accounts.models import ApiToken, SecurityEvent, User, hash_token
from ictmis.accounts.roles import Role
from ictmis.core import events
from ictmis.core.errors import DomainError

Kind = SecurityEvent.Kind


def _set_roles(user: User, roles: Iterable[str]) -> None:
    wanted = {Role(role).value for role in roles}
    user.groups.set(Group.objects.filter(name__in=wanted))
    user.__dict__.pop("_roles_cache", None)


@transaction.atomic
def create_user(
    *,
    actor: Any,
    now: dt.datetime,
    username: str,
    password: str | None,
    roles: Iterable[str],
    organisation: Any = None,
    scope_units: Iterable[Any] = (),
    **fields: Any,
) -> User:
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError(_("This user name is already taken."), field="username")
    user = User(username=username, organisation=organisation, **fields)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    _set_roles(user, roles)
    user.scope_units.set(list(scope_units))
    events.record(user, "accounts.user.created", actor=actor, at=now, roles=sorted(roles))
    return user


@transaction.atomic
def update_user(
    *,
    user: User,
    actor: Any,
    now: dt.datetime,
    roles: Iterable[str],
    scope_units: Iterable[Any],
    **fields: Any,
) -> User:
    if user.pk == getattr(actor, "pk", None) and fields.get("is_active") is False:
        raise DomainError(_("You cannot deactivate your own account."), field="is_active")
    for name, value in fields.items():
        setattr(user, name, value)
    user.save()
    before = sorted(user.roles)
    _set_roles(user, roles)
    user.scope_units.set(list(scope_units))
    events.record(
        user,
        "accounts.user.updated",
        actor=actor,
        at=now,
        roles_before=before,
        roles_after=sorted(roles),
        **{k: str(v) for k, v in fields.items()},
    )
    return user


MAX_TOKEN_DAYS = 3650


class TokenExpiredError(DomainError):
    default_message = gettext_lazy("The API token has expired. Create a new one on your account page.")


@transaction.atomic
def create_token(*, user: User, name: str, now: dt.datetime, days: int | None = None) -> tuple[ApiToken, str]:
    """Create a token valid for `days` (the configured lifetime if None) and return it with its raw key,
    which is shown once and never stored."""
    lifetime = settings.TOKEN_LIFETIME_DAYS if days is None else days
    if not 1 <= lifetime <= MAX_TOKEN_DAYS:
        raise DomainError(_("A token is valid for 1 to %(max)s days.") % {"max": MAX_TOKEN_DAYS}, field="days")
    raw = ApiToken.new_raw_key()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=raw[: len("ictmis_") + 6],
        key_hash=hash_token(raw),
        created_at=now,
        expires_at=now + dt.timedelta(days=lifetime),
    )
    events.record(token, "accounts.token.created", actor=user, at=now, name=name)
    security_log.record(
        Kind.TOKEN_CREATED, now=now, actor=user, token=token.prefix, name=name, expires_at=token.expires_at
    )
    return token, raw


@transaction.atomic
def revoke_token(*, token: ApiToken, actor: Any, now: dt.datetime, reason: str = "") -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = now
        token.save(update_fields=["revoked_at"])
        events.record(token, "accounts.token.revoked", actor=actor, at=now)
        security_log.record(
            Kind.TOKEN_REVOKED, now=now, actor=actor, username=token.user.username, token=token.prefix, reason=reason
        )
    return token


@transaction.atomic
def revoke_tokens_of(*, user: User, actor: Any, now: dt.datetime, reason: str) -> int:
    """Revoke every active token of `user` (after a password change or reset); returns how many."""
    tokens = list(ApiToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True))
    for token in tokens:
        revoke_token(token=token, actor=actor, now=now, reason=reason)
    return len(tokens)


def authenticate_token(raw: str, *, now: dt.datetime) -> User | None:
    """The active user holding the token `raw`, or None; an expired token raises TokenExpiredError.

    The last use is written at most once a minute per token, so a busy client costs no write per call.
    """
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    if token.is_expired(now):
        if cache.add(f"ictmis:token-expired-logged:{token.pk}", 1, timeout=3600):
            security_log.record(Kind.TOKEN_EXPIRED, now=now, actor=token.user, token=token.prefix)
        raise TokenExpiredError()
    if token.last_used_at is None or now - token.last_used_at >= dt.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
