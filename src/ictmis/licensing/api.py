"""Licensing API: procedures and the licence register (public), cases with their steps, files, fees and
documents (staff, and enterprises for their own cases)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from ictmis.core.api_support import Amount, Anyone, Authorised, Pagination
from ictmis.core.errors import DomainError
from ictmis.core.uploads import read_bounded
from ictmis.documents.public import documents_of
from ictmis.licensing import families, policies, selectors, services, workflow
from ictmis.licensing.models import Case, Licence, Payment
from ictmis.licensing.uploads import MAX_BYTES as CASE_FILE_MAX_BYTES
from ictmis.licensing.workflow import EARLIEST_DAY
from ictmis.parties.public import organisations_for

router = Router(tags=["licensing"])


class RuleOut(Schema):
    valid_from: dt.date
    valid_to: dt.date | None
    time_limit_days: int
    fee: int
    legal_basis: str
    citation: str
    required_documents: list[str]
    result_form: str
    unconfirmed: bool


class ProcedureOut(Schema):
    code: str
    name: str
    handling_unit: str
    action: str
    online: bool
    rule_in_force: RuleOut | None


def _rule_out(rule: Any) -> dict[str, Any] | None:
    if rule is None:
        return None
    return {
        "valid_from": rule.valid_from,
        "valid_to": rule.valid_to,
        "time_limit_days": rule.time_limit_days,
        "fee": rule.fee,
        "legal_basis": rule.legal_basis.number,
        "citation": f"{rule.article}, {rule.legal_basis.number}",
        "required_documents": rule.required_documents,
        "result_form": rule.result_form,
        "unconfirmed": rule.unconfirmed,
    }


@router.get("/procedures", response=list[ProcedureOut], auth=None, summary="Procedures and the rule in force today")
def list_procedures(request: HttpRequest) -> Any:
    today = timezone.localdate()
    result = []
    for procedure in selectors.procedures():
        rule = next(
            (r for r in procedure.rules.all() if r.valid_from <= today and (r.valid_to is None or r.valid_to > today)),
            None,
        )
        result.append(
            {
                "code": procedure.code,
                "name": procedure.name,
                "handling_unit": procedure.handling_unit,
                "action": procedure.action,
                "online": procedure.online,
                "rule_in_force": _rule_out(rule),
            }
        )
    return result


def _licence_out(licence: Licence, full: bool) -> dict[str, Any]:
    today = timezone.localdate()
    data: dict[str, Any] = {
        "id": licence.pk,
        "number": licence.number,
        "family": licence.family,
        "holder": licence.holder_name,
        "subject": licence.subject,
        "valid_from": licence.valid_from,
        "valid_until": licence.valid_until,
        "status": licence.status_on(today),
        "domains": licence.particulars.get("domains", []),
    }
    if full:
        data |= {
            "holder_id": licence.holder_id,
            "particulars": licence.particulars,
            "renewals": licence.renewals,
            "version": licence.version,
            "changes": [
                {"kind": c.kind, "on": c.on, "decision": c.decision, "note": c.note} for c in licence.changes.all()
            ],
        }
    return data


def _full_view(request: HttpRequest) -> Any:
    """Who sees a licence's particulars and history is `policies.sees_particulars`, asked per licence."""
    return lambda licence: policies.sees_particulars(request.user, licence)


@router.get("/licences", response=list[dict[str, Any]], auth=Anyone(), summary="The licence register")
@paginate(Pagination)
def list_licences(request: HttpRequest, q: str | None = None, status: str | None = None) -> Any:
    qs = selectors.public_licences(q).prefetch_related("changes")
    if status:
        qs = qs.filter(status=status)
    full = _full_view(request)
    return _Shaped(qs, lambda licence: _licence_out(licence, full(licence)))


