"""Roles are Django groups with a fixed set of permissions, kept in step with this table on migrate."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("administrator")
    LEADER = "leader", _("leader")
    SPECIALIST = "specialist", _("specialist")
    INSPECTOR = "inspector", _("inspector")
    COMMUNE_OFFICER = "commune_officer", _("commune officer")
    ENTERPRISE_USER = "enterprise_user", _("enterprise user")
    EDITOR = "editor", _("editor")


PROVINCE_WIDE = frozenset({Role.ADMINISTRATOR, Role.LEADER, Role.SPECIALIST, Role.INSPECTOR, Role.EDITOR})
STAFF_ROLES = frozenset(set(Role) - {Role.ENTERPRISE_USER})

_VIEW_ORGS = ["parties.view_organisation"]
_EDIT_ORGS = [
    *_VIEW_ORGS,
    "parties.add_organisation",
    "parties.change_organisation",
    "parties.delete_organisation",
]

PERMISSIONS: dict[str, list[str]] = {
    Role.ADMINISTRATOR: [
        *_EDIT_ORGS,
        "accounts.manage_users",
        "core.view_event",
        "core.change_calendaroverride",
    ],
    Role.LEADER: [*_VIEW_ORGS, "core.view_event"],
    Role.SPECIALIST: [*_EDIT_ORGS],
    Role.INSPECTOR: [*_VIEW_ORGS],
    Role.COMMUNE_OFFICER: [*_VIEW_ORGS],
    Role.ENTERPRISE_USER: [*_VIEW_ORGS],
    Role.EDITOR: [],
}


def sync_roles() -> None:
    from django.contrib.auth.models import Group, Permission

    for role in Role:
        group, _created = Group.objects.get_or_create(name=role.value)
        wanted = []
        for dotted in PERMISSIONS[role]:
            app_label, codename = dotted.split(".")
            wanted.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        group.permissions.set(wanted)


def sync_roles_after_migrate(sender: Any, **kwargs: Any) -> None:
    if getattr(sender, "label", None) == "accounts":
        sync_roles()
