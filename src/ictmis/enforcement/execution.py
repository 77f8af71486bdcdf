"""The writes after a sanction decision is signed (its execution): postponement and instalments of the fine where
the law allows, appeals and their outcome, the remedial measures done, and publication on the portal of
decisions against organisations. Same habits as services.py: keyword-only, `actor=` and `now=`, one transaction
with its event, the rules read from the time-rule rows of the decision's date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ictmis.core import events
from ictmis.core.errors import DomainError
from ictmis.enforcement import documents, policies, selectors, workflow
from ictmis.enforcement.models import Appeal, SanctionDecision, ViolatorType


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _lock(decision: SanctionDecision) -> SanctionDecision:
    return SanctionDecision.objects.select_for_update(of=("self",)).select_related("decree").get(pk=decision.pk)


def _save(current: SanctionDecision, actor: Any) -> None:
    current.version += 1
    current.updated_by = _user(actor)
    current.save()


@transaction.atomic
def postpone_payment(
    *, actor: Any, now: dt.datetime, decision: SanctionDecision, until: dt.date, reason: str
) -> SanctionDecision:
    """Postpone the fine of an individual in serious economic hardship, within the months and from the amount the
    rules of the decision's date give; the surcharge then runs from the day after the postponed date."""
    policies.ensure(policies.can_act(actor, decision, policies.SIGN))
    current = _lock(decision)
    rules = selectors.rules_on(current.decided_on)
    problems = workflow.check_postponement(
        violator_type=current.violator_type,
        total=current.total,
        paid=current.paid,
        decided_on=current.decided_on,
        until=until,
        has_instalments=bool(current.instalments),
        reason=reason,
        rules=rules,
    )
    if current.status not in workflow.PAYABLE:
        problems.insert(0, workflow.Refusal("status", _("The decision does not take payments now."), "", "status"))
    if problems:
        raise workflow.SanctionRefused(problems)
    current.postponed_until = until
    current.postponement_reason = reason.strip()
    _save(current, actor)
    events.record(current, "enforcement.decision.postponed", actor=actor, at=now, until=until.isoformat())
    return current


@transaction.atomic
def grant_instalments(
    *, actor: Any, now: dt.datetime, decision: SanctionDecision, plan: Sequence[tuple[dt.date, int]]
) -> SanctionDecision:
    """Payment in instalments: at most three within six months, the first at least 40 % (the rows of the
    decision's date); the decision on instalments (form MQĐ05) is issued with its number."""
    policies.ensure(policies.can_act(actor, decision, policies.SIGN))
    current = _lock(decision)
    if current.status not in workflow.PAYABLE or current.paid:
        raise workflow.SanctionRefused(
            [workflow.Refusal("status", _("Instalments are granted before any payment of a signed decision."), "")]
        )
    if current.postponed_until is not None:
        raise workflow.SanctionRefused(
            [workflow.Refusal("instalments", _("The payment of this decision is postponed."), "")]
        )
    problems = workflow.check_instalments(
        plan, total=current.total, decided_on=current.decided_on, rules=selectors.rules_on(current.decided_on)
    )
    if problems:
        raise workflow.SanctionRefused(problems)
    current.instalments = [{"due": d.isoformat(), "amount": a} for d, a in sorted(plan)]
    _save(current, actor)
    document = documents.issue_instalments(current, actor=actor, now=now)
    events.record(
        current,
        "enforcement.decision.instalments",
        actor=actor,
        at=now,
        plan=current.instalments,
        number=document.number,
    )
    return current


@transaction.atomic
def record_appeal(
    *, actor: Any, now: dt.datetime, decision: SanctionDecision, lodged_on: dt.date, summary: str, kind: str
) -> Appeal:
    """A complaint or a lawsuit against a signed decision, recorded with the day it was lodged."""
    policies.ensure(policies.can_draft(actor))
    current = _lock(decision)
    if current.status == workflow.DRAFT:
        raise DomainError(_("Only a signed decision can be appealed."))
    if lodged_on < current.decided_on:
        raise DomainError(_("An appeal cannot precede the decision."), field="lodged_on")
    if kind not in Appeal.Kind.values:
        raise DomainError(_("Choose the kind of appeal."), field="kind")
    if not summary.strip():
        raise DomainError(_("Summarise the appeal."), field="summary")
    appeal = Appeal.objects.create(
        decision=current, lodged_on=lodged_on, kind=kind, summary=summary.strip(), created_by=_user(actor)
    )
    events.record(current, "enforcement.decision.appealed", actor=actor, at=now, kind=kind)
    return appeal


