"""Input forms of the indicators pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ictmis.core.forms import StyledForm
from ictmis.indicators.models import Regime


class NewReport(StyledForm):
    regime = forms.ModelChoiceField(Regime.objects.order_by("code"), label=_("Reporting regime"), to_field_name="code")
    unit = forms.CharField(label=_("Unit code"), max_length=8)
    period = forms.CharField(label=_("Period"), max_length=8, help_text=_("2026, 2026S1, 2026Q1 or 202603"))


class Submission(StyledForm):
    comment = forms.CharField(
        label=_("Comment on the warnings"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class Return(StyledForm):
    reason = forms.CharField(label=_("Reason for returning"), widget=forms.Textarea(attrs={"rows": 2}))


class Override(StyledForm):
    subcriterion = forms.IntegerField(widget=forms.HiddenInput)
    met = forms.TypedChoiceField(
        label=_("Result"), choices=[("1", _("met")), ("0", _("not met"))], coerce=lambda v: v == "1"
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.FileField(label=_("Evidence file (PDF or image)"))
