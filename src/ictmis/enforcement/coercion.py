"""Coercive enforcement of a sanction decision (LHAV Arts. 86–88): when the workflow marks a decision enforced, the
coercion decision is recorded with its measure, its number from the documents sequence, its date and signer and
the amount to collect (the unpaid fine and the surcharge to that date), and its DOCX is issued."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ictmis.core import events
from ictmis.core.errors import DomainError
from ictmis.enforcement import documents, selectors, services, workflow
from ictmis.enforcement.models import TITLE_RANK, CoercionDecision, SanctionDecision


@transaction.atomic
def order_enforcement(
    *,
    actor: Any,
    now: dt.datetime,
    decision: SanctionDecision,
    measure: str,
    signer_title: str = "",
    details: str = "",
    decided_on: dt.date | None = None,
) -> CoercionDecision:
    """Order the coercive enforcement of a decision whose fine (or an instalment of it) is past its deadline and
    unpaid; the leader who orders it signs the coercion decision under a title at least the sanction decision's
    (empty: that title), in force on the day. Only the overdue part is collected: instalments not yet due are not
    (LHAV Art. 79, the instalments rule row); none past the limitation of enforcement (LHAV Art. 74(1)). The coercion
    decision is dated `decided_on` (empty: today), never before the sanction decision nor after today."""
    if measure not in CoercionDecision.Measure.values:
        raise DomainError(_("Choose the coercive measure."), field="measure")
    current = services.take_step(decision, "enforce", actor)
    day = _checked_date(decided_on, current, today=timezone.localdate(now))
    signer_title = signer_title or current.signer_title
    _check_signer(signer_title, current, day)
    _check_limitation(current, day)
    overdue = sum(amount for due, amount in services.schedule_of(current) if due < day) - current.paid
    if overdue <= 0:
        raise DomainError(
            _("Nothing of the fine is overdue on %(day)s: coercion follows a missed payment deadline.")
            % {"day": day.strftime("%d/%m/%Y")},
            field="measure",
        )
    payments = list(current.payments.all())
    owed = services.surcharge_to(current, day, payments) - sum(p.surcharge for p in payments)
    unpaid, surcharge, amount = workflow.coercion_amount(
        total=current.paid + overdue, paid=current.paid, surcharge_due=owed
    )
    current.save()
    signer = actor if getattr(actor, "pk", None) else None
    coercion = CoercionDecision.objects.create(
        decision=current,
        measure=measure,
        decided_on=day,
        signer=signer,
        signer_title=signer_title,
        unpaid_fine=unpaid,
        surcharge=surcharge,
        amount=amount,
        details=details.strip()[:400],
        created_by=signer,
    )
    coercion.document = documents.issue_coercion(coercion, actor=actor, now=now)
    coercion.number = coercion.document.number
    coercion.save(update_fields=["document", "number", "updated_at"])
    events.record(
        current,
        "enforcement.decision.enforced",
        actor=actor,
        at=now,
        number=coercion.number,
        measure=measure,
        amount=amount,
    )
    return coercion


def _checked_date(decided_on: dt.date | None, decision: SanctionDecision, *, today: dt.date) -> dt.date:
    day = decided_on or today
    if day < decision.decided_on:
        raise DomainError(
            _("The coercion decision cannot be dated before the sanction decision of %(day)s.")
            % {"day": decision.decided_on.strftime("%d/%m/%Y")},
            field="decided_on",
        )
    if day > today:
        raise DomainError(_("The coercion decision cannot be dated after today."), field="decided_on")
    return day


def _check_signer(signer_title: str, decision: SanctionDecision, day: dt.date) -> None:
    """The coercion decision is signed by a title at least the sanction decision's, holding authority that day."""
    if (
        signer_title not in TITLE_RANK
        or TITLE_RANK[signer_title] < TITLE_RANK.get(decision.signer_title, 0)
        or not selectors.authorities_on(day, title=signer_title).exists()
    ):
        raise DomainError(
            _("The coercion decision is signed by the sanction decision's signer (%(title)s) or a higher title.")
            % {"title": services.title_label(decision.signer_title)},
            field="signer_title",
        )


def _check_limitation(decision: SanctionDecision, day: dt.date) -> None:
    rule = selectors.rules_on(decision.decided_on).get("enforcement_limitation")
    if rule is not None and day > workflow.add_years(decision.decided_on, rule.value):
        raise DomainError(
            _("The decision of %(day)s can no longer be enforced: the limitation of enforcement has passed (%(rule)s).")
            % {"day": decision.decided_on.strftime("%d/%m/%Y"), "rule": rule.citation},
            field="measure",
        )
