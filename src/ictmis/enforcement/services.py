"""Every write of enforcement: records, decisions (checked against the law of their dates), signing, delivery,
payments, transfers, plans and inspections. Each in one transaction with its event."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ictmis.core import events
from ictmis.core.errors import DomainError
from ictmis.core.services import working_calendar
from ictmis.enforcement import documents, notifications, policies, selectors, workflow
from ictmis.enforcement.models import (
    DecisionAct,
    Inspection,
    InspectionPlan,
    Payment,
    RecordAct,
    SanctionDecision,
    SanctionProvision,
    Title,
    ViolationRecord,
    ViolatorType,
)
from ictmis.legal.public import by_number

CITIZEN_ID = re.compile(r"^\d{12}$")
TAX_CODE = re.compile(r"^\d{10}(\d{3})?$")


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def title_label(code: str) -> str:
    return str(Title(code).label) if code in Title.values else code


@transaction.atomic
def record_violation(
    *,
    actor: Any,
    now: dt.datetime,
    violator_type: str,
    violator_name: str,
    violator_id_number: str,
    place: str,
    detected_on: dt.date,
    provision_ids: Sequence[int],
    act_ended_on: dt.date | None = None,
    organisation: Any = None,
    address: str = "",
    unit: Any = None,
    unit_code: str = "",
    witnesses: str = "",
    statement: str = "",
    complexity: str = ViolationRecord.Complexity.ORDINARY,
    inspection: Inspection | None = None,
) -> ViolationRecord:
    """Make a violation record (MBB01): earlier sanctions of the same violator for the same act inside the
    repeat window are marked on the act as an aggravating circumstance."""
    policies.ensure(policies.can_record(actor))
    id_number = checked_violator(violator_type, violator_id_number)
    checked_organisation(violator_type, id_number, organisation)
    if act_ended_on is not None and act_ended_on > detected_on:
        raise DomainError(_("An act cannot end after it was detected."), field="act_ended_on")
    if unit_code:
        unit = unit_of_act(unit_code, judged_on_day(act_ended_on, detected_on))
    provisions = list(SanctionProvision.objects.filter(pk__in=provision_ids).select_related("legal_basis"))
    if not provisions or len(provisions) != len(set(provision_ids)):
        raise DomainError(_("Choose the provisions the acts violate."), field="provisions")
    day = timezone.localdate(now)
    record = ViolationRecord.objects.create(
        violator_type=violator_type,
        organisation=organisation,
        violator_name=violator_name.strip(),
        violator_id_number=id_number,
        address=address,
        recorded_at=now,
        place=place,
        unit=unit,
        act_ended_on=act_ended_on,
        detected_on=detected_on,
        witnesses=witnesses,
        statement=statement,
        recorder=_user(actor),
        complexity=complexity,
        inspection=inspection,
        created_by=_user(actor),
    )
    earlier = earlier_sanctions(violator_id_number=id_number, act_codes=[p.act_code for p in provisions], on=day)
    record.repeat_of = earlier
    for provision in provisions:
        repeat = any(e["act_code"] == provision.act_code and e["repeat"] for e in earlier)
        RecordAct.objects.create(record=record, provision=provision, is_repeat=repeat)
    record.document = documents.issue_record(record, actor=actor, now=now)
    record.number = record.document.number
    record.save()
    events.record(record, "enforcement.record.made", actor=actor, at=now, repeat=len(earlier))
    return record


def checked_violator(violator_type: str, violator_id_number: str) -> str:
    """The violator's citizen ID (an individual) or tax code (an organisation), refused when malformed."""
    id_number = violator_id_number.strip()
    if violator_type == ViolatorType.INDIVIDUAL and not CITIZEN_ID.match(id_number):
        raise DomainError(_("Give the 12-digit citizen ID of the individual."), field="violator_id_number")
    if violator_type == ViolatorType.ORGANISATION and not TAX_CODE.match(id_number):
        raise DomainError(_("Give the tax code of the organisation (10 or 13 digits)."), field="violator_id_number")
    return id_number


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def checked_organisation(violator_type: str, id_number: str, organisation: Any) -> Any:
    """The organisation a record or decision is linked to (so that it sees it) must be the violator itself: the
    violator is an organisation and its tax code is the organisation's (a branch code with or without its dash);
    otherwise an enterprise would see another violator's decision."""
    if organisation is None:
        return None
    if violator_type != ViolatorType.ORGANISATION or _digits(organisation.tax_code) != _digits(id_number):
        raise DomainError(
            _("The organisation linked must be the violator itself, with the violator's tax code."),
            field="organisation",
        )
    return organisation


