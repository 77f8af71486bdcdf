"""Every write of licensing: cases through their steps, files, fees, licences. One function per act."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from ictmis.core import events, records
from ictmis.core.errors import DomainError
from ictmis.core.formatting import MAX_AMOUNT
from ictmis.core.public import working_calendar
from ictmis.licensing import families, letters, notifications, policies, uploads, workflow
from ictmis.licensing.models import Action, Case, CaseFile, Licence, LicenceChange, Payment, Procedure, RuleVersion

APOLOGY_EXTRA_DAYS = 5


@dataclass(frozen=True)
class Upload:
    label: str
    data: bytes
    filename: str


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _today(now: dt.datetime) -> dt.date:
    return timezone.localdate(now)


def rule_in_force(procedure: Procedure, on: dt.date) -> RuleVersion:
    rules = list(RuleVersion.objects.in_force(on=on).filter(procedure=procedure).select_related("legal_basis")[:2])
    if not rules:
        raise DomainError(
            _("No rule of this procedure is in force on %(day)s.") % {"day": on.strftime("%d/%m/%Y")},
            field="received_on",
        )
    if len(rules) > 1:
        raise DomainError(
            _("Two rule versions of this procedure are in force on %(day)s: an administrator must correct them.")
            % {"day": on.strftime("%d/%m/%Y")}
        )
    return rules[0]


def _start_clock(case: Case, complete_on: dt.date) -> None:
    """A complete dossier: the rule in force that day applies, and the time limit counts afresh."""
    rule = rule_in_force(case.procedure, complete_on)
    case.rule = rule
    case.complete_on = complete_on
    family = families.get(case.procedure.family)
    due = family.due_date(case.particulars, complete_on) if family.due_date is not None else None
    case.due_on = due or workflow.due_date(working_calendar(), complete_on, rule.time_limit_days)
    case.appointment_on = case.due_on
    if case.fee_assessed is None:
        case.fee_assessed = rule.fee


def _clean_particulars(
    procedure: Procedure, particulars: dict[str, Any], licence: Licence | None, today: dt.date, applicant_id: int
) -> dict[str, Any]:
    family = families.get(procedure.family)
    if procedure.action == Action.NEW:
        # a family whose procedures split its cases, or whose records belong to someone, learns which and whose
        return family.clean({**particulars, "_procedure": procedure.code, "_applicant": applicant_id}, None, today)
    if licence is None:
        raise DomainError(_("Name the licence this case acts on."), field="licence")
    if licence.family != procedure.family:
        raise DomainError(_("The licence is not of the kind this procedure handles."), field="licence")
    usable = (
        {Licence.Status.ACTIVE}
        if procedure.action in (Action.AMEND, Action.RENEW)
        else {Licence.Status.ACTIVE, Licence.Status.SUSPENDED}
    )
    if licence.status_on(today) not in usable:
        raise DomainError(
            _("Licence %(number)s is %(status)s: this procedure cannot act on it.")
            % {"number": licence.number, "status": Licence.Status(licence.status_on(today)).label},
            field="licence",
        )
    if procedure.action == Action.AMEND:
        return family.clean({**licence.particulars, **particulars}, licence, today)
    years = particulars.get("years")
    return {**licence.particulars, **({"years": years} if years else {})}


def _check_checklist(rule_docs: list[str], checklist: list[bool] | None) -> list[bool]:
    if checklist is None:
        return [True] * len(rule_docs)
    if len(checklist) != len(rule_docs):
        raise DomainError(_("The checklist must have one answer per required document."), field="checklist")
    return [bool(x) for x in checklist]


@transaction.atomic
def open_case(
    *,
    procedure_code: str,
    applicant: Any,
    particulars: dict[str, Any],
    actor: Any,
    now: dt.datetime,
    channel: str = Case.Channel.COUNTER,
    received_on: dt.date | None = None,
    checklist: list[bool] | None = None,
    licence: Licence | None = None,
    files: Sequence[Upload] = (),
) -> Case:
    """A dossier arrives: online (waits to be received) or recorded at the counter, possibly after the fact."""
    policies.ensure(
        policies.can_apply_for(actor, applicant), _("You may apply only for your own organisation."), field="applicant"
    )
    if channel != Case.Channel.ONLINE or received_on is not None:
        policies.ensure(policies.can_enter_at_counter(actor), _("Only a specialist records dossiers at the counter."))
    procedure = Procedure.objects.filter(code=procedure_code).first()
    if procedure is None:
        raise DomainError(_("No such procedure: %(code)s.") % {"code": procedure_code}, field="procedure")
    today = _today(now)
    if received_on is not None and received_on > today:
        raise DomainError(_("The date of receipt cannot be in the future."), field="received_on")
    if licence is not None and licence.holder_id != applicant.pk:
        raise DomainError(_("The licence belongs to another organisation."), field="licence")
    for upload in files:  # every file checked before anything is written
        uploads.check(upload.data, upload.filename)
    cleaned = _clean_particulars(procedure, particulars, licence, today, applicant.pk)
    if procedure.action == Action.RENEW and licence is not None:
        _check_renewal(licence, received_on or today)
    case = Case(
        code=f"tmp-{uuid.uuid4().hex[:24]}",  # replaced by year-number once the row has its id
        procedure=procedure,
        applicant=applicant,
        channel=channel,
        particulars=cleaned,
        licence=licence,
        subject=families.get(procedure.family).subject(cleaned),
        created_by=_user(actor),
        updated_by=_user(actor),
    )
    if channel == Case.Channel.ONLINE and received_on is None:
        case.status = Case.Status.SUBMITTED
        case.submitted_at = now
    else:
        _receive(case, received_on or today, checklist)
        case.back_entered = case.received_on is not None and case.received_on < today
    case.save()
    case.code = f"{today.year}-{case.pk:06d}"
    case.save(update_fields=["code", "search_text"])
    for upload in files:
        _store_file(case, upload, actor, now)
    events.record(
        case,
        "licensing.case.opened",
        actor=actor,
        at=now,
        channel=channel,
        back_entered=case.back_entered,
        received_on=case.received_on,
    )
    if case.status == Case.Status.RECEIVED:
        letters.receipt_slip(case, actor=actor, now=now)
    notifications.case_opened(case, actor=actor, now=now)
    return case


def _receive(case: Case, on: dt.date, checklist: list[bool] | None) -> None:
    rule = rule_in_force(case.procedure, on)
    case.status = Case.Status.RECEIVED
    case.received_on = on
    case.checklist = _check_checklist(rule.required_documents, checklist)
    if all(case.checklist):
        _start_clock(case, on)
    else:
        case.rule = rule


def _check_renewal(licence: Licence, asked_on: dt.date) -> None:
    rule = (
        RuleVersion.objects.in_force(on=asked_on)
        .filter(procedure__family=licence.family, procedure__action=Action.RENEW)
        .first()
    )
    if rule is None:
        return
    if rule.max_renewals is not None and licence.renewals >= rule.max_renewals:
        raise DomainError(
            _("This licence has already been renewed %(n)s times, the most allowed (%(basis)s).")
            % {"n": licence.renewals, "basis": f"{rule.article}, {rule.legal_basis.number}"},
            field="licence",
        )
    if rule.renewal_notice_days and (licence.valid_until - asked_on).days < rule.renewal_notice_days:
        raise DomainError(
            _("A renewal must be asked at least %(days)s days before the licence expires (%(basis)s).")
            % {"days": rule.renewal_notice_days, "basis": f"{rule.article}, {rule.legal_basis.number}"},
            field="licence",
        )


def _store_file(case: Case, upload: Upload, actor: Any, now: dt.datetime) -> CaseFile:
    kind = uploads.check(upload.data, upload.filename)
    item = CaseFile(
        case=case,
        label=upload.label[:300],
        original_name=upload.filename[:255],
        kind=kind,
        size=len(upload.data),
        uploaded_at=now,
        uploaded_by=_user(actor),
    )
    item.file.save(f"{case.pk}-{upload.filename[-80:]}", ContentFile(upload.data), save=False)
    item.save()
    return item


@transaction.atomic
def add_file(*, case: Case, upload: Upload, actor: Any, now: dt.datetime) -> CaseFile:
    """A document into the dossier, from whom `policies.can_upload` allows, in the state it is in now."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not case.is_open:
        raise DomainError(_("The case is finished; its dossier can no longer change."))
    policies.ensure(
        policies.can_upload(actor, case),
        _("Only the applicant, while its documents are awaited, or the specialists processing the case may add files."),
    )
    if not upload.label.strip() or not upload.data:
        raise DomainError(_("Choose the document and the file."), field="file")
    item = _store_file(case, upload, actor, now)
    events.record(case, "licensing.case.file_added", actor=actor, at=now, label=item.label, name=item.original_name)
    notifications.file_added(case, actor=actor, now=now)
    return item


