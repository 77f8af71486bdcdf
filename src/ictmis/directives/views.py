"""Directives pages: the dashboard with the headline rate and its trend, the task list (filters, sort,
Excel), a task with its history and steps, directing documents with their tasks, sessions and proposals."""

from __future__ import annotations

from html import escape
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ictmis.core.errors import DomainError
from ictmis.core.history import events_of, history_of
from ictmis.core.listing import PAGE_SIZE, apply_search, paginate
from ictmis.directives import reminders, report, selectors, services, workflow
from ictmis.directives.forms import (
    AnswerForm,
    DocumentForm,
    ProposalForm,
    SessionForm,
    StepForm,
    TaskForm,
    lead_choices,
    parse_lead,
    parse_person,
    person_choices,
)
from ictmis.directives.models import Attachment, Extension, Task
from ictmis.directives.uploads import Upload

SORTS = {"han": "due_on", "-han": "-due_on", "don_vi": "lead_name", "-don_vi": "-lead_name", "giao": "-assigned_on"}


def _uploads(request: HttpRequest, name: str = "file") -> list[Upload]:
    return [Upload(f.read(), f.name or "") for f in request.FILES.getlist(name)]


def _options(pairs: Any, current: str) -> str:
    """<option>s built in Python with the standard library's escape: a national installation lists
    thousands of lead units, and Django's template loop or format_html costs ~0.1 ms per option."""
    rows = (
        f'<option value="{escape(str(key))}"{" selected" if str(key) == current else ""}>{escape(str(label))}</option>'
        for key, label in pairs
    )
    return mark_safe("".join(rows))  # every value above is escaped


BY_LEAD_ROWS = 50


def _status_tabs() -> list[tuple[str, Any]]:
    return [("", _("All")), *workflow.STATE_LABELS.items(), ("due_soon", _("due soon"))]


