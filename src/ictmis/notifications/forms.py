from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ictmis.notifications.kinds import Kind


class ListFilter(forms.Form):
    unread = forms.BooleanField(required=False)


class IdsField(forms.Field):
    """Row ids ticked on a list: whole numbers (whose rows they are is the service's question)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[int]:
        if not value:
            return []
        values = value if isinstance(value, list | tuple) else [value]
        if not all(str(item).isdigit() and len(str(item)) < 19 for item in values):
            raise forms.ValidationError(_("A selected row is not valid."), code="invalid")
        return [int(item) for item in values]


class SelectedForm(forms.Form):
    """The notifications ticked on the list."""

    ids = IdsField(error_messages={"required": _("Select at least one notification.")})


class PreferencesForm(forms.Form):
    """One e-mail switch per kind of event, and the language of the notifications."""

    language = forms.ChoiceField(label=_("Language of notifications and e-mails"), choices=settings.LANGUAGES)

    def __init__(self, *args: Any, choices: list[tuple[Kind, bool]], language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kinds = [kind for kind, _on in choices]
        self.fields["language"].initial = language
        self.fields["language"].widget.attrs["class"] = "form-select"
        for kind, on in choices:
            self.fields[self.field_name(kind)] = forms.BooleanField(
                label=str(kind.label),
                required=False,
                initial=on,
                widget=forms.CheckboxInput(attrs={"class": "form-check-input", "role": "switch"}),
            )

    @staticmethod
    def field_name(kind: Kind) -> str:
        return "email__" + kind.code.replace(".", "__")

    def kind_fields(self) -> list[forms.BoundField]:
        return [self[self.field_name(kind)] for kind in self.kinds]

    def email_choices(self) -> dict[str, bool]:
        return {kind.code: bool(self.cleaned_data.get(self.field_name(kind))) for kind in self.kinds}