def paid(case: Case) -> int:
    return int(case.payments.aggregate(total=Sum("amount"))["total"] or 0)


@transaction.atomic
def assess_fee(*, case: Case, amount: int, reason: str, actor: Any, now: dt.datetime) -> Case:
    current = Case.objects.select_for_update().get(pk=case.pk)
    policies.ensure(policies.can_assess_fee(actor, current))
    if amount < 0:
        raise DomainError(_("The fee cannot be negative."), field="amount")
    if amount > MAX_AMOUNT:
        raise DomainError(_("The amount is too large."), field="amount")
    rule_fee = current.rule.fee if current.rule else 0
    if amount != rule_fee and not reason.strip():
        raise DomainError(
            _("The amount differs from the rule's fee (%(fee)s đồng): give the reason.")
            % {"fee": f"{rule_fee:,}".replace(",", ".")},
            field="reason",
        )
    current.fee_assessed, current.fee_reason = amount, reason.strip()
    current.version += 1
    current.save()
    events.record(current, "licensing.case.fee_assessed", actor=actor, at=now, amount=amount, reason=reason)
    return current


@transaction.atomic
def record_payment(
    *, case: Case, amount: int, paid_on: dt.date, channel: str, receipt_number: str, actor: Any, now: dt.datetime
) -> Payment:
    policies.ensure(policies.can_record_payment(actor, case))
    if amount <= 0:
        raise DomainError(_("The amount paid must be positive."), field="amount")
    if amount > MAX_AMOUNT:
        raise DomainError(_("The amount is too large."), field="amount")
    if channel not in Payment.Channel.values:
        raise DomainError(_("Choose how the fee was paid."), field="channel")
    if not receipt_number.strip():
        raise DomainError(_("Give the receipt number."), field="receipt_number")
    if paid_on > _today(now):
        raise DomainError(_("The payment date cannot be in the future."), field="paid_on")
    payment = Payment.objects.create(
        case=case,
        amount=amount,
        paid_on=paid_on,
        channel=channel,
        receipt_number=receipt_number.strip(),
        recorded_at=now,
        recorded_by=_user(actor),
    )
    events.record(case, "licensing.case.fee_paid", actor=actor, at=now, amount=amount, receipt=receipt_number)
    return payment


