"""Enforcement pages: decisions (list, detail with its steps and payments), violation records, the decision form
that shows each act's range and the signer's limit, and the report with its chart and XLSX. Thin: one call."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ictmis.core.errors import DomainError
from ictmis.core.forms import StyledForm
from ictmis.core.history import events_of, history_of
from ictmis.enforcement import execution, policies, selectors, services, workflow
from ictmis.enforcement.models import (
    Appeal,
    SanctionDecision,
    SanctionProvision,
    Sector,
    Title,
    ViolatorType,
)

DATE = {"input_formats": ["%d/%m/%Y", "%Y-%m-%d"], "widget": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})}


class RecordForm(StyledForm):
    violator_type = forms.ChoiceField(label=gettext_lazy("Violator"), choices=ViolatorType.choices)
    violator_name = forms.CharField(label=gettext_lazy("Name of the violator"), max_length=255)
    violator_id_number = forms.CharField(label=gettext_lazy("Citizen ID or tax code"), max_length=14)
    address = forms.CharField(label=gettext_lazy("Address"), max_length=255, required=False)
    place = forms.CharField(label=gettext_lazy("Place of the act"), max_length=255)
    unit_code = forms.CharField(
        label=gettext_lazy("Code of the commune where the act took place"), max_length=8, required=False
    )
    detected_on = forms.DateField(label=gettext_lazy("Detected on"), **DATE)  # type: ignore[arg-type]
    act_ended_on = forms.DateField(label=gettext_lazy("Act ended on (empty: continuing)"), required=False, **DATE)  # type: ignore[arg-type]
    provisions = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Provisions violated"), queryset=SanctionProvision.objects.select_related("legal_basis")
    )
    witnesses = forms.CharField(
        label=gettext_lazy("Witnesses"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    statement = forms.CharField(
        label=gettext_lazy("Violator's statement"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


@login_required
@permission_required("enforcement.view_sanctiondecision", raise_exception=True)
def decision_list(request: HttpRequest) -> HttpResponse:
    status, sector = request.GET.get("status", ""), request.GET.get("sector", "")
    qs = selectors.decision_rows(request.user, status=status, sector=sector if sector in Sector.values else None)
    page = selectors.IdsFirstPaginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "enforcement/decision_list.html",
        {
            "page": page,
            "sectors": Sector.choices,
            "statuses": SanctionDecision.Status.choices,
            "status": status,
            "sector": sector,
        },
    )


@login_required
@permission_required("enforcement.view_sanctiondecision", raise_exception=True)
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(selectors.decisions_for(request.user), pk=pk)
    now = timezone.now()
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "sign":
                services.sign_decision(actor=request.user, now=now, decision=decision)
            elif action == "deliver":
                services.deliver_decision(
                    actor=request.user,
                    now=now,
                    decision=decision,
                    delivered_on=dt.date.fromisoformat(request.POST["delivered_on"]),
                )
            elif action == "pay":
                services.record_payment(
                    actor=request.user,
                    now=now,
                    decision=decision,
                    paid_on=dt.date.fromisoformat(request.POST["paid_on"]),
                    amount=int(request.POST["amount"]),
                )
            elif action == "close":
                services.close_decision(actor=request.user, now=now, decision=decision)
            else:
                raise KeyError(action)  # coercion has its own form (coercion_views)
        except workflow.SanctionRefused as exc:
            for refusal in exc.refusals:
                messages.error(request, f"{refusal.message} ({refusal.citation})")
        except (DomainError, ValueError, KeyError) as exc:
            messages.error(request, str(exc) if isinstance(exc, DomainError) else _("Check the values given."))
        else:
            messages.success(request, _("Saved."))
        return redirect("enforcement:decision", pk=pk)
    today = timezone.localdate()
    staff = request.user.has_perm("enforcement.view_violationrecord")
    actions = [
        a
        for a in workflow.allowed_actions(decision.status)
        if policies.can_act(request.user, decision, workflow.STEPS[a].permission)
    ]
    return render(
        request,
        "enforcement/decision_detail.html",
        {
            "decision": decision,
            "acts": decision.acts.select_related("provision__legal_basis"),
            "payments": decision.payments.all(),
            "actions": actions,
            "payment_due": services.payment_due(decision) if decision.status != "draft" else None,
            "surcharge": services.surcharge_to(decision, today),
            "today": today,
            "publication_unconfirmed": decision.status != "draft"
            and execution.publication_unconfirmed(decision.decided_on),
            "can_pay": decision.status in workflow.PAYABLE and policies.can_record_payment(request.user),
            "can_sign": policies.can_act(request.user, decision, policies.SIGN),
            "can_appeal": decision.status != workflow.DRAFT and policies.can_draft(request.user),
            "can_publish": decision.violator_type == "organisation" and policies.can_publish(request.user),
            "staff": staff,
            "history": history_of(decision) if staff else [],
            "events": events_of(decision) if staff else [],
            "appeals": decision.appeals.all(),
            "coercions": decision.coercions.select_related("document", "signer"),
            "instalments": services.schedule_of(decision) if decision.instalments else [],
            "appeal_kinds": Appeal.Kind.choices,
            "outcomes": [c for c in Appeal.Outcome.choices if c[0] != Appeal.Outcome.PENDING],
        },
    )


@login_required
@permission_required("enforcement.view_violationrecord", raise_exception=True)
def record_list(request: HttpRequest) -> HttpResponse:
    page = selectors.IdsFirstPaginator(selectors.records_for(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "enforcement/record_list.html", {"page": page})


@login_required
@permission_required("enforcement.add_violationrecord", raise_exception=True)
def record_create(request: HttpRequest) -> HttpResponse:
    form = RecordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["provision_ids"] = [p.pk for p in data.pop("provisions")]
        try:
            record = services.record_violation(actor=request.user, now=timezone.now(), **data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("The violation record %(number)s was made.") % {"number": record.number})
            return redirect("enforcement:decision_create", pk=record.pk)
    return render(request, "enforcement/record_form.html", {"form": form})


def _act_rows(record: Any, decided_on: dt.date, title: str, data: Any) -> list[dict[str, Any]]:
    authorities = list(selectors.authorities_on(decided_on, title=title))
    rows = []
    for act in record.acts.select_related("provision__legal_basis"):
        provision = act.provision
        low, high = workflow.fine_range(provision, record.violator_type)
        own = [a for a in authorities if provision.sector in a.sectors]
        rows.append(
            {
                "act": act,
                "provision": provision,
                "low": low,
                "high": high,
                "fine": data.get(f"fine_{provision.pk}") or workflow.default_fine(provision, record.violator_type),
                "mitigating": data.get(f"mitigating_{provision.pk}", ""),
                "aggravating": data.get(f"aggravating_{provision.pk}", "") or ("tái phạm" if act.is_repeat else ""),
                "limit": workflow.limit_for(own[0], record.violator_type) if own else 0,
            }
        )
    return rows


@login_required
@permission_required("enforcement.add_sanctiondecision", raise_exception=True)
def decision_create(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(selectors.records_for(request.user), pk=pk)
    data = request.POST if request.method == "POST" else request.GET
    today = timezone.localdate()
    try:
        decided_on = dt.date.fromisoformat(data.get("decided_on", "")) if data.get("decided_on") else today
    except ValueError:
        decided_on = today
    title = str(data.get("signer_title")) if data.get("signer_title") in Title.values else str(Title.COMMUNE_PC)
    rows = _act_rows(record, decided_on, title, data)
    refusals: list[workflow.Refusal] = []
    competent = ""
    if request.method == "POST":
        try:
            if data.get("transfer") and data.get("competent") in Title.values:
                services.transfer_record(actor=request.user, now=timezone.now(), record=record, title=data["competent"])
                messages.success(request, _("The case was transferred."))
                return redirect("enforcement:records")
            decision = services.draft_decision(
                actor=request.user,
                now=timezone.now(),
                record=record,
                decided_on=decided_on,
                signer_title=title,
                acts=[
                    {
                        "provision": r["provision"].pk,
                        "fine": int(r["fine"]),
                        "mitigating": r["mitigating"],
                        "aggravating": r["aggravating"],
                    }
                    for r in rows
                ],
                additional_sanctions=data.get("additional_sanctions", ""),
                remedial_measures=data.get("remedial_measures", ""),
            )
        except workflow.SanctionRefused as exc:
            refusals, competent = exc.refusals, exc.competent
        except (DomainError, ValueError) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The decision was drafted; the signer can now sign it."))
            return redirect("enforcement:decision", pk=decision.pk)
    return render(
        request,
        "enforcement/decision_form.html",
        {
            "record": record,
            "rows": rows,
            "decided_on": decided_on,
            "title": title,
            "titles": Title.choices,
            "refusals": refusals,
            "competent": competent,
            "competent_label": services.title_label(competent) if competent else "",
        },
    )


REPORT_BY = [
    ("sector", gettext_lazy("sector")),
    ("provision", gettext_lazy("provision")),
    ("signer", gettext_lazy("signer")),
    ("month", gettext_lazy("month")),
]


@login_required
@permission_required("enforcement.view_violationrecord", raise_exception=True)
def report(request: HttpRequest) -> HttpResponse:
    by = request.GET.get("theo", "sector")
    by = by if by in dict(REPORT_BY) else "sector"
    rows = selectors.report(request.user, by=by)
    labels = {"sector": dict(Sector.choices), "signer": dict(Title.choices)}.get(by, {})
    for row in rows:
        key = row["key"]
        row["label"] = str(labels.get(key, key.strftime("%m/%Y") if hasattr(key, "strftime") else key))
    if request.GET.get("export") == "xlsx":
        from ictmis.enforcement.report import workbook

        response = HttpResponse(
            workbook(rows, by=str(dict(REPORT_BY)[by])),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="xu-phat-theo-{by}.xlsx"'
        return response
    chart = {"labels": [r["label"] for r in rows], "values": [r["decided"] for r in rows]}
    return render(request, "enforcement/report.html", {"rows": rows, "by": by, "choices": REPORT_BY, "chart": chart})


INSPECTIONS_PER_PAGE = 50


@login_required
@permission_required("enforcement.view_inspection", raise_exception=True)
def inspections(request: HttpRequest) -> HttpResponse:
    """Plans against what was done, and each inspection with its remedial measures (overdue ones marked)."""
    today = timezone.localdate().isoformat()
    page = selectors.IdsFirstPaginator(selectors.inspections_for(request.user), INSPECTIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = [
        {"i": i, "overdue": [r for r in i.remedies if not r.get("done") and str(r.get("due", "")) < today]}
        for i in page
    ]
    return render(
        request,
        "enforcement/inspections.html",
        {"plans": selectors.plans_for(request.user), "inspections": rows, "page_obj": page},
    )


@login_required
@permission_required("enforcement.view_violationrecord", raise_exception=True)
def follow_up(request: HttpRequest) -> HttpResponse:
    """Overdue payments (with the surcharge to today), overdue remedial measures, inspections done against the plan:
    tables with charts, or one workbook."""
    today = timezone.localdate()
    export = request.GET.get("export") == "xlsx"
    limit = selectors.OVERDUE_ROWS if export else selectors.OVERDUE_ON_PAGE
    payments = selectors.overdue_payments(request.user, today, limit=limit)
    remedies = selectors.overdue_remedies(request.user, today, limit=None if export else limit)
    plans = selectors.plan_progress(request.user)
    if export:
        from ictmis.enforcement.report import follow_up_workbook

        response = HttpResponse(
            follow_up_workbook(payments, remedies, plans),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="theo-doi-thi-hanh.xlsx"'
        return response
    by_month: dict[dt.date, int] = {}
    for row in payments:
        key = row["due"].replace(day=1)
        by_month[key] = by_month.get(key, 0) + row["overdue"]
    return render(
        request,
        "enforcement/follow_up.html",
        {
            "payments": payments,
            "more_payments": len(payments) >= limit,
            "limit": limit,
            "remedies": remedies,
            "more_remedies": len(remedies) >= limit,
            "plans": plans,
            "today": today,
            "overdue_chart": {
                "labels": [month.strftime("%m/%Y") for month in sorted(by_month)],
                "values": [by_month[month] for month in sorted(by_month)],
            },
            "plan_chart": {
                "labels": [f"{r['plan'].year}: {r['plan'].title}" for r in plans],
                "values": [r["share"] or 0 for r in plans],
            },
        },
    )
