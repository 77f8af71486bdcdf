from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from ictmis.core.navigation import modules_for


def shell(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "organisation_name": settings.ORGANISATION_NAME,
        "portal_contact": settings.PORTAL_CONTACT,
        "demo_mode": settings.DEMO_MODE,
        "nav_modules": modules_for(user) if user is not None and user.is_authenticated else [],
    }
