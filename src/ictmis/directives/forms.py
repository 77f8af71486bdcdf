"""Input of the directives pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ictmis.core.errors import DomainError
from ictmis.core.forms import StyledForm
from ictmis.directives.models import DirectingDocument, Division, Proposal, Task, WorkingSession

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def date_field(label: Any, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        help_text=_("dd/mm/yyyy"),
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
    )


def lead_choices() -> list[tuple[Any, Any]]:
    """Divisions, the home province's current communes and state agencies, as "d12" / "c345" / "a6"."""
    from ictmis.parties.public import Organisation, OrganisationKind
    from ictmis.units.public import home_units

    communes = home_units(level="commune").filter(valid_to__isnull=True).order_by("name")
    agencies = Organisation.objects.alive().filter(kind=OrganisationKind.STATE_AGENCY).order_by("name")
    return [
        ("", "—"),
        (_("Divisions of the Department"), [(f"d{d.pk}", d.name) for d in Division.objects.all()]),
        (_("Communes"), [(f"c{u.pk}", u.name) for u in communes]),
        (_("Other agencies"), [(f"a{o.pk}", o.name) for o in agencies]),
    ]


def parse_lead(value: str) -> Any:
    """The `Lead` a choice names, or a refusal naming the field."""
    from ictmis.directives.services import Lead
    from ictmis.parties.public import Organisation
    from ictmis.units.public import home_units

    kind, key = (value or "")[:1], (value or "")[1:]
    if not key.isdigit():
        raise DomainError(_("Choose the lead unit."), field="lead_unit")
    if kind == "d":
        division = Division.objects.filter(pk=int(key)).first()
        if division is not None:
            return Lead(division=division)
    elif kind == "c":
        commune = home_units(level="commune").filter(pk=int(key)).first()
        if commune is not None:
            return Lead(commune=commune)
    elif kind == "a":
        agency = Organisation.objects.alive().filter(pk=int(key)).first()
        if agency is not None:
            return Lead(agency=agency)
    raise DomainError(_("No such lead unit."), field="lead_unit")


PERSON_ROLES = ("specialist", "commune_officer")


def person_choices() -> list[tuple[Any, Any]]:
    """Who may be put in charge of a task: the Department's specialists and the commune officers."""
    from ictmis.notifications.public import users_with_role

    return [
        ("", "—"),
        *((str(user.pk), str(user)) for user in users_with_role(*PERSON_ROLES).order_by("name_sort_key")),
    ]


def parse_person(value: Any) -> Any:
    """The account a choice (or an API id) names, None when blank, or a refusal naming the field."""
    from django.contrib.auth import get_user_model

    if value in (None, ""):
        return None
    text = str(value)
    person = get_user_model().objects.filter(pk=int(text), is_active=True).first() if text.isdigit() else None
    if person is None:
        raise DomainError(_("No such person in charge."), field="person_in_charge")
    return person


class SessionForm(StyledForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=WorkingSession.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    held_on = date_field(_("Date"))
    place = forms.CharField(label=_("Place"), max_length=255)
    chaired_by = forms.CharField(label=_("Led by"), max_length=255)
    delegation = forms.CharField(label=_("Delegation"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    hosts = forms.CharField(label=_("Hosts"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    units_visited = forms.CharField(label=_("Units visited"), required=False)
    agenda = forms.CharField(label=_("Agenda"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    outcome = forms.CharField(label=_("Outcome"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    file = forms.FileField(label=_("Report presented (PDF, DOCX…)"), required=False)


class DocumentForm(StyledForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=DirectingDocument.Kind.choices)
    number = forms.CharField(label=_("Number"), max_length=60)
    issued_on = date_field(_("Date of issue"))
    issuer = forms.CharField(label=_("Issuer"), max_length=255)
    signer = forms.CharField(label=_("Signer"), max_length=255)
    title = forms.CharField(label=_("Summary"), max_length=500)
    session: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Working session"), queryset=WorkingSession.objects.all(), required=False
    )
    items = forms.CharField(label=_("Items (one per line)"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    file = forms.FileField(label=_("File of the document"), required=False)


class TaskForm(StyledForm):
    title = forms.CharField(label=_("Task"), max_length=500, required=False)
    lead_unit = forms.ChoiceField(label=_("Lead unit"), required=False)
    deadline = date_field(_("Deadline"), required=False)
    co_units = forms.CharField(label=_("Co-operating units"), max_length=500, required=False)
    person_in_charge = forms.ChoiceField(label=_("Person in charge"), required=False)
    expected_output = forms.CharField(label=_("Expected output"), required=False)
    recurrence = forms.ChoiceField(label=_("Recurrence"), choices=Task.Recurrence.choices, required=False)
    repeat_until = date_field(_("Repeat until"), required=False)
    evidence_required = forms.BooleanField(label=_("Completion needs evidence"), required=False, initial=True)

    def __init__(
        self,
        *args: Any,
        choices: list[tuple[Any, Any]] | None = None,
        people: list[tuple[Any, Any]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["lead_unit"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices if choices is not None else lead_choices()
        person = self.fields["person_in_charge"]
        assert isinstance(person, forms.ChoiceField)
        person.choices = people if people is not None else person_choices()

    @property
    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not (data.get("title") or data.get("lead_unit") or data.get("deadline"))


class ProposalForm(StyledForm):
    session: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Working session"), queryset=WorkingSession.objects.all(), required=False
    )
    addressee = forms.CharField(label=_("Sent to"), max_length=255)
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 3}))
    sent_on = date_field(_("Sent on"))


class AnswerForm(StyledForm):
    status = forms.ChoiceField(
        label=_("What the answer says"), choices=[c for c in Proposal.Status.choices if c[0] != Proposal.Status.SENT]
    )
    answer = forms.CharField(label=_("Answer"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    answered_on = date_field(_("Answered on"))
    reference = forms.CharField(label=_("Answering document (number, date)"), max_length=255, required=False)
    file = forms.FileField(label=_("File of the answer"), required=False)


class StepForm(forms.Form):
    note = forms.CharField(required=False)
    on = forms.DateField(required=False, input_formats=DATE_FORMATS)
    percent = forms.IntegerField(required=False, min_value=0, max_value=100)
    requested_to = forms.DateField(required=False, input_formats=DATE_FORMATS)
    version = forms.IntegerField(required=False)
