"""Input of the licensing pages: a case (at the counter or online), a step, a fee, a payment, a licence status."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from ictmis.core.formatting import MAX_AMOUNT
from ictmis.core.forms import StyledForm, VersionField
from ictmis.licensing.models import Case, Payment, Procedure, RuleVersion
from ictmis.licensing.workflow import EARLIEST_DAY

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def date_field(label: Any, required: bool = True, help_text: Any = "") -> forms.DateField:
    """A dd/mm/yyyy date no earlier than the first rule kept here (a step "on 01/01/1900" is a typing error)."""
    return forms.DateField(
        label=label,
        required=required,
        validators=[MinValueValidator(EARLIEST_DAY, message=_("Give a date from 01/01/2014 on."))],
        input_formats=DATE_FORMATS,
        help_text=help_text or _("dd/mm/yyyy"),
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
    )


class CaseForm(StyledForm):
    """A general-website dossier; the checklist and the file inputs follow the procedure's rule in force."""

    applicant: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("Applicant organisation"), queryset=None)
    received_on = date_field(
        _("Received on"),
        required=False,
        help_text=_("dd/mm/yyyy; today if empty. An earlier date records a paper dossier after the fact."),
    )
    licence = forms.CharField(label=_("Licence number (amendment, renewal, re-issue)"), required=False, max_length=40)
    name = forms.CharField(label=_("Website name"), required=False, max_length=255)
    domains = forms.CharField(label=_("Domain names"), required=False, help_text=_("separated by commas"))
    server_location = forms.CharField(label=_("Server address in Viet Nam"), required=False, max_length=255)
    responsible_person = forms.CharField(label=_("Person responsible for the content"), required=False, max_length=160)
    sources = forms.CharField(
        label=_("Official sources quoted"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("one per line"),
    )
    years = forms.IntegerField(label=_("Term asked (years)"), required=False, min_value=1, max_value=10)

    def __init__(
        self, *args: Any, procedure: Procedure, rule: RuleVersion | None, applicants: Any, staff: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.procedure, self.rule = procedure, rule
        self.fields["applicant"].queryset = applicants  # type: ignore[attr-defined]
        if not staff:
            del self.fields["received_on"]
            if applicants.count() == 1:
                self.fields["applicant"].initial = applicants.first()
        if procedure.action != "new":
            for name in ("name", "domains", "server_location", "responsible_person", "sources", "years"):
                self.fields[name].help_text = _("only what changes")
            self.fields["licence"].required = True
            self.fields["licence"].help_text = _(
                "e.g. 3/GP-STTTT; add the year (3/GP-STTTT/2019) if the number was used in several years"
            )
        else:
            del self.fields["licence"]
        for index, document in enumerate(rule.required_documents if rule else []):
            if staff:
                self.fields[f"present_{index}"] = forms.BooleanField(label=document, required=False, initial=True)
            self.fields[f"file_{index}"] = forms.FileField(
                label=document, required=False, help_text=_("PDF, JPEG, PNG, DOCX or XLSX, up to 20 MB")
            )
        self.style_fields(mark_errors=False)

    def particulars(self) -> dict[str, Any]:
        data = self.cleaned_data
        values: dict[str, Any] = {}
        for name in ("name", "server_location", "responsible_person"):
            if data.get(name):
                values[name] = data[name]
        if data.get("domains"):
            values["domains"] = [d.strip() for d in data["domains"].replace(";", ",").split(",") if d.strip()]
        if data.get("sources"):
            values["sources"] = [s.strip() for s in data["sources"].splitlines() if s.strip()]
        if data.get("years"):
            values["years"] = data["years"]
        return values

    def checklist(self) -> list[bool] | None:
        if not self.rule or "present_0" not in self.fields:
            return None
        return [bool(self.cleaned_data.get(f"present_{i}")) for i in range(len(self.rule.required_documents))]

    def uploads(self) -> list[tuple[str, Any]]:
        result = []
        for index, document in enumerate(self.rule.required_documents if self.rule else []):
            upload = self.cleaned_data.get(f"file_{index}")
            if upload:
                result.append((document, upload))
        return result


class StepForm(StyledForm):
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    on = date_field(_("Date"), required=False)
    version = VersionField(required=False)


class FeeForm(StyledForm):
    amount = forms.IntegerField(label=_("Fee (đồng)"), min_value=0, max_value=MAX_AMOUNT)
    reason = forms.CharField(label=_("Reason, if it differs from the rule"), required=False, max_length=300)


class PaymentForm(StyledForm):
    amount = forms.IntegerField(label=_("Amount paid (đồng)"), min_value=1, max_value=MAX_AMOUNT)
    paid_on = date_field(_("Paid on"))
    channel = forms.ChoiceField(label=_("Channel"), choices=Payment.Channel.choices)
    receipt_number = forms.CharField(label=_("Receipt number"), max_length=60)


class ApologyForm(StyledForm):
    new_date = date_field(
        _("New appointment"), required=False, help_text=_("dd/mm/yyyy; 5 working days from today if empty")
    )


class LicenceStatusForm(StyledForm):
    status = forms.ChoiceField(
        label=_("New status"),
        choices=[("suspended", _("suspended")), ("active", _("active (reinstated)")), ("revoked", _("revoked"))],
    )
    decision = forms.CharField(label=_("Decision (number, date)"), max_length=120)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    on = date_field(_("Effective on"))


class CaseFilter(forms.Form):
    q = forms.CharField(required=False)
    status = forms.ChoiceField(required=False, choices=[("", ""), *Case.Status.choices])


class AssigneeField(forms.ModelChoiceField):
    """An active user by id; whether that user may hold cases is the service's question (a clear refusal)."""

    def __init__(self, **kwargs: Any) -> None:
        from django.contrib.auth import get_user_model

        kwargs.setdefault("label", _("Assign to"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("empty_label", _("— nobody —"))
        super().__init__(queryset=get_user_model().objects.filter(is_active=True), **kwargs)


class AssignForm(StyledForm):
    assignee = AssigneeField()
    version = VersionField(required=False)


class BulkCaseForm(forms.Form):
    """The rows ticked on the case list and what to do with them; a row outside the actor's scope is not a
    choice, so the whole action is refused."""

    ACTIONS = [("assign", _("Assign")), ("export", _("Export"))]

    ids = forms.ModelMultipleChoiceField(
        queryset=Case.objects.none(),
        error_messages={
            "required": _("Select at least one case."),
            "invalid_choice": _("A selected case is not available to you (%(value)s)."),
            "invalid_pk_value": _("A selected case is not available to you (%(pk)s)."),
        },
    )
    action = forms.ChoiceField(choices=ACTIONS)
    assignee = AssigneeField()

    def __init__(self, *args: Any, cases: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ids"].queryset = cases  # type: ignore[attr-defined]