@transaction.atomic
def resolve_appeal(
    *, actor: Any, now: dt.datetime, appeal: Appeal, outcome: str, resolved_on: dt.date, resolution: str
) -> Appeal:
    """The outcome of an appeal: upheld, changed or annulled, with the day and what was decided."""
    policies.ensure(policies.can_act(actor, appeal.decision, policies.SIGN))
    current = Appeal.objects.select_for_update().get(pk=appeal.pk)
    if current.outcome != Appeal.Outcome.PENDING:
        raise DomainError(_("The appeal already has its outcome."))
    if outcome not in Appeal.Outcome.values or outcome == Appeal.Outcome.PENDING:
        raise DomainError(_("Choose the outcome of the appeal."), field="outcome")
    if resolved_on < current.lodged_on:
        raise DomainError(_("An appeal cannot be resolved before it was lodged."), field="resolved_on")
    current.outcome, current.resolved_on, current.resolution = outcome, resolved_on, resolution.strip()
    current.updated_by = _user(actor)
    current.save()
    events.record(current.decision, "enforcement.appeal.resolved", actor=actor, at=now, outcome=outcome)
    if outcome == Appeal.Outcome.ANNULLED:
        # An annulled decision is no longer owed nor public: it leaves the portal and the payment follow-up.
        decision = _lock(current.decision)
        decision.published_on = None
        if decision.status != workflow.CLOSED:
            decision.status, decision.closed_on = workflow.CLOSED, resolved_on
        _save(decision, actor)
        events.record(decision, "enforcement.decision.annulled", actor=actor, at=now, on=resolved_on.isoformat())
    return current


def publication_unconfirmed(day: dt.date) -> bool:
    """Whether the rule that provides for publishing a decision of that day lacks a confirmed source."""
    rule = selectors.rules_on(day).get("publication")
    return rule is not None and (rule.unconfirmed or rule.legal_basis.unconfirmed)


@transaction.atomic
def record_remedy_done(*, actor: Any, now: dt.datetime, decision: SanctionDecision, done_on: dt.date) -> Any:
    """The remedial measures of the decision are done; a decision already paid in full then ends."""
    policies.ensure(policies.can_record_payment(actor))
    current = _lock(decision)
    if not current.remedial_measures or current.remedy_done_on is not None:
        raise DomainError(_("The decision has no remedial measure outstanding."))
    if current.status == workflow.DRAFT or done_on < current.decided_on:
        raise DomainError(_("Remedial measures are done after the decision is signed."), field="done_on")
    current.remedy_done_on = done_on
    if current.status == workflow.PAID:
        current.status, current.closed_on = workflow.CLOSED, done_on
    _save(current, actor)
    events.record(current, "enforcement.decision.remedied", actor=actor, at=now, on=done_on.isoformat())
    return current


@transaction.atomic
def publish_decision(
    *, actor: Any, now: dt.datetime, decision: SanctionDecision, basis_checked: bool = False
) -> SanctionDecision:
    """Publish a signed decision against an organisation on the portal. A decision against an individual is never
    published: the portal carries no personal data. While the rule providing for publication has no confirmed
    source, the leader publishes only after saying he checked it (`basis_checked`)."""
    policies.ensure(policies.can_publish(actor))
    current = _lock(decision)
    if current.violator_type != ViolatorType.ORGANISATION:
        raise DomainError(_("Only decisions against organisations are published; an individual's never is."))
    if current.status == workflow.DRAFT or not current.number:
        raise DomainError(_("Only a signed decision can be published."))
    if current.published_on is not None:
        raise DomainError(_("The decision is already published."))
    if current.appeals.filter(outcome=Appeal.Outcome.ANNULLED).exists():
        raise DomainError(_("The decision was annulled on appeal; it is not published."))
    if "publication" not in selectors.rules_on(current.decided_on):
        raise DomainError(_("No rule in force on the decision date provides for its publication."))
    if publication_unconfirmed(current.decided_on) and not basis_checked:
        raise DomainError(
            _(
                "The rule providing for publication is not confirmed by a source yet: check its legal basis and "
                "tick the box saying you did, or ask the specialist to confirm the rule."
            ),
            field="basis_checked",
        )
    current.published_on = timezone.localdate(now)
    _save(current, actor)
    events.record(current, "enforcement.decision.published", actor=actor, at=now)
    return current


@transaction.atomic
def withdraw_publication(*, actor: Any, now: dt.datetime, decision: SanctionDecision) -> SanctionDecision:
    """Take a decision off the portal (annulled on appeal, published by mistake)."""
    policies.ensure(policies.can_publish(actor))
    current = _lock(decision)
    if current.published_on is None:
        raise DomainError(_("The decision is not published."))
    current.published_on = None
    _save(current, actor)
    events.record(current, "enforcement.decision.unpublished", actor=actor, at=now)
    return current
