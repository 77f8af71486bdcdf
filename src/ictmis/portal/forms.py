from __future__ import annotations

import time
from typing import Any

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from ictmis.core.forms import StyledForm, VersionField
from ictmis.portal.models import Feedback

MIN_SECONDS = 3  # a person takes longer than this to fill the form; a script usually does not
SALT = "ictmis.portal.feedback"


class FeedbackForm(StyledForm):
    """Spam protection without third parties: a hidden field people leave empty, and a signed time
    stamp that must be at least a few seconds and at most a day old."""

    name = forms.CharField(label=_("Your name"), max_length=120)
    contact = forms.CharField(label=_("E-mail or phone"), max_length=120)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    message = forms.CharField(label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}))
    website = forms.CharField(required=False, widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))
    issued = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["issued"].initial = signing.dumps(time.time(), salt=SALT)

    def clean_contact(self) -> str:
        value: str = self.cleaned_data["contact"].strip()
        digits = sum(ch.isdigit() for ch in value)
        if "@" not in value and digits < 8:
            raise forms.ValidationError(_("Give an e-mail address or a phone number so we can answer you."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("website"):
            raise forms.ValidationError(_("The message could not be sent."), code="spam")
        try:
            issued = float(signing.loads(data.get("issued", ""), salt=SALT, max_age=86400))
        except (signing.BadSignature, TypeError, ValueError):
            raise forms.ValidationError(_("The form has expired. Please reload the page."), code="expired") from None
        if time.time() - issued < MIN_SECONDS:
            raise forms.ValidationError(_("The message could not be sent."), code="spam")
        return data


class FeedbackStatusForm(StyledForm):
    status = forms.ChoiceField(label=_("Status"), choices=Feedback.Status.choices)
    reply_note = forms.CharField(label=_("Reply note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    version = VersionField()