@transaction.atomic
def act(
    *,
    case: Case,
    action: str,
    actor: Any,
    now: dt.datetime,
    note: str = "",
    on: dt.date | None = None,
    checklist: list[bool] | None = None,
    expected_version: int | None = None,
) -> Case:
    """One step of the case; `ensure_allowed` names the possible steps when this one is out of order."""
    current = (
        records.lock_version(case, expected_version)
        if expected_version is not None
        else (Case.objects.select_for_update().get(pk=case.pk))
    )
    step = workflow.ensure_allowed(current.status, action)
    policies.ensure(policies.can_act(actor, current, action))
    family = families.get(current.procedure.family)
    if family.before_step is not None:
        family.before_step(current, action, actor)
    today = _today(now)
    day = on or today
    if day > today:
        raise DomainError(_("The date cannot be in the future."), field="on")
    if day < (current.received_on or workflow.EARLIEST_DAY):
        raise DomainError(
            _("The date cannot be before %(day)s, when the case was received.")
            % {"day": (current.received_on or workflow.EARLIEST_DAY).strftime("%d/%m/%Y")},
            field="on",
        )
    handler = _HANDLERS.get(action)
    if handler is not None:
        handler(current, note=note, day=day, checklist=checklist, actor=actor, now=now)
    current.status = step.target
    current.version += 1
    current.updated_by = _user(actor)
    current.save()
    events.record(current, f"licensing.case.{action}", actor=actor, at=now, note=note, on=day)
    notifications.case_step(current, action, actor=actor, now=now)
    return current


