"""Licensing pages: case list and dashboard, counter entry and online application, a case's steps,
files, fees and documents, licences, and the public licence register."""

from __future__ import annotations

import contextlib
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ictmis.core.errors import DomainError, NotAllowedError
from ictmis.core.events import label_of
from ictmis.core.history import events_of, history_of
from ictmis.core.listing import apply_search, paginate
from ictmis.core.uploads import read_bounded
from ictmis.documents.public import documents_of
from ictmis.licensing import families, letters, policies, selectors, services, workflow
from ictmis.licensing.forms import (
    ApologyForm,
    AssignForm,
    BulkCaseForm,
    CaseForm,
    FeeForm,
    LicenceStatusForm,
    PaymentForm,
    StepForm,
)
from ictmis.licensing.models import Case, Licence, Procedure
from ictmis.licensing.uploads import MAX_BYTES as CASE_FILE_MAX_BYTES
from ictmis.parties.public import organisations_for

VIEWS = [
    ("", gettext_lazy("All")),
    ("due_today", gettext_lazy("Due today")),
    ("overdue", gettext_lazy("Overdue")),
    ("in_time", gettext_lazy("In time")),
    ("stopped", gettext_lazy("Clock stopped")),
    ("finished", gettext_lazy("Finished")),
]
MINE = [("assigned", gettext_lazy("Assigned to me")), ("waiting", gettext_lazy("Waiting for me"))]


def _flash(request: HttpRequest, exc: DomainError) -> None:
    messages.error(request, exc.message)


@login_required
@permission_required("licensing.view_case", raise_exception=True)
def case_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    base = selectors.cases_for(request.user)
    view = request.GET.get("xem", "")
    qs = selectors.filter_cases(apply_search(base, request.GET.get("q")), view=view, today=today)
    procedure = request.GET.get("thu-tuc", "")
    if procedure:
        qs = qs.filter(procedure__code=procedure)
    mine = request.GET.get("cua_toi", "")
    qs = selectors.filter_mine(qs, mine=mine, actor=request.user)
    if request.GET.get("export") == "xlsx":
        return _cases_xlsx(qs, today)
    page_obj = paginate(request, qs.order_by("due_on", "-id") if view in ("due_today", "overdue", "in_time") else qs)
    for case in page_obj.object_list:
        case.timeliness = workflow.timeliness(due_on=case.due_on, finished_on=case.finished_on, today=today)
    may_assign_others = policies.may_assign_others(request.user)
    return render(
        request,
        "licensing/case_list.html",
        {
            "page_obj": page_obj,
            "views": VIEWS,
            "view": view,
            "counts": selectors.counts_by_view(base, today),
            "mine_views": MINE if policies.processes_cases(request.user) or may_assign_others else MINE[1:],
            "mine": mine,
            "mine_counts": selectors.counts_mine(base, request.user),
            "procedures": Procedure.objects.all(),
            "procedure": procedure,
            "q": request.GET.get("q", ""),
            "may_assign": may_assign_others or policies.processes_cases(request.user),
            "assignees": selectors.assignable_users() if may_assign_others else [request.user],
        },
    )


def _cases_xlsx(qs: Any, today: Any) -> HttpResponse:
    return _xlsx("ho-so.xlsx", _("Cases"), CASE_HEADER, (_case_row(c, today) for c in qs.iterator(chunk_size=2000)))


