"""The order of coercive enforcement from a decision's page: a form with the measure and its legal basis, the date
and the signer's title; the domain's refusals come back beside their fields, the confirmation on the decision."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ictmis.core.errors import DomainError, NotAllowedError
from ictmis.core.forms import DateInput, StyledForm
from ictmis.enforcement import coercion, documents, policies, selectors, services
from ictmis.enforcement.models import TITLE_RANK, CoercionDecision, SanctionDecision, Title

BLANK = [("", "---------")]


class CoercionForm(StyledForm):
    measure = forms.ChoiceField(
        label=gettext_lazy("Coercive measure"), choices=[*BLANK, *CoercionDecision.Measure.choices]
    )
    decided_on = forms.DateField(
        label=gettext_lazy("Date of the coercion decision"), input_formats=["%d/%m/%Y", "%Y-%m-%d"], widget=DateInput()
    )
    signer_title = forms.ChoiceField(label=gettext_lazy("Signer's title"))
    details = forms.CharField(label=gettext_lazy("Where and how"), max_length=400, required=False)

    def __init__(self, *args: Any, decision: SanctionDecision, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # the sanction decision's title or a higher one (LHAV Art. 87, as the service checks it)
        lowest = TITLE_RANK.get(decision.signer_title, 0)
        field: Any = self.fields["signer_title"]
        field.choices = [(value, label) for value, label in Title.choices if TITLE_RANK[value] >= lowest]


def _asked_day(form: CoercionForm) -> dt.date | None:
    """The date a posted form asks for, when it is a valid date."""
    if not form.is_bound or "decided_on" in form.errors:
        return None
    day = getattr(form, "cleaned_data", {}).get("decided_on")
    return day if isinstance(day, dt.date) else None


@login_required
@permission_required(policies.SIGN, raise_exception=True)
def coercion_create(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(selectors.decisions_for(request.user), pk=pk)
    today = timezone.localdate()
    form = CoercionForm(
        request.POST or None,
        decision=decision,
        initial={"decided_on": today, "signer_title": decision.signer_title},
    )
    if request.method == "POST" and form.is_valid():
        try:
            ordered = coercion.order_enforcement(
                actor=request.user, now=timezone.now(), decision=decision, **form.cleaned_data
            )
        except NotAllowedError as exc:
            raise PermissionDenied(str(exc)) from exc
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(
                request,
                _("Coercive enforcement ordered: the coercion decision %(number)s collects %(amount)s đồng.")
                % {"number": ordered.number, "amount": f"{ordered.amount:,}".replace(",", ".")},
            )
            return redirect("enforcement:decision", pk=decision.pk)
    return render(
        request,
        "enforcement/coercion_form.html",
        {
            "decision": decision,
            "form": form,
            # the bases in force on the date asked (the DOCX prints those of its own date)
            "bases": documents.coercion_bases(_asked_day(form) or today),
            "payment_due": services.payment_due(decision) if decision.status != "draft" else None,
            "surcharge": services.surcharge_to(decision, today),
        },
    )
