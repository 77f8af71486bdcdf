"""Reads for the enforcement pages and API, scoped to what the actor may see."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.core.paginator import Page, Paginator
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


def _decisions_seen(actor: Any) -> Q | None:
    """The condition on the decisions the actor sees; None: every one."""
    if not actor.has_perm("enforcement.view_sanctiondecision"):
        return Q_NOTHING
    scope = scope_of(actor)
    if scope.whole_province:
        return None
    if scope.organisation_id:
        return Q(organisation_id=scope.organisation_id) & ~Q(status="draft")
    return Q_NOTHING


def decisions_for(actor: Any) -> QuerySet[SanctionDecision]:
    qs = SanctionDecision.objects.select_related("decree", "record")
    seen = _decisions_seen(actor)
    return qs if seen is None else qs.filter(seen)


class IdsFirstPaginator(Paginator):
    """Django's paginator, but a page reads the keys of its rows first (from an index alone, however deep the
    page) and then those rows only: OFFSET never has to walk whole rows."""

    def page(self, number: Any) -> Any:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        qs: Any = self.object_list
        keys = list(qs.values_list("pk", flat=True)[bottom:top])
        rows = qs.in_bulk(keys) if keys else {}
        return Page([rows[key] for key in keys], number, self)


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
        return _report_by_provision(actor)
    if by == "month":
        # grouping by the day then folding into months avoids a date function per row (a Python one on SQLite)
        months: dict[dt.date, dict[str, Any]] = {}
        # COUNT(*), not COUNT(id): PostgreSQL then reads the covering index alone (the key is not in it)
        days = qs.values("decided_on").annotate(n=Count("*"), decided=Sum("total"), collected=Sum("paid"))
        for day in days.order_by("decided_on"):
            key = day["decided_on"].replace(day=1)
            row = months.setdefault(key, {"key": key, "n": 0, "decided": 0, "collected": 0})
            row["n"] += day["n"]
            row["decided"] += day["decided"] or 0
            row["collected"] += day["collected"] or 0
        return list(months.values())
    field = {"sector": "sector", "signer": "signer_title"}.get(by, "sector")
    rows = qs.values(field).annotate(n=Count("*"), decided=Sum("total"), collected=Sum("paid")).order_by(field)
    return [
        {"key": r[field], "n": r["n"], "decided": r["decided"] or 0, "collected": r["collected"] or 0} for r in rows
    ]


def _report_by_provision(actor: Any) -> list[dict[str, Any]]:
    """Decisions and amounts by the provision cited (article and decree). The acts are read alone (an index holds
    provision, decision and fine), the drafts left out by their few keys, and the few provisions named after; the
    decisions are counted once per article even where two provisions share it. A decision without acts has no row:
    none is ever signed (signing re-assesses the acts and refuses an empty list), so every signed decision is in."""
    acts = DecisionAct.objects.exclude(decision_id__in=SanctionDecision.objects.filter(status="draft").values("id"))
    seen = _decisions_seen(actor)
    if seen is not None:
        acts = acts.filter(decision_id__in=SanctionDecision.objects.filter(seen).values("id"))
    cited = {
        p.pk: f"{p.article}, {p.legal_basis.number}"
        for p in SanctionProvision.objects.select_related("legal_basis").only("article", "legal_basis__number")
    }
    per_provision = acts.values("provision_id").annotate(n=Count("decision_id", distinct=True), decided=Sum("fine"))
    groups: dict[str, dict[str, Any]] = {}
    for r in per_provision.order_by():
        row = groups.setdefault(cited[r["provision_id"]], {"ids": [], "n": 0, "decided": 0, "collected": None})
        row["ids"].append(r["provision_id"])
        row["n"] += r["n"]
        row["decided"] += r["decided"] or 0
    for row in groups.values():
        if len(row["ids"]) > 1:  # one decision may cite two provisions of the same article: count it once
            row["n"] = acts.filter(provision_id__in=row["ids"]).values("decision_id").distinct().count()
    rows = [{"key": key, "n": r["n"], "decided": r["decided"], "collected": None} for key, r in groups.items()]
    return sorted(rows, key=lambda r: -r["decided"])


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
OVERDUE_BATCH = 100  # the fewest rows read at a time by overdue_payments


def overdue_payments(actor: Any, today: dt.date, *, limit: int = OVERDUE_ROWS) -> list[dict[str, Any]]:
    """Signed decisions whose fine (or an instalment of it) is past its deadline and unpaid, with the surcharge to
    today: the `limit` oldest. A decision of the last nine days, or one postponed to today or later, cannot be
    overdue yet, so the database leaves those out first; instalments are judged here."""
    table = list(TimeRule.objects.select_related("legal_basis"))
    rules_by_day: dict[dt.date, dict[str, TimeRule]] = {}
    qs = (
        decisions_for(actor)
        .filter(status__in=sorted(workflow.PAYABLE), paid__lt=F("total"), decided_on__lt=today - dt.timedelta(days=9))
        .exclude(postponed_until__gte=today)
        .select_related(None)
        .only(
            "id", "number", "violator_name", "decided_on", "delivered_on", "total", "paid", "status",
            "instalments", "postponed_until",
        )
        .prefetch_related("payments")
        .order_by("decided_on", "id")
    )  # fmt: skip
    rows = []
    for decision in _in_batches(qs, max(limit, OVERDUE_BATCH)):
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


def _in_batches(qs: QuerySet[SanctionDecision], size: int) -> Iterator[SanctionDecision]:
    """The rows of `qs` (ordered by decided_on, id) in order, `size` at a time. Each batch starts after the last
    row seen (keyset paging), not at an OFFSET: the database walks the order's index from there and stops, so a
    walk past many rows that are not overdue costs each row once, not the whole prefix again on every batch."""
    after: tuple[dt.date, int] | None = None
    while True:
        page = qs
        if after is not None:
            day, pk = after
            # (decided_on, id) > (day, pk); the first condition alone gives the index its starting point
            page = qs.filter(Q(decided_on__gte=day), Q(decided_on__gt=day) | Q(id__gt=pk))
        batch = list(page[:size])
        yield from batch
        if len(batch) < size:
            return
        after = (batch[-1].decided_on, batch[-1].pk)


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


def overdue_remedies(actor: Any, today: dt.date, *, limit: int | None = None) -> list[dict[str, Any]]:
    """Remedial measures past their deadline and not done: of sanction decisions and of inspection conclusions,
    oldest first; the `limit` oldest when given (a page), else all the workbook takes."""
    decisions = (
        decisions_for(actor)
        .exclude(status="draft")
        .filter(remedy_due_on__lt=today, remedy_done_on__isnull=True)
        .exclude(remedial_measures="")
        .order_by("remedy_due_on", "id")
        .values_list("pk", "number", "violator_name", "remedial_measures", "remedy_due_on")
    )
    rows: list[dict[str, Any]] = [
        {"kind": "decision", "ref": number, "who": who, "measure": measure, "due": due, "pk": pk}
        for pk, number, who, measure, due in decisions[: limit or OVERDUE_ROWS]
    ]
    concluded = (
        inspections_for(actor)
        .filter(status="concluded")
        .exclude(remedies=[])
        .order_by("ends_on", "id")
        .values_list("pk", "decision_number", "subject_name", "remedies")
    )
    # every concluded inspection with remedies: their deadlines are inside the JSON, so the oldest inspections
    # are not the oldest remedies (a cap here hid a newer inspection's overdue remedy)
    for pk, number, subject, remedies in concluded.iterator(chunk_size=1000):
        for index, remedy in enumerate(remedies):
            due = dt.date.fromisoformat(str(remedy.get("due", ""))[:10]) if remedy.get("due") else None
            if due is not None and due < today and not remedy.get("done"):
                rows.append(
                    {"kind": "inspection", "ref": number, "who": subject, "measure": remedy.get("measure", ""),
                     "due": due, "pk": pk, "index": index}
                )  # fmt: skip
    rows.sort(key=lambda r: r["due"])
    return rows[:limit] if limit else rows


def plan_progress(actor: Any) -> list[dict[str, Any]]:
    """Each approved plan: the inspections planned, opened and concluded under it, and the share done."""
    plans = plans_for(actor).filter(status="approved")
    rows = []
    for plan in plans.annotate(concluded=Count("inspections", filter=Q(inspections__status="concluded"))):
        share = round(100 * plan.concluded / plan.planned_inspections) if plan.planned_inspections else None
        opened = plan.done  # type: ignore[attr-defined]
        rows.append({"plan": plan, "opened": opened, "concluded": plan.concluded, "share": share})
    return rows