def unit_of_act(unit_code: str, day: dt.date) -> Any:
    """The administrative unit with this code in force on the day of the act."""
    from ictmis.units.public import unit_by_code

    unit = unit_by_code(unit_code.strip(), on=day)
    if unit is None:
        raise DomainError(_("No administrative unit has this code on the day of the act."), field="unit_code")
    return unit


def judged_on_day(act_ended_on: dt.date | None, detected_on: dt.date) -> dt.date:
    return workflow.judged_on(act_ended_on=act_ended_on, detected_on=detected_on)


def earlier_sanctions(*, violator_id_number: str, act_codes: Sequence[str], on: dt.date) -> list[dict[str, Any]]:
    """Signed decisions against the same violator for the same acts, with whether each is a repeat in the window."""
    rows = (
        DecisionAct.objects.filter(
            decision__violator_id_number=violator_id_number, provision__act_code__in=list(act_codes)
        )
        .exclude(decision__status="draft")
        .select_related("decision", "provision__legal_basis")
        .order_by("-decision__decided_on")
    )
    return [
        {
            "decision": a.decision.number,
            "decided_on": a.decision.decided_on.isoformat(),
            "act_code": a.provision.act_code,
            "citation": a.provision.citation,
            "repeat": workflow.is_repeat(earlier_decided_on=a.decision.decided_on, now_on=on),
        }
        for a in rows
    ]


@dataclass
class Assessment:
    """What the law says of a decision as drafted: the refusals, the competent title if it must be transferred,
    and the more lenient later provisions to flag."""

    refusals: list[workflow.Refusal] = field(default_factory=list)
    competent: str = ""
    lenient: list[str] = field(default_factory=list)
    decree: Any = None


@dataclass(frozen=True)
class Facts:
    """What the law of a decision looks at besides its acts: who, when the act ended or was detected, and the
    record it follows (`recorded_on` None: a decision without a record, on the spot)."""

    violator_type: str
    act_ended_on: dt.date | None
    detected_on: dt.date
    recorded_on: dt.date | None = None
    complexity: str = ViolationRecord.Complexity.ORDINARY
    record_provisions: frozenset[int] | None = None


def facts_of(record: ViolationRecord) -> Facts:
    return Facts(
        violator_type=record.violator_type,
        act_ended_on=record.act_ended_on,
        detected_on=record.detected_on,
        recorded_on=timezone.localdate(record.recorded_at),
        complexity=record.complexity,
        record_provisions=frozenset(a.provision_id for a in record.acts.all()),
    )


def facts_of_decision(decision: SanctionDecision) -> Facts:
    if decision.record_id is not None and decision.record is not None:
        return facts_of(decision.record)
    assert decision.act_at is not None
    return Facts(
        violator_type=decision.violator_type,
        act_ended_on=decision.act_ended_on,
        detected_on=timezone.localdate(decision.act_at),
    )