def _assignment_refusal(actor: Any, case: Case, assignee: Any | None) -> str:
    if not case.is_open:
        return _("Case %(code)s is finished: it can no longer be assigned.") % {"code": case.code}
    if assignee is None:
        return _("You may not take case %(code)s back from its assignee.") % {"code": case.code}
    return _("You may not assign case %(code)s to %(name)s.") % {"code": case.code, "name": assignee}


@transaction.atomic
def assign_cases(*, cases: Sequence[Case], assignee: Any | None, actor: Any, now: dt.datetime) -> list[Case]:
    """Hand cases to a specialist (or take them back with `assignee=None`), all or none: a case the actor may
    not assign refuses the whole action with its code, before anything is written."""
    if assignee is not None and not policies.may_hold_cases(assignee):
        raise DomainError(
            _("%(name)s does not process cases: choose a specialist.") % {"name": assignee}, field="assignee"
        )
    locked = list(Case.objects.select_for_update().filter(pk__in=[case.pk for case in cases]).order_by("pk"))
    for current in locked:
        policies.ensure(policies.can_assign(actor, current, assignee), _assignment_refusal(actor, current, assignee))
    target = assignee.pk if assignee is not None else None
    for current in locked:
        if current.assignee_id == target:
            continue
        previous = str(current.assignee) if current.assignee_id else ""
        current.assignee = assignee
        current.version += 1
        current.updated_by = _user(actor)
        current.save()
        events.record(
            current,
            "licensing.case.assigned",
            actor=actor,
            at=now,
            assignee=str(assignee) if assignee is not None else "",
            previous=previous,
        )
        notifications.case_assigned(current, actor=actor, now=now)
    return locked


@transaction.atomic
def assign_case(
    *, case: Case, assignee: Any | None, actor: Any, now: dt.datetime, expected_version: int | None = None
) -> Case:
    """Assign one case (from its page or the API); a page older than the case's last change is refused."""
    if expected_version is not None:
        records.lock_version(case, expected_version)
    return assign_cases(cases=[case], assignee=assignee, actor=actor, now=now)[0]


def _needs(note: str, message: str, field: str = "note") -> None:
    if not note.strip():
        raise DomainError(message, field=field)


def _receive_online(
    case: Case, *, day: dt.date, checklist: list[bool] | None, actor: Any, now: dt.datetime, **rest: Any
) -> None:
    _receive(case, day, checklist)
    letters.receipt_slip(case, actor=actor, now=now)


def _request_supplement(case: Case, *, note: str, actor: Any, now: dt.datetime, **rest: Any) -> None:
    _needs(note, _("Say which documents must be supplemented or corrected."))
    case.supplement_note = note.strip()
    case.complete_on = None
    case.due_on = None
    case.appointment_on = None
    letters.supplement_request(case, actor=actor, now=now)


def _receive_supplement(
    case: Case, *, day: dt.date, checklist: list[bool] | None, actor: Any, now: dt.datetime, **rest: Any
) -> None:
    rule = rule_in_force(case.procedure, day)
    if checklist is not None:
        case.checklist = _check_checklist(rule.required_documents, checklist)
    else:
        case.checklist = [True] * len(rule.required_documents)
    if not case.fee_reason:  # a fee set with a reason stays; otherwise the new rule's fee applies
        case.fee_assessed = None
    if not all(case.checklist):
        raise DomainError(
            _("The dossier is still incomplete: tick every required document present."), field="checklist"
        )
    _start_clock(case, day)
    letters.receipt_slip(case, actor=actor, now=now)


