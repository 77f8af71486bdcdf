"""The workflow event log: one immutable row per step, written inside the service's transaction."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from ictmis.core.models import Event


def _jsonable(data: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder, default=str))


def record(obj: models.Model, verb: str, *, actor: Any, at: dt.datetime, **data: Any) -> Event:
    """Append `verb` (`app.object.verb`) for `obj` to the event log."""
    return Event.objects.create(
        verb=verb,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        actor=actor if getattr(actor, "pk", None) else None,
        at=at,
        data=_jsonable(data),
    )


def for_object(obj: models.Model) -> models.QuerySet[Event]:
    return Event.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).select_related("actor")