def assess(
    *,
    record: ViolationRecord | None = None,
    facts: Facts | None = None,
    decided_on: dt.date,
    signer_title: str,
    acts: Sequence[workflow.Act],
    suspends: bool = False,
) -> Assessment:
    """Check a draft against the law of its dates; nothing is written. The facts come from the record, or are
    given for a decision without one."""
    if facts is None:
        assert record is not None
        facts = facts_of(record)
    result = Assessment()
    rules = selectors.rules_on(decided_on)
    judged = workflow.judged_on(act_ended_on=facts.act_ended_on, detected_on=facts.detected_on)
    result.decree = by_number(workflow.decree_on(judged))
    if not acts:
        result.refusals.append(workflow.Refusal("acts", _("Give at least one act."), "", "acts"))
        return result
    later = list(selectors.provisions_on(decided_on))
    for act in acts:
        if facts.record_provisions is not None and act.provision.pk not in facts.record_provisions:
            result.refusals.append(
                workflow.Refusal(
                    "provision_in_record",
                    _("%(provision)s is not an act of the record.") % {"provision": act.provision.citation},
                    act.provision.citation,
                    "provision",
                )
            )
        result.refusals += workflow.check_in_force(act, judged)
        result.refusals += workflow.check_fine(act, facts.violator_type)
        lenient = workflow.more_lenient(act, later, facts.violator_type)
        if lenient is not None:
            rule = rules.get("more_lenient")
            result.lenient.append(
                _(
                    "%(later)s, in force on the decision date, is more lenient than %(provision)s: "
                    "apply it (%(citation)s)."
                )
                % {
                    "later": lenient.citation,
                    "provision": act.provision.citation,
                    "citation": rule.citation if rule else "",
                }
            )
    years = max(a.provision.limitation_years for a in acts)
    last_day = workflow.limitation_ends(act_ended_on=facts.act_ended_on, detected_on=facts.detected_on, years=years)
    if decided_on > last_day:
        rule = rules.get("limitation_long" if years > 1 else "limitation")
        result.refusals.append(
            workflow.Refusal(
                "limitation",
                _("The limitation period ended on %(day)s.") % {"day": last_day.strftime("%d/%m/%Y")},
                rule.citation if rule else "",
                "decided_on",
            )
        )
    if facts.recorded_on is not None:
        result.refusals += _record_time_limit(facts, facts.recorded_on, decided_on)
    elif decided_on < facts.detected_on:
        result.refusals.append(
            workflow.Refusal("decided_on", _("A decision cannot precede the act it sanctions."), "", "decided_on")
        )
    transfer = rules.get("transfer")
    refusals, competent = workflow.check_signer(
        list(selectors.authorities_on(decided_on)),
        signer_title,
        acts,
        facts.violator_type,
        suspends=suspends,
        transfer_citation=transfer.citation if transfer else "",
        title_label=title_label,
    )
    result.refusals += refusals
    result.competent = competent
    return result


def _record_time_limit(facts: Facts, recorded_on: dt.date, decided_on: dt.date) -> list[workflow.Refusal]:
    refusals = []
    record_rules = selectors.rules_on(recorded_on)
    if "decision_ordinary" in record_rules:
        due = workflow.decision_due(
            working_calendar(), recorded_on=recorded_on, complexity=facts.complexity, rules=record_rules
        )
        if decided_on > due:
            key = {
                "transferred": "decision_transferred",
                "explained": "decision_explained",
                "complex": "decision_complex",
            }.get(facts.complexity, "decision_ordinary")
            rule = record_rules.get(key) or record_rules["decision_ordinary"]
            refusals.append(
                workflow.Refusal(
                    "time_limit",
                    _("The time limit to decide after the record ended on %(day)s.")
                    % {"day": due.strftime("%d/%m/%Y")},
                    rule.citation,
                    "decided_on",
                )
            )
    if decided_on < recorded_on:
        refusals.append(workflow.Refusal("decided_on", _("A decision cannot precede its record."), "", "decided_on"))
    return refusals