@login_required
@permission_required("directives.view_task", raise_exception=True)
def dashboard(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    tasks = selectors.tasks_for(request.user)
    by_lead = sorted(
        selectors.summary(tasks, today=today, group_by="lead_unit"), key=lambda row: (-row["open_overdue"], row["name"])
    )
    return render(
        request,
        "directives/dashboard.html",
        {
            "today": today,
            "total": selectors.summary(tasks, today=today)[0],
            "by_lead": by_lead[:BY_LEAD_ROWS],
            "lead_count": len(by_lead),
            "trend": selectors.monthly_trend(tasks, today=today),
            "labels": workflow.STATE_LABELS,
            "legal_basis": workflow.LEGAL_BASIS,
            "overdue": selectors.filter_tasks(tasks, today=today, status=workflow.OPEN_OVERDUE).order_by("due_on")[:10],
        },
    )


@login_required
@permission_required("directives.view_task", raise_exception=True)
def task_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    base = selectors.tasks_for(request.user)
    source = request.GET.get("nguon", "")
    status = request.GET.get("trang_thai", "")
    qs = selectors.filter_tasks(
        apply_search(base, request.GET.get("q")),
        today=today,
        status=status,
        lead_unit=request.GET.get("don_vi") or None,
        source=_number(source),
        assigner=request.GET.get("nguoi_giao") or None,
        due_soon_days=reminders.remind_days(),
    )
    sort = request.GET.get("sap_xep", "han")
    qs = qs.order_by(SORTS.get(sort, "due_on"), "pk")
    if request.GET.get("export") == "xlsx":
        total = selectors.summary(qs, today=today)[0]
        response = HttpResponse(
            report.workbook(qs.iterator(chunk_size=2000), today=today, totals=total),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="bao-cao-nhiem-vu.xlsx"'
        return response
    lead_unit = request.GET.get("don_vi") or None
    plain = not (request.GET.get("q") or status or source or request.GET.get("nguoi_giao"))
    total = selectors.summary(qs, today=today)[0]
    page_obj = _task_page(
        request,
        qs,
        today=today,
        narrow=bool(lead_unit or _number(source)),
        only_lead_unit=lead_unit if plain and SORTS.get(sort, "due_on") == "due_on" else None,
        count=total["total"],  # the counts in the four states add up to the list's length
    )
    return render(
        request,
        "directives/task_list.html",
        {
            "page_obj": page_obj,
            "q": request.GET.get("q", ""),
            "status": status,
            "statuses": _status_tabs(),
            "labels": workflow.STATE_LABELS,
            "lead_options": _options(selectors.lead_units(request.user), request.GET.get("don_vi", "")),
            "assigner_options": _options(
                ((name, name) for name in selectors.assigners(request.user)), request.GET.get("nguoi_giao", "")
            ),
            "source_options": _options(
                selectors.documents_for(request.user).values_list("pk", "number"), request.GET.get("nguon", "")
            ),
            "sort": sort,
            "total": total,
        },
    )


MAX_PAGE = 10_000_000  # an absurd page number is read as the last page, never sent to the database


def _number(text: str) -> int | None:
    """A whole number typed in a query string (ASCII digits only), capped at MAX_PAGE."""
    if not (text.isascii() and text.isdigit()):
        return None
    return min(int(text[:9]), MAX_PAGE) if len(text) <= 9 else MAX_PAGE


def _task_page(
    request: HttpRequest, qs: Any, *, today: Any, narrow: bool, only_lead_unit: str | None, count: int
) -> Page[Any]:
    """The page asked for (the last one when past the end, the first when unreadable), as plain rows."""

    def read(number: int) -> selectors.TaskPage:
        return selectors.list_page(
            request.user,
            qs,
            today=today,
            offset=(number - 1) * PAGE_SIZE,
            limit=PAGE_SIZE,
            narrow=narrow,
            only_lead_unit=only_lead_unit,
            count=count,
        )

    number = max(1, _number(request.GET.get("page", "")) or 1)
    found = read(number)
    paginator = Paginator(range(found.count), PAGE_SIZE)
    if number > paginator.num_pages:
        number = paginator.num_pages
        found = read(number)
    return Page(found.rows, number, paginator)


def _task(request: HttpRequest, pk: int) -> Task:
    return get_object_or_404(selectors.tasks_for(request.user).select_related("source", "person_in_charge"), pk=pk)


@login_required
@permission_required("directives.view_task", raise_exception=True)
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(request, pk)
    today = timezone.localdate()
    pending = task.extensions.filter(decision=Extension.Decision.PENDING).first()
    current = workflow.phase(completed_on=task.completed_on, confirmed=task.confirmed_at is not None)
    actions = [] if task.is_series else workflow.allowed_actions(current, pending_extension=pending is not None)
    steps = [workflow.STEPS[a] for a in actions if request.user.has_perm(workflow.STEPS[a].permission)]
    tab = request.GET.get("tab", "info")
    return render(
        request,
        "directives/task_detail.html",
        {
            "task": task,
            "today": today,
            "state": workflow.state(due_on=task.due_on, completed_on=task.completed_on, today=today),
            "labels": workflow.STATE_LABELS,
            "phase": workflow.PHASE_LABELS[current],
            "steps": steps,
            "pending": pending,
            "reports": task.reports.prefetch_related("files").select_related("reported_by"),
            "extensions": task.extensions.select_related("asked_by", "decided_by"),
            "evidence": task.files.filter(role=Attachment.Role.EVIDENCE),
            "occurrences": task.occurrences.all() if task.is_series else [],
            "tab": tab,
            "history": history_of(task) if tab == "history" else [],
            "events": events_of(task),
        },
    )


@require_POST
@login_required
@permission_required("directives.view_task", raise_exception=True)
def task_step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    task = _task(request, pk)
    if action not in workflow.STEPS:
        raise Http404
    if not request.user.has_perm(workflow.STEPS[action].permission):
        raise PermissionDenied
    form = StepForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            for error in errors:
                messages.error(request, f"{field}: {error}")
        return redirect("directives:task_detail", pk)
    data = form.cleaned_data
    try:
        services.act(
            task=task,
            action=action,
            actor=request.user,
            now=timezone.now(),
            note=data["note"] or "",
            on=data["on"],
            percent=data["percent"],
            requested_to=data["requested_to"],
            files=_uploads(request),
            expected_version=data["version"],
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, str(workflow.DONE_MESSAGES.get(action, workflow.STEPS[action].label)))
    return redirect("directives:task_detail", pk)


@login_required
@permission_required("directives.view_task", raise_exception=True)
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    """A file, served only to who may see what it belongs to."""
    item = get_object_or_404(Attachment, pk=pk)
    visible = (
        (item.task_id and selectors.tasks_for(request.user).filter(pk=item.task_id).exists())
        or (item.document_id and selectors.documents_for(request.user).filter(pk=item.document_id).exists())
        or (item.session_id and selectors.sessions_for(request.user).filter(pk=item.session_id).exists())
        or (item.proposal_id and selectors.proposals_for(request.user).filter(pk=item.proposal_id).exists())
    )
    if not visible:
        raise Http404
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.original_name)


@login_required
@permission_required("directives.view_task", raise_exception=True)
def document_list(request: HttpRequest) -> HttpResponse:
    qs = apply_search(selectors.documents_for(request.user), request.GET.get("q"))
    kind = request.GET.get("loai", "")
    if kind:
        qs = qs.filter(kind=kind)
    return render(
        request,
        "directives/document_list.html",
        {"page_obj": paginate(request, qs.select_related("session")), "q": request.GET.get("q", ""), "kind": kind},
    )


TASK_ROWS = 3


def _task_forms(request: HttpRequest, rows: int) -> list[TaskForm]:
    choices, people = lead_choices(), person_choices()
    data = request.POST if request.method == "POST" else None
    return [TaskForm(data, prefix=f"task-{i}", choices=choices, people=people) for i in range(rows)]


@login_required
@permission_required("directives.add_task", raise_exception=True)
def document_create(request: HttpRequest) -> HttpResponse:
    """A conclusion notice (or another directing document) with the tasks it gives, in one go."""
    form = DocumentForm(request.POST or None, request.FILES or None, initial={"session": request.GET.get("buoi")})
    rows = _task_forms(request, TASK_ROWS)
    if request.method == "POST" and form.is_valid() and all(r.is_valid() for r in rows):
        data = form.cleaned_data
        specs, row_of = [], []
        for index, row in enumerate(rows):
            if row.is_blank:
                continue
            try:
                lead = parse_lead(row.cleaned_data["lead_unit"])
                person = parse_person(row.cleaned_data["person_in_charge"])
            except DomainError as exc:
                row.add_error(exc.field, exc.message)
                continue
            specs.append(
                services.TaskSpec(
                    title=row.cleaned_data["title"],
                    lead=lead,
                    deadline=row.cleaned_data["deadline"],
                    co_units=row.cleaned_data["co_units"],
                    person_in_charge=person,
                    expected_output=row.cleaned_data["expected_output"],
                    evidence_required=row.cleaned_data["evidence_required"],
                    recurrence=row.cleaned_data["recurrence"],
                    repeat_until=row.cleaned_data["repeat_until"],
                )
            )
            row_of.append(index)
        if not any(r.errors for r in rows):
            try:
                document = services.record_document(
                    actor=request.user,
                    now=timezone.now(),
                    kind=data["kind"],
                    number=data["number"],
                    issued_on=data["issued_on"],
                    issuer=data["issuer"],
                    signer=data["signer"],
                    title=data["title"],
                    session=data["session"],
                    items=(data["items"] or "").splitlines(),
                    files=_uploads(request),
                    tasks=specs,
                )
            except services.TaskRowError as exc:
                row = rows[row_of[exc.index]]
                row.add_error(exc.field if exc.field in row.fields else None, exc.message)
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("The document and its tasks were recorded."))
                return redirect("directives:document_detail", document.pk)
    return render(request, "directives/document_form.html", {"form": form, "rows": rows})


