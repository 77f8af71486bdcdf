"""Small request helpers shared by views."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


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
