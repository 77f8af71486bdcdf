"""Enforcement API: the law in force (provisions, authorities), violation records, sanction decisions (refused as
422 naming each rule and its citation), payments, inspections. Inspectors and leaders; enterprises see their own
decisions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from ictmis.core.api_support import Authorised, Pagination
from ictmis.core.errors import DomainError
from ictmis.enforcement import selectors, services, workflow
from ictmis.enforcement.models import Payment, Sector, Title, ViolationRecord, ViolatorType
from ictmis.parties.public import organisations_for

router = Router(tags=["enforcement"])
STAFF = "enforcement.view_violationrecord"


class OnFilter(Schema):
    on: dt.date | None = None
    sector: Sector | None = None


class AuthorityFilter(Schema):
    on: dt.date | None = None
    title: Title | None = None


@router.get(
    "/sanction-provisions",
    response=list[dict[str, Any]],
    auth=Authorised(STAFF),
    operation_id="enforcement_provisions",
    summary="Sanction provisions in force on a date, with fine ranges",
)
def provisions(request: HttpRequest, filters: Query[OnFilter]) -> Any:
    day = filters.on or timezone.localdate()
    return [
        {
            "id": p.pk,
            "act_code": p.act_code,
            "act": p.act,
            "sector": p.sector,
            "citation": p.citation,
            "organisation": {"min": p.min_fine, "max": p.max_fine},
            "individual": dict(zip(("min", "max"), p.range_for(ViolatorType.INDIVIDUAL), strict=True)),
            "valid_from": p.valid_from,
            "valid_to": p.valid_to,
            "unconfirmed": p.unconfirmed,
        }
        for p in selectors.provisions_on(day, sector=filters.sector)
    ]


@router.get(
    "/sanction-authorities",
    response=list[dict[str, Any]],
    auth=Authorised(STAFF),
    operation_id="enforcement_authorities",
    summary="Signing limits by title on a date",
)
def authorities(request: HttpRequest, filters: Query[AuthorityFilter]) -> Any:
    day = filters.on or timezone.localdate()
    return [
        {
            "title": a.title,
            "title_label": a.get_title_display(),
            "sectors": a.sectors,
            "max_fine_organisation": a.max_fine,
            "max_fine_individual": a.max_fine // 2,
            "may_suspend_licence": a.may_suspend_licence,
            "citation": a.citation,
            "valid_from": a.valid_from,
            "valid_to": a.valid_to,
            "unconfirmed": a.unconfirmed,
        }
        for a in selectors.authorities_on(day, title=filters.title)
    ]


class RecordIn(Schema):
    violator_type: ViolatorType
    violator_name: str = Field(min_length=1, max_length=255)
    violator_id_number: str = Field(min_length=1, max_length=14)
    organisation: int | None = None
    address: str = ""
    place: str = Field(min_length=1, max_length=255)
    unit_code: str = Field(default="", max_length=8)
    act_ended_on: dt.date | None = None
    detected_on: dt.date
    provisions: list[int] = Field(min_length=1)
    witnesses: str = ""
    statement: str = ""
    complexity: ViolationRecord.Complexity = ViolationRecord.Complexity.ORDINARY


def _record_out(record: ViolationRecord) -> dict[str, Any]:
    return {
        "id": record.pk,
        "number": record.number,
        "violator_name": record.violator_name,
        "violator_type": record.violator_type,
        "status": record.status,
        "detected_on": record.detected_on,
        "act_ended_on": record.act_ended_on,
        "unit": record.unit.name if record.unit is not None else "",
        "transferred_to": record.transferred_to,
        "acts": [
            {"provision": a.provision_id, "citation": a.provision.citation, "repeat": a.is_repeat}
            for a in record.acts.all()
        ],
        "earlier_sanctions": record.repeat_of,
    }


@router.post(
    "/violation-records",
    response={201: dict[str, Any]},
    auth=Authorised("enforcement.add_violationrecord"),
    operation_id="enforcement_record_violation",
)
def create_record(request: HttpRequest, payload: RecordIn) -> Any:
    organisation = None
    if payload.organisation is not None:
        organisation = organisations_for(request.user).filter(pk=payload.organisation).first()
        if organisation is None:
            raise DomainError(_("No such organisation."), field="organisation")
    data = payload.dict()
    data.pop("organisation")
    data["provision_ids"] = data.pop("provisions")
    record = services.record_violation(actor=request.user, now=timezone.now(), organisation=organisation, **data)
    return Status(201, _record_out(record))


class ActIn(Schema):
    provision: int
    fine: int = Field(ge=0)
    mitigating: str = ""
    aggravating: str = ""


class DecisionIn(Schema):
    record: int
    decided_on: dt.date
    signer_title: Title
    acts: list[ActIn] = Field(min_length=1)
    additional_sanctions: str = ""
    remedial_measures: str = ""
    remedy_due_on: dt.date | None = None


def decision_out(decision: Any, today: dt.date) -> dict[str, Any]:
    payments = list(decision.payments.all())
    return {
        "id": decision.pk,
        "number": decision.number,
        "status": decision.status,
        "violator_name": decision.violator_name,
        "violator_type": decision.violator_type,
        "decree": decision.decree.number,
        "decided_on": decision.decided_on,
        "signer_title": decision.signer_title,
        "total": decision.total,
        "paid": decision.paid,
        "delivered_on": decision.delivered_on,
        "payment_due": services.payment_due(decision) if decision.status != workflow.DRAFT else None,
        "surcharge_to_date": services.surcharge_to(decision, today, payments),
        "more_lenient": decision.more_lenient_note,
        "acts": [
            {"provision": a.provision_id, "citation": a.provision.citation, "fine": a.fine} for a in decision.acts.all()
        ],
        "payments": [{"paid_on": p.paid_on, "amount": p.amount, "surcharge": p.surcharge} for p in payments],
    }


def _refused(exc: workflow.SanctionRefused) -> Any:
    return Status(
        422,
        {
            "detail": _("The law refuses this decision."),
            "competent_title": exc.competent,
            "errors": [r.as_error() for r in exc.refusals],
        },
    )


@router.post(
    "/sanction-decisions",
    response={201: dict[str, Any], 422: dict[str, Any]},
    auth=Authorised("enforcement.add_sanctiondecision"),
    operation_id="enforcement_draft_decision",
)
def create_decision(request: HttpRequest, payload: DecisionIn) -> Any:
    record = get_object_or_404(selectors.records_for(request.user), pk=payload.record)
    try:
        decision = services.draft_decision(
            actor=request.user,
            now=timezone.now(),
            record=record,
            decided_on=payload.decided_on,
            signer_title=payload.signer_title,
            acts=[a.dict() for a in payload.acts],
            additional_sanctions=payload.additional_sanctions,
            remedial_measures=payload.remedial_measures,
            remedy_due_on=payload.remedy_due_on,
        )
    except workflow.SanctionRefused as exc:
        return _refused(exc)
    return Status(201, decision_out(decision, timezone.localdate()))


@router.get(
    "/sanction-decisions/{decision_id}",
    response=dict[str, Any],
    auth=Authorised("enforcement.view_sanctiondecision"),
    operation_id="enforcement_decision",
)
def get_decision(request: HttpRequest, decision_id: int) -> Any:
    decision = get_object_or_404(selectors.decisions_for(request.user), pk=decision_id)
    return decision_out(decision, timezone.localdate())


class PaymentIn(Schema):
    paid_on: dt.date
    amount: int = Field(gt=0)
    channel: Payment.Channel = Payment.Channel.TREASURY
    receipt: str = ""


@router.post(
    "/sanction-decisions/{decision_id}/payments",
    response={201: dict[str, Any]},
    auth=Authorised("enforcement.add_payment"),
    operation_id="enforcement_record_payment",
)
def add_payment(request: HttpRequest, decision_id: int, payload: PaymentIn) -> Any:
    decision = get_object_or_404(selectors.decisions_for(request.user), pk=decision_id)
    services.record_payment(actor=request.user, now=timezone.now(), decision=decision, **payload.dict())
    decision.refresh_from_db()
    return Status(201, decision_out(decision, timezone.localdate()))


@router.get(
    "/inspections",
    response=list[dict[str, Any]],
    auth=Authorised("enforcement.view_inspection"),
    operation_id="enforcement_inspections",
)
@paginate(Pagination)
def inspections(request: HttpRequest) -> Any:
    return [
        {
            "id": i.pk,
            "decision_number": i.decision_number,
            "subject": i.subject_name,
            "scope": i.scope,
            "starts_on": i.starts_on,
            "ends_on": i.ends_on,
            "status": i.status,
            "plan": i.plan_id,
            "records": i.records,
            "remedies": i.remedies,
        }
        for i in selectors.inspections_for(request.user)[:1000]
    ]
