"""Every write of directives: sessions, directing documents, proposals and their answers, tasks and their
steps. Keyword-only, the clock passed in, one transaction each with its event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ictmis.core import events, records
from ictmis.core.errors import DomainError
from ictmis.core.public import working_calendar
from ictmis.directives import options, policies, workflow
from ictmis.directives.models import (
    Attachment,
    DirectingDocument,
    DirectiveItem,
    Division,
    Extension,
    ProgressReport,
    Proposal,
    Task,
    WorkingSession,
)
from ictmis.directives.uploads import Upload, check, store


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _today(now: dt.datetime) -> dt.date:
    return timezone.localdate(now)


def _required(value: str, field: str, message: str) -> str:
    if not (value or "").strip():
        raise DomainError(message, field=field)
    return value.strip()


def _not_future(day: dt.date, now: dt.datetime, field: str) -> None:
    if day > _today(now):
        raise DomainError(_("The date cannot be in the future."), field=field)


def _check_files(files: Sequence[Upload]) -> None:
    for upload in files:  # every file checked before anything is written
        check(upload)


@transaction.atomic
def record_session(
    *,
    actor: Any,
    now: dt.datetime,
    title: str,
    held_on: dt.date,
    place: str,
    chaired_by: str,
    kind: str = WorkingSession.Kind.VISIT,
    delegation: str = "",
    hosts: str = "",
    units_visited: str = "",
    agenda: str = "",
    outcome: str = "",
    files: Sequence[Upload] = (),
) -> WorkingSession:
    """A visit or meeting with who led it, the delegation and hosts, the agenda, the reports presented."""
    policies.ensure_may_record(actor)
    _required(title, "title", _("Give the title of the working session."))
    _required(place, "place", _("Give the place of the working session."))
    _required(chaired_by, "chaired_by", _("Say who led the working session."))
    _check_files(files)
    session = WorkingSession.objects.create(
        kind=kind,
        title=title.strip(),
        held_on=held_on,
        place=place.strip(),
        chaired_by=chaired_by.strip(),
        delegation=delegation,
        hosts=hosts,
        units_visited=units_visited,
        agenda=agenda,
        outcome=outcome,
        created_by=_user(actor),
        updated_by=_user(actor),
    )
    for upload in files:
        store(upload, role=Attachment.Role.SESSION, actor=actor, now=now, session=session)
    events.record(session, "directives.session.recorded", actor=actor, at=now)
    return session


@transaction.atomic
def record_document(
    *,
    actor: Any,
    now: dt.datetime,
    number: str,
    issued_on: dt.date,
    issuer: str,
    signer: str,
    title: str,
    kind: str = DirectingDocument.Kind.CONCLUSION,
    session: WorkingSession | None = None,
    items: Sequence[str] = (),
    files: Sequence[Upload] = (),
    tasks: Sequence[TaskSpec] = (),
) -> DirectingDocument:
    """A conclusion notice or another directing document, with its numbered items and the tasks it gives
    (all or nothing: a bad task row leaves nothing written; its error names the row's field)."""
    policies.ensure_may_record(actor)
    _required(number, "number", _("Give the document's number."))
    _required(issuer, "issuer", _("Give the issuing body."))
    _required(signer, "signer", _("Give who signed the document."))
    _required(title, "title", _("Give the document's summary."))
    _not_future(issued_on, now, "issued_on")
    if session is not None and issued_on < session.held_on:
        raise DomainError(_("The document cannot be dated before its working session."), field="issued_on")
    _check_files(files)
    document = DirectingDocument.objects.create(
        kind=kind,
        number=number.strip(),
        issued_on=issued_on,
        issuer=issuer.strip(),
        signer=signer.strip(),
        title=title.strip(),
        session=session,
        created_by=_user(actor),
        updated_by=_user(actor),
    )
    for position, content in enumerate((c.strip() for c in items if c and c.strip()), start=1):
        DirectiveItem.objects.create(document=document, position=position, content=content)
    for upload in files:
        store(upload, role=Attachment.Role.DOCUMENT, actor=actor, now=now, document=document)
    events.record(document, "directives.document.recorded", actor=actor, at=now, number=document.number)
    for index, spec in enumerate(tasks):
        try:
            assign_task(actor=actor, now=now, source=document, **spec.values())
        except DomainError as exc:
            raise TaskRowError(index, exc) from exc
    return document


@dataclass(frozen=True)
class TaskSpec:
    """A task to assign along with its document."""

    title: str
    lead: Lead
    deadline: dt.date | None
    co_units: str = ""
    expected_output: str = ""
    person_in_charge: Any = None
    evidence_required: bool = True
    recurrence: str = ""
    repeat_until: dt.date | None = None

    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


class TaskRowError(DomainError):
    """A task row of a document refused: which row, and the task's own error and field."""

    def __init__(self, index: int, error: DomainError) -> None:
        self.index = index
        super().__init__(error.message, field=error.field)


@transaction.atomic
def record_proposal(
    *,
    actor: Any,
    now: dt.datetime,
    addressee: str,
    content: str,
    sent_on: dt.date,
    session: WorkingSession | None = None,
) -> Proposal:
    policies.ensure_may_record(actor)
    _required(addressee, "addressee", _("Say to whom the proposal is sent."))
    _required(content, "content", _("Give the content of the proposal."))
    _not_future(sent_on, now, "sent_on")
    proposal = Proposal.objects.create(
        addressee=addressee.strip(),
        content=content.strip(),
        sent_on=sent_on,
        session=session,
        created_by=_user(actor),
        updated_by=_user(actor),
    )
    events.record(proposal, "directives.proposal.sent", actor=actor, at=now)
    return proposal


ANSWER_STATUSES = {
    Proposal.Status.ANSWERED,
    Proposal.Status.ACCEPTED,
    Proposal.Status.PARTLY,
    Proposal.Status.DECLINED,
    Proposal.Status.WITHDRAWN,
}


@transaction.atomic
def answer_proposal(
    *,
    proposal: Proposal,
    status: str,
    answer: str,
    answered_on: dt.date,
    actor: Any,
    now: dt.datetime,
    reference: str = "",
    files: Sequence[Upload] = (),
) -> Proposal:
    """The answer received (or the Department's withdrawal), with the answering document."""
    policies.ensure_may_record(actor)
    current = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if status not in ANSWER_STATUSES:
        raise DomainError(_("Choose what the answer says."), field="status")
    if current.status == Proposal.Status.WITHDRAWN:
        raise DomainError(_("The proposal was withdrawn."), field="status")
    if status != Proposal.Status.WITHDRAWN:
        _required(answer, "answer", _("Give the content of the answer."))
    _not_future(answered_on, now, "answered_on")
    if answered_on < current.sent_on:
        raise DomainError(_("The answer cannot be dated before the proposal was sent."), field="answered_on")
    _check_files(files)
    current.status, current.answer, current.answered_on = status, answer.strip(), answered_on
    current.answer_reference = reference.strip()
    current.version += 1
    current.updated_by = _user(actor)
    current.save()
    for upload in files:
        store(upload, role=Attachment.Role.ANSWER, actor=actor, now=now, proposal=current)
    events.record(current, "directives.proposal.answered", actor=actor, at=now, status=status)
    return current


# ---- tasks ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lead:
    """The lead unit: a division of the Department, a commune, or another agency."""

    division: Division | None = None
    commune: Any = None  # units.AdministrativeUnit
    agency: Any = None  # parties.Organisation

    def apply(self, task: Task) -> None:
        chosen = [x for x in (self.division, self.commune, self.agency) if x is not None]
        if len(chosen) != 1:
            raise DomainError(_("Choose exactly one lead unit."), field="lead_unit")
        task.lead_division, task.lead_commune, task.lead_agency = self.division, self.commune, self.agency
        task.lead_path = ""
        if self.division is not None:
            task.lead_kind, task.lead_key, task.lead_name = (
                Task.LeadKind.DIVISION,
                f"d{self.division.pk}",
                str(self.division),
            )
        elif self.commune is not None:
            if self.commune.level != "commune":
                raise DomainError(_("The lead unit must be a commune-level unit."), field="lead_unit")
            task.lead_kind, task.lead_key, task.lead_name = (
                Task.LeadKind.COMMUNE,
                f"c{self.commune.pk}",
                self.commune.name,
            )
            task.lead_path = self.commune.path
        else:
            task.lead_kind, task.lead_key, task.lead_name = Task.LeadKind.AGENCY, f"a{self.agency.pk}", self.agency.name


def _check_person(person: Any, task: Task) -> None:
    """The person in charge reports on the task, so they must be able to: an active account that may
    report, and sees the task (the lead commune's officer, or the Department's staff)."""
    if person is None:
        return
    if not (
        person.is_active and person.has_perm("directives.report_task") and policies.may_see(person, task.lead_path)
    ):
        raise DomainError(
            _("%(person)s cannot report on a task led by %(lead)s: choose someone of the lead unit or the Department.")
            % {"person": person, "lead": task.lead_name},
            field="person_in_charge",
        )


def _set_due(task: Task) -> None:
    task.due_on = workflow.effective_deadline(working_calendar(), deadline=task.deadline, extended_to=task.extended_to)


@transaction.atomic
def assign_task(
    *,
    actor: Any,
    now: dt.datetime,
    source: DirectingDocument,
    title: str,
    lead: Lead,
    deadline: dt.date | None,
    assigned_on: dt.date | None = None,
    item: DirectiveItem | None = None,
    assigner: str = "",
    co_units: str = "",
    person_in_charge: Any = None,
    expected_output: str = "",
    evidence_required: bool = True,
    recurrence: str = "",
    repeat_until: dt.date | None = None,
) -> Task:
    """A task from a directing document; a recurring one gets a row per occurrence, each tracked."""
    policies.ensure_may_record(actor)
    _required(title, "title", _("Say what the task is."))
    if deadline is None:
        raise DomainError(_("Give the deadline."), field="deadline")
    assigned_on = assigned_on or source.issued_on
    if deadline < assigned_on:
        raise DomainError(
            _("The deadline (%(deadline)s) cannot be before the assignment date (%(assigned)s).")
            % {"deadline": deadline.strftime("%d/%m/%Y"), "assigned": assigned_on.strftime("%d/%m/%Y")},
            field="deadline",
        )
    if item is not None and item.document_id != source.pk:
        raise DomainError(_("The item belongs to another document."), field="item")
    if recurrence not in Task.Recurrence.values:
        raise DomainError(_("Choose monthly, quarterly or yearly."), field="recurrence")
    if recurrence:
        repeat_until = repeat_until or dt.date(deadline.year, 12, 31)
        if repeat_until < deadline:
            raise DomainError(_("The last repetition cannot be before the first deadline."), field="repeat_until")
    task = Task(
        source=source,
        source_number=source.number,
        item=item,
        title=title.strip(),
        assigner=(assigner or source.signer).strip(),
        assigned_on=assigned_on,
        co_units=co_units.strip(),
        person_in_charge=person_in_charge,
        expected_output=expected_output.strip(),
        evidence_required=evidence_required,
        deadline=deadline,
        recurrence=recurrence,
        repeat_until=repeat_until if recurrence else None,
        is_series=bool(recurrence),
        created_by=_user(actor),
        updated_by=_user(actor),
    )
    lead.apply(task)
    _check_person(person_in_charge, task)
    _set_due(task)
    task.save()
    if recurrence:
        assert repeat_until is not None
        for day, label in workflow.occurrences(first=deadline, recurrence=recurrence, until=repeat_until):
            occurrence = Task(
                source=source,
                source_number=source.number,
                item=item,
                title=task.title,
                assigner=task.assigner,
                assigned_on=assigned_on,
                co_units=task.co_units,
                person_in_charge=person_in_charge,
                expected_output=task.expected_output,
                evidence_required=evidence_required,
                deadline=day,
                series=task,
                period=label,
                created_by=_user(actor),
                updated_by=_user(actor),
            )
            lead.apply(occurrence)
            _set_due(occurrence)
            occurrence.save()
    options.remember([task])
    events.record(task, "directives.task.assigned", actor=actor, at=now, lead=task.lead_name, deadline=deadline)
    return task


@transaction.atomic
def act(
    *,
    task: Task,
    action: str,
    actor: Any,
    now: dt.datetime,
    note: str = "",
    on: dt.date | None = None,
    percent: int | None = None,
    requested_to: dt.date | None = None,
    files: Sequence[Upload] = (),
    expected_version: int | None = None,
) -> Task:
    """One step of a task (see workflow.STEPS); the policy decides who may, the phase what is possible."""
    current = (
        records.lock_version(task, expected_version)
        if expected_version is not None
        else Task.objects.select_for_update().get(pk=task.pk)
    )
    if current.is_series:
        raise DomainError(_("Report on each occurrence of a recurring task, not on the series."), field="task")
    pending = current.extensions.filter(decision=Extension.Decision.PENDING).first()
    step = workflow.STEPS.get(action)
    if step is None:
        raise workflow.TaskStateError(_("Unknown step."))
    policies.ensure_may(actor, step.permission, current.lead_path)
    current_phase = workflow.phase(completed_on=current.completed_on, confirmed=current.confirmed_at is not None)
    workflow.ensure_allowed(current_phase, action, pending_extension=pending is not None)
    _check_files(files)
    day = on or _today(now)
    _not_future(day, now, "on")
    data = _HANDLERS[action](
        current,
        note=note.strip(),
        day=day,
        percent=percent,
        requested_to=requested_to,
        files=files,
        pending=pending,
        actor=actor,
        now=now,
    )
    current.version += 1
    current.updated_by = _user(actor)
    current.save()
    events.record(current, f"directives.task.{action}", actor=actor, at=now, note=note.strip(), **(data or {}))
    return current


def _progress(
    task: Task,
    *,
    note: str,
    day: dt.date,
    percent: int | None,
    files: Sequence[Upload],
    actor: Any,
    now: dt.datetime,
    **rest: Any,
) -> dict[str, Any]:
    _required(note, "note", _("Describe the progress made."))
    if percent is not None and not 0 <= percent <= 100:
        raise DomainError(_("The percentage must be between 0 and 100."), field="percent")
    report = ProgressReport.objects.create(
        task=task, reported_on=day, text=note, percent=percent, reported_at=now, reported_by=_user(actor)
    )
    for upload in files:
        store(upload, role=Attachment.Role.PROGRESS, actor=actor, now=now, task=task, report=report)
    return {"on": day, "percent": percent, "files": [u.filename for u in files]}


def _extend(
    task: Task, *, note: str, requested_to: dt.date | None, actor: Any, now: dt.datetime, **rest: Any
) -> dict[str, Any]:
    if requested_to is None:
        raise DomainError(_("Give the new deadline asked for."), field="requested_to")
    if requested_to <= task.due_on:
        raise DomainError(_("The new deadline must be after the current one."), field="requested_to")
    _required(note, "note", _("Give the reason for the extension."))
    Extension.objects.create(task=task, requested_to=requested_to, reason=note, asked_at=now, asked_by=_user(actor))
    return {"requested_to": requested_to}


def _decide(approve: bool) -> Callable[..., dict[str, Any]]:
    def handler(
        task: Task, *, note: str, pending: Extension, actor: Any, now: dt.datetime, **rest: Any
    ) -> dict[str, Any]:
        if not approve:
            _required(note, "note", _("Give the reason for refusing the extension."))
        pending.decision = Extension.Decision.APPROVED if approve else Extension.Decision.REFUSED
        pending.decision_note, pending.decided_at, pending.decided_by = note, now, _user(actor)
        pending.save()
        if approve:
            task.extended_to = pending.requested_to
            _set_due(task)
        return {"requested_to": pending.requested_to, "deadline": task.deadline}

    return handler


def _complete(
    task: Task, *, note: str, day: dt.date, files: Sequence[Upload], actor: Any, now: dt.datetime, **rest: Any
) -> dict[str, Any]:
    if day < task.assigned_on:
        raise DomainError(_("The completion date cannot be before the task was assigned."), field="on")
    if task.evidence_required and not files:
        raise DomainError(_("This task needs evidence of completion: attach the file."), field="files")
    task.completed_on = day
    task.completion_note = note
    for upload in files:
        store(upload, role=Attachment.Role.EVIDENCE, actor=actor, now=now, task=task)
    return {"on": day, "files": [u.filename for u in files]}


def _confirm(task: Task, *, actor: Any, now: dt.datetime, **rest: Any) -> dict[str, Any]:
    task.confirmed_at, task.confirmed_by = now, _user(actor)
    return {"completed_on": task.completed_on}


def _reopen(task: Task, *, note: str, **rest: Any) -> dict[str, Any]:
    _required(note, "note", _("Say why the completion is not accepted."))
    completed = task.completed_on
    task.completed_on, task.completion_note = None, ""
    return {"completed_on": completed}


_HANDLERS: dict[str, Callable[..., dict[str, Any]]] = {
    "progress": _progress,
    "extend": _extend,
    "approve_extension": _decide(True),
    "refuse_extension": _decide(False),
    "complete": _complete,
    "confirm": _confirm,
    "reopen": _reopen,
}


def refresh_deadlines(*, now: dt.datetime) -> int:
    """Recompute effective deadlines of open tasks (after a change of the working-day calendar)."""
    calendar = working_calendar()
    changed = 0
    for task in Task.objects.filter(completed_on__isnull=True).only("pk", "deadline", "extended_to", "due_on"):
        due = workflow.effective_deadline(calendar, deadline=task.deadline, extended_to=task.extended_to)
        if due != task.due_on:
            Task.objects.filter(pk=task.pk).update(due_on=due)
            changed += 1
    return changed
