"""Directives API: working sessions, directing documents, proposals (and their answers), tasks with their
steps and the summary. Derived fields (state, due_on, phase) are read-only."""

import datetime as dt
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from ictmis.core.api_support import Authorised, Pagination
from ictmis.core.errors import DomainError
from ictmis.directives import selectors, services, workflow
from ictmis.directives.forms import parse_lead, parse_person
from ictmis.directives.models import DirectingDocument, Extension, Proposal, WorkingSession

router = Router(tags=["directives"])
VIEW = Authorised("directives.view_task")
RECORD = Authorised("directives.add_task")


class _Shaped:
    def __init__(self, qs: Any, shape: Any) -> None:
        self.qs, self.shape = qs, shape

    def __len__(self) -> int:
        return int(self.qs.count())

    def __getitem__(self, item: slice) -> list[dict[str, Any]]:
        return [self.shape(row) for row in self.qs[item]]


def session_out(s: WorkingSession) -> dict[str, Any]:
    return {
        "id": s.pk,
        "kind": s.kind,
        "title": s.title,
        "held_on": s.held_on,
        "place": s.place,
        "chaired_by": s.chaired_by,
        "delegation": s.delegation,
        "hosts": s.hosts,
        "units_visited": s.units_visited,
        "agenda": s.agenda,
        "outcome": s.outcome,
        "version": s.version,
    }


class SessionIn(Schema):
    kind: WorkingSession.Kind = WorkingSession.Kind.VISIT
    title: str
    held_on: dt.date
    place: str
    chaired_by: str
    delegation: str = ""
    hosts: str = ""
    units_visited: str = ""
    agenda: str = ""
    outcome: str = ""


@router.get("/working-sessions", response=list[dict[str, Any]], auth=Authorised("directives.view_workingsession"))
@paginate(Pagination)
def list_sessions(request: HttpRequest) -> Any:
    return _Shaped(selectors.sessions_for(request.user), session_out)


@router.post("/working-sessions", response={201: dict[str, Any]}, auth=RECORD)
def create_session(request: HttpRequest, payload: SessionIn) -> Any:
    session = services.record_session(actor=request.user, now=timezone.now(), **payload.dict())
    return Status(201, session_out(session))


def document_out(d: DirectingDocument) -> dict[str, Any]:
    return {
        "id": d.pk,
        "kind": d.kind,
        "number": d.number,
        "issued_on": d.issued_on,
        "issuer": d.issuer,
        "signer": d.signer,
        "title": d.title,
        "session": d.session_id,
        "items": [{"id": i.pk, "position": i.position, "content": i.content} for i in d.items.all()],
    }


class TaskRowIn(Schema):
    title: str
    lead_unit: str  # "d<division id>", "c<commune unit id>", "a<organisation id>"
    deadline: dt.date
    co_units: str = ""
    person_in_charge: int | None = None  # an account id
    expected_output: str = ""
    evidence_required: bool = True
    recurrence: str = ""
    repeat_until: dt.date | None = None


class DocumentIn(Schema):
    kind: DirectingDocument.Kind = DirectingDocument.Kind.CONCLUSION
    number: str
    issued_on: dt.date
    issuer: str
    signer: str
    title: str
    session: int | None = None
    items: list[str] = []
    tasks: list[TaskRowIn] = []


def _spec(row: TaskRowIn) -> services.TaskSpec:
    values = row.dict()
    return services.TaskSpec(
        lead=parse_lead(values.pop("lead_unit")),
        person_in_charge=parse_person(values.pop("person_in_charge")),
        **values,
    )


@router.get("/directing-documents", response=list[dict[str, Any]], auth=VIEW)
@paginate(Pagination)
def list_documents(request: HttpRequest, q: str | None = None) -> Any:
    from ictmis.core.listing import apply_search

    qs = apply_search(selectors.documents_for(request.user), q).prefetch_related("items")
    return _Shaped(qs, document_out)


@router.post("/directing-documents", response={201: dict[str, Any]}, auth=RECORD)
def create_document(request: HttpRequest, payload: DocumentIn) -> Any:
    session = None
    if payload.session is not None:
        session = selectors.sessions_for(request.user).filter(pk=payload.session).first()
        if session is None:
            raise DomainError(_("No such working session."), field="session")
    specs = []
    for index, row in enumerate(payload.tasks):
        try:
            specs.append(_spec(row))
        except DomainError as exc:
            raise DomainError(exc.message, field=f"tasks.{index}.{exc.field}") from exc
    data = payload.dict(exclude={"session", "tasks"})
    try:
        document = services.record_document(
            actor=request.user, now=timezone.now(), session=session, tasks=specs, **data
        )
    except services.TaskRowError as exc:
        raise DomainError(exc.message, field=f"tasks.{exc.index}.{exc.field}") from exc
    return Status(201, document_out(document))


