"""Every write of infosec: the inventory, incidents with their clocks and reports, periodic checks."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ictmis.core import events, records
from ictmis.core.access import scope_of
from ictmis.core.errors import DomainError
from ictmis.infosec import levels, notifications, policies, reports, workflow
from ictmis.infosec.models import (
    Check,
    Finding,
    Incident,
    IncidentRule,
    IncidentType,
    InformationSystem,
    ProgressReport,
    SeriousEffect,
    SystemType,
)

SYSTEM_FIELDS = (
    "code", "name", "owner", "operator", "unit", "system_type", "hosting", "personal_data",
    "personal_data_category", "secret_data", "secret_data_category", "proposed_level", "status", "last_checked_on",
)  # fmt: skip


_RELATED = ("owner", "operator", "unit")


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def clean_system(values: Mapping[str, Any], *, today: dt.date) -> dict[str, Any]:
    """Check a system's fields; every problem names its field. Levels are only proposed here: an approved level
    comes from an approval decision."""
    data = {k: values[k] for k in SYSTEM_FIELDS if k in values}
    for field in ("code", "name"):
        if not str(data.get(field) or "").strip():
            raise DomainError(_("This field is required."), field=field)
        data[field] = str(data[field]).strip()
    if data.get("owner") is None:
        raise DomainError(_("Choose the owner agency."), field="owner")
    if data.get("system_type") not in SystemType.values:
        raise DomainError(_("Choose the type of system."), field="system_type")
    if data.get("status", InformationSystem.Status.OPERATING) not in InformationSystem.Status.values:
        raise DomainError(_("Choose the status."), field="status")
    if data.get("proposed_level") not in (None, ""):
        data["proposed_level"] = levels.parse_level(data["proposed_level"], field="proposed_level")
    else:
        data["proposed_level"] = None
    for flag, category in (("personal_data", "personal_data_category"), ("secret_data", "secret_data_category")):
        data[flag] = bool(data.get(flag))
        data[category] = str(data.get(category) or "").strip()
        if data[flag] and not data[category]:
            raise DomainError(_("Name the category of data the system holds."), field=category)
        if not data[flag]:
            data[category] = ""
    checked = data.get("last_checked_on")
    if checked is not None and checked > today:
        raise DomainError(_("The date of the last check cannot be in the future."), field="last_checked_on")
    return data


@transaction.atomic
def save_system(
    *,
    values: Mapping[str, Any],
    actor: Any,
    now: dt.datetime,
    system: InformationSystem | None = None,
    expected_version: int | None = None,
) -> InformationSystem:
    """Create or change a system of the inventory (history and event in the same transaction)."""
    policies.ensure(policies.can_manage_systems(actor), _("Only a specialist keeps the inventory of systems."))
    data = clean_system(values, today=timezone.localdate(now))
    clash = InformationSystem.objects.filter(code=data["code"])
    if system is not None:
        clash = clash.exclude(pk=system.pk)
    if clash.exists():
        raise DomainError(_("Another system has this code."), field="code")
    data = {(f"{k}_id" if k in _RELATED else k): (getattr(v, "pk", v) if k in _RELATED else v) for k, v in data.items()}
    if system is None:
        created = InformationSystem(**data, created_by=_user(actor), updated_by=_user(actor))
        created.full_clean()
        created.save()
        events.record(created, "infosec.system.created", actor=actor, at=now)
        return created
    current = records.lock_version(system, system.version if expected_version is None else expected_version)
    changed = {}
    for field, value in data.items():
        old = getattr(current, field)
        if old != value:
            changed[field] = {"from": old, "to": value}
            setattr(current, field, value)
    if changed:
        current.version += 1
        current.updated_by = _user(actor)
        current.full_clean()
        current.save()
        events.record(current, "infosec.system.changed", actor=actor, at=now, changes=changed)
    return current


@transaction.atomic
def record_ministry_referral(
    *, system: InformationSystem, reference: str, actor: Any, now: dt.datetime
) -> InformationSystem:
    """A level 4–5 dossier went to the Ministry for appraisal: its reference (number and date of the letter)."""
    policies.ensure(policies.can_manage_systems(actor))
    if not reference.strip():
        raise DomainError(_("Give the number and date of the letter to the Ministry."), field="ministry_reference")
    current = InformationSystem.objects.select_for_update().get(pk=system.pk)
    current.ministry_reference = reference.strip()[:160]
    current.version += 1
    current.updated_by = _user(actor)
    current.save()
    events.record(current, "infosec.system.sent_to_ministry", actor=actor, at=now, reference=current.ministry_reference)
    return current


def propose_level(*, system: InformationSystem, level: Any, actor: Any, now: dt.datetime) -> Any:
    """A level dossier for the system, under the procedure the level rule in force names: recorded at the counter
    by a specialist, or submitted online by the owner's or operator's own user. Returns the licensing case."""
    from ictmis.licensing.public import open_case

    parsed = levels.parse_level(level)
    rule = levels.rule_for(parsed, timezone.localdate(now))
    staff = bool(actor.has_perm("licensing.change_case"))
    applicant: Any = system.owner
    if not staff and system.operator is not None and scope_of(actor).organisation_id == system.operator_id:
        applicant = system.operator
    return open_case(
        procedure_code=rule.procedure_code,
        applicant=applicant,
        particulars={"system": system.pk, "level": parsed},
        actor=actor,
        now=now,
        channel="counter" if staff else "online",
    )


def incident_rule(on: dt.date) -> IncidentRule:
    rule = IncidentRule.objects.in_force(on=on).select_related("legal_basis").first()
    if rule is None:
        raise DomainError(
            _("No incident rule is in force on %(day)s.") % {"day": f"{on:%d/%m/%Y}"}, field="detected_at"
        )
    return rule


@transaction.atomic
def report_incident(
    *,
    system: InformationSystem,
    detected_at: dt.datetime,
    incident_type: str,
    symptoms: str,
    contact: str,
    actor: Any,
    now: dt.datetime,
    harm: str = "",
    measures: str = "",
    help_needed: str = "",
    effects: list[str] | None = None,
    beyond_capacity: bool = False,
) -> Incident:
    """An operator reports an incident: the owner and the response team are told at once; beyond the
    operator's capacity, it is escalated at once."""
    system = InformationSystem.objects.select_for_update().get(pk=system.pk)  # as stored now, not as the page saw it
    policies.ensure(
        policies.can_report_incident(actor, system), _("You may report incidents only on your own systems.")
    )
    if system.status == InformationSystem.Status.RETIRED or system.deleted_at is not None:
        raise DomainError(_("The system is retired: report the incident on the system in operation."), field="system")
    if detected_at > now:
        raise DomainError(_("The time of detection cannot be in the future."), field="detected_at")
    if incident_type not in IncidentType.values:
        raise DomainError(_("Choose the type of incident."), field="incident_type")
    if not symptoms.strip():
        raise DomainError(_("Describe the symptoms."), field="symptoms")
    if not contact.strip():
        raise DomainError(_("Give a contact (name, phone)."), field="contact")
    effects = list(dict.fromkeys(effects or []))
    if any(e not in SeriousEffect.values for e in effects):
        raise DomainError(_("Choose effects from the list."), field="effects")
    rule = incident_rule(timezone.localdate(detected_at))
    incident = Incident(
        code=f"tmp-{uuid.uuid4().hex[:24]}",
        system=system,
        system_level=system.level,
        rule=rule,
        detected_at=detected_at,
        reported_at=now,
        incident_type=incident_type,
        symptoms=symptoms.strip(),
        harm=harm.strip(),
        measures=measures.strip(),
        help_needed=help_needed.strip(),
        contact=contact.strip()[:255],
        effects=effects,
        serious=workflow.is_serious(system.level, effects),
        beyond_capacity=beyond_capacity,
        escalated_at=now if beyond_capacity else None,
        notify_due_at=workflow.deadline(detected_at, rule.notify_days),
        reported_by=_user(actor),
        created_by=_user(actor),
        updated_by=_user(actor),
    )
    incident.save()
    incident.code = f"SC-{timezone.localdate(now).year}-{incident.pk:04d}"
    incident.save(update_fields=["code"])
    events.record(incident, "infosec.incident.reported", actor=actor, at=now, serious=incident.serious)
    notifications.incident_reported(incident, now=now)
    if beyond_capacity:
        events.record(incident, "infosec.incident.escalated", actor=actor, at=now)
        notifications.incident_escalated(incident, now=now)
    return incident


