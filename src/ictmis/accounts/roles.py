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

ALL = ("view", "add", "change", "delete")
VIEW = ("view",)
KEEP = ("view", "add", "change")

# Registry models and what each role may do with them; commune officers keep their commune's records,
# enterprises their own BTS stations (row scope is applied by the selectors).
_COMMUNE_KEPT: dict[str, tuple[str, ...]] = {
    Role.ADMINISTRATOR: ALL,
    Role.SPECIALIST: ALL,
    Role.LEADER: VIEW,
    Role.INSPECTOR: VIEW,
    Role.COMMUNE_OFFICER: KEEP,
}
REGISTRIES: dict[str, dict[str, tuple[str, ...]]] = {  # model -> role -> actions
    "postal.postofficepoint": _COMMUNE_KEPT,
    "broadcasting.radiostation": _COMMUNE_KEPT,
    "internet.accesspoint": _COMMUNE_KEPT,
    "telecom.btsstation": {
        Role.ADMINISTRATOR: ALL,
        Role.SPECIALIST: ALL,
        Role.LEADER: VIEW,
        Role.INSPECTOR: VIEW,
        Role.ENTERPRISE_USER: KEEP,
    },
}

ARTICLES_WRITE = ["portal.view_article", "portal.add_article", "portal.change_article"]
ARTICLES_ALL = [*ARTICLES_WRITE, "portal.publish_article"]

CASES_WORK = ["licensing.view_case", "licensing.add_case", "licensing.change_case", "licensing.view_licence",
              "licensing.add_payment", "licensing.view_payment"]  # fmt: skip
CASES_DECIDE = ["licensing.view_case", "licensing.decide_case", "licensing.view_licence", "licensing.revoke_licence",
                "licensing.view_payment"]  # fmt: skip

PROGRAMMES_WORK = [
    "programmes.view_household",
    "programmes.add_household",
    "programmes.change_household",
    "programmes.view_delivery",
    "programmes.add_delivery",
    "programmes.view_programme",
]
PROGRAMMES_VIEW = ["programmes.view_household", "programmes.view_delivery", "programmes.view_programme"]

ENFORCEMENT_VIEW = [
    "enforcement.view_sanctiondecision",
    "enforcement.view_violationrecord",
    "enforcement.view_inspection",
    "enforcement.view_inspectionplan",
]
ENFORCEMENT_WORK = [
    *ENFORCEMENT_VIEW,
    "enforcement.add_violationrecord",
    "enforcement.change_violationrecord",
    "enforcement.add_sanctiondecision",
    "enforcement.change_sanctiondecision",
    "enforcement.add_payment",
    "enforcement.add_inspection",
    "enforcement.add_inspectionplan",
]
ENFORCEMENT_SIGN = [
    *ENFORCEMENT_VIEW,
    "enforcement.sign_sanctiondecision",
    "enforcement.change_inspectionplan",
    "enforcement.change_sanctiondecision",
    "enforcement.add_payment",
]

BASE: dict[str, list[str]] = {
    Role.ADMINISTRATOR: [
        *_EDIT_ORGS,
        "accounts.manage_users",
        "accounts.view_securityevent",
        "core.view_event",
        "core.change_calendaroverride",
        "portal.view_feedback",
        "portal.change_feedback",
        *ARTICLES_ALL,
        *CASES_WORK,
        *CASES_DECIDE,
        *PROGRAMMES_WORK,
        "programmes.override_delivery",
        *ENFORCEMENT_WORK,
        *ENFORCEMENT_SIGN,
    ],
    Role.LEADER: [
        *_VIEW_ORGS,
        "core.view_event",
        "portal.view_feedback",
        *ARTICLES_ALL,
        *CASES_DECIDE,
        *PROGRAMMES_VIEW,
        *ENFORCEMENT_SIGN,
    ],
    Role.SPECIALIST: [
        *_EDIT_ORGS,
        "portal.view_feedback",
        "portal.change_feedback",
        *ARTICLES_WRITE,
        *CASES_WORK,
        *PROGRAMMES_WORK,
        "programmes.override_delivery",
    ],
    Role.INSPECTOR: [*_VIEW_ORGS, "licensing.view_case", "licensing.view_licence", *ENFORCEMENT_WORK],
    Role.COMMUNE_OFFICER: [*_VIEW_ORGS, *PROGRAMMES_WORK],
    Role.ENTERPRISE_USER: [
        *_VIEW_ORGS,
        "licensing.view_case",
        "licensing.add_case",
        "licensing.view_licence",
        "enforcement.view_sanctiondecision",
    ],
    Role.EDITOR: ["portal.view_feedback", "portal.change_feedback", *ARTICLES_WRITE],
}


def permissions_of(role: Role) -> list[str]:
    granted = list(BASE[role])
    for model, actions_by_role in REGISTRIES.items():
        app_label, model_name = model.split(".")
        granted.extend(f"{app_label}.{action}_{model_name}" for action in actions_by_role.get(role, ()))
    return granted


def sync_roles() -> None:
    from django.contrib.auth.models import Group, Permission

    for role in Role:
        group, _created = Group.objects.get_or_create(name=role.value)
        wanted = []
        for dotted in permissions_of(role):
            app_label, codename = dotted.split(".")
            wanted.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        group.permissions.set(wanted)


def sync_roles_after_migrate(sender: Any, **kwargs: Any) -> None:
    from django.apps import apps

    # Roles name permissions of every app, so sync once the last app has migrated.
    last = list(apps.get_app_configs())[-1]
    if getattr(sender, "label", None) == last.label:
        sync_roles()
