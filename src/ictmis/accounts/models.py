"""Users, their roles and scope, and API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from ictmis.accounts.roles import PROVINCE_WIDE, STAFF_ROLES, Role
from ictmis.core.access import Scope
from ictmis.core.text import collation_key, split_name


class User(AbstractUser):
    organisation = models.ForeignKey(
        "parties.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    scope_units = models.ManyToManyField(
        "units.AdministrativeUnit",
        verbose_name=_("units in scope"),
        blank=True,
        related_name="+",
        help_text=_("for commune officers: the communes whose records they keep"),
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    position = models.CharField(_("position"), max_length=120, blank=True)
    # One name in Vietnamese order (họ, tên đệm, tên); first_name/last_name are derived from it (the
    # given name and the rest) for Django's own uses, and the sort key orders by given name then family.
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    name_sort_key = models.CharField(max_length=255, blank=True, default="", editable=False, db_index=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["name_sort_key", "username"]
        permissions = [("manage_users", _("Can manage users, roles and scope"))]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.full_name = " ".join(self.full_name.split())
        if self.full_name:
            self.last_name, self.first_name = split_name(self.full_name)
        given_first = f"{self.first_name} {self.last_name}".strip()
        self.name_sort_key = collation_key(given_first) if given_first else ""
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "first_name", "last_name", "name_sort_key"}
        super().save(*args, **kwargs)

    def get_full_name(self) -> str:
        return self.full_name or " ".join(part for part in (self.last_name, self.first_name) if part)

    def get_short_name(self) -> str:
        """The given name, as a Vietnamese speaker is addressed ("anh Hùng", "chị Lan")."""
        return self.first_name or self.username

    @property
    def roles(self) -> list[str]:
        cached = getattr(self, "_roles_cache", None)
        if cached is None:
            names = set(self.groups.values_list("name", flat=True))
            cached = [role.value for role in Role if role.value in names]
            if self.is_superuser and Role.ADMINISTRATOR.value not in cached:
                cached.insert(0, Role.ADMINISTRATOR.value)
            self._roles_cache = cached
        return cached

    @property
    def role_labels(self) -> list[str]:
        return [str(Role(role).label) for role in self.roles]

    @property
    def needs_two_factor(self) -> bool:
        return any(role in STAFF_ROLES for role in self.roles)

    def access_scope(self) -> Scope:
        roles = set(self.roles)
        if roles & PROVINCE_WIDE:
            return Scope(whole_province=True)
        paths: tuple[str, ...] = ()
        if Role.COMMUNE_OFFICER in roles:
            paths = tuple(self.scope_units.values_list("path", flat=True))
        organisation_id = self.organisation_id if Role.ENTERPRISE_USER in roles else None
        return Scope(unit_paths=paths, organisation_id=organisation_id)


TOKEN_PREFIX = "ictmis_"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for machines; only its hash is stored."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=80)
    prefix = models.CharField(_("prefix"), max_length=16, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"))
    expires_at = models.DateTimeField(_("expires at"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def is_expired(self, now: dt.datetime) -> bool:
        return self.expires_at <= now

    def status(self, now: dt.datetime) -> str:
        if self.revoked_at is not None:
            return "revoked"
        return "expired" if self.is_expired(now) else "active"

    @staticmethod
    def new_raw_key() -> str:
        return TOKEN_PREFIX + secrets.token_urlsafe(32)


class SecurityEvent(models.Model):
    """One security-relevant happening (a log-in, a refused request, an export of personal data …).

    Kept apart from the workflow event log: these rows concern no domain object, are searched by user,
    address and time, and are purged after the retention period, which workflow events never are.
    """

    class Kind(models.TextChoices):
        LOGIN_SUCCEEDED = "login_succeeded", _("Log-in succeeded")
        LOGIN_FAILED = "login_failed", _("Log-in failed")
        LOGIN_THROTTLED = "login_throttled", _("Log-in refused: too many failures")
        LOGOUT = "logout", _("Log-out")
        PASSWORD_CHANGED = "password_changed", _("Password changed")
        PASSWORD_RESET = "password_reset", _("Password reset by e-mail link")
        PASSWORD_RESET_REQUESTED = "password_reset_requested", _("Password reset requested")
        PASSWORD_RESET_THROTTLED = "password_reset_throttled", _("Password reset refused: too many requests")
        TWO_FACTOR_ADDED = "two_factor_added", _("Two-factor device added")
        TWO_FACTOR_REMOVED = "two_factor_removed", _("Two-factor device removed")
        TOKEN_CREATED = "token_created", _("API token created")
        TOKEN_REVOKED = "token_revoked", _("API token revoked")
        TOKEN_EXPIRED = "token_expired", _("Expired API token used")
        PERMISSION_DENIED = "permission_denied", _("Access refused (403)")
        PERSONAL_DATA_EXPORTED = "personal_data_exported", _("Personal data exported")
        PERSONAL_DATA_IMPORTED = "personal_data_imported", _("Personal data imported")

    kind = models.CharField(_("event"), max_length=32, choices=Kind.choices)
    at = models.DateTimeField(_("time"))
    actor = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    username = models.CharField(_("user name given"), max_length=150, blank=True)
    address = models.CharField(_("client address"), max_length=64, blank=True)
    path = models.CharField(_("address requested"), max_length=255, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("security event")
        verbose_name_plural = _("security events")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["at"], name="security_event_at_idx"),
            models.Index(fields=["kind", "at"], name="security_event_kind_idx"),
            models.Index(fields=["username", "at"], name="security_event_user_idx"),
            models.Index(fields=["address", "at"], name="security_event_addr_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.username} {self.at:%Y-%m-%d %H:%M}"