def acts_from(items: Sequence[dict[str, Any]]) -> list[workflow.Act]:
    provisions = {
        p.pk: p
        for p in SanctionProvision.objects.filter(pk__in=[i["provision"] for i in items]).select_related("legal_basis")
    }
    acts = []
    for item in items:
        provision = provisions.get(int(item["provision"]))
        if provision is None:
            raise DomainError(_("No such provision."), field="provision")
        acts.append(
            workflow.Act(
                provision, int(item["fine"]), item.get("mitigating", "") or "", item.get("aggravating", "") or ""
            )
        )
    return acts


@transaction.atomic
def draft_decision(
    *,
    actor: Any,
    now: dt.datetime,
    record: ViolationRecord,
    decided_on: dt.date,
    signer_title: str,
    acts: Sequence[dict[str, Any]],
    signer: Any = None,
    additional_sanctions: str = "",
    remedial_measures: str = "",
    remedy_due_on: dt.date | None = None,
    licence_id: int | None = None,
) -> SanctionDecision:
    """Draft a sanction decision; the law refuses it (every rule named, with its citation) rather than storing a
    fine outside the range, beyond the signer's authority, late, or under a provision not in force."""
    policies.ensure(policies.can_draft(actor))
    record = ViolationRecord.objects.select_for_update().get(pk=record.pk)
    if record.status != ViolationRecord.Status.OPEN:
        raise DomainError(_("The record is no longer awaiting a decision."))
    chosen = acts_from(acts)
    result = assess(
        record=record, decided_on=decided_on, signer_title=signer_title, acts=chosen, suspends=licence_id is not None
    )
    if result.refusals:
        events.record(
            record,
            "enforcement.decision.refused",
            actor=actor,
            at=now,
            rules=[r.rule for r in result.refusals],
            competent=result.competent,
        )
        raise workflow.SanctionRefused(result.refusals, competent=result.competent)
    decision = SanctionDecision.objects.create(
        record=record,
        organisation=record.organisation,
        violator_type=record.violator_type,
        violator_name=record.violator_name,
        violator_id_number=record.violator_id_number,
        sector=chosen[0].provision.sector,
        decree=result.decree,
        decided_on=decided_on,
        signer_title=signer_title,
        signer=signer,
        total=sum(a.fine for a in chosen),
        additional_sanctions=additional_sanctions,
        remedial_measures=remedial_measures,
        remedy_due_on=remedy_due_on,
        more_lenient_note=" ".join(result.lenient),
        licence_id=licence_id,
        created_by=_user(actor),
    )
    for act in chosen:
        DecisionAct.objects.create(
            decision=decision,
            provision=act.provision,
            fine=act.fine,
            mitigating=act.mitigating,
            aggravating=act.aggravating,
        )
    record.status = ViolationRecord.Status.DECIDED
    record.save(update_fields=["status", "updated_at", "search_text"])
    events.record(decision, "enforcement.decision.drafted", actor=actor, at=now, total=decision.total)
    notifications.decision_drafted(decision, actor=actor, now=now)
    return decision


@transaction.atomic
def transfer_record(*, actor: Any, now: dt.datetime, record: ViolationRecord, title: str) -> ViolationRecord:
    """Pass a case beyond the signer's authority to the competent title (LHAV Art. 52)."""
    policies.ensure(policies.can_draft(actor))
    current = ViolationRecord.objects.select_for_update().get(pk=record.pk)
    if current.status != ViolationRecord.Status.OPEN:
        raise DomainError(_("The record is no longer awaiting a decision."))
    current.status = ViolationRecord.Status.TRANSFERRED
    current.transferred_to = title
    current.version += 1
    current.save()
    events.record(current, "enforcement.record.transferred", actor=actor, at=now, to=title)
    return current


def take_step(decision: SanctionDecision, action: str, actor: Any) -> SanctionDecision:
    current = SanctionDecision.objects.select_for_update().get(pk=decision.pk)
    step = workflow.ensure_allowed(current.status, action)
    policies.ensure(policies.can_act(actor, current, step.permission))
    current.status = step.target
    current.version += 1
    current.updated_by = _user(actor)
    return current