def _step(incident: Incident, action: str, actor: Any) -> Incident:
    current = Incident.objects.select_for_update(of=("self",)).select_related("system").get(pk=incident.pk)
    workflow.ensure_allowed(current.status, action)
    policies.ensure(policies.can_follow_incident(actor, current))
    return current


def _save(incident: Incident, actor: Any) -> None:
    incident.version += 1
    incident.updated_by = _user(actor)
    incident.save()


@transaction.atomic
def escalate_incident(*, incident: Incident, actor: Any, now: dt.datetime) -> Incident:
    current = _step(incident, "escalate", actor)
    if current.escalated_at is not None:
        raise DomainError(_("The incident was already escalated."), field="beyond_capacity")
    current.beyond_capacity = True
    current.escalated_at = now
    _save(current, actor)
    events.record(current, "infosec.incident.escalated", actor=actor, at=now)
    notifications.incident_escalated(current, now=now)
    return current


@transaction.atomic
def add_progress(*, incident: Incident, text: str, actor: Any, now: dt.datetime) -> ProgressReport:
    current = _step(incident, "progress", actor)
    if not text.strip():
        raise DomainError(_("Describe the progress of the response."), field="text")
    report = ProgressReport.objects.create(incident=current, at=now, text=text.strip(), by=_user(actor))
    _save(current, actor)
    events.record(current, "infosec.incident.progress", actor=actor, at=now)
    return report


