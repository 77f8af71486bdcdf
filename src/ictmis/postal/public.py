"""What other apps may use of the postal app: counts of its registry as of a day (indicators derive from them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from django.db.models import Count, Q

from ictmis.core.signals import on_registry_change
from ictmis.postal.models import PointService, PointStatus, PostOfficePoint


def _live_on(on: dt.date) -> Q:
    return Q(deleted_at__isnull=True) | Q(deleted_at__date__gt=on)


def _under(paths: Iterable[str]) -> Q:
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(unit_path__startswith=path)
    return condition


def points_in_operation(*, paths: Iterable[str], on: dt.date) -> dict[int, int]:
    """Post office points in operation on `on` under the units with these tree paths, by commune unit id. The
    status is the one recorded now (the registry keeps no dated status)."""
    rows = (
        PostOfficePoint.objects.filter(_under(paths), _live_on(on), status=PointStatus.ACTIVE)
        .values_list("unit_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return dict(rows)


def points_with_internet(*, paths: Iterable[str], on: dt.date) -> dict[int, int]:
    """Of those, the points that offer public Internet."""
    points = PostOfficePoint.objects.filter(_under(paths), _live_on(on), status=PointStatus.ACTIVE).values_list(
        "unit_id", "services"
    )
    result: dict[int, int] = {}
    for unit_id, services in points:
        if PointService.INTERNET in (services or []):
            result[unit_id] = result.get(unit_id, 0) + 1
    return result


def on_points_changed(receiver: Callable[[frozenset[str]], None], *, uid: str) -> None:
    """Call `receiver(unit_paths)` inside the writing transaction whenever post office points are written (one by
    one, by an import, or deleted), with the tree paths of the units whose records changed."""
    on_registry_change(PostOfficePoint, receiver, uid=uid)


__all__ = ["on_points_changed", "points_in_operation", "points_with_internet"]