@transaction.atomic
def sign_decision(*, actor: Any, now: dt.datetime, decision: SanctionDecision) -> SanctionDecision:
    """The leader signs: the authority is checked again for the decision date; the MQĐ02 document takes its
    number; a licence suspension goes through the licensing app with this decision as its reason."""
    current = take_step(decision, "sign", actor)
    acts = [
        workflow.Act(a.provision, a.fine, a.mitigating, a.aggravating)
        for a in current.acts.select_related("provision__legal_basis")
    ]
    result = assess(
        facts=facts_of_decision(current),
        decided_on=current.decided_on,
        signer_title=current.signer_title,
        acts=acts,
        suspends=current.licence_id is not None,
    )
    result.refusals = [r for r in result.refusals if r.rule != "provision_in_record"]
    today = timezone.localdate(now)
    if current.without_record:
        assert current.act_at is not None
        result.refusals += workflow.check_on_the_spot(
            acts=acts,
            violator_type=current.violator_type,
            rules=selectors.rules_on(current.decided_on),
            additional_sanctions=current.additional_sanctions,
            remedial_measures=current.remedial_measures,
            suspends=current.licence_id is not None,
            decided_on=current.decided_on,
            act_on=timezone.localdate(current.act_at),
            act_in_future=current.act_at > now,
            today=today,
        )
    elif current.decided_on > today:
        message = _("A decision cannot be signed before its date (%(day)s).") % {
            "day": f"{current.decided_on:%d/%m/%Y}"
        }
        result.refusals.append(workflow.Refusal("signed_before_date", message, "", "decided_on"))
    for act in acts:
        if act.provision.unconfirmed or act.provision.legal_basis.unconfirmed:
            message = _(
                "The provision %(citation)s is not confirmed: a legal specialist must confirm it before signing."
            ) % {"citation": act.provision.citation}
            result.refusals.append(workflow.Refusal("provision_unconfirmed", message, act.provision.citation, "acts"))
    if result.refusals:
        raise workflow.SanctionRefused(result.refusals, competent=result.competent)
    current.signer = _user(actor) or current.signer
    current.document = documents.issue_decision(current, actor=actor, now=now)
    current.number = current.document.number
    current.save()
    if current.licence_id is not None:
        from ictmis.licensing.public import suspend_licence

        suspend_licence(
            licence_id=current.licence_id,
            decision=f"{current.number} ngày {current.decided_on:%d/%m/%Y}",
            reason=_("Administrative sanction decision"),
            on=current.decided_on,
            actor=actor,
            now=now,
        )
    events.record(current, "enforcement.decision.signed", actor=actor, at=now, number=current.number)
    notifications.decision_signed(current, actor=actor, now=now)
    return current


@transaction.atomic
def deliver_decision(*, actor: Any, now: dt.datetime, decision: SanctionDecision, delivered_on: dt.date) -> Any:
    current = take_step(decision, "deliver", actor)
    if delivered_on < current.decided_on:
        raise DomainError(_("A decision cannot be delivered before its date."), field="delivered_on")
    current.delivered_on = delivered_on
    current.save()
    events.record(current, "enforcement.decision.delivered", actor=actor, at=now, on=delivered_on)
    return current


@transaction.atomic
def close_decision(*, actor: Any, now: dt.datetime, decision: SanctionDecision) -> SanctionDecision:
    current = take_step(decision, "close", actor)
    current.closed_on = timezone.localdate(now)
    current.save()
    events.record(current, "enforcement.decision.closed", actor=actor, at=now)
    return current


def schedule_of(decision: SanctionDecision) -> list[tuple[dt.date, int]]:
    """What is due when (see selectors.schedule_of), with the rules of the decision's date."""
    return selectors.schedule_of(decision, selectors.rules_on(decision.decided_on))


