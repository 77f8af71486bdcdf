"""What every list shares: the filters a user saves on a list and finds again there."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ictmis.core import selectors, services
from ictmis.core.errors import DomainError


def _back(request: HttpRequest, path: str) -> str:
    if path and url_has_allowed_host_and_scheme(path, allowed_hosts={request.get_host()}):
        return path
    return "/"


@require_POST
@login_required
def save_filter(request: HttpRequest) -> HttpResponse:
    path = request.POST.get("path", "")
    query = request.POST.get("query", "")
    try:
        saved = services.save_filter(
            path=path, name=request.POST.get("name", ""), query=query, actor=request.user, now=timezone.now()
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(_back(request, f"{path}?{query}" if query else path))
    messages.success(request, _("The filter “%(name)s” was saved.") % {"name": saved.name})
    return redirect(_back(request, saved.url))


@require_POST
@login_required
def delete_filter(request: HttpRequest, pk: int) -> HttpResponse:
    saved = get_object_or_404(selectors.saved_filters_for(request.user), pk=pk)
    services.delete_filter(saved=saved, actor=request.user)
    messages.success(request, _("The filter “%(name)s” was deleted.") % {"name": saved.name})
    return redirect(_back(request, saved.path))
