"""What other apps may use of the programmes app (the portal publishes progress by commune; indicators count
the households supported)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count, Q

from ictmis.programmes.models import Delivery, Programme
from ictmis.programmes.selectors import progress


def households_supported(*, paths: Iterable[str], on: dt.date, programme: str | None = None) -> dict[int, int]:
    """Households that received support by `on` (of one programme, by code, or of any), by commune unit id."""
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(household__unit_path__startswith=path)
    qs = Delivery.objects.filter(condition, delivered_on__lte=on)
    if programme:
        qs = qs.filter(programme__code=programme)
    rows = qs.values_list("household__unit_id").annotate(n=Count("household_id", distinct=True)).order_by()
    return dict(rows)


def programmes_behind_pace(*, today: dt.date) -> list[Programme]:
    """Programmes running on `today` with at least one commune below the pace its elapsed period asks."""
    running = Programme.objects.filter(starts_on__lte=today).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
    return [p for p in running if any(row["at_risk"] for row in progress(p, level="province", today=today))]


__all__ = ["Programme", "households_supported", "programmes_behind_pace", "progress"]
