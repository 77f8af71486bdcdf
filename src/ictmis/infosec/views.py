"""Information-security pages for staff, owners and operators: the inventory, incidents with their clocks,
the statistics. Thin: parse, one service or selector call, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ictmis.core.errors import DomainError
from ictmis.core.events import for_object
from ictmis.core.listing import apply_search, paginate
from ictmis.documents.public import documents_of
from ictmis.infosec import forms, policies, selectors, services, workflow
from ictmis.infosec.exports import inventory_xlsx
from ictmis.infosec.models import Incident, IncidentType, InformationSystem
from ictmis.parties.public import organisations_for

VIEW_SYSTEMS = "infosec.view_informationsystem"
VIEW_INCIDENTS = "infosec.view_incident"


@login_required
@permission_required(VIEW_SYSTEMS, raise_exception=True)
def system_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    qs = apply_search(selectors.systems_for(request.user), q).order_by("code")
    if status in InformationSystem.Status.values:
        qs = qs.filter(status=status)
    if request.GET.get("export") == "xlsx":
        return _export(qs)
    return render(
        request,
        "infosec/system_list.html",
        {"page_obj": paginate(request, qs, 25), "q": q, "status": status, "statuses": InformationSystem.Status.choices},
    )


def _export(qs: Any) -> HttpResponse:
    response = HttpResponse(
        inventory_xlsx(qs), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="he-thong-thong-tin.xlsx"'
    return response


@login_required
@permission_required(VIEW_SYSTEMS, raise_exception=True)
def system_detail(request: HttpRequest, pk: int) -> HttpResponse:
    system = get_object_or_404(selectors.systems_for(request.user), pk=pk)
    return render(
        request,
        "infosec/system_detail.html",
        {
            "system": system,
            "history": system.history.select_related("history_user").order_by("-history_date")[:20],
            "incidents": system.incidents.all()[:20],
            "checks": system.checks.prefetch_related("findings")[:10],
            "events": for_object(system).order_by("-at")[:20],
            "may_manage": policies.can_manage_systems(request.user),
            "may_propose": request.user.has_perm("licensing.add_case") and system.status != system.Status.RETIRED,
            "levels": range(1, 6),
            "plan_form": forms.CheckPlanForm(),
            "result_form": forms.CheckResultForm(),
        },
    )


@require_POST
@login_required
@permission_required("licensing.add_case", raise_exception=True)
def propose_level(request: HttpRequest, pk: int) -> HttpResponse:
    system = get_object_or_404(selectors.systems_for(request.user), pk=pk)
    try:
        case = services.propose_level(
            system=system, level=request.POST.get("level"), actor=request.user, now=timezone.now()
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("infosec:system_detail", system.pk)
    return redirect("licensing:case_detail", case.pk)


@require_POST
@login_required
@permission_required("infosec.add_check", raise_exception=True)
def plan_check(request: HttpRequest, pk: int) -> HttpResponse:
    system = get_object_or_404(selectors.systems_for(request.user), pk=pk)
    form = forms.CheckPlanForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the form."))
        return redirect("infosec:system_detail", system.pk)
    try:
        services.plan_check(system=system, actor=request.user, now=timezone.now(), **form.cleaned_data)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("infosec:system_detail", system.pk)


@require_POST
@login_required
@permission_required("infosec.change_check", raise_exception=True)
def record_check(request: HttpRequest, pk: int) -> HttpResponse:
    check = get_object_or_404(selectors.checks_for(request.user), pk=pk)
    form = forms.CheckResultForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the form."))
        return redirect("infosec:system_detail", check.system_id)
    data = form.cleaned_data
    findings = []
    if data["finding"] or data["remedy"]:
        findings = [{"text": data["finding"], "remedy": data["remedy"], "remedy_due_on": data["remedy_due_on"]}]
    try:
        services.record_check(
            check=check, done_on=data["done_on"], findings=findings, actor=request.user, now=timezone.now()
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("infosec:system_detail", check.system_id)


@login_required
@permission_required("infosec.add_informationsystem", raise_exception=True)
def system_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    system = get_object_or_404(selectors.systems_for(request.user), pk=pk) if pk else None
    organisations = organisations_for(request.user)
    initial = {}
    if system is not None:
        initial = {f: getattr(system, f) for f in forms.SystemForm.base_fields if hasattr(system, f)}
    form = forms.SystemForm(request.POST or None, initial=initial, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        try:
            saved = services.save_system(
                values=data, actor=request.user, now=timezone.now(), system=system, expected_version=version
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            return redirect("infosec:system_detail", saved.pk)
    return render(request, "infosec/system_form.html", {"form": form, "system": system})


@login_required
@permission_required(VIEW_INCIDENTS, raise_exception=True)
def incident_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.incidents_for(request.user).order_by("-detected_at", "-id")
    now = timezone.now()
    page = paginate(request, qs, 25)
    rows = [(i, _clocks(i, now)) for i in page.object_list]
    return render(request, "infosec/incident_list.html", {"page_obj": page, "rows": rows})


def _clocks(incident: Incident, now: Any) -> dict[str, workflow.Clock]:
    return {
        "notify": workflow.clock(due_at=incident.notify_due_at, done_at=incident.notified_at, now=now),
        "end": workflow.clock(due_at=incident.end_report_due_at, done_at=incident.end_reported_at, now=now),
    }


@login_required
@permission_required("infosec.add_incident", raise_exception=True)
def incident_report(request: HttpRequest) -> HttpResponse:
    systems = selectors.systems_for(request.user)
    form = forms.IncidentForm(request.POST or None, systems=systems)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            incident = services.report_incident(
                system=data["system"],
                detected_at=data["detected_at"],
                incident_type=data["incident_type"],
                symptoms=data["symptoms"],
                harm=data["harm"],
                measures=data["measures"],
                help_needed=data["help_needed"],
                contact=data["contact"],
                effects=list(data["effects"]),
                beyond_capacity=data["beyond_capacity"],
                actor=request.user,
                now=timezone.now(),
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            return redirect("infosec:incident_detail", incident.pk)
    return render(request, "infosec/incident_form.html", {"form": form})


@login_required
@permission_required(VIEW_INCIDENTS, raise_exception=True)
def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    incident = get_object_or_404(selectors.incidents_for(request.user), pk=pk)
    return _incident_page(request, incident)


def _incident_page(request: HttpRequest, incident: Incident, **forms_given: Any) -> HttpResponse:
    may_follow = policies.can_follow_incident(request.user, incident)
    actions = [a for a, s in workflow.STEPS.items() if incident.status in s.sources] if may_follow else []
    if incident.escalated_at is not None and "escalate" in actions:
        actions.remove("escalate")
    if incident.notified_at is not None and "initial_report" in actions:
        actions.remove("initial_report")
    if incident.end_reported_at is not None and "end_report" in actions:
        actions.remove("end_report")
    return render(
        request,
        "infosec/incident_detail.html",
        {
            "incident": incident,
            "clocks": _clocks(incident, timezone.now()),
            "progress": incident.progress.select_related("by"),
            "documents": documents_of(f"infosec.incident:{incident.pk}"),
            "actions": actions,
            "progress_form": forms_given.get("progress_form") or forms.ProgressForm(),
            "close_form": forms_given.get("close_form") or forms.CloseForm(),
            "error": forms_given.get("error"),
        },
        status=400 if forms_given.get("error") else 200,
    )


@require_POST
@login_required
@permission_required(VIEW_INCIDENTS, raise_exception=True)
def incident_step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    incident = get_object_or_404(selectors.incidents_for(request.user), pk=pk)
    if not policies.can_follow_incident(request.user, incident):
        raise PermissionDenied
    now = timezone.now()
    try:
        if action == "progress":
            form = forms.ProgressForm(request.POST)
            if not form.is_valid():
                return _incident_page(request, incident, progress_form=form, error=_("Check the form."))
            services.add_progress(incident=incident, text=form.cleaned_data["text"], actor=request.user, now=now)
        elif action == "close":
            close = forms.CloseForm(request.POST)
            if not close.is_valid():
                return _incident_page(request, incident, close_form=close, error=_("Check the form."))
            services.close_incident(
                incident=incident,
                closed_at=close.cleaned_data["closed_at"],
                result=close.cleaned_data["result"],
                actor=request.user,
                now=now,
            )
        elif action == "escalate":
            services.escalate_incident(incident=incident, actor=request.user, now=now)
        elif action == "initial_report":
            services.send_initial_report(incident=incident, actor=request.user, now=now)
        elif action == "end_report":
            services.send_end_report(incident=incident, actor=request.user, now=now)
        else:
            workflow.ensure_allowed(incident.status, action)
    except DomainError as exc:
        from ictmis.core.errors import NotAllowedError

        if isinstance(exc, NotAllowedError):
            raise PermissionDenied(exc.message) from exc
        return _incident_page(request, incident, error=exc.message)
    return redirect("infosec:incident_detail", incident.pk)


@login_required
@permission_required(VIEW_INCIDENTS, raise_exception=True)
def statistics(request: HttpRequest) -> HttpResponse:
    summary = selectors.summary(selectors.incidents_for(request.user))
    types = dict(IncidentType.choices)
    chart = {
        "labels": [row["month"] for row in summary["by_month"]],
        "values": [row["count"] for row in summary["by_month"]],
    }
    return render(
        request,
        "infosec/statistics.html",
        {
            "summary": summary,
            "by_type": [(types.get(k, k), v) for k, v in sorted(summary["by_type"].items())],
            "by_level": sorted(summary["by_level"].items()),
            "chart": chart,
            "headline": selectors.headline(on=timezone.localdate()),
        },
    )


@login_required
@permission_required(VIEW_INCIDENTS, raise_exception=True)
def incident_document(request: HttpRequest, pk: int, document_id: int) -> FileResponse:
    incident = get_object_or_404(selectors.incidents_for(request.user), pk=pk)
    document = get_object_or_404(documents_of(f"infosec.incident:{incident.pk}"), pk=document_id)
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=f"{document.kind.code}-{incident.code}.docx"
    )
