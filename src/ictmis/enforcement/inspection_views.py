"""Inspection work pages: a plan drafted and approved by a leader, an inspection opened under it (its decision
numbered from the documents sequence, the team, the subject from parties, the records inspected), its findings
and conclusion with remedial measures and deadlines, and the follow-up of each measure until done."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ictmis.core.errors import DomainError
from ictmis.core.forms import StyledForm
from ictmis.enforcement import selectors, services
from ictmis.enforcement.models import InspectionPlan
from ictmis.parties.public import organisations_for

DATE = {"input_formats": ["%d/%m/%Y", "%Y-%m-%d"], "widget": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})}


def _inspectors() -> Any:
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__permissions__codename="add_inspection")
        .distinct()
        .order_by("username")
    )


class PlanForm(StyledForm):
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=300)
    planned_inspections = forms.IntegerField(label=gettext_lazy("Planned inspections"), min_value=0, max_value=9999)


class InspectionForm(StyledForm):
    plan = forms.ModelChoiceField(label=gettext_lazy("Plan"), queryset=InspectionPlan.objects.none(), required=False)
    subject: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=gettext_lazy("Inspected organisation"), queryset=None
    )
    scope = forms.CharField(label=gettext_lazy("Scope"), max_length=400)
    team_head: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=gettext_lazy("Team head"), queryset=None)
    team: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Team members"), queryset=None, required=False
    )
    starts_on = forms.DateField(label=gettext_lazy("From"), **DATE)  # type: ignore[arg-type]
    ends_on = forms.DateField(label=gettext_lazy("Until"), **DATE)  # type: ignore[arg-type]
    records = forms.CharField(
        label=gettext_lazy("Records inspected"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("One a line: the kind and the record's number, e.g. bts-stations:12 or licences:3"),
    )

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = selectors.plans_for(actor).filter(status="approved")  # type: ignore[attr-defined]
        self.fields["subject"].queryset = organisations_for(actor).order_by("name")  # type: ignore[attr-defined]
        self.fields["team_head"].queryset = _inspectors()  # type: ignore[attr-defined]
        self.fields["team"].queryset = _inspectors()  # type: ignore[attr-defined]

    def clean_records(self) -> list[dict[str, Any]]:
        rows = []
        for line in self.cleaned_data["records"].splitlines():
            if line.strip():
                key, _sep, pk = line.strip().partition(":")
                rows.append({"registry": key.strip(), "id": pk.strip()})
        return rows


class ConclusionForm(StyledForm):
    findings = forms.CharField(label=gettext_lazy("Findings"), widget=forms.Textarea(attrs={"rows": 3}))
    conclusion = forms.CharField(label=gettext_lazy("Conclusion"), widget=forms.Textarea(attrs={"rows": 3}))
    remedies = forms.CharField(
        label=gettext_lazy("Remedial measures"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("One a line: the measure, a semicolon, its deadline dd/mm/yyyy"),
    )

    def clean_remedies(self) -> list[dict[str, Any]]:
        rows = []
        for line in self.cleaned_data["remedies"].splitlines():
            if not line.strip():
                continue
            measure, _sep, due = line.rpartition(";")
            try:
                day = dt.datetime.strptime(due.strip(), "%d/%m/%Y").date()
            except ValueError:
                raise forms.ValidationError(
                    _("Give each measure its deadline as dd/mm/yyyy after a semicolon.")
                ) from None
            rows.append({"measure": measure.strip(), "due": day.isoformat()})
        return rows


@login_required
@permission_required("enforcement.add_inspectionplan", raise_exception=True)
def plan_create(request: HttpRequest) -> HttpResponse:
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_plan(actor=request.user, now=timezone.now(), **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The plan was drafted; a leader approves it."))
            return redirect("enforcement:inspections")
    return render(request, "enforcement/plan_form.html", {"form": form})


@require_POST
@login_required
@permission_required("enforcement.change_inspectionplan", raise_exception=True)
def plan_approve(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(selectors.plans_for(request.user), pk=pk)
    try:
        services.approve_plan(actor=request.user, now=timezone.now(), plan=plan)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The plan was approved."))
    return redirect("enforcement:inspections")


@login_required
@permission_required("enforcement.add_inspection", raise_exception=True)
def inspection_create(request: HttpRequest) -> HttpResponse:
    form = InspectionForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            inspection = services.open_inspection(
                actor=request.user, now=timezone.now(), team=list(data.pop("team")), **data
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Inspection %(number)s opened.") % {"number": inspection.decision_number})
            return redirect("enforcement:inspection", pk=inspection.pk)
    return render(request, "enforcement/inspection_form.html", {"form": form})


@login_required
@permission_required("enforcement.view_inspection", raise_exception=True)
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_object_or_404(selectors.inspections_for(request.user).prefetch_related("team"), pk=pk)
    form = ConclusionForm(request.POST if request.POST.get("action") == "conclude" else None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "conclude":
                if not form.is_valid():
                    raise DomainError(_("Check the values given."))
                services.conclude_inspection(
                    actor=request.user, now=timezone.now(), inspection=inspection, **form.cleaned_data
                )
            else:
                services.record_inspection_remedy(
                    actor=request.user,
                    now=timezone.now(),
                    inspection=inspection,
                    index=int(request.POST.get("index", "-1")),
                    done_on=dt.date.fromisoformat(request.POST.get("done_on", "")),
                )
        except (DomainError, ValueError) as exc:
            if not form.errors:
                messages.error(request, str(exc) if isinstance(exc, DomainError) else _("Check the values given."))
        else:
            messages.success(request, _("Saved."))
            return redirect("enforcement:inspection", pk=pk)
    today = timezone.localdate()
    remedies = [
        {**r, "index": i, "overdue": not r.get("done") and str(r.get("due", "")) < today.isoformat()}
        for i, r in enumerate(inspection.remedies)
    ]
    return render(
        request,
        "enforcement/inspection_detail.html",
        {"inspection": inspection, "form": form, "remedies": remedies, "today": today},
    )
