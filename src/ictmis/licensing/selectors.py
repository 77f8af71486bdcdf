"""Reads of licensing, scoped to what the actor may see (an enterprise sees its own cases only)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce, TruncMonth

from ictmis.core.access import scoped
from ictmis.licensing import policies
from ictmis.licensing.models import Case, Licence, Payment, Procedure
from ictmis.notifications.public import users_with_role

OPEN = Q(finished_on__isnull=True) & ~Q(status__in=[Case.Status.WITHDRAWN, Case.Status.CLOSED])


def cases_for(actor: Any) -> QuerySet[Case]:
    """Cases the actor may see, with what their list rows show (one query for any number of rows)."""
    paid = Payment.objects.filter(case=OuterRef("pk")).values("case").annotate(total=Sum("amount")).values("total")
    qs = Case.objects.select_related("procedure", "rule__legal_basis", "licence", "assignee").annotate(
        paid_total=Coalesce(Subquery(paid), 0)
    )
    return scoped(qs, actor, organisation="applicant_id")


def filter_cases(qs: QuerySet[Case], *, view: str, today: dt.date) -> QuerySet[Case]:
    """The case list's tabs: due today, overdue, in time, clock stopped, finished."""
    if view == "due_today":
        return qs.filter(OPEN, due_on=today)
    if view == "overdue":
        return qs.filter(OPEN, due_on__lt=today)
    if view == "in_time":
        return qs.filter(OPEN, due_on__gt=today)
    if view == "stopped":
        return qs.filter(OPEN, due_on__isnull=True)
    if view == "finished":
        return qs.filter(finished_on__isnull=False)
    return qs


def assigned_to(actor: Any) -> Q:
    return Q(assignee_id=actor.pk)


def waiting_for(actor: Any) -> Q:
    """The cases whose next step the actor may take: a processing step when nobody else holds the case, or a
    step that waits for the actor's role whoever holds it (see `policies.awaited_statuses`)."""
    held, anyone = policies.awaited_statuses(actor)
    mine_or_nobody = Q(assignee__isnull=True) | Q(assignee_id=actor.pk)
    return (Q(status__in=sorted(held)) & mine_or_nobody) | Q(status__in=sorted(anyone))


MINE = {"assigned": assigned_to, "waiting": waiting_for}


def filter_mine(qs: QuerySet[Case], *, mine: str, actor: Any) -> QuerySet[Case]:
    """The case list's "assigned to me" and "waiting for me" filters (anything else: no filter)."""
    condition = MINE.get(mine)
    return qs.filter(condition(actor)) if condition is not None else qs


def counts_mine(qs: QuerySet[Case], actor: Any) -> dict[str, int]:
    return qs.aggregate(**{key: Count("pk", filter=condition(actor)) for key, condition in MINE.items()})


def assignable_users() -> QuerySet[Any]:
    """Who a case may be handed to: the active specialists, in name order."""
    return users_with_role("specialist").order_by("name_sort_key", "username")


def counts_by_view(qs: QuerySet[Case], today: dt.date) -> dict[str, int]:
    return qs.aggregate(
        due_today=Count("pk", filter=OPEN & Q(due_on=today)),
        overdue=Count("pk", filter=OPEN & Q(due_on__lt=today)),
        in_time=Count("pk", filter=OPEN & Q(due_on__gt=today)),
        stopped=Count("pk", filter=OPEN & Q(due_on__isnull=True)),
        finished=Count("pk", filter=Q(finished_on__isnull=False)),
    )


def on_time_rate(qs: QuerySet[Case]) -> list[dict[str, Any]]:
    """Finished cases per procedure and month: how many, how many on time, the rate."""
    rows = (
        qs.filter(finished_on__isnull=False, due_on__isnull=False)
        .annotate(month=TruncMonth("finished_on"))
        .values("procedure__code", "procedure__name", "month")
        .annotate(total=Count("pk"), on_time=Count("pk", filter=Q(finished_on__lte=F("due_on"))))
        .order_by("-month", "procedure__code")
    )
    return [{**r, "rate": round(100 * r["on_time"] / r["total"], 1) if r["total"] else 0.0} for r in rows]


def licences_for(actor: Any) -> QuerySet[Licence]:
    return scoped(Licence.objects.select_related("holder"), actor, organisation="holder_id")


def public_licences(q: str | None = None) -> QuerySet[Licence]:
    from ictmis.core.listing import apply_search
    from ictmis.licensing.families import public_keys

    return apply_search(Licence.objects.filter(family__in=public_keys()), q)


def expiring(*, today: dt.date, within_days: int = 60) -> QuerySet[Licence]:
    return Licence.objects.expiring(on=today, within_days=within_days).order_by("valid_until")


def procedures() -> QuerySet[Procedure]:
    return Procedure.objects.prefetch_related("rules__legal_basis").order_by("code")


def licence_of(holder: Any, reference: str) -> Licence:
    """The holder's licence by its number, or number and year ("3/GP-STTTT/2019") when numbers repeat."""
    from django.utils.translation import gettext as _

    from ictmis.core.errors import DomainError

    text = reference.strip()
    qs = Licence.objects.filter(holder=holder)
    head, _sep, tail = text.rpartition("/")
    if head and tail.isdigit() and len(tail) == 4:
        qs = qs.filter(number=head, year=int(tail))
    else:
        qs = qs.filter(number=text)
    found = list(qs.order_by("-year")[:2])
    if not found:
        raise DomainError(
            _("%(holder)s holds no licence %(number)s.") % {"holder": holder, "number": text}, field="licence"
        )
    if len(found) > 1:
        raise DomainError(
            _("%(number)s was issued in several years: write it with the year, e.g. %(example)s.")
            % {"number": text, "example": f"{text}/{found[0].year}"},
            field="licence",
        )
    return found[0]
