"""Every write of training: plans, courses, enrolment, attendance, results, certificates, evaluations."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ictmis.core import events, records
from ictmis.core.errors import DomainError
from ictmis.parties.public import Person, find_or_create_person, validate_citizen_id
from ictmis.training import certificates, notifications, policies, workflow
from ictmis.training.models import (
    Attendance,
    Course,
    Enrolment,
    Evaluation,
    Result,
    Session,
    TrainingPlan,
)
from ictmis.training.workflow import TrainingRuleError

COURSE_FIELDS = ("code", "title", "topic", "target_group", "legal_basis", "starts_on", "ends_on", "place", "online",
                 "trainers", "min_attendance")  # fmt: skip


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


@transaction.atomic
def create_plan(*, year: int, title: str, actor: Any, now: dt.datetime) -> TrainingPlan:
    policies.ensure(policies.can_create_plan(actor))
    if TrainingPlan.objects.filter(year=year).exists():
        raise TrainingRuleError(_("A training plan for %(year)s already exists.") % {"year": year}, field="year")
    plan = TrainingPlan.objects.create(year=year, title=title, created_by=_user(actor), updated_by=_user(actor))
    events.record(plan, "training.plan.created", actor=actor, at=now, year=year)
    notifications.plan_submitted(plan, actor=actor, now=now)
    return plan


@transaction.atomic
def approve_plan(*, plan_id: int, actor: Any, now: dt.datetime) -> TrainingPlan:
    policies.ensure(policies.can_approve_plan(actor))
    plan = TrainingPlan.objects.select_for_update().get(pk=plan_id)
    if plan.approved:
        raise TrainingRuleError(_("This training plan is already approved."))
    plan.approved_by = _user(actor)
    plan.approved_on = timezone.localdate(now)
    plan.updated_by = _user(actor)
    plan.save(update_fields=["approved_by", "approved_on", "updated_by", "updated_at"])
    events.record(plan, "training.plan.approved", actor=actor, at=now)
    notifications.plan_approved(plan, actor=actor, now=now)
    return plan


@transaction.atomic
def create_course(*, plan: TrainingPlan, values: dict[str, Any], actor: Any, now: dt.datetime) -> Course:
    """A course of a year's plan with one session per day; it must start in the plan's year."""
    policies.ensure(policies.can_create_course(actor))
    starts_on, ends_on = values["starts_on"], values["ends_on"]
    days = workflow.session_days(starts_on, ends_on)
    if starts_on.year != plan.year:
        raise TrainingRuleError(
            _("A course of the %(year)s plan must start in %(year)s.") % {"year": plan.year}, field="starts_on"
        )
    if not values.get("online") and not str(values.get("place") or "").strip():
        raise TrainingRuleError(_("Give the place, or mark the course as online."), field="place")
    code = str(values["code"]).strip()
    if Course.objects.filter(code=code).exists():
        raise TrainingRuleError(_("Another course already has the code %(code)s.") % {"code": code}, field="code")
    course = Course(plan=plan, created_by=_user(actor), updated_by=_user(actor))
    for name in COURSE_FIELDS:
        if name in values and values[name] is not None:
            setattr(course, name, values[name])
    course.code = code
    course.save()
    Session.objects.bulk_create([Session(course=course, day=day) for day in days])
    events.record(course, "training.course.created", actor=actor, at=now, code=code, sessions=len(days))
    return course


EDITABLE = ("title", "legal_basis", "place", "online", "trainers", "min_attendance")


def update_course(
    *, course: Course, expected_version: int, changes: dict[str, Any], actor: Any, now: dt.datetime
) -> Course:
    """Edit what does not move the sessions (title, basis, place, trainers, attendance needed); refused when
    someone saved the course since the page was opened."""
    policies.ensure(policies.can_create_course(actor))
    changes = {k: v for k, v in changes.items() if k in EDITABLE}
    online = changes.get("online", course.online)
    if not online and not str(changes.get("place", course.place) or "").strip():
        raise TrainingRuleError(_("Give the place, or mark the course as online."), field="place")
    return records.update_record(
        course, actor=_user(actor), now=now, expected_version=expected_version, changes=changes,
        verb="training.course.changed",
    )  # fmt: skip


def check_participant(
    *, course: Course, full_name: str, birth_year: int | None, unit: Any, citizen_id: str = ""
) -> dict[str, str]:
    """The reasons a participant cannot be enrolled, by field (shared with the import's row checker)."""
    errors: dict[str, str] = {}
    if not full_name.strip():
        errors["full_name"] = _("Give the participant's full name.")
    if birth_year is not None and not 1930 <= birth_year <= course.starts_on.year - 15:
        errors["birth_year"] = _("The year of birth is not plausible.")
    if unit is not None and getattr(unit, "level", "commune") != "commune":
        errors["unit"] = _("Give a commune-level unit.")
    if citizen_id:
        try:
            validate_citizen_id(citizen_id, birth_year)
        except ValidationError as exc:
            errors["citizen_id"] = " ".join(exc.messages)
    return errors


def _already(name: str) -> TrainingRuleError:
    return TrainingRuleError(_("%(name)s is already enrolled in this course.") % {"name": name}, field="full_name")


@transaction.atomic
def enrol_participant(
    *,
    course: Course,
    actor: Any,
    now: dt.datetime,
    person: Person | None = None,
    full_name: str = "",
    birth_year: int | None = None,
    unit: Any = None,
    organisation: Any = None,
    position: str = "",
    phone: str = "",
    citizen_id: str = "",
) -> Enrolment:
    """Enrol a `parties` person: the one given, or the one the details name (by citizen ID when given, else by
    full name, year of birth and commune), recorded as a new person when there is none. The enrolment keeps the
    commune the person is trained for (the given one, else the person's)."""
    policies.ensure(policies.can_manage_course(actor))
    if person is None:
        full_name, citizen_id = " ".join(full_name.split()), citizen_id.strip()
        errors = check_participant(
            course=course, full_name=full_name, birth_year=birth_year, unit=unit, citizen_id=citizen_id
        )
        if errors:
            field, message = next(iter(errors.items()))
            raise TrainingRuleError(message, field=field)
        values = {"full_name": full_name, "birth_year": birth_year, "unit": unit, "organisation": organisation,
                  "position": position, "phone": phone, "citizen_id": citizen_id}  # fmt: skip
        person, _created = find_or_create_person(actor=actor, now=now, values=values)
    elif person.deleted_at is not None:
        raise TrainingRuleError(_("This person's record was deleted."), field="person")
    if unit is None:
        unit = person.unit
    if Enrolment.objects.filter(course=course, person=person).exists():
        raise _already(person.full_name)
    try:
        with transaction.atomic():
            enrolment = Enrolment.objects.create(
                course=course,
                person=person,
                unit=unit,
                unit_path=getattr(unit, "path", "") or "",
                evaluation_token=secrets.token_urlsafe(18),
                created_by=_user(actor),
                updated_by=_user(actor),
            )
    except IntegrityError:
        raise _already(person.full_name) from None
    events.record(enrolment, "training.participant.enrolled", actor=actor, at=now, course=course.code)
    return enrolment


@transaction.atomic
def mark_attendance(*, session: Session, present: set[int], actor: Any, now: dt.datetime) -> int:
    """The session's attendance sheet: every enrolment of the course, present or not. Returns how many were
    present."""
    policies.ensure(policies.can_manage_course(actor))
    enrolments = list(Enrolment.objects.filter(course_id=session.course_id).values_list("pk", flat=True))
    unknown = present - set(enrolments)
    if unknown:
        raise TrainingRuleError(_("Someone marked present is not enrolled in this course."), field="present")
    stored = {a.enrolment_id: a for a in Attendance.objects.filter(session=session)}
    changed, new = [], []
    for pk in enrolments:
        row = stored.get(pk)
        if row is None:
            new.append(Attendance(session=session, enrolment_id=pk, present=pk in present))
        elif row.present != (pk in present):
            row.present = pk in present
            changed.append(row)
    Attendance.objects.bulk_create(new)
    Attendance.objects.bulk_update(changed, ["present"])
    events.record(session.course, "training.attendance.marked", actor=actor, at=now, day=session.day,
                  present=len(present))  # fmt: skip
    return len(present)


@transaction.atomic
def record_result(*, enrolment_id: int, result: str, actor: Any, now: dt.datetime) -> Enrolment:
    policies.ensure(policies.can_manage_course(actor))
    enrolment = Enrolment.objects.select_for_update(of=("self",)).select_related("course").get(pk=enrolment_id)
    if result not in Result.values:
        raise TrainingRuleError(_("Choose a valid result."), field="result")
    if enrolment.certificate_id is not None:
        raise TrainingRuleError(_("A certificate was issued: the result can no longer change."), field="result")
    if result == Result.PASSED:
        sessions = enrolment.course.sessions.count()
        attended = enrolment.attendances.filter(present=True).count()
        if not workflow.may_pass(attended=attended, sessions=sessions, min_attendance=enrolment.course.min_attendance):
            raise TrainingRuleError(
                _("Attended %(attended)s of %(sessions)s sessions: below the %(min)s%% needed to pass.")
                % {"attended": attended, "sessions": sessions, "min": enrolment.course.min_attendance},
                field="result",
            )
    enrolment.result = result
    enrolment.updated_by = _user(actor)
    enrolment.save(update_fields=["result", "updated_by", "updated_at"])
    events.record(enrolment, "training.result.recorded", actor=actor, at=now, result=result)
    return enrolment


@transaction.atomic
def issue_certificate(*, enrolment_id: int, actor: Any, now: dt.datetime) -> Enrolment:
    """A numbered certificate (DOCX) with a verification code the public portal checks; only for a
    participant who passed a course of an approved plan, once."""
    policies.ensure(policies.can_issue_certificate(actor))
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("course__plan__approved_by", "course__legal_basis", "person", "unit")
        .get(pk=enrolment_id)
    )
    if enrolment.certificate_id is not None:
        raise TrainingRuleError(_("A certificate was already issued to this participant."), field="certificate")
    if not enrolment.course.plan.approved:
        raise TrainingRuleError(
            _("The %(year)s training plan is not approved yet.") % {"year": enrolment.course.plan.year},
            field="certificate",
        )
    if enrolment.result != Result.PASSED:
        raise TrainingRuleError(_("Only a participant who passed receives a certificate."), field="result")
    code = workflow.new_code()
    while Enrolment.objects.filter(certificate_code=code).exists():
        code = workflow.new_code()
    document = certificates.issue(enrolment, code=code, actor=actor, now=now)
    enrolment.certificate = document
    enrolment.certificate_number = document.number
    enrolment.certificate_code = code
    enrolment.certificate_issued_on = document.issued_on
    enrolment.updated_by = _user(actor)
    enrolment.save(
        update_fields=["certificate", "certificate_number", "certificate_code", "certificate_issued_on",
                       "updated_by", "updated_at"]
    )  # fmt: skip
    events.record(enrolment, "training.certificate.issued", actor=actor, at=now, number=document.number)
    return enrolment


@transaction.atomic
def submit_evaluation(*, token: str, rating: int, comment: str, now: dt.datetime) -> Evaluation:
    """A participant's evaluation through their link, once; the link is the only credential."""
    enrolment = Enrolment.objects.select_for_update().filter(evaluation_token=token).first()
    if enrolment is None:
        raise DomainError(_("This evaluation link is not valid."))
    if not 1 <= rating <= 5:
        raise TrainingRuleError(_("Give a rating from 1 to 5."), field="rating")
    if Evaluation.objects.filter(enrolment=enrolment).exists():
        raise TrainingRuleError(_("You have already evaluated this course. Thank you."), field="rating")
    evaluation = Evaluation.objects.create(enrolment=enrolment, rating=rating, comment=comment.strip(),
                                           submitted_at=now)  # fmt: skip
    events.record(enrolment, "training.evaluation.submitted", actor=None, at=now, rating=rating)
    return evaluation