def _start_appraisal(case: Case, **rest: Any) -> None:
    if case.complete_on is None or not all(case.checklist):
        raise DomainError(
            _("The dossier is incomplete: request a supplement before it can go to appraisal."), field="checklist"
        )


def _propose(case: Case, *, note: str, **rest: Any) -> None:
    _needs(note, _("Write the proposal for the leader."))
    case.proposal = note.strip()


def _grant(case: Case, *, note: str, now: dt.datetime, **rest: Any) -> None:
    due = case.fee_assessed if case.fee_assessed is not None else (case.rule.fee if case.rule else 0)
    if due and paid(case) < due:
        raise DomainError(
            _("The fee of %(fee)s đồng is not paid in full: the case cannot be granted yet.")
            % {"fee": f"{due:,}".replace(",", ".")}
        )
    case.particulars = _clean_particulars(
        case.procedure, case.particulars, case.licence, _today(now), case.applicant_id
    )
    case.decision_note = note.strip()


def _refuse(case: Case, *, note: str, actor: Any, now: dt.datetime, **rest: Any) -> None:
    _needs(note, _("A refusal must give its reasons."))
    case.decision_note = note.strip()
    letters.refusal(case, actor=actor, now=now)


def _issue(case: Case, *, day: dt.date, actor: Any, now: dt.datetime, **rest: Any) -> None:
    case.finished_on = day
    if case.status == Case.Status.GRANTED:
        # what was true at the decision may not be now (another case took the domain, the licence was revoked)
        licence_now = Licence.objects.select_for_update().get(pk=case.licence_id) if case.licence_id else None
        case.particulars = _clean_particulars(
            case.procedure, case.particulars, licence_now, _today(now), case.applicant_id
        )
        licence = _apply_to_licence(case, day, actor, now)
        case.licence = licence
        letters.licence(case, licence, actor=actor, now=now)


_HANDLERS: dict[str, Callable[..., None]] = {
    "receive": _receive_online,
    "request_supplement": _request_supplement,
    "receive_supplement": _receive_supplement,
    "start_appraisal": _start_appraisal,
    "propose": _propose,
    "grant": _grant,
    "refuse": _refuse,
    "issue": _issue,
}


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _apply_to_licence(case: Case, day: dt.date, actor: Any, now: dt.datetime) -> Licence:
    family = families.get(case.procedure.family)
    rule = case.rule
    action = case.procedure.action
    if action == Action.NEW:
        years = int(case.particulars.get("years") or (rule.licence_years if rule else 0) or 10)
        if rule and rule.licence_years and years > rule.licence_years:
            years = rule.licence_years
        number = letters.reserve_licence_number(day, family.number_kind)
        while Licence.objects.filter(number=number, year=day.year).exists():  # taken by a paper-era licence
            number = letters.reserve_licence_number(day, family.number_kind)
        licence = Licence(
            number=number,
            year=day.year,
            family=family.key,
            holder=case.applicant,
            subject=case.subject,
            valid_from=day,
            valid_until=_add_years(day, years) - dt.timedelta(days=1),
            particulars=case.particulars,
            issued_by_case=case,
            created_by=_user(actor),
            updated_by=_user(actor),
        )
        licence.save()
        _change(licence, LicenceChange.Kind.ISSUED, case, day, {}, licence.particulars)
    else:
        licence = Licence.objects.select_for_update().get(pk=case.licence_id or 0)
        before = {"particulars": licence.particulars, "valid_until": licence.valid_until.isoformat()}
        if action == Action.AMEND:
            licence.particulars = case.particulars
            licence.subject = case.subject
            kind = LicenceChange.Kind.AMENDED
        elif action == Action.RENEW:
            _check_renewal(licence, case.received_on or day)
            years = min(int(case.particulars.get("years") or 2), (rule.renewal_years if rule else None) or 2)
            licence.valid_until = _add_years(licence.valid_until, years)
            licence.renewals += 1
            licence.reminded = []
            kind = LicenceChange.Kind.RENEWED
        else:
            kind = LicenceChange.Kind.REISSUED
        licence.version += 1
        licence.updated_by = _user(actor)
        licence.save()
        after = {"particulars": licence.particulars, "valid_until": licence.valid_until.isoformat()}
        _change(licence, kind, case, day, before, after)
    family.on_change(licence)
    events.record(licence, f"licensing.licence.{action}", actor=actor, at=now, case=case.code)
    return licence