def _back_to_list(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("licensing:cases")


@require_POST
@login_required
@permission_required("licensing.view_case", raise_exception=True)
def case_bulk(request: HttpRequest) -> HttpResponse:
    """The rows ticked on the case list: assign them all to a specialist, or export them (the list's columns)."""
    cases = selectors.cases_for(request.user)
    form = BulkCaseForm(request.POST, cases=cases)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(_back_to_list(request))
    chosen = form.cleaned_data["ids"]
    if form.cleaned_data["action"] == "export":
        return _cases_xlsx(cases.filter(pk__in=[case.pk for case in chosen]), timezone.localdate())
    assignee = form.cleaned_data["assignee"]
    try:
        done = services.assign_cases(cases=list(chosen), assignee=assignee, actor=request.user, now=timezone.now())
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if assignee is None:
            messages.success(request, _("%(n)s cases are now held by nobody.") % {"n": len(done)})
        else:
            messages.success(request, _("%(n)s cases were assigned to %(name)s.") % {"n": len(done), "name": assignee})
    return redirect(_back_to_list(request))


@require_POST
@login_required
@permission_required("licensing.view_case", raise_exception=True)
def case_assign(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    form = AssignForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("licensing:case_detail", pk)
    try:
        services.assign_case(
            case=case,
            assignee=form.cleaned_data["assignee"],
            actor=request.user,
            now=timezone.now(),
            expected_version=form.cleaned_data["version"],
        )
    except NotAllowedError as exc:
        raise PermissionDenied(exc.message) from exc
    except DomainError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("The case's assignment was changed."))
    return redirect("licensing:case_detail", pk)


CASE_HEADER = [
    "Mã hồ sơ",
    "Thủ tục",
    "Tổ chức đề nghị",
    "Nội dung",
    "Hình thức",
    "Trạng thái",
    "Ngày nhận",
    "Ngày nhận đủ",
    "Hạn giải quyết",
    "Ngày trả kết quả",
    "Tình trạng hạn",
    "Phí phải nộp",
    "Đã nộp",
    "Người thụ lý",
]
LICENCE_HEADER = ["Số giấy phép", "Năm", "Tổ chức", "Tên miền", "Từ ngày", "Đến ngày", "Trạng thái", "Số lần gia hạn"]


def _licence_row(licence: Licence, today: Any) -> list[Any]:
    return [
        licence.number,
        licence.year,
        licence.holder_name,
        licence.subject,
        licence.valid_from,
        licence.valid_until,
        str(Licence.Status(licence.status_on(today)).label),
        licence.renewals,
    ]


def _xlsx(filename: str, title: str, header: list[str], rows: Any) -> HttpResponse:
    from ictmis.core.tabular import xlsx_bytes

    response = HttpResponse(
        xlsx_bytes(title, header, rows),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _case_row(case: Case, today: Any) -> list[Any]:
    timeliness = workflow.timeliness(due_on=case.due_on, finished_on=case.finished_on, today=today)
    return [
        case.code,
        case.procedure.name,
        case.applicant_name,
        case.subject,
        case.get_channel_display(),
        case.get_status_display(),
        case.received_on,
        case.complete_on,
        case.due_on,
        case.finished_on,
        str(TIMELINESS.get(timeliness, timeliness)),
        case.fee_assessed,
        getattr(case, "paid_total", None),
        str(case.assignee) if case.assignee_id else "",
    ]


TIMELINESS = {
    "late": gettext_lazy("late"),
    "due_today": gettext_lazy("due today"),
    "stopped": gettext_lazy("clock stopped"),
    "on_time": gettext_lazy("on time"),
    "in_time": gettext_lazy("in time"),
}


def _applicants(request: HttpRequest, staff: bool) -> Any:
    if staff:
        return organisations_for(request.user).order_by("sort_key", "name")
    return organisations_for(request.user).filter(pk=getattr(request.user, "organisation_id", None) or 0)


@login_required
@permission_required("licensing.add_case", raise_exception=True)
def case_create(request: HttpRequest) -> HttpResponse:
    """Counter entry by a specialist, or an online application by an enterprise user (same form)."""
    staff = policies.can_enter_at_counter(request.user)
    procedure = Procedure.objects.filter(code=request.GET.get("thu-tuc", "")).first()
    if procedure is None:
        return render(
            request, "licensing/choose_procedure.html", {"procedures": selectors.procedures(), "staff": staff}
        )
    entry = families.get(procedure.family).entry_url_name
    if entry:
        return redirect(entry)
    rule = procedure.rules.order_by("-valid_from").first()
    with contextlib.suppress(DomainError):
        rule = services.rule_in_force(procedure, timezone.localdate())
    form = CaseForm(
        request.POST or None,
        request.FILES or None,
        procedure=procedure,
        rule=rule,
        applicants=_applicants(request, staff),
        staff=staff,
    )
    if request.method == "POST" and form.is_valid():
        licence = None
        number = form.cleaned_data.get("licence")
        try:
            if number:
                licence = selectors.licence_of(form.cleaned_data["applicant"], number)
            uploads = [
                services.Upload(label=label, data=read_bounded(f, max_bytes=CASE_FILE_MAX_BYTES), filename=f.name or "")
                for label, f in form.uploads()
            ]
            case = services.open_case(
                procedure_code=procedure.code,
                applicant=form.cleaned_data["applicant"],
                particulars=form.particulars(),
                actor=request.user,
                now=timezone.now(),
                channel=Case.Channel.COUNTER if staff else Case.Channel.ONLINE,
                received_on=form.cleaned_data.get("received_on") if staff else None,
                checklist=form.checklist(),
                licence=licence,
                files=uploads,
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            if case.status == Case.Status.SUBMITTED:
                message = _(
                    "Your application %(code)s was sent. The Department will check the dossier and receive it; "
                    "you will be told by a notification and an e-mail."
                )
            else:
                message = _("Case %(code)s was recorded.")
            messages.success(request, message % {"code": case.code})
            return redirect("licensing:case_detail", case.pk)
    return render(
        request, "licensing/case_form.html", {"form": form, "procedure": procedure, "rule": rule, "staff": staff}
    )


def _case(request: HttpRequest, pk: int) -> Case:
    return get_object_or_404(selectors.cases_for(request.user), pk=pk)


def _documents_state(case: Case, rule: Any) -> list[tuple[str, str]]:
    attached = set(case.files.values_list("label", flat=True))
    states = []
    for index, name in enumerate(rule.required_documents if rule else []):
        if index < len(case.checklist) and case.checklist[index]:
            states.append((name, "checked"))
        elif name in attached:
            states.append((name, "attached"))
        else:
            states.append((name, "missing"))
    return states


@login_required
@permission_required("licensing.view_case", raise_exception=True)
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    today = timezone.localdate()
    tab = request.GET.get("tab", "info")
    actions = policies.allowed_actions(request.user, case)
    rule = case.rule
    if rule is None:  # submitted online, not yet received: the rule in force today shows what to check
        with contextlib.suppress(DomainError):
            rule = services.rule_in_force(case.procedure, today)
    return render(
        request,
        "licensing/case_detail.html",
        {
            "case": case,
            "tab": tab,
            "rule": rule,
            "today": today,
            "timeliness": workflow.timeliness(due_on=case.due_on, finished_on=case.finished_on, today=today),
            "actions": [workflow.STEPS[a] for a in actions],
            "step_form": StepForm(initial={"version": case.version}),
            "checklist": [
                (name, index < len(case.checklist) and case.checklist[index])
                for index, name in enumerate(rule.required_documents if rule else [])
            ],
            # each required document as the applicant sees it: checked by the Department, attached and
            # waiting for the check, or not attached
            "documents_state": _documents_state(case, rule),
            "applicant_view": policies.is_applicant(request.user, case) and not policies.processes_cases(request.user),
            "particulars": families.get(case.procedure.family).describe(case.particulars),
            "files": case.files.all(),
            "may_upload": policies.can_upload(request.user, case),
            "uploaded_labels": set(case.files.values_list("label", flat=True)),
            "documents": documents_of(f"licensing.case:{case.pk}"),
            "payments": case.payments.all(),
            "paid": services.paid(case),
            "fee_form": FeeForm(initial={"amount": case.fee_assessed}),
            "payment_form": PaymentForm(initial={"paid_on": today}),
            "apology_form": ApologyForm(),
            "late": case.is_open and case.due_on is not None and today > case.due_on,
            "history": history_of(case) if tab == "history" else [],
            "events": events_of(case),
            "assign_form": AssignForm(initial={"version": case.version}),
            "may_assign_others": policies.may_assign_others(request.user) and case.is_open,
            "may_take": policies.may_hold_cases(request.user)
            and policies.can_assign(request.user, case, request.user)
            and case.assignee_id != request.user.pk,
            "may_release": policies.can_assign(request.user, case, None) and case.assignee_id == request.user.pk,
            "assignees": selectors.assignable_users() if policies.may_assign_others(request.user) else [],
        },
    )


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
@permission_required("licensing.view_case", raise_exception=True)
def process_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """The process-control sheet (phiếu kiểm soát quá trình): every hand-off with actor and time, to print."""
    case = _case(request, pk)
    rows = []
    for event in sorted(events_of(case), key=lambda event: (event.at, event.pk)):
        rows.append({"at": event.at, "actor": event.actor, "label": label_of(event.verb), "data": event.data})
    if request.GET.get("format") == "docx":
        content = letters.process_sheet(case, rows, actor=request.user, now=timezone.now())
        response = HttpResponse(content, content_type=DOCX)
        response["Content-Disposition"] = f'attachment; filename="phieu-kiem-soat-{case.code}.docx"'
        return response
    return render(request, "licensing/process_sheet.html", {"case": case, "events": rows})


@require_POST
@login_required
@permission_required("licensing.view_case", raise_exception=True)
def case_step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    case = _case(request, pk)
    if action not in workflow.STEPS:
        raise Http404
    form = StepForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("licensing:case_detail", pk)
    checklist = None
    try:
        if action in ("receive", "receive_supplement"):  # the specialist ticks what is actually there
            rule = services.rule_in_force(case.procedure, form.cleaned_data["on"] or timezone.localdate())
            checklist = [request.POST.get(f"present_{i}") == "on" for i in range(len(rule.required_documents))]
        services.act(
            case=case,
            action=action,
            actor=request.user,
            now=timezone.now(),
            note=form.cleaned_data["note"],
            on=form.cleaned_data["on"],
            checklist=checklist,
            expected_version=form.cleaned_data["version"],
        )
    except NotAllowedError as exc:
        raise PermissionDenied(exc.message) from exc
    except DomainError as exc:
        _flash(request, exc)
    else:
        messages.success(request, workflow.DONE_MESSAGES[action] % {"code": case.code})
    return redirect("licensing:case_detail", pk)


@require_POST
@login_required
@permission_required("licensing.change_case", raise_exception=True)
def case_fee(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    form = FeeForm(request.POST)
    if form.is_valid():
        try:
            services.assess_fee(
                case=case,
                amount=form.cleaned_data["amount"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
                now=timezone.now(),
            )
        except DomainError as exc:
            _flash(request, exc)
        else:
            messages.success(request, _("The fee was recorded."))
    return redirect("licensing:case_detail", pk)


@require_POST
@login_required
@permission_required("licensing.add_payment", raise_exception=True)
def case_payment(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    form = PaymentForm(request.POST)
    if form.is_valid():
        try:
            services.record_payment(case=case, actor=request.user, now=timezone.now(), **form.cleaned_data)
        except DomainError as exc:
            _flash(request, exc)
        else:
            messages.success(request, _("The payment was recorded."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect("licensing:case_detail", pk)


@require_POST
@login_required
@permission_required("licensing.change_case", raise_exception=True)
def case_apology(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    form = ApologyForm(request.POST)
    if form.is_valid():
        try:
            services.apologise_for_delay(
                case=case, new_date=form.cleaned_data["new_date"], actor=request.user, now=timezone.now()
            )
        except DomainError as exc:
            _flash(request, exc)
        else:
            messages.success(request, _("The apology letter was drafted for signature."))
    return redirect("licensing:case_detail", pk)


@require_POST
@login_required
@permission_required("licensing.view_case", raise_exception=True)
def case_upload(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    upload = request.FILES.get("file")
    try:
        services.add_file(
            case=case,
            upload=services.Upload(
                label=request.POST.get("label", "").strip(),
                data=read_bounded(upload, max_bytes=CASE_FILE_MAX_BYTES) if upload is not None else b"",
                filename=(upload.name or "") if upload is not None else "",
            ),
            actor=request.user,
            now=timezone.now(),
        )
    except NotAllowedError as exc:
        raise PermissionDenied(exc.message) from exc
    except DomainError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("The file was added to the dossier."))
    return redirect("licensing:case_detail", pk)


@login_required
@permission_required("licensing.view_case", raise_exception=True)
def case_file(request: HttpRequest, pk: int, file_id: int) -> FileResponse:
    item = get_object_or_404(_case(request, pk).files, pk=file_id)
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.original_name)


@login_required
@permission_required("licensing.view_case", raise_exception=True)
def case_document(request: HttpRequest, pk: int, document_id: int) -> FileResponse:
    case = _case(request, pk)
    document = get_object_or_404(documents_of(f"licensing.case:{case.pk}"), pk=document_id)
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=f"{document.kind.code}-{case.code}.docx")


@login_required
@permission_required("licensing.view_case", raise_exception=True)
def dashboard(request: HttpRequest) -> HttpResponse:
    """Leaders' view, also useful to specialists and to an enterprise (its own cases and licences only)."""
    today = timezone.localdate()
    cases = selectors.cases_for(request.user)
    rates = selectors.on_time_rate(cases)
    return render(
        request,
        "licensing/dashboard.html",
        {
            "rates": rates,
            "counts": selectors.counts_by_view(cases, today),
            "today": today,
            "expiring": selectors.expiring(today=today, within_days=60).filter(
                pk__in=selectors.licences_for(request.user).values("pk")
            ),
            "late": selectors.filter_cases(cases, view="overdue", today=today)[:20],
        },
    )


@login_required
@permission_required("licensing.view_licence", raise_exception=True)
def licence_list(request: HttpRequest) -> HttpResponse:
    qs = apply_search(selectors.licences_for(request.user), request.GET.get("q"))
    status = request.GET.get("status", "")
    if status in Licence.Status.values:
        qs = qs.filter(status=status)
    if request.GET.get("export") == "xlsx":
        today = timezone.localdate()
        return _xlsx("giay-phep.xlsx", _("Licences"), LICENCE_HEADER, (_licence_row(lic, today) for lic in qs))
    return render(
        request,
        "licensing/licence_list.html",
        {
            "page_obj": paginate(request, qs),
            "q": request.GET.get("q", ""),
            "status": status,
            "statuses": Licence.Status.choices,
            "today": timezone.localdate(),
        },
    )


@login_required
@permission_required("licensing.view_licence", raise_exception=True)
def licence_detail(request: HttpRequest, pk: int) -> HttpResponse:
    licence = get_object_or_404(selectors.licences_for(request.user), pk=pk)
    form = LicenceStatusForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST":
        if not policies.can_change_licence_status(request.user):
            raise PermissionDenied
        if form.is_valid():
            try:
                services.set_licence_status(
                    licence=licence, actor=request.user, now=timezone.now(), **form.cleaned_data
                )
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("The licence's status was changed."))
                return redirect("licensing:licence_detail", pk)
    return render(
        request,
        "licensing/licence_detail.html",
        {
            "licence": licence,
            "form": form,
            "changes": licence.changes.select_related("case"),
            "cases": licence.cases.all(),
            "status": Licence.Status(licence.status_on(timezone.localdate())).label,
        },
    )


@login_required
@permission_required("licensing.view_case", raise_exception=True)
def procedure_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "licensing/procedure_list.html", {"procedures": selectors.procedures(), "today": timezone.localdate()}
    )


def public_register(request: HttpRequest) -> HttpResponse:
    """The public licence register: search by domain, number or holder, without diacritics."""
    q = request.GET.get("q", "").strip()
    qs = selectors.public_licences(q).order_by("-valid_from", "-id")
    return render(
        request,
        "licensing/public_register.html",
        {
            "page_obj": paginate(request, qs, 20),
            "q": q,
            "today": timezone.localdate(),
            # a reader is led to the login of an enterprise account; a signed-in user who may not apply
            # (an editor, an inspector) is not offered a button that ends in a refusal
            "may_apply": not request.user.is_authenticated or policies.may_apply_online(request.user),
        },
    )
