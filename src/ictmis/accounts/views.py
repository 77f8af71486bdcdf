from __future__ import annotations

import base64
from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from ictmis.accounts import security_log, selectors, services, throttle
from ictmis.accounts.forms import (
    ApiTokenForm,
    LoginForm,
    SecurityLogFilter,
    StyledPasswordChangeForm,
    StyledPasswordResetForm,
    StyledSetPasswordForm,
    TokenCodeForm,
    UserFilter,
    UserForm,
)
from ictmis.accounts.middleware import OK, SESSION_KEY
from ictmis.accounts.models import SecurityEvent, User
from ictmis.core.errors import DomainError
from ictmis.core.listing import paginate


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        response.set_cookie(
            throttle.DEVICE_COOKIE,
            throttle.new_device_cookie(form.get_user().get_username()),
            max_age=throttle.DEVICE_COOKIE_AGE,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        return response

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        if form.throttled_for:
            response.status_code = 429
            response["Retry-After"] = str(form.throttled_for)
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = StyledPasswordChangeForm
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        security_log.record(SecurityEvent.Kind.PASSWORD_CHANGED, actor=form.user, request=self.request)
        messages.success(self.request, _("Your password was changed. Your API tokens were revoked."))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = StyledPasswordResetForm
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = StyledSetPasswordForm
    success_url = reverse_lazy("accounts:login")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        security_log.record(SecurityEvent.Kind.PASSWORD_RESET, actor=form.user, request=self.request)
        messages.success(self.request, _("Your new password is set. You can log in with it now."))
        return response


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return str(reverse_lazy("core:home"))


def _qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: show its QR code, confirm with a first code."""
    user: User = request.user  # type: ignore[assignment]
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if confirmed is not None:
        return render(request, "accounts/two_factor.html", {"device": confirmed})
    device, _created = TOTPDevice.objects.get_or_create(user=user, confirmed=False, defaults={"name": "authenticator"})
    form = TokenCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"].strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            security_log.record(SecurityEvent.Kind.TWO_FACTOR_ADDED, actor=user, request=request, device=device.name)
            otp_login(request, device)
            request.session[SESSION_KEY] = OK
            messages.success(request, _("Two-factor authentication is now on for your account."))
            return redirect("accounts:profile")
        form.add_error("code", _("The code is not right. Check the time on your phone and try again."))
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/two_factor.html",
        {
            "form": form,
            "qr": mark_safe(_qr_svg(device.config_url)),
            "secret": secret,
            "required": settings.REQUIRE_2FA,
        },
    )


@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    form = TokenCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"].strip()
        for device in TOTPDevice.objects.filter(user=request.user, confirmed=True):
            if device.verify_token(code):
                otp_login(request, device)
                request.session[SESSION_KEY] = OK
                return redirect(_safe_next(request))
        form.add_error("code", _("The code is not right. Check the time on your phone and try again."))
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": _safe_next(request)})


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = ApiTokenForm(request.POST or None)
    new_key = None
    now = timezone.now()
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_key = services.create_token(
                user=user, name=form.cleaned_data["name"], days=form.cleaned_data["days"], now=now
            )
        except DomainError as exc:
            form.add_error(exc.field, exc.message)
        else:
            form = ApiTokenForm()
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "new_key": new_key,
            "tokens": [(token, token.status(now)) for token in selectors.tokens_of(user)],
            "scope": user.scope_units.all(),
            "default_days": settings.TOKEN_LIFETIME_DAYS,
        },
    )


@require_POST
@login_required
def revoke_token(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(selectors.tokens_of(request.user), pk=pk)  # type: ignore[arg-type]
    services.revoke_token(token=token, actor=request.user, now=timezone.now())
    messages.success(request, _("The token was revoked."))
    return redirect("accounts:profile")


@login_required
@permission_required("accounts.manage_users", raise_exception=True)
def user_list(request: HttpRequest) -> HttpResponse:
    filters = UserFilter(request.GET or None)
    filters.is_valid()
    data = filters.cleaned_data if filters.is_bound else {}
    page = paginate(request, selectors.users(q=data.get("q"), role=data.get("role")))
    return render(request, "accounts/user_list.html", {"filters": filters, "page_obj": page})


def _user_values(form: UserForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "full_name": data["full_name"],
        "email": data["email"],
        "position": data["position"],
        "organisation": data["organisation"],
        "is_active": data["is_active"],
    }


@login_required
@permission_required("accounts.manage_users", raise_exception=True)
def user_create(request: HttpRequest) -> HttpResponse:
    form = UserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.create_user(
                actor=request.user,
                now=timezone.now(),
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
                roles=form.cleaned_data["roles"],
                scope_units=form.cleaned_data["scope_units"],
                **_user_values(form),
            )
        except DomainError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, _("The user %(name)s was created.") % {"name": user.username})
            return redirect("accounts:user_list")
    return render(request, "accounts/user_form.html", {"form": form, "editing": None})


@login_required
@permission_required("accounts.manage_users", raise_exception=True)
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    editing = get_object_or_404(User, pk=pk)
    initial = {
        "username": editing.username,
        "full_name": editing.get_full_name(),
        "email": editing.email,
        "position": editing.position,
        "organisation": editing.organisation,
        "roles": editing.roles,
        "scope_units": list(editing.scope_units.all()),
        "is_active": editing.is_active,
    }
    form = UserForm(request.POST or None, initial=initial, editing=editing)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_user(
                user=editing,
                actor=request.user,
                now=timezone.now(),
                roles=form.cleaned_data["roles"],
                scope_units=form.cleaned_data["scope_units"],
                **_user_values(form),
            )
        except DomainError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("accounts:user_list")
    return render(request, "accounts/user_form.html", {"form": form, "editing": editing})


@login_required
@permission_required("accounts.view_securityevent", raise_exception=True)
def security_log_page(request: HttpRequest) -> HttpResponse:
    filters = SecurityLogFilter(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    page = paginate(
        request,
        security_log.events(
            kind=data.get("kind"), username=data.get("username"), since=data.get("since"), until=data.get("until")
        ),
    )
    rows = [(event, security_log.describe(event)) for event in page]
    return render(request, "accounts/security_log.html", {"filters": filters, "page_obj": page, "rows": rows})
