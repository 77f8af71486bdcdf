"""What other apps may use of the broadcasting app: counts of commune radio stations as of a day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Q

from ictmis.broadcasting.models import Condition, RadioStation
from ictmis.core.signals import on_registry_change


@dataclass(frozen=True)
class StationFacts:
    """What a commune's working stations reach: the new-rural criterion reads it."""

    stations: int
    villages_covered: int
    villages_total: int


def working_stations(*, paths: Iterable[str], on: dt.date) -> dict[int, StationFacts]:
    """Working radio stations (not out of service) on `on` under these tree paths, by commune unit id."""
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(unit_path__startswith=path)
    rows = (
        RadioStation.objects.filter(condition)
        .filter(Q(deleted_at__isnull=True) | Q(deleted_at__date__gt=on))
        .exclude(condition=Condition.OUT_OF_SERVICE)
        .values_list("unit_id", "villages_covered", "villages_total")
    )
    result: dict[int, StationFacts] = {}
    for unit_id, covered, total in rows:
        seen = result.get(unit_id)
        result[unit_id] = StationFacts(
            stations=(seen.stations if seen else 0) + 1,
            villages_covered=max(covered, seen.villages_covered if seen else 0),
            villages_total=max(total, seen.villages_total if seen else 0),
        )
    return result


def on_stations_changed(receiver: Callable[[frozenset[str]], None], *, uid: str) -> None:
    """Call `receiver(unit_paths)` inside the writing transaction whenever radio stations are written (one by one, by an
    import, or deleted), with the tree paths of the units whose records changed."""
    on_registry_change(RadioStation, receiver, uid=uid)


__all__ = ["StationFacts", "on_stations_changed", "working_stations"]
