"""The execution of a signed decision from its page: postponement, instalments, appeals and their outcome, the
remedial measures done, publication on the portal. One POST view; each action parses its own form and makes one
service call; the law's refusals and the domain errors come back as messages on the decision's page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ictmis.core.errors import DomainError, NotAllowedError
from ictmis.enforcement import execution, selectors, workflow
from ictmis.enforcement.models import Appeal

DAY = {"input_formats": ["%Y-%m-%d", "%d/%m/%Y"]}


class PostponementForm(forms.Form):
    until = forms.DateField(label=gettext_lazy("Postponed until"), **DAY)  # type: ignore[arg-type]
    reason = forms.CharField(label=gettext_lazy("Hardship"), max_length=400)


class InstalmentsForm(forms.Form):
    due_1 = forms.DateField(label=gettext_lazy("First instalment due"), **DAY)  # type: ignore[arg-type]
    amount_1 = forms.IntegerField(label=gettext_lazy("First instalment (đồng)"), min_value=1)
    due_2 = forms.DateField(label=gettext_lazy("Second instalment due"), required=False, **DAY)  # type: ignore[arg-type]
    amount_2 = forms.IntegerField(label=gettext_lazy("Second instalment (đồng)"), min_value=1, required=False)
    due_3 = forms.DateField(label=gettext_lazy("Third instalment due"), required=False, **DAY)  # type: ignore[arg-type]
    amount_3 = forms.IntegerField(label=gettext_lazy("Third instalment (đồng)"), min_value=1, required=False)

    def plan(self) -> list[tuple[dt.date, int]]:
        data = self.cleaned_data
        return [
            (data[f"due_{i}"], data[f"amount_{i}"])
            for i in (1, 2, 3)
            if data.get(f"due_{i}") and data.get(f"amount_{i}")
        ]


class AppealForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=Appeal.Kind.choices)
    lodged_on = forms.DateField(label=gettext_lazy("Lodged on"), **DAY)  # type: ignore[arg-type]
    summary = forms.CharField(label=gettext_lazy("Summary"), max_length=2000)


class ResolutionForm(forms.Form):
    appeal = forms.IntegerField()
    outcome = forms.ChoiceField(
        label=gettext_lazy("Outcome"), choices=[c for c in Appeal.Outcome.choices if c[0] != Appeal.Outcome.PENDING]
    )
    resolved_on = forms.DateField(label=gettext_lazy("Resolved on"), **DAY)  # type: ignore[arg-type]
    resolution = forms.CharField(label=gettext_lazy("Resolution"), max_length=400, required=False)


class DoneForm(forms.Form):
    done_on = forms.DateField(label=gettext_lazy("Done on"), **DAY)  # type: ignore[arg-type]


def _run(request: HttpRequest, decision: Any, action: str, now: dt.datetime) -> str:
    """Run one action; the message to show when it succeeded."""
    actor = request.user
    if action == "postpone":
        form: forms.Form = PostponementForm(request.POST)
        if form.is_valid():
            execution.postpone_payment(actor=actor, now=now, decision=decision, **form.cleaned_data)
            return _("The payment was postponed.")
    elif action == "instalments":
        instalments = InstalmentsForm(request.POST)
        form = instalments
        if instalments.is_valid():
            execution.grant_instalments(actor=actor, now=now, decision=decision, plan=instalments.plan())
            return _("The instalments were granted; the decision on instalments was issued.")
    elif action == "appeal":
        form = AppealForm(request.POST)
        if form.is_valid():
            execution.record_appeal(actor=actor, now=now, decision=decision, **form.cleaned_data)
            return _("The appeal was recorded.")
    elif action == "resolve":
        form = ResolutionForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            appeal = get_object_or_404(decision.appeals.all(), pk=data.pop("appeal"))
            execution.resolve_appeal(actor=actor, now=now, appeal=appeal, **data)
            return _("The outcome of the appeal was recorded.")
    elif action == "remedy":
        form = DoneForm(request.POST)
        if form.is_valid():
            execution.record_remedy_done(actor=actor, now=now, decision=decision, done_on=form.cleaned_data["done_on"])
            return _("The remedial measures were recorded as done.")
    elif action == "publish":
        execution.publish_decision(
            actor=actor, now=now, decision=decision, basis_checked=request.POST.get("basis_checked") == "1"
        )
        return _("The decision is published on the portal.")
    elif action == "unpublish":
        execution.withdraw_publication(actor=actor, now=now, decision=decision)
        return _("The decision was taken off the portal.")
    else:
        raise DomainError(_("Unknown step."))
    raise DomainError(
        "; ".join(
            f"{form.fields[f].label if f in form.fields else ''}: {' '.join(str(m) for m in e)}"
            for f, e in form.errors.items()
        )
    )


@require_POST
@login_required
@permission_required("enforcement.view_violationrecord", raise_exception=True)
def decision_execution(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(selectors.decisions_for(request.user), pk=pk)
    try:
        done = _run(request, decision, request.POST.get("action", ""), timezone.now())
    except workflow.SanctionRefused as exc:
        for refusal in exc.refusals:
            messages.error(request, f"{refusal.message} ({refusal.citation})" if refusal.citation else refusal.message)
    except NotAllowedError:
        messages.error(request, _("You may not take this step."))
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect("enforcement:decision", pk=pk)