def payment_due(decision: SanctionDecision) -> dt.date:
    rules = selectors.rules_on(decision.decided_on)
    return workflow.payment_due(
        decided_on=decision.decided_on,
        delivered_on=decision.delivered_on,
        days=rules["payment"].value,
        no_receipt_day=rules["no_receipt"].value,
    )


def surcharge_to(decision: SanctionDecision, day: dt.date, payments: Sequence[Payment] | None = None) -> int:
    if decision.status == workflow.DRAFT:
        return 0
    paid = [(p.paid_on, p.amount) for p in (payments if payments is not None else decision.payments.all())]
    rate = selectors.rules_on(decision.decided_on)["surcharge"].value
    return workflow.surcharge(schedule=schedule_of(decision), payments=paid, until=day, per_ten_thousand=rate)


@transaction.atomic
def record_payment(
    *,
    actor: Any,
    now: dt.datetime,
    decision: SanctionDecision,
    paid_on: dt.date,
    amount: int,
    channel: str = Payment.Channel.TREASURY,
    receipt: str = "",
) -> Payment:
    """A payment, partial or whole, with the surcharge due on that day; the whole fine paid (and no remedial
    measure outstanding) ends the case."""
    policies.ensure(policies.can_record_payment(actor))
    current = SanctionDecision.objects.select_for_update().get(pk=decision.pk)
    if current.status not in workflow.PAYABLE:
        raise DomainError(_("The decision does not take payments now."))
    if amount <= 0 or amount > current.total - current.paid:
        raise DomainError(
            _("Give an amount between 1 and the %(left)s đồng still unpaid.")
            % {"left": f"{current.total - current.paid:,}"},
            field="amount",
        )
    earlier = list(current.payments.all())
    due_surcharge = surcharge_to(current, paid_on, earlier) - sum(p.surcharge for p in earlier)
    payment = Payment.objects.create(
        decision=current,
        paid_on=paid_on,
        amount=amount,
        surcharge=max(0, due_surcharge),
        channel=channel,
        receipt=receipt,
        created_by=_user(actor),
    )
    current.paid += amount
    if current.paid >= current.total:
        remedy_open = bool(current.remedial_measures) and current.remedy_done_on is None
        current.status = workflow.PAID if remedy_open else workflow.CLOSED
        current.closed_on = None if remedy_open else paid_on
    current.version += 1
    current.save()
    events.record(current, "enforcement.decision.paid", actor=actor, at=now, amount=amount, surcharge=payment.surcharge)
    return payment


@transaction.atomic
def create_plan(*, actor: Any, now: dt.datetime, year: int, title: str, planned_inspections: int) -> InspectionPlan:
    policies.ensure(policies.can_plan(actor))
    plan = InspectionPlan.objects.create(
        year=year, title=title, planned_inspections=planned_inspections, created_by=_user(actor)
    )
    events.record(plan, "enforcement.plan.created", actor=actor, at=now)
    return plan


@transaction.atomic
def approve_plan(*, actor: Any, now: dt.datetime, plan: InspectionPlan) -> InspectionPlan:
    policies.ensure(policies.can_approve_plan(actor))
    current = InspectionPlan.objects.select_for_update().get(pk=plan.pk)
    if current.status != InspectionPlan.Status.DRAFT:
        raise DomainError(_("The plan is already approved."))
    current.status = InspectionPlan.Status.APPROVED
    current.approved_by = _user(actor)
    current.approved_on = timezone.localdate(now)
    current.version += 1
    current.save()
    events.record(current, "enforcement.plan.approved", actor=actor, at=now)
    return current


