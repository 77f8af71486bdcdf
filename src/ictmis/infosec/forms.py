"""HTML forms of infosec: an incident report, its steps, a system of the inventory."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ictmis.core.forms import StyledForm
from ictmis.infosec.models import IncidentType, InformationSystem, SeriousEffect, SystemType

DATETIME_FORMATS = ["%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


class IncidentForm(StyledForm):
    system = forms.ModelChoiceField(label=_("Information system"), queryset=InformationSystem.objects.none())
    detected_at = forms.DateTimeField(
        label=_("Detected at"),
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    incident_type = forms.ChoiceField(label=_("Type"), choices=IncidentType.choices)
    symptoms = forms.CharField(label=_("Symptoms"), widget=forms.Textarea(attrs={"rows": 3}))
    harm = forms.CharField(
        label=_("First estimate of harm and spread"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    measures = forms.CharField(label=_("Measures taken"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    help_needed = forms.CharField(label=_("Help needed"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    contact = forms.CharField(label=_("Contact (name, phone)"), max_length=255)
    effects = forms.MultipleChoiceField(
        label=_("Serious effects"), choices=SeriousEffect.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    beyond_capacity = forms.BooleanField(label=_("Beyond our capacity: ask for help at once"), required=False)

    def __init__(self, *args: Any, systems: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["system"].queryset = systems.exclude(status=InformationSystem.Status.RETIRED)  # type: ignore[attr-defined]


class ProgressForm(StyledForm):
    text = forms.CharField(label=_("Progress of the response"), widget=forms.Textarea(attrs={"rows": 2}))


class CloseForm(StyledForm):
    closed_at = forms.DateTimeField(
        label=_("Response closed at"),
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    result = forms.CharField(label=_("Result of the response"), widget=forms.Textarea(attrs={"rows": 2}))


class SystemForm(StyledForm):
    code = forms.CharField(label=_("Code"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=255)
    owner: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("Owner"), queryset=None)
    operator: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("Operator"), queryset=None, required=False)
    system_type = forms.ChoiceField(label=_("Type"), choices=SystemType.choices)
    hosting = forms.CharField(label=_("Hosting place"), max_length=255, required=False)
    personal_data = forms.BooleanField(label=_("Holds personal data"), required=False)
    personal_data_category = forms.CharField(label=_("Category of personal data"), max_length=255, required=False)
    secret_data = forms.BooleanField(label=_("Holds state-secret data"), required=False)
    secret_data_category = forms.CharField(label=_("Category of state secrets"), max_length=255, required=False)
    proposed_level = forms.IntegerField(label=_("Proposed level"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=InformationSystem.Status.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["operator"].queryset = organisations  # type: ignore[attr-defined]


class CheckPlanForm(StyledForm):
    planned_on = forms.DateField(label=_("Planned on"), input_formats=["%d/%m/%Y", "%Y-%m-%d"])
    scope = forms.CharField(label=_("Scope of the check"), max_length=255, required=False)


class CheckResultForm(StyledForm):
    done_on = forms.DateField(label=_("Done on"), input_formats=["%d/%m/%Y", "%Y-%m-%d"])
    finding = forms.CharField(label=_("Finding"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    remedy = forms.CharField(label=_("Remedy"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    remedy_due_on = forms.DateField(label=_("Remedy due on"), input_formats=["%d/%m/%Y", "%Y-%m-%d"], required=False)