def proposal_out(p: Proposal) -> dict[str, Any]:
    return {
        "id": p.pk,
        "session": p.session_id,
        "addressee": p.addressee,
        "content": p.content,
        "sent_on": p.sent_on,
        "status": p.status,
        "answer": p.answer,
        "answered_on": p.answered_on,
        "answer_reference": p.answer_reference,
        "version": p.version,
    }


class ProposalIn(Schema):
    addressee: str
    content: str
    sent_on: dt.date
    session: int | None = None


class AnswerIn(Schema):
    status: Proposal.Status
    answer: str = ""
    answered_on: dt.date
    reference: str = ""


@router.get("/proposals", response=list[dict[str, Any]], auth=Authorised("directives.view_proposal"))
@paginate(Pagination)
def list_proposals(request: HttpRequest, status: str | None = None) -> Any:
    qs = selectors.proposals_for(request.user)
    if status:
        qs = qs.filter(status=status)
    return _Shaped(qs, proposal_out)


@router.post("/proposals", response={201: dict[str, Any]}, auth=RECORD)
def create_proposal(request: HttpRequest, payload: ProposalIn) -> Any:
    session = None
    if payload.session is not None:
        session = selectors.sessions_for(request.user).filter(pk=payload.session).first()
        if session is None:
            raise DomainError(_("No such working session."), field="session")
    proposal = services.record_proposal(
        actor=request.user,
        now=timezone.now(),
        addressee=payload.addressee,
        content=payload.content,
        sent_on=payload.sent_on,
        session=session,
    )
    return Status(201, proposal_out(proposal))


@router.post("/proposals/{proposal_id}/answer", response=dict[str, Any], auth=RECORD)
def answer(request: HttpRequest, proposal_id: int, payload: AnswerIn) -> Any:
    proposal = get_object_or_404(selectors.proposals_for(request.user), pk=proposal_id)
    proposal = services.answer_proposal(
        proposal=proposal,
        status=payload.status,
        answer=payload.answer,
        answered_on=payload.answered_on,
        reference=payload.reference,
        actor=request.user,
        now=timezone.now(),
    )
    return proposal_out(proposal)


def task_out(t: Any, today: dt.date, pending: bool | None = None) -> dict[str, Any]:
    """A task, or a row of selectors.task_page, as the API shows it."""
    current = workflow.phase(completed_on=t.completed_on, confirmed=t.confirmed_at is not None)
    if pending is None:
        pending = t.extensions.filter(decision=Extension.Decision.PENDING).exists()
    return {
        "id": t.id,
        "source": t.source_id,
        "source_number": t.source_number,
        "item": t.item_id,
        "title": t.title,
        "assigner": t.assigner,
        "assigned_on": t.assigned_on,
        "lead_unit": t.lead_key,
        "lead_kind": t.lead_kind,
        "lead_name": t.lead_name,
        "co_units": t.co_units,
        "person_in_charge": t.person_in_charge_id,
        "expected_output": t.expected_output,
        "evidence_required": t.evidence_required,
        "deadline": t.deadline,
        "extended_to": t.extended_to,
        "due_on": t.due_on,
        "recurrence": t.recurrence,
        "period": t.period,
        "series": t.series_id,
        "is_series": t.is_series,
        "completed_on": t.completed_on,
        "confirmed": t.confirmed_at is not None,
        "status": None if t.is_series else workflow.state(due_on=t.due_on, completed_on=t.completed_on, today=today),
        "phase": current,
        "pending_extension": pending,
        "allowed_actions": [] if t.is_series else workflow.allowed_actions(current, pending_extension=pending),
        "version": t.version,
    }


class TaskIn(TaskRowIn):
    source: int
    item: int | None = None
    assigner: str = ""
    assigned_on: dt.date | None = None


class StepIn(Schema):
    note: str = ""
    on: dt.date | None = None
    percent: int | None = None
    requested_to: dt.date | None = None
    version: int | None = None