class _Shaped:
    def __init__(self, qs: Any, shape: Any) -> None:
        self.qs, self.shape = qs, shape

    def __len__(self) -> int:
        return int(self.qs.count())

    def __getitem__(self, item: slice) -> list[dict[str, Any]]:
        return [self.shape(row) for row in self.qs[item]]


class LicenceIn(Schema):
    family: str = "website"
    number: str
    holder: int
    valid_from: dt.date
    valid_until: dt.date
    particulars: dict[str, Any] = {}


@router.post(
    "/licences",
    response={201: dict[str, Any]},
    auth=Authorised("licensing.change_case"),
    summary="Enter a licence issued before the system (paper register)",
)
def record_licence(request: HttpRequest, payload: LicenceIn) -> Any:
    holder = organisations_for(request.user).filter(pk=payload.holder).first()
    if holder is None:
        raise DomainError(_("No such organisation."), field="holder")
    licence = services.record_existing_licence(
        family_key=payload.family,
        number=payload.number,
        holder=holder,
        valid_from=payload.valid_from,
        valid_until=payload.valid_until,
        particulars=payload.particulars,
        actor=request.user,
        now=timezone.now(),
    )
    return Status(201, _licence_out(licence, True))


@router.get("/licences/{licence_id}", response=dict[str, Any], auth=Anyone())
def get_licence(request: HttpRequest, licence_id: int) -> Any:
    licence = get_object_or_404(Licence, pk=licence_id)
    if not families.get(licence.family).public and not _full_view(request)(licence):
        raise Http404
    return _licence_out(licence, _full_view(request)(licence))


def case_out(case: Case, actor: Any) -> dict[str, Any]:
    """The case as the actor sees it: the steps and the upload it may take come from the policies."""
    today = timezone.localdate()
    return {
        "id": case.pk,
        "code": case.code,
        "procedure": case.procedure.code,
        "applicant": case.applicant_id,
        "applicant_name": case.applicant_name,
        "subject": case.subject,
        "channel": case.channel,
        "status": case.status,
        "received_on": case.received_on,
        "complete_on": case.complete_on,
        "due_date": case.due_on,
        "appointment_on": case.appointment_on,
        "finished_on": case.finished_on,
        "timeliness": workflow.timeliness(due_on=case.due_on, finished_on=case.finished_on, today=today),
        "rule": _rule_out(case.rule),
        "checklist": case.checklist,
        "particulars": case.particulars,
        "licence": case.licence.number if case.licence else None,
        "fee_assessed": case.fee_assessed,
        "fee_paid": case.paid_total if hasattr(case, "paid_total") else services.paid(case),
        "allowed_actions": policies.allowed_actions(actor, case),
        "may_upload": policies.can_upload(actor, case),
        "version": case.version,
        "back_entered": case.back_entered,
        "assignee": case.assignee_id,
        "assignee_name": str(case.assignee) if case.assignee_id else None,
    }


class CaseIn(Schema):
    procedure: str
    applicant: int
    received_on: dt.date | None = None
    channel: Case.Channel = Case.Channel.COUNTER
    particulars: dict[str, Any] = {}
    checklist: list[bool] | None = None
    licence: str | None = None  # its number ("3/GP-STTTT"), or number and year ("3/GP-STTTT/2019")


class StepIn(Schema):
    note: str = ""
    on: Annotated[dt.date | None, Field(ge=EARLIEST_DAY)] = None
    checklist: list[bool] | None = None
    version: int | None = None


class AssignIn(Schema):
    assignee: int | None = Field(None, description="the user to hand the case to; null takes it back")
    version: int | None = None


class FeeIn(Schema):
    amount: Amount
    reason: str = Field("", max_length=300)


class PaymentIn(Schema):
    amount: Amount
    paid_on: dt.date = Field(ge=EARLIEST_DAY)
    channel: Payment.Channel = Payment.Channel.TRANSFER
    receipt_number: str = Field(max_length=60)


def _case(request: HttpRequest, case_id: int) -> Case:
    return get_object_or_404(selectors.cases_for(request.user), pk=case_id)


