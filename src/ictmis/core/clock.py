"""The clock is read once at the edge (view, API, task, command) and passed inwards as `now=`."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from ictmis.core.formatting import TZ


def now() -> dt.datetime:
    return timezone.now()


def today() -> dt.date:
    return timezone.now().astimezone(TZ).date()
