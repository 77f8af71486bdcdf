"""Information-security API: the inventory, incidents with their steps, and the summary. Never public."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from ictmis.core.api_support import Authorised, Pagination
from ictmis.core.errors import DomainError
from ictmis.infosec import selectors, services, workflow
from ictmis.infosec.models import Incident, IncidentType, InformationSystem, SeriousEffect, SystemType
from ictmis.parties.public import organisations_for
from ictmis.units.public import unit_by_code

router = Router(tags=["infosec"])
VIEW_SYSTEMS = "infosec.view_informationsystem"
VIEW_INCIDENTS = "infosec.view_incident"


def system_out(system: InformationSystem) -> dict[str, Any]:
    return {
        "id": system.pk, "code": system.code, "name": system.name, "owner": system.owner_id,
        "owner_name": system.owner_name, "operator": system.operator_id,
        "unit": system.unit.code if system.unit is not None else None, "system_type": system.system_type,
        "hosting": system.hosting, "personal_data": system.personal_data,
        "personal_data_category": system.personal_data_category, "secret_data": system.secret_data,
        "secret_data_category": system.secret_data_category, "proposed_level": system.proposed_level,
        "approved_level": system.approved_level, "approval_document": system.approval_document,
        "approved_on": system.approved_on, "ministry_reference": system.ministry_reference,
        "last_checked_on": system.last_checked_on, "status": system.status, "version": system.version,
    }  # fmt: skip


def incident_out(incident: Incident, now: dt.datetime) -> dict[str, Any]:
    notify = workflow.clock(due_at=incident.notify_due_at, done_at=incident.notified_at, now=now)
    end = workflow.clock(due_at=incident.end_report_due_at, done_at=incident.end_reported_at, now=now)
    return {
        "id": incident.pk, "code": incident.code, "system": incident.system_id, "system_name": incident.system_name,
        "system_level": incident.system_level, "detected_at": incident.detected_at,
        "reported_at": incident.reported_at, "incident_type": incident.incident_type, "symptoms": incident.symptoms,
        "harm": incident.harm, "measures": incident.measures, "help_needed": incident.help_needed,
        "contact": incident.contact, "effects": incident.effects, "serious": incident.serious,
        "beyond_capacity": incident.beyond_capacity, "escalated_at": incident.escalated_at,
        "status": incident.status, "closed_at": incident.closed_at, "result": incident.result,
        "notification": {"due_at": notify.due_at, "done_at": incident.notified_at, "state": notify.state,
                         "days_left": notify.days_left, "late": notify.late},
        "end_report": {"due_at": end.due_at, "done_at": incident.end_reported_at, "state": end.state,
                       "days_left": end.days_left, "late": end.late},
        "version": incident.version,
    }  # fmt: skip


class SystemIn(Schema):
    code: str = Field(min_length=1, max_length=40)
    name: str = Field(min_length=1, max_length=255)
    owner: int
    operator: int | None = None
    unit: str | None = None
    system_type: SystemType
    hosting: str = ""
    personal_data: bool = False
    personal_data_category: str = ""
    secret_data: bool = False
    secret_data_category: str = ""
    proposed_level: int | None = None
    status: InformationSystem.Status = InformationSystem.Status.OPERATING
    last_checked_on: dt.date | None = None


class ReferralIn(Schema):
    reference: str


class IncidentIn(Schema):
    system: int
    detected_at: dt.datetime
    incident_type: IncidentType
    symptoms: str
    harm: str = ""
    measures: str = ""
    help_needed: str = ""
    contact: str
    effects: list[SeriousEffect] = []
    beyond_capacity: bool = False


class ProgressIn(Schema):
    text: str


class CloseIn(Schema):
    closed_at: dt.datetime
    result: str


def _organisation(request: HttpRequest, pk: int | None, field: str) -> Any:
    if pk is None:
        return None
    found = organisations_for(request.user).filter(pk=pk).first()
    if found is None:
        raise DomainError(_no_such(), field=field)
    return found


def _no_such() -> str:
    from django.utils.translation import gettext as _

    return _("No such organisation.")


def _system_values(request: HttpRequest, payload: SystemIn) -> dict[str, Any]:
    values = payload.dict()
    values["owner"] = _organisation(request, payload.owner, "owner")
    values["operator"] = _organisation(request, payload.operator, "operator")
    values["unit"] = None
    if payload.unit:
        values["unit"] = unit_by_code(payload.unit)
        if values["unit"] is None:
            from django.utils.translation import gettext as _

            raise DomainError(_("No administrative unit has this code."), field="unit")
    return values


@router.get("/information-systems", response=list[dict[str, Any]], auth=Authorised(VIEW_SYSTEMS))
@paginate(Pagination)
def list_information_systems(
    request: HttpRequest, q: str | None = None, status: InformationSystem.Status | None = None, level: int | None = None
) -> Any:
    from ictmis.core.listing import apply_search

    qs = apply_search(selectors.systems_for(request.user), q).order_by("code")
    if status:
        qs = qs.filter(status=status)
    if level is not None:
        qs = qs.filter(approved_level=level)
    return _Shaped(qs, system_out)


@router.post("/information-systems", response={201: dict[str, Any]}, auth=Authorised("infosec.add_informationsystem"))
def create_information_system(request: HttpRequest, payload: SystemIn) -> Any:
    system = services.save_system(values=_system_values(request, payload), actor=request.user, now=timezone.now())
    return Status(201, system_out(system))


@router.get("/information-systems/{system_id}", response=dict[str, Any], auth=Authorised(VIEW_SYSTEMS))
def get_information_system(request: HttpRequest, system_id: int) -> Any:
    return system_out(get_object_or_404(selectors.systems_for(request.user), pk=system_id))


@router.post(
    "/information-systems/{system_id}/ministry-referral",
    response=dict[str, Any],
    auth=Authorised("infosec.change_informationsystem"),
)
def refer_information_system(request: HttpRequest, system_id: int, payload: ReferralIn) -> Any:
    system = get_object_or_404(selectors.systems_for(request.user), pk=system_id)
    return system_out(
        services.record_ministry_referral(
            system=system, reference=payload.reference, actor=request.user, now=timezone.now()
        )
    )


@router.get("/incidents/summary", response=dict[str, Any], auth=Authorised(VIEW_INCIDENTS))
def incidents_summary(request: HttpRequest) -> Any:
    return selectors.summary(selectors.incidents_for(request.user))


@router.get("/incidents", response=list[dict[str, Any]], auth=Authorised(VIEW_INCIDENTS))
@paginate(Pagination)
def list_incidents(request: HttpRequest, status: Incident.Status | None = None, serious: bool | None = None) -> Any:
    qs = selectors.incidents_for(request.user).order_by("-detected_at", "-id")
    if status:
        qs = qs.filter(status=status)
    if serious is not None:
        qs = qs.filter(serious=serious)
    now = timezone.now()
    return _Shaped(qs, lambda incident: incident_out(incident, now))


@router.post("/incidents", response={201: dict[str, Any]}, auth=Authorised("infosec.add_incident"))
def report_incident(request: HttpRequest, payload: IncidentIn) -> Any:
    system = selectors.systems_for(request.user).filter(pk=payload.system).first()
    if system is None:
        from django.utils.translation import gettext as _

        raise DomainError(_("Choose one of your information systems."), field="system")
    now = timezone.now()
    incident = services.report_incident(
        system=system,
        detected_at=payload.detected_at,
        incident_type=payload.incident_type,
        symptoms=payload.symptoms,
        harm=payload.harm,
        measures=payload.measures,
        help_needed=payload.help_needed,
        contact=payload.contact,
        effects=[str(e) for e in payload.effects],
        beyond_capacity=payload.beyond_capacity,
        actor=request.user,
        now=now,
    )
    return Status(201, incident_out(incident, now))


def _incident(request: HttpRequest, incident_id: int) -> Incident:
    return get_object_or_404(selectors.incidents_for(request.user), pk=incident_id)


@router.get("/incidents/{incident_id}", response=dict[str, Any], auth=Authorised(VIEW_INCIDENTS))
def get_incident(request: HttpRequest, incident_id: int) -> Any:
    return incident_out(_incident(request, incident_id), timezone.now())


@router.post("/incidents/{incident_id}/progress", response={201: dict[str, Any]}, auth=Authorised(VIEW_INCIDENTS))
def incident_progress(request: HttpRequest, incident_id: int, payload: ProgressIn) -> Any:
    now = timezone.now()
    services.add_progress(incident=_incident(request, incident_id), text=payload.text, actor=request.user, now=now)
    return Status(201, incident_out(_incident(request, incident_id), now))


@router.post("/incidents/{incident_id}/close", response=dict[str, Any], auth=Authorised(VIEW_INCIDENTS))
def close_incident(request: HttpRequest, incident_id: int, payload: CloseIn) -> Any:
    now = timezone.now()
    incident = services.close_incident(
        incident=_incident(request, incident_id),
        closed_at=payload.closed_at,
        result=payload.result,
        actor=request.user,
        now=now,
    )
    return incident_out(incident, now)


@router.post("/incidents/{incident_id}/escalate", response=dict[str, Any], auth=Authorised(VIEW_INCIDENTS))
def escalate_incident(request: HttpRequest, incident_id: int) -> Any:
    now = timezone.now()
    return incident_out(
        services.escalate_incident(incident=_incident(request, incident_id), actor=request.user, now=now), now
    )


@router.post("/incidents/{incident_id}/initial-report", response=dict[str, Any], auth=Authorised(VIEW_INCIDENTS))
def incident_initial_report(request: HttpRequest, incident_id: int) -> Any:
    now = timezone.now()
    incident = services.send_initial_report(incident=_incident(request, incident_id), actor=request.user, now=now)
    return incident_out(incident, now)


@router.post("/incidents/{incident_id}/end-report", response=dict[str, Any], auth=Authorised(VIEW_INCIDENTS))
def incident_end_report(request: HttpRequest, incident_id: int) -> Any:
    now = timezone.now()
    incident = services.send_end_report(incident=_incident(request, incident_id), actor=request.user, now=now)
    return incident_out(incident, now)


class _Shaped:
    """A queryset the paginator slices, shaped row by row after slicing."""

    def __init__(self, qs: Any, shape: Any) -> None:
        self.qs, self.shape = qs, shape

    def __len__(self) -> int:
        return int(self.qs.count())

    def count(self) -> int:
        return int(self.qs.count())

    def __getitem__(self, item: slice) -> list[dict[str, Any]]:
        return [self.shape(row) for row in self.qs[item]]