@login_required
@permission_required("directives.view_task", raise_exception=True)
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(selectors.documents_for(request.user).select_related("session"), pk=pk)
    today = timezone.localdate()
    visible = selectors.tasks_for(request.user).filter(source=document, is_series=False)
    tasks = list(selectors.with_state(visible, today).order_by("due_on", "pk"))
    row = TaskForm(request.POST or None, prefix="task")
    if request.method == "POST":
        if not request.user.has_perm("directives.add_task"):
            raise PermissionDenied
        if row.is_valid():
            try:
                services.assign_task(
                    actor=request.user,
                    now=timezone.now(),
                    source=document,
                    title=row.cleaned_data["title"],
                    lead=parse_lead(row.cleaned_data["lead_unit"]),
                    person_in_charge=parse_person(row.cleaned_data["person_in_charge"]),
                    deadline=row.cleaned_data["deadline"],
                    co_units=row.cleaned_data["co_units"],
                    expected_output=row.cleaned_data["expected_output"],
                    evidence_required=row.cleaned_data["evidence_required"],
                    recurrence=row.cleaned_data["recurrence"],
                    repeat_until=row.cleaned_data["repeat_until"],
                )
            except DomainError as exc:
                row.add_error(exc.field if exc.field in row.fields else None, exc.message)
            else:
                messages.success(request, _("The task was assigned."))
                return redirect("directives:document_detail", pk)
    return render(
        request,
        "directives/document_detail.html",
        {
            "document": document,
            "tasks": tasks,
            "labels": workflow.STATE_LABELS,
            "total": selectors.summary(visible, today=today)[0],
            "items": document.items.all(),
            "files": document.files.all(),
            "row": row,
        },
    )


