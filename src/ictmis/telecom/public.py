"""What other apps may use of the telecom app: BTS stations in operation as of a day, by operator and
technology."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from django.db.models import Q

from ictmis.core.signals import on_registry_change
from ictmis.telecom.models import BtsStation, StationStatus


def stations_in_operation(*, paths: Iterable[str], on: dt.date) -> list[tuple[int, str, tuple[str, ...]]]:
    """(commune unit id, operator name, technologies) of each station in operation on `on` under these paths:
    commissioned by then (or with no date recorded), not deleted by then, in operation now."""
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(unit_path__startswith=path)
    rows = (
        BtsStation.objects.filter(condition, status=StationStatus.ACTIVE)
        .filter(Q(deleted_at__isnull=True) | Q(deleted_at__date__gt=on))
        .filter(Q(commissioned_on__isnull=True) | Q(commissioned_on__lte=on))
        .values_list("unit_id", "operator__short_name", "operator__name", "technologies")
    )
    return [(unit_id, short or name, tuple(techs or ())) for unit_id, short, name, techs in rows]


def on_stations_changed(receiver: Callable[[frozenset[str]], None], *, uid: str) -> None:
    """Call `receiver(unit_paths)` inside the writing transaction whenever BTS stations are written (one by one, by an
    import, or deleted), with the tree paths of the units whose records changed."""
    on_registry_change(BtsStation, receiver, uid=uid)


__all__ = ["on_stations_changed", "stations_in_operation"]
