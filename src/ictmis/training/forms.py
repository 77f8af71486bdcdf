"""Input of the training pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ictmis.core.forms import StyledForm
from ictmis.legal.public import LegalDocument
from ictmis.training.models import Result, TargetGroup, Topic, TrainingPlan
from ictmis.units.public import AdministrativeUnit

DATE = {"input_formats": ["%d/%m/%Y", "%Y-%m-%d"], "widget": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})}


class PlanForm(StyledForm):
    year = forms.IntegerField(label=gettext_lazy("year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=gettext_lazy("title"), max_length=255)


class CourseForm(StyledForm):
    plan = forms.ModelChoiceField(label=gettext_lazy("plan"), queryset=TrainingPlan.objects.all())
    code = forms.SlugField(label=gettext_lazy("code"), max_length=40)
    title = forms.CharField(label=gettext_lazy("title"), max_length=255)
    topic = forms.ChoiceField(label=gettext_lazy("topic"), choices=Topic.choices)
    target_group = forms.ChoiceField(label=gettext_lazy("target group"), choices=TargetGroup.choices)
    legal_basis = forms.ModelChoiceField(
        label=gettext_lazy("legal basis"), queryset=LegalDocument.objects.all(), required=False
    )
    starts_on = forms.DateField(label=gettext_lazy("starts on"), **DATE)  # type: ignore[arg-type]
    ends_on = forms.DateField(label=gettext_lazy("ends on"), **DATE)  # type: ignore[arg-type]
    online = forms.BooleanField(label=gettext_lazy("online"), required=False)
    place = forms.CharField(label=gettext_lazy("place"), max_length=255, required=False)
    trainers = forms.CharField(label=gettext_lazy("trainers"), max_length=255, required=False)
    min_attendance = forms.IntegerField(
        label=gettext_lazy("minimum attendance (%)"), min_value=0, max_value=100, initial=80
    )


class ParticipantForm(StyledForm):
    full_name = forms.CharField(label=gettext_lazy("full name"), max_length=120)
    birth_year = forms.IntegerField(label=gettext_lazy("year of birth"), required=False, min_value=1900,
                                    max_value=2100)  # fmt: skip
    citizen_id = forms.CharField(label=gettext_lazy("citizen ID"), max_length=12, required=False,
                                 help_text=gettext_lazy("12 digits"))  # fmt: skip
    position = forms.CharField(label=gettext_lazy("position"), max_length=120, required=False)
    unit = forms.CharField(label=gettext_lazy("Commune code"), max_length=10)
    phone = forms.CharField(label=gettext_lazy("phone"), max_length=20, required=False)

    def __init__(self, *args: Any, on: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.on = on

    def clean_unit(self) -> AdministrativeUnit:
        code = self.cleaned_data["unit"].strip()
        units = AdministrativeUnit.objects.filter(code=code, level="commune")
        in_force = units.valid_on(self.on).first() if self.on is not None else None
        unit = in_force or units.order_by("-valid_from").first()
        if unit is None:
            raise forms.ValidationError(_("No commune has the code “%(value)s”.") % {"value": code})
        return unit


class ResultForm(StyledForm):
    result = forms.ChoiceField(label=gettext_lazy("result"), choices=Result.choices)


class EvaluationForm(StyledForm):
    rating = forms.TypedChoiceField(
        label=gettext_lazy("rating (1–5)"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=gettext_lazy("comments"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )


class VerifyForm(StyledForm):
    ma = forms.CharField(label=gettext_lazy("Verification code"), max_length=30)


class CoverageForm(forms.Form):
    topic = forms.ChoiceField(choices=[("", ""), *Topic.choices], required=False)
    years = forms.IntegerField(min_value=1, max_value=20, required=False)


class CourseEditForm(StyledForm):
    title = forms.CharField(label=gettext_lazy("title"), max_length=255)
    legal_basis = forms.ModelChoiceField(
        label=gettext_lazy("legal basis"), queryset=LegalDocument.objects.all(), required=False
    )
    online = forms.BooleanField(label=gettext_lazy("online"), required=False)
    place = forms.CharField(label=gettext_lazy("place"), max_length=255, required=False)
    trainers = forms.CharField(label=gettext_lazy("trainers"), max_length=255, required=False)
    min_attendance = forms.IntegerField(label=gettext_lazy("minimum attendance (%)"), min_value=0, max_value=100)
    version = forms.IntegerField(widget=forms.HiddenInput)