@transaction.atomic
def send_initial_report(*, incident: Incident, actor: Any, now: dt.datetime) -> Incident:
    """The initial report (form 03) to the owner, the coordinating body and the response units at once."""
    current = _step(incident, "initial_report", actor)
    if current.notified_at is not None:
        raise DomainError(_("The initial report was already sent."))
    current.notified_at = now
    _save(current, actor)
    reports.initial_report(current, actor=actor, now=now)
    events.record(current, "infosec.incident.notified", actor=actor, at=now, late=now > current.notify_due_at)
    return current


@transaction.atomic
def close_incident(
    *, incident: Incident, closed_at: dt.datetime, result: str, actor: Any, now: dt.datetime
) -> Incident:
    current = _step(incident, "close", actor)
    if closed_at > now:
        raise DomainError(_("The end of the response cannot be in the future."), field="closed_at")
    if closed_at < current.detected_at:
        raise DomainError(_("The response cannot end before the incident was detected."), field="closed_at")
    if not result.strip():
        raise DomainError(_("Describe the result of the response."), field="result")
    current.status = Incident.Status.CLOSED
    current.closed_at = closed_at
    current.result = result.strip()
    current.end_report_due_at = workflow.deadline(closed_at, current.rule.end_report_days)
    _save(current, actor)
    events.record(current, "infosec.incident.closed", actor=actor, at=now)
    return current


@transaction.atomic
def send_end_report(*, incident: Incident, actor: Any, now: dt.datetime) -> Incident:
    """The end-of-response report (form 04), due within the rule's days after the response closed."""
    current = _step(incident, "end_report", actor)
    if current.end_reported_at is not None:
        raise DomainError(_("The end-of-response report was already sent."))
    current.end_reported_at = now
    _save(current, actor)
    reports.end_report(current, actor=actor, now=now)
    events.record(current, "infosec.incident.end_reported", actor=actor, at=now)
    return current


@transaction.atomic
def plan_check(*, system: InformationSystem, planned_on: dt.date, scope: str, actor: Any, now: dt.datetime) -> Check:
    policies.ensure(policies.can_manage_systems(actor))
    check = Check.objects.create(
        system=system,
        planned_on=planned_on,
        scope=scope.strip()[:255],
        created_by=_user(actor),
        updated_by=_user(actor),
    )
    events.record(check, "infosec.check.planned", actor=actor, at=now)
    return check


@transaction.atomic
def record_check(
    *, check: Check, done_on: dt.date, findings: list[dict[str, Any]], actor: Any, now: dt.datetime
) -> Check:
    """A check done: its findings, each with a remedy and a deadline; the system's last check is that day."""
    policies.ensure(policies.can_manage_systems(actor))
    if done_on > timezone.localdate(now):
        raise DomainError(_("The date of the check cannot be in the future."), field="done_on")
    current = Check.objects.select_for_update().get(pk=check.pk)
    for item in findings:
        if not str(item.get("text", "")).strip() or not str(item.get("remedy", "")).strip():
            raise DomainError(_("Each finding needs its remedy."), field="findings")
        if item.get("remedy_due_on") is None or item["remedy_due_on"] < done_on:
            raise DomainError(_("A remedy's deadline cannot be before the check."), field="remedy_due_on")
    for item in findings:
        Finding.objects.create(
            check_run=current,
            text=item["text"].strip(),
            remedy=item["remedy"].strip(),
            remedy_due_on=item["remedy_due_on"],
        )
    current.done_on = done_on
    current.version += 1
    current.save()
    system = InformationSystem.objects.select_for_update().get(pk=current.system_id)
    if system.last_checked_on is None or system.last_checked_on < done_on:
        system.last_checked_on = done_on
        system.save(update_fields=["last_checked_on", "updated_at"])
    events.record(current, "infosec.check.done", actor=actor, at=now, findings=len(findings))
    return current