def _change(
    licence: Licence,
    kind: str,
    case: Case | None,
    day: dt.date,
    before: dict[str, Any],
    after: dict[str, Any],
    decision: str = "",
    note: str = "",
) -> None:
    LicenceChange.objects.create(
        licence=licence, kind=kind, case=case, on=day, before=before, after=after, decision=decision, note=note
    )


@transaction.atomic
def set_licence_status(
    *, licence: Licence, status: str, decision: str, reason: str, on: dt.date, actor: Any, now: dt.datetime
) -> Licence:
    """Suspend, reinstate or revoke, each with the decision that did it."""
    policies.ensure(policies.can_change_licence_status(actor))
    current = Licence.objects.select_for_update().get(pk=licence.pk)
    allowed: dict[str, set[str]] = {
        Licence.Status.SUSPENDED: {Licence.Status.ACTIVE},
        Licence.Status.ACTIVE: {Licence.Status.SUSPENDED},
        Licence.Status.REVOKED: {Licence.Status.ACTIVE, Licence.Status.SUSPENDED},
    }
    if status not in allowed or current.status not in allowed[status]:
        raise DomainError(_("This change of status is not possible for the licence now."))
    if not decision.strip():
        raise DomainError(_("Give the number and date of the decision."), field="decision")
    if not reason.strip():
        raise DomainError(_("Give the reason."), field="reason")
    kinds: dict[str, str] = {
        Licence.Status.SUSPENDED: LicenceChange.Kind.SUSPENDED,
        Licence.Status.ACTIVE: LicenceChange.Kind.REINSTATED,
        Licence.Status.REVOKED: LicenceChange.Kind.REVOKED,
    }
    kind = kinds[status]
    before = current.status
    current.status = status
    current.version += 1
    current.updated_by = _user(actor)
    current.save()
    _change(current, kind, None, on, {"status": before}, {"status": status}, decision.strip(), reason.strip())
    families.get(current.family).on_change(current)
    events.record(current, f"licensing.licence.{kind}", actor=actor, at=now, decision=decision, reason=reason)
    return current


@transaction.atomic
def expire_licences(*, now: dt.datetime) -> int:
    today = _today(now)
    expired = 0
    for licence in Licence.objects.select_for_update().filter(
        status__in=[Licence.Status.ACTIVE, Licence.Status.SUSPENDED], valid_until__lt=today
    ):
        licence.status = Licence.Status.EXPIRED
        licence.save(update_fields=["status", "updated_at", "search_text"])
        _change(licence, LicenceChange.Kind.EXPIRED, None, licence.valid_until + dt.timedelta(days=1), {}, {})
        families.get(licence.family).on_change(licence)
        events.record(licence, "licensing.licence.expired", actor=None, at=now)
        expired += 1
    return expired


REMINDER_DAYS = (60, 30)


@transaction.atomic
def send_expiry_reminders(*, now: dt.datetime) -> int:
    """Notify the holder and the specialists 60 and 30 days before expiry, each threshold once."""
    today = _today(now)
    sent = 0
    for licence in Licence.objects.expiring(on=today, within_days=max(REMINDER_DAYS)).select_related("holder"):
        days_left = (licence.valid_until - today).days
        threshold = min(d for d in REMINDER_DAYS if days_left <= d)
        if threshold in licence.reminded:  # sent before the notifications existed, or by an earlier run
            continue
        if not notifications.licence_expiring(licence, days_left=days_left, threshold=threshold, now=now):
            continue  # this threshold was already sent for this licence and expiry date
        licence.reminded = sorted({*licence.reminded, threshold})
        licence.save(update_fields=["reminded"])
        events.record(licence, "licensing.licence.reminded", actor=None, at=now, days_left=days_left)
        sent += 1
    return sent


