"""Reads of infosec, scoped: owners and operators see their own systems and incidents, specialists all."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncMonth

from ictmis.core.access import Q_NOTHING, scope_of, unit_condition
from ictmis.infosec import policies
from ictmis.infosec.models import Check, Incident, InformationSystem


def _condition(actor: Any, prefix: str = "") -> Q | None:
    """None: no restriction (the whole province)."""
    if not actor.has_perm(policies.VIEW):
        return Q_NOTHING
    scope = scope_of(actor)
    if scope.whole_province:
        return None
    condition = unit_condition(scope, f"{prefix}unit_path") if scope.unit_paths else Q_NOTHING
    if scope.organisation_id:
        condition |= Q(**{f"{prefix}owner_id": scope.organisation_id}) | Q(
            **{f"{prefix}operator_id": scope.organisation_id}
        )
    return condition


def systems_for(actor: Any) -> QuerySet[InformationSystem]:
    qs = InformationSystem.objects.alive().select_related("owner", "operator", "unit")
    condition = _condition(actor)
    return qs if condition is None else qs.filter(condition)


def incidents_for(actor: Any) -> QuerySet[Incident]:
    qs = Incident.objects.select_related("system__owner", "system__operator", "rule")
    condition = _condition(actor, "system__")
    return qs if condition is None else qs.filter(condition)


def checks_for(actor: Any) -> QuerySet[Check]:
    qs = Check.objects.select_related("system").prefetch_related("findings")
    condition = _condition(actor, "system__")
    return qs if condition is None else qs.filter(condition)


def summary(qs: QuerySet[Incident]) -> dict[str, Any]:
    """Incidents by type, system level and month; time to notify and to close (average hours); serious ones."""
    rows = list(
        qs.values(
            "pk", "incident_type", "system_level", "detected_at", "notified_at", "notify_due_at", "closed_at", "serious"
        )
    )
    by_month = qs.annotate(month=TruncMonth("detected_at")).values("month").annotate(n=Count("pk")).order_by("month")
    notify_hours = [(r["notified_at"] - r["detected_at"]).total_seconds() / 3600 for r in rows if r["notified_at"]]
    close_hours = [(r["closed_at"] - r["detected_at"]).total_seconds() / 3600 for r in rows if r["closed_at"]]
    notified = [r for r in rows if r["notified_at"]]
    return {
        "total": len(rows),
        "serious": sum(1 for r in rows if r["serious"]),
        "by_type": dict(Counter(r["incident_type"] for r in rows)),
        "by_level": {str(k): v for k, v in Counter(r["system_level"] or 0 for r in rows).items()},
        "by_month": [{"month": f"{r['month']:%Y-%m}", "count": r["n"]} for r in by_month if r["month"]],
        "notified": len(notified),
        "notified_on_time": qs.filter(notified_at__isnull=False, notified_at__lte=F("notify_due_at")).count(),
        "average_hours_to_notify": round(sum(notify_hours) / len(notify_hours), 1) if notify_hours else None,
        "average_hours_to_close": round(sum(close_hours) / len(close_hours), 1) if close_hours else None,
    }


def headline(*, on: dt.date) -> dict[str, int]:
    """Province-wide figures for the indicators app: systems with an approved level, incidents notified on time."""
    systems = InformationSystem.objects.alive().exclude(status=InformationSystem.Status.RETIRED)
    incidents = Incident.objects.filter(detected_at__date__lte=on)
    notified = incidents.filter(notified_at__isnull=False)
    return {
        "systems": systems.count(),
        "systems_with_approved_level": systems.filter(approved_level__isnull=False).count(),
        "incidents": incidents.count(),
        "incidents_notified": notified.count(),
        "incidents_notified_on_time": notified.filter(notified_at__lte=F("notify_due_at")).count(),
    }