def checked_records(records: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The records an inspection covers, each a registry record (BTS station, post office point, ...) or a
    licence (a website's), refused by name when it does not exist."""
    from ictmis.core.registry import get as registry_spec
    from ictmis.core.registry import keys as registry_keys

    checked = []
    for item in records:
        key, pk = str(item.get("registry", "")), item.get("id")
        if key == "licences":
            from ictmis.licensing.public import public_licences

            rows: Any = public_licences()
        elif key in registry_keys():
            rows = registry_spec(key).model.objects.all()
        else:
            raise DomainError(_("Unknown kind of record: %(key)s.") % {"key": key}, field="records")
        if not str(pk).isdigit() or not rows.filter(pk=int(str(pk))).exists():
            raise DomainError(_("No record %(key)s:%(id)s.") % {"key": key, "id": pk}, field="records")
        checked.append({"registry": key, "id": int(str(pk))})
    return checked


@transaction.atomic
def open_inspection(
    *,
    actor: Any,
    now: dt.datetime,
    subject: Any,
    scope: str,
    team_head: Any,
    starts_on: dt.date,
    ends_on: dt.date,
    plan: InspectionPlan | None = None,
    records: Sequence[dict[str, Any]] = (),
    team: Sequence[Any] = (),
) -> Inspection:
    """An inspection under a plan, its decision numbered from the documents sequence."""
    policies.ensure(policies.can_inspect(actor))
    if plan is not None and plan.status != InspectionPlan.Status.APPROVED:
        raise DomainError(_("The plan is not approved yet."), field="plan")
    if ends_on < starts_on:
        raise DomainError(_("An inspection cannot end before it starts."), field="ends_on")
    records = checked_records(records)
    from ictmis.documents.public import reserve_number

    _sequence, number = reserve_number(kind_code="inspection_decision", year=starts_on.year, on=starts_on)
    inspection = Inspection.objects.create(
        plan=plan,
        decision_number=number,
        subject=subject,
        scope=scope,
        team_head=team_head,
        starts_on=starts_on,
        ends_on=ends_on,
        records=list(records),
        created_by=_user(actor),
    )
    inspection.team.set([team_head, *team])
    events.record(inspection, "enforcement.inspection.opened", actor=actor, at=now, number=number)
    return inspection


@transaction.atomic
def conclude_inspection(
    *,
    actor: Any,
    now: dt.datetime,
    inspection: Inspection,
    findings: str,
    conclusion: str,
    remedies: Sequence[dict[str, Any]] = (),
) -> Inspection:
    policies.ensure(policies.can_inspect(actor))
    current = Inspection.objects.select_for_update().get(pk=inspection.pk)
    if current.status != Inspection.Status.OPEN:
        raise DomainError(_("The inspection is already concluded."))
    if not conclusion.strip():
        raise DomainError(_("Write the conclusion."), field="conclusion")
    if any(not str(r.get("measure", "")).strip() or not r.get("due") for r in remedies):
        raise DomainError(_("Each remedial measure needs its deadline."), field="remedies")
    current.findings, current.conclusion = findings, conclusion
    current.remedies = [{"measure": r["measure"], "due": str(r["due"]), "done": r.get("done")} for r in remedies]
    current.status = Inspection.Status.CONCLUDED
    current.version += 1
    current.save()
    events.record(current, "enforcement.inspection.concluded", actor=actor, at=now)
    return current


@transaction.atomic
def record_inspection_remedy(
    *, actor: Any, now: dt.datetime, inspection: Inspection, index: int, done_on: dt.date
) -> Inspection:
    """Follow-up of a concluded inspection: one remedial measure done on a day."""
    policies.ensure(policies.can_inspect(actor))
    current = Inspection.objects.select_for_update(of=("self",)).get(pk=inspection.pk)
    if current.status != Inspection.Status.CONCLUDED or not 0 <= index < len(current.remedies):
        raise DomainError(_("No such remedial measure."))
    remedies = [dict(r) for r in current.remedies]
    if remedies[index].get("done"):
        raise DomainError(_("The measure is already done."))
    remedies[index]["done"] = done_on.isoformat()
    current.remedies = remedies
    current.version += 1
    current.save()
    events.record(current, "enforcement.inspection.remedied", actor=actor, at=now, measure=remedies[index]["measure"])
    return current
