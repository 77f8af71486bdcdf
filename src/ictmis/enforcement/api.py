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
from ninja.errors import ValidationError
from ninja.pagination import paginate
from pydantic import Field

from ictmis.core.api_support import Authorised, Pagination
from ictmis.core.errors import DomainError, NotAllowedError, StaleRecordError
from ictmis.enforcement import execution, onspot, policies, selectors, services, workflow
from ictmis.enforcement.models import (
    Appeal,
    Payment,
    SanctionDecision,
    Sector,
    Title,
    ViolationRecord,
    ViolatorType,
)
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
    response={201: dict[str, Any], 422: dict[str, Any]},
    auth=Authorised("enforcement.add_violationrecord"),
    operation_id="enforcement_record_violation",
)
def create_record(request: HttpRequest, payload: RecordIn) -> Any:
    organisation = None
    if payload.organisation is not None:
        organisation = organisations_for(request.user).filter(pk=payload.organisation).first()
        if organisation is None:
            return _invalid("organisation", _("No such organisation."))
    data = payload.dict()
    data.pop("organisation")
    data["provision_ids"] = data.pop("provisions")
    try:
        record = services.record_violation(actor=request.user, now=timezone.now(), organisation=organisation, **data)
    except DomainError as exc:
        if exc.field != "organisation" or isinstance(exc, NotAllowedError):
            raise
        return _invalid(exc.field, exc.message)
    return Status(201, _record_out(record))


class ActIn(Schema):
    provision: int
    fine: int = Field(ge=0)
    mitigating: str = ""
    aggravating: str = ""


class DecisionIn(Schema):
    """A decision after a record (`record`), or on the spot without one (`without_record: true` with the violator
    and the time and place of the act instead of a record, form MQĐ01)."""

    record: int | None = None
    without_record: bool = False
    violator_type: ViolatorType | None = None
    violator_name: str = Field(default="", max_length=255)
    violator_id_number: str = Field(default="", max_length=14)
    organisation: int | None = None
    address: str = Field(default="", max_length=255)
    act_at: dt.datetime | None = None
    act_ended_on: dt.date | None = None
    place: str = Field(default="", max_length=255)
    unit_code: str = Field(default="", max_length=8)
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
        "kind": decision.kind,
        "record": decision.record_id,
        "act_at": decision.act_at,
        "place": decision.place,
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
            {"provision": a.provision_id, "citation": a.provision.citation, "fine": a.fine, "repeat": a.is_repeat}
            for a in decision.acts.all()
        ],
        "earlier_sanctions": decision.repeat_of,
        "payments": [{"paid_on": p.paid_on, "amount": p.amount, "surcharge": p.surcharge} for p in payments],
        "instalments": decision.instalments,
        "postponed_until": decision.postponed_until,
        "remedial_measures": decision.remedial_measures,
        "remedy_due_on": decision.remedy_due_on,
        "remedy_done_on": decision.remedy_done_on,
        "published_on": decision.published_on,
        "coercions": [
            {
                "number": c.number,
                "decided_on": c.decided_on,
                "measure": c.measure,
                "unpaid_fine": c.unpaid_fine,
                "surcharge": c.surcharge,
                "amount": c.amount,
            }
            for c in decision.coercions.all()
        ],
        "appeals": [
            {
                "id": a.pk,
                "kind": a.kind,
                "lodged_on": a.lodged_on,
                "summary": a.summary,
                "outcome": a.outcome,
                "resolved_on": a.resolved_on,
                "resolution": a.resolution,
            }
            for a in decision.appeals.all()
        ],
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
    if payload.without_record:
        return _create_without_record(request, payload)
    if payload.record is None:
        return _invalid("record", _("Give the violation record, or say the decision is made without one."))
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


def _invalid(field: str, message: str) -> Any:
    return Status(422, {"detail": message, "errors": [{"field": field, "message": message}]})