@transaction.atomic
def apologise_for_delay(*, case: Case, new_date: dt.date | None, actor: Any, now: dt.datetime) -> Case:
    """A late case: an apology letter with a new appointment date, drafted for signature."""
    current = Case.objects.select_for_update().get(pk=case.pk)
    policies.ensure(policies.can_write_apology(actor, current))
    today = _today(now)
    if not current.is_open or current.due_on is None or today <= current.due_on:
        raise DomainError(_("Only an open case past its due date needs an apology letter."))
    new_date = new_date or working_calendar().add_working_days(today, APOLOGY_EXTRA_DAYS)
    if new_date <= today:
        raise DomainError(_("The new appointment must be after today."), field="new_date")
    current.appointment_on = new_date
    current.late_apology_sent = True
    current.version += 1
    current.save()
    letters.apology(current, actor=actor, now=now)
    events.record(current, "licensing.case.apology", actor=actor, at=now, new_date=new_date)
    return current


def apologise_for_late_cases(*, now: dt.datetime) -> int:
    """The daily run: every open case that became late and has no apology yet gets one drafted."""
    from ictmis.core.access import SYSTEM

    today = _today(now)
    late = Case.objects.filter(due_on__lt=today, late_apology_sent=False, finished_on__isnull=True).exclude(
        status__in=[Case.Status.SUPPLEMENT, Case.Status.WITHDRAWN, Case.Status.CLOSED, Case.Status.ISSUED]
    )
    count = 0
    for case in late:
        apologise_for_delay(case=case, new_date=None, actor=SYSTEM, now=now)
        count += 1
    return count


def run_daily(*, now: dt.datetime) -> dict[str, int]:
    """What `ictmis licensing_daily` does: expiry, reminders, apology letters for late cases."""
    return {
        "expired": expire_licences(now=now),
        "reminders": send_expiry_reminders(now=now),
        "apologies": apologise_for_late_cases(now=now),
    }


@transaction.atomic
def record_existing_licence(
    *,
    family_key: str,
    number: str,
    holder: Any,
    valid_from: dt.date,
    valid_until: dt.date,
    particulars: dict[str, Any],
    actor: Any,
    now: dt.datetime,
) -> Licence:
    """Enter a licence issued on paper before the system (the register's back-catalogue), checked as a new one."""
    policies.ensure(policies.can_record_licence(actor))
    if valid_until < valid_from:
        raise DomainError(_("The licence cannot expire before it starts."), field="valid_until")
    number = number.strip()
    if not number:
        raise DomainError(_("Give the licence number."), field="number")
    if Licence.objects.filter(number=number, year=valid_from.year).exists():
        raise DomainError(
            _("Licence %(number)s of %(year)s is already in the register.")
            % {"number": number, "year": valid_from.year},
            field="number",
        )
    family = families.get(family_key)
    cleaned = family.clean(particulars, None, _today(now))
    licence = Licence.objects.create(
        number=number,
        year=valid_from.year,
        family=family.key,
        holder=holder,
        subject=family.subject(cleaned),
        valid_from=valid_from,
        valid_until=valid_until,
        particulars=cleaned,
        created_by=_user(actor),
        updated_by=_user(actor),
    )
    _change(
        licence, LicenceChange.Kind.ISSUED, None, valid_from, {}, cleaned, note=_("entered from the paper register")
    )
    if licence.status_on(_today(now)) == Licence.Status.EXPIRED:
        licence.status = Licence.Status.EXPIRED
        licence.save(update_fields=["status", "search_text"])
    family.on_change(licence)
    events.record(licence, "licensing.licence.recorded", actor=actor, at=now)
    return licence