@router.get("/cases", response=list[dict[str, Any]], auth=Authorised("licensing.view_case"))
@paginate(Pagination)
def list_cases(
    request: HttpRequest,
    status: str | None = None,
    view: str | None = None,
    procedure: str | None = None,
    q: str | None = None,
    mine: str | None = None,
) -> Any:
    """`mine=assigned`: the cases assigned to the caller; `mine=waiting`: those whose next step is the caller's."""
    from ictmis.core.listing import apply_search

    qs = apply_search(selectors.cases_for(request.user), q).order_by("-id")
    if mine:
        if mine not in selectors.MINE:
            raise ValidationError({"mine": [_("Use assigned or waiting.")]})
        qs = selectors.filter_mine(qs, mine=mine, actor=request.user)
    if status:
        qs = qs.filter(status=status)
    if procedure:
        qs = qs.filter(procedure__code=procedure)
    if view:
        qs = selectors.filter_cases(qs, view=view, today=timezone.localdate())
    return _Shaped(qs, lambda case: case_out(case, request.user))


@router.post("/cases", response={201: dict[str, Any]}, auth=Authorised("licensing.add_case"))
def create_case(request: HttpRequest, payload: CaseIn) -> Any:
    applicant = organisations_for(request.user).filter(pk=payload.applicant).first()
    if applicant is None:
        raise DomainError(_("No such organisation."), field="applicant")
    is_staff = policies.can_enter_at_counter(request.user)
    licence = None
    if payload.licence:
        licence = selectors.licence_of(applicant, payload.licence)
    case = services.open_case(
        procedure_code=payload.procedure,
        applicant=applicant,
        particulars=payload.particulars,
        actor=request.user,
        now=timezone.now(),
        channel=payload.channel if is_staff else Case.Channel.ONLINE,
        received_on=payload.received_on if is_staff else None,
        checklist=payload.checklist,
        licence=licence,
    )
    return Status(201, case_out(selectors.cases_for(request.user).get(pk=case.pk), request.user))


@router.get("/cases/{case_id}", response=dict[str, Any], auth=Authorised("licensing.view_case"))
def get_case(request: HttpRequest, case_id: int) -> Any:
    return case_out(_case(request, case_id), request.user)


@router.get("/cases/{case_id}/files", response=list[dict[str, Any]], auth=Authorised("licensing.view_case"))
def list_files(request: HttpRequest, case_id: int) -> Any:
    case = _case(request, case_id)
    return [
        {
            "id": f.pk,
            "label": f.label,
            "name": f.original_name,
            "kind": f.kind,
            "size": f.size,
            "uploaded_at": f.uploaded_at,
        }
        for f in case.files.all()
    ]


@router.post("/cases/{case_id}/files", response={201: dict[str, Any]}, auth=Authorised("licensing.view_case"))
def upload_file(request: HttpRequest, case_id: int, file: File[UploadedFile], label: Form[str]) -> Any:
    item = services.add_file(
        case=_case(request, case_id),
        upload=services.Upload(
            label=label, data=read_bounded(file, max_bytes=CASE_FILE_MAX_BYTES), filename=file.name or ""
        ),
        actor=request.user,
        now=timezone.now(),
    )
    return Status(201, {"id": item.pk, "label": item.label, "name": item.original_name, "kind": item.kind})


@router.get("/cases/{case_id}/files/{file_id}", auth=Authorised("licensing.view_case"))
def download_file(request: HttpRequest, case_id: int, file_id: int) -> Any:
    item = get_object_or_404(_case(request, case_id).files, pk=file_id)
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.original_name)


@router.get("/cases/{case_id}/fees", response=dict[str, Any], auth=Authorised("licensing.view_case"))
def fees(request: HttpRequest, case_id: int) -> Any:
    case = _case(request, case_id)
    return {
        "rule_fee": case.rule.fee if case.rule else None,
        "assessed": case.fee_assessed,
        "reason": case.fee_reason,
        "paid": services.paid(case),
        "payments": [
            {"amount": p.amount, "paid_on": p.paid_on, "channel": p.channel, "receipt_number": p.receipt_number}
            for p in case.payments.all()
        ],
    }


