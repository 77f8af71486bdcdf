"""Reads for the enforcement pages and API, scoped to what the actor may see."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, QuerySet, Sum

from ictmis.core.access import Q_NOTHING, scope_of
from ictmis.enforcement.models import (
    Inspection,
    InspectionPlan,
    SanctionDecision,
    SanctioningAuthority,
    SanctionProvision,
    TimeRule,
    ViolationRecord,
    in_force,
)


def provisions_on(day: dt.date, *, sector: str | None = None) -> QuerySet[SanctionProvision]:
    qs = SanctionProvision.objects.filter(in_force(day)).select_related("legal_basis")
    return qs.filter(sector=sector) if sector else qs


def authorities_on(day: dt.date, *, title: str | None = None) -> QuerySet[SanctioningAuthority]:
    qs = SanctioningAuthority.objects.filter(in_force(day)).select_related("legal_basis")
    return qs.filter(title=title) if title else qs


def rules_on(day: dt.date) -> dict[str, TimeRule]:
    return {rule.key: rule for rule in TimeRule.objects.filter(in_force(day)).select_related("legal_basis")}


def _staff(actor: Any) -> bool:
    return scope_of(actor).whole_province


def decisions_for(actor: Any) -> QuerySet[SanctionDecision]:
    qs = SanctionDecision.objects.select_related("decree", "record")
    if not actor.has_perm("enforcement.view_sanctiondecision"):
        return qs.filter(Q_NOTHING)
    scope = scope_of(actor)
    if scope.whole_province:
        return qs
    if scope.organisation_id:
        return qs.filter(organisation_id=scope.organisation_id).exclude(status="draft")
    return qs.filter(Q_NOTHING)


def records_for(actor: Any) -> QuerySet[ViolationRecord]:
    qs = ViolationRecord.objects.select_related("recorder", "unit").prefetch_related("acts__provision__legal_basis")
    if not actor.has_perm("enforcement.view_violationrecord") or not _staff(actor):
        return qs.filter(Q_NOTHING)
    return qs


def inspections_for(actor: Any) -> QuerySet[Inspection]:
    qs = Inspection.objects.select_related("plan", "team_head")
    if not actor.has_perm("enforcement.view_inspection") or not _staff(actor):
        return qs.filter(Q_NOTHING)
    return qs


def plans_for(actor: Any) -> QuerySet[InspectionPlan]:
    if not actor.has_perm("enforcement.view_inspectionplan") or not _staff(actor):
        return InspectionPlan.objects.none()
    return InspectionPlan.objects.annotate(done=Count("inspections"))


def report(actor: Any, *, by: str) -> list[dict[str, Any]]:
    """Decisions signed, amounts decided and collected, grouped by sector, provision, signer or month."""
    qs = decisions_for(actor).exclude(status="draft")
    if by == "provision":
        rows = (
            qs.values("acts__provision__article", "acts__provision__legal_basis__number")
            .annotate(n=Count("id", distinct=True), decided=Sum("acts__fine"))
            .order_by("-decided")
        )
        return [
            {
                "key": f"{r['acts__provision__article']}, {r['acts__provision__legal_basis__number']}",
                "n": r["n"],
                "decided": r["decided"] or 0,
                "collected": None,
            }
            for r in rows
        ]
    if by == "month":
        # grouping by the day then folding into months avoids a date function per row (a Python one on SQLite)
        months: dict[dt.date, dict[str, Any]] = {}
        days = qs.values("decided_on").annotate(n=Count("id"), decided=Sum("total"), collected=Sum("paid"))
        for day in days.order_by("decided_on"):
            key = day["decided_on"].replace(day=1)
            row = months.setdefault(key, {"key": key, "n": 0, "decided": 0, "collected": 0})
            row["n"] += day["n"]
            row["decided"] += day["decided"] or 0
            row["collected"] += day["collected"] or 0
        return list(months.values())
    field = {"sector": "sector", "signer": "signer_title"}.get(by, "sector")
    rows = qs.values(field).annotate(n=Count("id"), decided=Sum("total"), collected=Sum("paid")).order_by(field)
    return [
        {"key": r[field], "n": r["n"], "decided": r["decided"] or 0, "collected": r["collected"] or 0} for r in rows
    ]
