"""Writes about users: creation, roles and scope, deactivation, API tokens, two-factor devices."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext as _

from ictmis.accounts.models import ApiToken, User, hash_token
from ictmis.accounts.roles import Role
from ictmis.core import events
from ictmis.core.errors import DomainError


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


@transaction.atomic
def create_token(*, user: User, name: str, now: dt.datetime) -> tuple[ApiToken, str]:
    """Create a token and return it with its raw key, which is shown once and never stored."""
    raw = ApiToken.new_raw_key()
    token = ApiToken.objects.create(
        user=user, name=name, prefix=raw[: len("ictmis_") + 6], key_hash=hash_token(raw), created_at=now
    )
    events.record(token, "accounts.token.created", actor=user, at=now, name=name)
    return token, raw


@transaction.atomic
def revoke_token(*, token: ApiToken, actor: Any, now: dt.datetime) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = now
        token.save(update_fields=["revoked_at"])
        events.record(token, "accounts.token.revoked", actor=actor, at=now)
    return token


def authenticate_token(raw: str, *, now: dt.datetime) -> User | None:
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