@router.get(
    "/tasks/summary", response=list[dict[str, Any]], auth=VIEW, summary="Counts in the four states and the rate"
)
def task_summary(request: HttpRequest, group_by: str | None = None) -> Any:
    if group_by not in (None, "", *selectors.GROUPS):
        raise HttpError(422, _("group_by must be lead_unit, source or month."))
    rows = selectors.summary(selectors.tasks_for(request.user), today=timezone.localdate(), group_by=group_by or None)
    return JsonResponse(rows, safe=False)  # plain numbers and strings: no per-row validation of thousands of rows


@router.get("/tasks", response=list[dict[str, Any]], auth=VIEW)
@paginate(Pagination)
def list_tasks(
    request: HttpRequest,
    status: str | None = None,
    lead_unit: str | None = None,
    source: int | None = None,
    due_before: dt.date | None = None,
) -> Any:
    today = timezone.localdate()
    if status and status not in (*workflow.STATES, "due_soon"):
        raise HttpError(422, _("Unknown status: %(status)s.") % {"status": status})
    from ictmis.directives.reminders import remind_days

    qs = selectors.filter_tasks(
        selectors.tasks_for(request.user),
        today=today,
        status=status,
        lead_unit=lead_unit,
        source=source,
        due_before=due_before,
        due_soon_days=remind_days(),
    ).order_by("due_on", "pk")
    only = lead_unit if lead_unit and not (status or source or due_before) else None
    return _TaskRows(request.user, qs, today=today, narrow=bool(lead_unit or source), only_lead_unit=only)


class _TaskRows:
    """A task list as ninja's pagination reads it: the page first (plain rows, counted in the same query
    when the list is narrow), then its length."""

    def __init__(self, actor: Any, qs: Any, *, today: dt.date, narrow: bool, only_lead_unit: str | None) -> None:
        self.actor, self.qs, self.today, self.narrow, self.only = actor, qs, today, narrow, only_lead_unit
        self.count: int | None = None

    def __getitem__(self, item: slice) -> list[dict[str, Any]]:
        offset = item.start or 0
        page = selectors.list_page(
            self.actor,
            self.qs,
            today=self.today,
            offset=offset,
            limit=item.stop - offset,
            narrow=self.narrow,
            only_lead_unit=self.only,
        )
        self.count = page.count
        ids = [row.id for row in page.rows]
        pending = set(
            Extension.objects.filter(decision=Extension.Decision.PENDING, task_id__in=ids).values_list(
                "task_id", flat=True
            )
            if ids
            else ()
        )
        return [task_out(row, self.today, row.id in pending) for row in page.rows]

    def __len__(self) -> int:
        return self.count if self.count is not None else int(self.qs.count())


@router.post("/tasks", response={201: dict[str, Any]}, auth=RECORD)
def create_task(request: HttpRequest, payload: TaskIn) -> Any:
    source = selectors.documents_for(request.user).filter(pk=payload.source).first()
    if source is None:
        raise DomainError(_("No such directing document."), field="source")
    item = source.items.filter(pk=payload.item).first() if payload.item else None
    if payload.item and item is None:
        raise DomainError(_("The item belongs to another document."), field="item")
    values = payload.dict(exclude={"source", "item", "lead_unit", "person_in_charge"})
    task = services.assign_task(
        actor=request.user,
        now=timezone.now(),
        source=source,
        item=item,
        lead=parse_lead(payload.lead_unit),
        person_in_charge=parse_person(payload.person_in_charge),
        **values,
    )
    return Status(201, task_out(task, timezone.localdate()))


@router.get("/tasks/{task_id}", response=dict[str, Any], auth=VIEW)
def get_task(request: HttpRequest, task_id: int) -> Any:
    return task_out(get_object_or_404(selectors.tasks_for(request.user), pk=task_id), timezone.localdate())


@router.post(
    "/tasks/{task_id}/{action}",
    response=dict[str, Any],
    auth=VIEW,
    summary="A step: progress, extend, approve_extension, refuse_extension, complete, confirm, reopen",
)
def step(request: HttpRequest, task_id: int, action: str, payload: StepIn | None = None) -> Any:
    if action not in workflow.STEPS:
        raise HttpError(404, _("Not found."))
    body = payload or StepIn()
    task = services.act(
        task=get_object_or_404(selectors.tasks_for(request.user), pk=task_id),
        action=action,
        actor=request.user,
        now=timezone.now(),
        note=body.note,
        on=body.on,
        percent=body.percent,
        requested_to=body.requested_to,
        expected_version=body.version,
    )
    return task_out(task, timezone.localdate())