def _create_without_record(request: HttpRequest, payload: DecisionIn) -> Any:
    missing = [
        name
        for name, value in (
            ("violator_type", payload.violator_type),
            ("violator_name", payload.violator_name.strip()),
            ("violator_id_number", payload.violator_id_number.strip()),
            ("act_at", payload.act_at),
            ("place", payload.place.strip()),
        )
        if not value
    ]
    if payload.record is not None or missing:
        return _invalid(
            "record" if payload.record is not None else missing[0],
            _("A decision without a record gives the violator and the time and place of the act, not a record."),
        )
    assert payload.violator_type is not None and payload.act_at is not None
    act_at = payload.act_at
    if timezone.is_naive(act_at):  # a time without its offset is the local time of Vietnam
        act_at = timezone.make_aware(act_at)
    organisation = None
    if payload.organisation is not None:
        organisation = organisations_for(request.user).filter(pk=payload.organisation).first()
        if organisation is None:
            return _invalid("organisation", _("No such organisation."))
    else:
        organisation = onspot.organisation_of(request.user, payload.violator_type, payload.violator_id_number)
    try:
        decision = onspot.draft_decision_without_record(
            actor=request.user,
            now=timezone.now(),
            violator_type=payload.violator_type,
            violator_name=payload.violator_name,
            violator_id_number=payload.violator_id_number,
            organisation=organisation,
            address=payload.address,
            act_at=act_at,
            act_ended_on=payload.act_ended_on,
            place=payload.place,
            unit_code=payload.unit_code,
            decided_on=payload.decided_on,
            signer_title=payload.signer_title,
            acts=[a.dict() for a in payload.acts],
            additional_sanctions=payload.additional_sanctions,
            remedial_measures=payload.remedial_measures,
        )
    except workflow.SanctionRefused as exc:
        return _refused(exc)
    except DomainError as exc:  # a field of the draft: the organisation, the violator, the unit, the time
        if isinstance(exc, NotAllowedError | StaleRecordError) or not exc.field:
            raise
        return _invalid(exc.field, exc.message)
    return Status(201, decision_out(decision, timezone.localdate()))


class _Shaped:
    """A queryset paginated in the database, each row of the page shaped for the answer."""

    def __init__(self, qs: Any, shape: Any) -> None:
        self.qs, self.shape = qs, shape

    def __len__(self) -> int:
        return int(self.qs.count())

    def __getitem__(self, item: slice) -> list[dict[str, Any]]:
        keys = list(self.qs.values_list("pk", flat=True)[item])  # from an index alone, however deep the page
        rows = self.qs.in_bulk(keys) if keys else {}
        return [self.shape(rows[key]) for key in keys]


def _decision_row(d: SanctionDecision) -> dict[str, Any]:
    return {
        "id": d.pk,
        "number": d.number,
        "status": d.status,
        "violator_name": d.violator_name,
        "violator_type": d.violator_type,
        "sector": d.sector,
        "decree": d.decree.number,
        "decided_on": d.decided_on,
        "signer_title": d.signer_title,
        "total": d.total,
        "paid": d.paid,
        "published_on": d.published_on,
    }


@router.get(
    "/sanction-decisions",
    response=list[dict[str, Any]],
    auth=Authorised("enforcement.view_sanctiondecision"),
    operation_id="enforcement_decisions",
    summary="Sanction decisions, newest first (an enterprise sees its own), by status and sector",
)
@paginate(Pagination)
def decisions(request: HttpRequest, status: str | None = None, sector: str | None = None) -> Any:
    # plain `str` parameters: @paginate resolves this signature outside this module; each checked here instead
    for name, value, allowed in (("status", status, SanctionDecision.Status), ("sector", sector, Sector)):
        if value and value not in allowed.values:
            expected = ", ".join(allowed.values)
            raise ValidationError([{"loc": ("query", name), "type": "enum", "ctx": {"expected": expected}}])
    qs = selectors.decision_rows(request.user, status=status, sector=sector)
    return _Shaped(qs, _decision_row)


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
    return _Shaped(selectors.inspections_for(request.user), _inspection_out)


def _decision(request: HttpRequest, decision_id: int) -> Any:
    return get_object_or_404(selectors.decisions_for(request.user), pk=decision_id)


def _after(request: HttpRequest, decision_id: int) -> Any:
    return Status(200, decision_out(_decision(request, decision_id), timezone.localdate()))


class InstalmentIn(Schema):
    due: dt.date
    amount: int = Field(gt=0)


class InstalmentsIn(Schema):
    instalments: list[InstalmentIn] = Field(min_length=1, max_length=12)


@router.post(
    "/sanction-decisions/{decision_id}/instalments",
    response={200: dict[str, Any], 422: dict[str, Any]},
    auth=Authorised(policies.SIGN),
    operation_id="enforcement_grant_instalments",
    summary="Grant payment in instalments (refused as 422 with the rule and its citation)",
)
def grant_instalments(request: HttpRequest, decision_id: int, payload: InstalmentsIn) -> Any:
    decision = _decision(request, decision_id)
    plan = [(i.due, i.amount) for i in payload.instalments]
    try:
        execution.grant_instalments(actor=request.user, now=timezone.now(), decision=decision, plan=plan)
    except workflow.SanctionRefused as exc:
        return _refused(exc)
    return _after(request, decision_id)