@login_required
@permission_required("directives.view_workingsession", raise_exception=True)
def session_list(request: HttpRequest) -> HttpResponse:
    qs = apply_search(selectors.sessions_for(request.user), request.GET.get("q"))
    return render(
        request, "directives/session_list.html", {"page_obj": paginate(request, qs), "q": request.GET.get("q", "")}
    )


@login_required
@permission_required("directives.add_task", raise_exception=True)
def session_create(request: HttpRequest) -> HttpResponse:
    form = SessionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "file"}
        try:
            session = services.record_session(actor=request.user, now=timezone.now(), files=_uploads(request), **data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("The working session was recorded."))
            return redirect("directives:session_detail", session.pk)
    return render(request, "directives/form.html", {"form": form, "title": _("New working session")})


@login_required
@permission_required("directives.view_workingsession", raise_exception=True)
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(selectors.sessions_for(request.user), pk=pk)
    return render(
        request,
        "directives/session_detail.html",
        {
            "session": session,
            "documents": session.documents.all(),
            "proposals": session.proposals.all(),
            "files": session.files.all(),
        },
    )


@login_required
@permission_required("directives.view_proposal", raise_exception=True)
def proposal_list(request: HttpRequest) -> HttpResponse:
    qs = apply_search(selectors.proposals_for(request.user), request.GET.get("q"))
    status = request.GET.get("trang_thai", "")
    if status:
        qs = qs.filter(status=status)
    from ictmis.directives.models import Proposal

    return render(
        request,
        "directives/proposal_list.html",
        {
            "page_obj": paginate(request, qs),
            "q": request.GET.get("q", ""),
            "status": status,
            "statuses": Proposal.Status.choices,
        },
    )


@login_required
@permission_required("directives.add_task", raise_exception=True)
def proposal_create(request: HttpRequest) -> HttpResponse:
    form = ProposalForm(request.POST or None, initial={"session": request.GET.get("buoi")})
    if request.method == "POST" and form.is_valid():
        try:
            services.record_proposal(actor=request.user, now=timezone.now(), **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("The proposal was recorded."))
            return redirect("directives:proposals")
    return render(request, "directives/form.html", {"form": form, "title": _("New proposal")})


@login_required
@permission_required("directives.view_proposal", raise_exception=True)
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(selectors.proposals_for(request.user), pk=pk)
    form = AnswerForm(request.POST or None, request.FILES or None, initial={"answered_on": timezone.localdate()})
    if request.method == "POST":
        if not request.user.has_perm("directives.add_task"):
            raise PermissionDenied
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "file"}
            try:
                services.answer_proposal(
                    proposal=proposal, actor=request.user, now=timezone.now(), files=_uploads(request), **data
                )
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("The answer was recorded."))
                return redirect("directives:proposal_detail", pk)
    return render(
        request, "directives/proposal_detail.html", {"proposal": proposal, "form": form, "files": proposal.files.all()}
    )
