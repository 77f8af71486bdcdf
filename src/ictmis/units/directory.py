"""The unit look-ups the kernel's registry machinery asks for (see core.directory)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache

from django.db.models import Count

from ictmis.units.models import AdministrativeUnit, Level, Lineage, unit_label
from ictmis.units.selectors import home_units


def unit_paths(ref: str) -> list[str]:
    """The tree paths that a unit filter covers, in either structure.

    `ref` is a unit id ("#123") or a code ("44": every unit that carried it). Records are filed under the
    unit valid when they were entered, so the filter follows the lineage of the 2025 reform: a former
    unit also covers the current communes its communes became, and a current unit covers the former
    communes (and whole former provinces) that became part of it.
    """
    if ref.startswith("#") and ref[1:].isdigit():
        units = list(AdministrativeUnit.objects.filter(pk=int(ref[1:])))
    else:
        units = list(AdministrativeUnit.objects.filter(code=ref))
    paths = {unit.path for unit in units}
    for unit in units:
        links = Lineage.objects.select_related("predecessor", "successor")
        if unit.valid_to is not None:
            # Communes, and the island districts linked as a whole; a former province's own link would add the
            # whole of today's province, which holds other former provinces too.
            forward = links.filter(
                predecessor__path__startswith=unit.path, predecessor__level__in=[Level.COMMUNE, Level.DISTRICT]
            )
            paths.update(link.successor.path for link in forward)
        else:
            backward = links.filter(successor__path__startswith=unit.path)
            paths.update(link.predecessor.path for link in backward)
    covering: list[str] = []  # a path under one already listed adds nothing (a former province covers its communes)
    for path in sorted(paths):
        if not covering or not path.startswith(covering[-1]):
            covering.append(path)
    return covering


def unit_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    """The home province's units grouped by structure, for the unit filter."""
    current: list[tuple[int, str]] = []
    former: list[tuple[int, str]] = []
    for unit in home_units():
        indent = {"province": "", "district": "· ", "commune": "· · "}[unit.level]
        (current if unit.valid_to is None else former).append((unit.pk, f"{indent}{unit.name}"))
    former_sorted = sorted(former, key=lambda item: item[0])
    return [("Từ 01/07/2025", current), ("Trước 01/07/2025", former_sorted)]


# "Xã Hải Phú (18919)" as spreadsheets show a unit in force, "Xã Hải Phú (18919@2014-01-01)" a former one
NAMED = re.compile(r"^(?P<name>.*\S)\s*\((?P<code>[0-9]+)(?:@(?P<since>[0-9]{4}-[0-9]{2}-[0-9]{2}))?\)$")


def _named(candidates: list[AdministrativeUnit], name: str, since: str | None = None) -> AdministrativeUnit | None:
    """Among the units that carried a code, the one of that name: the version valid from `since` when the
    cell gives the date, else today's first, then the latest."""
    matching = [u for u in candidates if u.name.casefold() == name.casefold()]
    if since:
        try:
            day = dt.date.fromisoformat(since)
        except ValueError:
            return None
        return next((u for u in matching if u.valid_from == day), None)
    return next((u for u in matching if u.valid_to is None), max(matching, key=lambda u: u.valid_from, default=None))


def shared_unit_codes() -> frozenset[str]:
    """The codes that more than one unit version carried (reused in 2025): an export names those with the date."""
    shared = AdministrativeUnit.objects.values("code").annotate(versions=Count("pk")).filter(versions__gt=1)
    return frozenset(shared.values_list("code", flat=True))


@lru_cache(maxsize=8192)
def _by_reference(text: str) -> AdministrativeUnit | None:
    named = NAMED.match(text)
    if named:
        qs = AdministrativeUnit.objects.select_related("parent", "parent__parent").filter(code=named["code"])
        return _named(list(qs), named["name"], named["since"])
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
    """A unit by its code (current structure first), code@valid_from for a former unit, "name (code)" or
    "name (code@valid_from)"."""
    return _by_reference(text.strip())


def unit_resolver() -> Callable[[str], AdministrativeUnit | None]:
    """Every unit in memory (a few thousand rows), for imports of many rows."""
    by_code: dict[str, list[AdministrativeUnit]] = {}
    for unit in AdministrativeUnit.objects.select_related("parent", "parent__parent").order_by("-valid_from"):
        by_code.setdefault(unit.code, []).append(unit)

    def resolve(text: str) -> AdministrativeUnit | None:
        named = NAMED.match(text.strip())
        if named:
            return _named(by_code.get(named["code"], []), named["name"], named["since"])
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


def current_equivalents(unit_ids: list[int]) -> dict[int, int]:
    """For former units among `unit_ids`, the current unit each became (where the lineage says so)."""
    links = Lineage.objects.filter(predecessor_id__in=unit_ids, successor__valid_to__isnull=True)
    return dict(links.values_list("predecessor_id", "successor_id"))


def former_units(unit_ids: list[int]) -> list[int]:
    return list(AdministrativeUnit.objects.filter(pk__in=unit_ids, valid_to__isnull=False).values_list("pk", flat=True))


def commune_queryset() -> object:
    return home_units(level=Level.COMMUNE)


__all__ = ["commune_queryset", "unit_for_import", "unit_label", "unit_paths"]