class PostponementIn(Schema):
    until: dt.date
    reason: str = Field(min_length=1, max_length=400)


@router.post(
    "/sanction-decisions/{decision_id}/postponement",
    response={200: dict[str, Any], 422: dict[str, Any]},
    auth=Authorised(policies.SIGN),
    operation_id="enforcement_postpone_payment",
    summary="Postpone the payment of an individual's fine (refused as 422 with the rule and its citation)",
)
def postpone(request: HttpRequest, decision_id: int, payload: PostponementIn) -> Any:
    decision = _decision(request, decision_id)
    try:
        execution.postpone_payment(
            actor=request.user, now=timezone.now(), decision=decision, until=payload.until, reason=payload.reason
        )
    except workflow.SanctionRefused as exc:
        return _refused(exc)
    return _after(request, decision_id)


class AppealIn(Schema):
    kind: Appeal.Kind = Appeal.Kind.COMPLAINT
    lodged_on: dt.date
    summary: str = Field(min_length=1, max_length=2000)


@router.post(
    "/sanction-decisions/{decision_id}/appeals",
    response={201: dict[str, Any]},
    auth=Authorised(policies.DRAFT),
    operation_id="enforcement_record_appeal",
)
def record_appeal(request: HttpRequest, decision_id: int, payload: AppealIn) -> Any:
    decision = _decision(request, decision_id)
    execution.record_appeal(actor=request.user, now=timezone.now(), decision=decision, **payload.dict())
    return Status(201, decision_out(_decision(request, decision_id), timezone.localdate()))


class OutcomeIn(Schema):
    outcome: Appeal.Outcome
    resolved_on: dt.date
    resolution: str = Field(default="", max_length=400)


@router.post(
    "/sanction-decisions/{decision_id}/appeals/{appeal_id}/outcome",
    response={200: dict[str, Any]},
    auth=Authorised(policies.SIGN),
    operation_id="enforcement_resolve_appeal",
)
def resolve_appeal(request: HttpRequest, decision_id: int, appeal_id: int, payload: OutcomeIn) -> Any:
    decision = _decision(request, decision_id)
    appeal = get_object_or_404(decision.appeals.all(), pk=appeal_id)
    execution.resolve_appeal(actor=request.user, now=timezone.now(), appeal=appeal, **payload.dict())
    return _after(request, decision_id)


class DoneIn(Schema):
    done_on: dt.date


@router.post(
    "/sanction-decisions/{decision_id}/remedies-done",
    response={200: dict[str, Any]},
    auth=Authorised(policies.PAY),
    operation_id="enforcement_remedy_done",
)
def remedy_done(request: HttpRequest, decision_id: int, payload: DoneIn) -> Any:
    decision = _decision(request, decision_id)
    execution.record_remedy_done(actor=request.user, now=timezone.now(), decision=decision, done_on=payload.done_on)
    return _after(request, decision_id)


@router.post(
    "/sanction-decisions/{decision_id}/publication",
    response={200: dict[str, Any]},
    auth=Authorised(policies.SIGN),
    operation_id="enforcement_publish_decision",
    summary="Publish a decision against an organisation on the portal",
)
def publish(request: HttpRequest, decision_id: int, basis_checked: bool = False) -> Any:
    """`basis_checked=true` says the leader checked the legal basis of a publication rule still unconfirmed."""
    execution.publish_decision(
        actor=request.user, now=timezone.now(), decision=_decision(request, decision_id), basis_checked=basis_checked
    )
    return _after(request, decision_id)


def _inspection_out(i: Any) -> dict[str, Any]:
    return {
        "id": i.pk,
        "decision_number": i.decision_number,
        "subject": i.subject_name,
        "scope": i.scope,
        "starts_on": i.starts_on,
        "ends_on": i.ends_on,
        "status": i.status,
        "plan": i.plan_id,
        "records": i.records,
        "findings": i.findings,
        "conclusion": i.conclusion,
        "remedies": i.remedies,
    }


