"""A sanction decision without a violation record (form MQĐ01 of Decree 118/2021, LHAV Art. 56): drafted on the
spot with its acts, the violator and the time and place of the act. Everything the ordinary decision is checked
for (fine within the range, signer's authority on the date, provision in force on the act's date, limitation)
plus the ceiling of the decision's date and no sanction beyond a fine; then signed, delivered and paid like any
other decision."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ictmis.core import events
from ictmis.core.errors import DomainError
from ictmis.enforcement import notifications, policies, selectors, services, workflow
from ictmis.enforcement.models import DecisionAct, SanctionDecision


def assess_without_record(
    *,
    violator_type: str,
    act_at: dt.datetime,
    act_ended_on: dt.date | None,
    decided_on: dt.date,
    signer_title: str,
    acts: Sequence[workflow.Act],
    additional_sanctions: str = "",
    remedial_measures: str = "",
    suspends: bool = False,
    now: dt.datetime | None = None,
) -> services.Assessment:
    """What the law says of a decision without a record as drafted; nothing is written."""
    facts = services.Facts(
        violator_type=violator_type, act_ended_on=act_ended_on, detected_on=timezone.localdate(act_at)
    )
    result = services.assess(
        facts=facts, decided_on=decided_on, signer_title=signer_title, acts=acts, suspends=suspends
    )
    result.refusals += workflow.check_on_the_spot(
        acts=acts,
        violator_type=violator_type,
        rules=selectors.rules_on(decided_on),
        additional_sanctions=additional_sanctions,
        remedial_measures=remedial_measures,
        suspends=suspends,
        decided_on=decided_on,
        act_on=timezone.localdate(act_at),
        act_in_future=now is not None and act_at > now,
        today=timezone.localdate(now) if now is not None else None,
    )
    return result


@transaction.atomic
def draft_decision_without_record(
    *,
    actor: Any,
    now: dt.datetime,
    violator_type: str,
    violator_name: str,
    violator_id_number: str,
    act_at: dt.datetime,
    place: str,
    decided_on: dt.date,
    signer_title: str,
    acts: Sequence[dict[str, Any]],
    act_ended_on: dt.date | None = None,
    organisation: Any = None,
    address: str = "",
    unit: Any = None,
    unit_code: str = "",
    additional_sanctions: str = "",
    remedial_measures: str = "",
    licence_id: int | None = None,
) -> SanctionDecision:
    """Draft a decision on the spot, without a record; the law refuses it (each rule with its citation) when the
    fine is beyond the ceiling of the decision's date, outside the provision's range or the signer's authority,
    late, under a provision not in force, or with a sanction other than a fine: a record must then be made."""
    policies.ensure(policies.can_draft(actor))
    id_number = services.checked_violator(violator_type, violator_id_number)
    services.checked_organisation(violator_type, id_number, organisation)
    if timezone.is_naive(act_at):
        raise DomainError(_("Give the time of the act with its time zone."), field="act_at")
    if not violator_name.strip():
        raise DomainError(_("Give the name of the violator."), field="violator_name")
    if not place.strip():
        raise DomainError(_("Give the place of the act."), field="place")
    if not address.strip():
        raise DomainError(_("Give the address of the violator (form MQĐ01)."), field="address")
    detected_on = timezone.localdate(act_at)
    if act_ended_on is not None and act_ended_on > detected_on:
        raise DomainError(_("An act cannot end after it was detected."), field="act_ended_on")
    if unit_code:
        unit = services.unit_of_act(unit_code, services.judged_on_day(act_ended_on, detected_on))
    chosen = services.acts_from(acts)
    result = assess_without_record(
        violator_type=violator_type,
        act_at=act_at,
        act_ended_on=act_ended_on,
        decided_on=decided_on,
        signer_title=signer_title,
        acts=chosen,
        additional_sanctions=additional_sanctions,
        remedial_measures=remedial_measures,
        suspends=licence_id is not None,
        now=now,
    )
    if result.refusals:
        raise workflow.SanctionRefused(result.refusals, competent=result.competent)
    earlier = services.earlier_sanctions(
        violator_id_number=id_number, act_codes=[a.provision.act_code for a in chosen], on=decided_on
    )
    decision = SanctionDecision.objects.create(
        kind=SanctionDecision.Kind.WITHOUT_RECORD,
        act_at=act_at,
        act_ended_on=act_ended_on,
        place=place.strip(),
        unit=unit,
        address=address.strip(),
        organisation=organisation,
        violator_type=violator_type,
        violator_name=violator_name.strip(),
        violator_id_number=id_number,
        sector=chosen[0].provision.sector,
        decree=result.decree,
        decided_on=decided_on,
        signer_title=signer_title,
        total=sum(a.fine for a in chosen),
        more_lenient_note=" ".join(result.lenient),
        repeat_of=earlier,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    DecisionAct.objects.bulk_create(
        DecisionAct(
            decision=decision,
            provision=a.provision,
            fine=a.fine,
            mitigating=a.mitigating,
            aggravating=a.aggravating,
            is_repeat=any(e["act_code"] == a.provision.act_code and e["repeat"] for e in earlier),
        )
        for a in chosen
    )
    events.record(
        decision,
        "enforcement.decision.drafted_without_record",
        actor=actor,
        at=now,
        total=decision.total,
        repeat=len(earlier),
    )
    notifications.decision_drafted(decision, actor=actor, now=now)
    return decision


def organisation_of(actor: Any, violator_type: str, id_number: str) -> Any:
    """The organisation with this tax code among those the actor sees, so that it sees its own decision."""
    if violator_type != "organisation" or not id_number.strip():
        return None
    from ictmis.parties.public import organisations_for

    digits = "".join(ch for ch in id_number if ch.isdigit())
    tax_code = f"{digits[:10]}-{digits[10:]}" if len(digits) == 13 else digits
    return organisations_for(actor).filter(tax_code__in={tax_code, id_number.strip()}).first()