@router.put("/cases/{case_id}/fees", response=dict[str, Any], auth=Authorised("licensing.change_case"))
def assess_fee(request: HttpRequest, case_id: int, payload: FeeIn) -> Any:
    case = services.assess_fee(
        case=_case(request, case_id),
        amount=payload.amount,
        reason=payload.reason,
        actor=request.user,
        now=timezone.now(),
    )
    return case_out(case, request.user)


@router.post("/cases/{case_id}/fees", response={201: dict[str, Any]}, auth=Authorised("licensing.add_payment"))
def pay(request: HttpRequest, case_id: int, payload: PaymentIn) -> Any:
    case = _case(request, case_id)
    services.record_payment(
        case=case,
        amount=payload.amount,
        paid_on=payload.paid_on,
        channel=payload.channel,
        receipt_number=payload.receipt_number,
        actor=request.user,
        now=timezone.now(),
    )
    return Status(201, case_out(_case(request, case_id), request.user))


@router.get("/cases/{case_id}/documents", response=list[dict[str, Any]], auth=Authorised("licensing.view_case"))
def outgoing(request: HttpRequest, case_id: int) -> Any:
    case = _case(request, case_id)
    return [
        {"id": d.pk, "kind": d.kind.code, "number": d.number, "title": d.title, "issued_on": d.issued_on}
        for d in documents_of(f"licensing.case:{case.pk}")
    ]


@router.get("/cases/{case_id}/documents/{document_id}", auth=Authorised("licensing.view_case"))
def download_document(request: HttpRequest, case_id: int, document_id: int) -> Any:
    case = _case(request, case_id)
    document = get_object_or_404(documents_of(f"licensing.case:{case.pk}"), pk=document_id)
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=f"{document.kind.code}-{case.code}.docx")


@router.post("/cases/{case_id}/apology", response=dict[str, Any], auth=Authorised("licensing.change_case"))
def apology(request: HttpRequest, case_id: int, new_date: dt.date | None = None) -> Any:
    case = services.apologise_for_delay(
        case=_case(request, case_id), new_date=new_date, actor=request.user, now=timezone.now()
    )
    return case_out(case, request.user)


@router.post(
    "/cases/{case_id}/assign",
    response=dict[str, Any],
    auth=Authorised("licensing.view_case"),
    summary="Assign the case to a specialist (a leader), take it or give it back (a specialist)",
)
def assign(request: HttpRequest, case_id: int, payload: AssignIn) -> Any:
    case = _case(request, case_id)
    assignee = None
    if payload.assignee is not None:
        assignee = get_user_model().objects.filter(pk=payload.assignee, is_active=True).first()
        if assignee is None:
            raise DomainError(_("No such user."), field="assignee")
    services.assign_case(
        case=case, assignee=assignee, actor=request.user, now=timezone.now(), expected_version=payload.version
    )
    return case_out(selectors.cases_for(request.user).get(pk=case.pk), request.user)


@router.post(
    "/cases/{case_id}/{action}",
    response=dict[str, Any],
    auth=Authorised("licensing.view_case"),
    summary="A step: receive, request_supplement, receive_supplement, start_appraisal, propose, grant, "
    "refuse, issue, close, withdraw",
)
def step(request: HttpRequest, case_id: int, action: str, payload: StepIn | None = None) -> Any:
    body = payload or StepIn()
    case = services.act(
        case=_case(request, case_id),
        action=action,
        actor=request.user,
        now=timezone.now(),
        note=body.note,
        on=body.on,
        checklist=body.checklist,
        expected_version=body.version,
    )
    return case_out(selectors.cases_for(request.user).get(pk=case.pk), request.user)