@router.get(
    "/inspection-plans",
    response=list[dict[str, Any]],
    auth=Authorised("enforcement.view_inspectionplan"),
    operation_id="enforcement_plans",
)
@paginate(Pagination)
def plans(request: HttpRequest) -> Any:
    return [
        {
            "id": p.pk,
            "year": p.year,
            "title": p.title,
            "planned_inspections": p.planned_inspections,
            "opened": p.done,  # type: ignore[attr-defined]
            "status": p.status,
            "approved_on": p.approved_on,
        }
        for p in selectors.plans_for(request.user)[:1000]
    ]


class PlanIn(Schema):
    year: int = Field(ge=2000, le=2100)
    title: str = Field(min_length=1, max_length=300)
    planned_inspections: int = Field(ge=0, le=9999)


@router.post(
    "/inspection-plans",
    response={201: dict[str, Any]},
    auth=Authorised(policies.PLAN),
    operation_id="enforcement_create_plan",
)
def create_plan(request: HttpRequest, payload: PlanIn) -> Any:
    plan = services.create_plan(actor=request.user, now=timezone.now(), **payload.dict())
    return Status(201, {"id": plan.pk, "status": plan.status, "year": plan.year, "title": plan.title})


@router.post(
    "/inspection-plans/{plan_id}/approval",
    response={200: dict[str, Any]},
    auth=Authorised(policies.APPROVE_PLAN),
    operation_id="enforcement_approve_plan",
)
def approve_plan(request: HttpRequest, plan_id: int) -> Any:
    plan = get_object_or_404(selectors.plans_for(request.user), pk=plan_id)
    plan = services.approve_plan(actor=request.user, now=timezone.now(), plan=plan)
    return {"id": plan.pk, "status": plan.status, "approved_on": plan.approved_on}


class RecordRef(Schema):
    registry: str = Field(min_length=1, max_length=40)
    id: int


class InspectionIn(Schema):
    plan: int | None = None
    subject: int
    scope: str = Field(min_length=1, max_length=400)
    team_head: int
    team: list[int] = Field(default_factory=list, max_length=50)
    starts_on: dt.date
    ends_on: dt.date
    records: list[RecordRef] = Field(default_factory=list, max_length=500)


@router.post(
    "/inspections",
    response={201: dict[str, Any]},
    auth=Authorised(policies.INSPECT),
    operation_id="enforcement_open_inspection",
    summary="Open an inspection; its decision takes the next number of the documents sequence",
)
def open_inspection(request: HttpRequest, payload: InspectionIn) -> Any:
    from django.contrib.auth import get_user_model

    plan = None
    if payload.plan is not None:
        plan = get_object_or_404(selectors.plans_for(request.user), pk=payload.plan)
    subject = organisations_for(request.user).filter(pk=payload.subject).first()
    if subject is None:
        raise DomainError(_("No such organisation."), field="subject")
    users = {
        u.pk: u for u in get_user_model().objects.filter(pk__in=[payload.team_head, *payload.team], is_active=True)
    }
    wanted = [payload.team_head, *payload.team]
    if any(pk not in users or not users[pk].has_perm(policies.INSPECT) for pk in wanted):
        raise DomainError(_("The team is made of inspectors."), field="team")
    inspection = services.open_inspection(
        actor=request.user,
        now=timezone.now(),
        plan=plan,
        subject=subject,
        scope=payload.scope,
        team_head=users[payload.team_head],
        team=[users[pk] for pk in payload.team],
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        records=[r.dict() for r in payload.records],
    )
    return Status(201, _inspection_out(inspection))


class RemedyIn(Schema):
    measure: str = Field(min_length=1, max_length=400)
    due: dt.date


class ConclusionIn(Schema):
    findings: str = Field(min_length=1, max_length=20000)
    conclusion: str = Field(min_length=1, max_length=20000)
    remedies: list[RemedyIn] = Field(default_factory=list, max_length=50)


@router.post(
    "/inspections/{inspection_id}/conclusion",
    response={200: dict[str, Any]},
    auth=Authorised(policies.INSPECT),
    operation_id="enforcement_conclude_inspection",
)
def conclude(request: HttpRequest, inspection_id: int, payload: ConclusionIn) -> Any:
    inspection = get_object_or_404(selectors.inspections_for(request.user), pk=inspection_id)
    inspection = services.conclude_inspection(
        actor=request.user,
        now=timezone.now(),
        inspection=inspection,
        findings=payload.findings,
        conclusion=payload.conclusion,
        remedies=[{"measure": r.measure, "due": r.due.isoformat()} for r in payload.remedies],
    )
    return _inspection_out(inspection)
