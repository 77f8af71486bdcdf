"""Form helpers: Bootstrap classes, accessible error markup, the optimistic-lock version field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ictmis.core.validators import HttpUrlValidator


class StyledFormMixin:
    """Adds Bootstrap classes and ARIA attributes so errors sit next to their fields."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style_fields(mark_errors=False)

    def style_fields(self, *, mark_errors: bool = True) -> None:
        """Bootstrap classes on every widget; after validation, error markers on the invalid ones.

        Errors are only looked at once the form has been cleaned: reading `errors` earlier would
        validate the form before subclasses finish setting up their fields.
        """
        form: forms.BaseForm = self  # type: ignore[assignment]
        for name, field in form.fields.items():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            classes = set(widget.attrs.get("class", "").split()) - {"is-invalid"}
            classes.add(css)
            widget.attrs["class"] = " ".join(sorted(classes))
            widget.attrs.pop("aria-invalid", None)
            if mark_errors and form.is_bound and name in form.errors:
                widget.attrs["class"] += " is-invalid"
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["aria-describedby"] = f"{form.auto_id % name}_errors"  # type: ignore[operator]

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        self.style_fields()


class StyledForm(StyledFormMixin, forms.Form):
    pass


class StyledModelForm(StyledFormMixin, forms.ModelForm):
    pass


class VersionField(forms.IntegerField):
    """The version the user saw when the form was opened; the service compares it with the stored one."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("label", _("version"))
        super().__init__(**kwargs)


class DateInput(forms.DateInput):
    """Dates typed as dd/mm/yyyy whatever the browser's locale (a native date picker follows the OS)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        defaults = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "pattern": r"\d{1,2}/\d{1,2}/\d{4}"}
        super().__init__(attrs={**defaults, **(attrs or {})}, format="%d/%m/%Y")


class HttpUrlField(forms.URLField):
    """A web address field that accepts http:// and https:// only, saying so with the field's name."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)
        self.http_only = HttpUrlValidator(kwargs.get("label") or "")

    def run_validators(self, value: Any) -> None:
        if value in self.empty_values:
            return
        self.http_only(value)  # a javascript:/data:/ftp: value gets this one clear message, not two
        super().run_validators(value)
