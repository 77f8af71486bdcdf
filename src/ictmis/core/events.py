"""The workflow event log: one immutable row per step, written inside the service's transaction."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

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


# What a step did, by the verb's last word, for the verbs no app names more precisely.
ACTION_LABELS: dict[str, Any] = {
    "created": _("Record created"),
    "updated": _("Record changed"),
    "changed": _("Record changed"),
    "edited": _("Record changed"),
    "saved": _("Record changed"),
    "values_set": _("Record changed"),
    "deleted": _("Record deleted"),
    "restored": _("Record restored"),
    "recorded": _("Record created"),
    "uploaded": _("File uploaded"),
    "imported": _("Data imported"),
    "committed": _("Data imported"),
    "failed": _("Import failed"),
    "finished": _("Import checked"),
}
_LABELS: dict[str, Any] = {}


def register_labels(labels: Mapping[str, Any]) -> None:
    """Name an app's event verbs for people (`{"licensing.case.propose": _("Propose")}`); apps call it when ready."""
    _LABELS.update(labels)


def label_of(verb: str) -> str:
    """The verb as a person reads it; an unnamed verb reads as a processing step, never as its code."""
    if verb in _LABELS:
        return str(_LABELS[verb])
    action = verb.rsplit(".", 1)[-1]
    return str(ACTION_LABELS.get(action, _("Processing step")))
