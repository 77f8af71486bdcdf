"""The modules shown in the main navigation. Apps register their entries in `AppConfig.ready()`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise


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


def register(module: Module) -> None:
    _MODULES[module.key] = module


def modules_for(user: Any) -> list[dict[str, Any]]:
    """The modules the user may open, in order. A module that is not built, or that the user's roles
    cannot use, is not shown at all (a greyed entry only leads to a refusal)."""
    result = []
    for module in sorted(_MODULES.values(), key=lambda m: m.order):
        allowed = (module.permission is None or user.has_perm(module.permission)) and (
            module.check is None or module.check(user)
        )
        if not (module.url_name and allowed):
            continue
        try:
            url = reverse(module.url_name)
        except NoReverseMatch:
            continue
        result.append({"key": module.key, "label": module.label, "icon": module.icon, "url": url})
    return result
