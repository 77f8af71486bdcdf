"""The base form of every registry record: styled, with the version for optimistic locking."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ictmis.core.forms import StyledModelForm, VersionField


class RegistryForm(StyledModelForm):
    version = VersionField(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        for name in ("latitude", "longitude"):
            if name in self.fields:
                self.fields[name].widget.attrs.update({"step": "any", "inputmode": "decimal"})
        self.style_fields(mark_errors=False)

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self._meta.fields or [] if name in self.cleaned_data}


class MultiChoiceJSONField(forms.MultipleChoiceField):
    """A JSON list of choices (e.g. technologies) shown as checkboxes."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        kwargs.pop("max_length", None)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return value or []


NO_UNIT = _("Choose a commune")
