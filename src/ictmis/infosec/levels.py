"""Level dossiers (hồ sơ đề xuất cấp độ) as a licence family of the licensing engine.

The result of a case is the approval decision (kept by the engine as its "licence" row of family
`infosec-level`, never public) and the system's approved level. The level rules are data (`LevelRule`):
the parts of the dossier, who appraises and approves, the appraisal days and the approval working days.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ictmis.core.errors import DomainError
from ictmis.core.public import working_calendar
from ictmis.infosec import workflow
from ictmis.infosec.models import LEVELS, InformationSystem, LevelRule

FAMILY = "infosec-level"
PROCEDURES = {"infosec.level-1-2": (1, 2), "infosec.level-3": (3,), "infosec.level-4-5": (4, 5)}


def parse_level(value: Any, field: str = "level") -> int:
    try:
        level = int(value)
    except (TypeError, ValueError):
        raise DomainError(_("The level must be a whole number from 1 to 5."), field=field) from None
    if level not in LEVELS:
        raise DomainError(_("The level must be a whole number from 1 to 5."), field=field)
    return level


def rule_for(level: int, on: dt.date) -> LevelRule:
    rule = LevelRule.objects.in_force(on=on).filter(level=level).select_related("legal_basis").first()
    if rule is None:
        raise DomainError(
            _("No rule for level %(level)s is in force on %(day)s.") % {"level": level, "day": f"{on:%d/%m/%Y}"},
            field="level",
        )
    return rule


def clean(particulars: dict[str, Any], licence: Any, today: dt.date) -> dict[str, Any]:
    level = parse_level(particulars.get("level"))
    procedure = particulars.get("_procedure")
    if procedure in PROCEDURES and level not in PROCEDURES[procedure]:
        raise DomainError(_("This procedure does not handle level %(level)s.") % {"level": level}, field="level")
    try:
        system_id = int(particulars.get("system") or 0)
    except (TypeError, ValueError):
        system_id = 0
    system = InformationSystem.objects.alive().filter(pk=system_id).first()
    if system is None:
        raise DomainError(_("Choose one of the applicant's information systems."), field="system")
    applicant = particulars.get("_applicant")
    if applicant is not None and applicant not in (system.owner_id, system.operator_id):
        raise DomainError(_("Choose one of the applicant's information systems."), field="system")
    if system.status == InformationSystem.Status.RETIRED:
        raise DomainError(_("The system is retired: its level can no longer be approved."), field="system")
    return {"system": system.pk, "system_name": system.name, "level": level}


def subject(particulars: dict[str, Any]) -> str:
    """Stored with the case and printed on its documents: in Vietnamese whatever the user's language."""
    return f"{particulars.get('system_name', '')}, cấp độ {particulars.get('level')}"


def describe(particulars: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        (_("Information system"), str(particulars.get("system_name", ""))),
        (_("Level"), str(particulars.get("level", ""))),
    ]


def due_date(particulars: dict[str, Any], complete_on: dt.date) -> dt.date | None:
    rule = rule_for(parse_level(particulars.get("level")), complete_on)
    return workflow.level_due_date(
        complete_on=complete_on,
        appraisal_days=rule.appraisal_days,
        approval_working_days=rule.approval_working_days,
        add_working_days=working_calendar().add_working_days,
    )


def before_step(case: Any, action: str, actor: Any) -> None:
    """Only who the rule names approves a level; levels sent to the Ministry need its reference first."""
    if action != "grant":
        return
    level = parse_level(case.particulars.get("level"))
    rule = rule_for(level, case.complete_on or case.received_on)
    if not actor.has_perm(rule.approve_permission):
        raise DomainError(
            _("Level %(level)s is approved by %(approver)s: you may not approve it.")
            % {"level": level, "approver": rule.approver},
            field="level",
        )
    if rule.to_ministry:
        system = InformationSystem.objects.get(pk=case.particulars["system"])
        if not system.ministry_reference:
            raise DomainError(
                _("Record the reference of the dossier sent to the Ministry before the approval."),
                field="ministry_reference",
            )


def sync(licence: Any) -> None:
    """The approval decision sets the system's approved level; a revoked decision takes it away."""
    system = InformationSystem.objects.select_for_update().get(pk=licence.particulars["system"])
    if licence.status == "active":
        system.approved_level = int(licence.particulars["level"])
        system.approval_document = licence.reference
        system.approved_on = licence.valid_from
    elif licence.status == "revoked" and system.approval_document == licence.reference:
        system.approved_level = None
        system.approval_document = ""
        system.approved_on = None
    system.version += 1
    system.save()


def register() -> None:
    from ictmis.licensing.public import Family, register_family

    register_family(
        Family(
            key=FAMILY,
            label=str(gettext_lazy("information system security level")),
            licence_title="Quyết định phê duyệt cấp độ an toàn hệ thống thông tin",
            clean=clean,
            subject=subject,
            describe=describe,
            on_change=sync,
            public=False,
            number_kind="infosec-approval",
            due_date=due_date,
            before_step=before_step,
            entry_url_name="infosec:system_list",
        )
    )
