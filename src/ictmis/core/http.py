"""Small request helpers shared by views."""

from __future__ import annotations

from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    """True for a request htmx made (it then wants a fragment, not the whole page)."""
    return bool(getattr(request, "htmx", False))
