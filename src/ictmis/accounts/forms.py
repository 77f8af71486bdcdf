from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ictmis.accounts.models import User
from ictmis.accounts.roles import Role
from ictmis.core.forms import StyledForm, StyledFormMixin
from ictmis.parties.public import Organisation
from ictmis.units.public import AdministrativeUnit, Level, home_units, unit_label


class LoginForm(StyledFormMixin, AuthenticationForm):
    pass


class StyledPasswordChangeForm(StyledFormMixin, PasswordChangeForm):
    pass


class StyledPasswordResetForm(StyledFormMixin, PasswordResetForm):
    pass


class StyledSetPasswordForm(StyledFormMixin, SetPasswordForm):
    pass


class TokenCodeForm(StyledForm):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class ApiTokenForm(StyledForm):
    name = forms.CharField(label=_("Token name"), max_length=80, help_text=_("what the token is for"))


class UserForm(StyledForm):
    username = forms.RegexField(
        label=_("User name"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": _("Use letters, digits and @ . + - _ only.")},
    )
    first_name = forms.CharField(label=_("Given name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Family name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    position = forms.CharField(label=_("Position"), max_length=120, required=False)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.alive().order_by("name"), required=False
    )
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=[(role.value, capfirst(role.label)) for role in Role],
        widget=forms.CheckboxSelectMultiple,
    )
    scope_units = forms.ModelMultipleChoiceField(
        label=_("Communes in scope"),
        queryset=AdministrativeUnit.objects.none(),
        required=False,
        help_text=_("required for a commune officer"),
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    password = forms.CharField(
        label=_("Initial password"), widget=forms.PasswordInput(render_value=False), required=False
    )

    def __init__(self, *args: Any, editing: User | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.editing = editing
        field = self.fields["scope_units"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = home_units(level=Level.COMMUNE)
        field.label_from_instance = unit_label  # type: ignore[method-assign,assignment]
        if editing is not None:
            self.fields["username"].disabled = True
            del self.fields["password"]
        else:
            self.fields["password"].required = True

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        password_validation.validate_password(password)
        return password

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        roles = set(data.get("roles") or [])
        if Role.COMMUNE_OFFICER in roles and not data.get("scope_units"):
            self.add_error("scope_units", _("A commune officer needs at least one commune in scope."))
        if Role.ENTERPRISE_USER in roles and not data.get("organisation"):
            self.add_error("organisation", _("An enterprise user must belong to an organisation."))
        return data


class UserFilter(StyledForm):
    q = forms.CharField(label=_("Search"), required=False)
    role = forms.ChoiceField(label=_("Role"), required=False, choices=[("", _("All roles")), *Role.choices])
