"""Small request helpers shared by views."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def is_htmx(request: HttpRequest) -> bool:
    """True for a request htmx made (it then wants a fragment, not the whole page)."""
    return bool(getattr(request, "htmx", False))


def bad_request(request: HttpRequest, error: ValidationError) -> HttpResponse:
    """The 400 page naming each query parameter that could not be used and why."""
    problems = [
        (name, message)
        for name, messages in (error.message_dict.items() if hasattr(error, "error_dict") else [("", error.messages)])
        for message in messages
    ]
    return render(request, "400.html", {"problems": problems}, status=400)


class RefuseNulInQueryMiddleware:
    """A NUL character in the query string (`?q=%00`) is refused with a 400: PostgreSQL cannot compare text
    holding one, and no real search or filter needs it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        names = [name for name, values in request.GET.lists() if any("\x00" in v for v in [name, *values])]
        if names:
            message = _("The address holds a NUL character.")
            if request.path.startswith("/api/"):
                errors = [{"field": name, "message": message} for name in names]
                return JsonResponse({"detail": message, "errors": errors}, status=400)
            return render(request, "400.html", {"problems": [(name, message) for name in names]}, status=400)
        return self.get_response(request)
