"""The modules shown in the main navigation. Apps register their entries in `AppConfig.ready()`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Module:
    key: str
    label: str | Promise
    icon: str
    order: int
    url_name: str | None = None
    permission: str | None = None
    check: Callable[[Any], bool] | None = None


_MODULES: dict[str, Module] = {}

PLANNED = [
    Module("registries", _("Registries"), "bi-geo-alt", 20),
    Module("licensing", _("Licensing"), "bi-file-earmark-check", 30),
    Module("programmes", _("Programmes"), "bi-people", 40),
    Module("inspections", _("Inspections"), "bi-shield-check", 50),
    Module("reports", _("Reports"), "bi-bar-chart", 60),
    Module("portal", _("Portal"), "bi-globe", 70),
]


def register(module: Module) -> None:
    _MODULES[module.key] = module


def modules_for(user: Any) -> list[dict[str, Any]]:
    """Every module, in order: enabled with its URL when built and allowed, else shown disabled."""
    entries = {m.key: m for m in PLANNED}
    entries.update(_MODULES)
    result = []
    for module in sorted(entries.values(), key=lambda m: m.order):
        url = None
        allowed = (module.permission is None or user.has_perm(module.permission)) and (
            module.check is None or module.check(user)
        )
        if module.url_name and allowed:
            try:
                url = reverse(module.url_name)
            except NoReverseMatch:
                url = None
        if module.url_name and url is None and module.key in _MODULES:
            continue  # built, but not for this user
        result.append({"key": module.key, "label": module.label, "icon": module.icon, "url": url})
    return result
