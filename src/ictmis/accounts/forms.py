from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.http import HttpRequest
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ictmis.accounts import security_log, throttle
from ictmis.accounts.models import SecurityEvent, User
from ictmis.accounts.roles import Role
from ictmis.accounts.services import MAX_TOKEN_DAYS
from ictmis.core.forms import DateInput, StyledForm, StyledFormMixin
from ictmis.core.http import client_address
from ictmis.parties.public import Organisation
from ictmis.units.public import AdministrativeUnit, Level, home_units, unit_label

Kind = SecurityEvent.Kind


class LoginForm(StyledFormMixin, AuthenticationForm):
    """Django's log-in form behind the throttle: while a user name or an address must wait, the password
    is not even checked (so waiting attempts count nothing and reveal nothing)."""

    throttled_for = 0

    def clean(self) -> dict[str, Any]:
        username = str(self.cleaned_data.get("username") or "")
        if self.request is not None and username:
            buckets = throttle.login_buckets(
                username=username,
                address=client_address(self.request),
                device_cookie=self.request.COOKIES.get(throttle.DEVICE_COOKIE),
            )
            wait = throttle.seconds_to_wait(buckets, now=time.time())
            if wait:
                self.throttled_for = wait
                security_log.record(Kind.LOGIN_THROTTLED, username=username, request=self.request, wait=wait)
                raise forms.ValidationError(
                    _("Too many failed log-in attempts. Wait %(seconds)s seconds before trying again."),
                    code="throttled",
                    params={"seconds": wait},
                )
        return super().clean()


class StyledPasswordChangeForm(StyledFormMixin, PasswordChangeForm):
    pass


class StyledPasswordResetForm(StyledFormMixin, PasswordResetForm):
    """Sends the reset link at most a few times an hour per client address and per account; the page
    that follows says the same whether a mail went, was held back, or no account has the address."""

    def save(self, **kwargs: Any) -> None:  # type: ignore[override]
        request: HttpRequest | None = kwargs.get("request")
        email = self.cleaned_data["email"]
        if not throttle.allow_reset_mail(address=client_address(request) if request is not None else ""):
            security_log.record(Kind.PASSWORD_RESET_THROTTLED, request=request, email=email, limit="address")
            return
        self._matched = False
        super().save(**kwargs)
        if not self._matched:
            security_log.record(Kind.PASSWORD_RESET_REQUESTED, request=request, email=email, account=False)

    def get_users(self, email: str) -> Iterator[Any]:
        for user in super().get_users(email):
            self._matched = True
            if throttle.allow_reset_mail(address="", account_id=user.pk):
                security_log.record(Kind.PASSWORD_RESET_REQUESTED, username=user.get_username(), email=email)
                yield user
            else:
                security_log.record(
                    Kind.PASSWORD_RESET_THROTTLED, username=user.get_username(), email=email, limit="account"
                )


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
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=MAX_TOKEN_DAYS,
        required=False,
        help_text=_("leave empty for the default lifetime"),
    )


class SecurityLogFilter(StyledForm):
    kind = forms.ChoiceField(
        label=_("Event"), required=False, choices=[("", _("All events")), *SecurityEvent.Kind.choices]
    )
    username = forms.CharField(label=_("User name"), required=False, max_length=150)
    since = forms.DateField(label=_("From"), required=False, widget=DateInput())
    until = forms.DateField(label=_("To"), required=False, widget=DateInput())


class UserForm(StyledForm):
    username = forms.RegexField(
        label=_("User name"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": _("Use letters, digits and @ . + - _ only.")},
    )
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        required=False,
        help_text=_("In Vietnamese order: family name, middle name, given name (e.g. Nguyễn Văn Hùng)."),
    )
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
