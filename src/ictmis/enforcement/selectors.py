"""Reads for the enforcement pages and API, scoped to what the actor may see."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum

from ictmis.core.access import Q_NOTHING, scope_of
from ictmis.enforcement import workflow
from ictmis.enforcement.models import (
    DecisionAct,
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


LIST_FIELDS = (
    "id", "number", "violator_name", "violator_type", "decided_on", "total", "paid", "status", "sector",
    "signer_title", "published_on", "decree__number", "record_id",
)  # fmt: skip


def decision_rows(actor: Any, *, status: str | None = None, sector: str | None = None) -> QuerySet[SanctionDecision]:
    """The decisions a list shows, newest first, with the columns of a row."""
    qs = decisions_for(actor)
    if status:
        qs = qs.filter(status=status)
    if sector:
        qs = qs.filter(sector=sector)
    return qs.only(*LIST_FIELDS)


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


def published_decisions(q: str = "") -> QuerySet[SanctionDecision]:
    """Decisions against organisations published on the portal (an individual's decision never is)."""
    from ictmis.core.text import normalise

    qs = SanctionDecision.objects.filter(published_on__isnull=False, violator_type="organisation").exclude(
        status="draft"
    )
    if q.strip():
        qs = qs.filter(search_text__contains=normalise(q))
    acts = DecisionAct.objects.select_related("provision__legal_basis").order_by("id")
    return qs.select_related("decree").prefetch_related(Prefetch("acts", queryset=acts)).order_by("-decided_on", "-id")


OVERDUE_ROWS = 500
OVERDUE_ON_PAGE = 100


def overdue_payments(actor: Any, today: dt.date, *, limit: int = OVERDUE_ROWS) -> list[dict[str, Any]]:
    """Signed decisions whose fine (or an instalment of it) is past its deadline and unpaid, with the surcharge to
    today: the `limit` oldest. A decision of the last nine days cannot be overdue yet, so the database leaves those
    out first."""
    table = list(TimeRule.objects.select_related("legal_basis"))
    rules_by_day: dict[dt.date, dict[str, TimeRule]] = {}
    qs = (
        decisions_for(actor)
        .filter(status__in=sorted(workflow.PAYABLE), paid__lt=F("total"), decided_on__lt=today - dt.timedelta(days=9))
        .select_related(None)
        .only(
            "id", "number", "violator_name", "decided_on", "delivered_on", "total", "paid", "status",
            "instalments", "postponed_until",
        )
        .prefetch_related("payments")
        .order_by("decided_on", "id")
    )  # fmt: skip
    rows = []
    for decision in qs.iterator(chunk_size=max(limit, 100)):
        day = decision.decided_on
        if day not in rules_by_day:  # the rule table is small: read once, chosen per decision date here
            rules_by_day[day] = {r.key: r for r in table if r.in_force_on(day)}
        rules = rules_by_day[day]
        schedule = schedule_of(decision, rules)
        overdue = sum(amount for due, amount in schedule if due < today) - decision.paid
        if overdue <= 0:
            continue
        payments = list(decision.payments.all())
        surcharge = workflow.surcharge(
            schedule=schedule,
            payments=[(p.paid_on, p.amount) for p in payments],
            until=today,
            per_ten_thousand=rules["surcharge"].value,
        )
        rows.append(
            {
                "decision": decision,
                "due": min(due for due, _amount in schedule if due < today),
                "overdue": overdue,
                "surcharge": surcharge - sum(p.surcharge for p in payments),
            }
        )
        if len(rows) >= limit:
            break
    return rows


def schedule_of(decision: SanctionDecision, rules: dict[str, TimeRule]) -> list[tuple[dt.date, int]]:
    """What is due when: the whole fine on the postponed day, the instalments granted, else the whole fine on the
    payment deadline (the rules of the decision's date)."""
    if decision.postponed_until is not None:
        return [(decision.postponed_until, decision.total)]
    if decision.instalments:
        return [(dt.date.fromisoformat(i["due"]), int(i["amount"])) for i in decision.instalments]
    due = workflow.payment_due(
        decided_on=decision.decided_on,
        delivered_on=decision.delivered_on,
        days=rules["payment"].value,
        no_receipt_day=rules["no_receipt"].value,
    )
    return [(due, decision.total)]


def overdue_remedies(actor: Any, today: dt.date) -> list[dict[str, Any]]:
    """Remedial measures past their deadline and not done: of sanction decisions and of inspection conclusions."""
    decisions = (
        decisions_for(actor)
        .exclude(status="draft")
        .filter(remedy_due_on__lt=today, remedy_done_on__isnull=True)
        .exclude(remedial_measures="")
        .order_by("remedy_due_on", "id")[:OVERDUE_ROWS]
    )
    rows: list[dict[str, Any]] = [
        {"kind": "decision", "ref": d.number, "who": d.violator_name, "measure": d.remedial_measures,
         "due": d.remedy_due_on, "pk": d.pk}
        for d in decisions
    ]  # fmt: skip
    concluded = inspections_for(actor).filter(status="concluded").exclude(remedies=[]).order_by("ends_on", "id")
    for inspection in concluded[:OVERDUE_ROWS]:
        for index, remedy in enumerate(inspection.remedies):
            due = dt.date.fromisoformat(str(remedy.get("due", ""))[:10]) if remedy.get("due") else None
            if due is not None and due < today and not remedy.get("done"):
                rows.append(
                    {"kind": "inspection", "ref": inspection.decision_number, "who": inspection.subject_name,
                     "measure": remedy.get("measure", ""), "due": due, "pk": inspection.pk, "index": index}
                )  # fmt: skip
    return sorted(rows, key=lambda r: r["due"])


def plan_progress(actor: Any) -> list[dict[str, Any]]:
    """Each approved plan: the inspections planned, opened and concluded under it, and the share done."""
    plans = plans_for(actor).filter(status="approved")
    rows = []
    for plan in plans.annotate(concluded=Count("inspections", filter=Q(inspections__status="concluded"))):
        share = round(100 * plan.concluded / plan.planned_inspections) if plan.planned_inspections else None
        opened = plan.done  # type: ignore[attr-defined]
        rows.append({"plan": plan, "opened": opened, "concluded": plan.concluded, "share": share})
    return rows
