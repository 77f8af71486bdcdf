"""The page of a sanction decision without a record (form MQĐ01): the violator, the time and place of the act, one
act with its fine, the decision date and the signer's title. The ceiling of the day is shown; the law's refusals
come back with their rule and citation. Thin: one service call."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ictmis.core.errors import DomainError
from ictmis.core.forms import StyledForm
from ictmis.enforcement import onspot, selectors, services, workflow
from ictmis.enforcement.models import SanctionProvision, Title, ViolatorType

DAY = {
    "input_formats": ["%d/%m/%Y", "%Y-%m-%d"],
    "widget": forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
}
MOMENT = {
    "input_formats": ["%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    "widget": forms.DateTimeInput(format="%d/%m/%Y %H:%M", attrs={"placeholder": "dd/mm/yyyy hh:mm"}),
}


class WithoutRecordForm(StyledForm):
    violator_type = forms.ChoiceField(label=gettext_lazy("Violator"), choices=ViolatorType.choices)
    violator_name = forms.CharField(label=gettext_lazy("Name of the violator"), max_length=255)
    violator_id_number = forms.CharField(label=gettext_lazy("Citizen ID or tax code"), max_length=14)
    address = forms.CharField(label=gettext_lazy("Address"), max_length=255)
    act_at = forms.DateTimeField(label=gettext_lazy("Time of the act"), **MOMENT)  # type: ignore[arg-type]
    act_ended_on = forms.DateField(label=gettext_lazy("Act ended on (empty: continuing)"), required=False, **DAY)  # type: ignore[arg-type]
    place = forms.CharField(label=gettext_lazy("Place of the act"), max_length=255)
    unit_code = forms.CharField(
        label=gettext_lazy("Code of the commune where the act took place"), max_length=8, required=False
    )
    provision = forms.ModelChoiceField(
        label=gettext_lazy("Provision violated"), queryset=SanctionProvision.objects.select_related("legal_basis")
    )
    fine = forms.IntegerField(label=gettext_lazy("Fine (đồng)"), min_value=0)
    mitigating = forms.CharField(label=gettext_lazy("Mitigating circumstances"), max_length=400, required=False)
    aggravating = forms.CharField(label=gettext_lazy("Aggravating circumstances"), max_length=400, required=False)
    decided_on = forms.DateField(label=gettext_lazy("Decision date"), **DAY)  # type: ignore[arg-type]
    signer_title = forms.ChoiceField(label=gettext_lazy("Signer's title"), choices=Title.choices)


def _ceilings(day: Any) -> list[dict[str, Any]]:
    rules = selectors.rules_on(day)
    return [
        {"label": label, "rule": rules[key]}
        for key, label in (
            ("spot_individual", gettext_lazy("individual")),
            ("spot_organisation", gettext_lazy("organisation")),
        )
        if key in rules
    ]


@login_required
@permission_required("enforcement.add_sanctiondecision", raise_exception=True)
def decision_without_record(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    initial = {"decided_on": today, "act_at": timezone.localtime().replace(second=0, microsecond=0)}
    form = WithoutRecordForm(request.POST or None, initial=initial)
    refusals: list[workflow.Refusal] = []
    competent = ""
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        act = {
            "provision": data.pop("provision").pk,
            "fine": data.pop("fine"),
            "mitigating": data.pop("mitigating"),
            "aggravating": data.pop("aggravating"),
        }
        try:
            decision = onspot.draft_decision_without_record(
                actor=request.user,
                now=timezone.now(),
                organisation=onspot.organisation_of(request.user, data["violator_type"], data["violator_id_number"]),
                acts=[act],
                **data,
            )
        except workflow.SanctionRefused as exc:
            refusals, competent = exc.refusals, exc.competent
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("The decision without a record was drafted; the signer can now sign it."))
            return redirect("enforcement:decision", pk=decision.pk)
    day = (form.cleaned_data.get("decided_on") if request.method == "POST" else None) or today
    return render(
        request,
        "enforcement/decision_without_record.html",
        {
            "form": form,
            "refusals": refusals,
            "competent_label": services.title_label(competent) if competent else "",
            "ceilings": _ceilings(day),
            "day": day,
        },
    )
