"""The bell's dropdown, the notifications page and the e-mail preferences: thin, one call each."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ictmis.core.errors import DomainError
from ictmis.core.listing import paginate
from ictmis.notifications import selectors, services
from ictmis.notifications.forms import ListFilter, PreferencesForm, SelectedForm

LATEST = 5


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    filters = ListFilter(request.GET)
    unread_only = filters.is_valid() and filters.cleaned_data["unread"]
    qs = selectors.notifications_for(request.user, unread_only=unread_only)
    page = paginate(request, qs)
    return render(
        request,
        "notifications/list.html",
        {"page_obj": page, "unread_only": unread_only, "unread": selectors.unread_count(request.user)},
    )


@login_required
def latest(request: HttpRequest) -> HttpResponse:
    """The bell's dropdown (loaded by htmx when opened)."""
    items = list(selectors.notifications_for(request.user)[:LATEST])
    return render(request, "notifications/_latest.html", {"items": items})


@login_required
def open_notification(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow a notification to what it is about; it counts as read from then on."""
    item = get_object_or_404(selectors.notifications_for(request.user), pk=pk)
    services.mark_read(notification=item, actor=request.user, now=timezone.now())
    if item.link and url_has_allowed_host_and_scheme(item.link, allowed_hosts=None):
        return redirect(item.link)
    return redirect("notifications:list")


@require_POST
@login_required
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(selectors.notifications_for(request.user), pk=pk)
    services.mark_read(notification=item, actor=request.user, now=timezone.now())
    return redirect(_back(request))


@require_POST
@login_required
def mark_selected_read(request: HttpRequest) -> HttpResponse:
    form = SelectedForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(_back(request))
    try:
        count = services.mark_selected_read(
            notification_ids=form.cleaned_data["ids"], actor=request.user, now=timezone.now()
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(count)s notifications marked as read.") % {"count": count})
    return redirect(_back(request))


@require_POST
@login_required
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = services.mark_all_read(actor=request.user, now=timezone.now())
    messages.success(request, _("%(count)s notifications marked as read.") % {"count": count})
    return redirect(_back(request))


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    choices = selectors.email_choices(request.user)
    language = selectors.language_of(request.user)
    form = PreferencesForm(request.POST or None, choices=choices, language=language)
    if request.method == "POST" and form.is_valid():
        services.set_preferences(actor=request.user, email=form.email_choices(), language=form.cleaned_data["language"])
        messages.success(request, _("Your notification preferences were saved."))
        return redirect("notifications:preferences")
    has_email = bool(getattr(request.user, "email", ""))
    return render(request, "notifications/preferences.html", {"form": form, "has_email": has_email})


def _back(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("notifications:list")
