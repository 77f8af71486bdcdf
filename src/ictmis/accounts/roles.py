"""Roles are Django groups with a fixed set of permissions, kept in step with this table on migrate."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from ictmis.core import registry


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

# Persons are personal data (Decree 13/2023/NĐ-CP): the Department's staff who deal with them and the commune
# officers (their communes' persons, by scope); editors and enterprises see none.
PERSONS_VIEW = ["parties.view_person"]
PERSONS_KEEP = [*PERSONS_VIEW, "parties.add_person", "parties.change_person", "parties.delete_person"]

ARTICLES_WRITE = ["portal.view_article", "portal.add_article", "portal.change_article"]
ARTICLES_ALL = [*ARTICLES_WRITE, "portal.publish_article"]

CASES_WORK = ["licensing.view_case", "licensing.add_case", "licensing.change_case", "licensing.view_licence",
              "licensing.add_payment", "licensing.view_payment"]  # fmt: skip
CASES_DECIDE = ["licensing.view_case", "licensing.decide_case", "licensing.view_licence", "licensing.revoke_licence",
                "licensing.view_payment"]  # fmt: skip

# Registries (households included) are not listed here: each RegistrySpec names what every role may do.
PROGRAMMES_WORK = [
    "programmes.view_delivery",
    "programmes.add_delivery",
    "programmes.view_programme",
]
REPORTS_VIEW = ["indicators.view_report"]
REPORTS_FILL = [*REPORTS_VIEW, "indicators.add_report", "indicators.change_report"]
REPORTS_REVIEW = [*REPORTS_FILL, "indicators.review_report", "indicators.override_scorecard"]

PROGRAMMES_VIEW = ["programmes.view_delivery", "programmes.view_programme"]

DIRECTIVES_VIEW = ["directives.view_task"]
DIRECTIVES_RECORD = [
    *DIRECTIVES_VIEW,
    "directives.add_task",
    "directives.view_directingdocument",
    "directives.view_workingsession",
    "directives.view_proposal",
]
DIRECTIVES_WORK = [*DIRECTIVES_RECORD, "directives.report_task"]
DIRECTIVES_DECIDE = [*DIRECTIVES_RECORD, "directives.decide_extension", "directives.confirm_task"]
TRAINING_VIEW = ["training.view_course", "training.view_trainingplan"]
TRAINING_WORK = [*TRAINING_VIEW, "training.add_course", "training.change_course", "training.issue_certificate"]
TRAINING_APPROVE = [*TRAINING_VIEW, "training.approve_trainingplan"]

INFOSEC_KEEP = ["infosec.view_informationsystem", "infosec.add_informationsystem", "infosec.change_informationsystem",
                "infosec.view_incident", "infosec.add_incident", "infosec.change_incident", "infosec.view_check",
                "infosec.add_check", "infosec.change_check"]  # fmt: skip
INFOSEC_VIEW = ["infosec.view_informationsystem", "infosec.view_incident", "infosec.view_check"]
# owners and operators (enterprises, commune People's Committees): their own systems, and report incidents on them
INFOSEC_OWN = ["infosec.view_informationsystem", "infosec.view_incident", "infosec.add_incident"]

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
        *PERSONS_KEEP,
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
        *DIRECTIVES_WORK,
        *DIRECTIVES_DECIDE,
        *TRAINING_WORK,
        "training.approve_trainingplan",
        *REPORTS_REVIEW,
        *INFOSEC_KEEP,
        *ENFORCEMENT_WORK,
        *ENFORCEMENT_SIGN,
    ],
    Role.LEADER: [
        *_VIEW_ORGS,
        *PERSONS_VIEW,
        "core.view_event",
        "portal.view_feedback",
        *ARTICLES_ALL,
        *CASES_DECIDE,
        *PROGRAMMES_VIEW,
        *DIRECTIVES_DECIDE,
        *TRAINING_APPROVE,
        *REPORTS_VIEW,
        *INFOSEC_VIEW,
        *ENFORCEMENT_SIGN,
    ],
    Role.SPECIALIST: [
        *_EDIT_ORGS,
        *PERSONS_KEEP,
        "portal.view_feedback",
        "portal.change_feedback",
        *ARTICLES_WRITE,
        *CASES_WORK,
        *PROGRAMMES_WORK,
        "programmes.override_delivery",
        *DIRECTIVES_WORK,
        *TRAINING_WORK,
        *REPORTS_REVIEW,
        *INFOSEC_KEEP,
    ],
    Role.INSPECTOR: [
        *_VIEW_ORGS,
        *PERSONS_VIEW,
        "licensing.view_case",
        "licensing.view_licence",
        *INFOSEC_VIEW,
        *ENFORCEMENT_WORK,
    ],
    Role.COMMUNE_OFFICER: [
        *_VIEW_ORGS,
        *PERSONS_KEEP,
        *PROGRAMMES_WORK,
        *DIRECTIVES_VIEW,
        "directives.report_task",
        *REPORTS_FILL,
        *INFOSEC_OWN,
    ],
    Role.ENTERPRISE_USER: [
        *_VIEW_ORGS,
        "licensing.view_case",
        "licensing.add_case",
        "licensing.view_licence",
        *INFOSEC_OWN,
        "enforcement.view_sanctiondecision",
    ],
    Role.EDITOR: ["portal.view_feedback", "portal.change_feedback", *ARTICLES_WRITE],
}


def permissions_of(role: Role) -> list[str]:
    """The role's permissions: the table above plus what every registry's spec grants the role."""
    granted = list(BASE[role])
    for spec in registry.all_registries():
        granted.extend(spec.permissions_of(role.value))
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
