"""The unit look-ups the kernel's registry machinery asks for (see core.directory)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import lru_cache

from ictmis.units.models import AdministrativeUnit, Level, unit_label
from ictmis.units.selectors import home_units


def unit_paths(ref: str) -> list[str]:
    """A unit id ("#123") or code ("44"): every unit that carried the code, old and new."""
    if ref.startswith("#") and ref[1:].isdigit():
        return list(AdministrativeUnit.objects.filter(pk=int(ref[1:])).values_list("path", flat=True))
    return list(AdministrativeUnit.objects.filter(code=ref).values_list("path", flat=True))


def unit_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    """The home province's units grouped by structure, for the unit filter."""
    current: list[tuple[int, str]] = []
    former: list[tuple[int, str]] = []
    for unit in home_units():
        indent = {"province": "", "district": "· ", "commune": "· · "}[unit.level]
        (current if unit.valid_to is None else former).append((unit.pk, f"{indent}{unit.name}"))
    former_sorted = sorted(former, key=lambda item: item[0])
    return [("Từ 01/07/2025", current), ("Trước 01/07/2025", former_sorted)]


@lru_cache(maxsize=8192)
def _by_reference(text: str) -> AdministrativeUnit | None:
    code, _, since = text.partition("@")
    code = code.strip()
    qs = AdministrativeUnit.objects.select_related("parent", "parent__parent").filter(code=code)
    if since:
        try:
            return qs.filter(valid_from=dt.date.fromisoformat(since.strip())).first()
        except ValueError:
            return None
    return qs.filter(valid_to__isnull=True).first() or qs.order_by("-valid_from").first()


def unit_for_import(text: str) -> AdministrativeUnit | None:
    """A unit by its code (current structure first) or code@valid_from for a former unit."""
    return _by_reference(text.strip())


def unit_resolver() -> Callable[[str], AdministrativeUnit | None]:
    """Every unit in memory (a few thousand rows), for imports of many rows."""
    by_code: dict[str, list[AdministrativeUnit]] = {}
    for unit in AdministrativeUnit.objects.select_related("parent", "parent__parent").order_by("-valid_from"):
        by_code.setdefault(unit.code, []).append(unit)

    def resolve(text: str) -> AdministrativeUnit | None:
        code, _, since = text.strip().partition("@")
        candidates = by_code.get(code.strip(), [])
        if since:
            try:
                day = dt.date.fromisoformat(since.strip())
            except ValueError:
                return None
            return next((u for u in candidates if u.valid_from == day), None)
        return next((u for u in candidates if u.valid_to is None), candidates[0] if candidates else None)

    return resolve


def commune_queryset() -> object:
    return home_units(level=Level.COMMUNE)


__all__ = ["commune_queryset", "unit_for_import", "unit_label", "unit_paths"]
