"""Training API: courses, enrolling participants, coverage by commune, and the public certificate check."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from ictmis.core.api_support import Authorised, Pagination
from ictmis.core.errors import DomainError
from ictmis.legal.public import LegalDocument
from ictmis.parties.public import persons_for
from ictmis.training import policies, selectors, services
from ictmis.training.models import Course, TrainingPlan
from ictmis.units.public import AdministrativeUnit

router = Router(tags=["training"])
TopicCode = Literal[
    "grassroots_information", "radio_operation", "digital_transformation", "information_security",
    "postal_services", "other",
]  # fmt: skip
TopicOrEvery = Literal[
    "", "grassroots_information", "radio_operation", "digital_transformation", "information_security",
    "postal_services", "other",
]  # fmt: skip
GroupCode = Literal["commune_officers", "radio_staff", "post_office_staff", "department_staff"]


class CourseIn(Schema):
    year: int = Field(ge=2000, le=2100, description="the year of the approved or draft training plan")
    code: str = Field(min_length=1, max_length=40, pattern=r"^[-a-zA-Z0-9_]+$")
    title: str = Field(min_length=1, max_length=255)
    topic: TopicCode
    target_group: GroupCode
    legal_basis: str = Field("", max_length=40, description="number of a legal document, e.g. 171/2025/NĐ-CP")
    starts_on: dt.date
    ends_on: dt.date
    place: str = Field("", max_length=255)
    online: bool = False
    trainers: str = Field("", max_length=255)
    min_attendance: int = Field(80, ge=0, le=100)


class CourseOut(Schema):
    id: int
    code: str
    title: str
    year: int
    plan_approved: bool
    topic: str
    target_group: str
    legal_basis: str | None
    starts_on: dt.date
    ends_on: dt.date
    place: str
    online: bool
    trainers: str
    participants: int
    passed: int


class ParticipantIn(Schema):
    """Either `person` (the id of a person the caller may see) or the person's details, which name an existing
    person (by citizen ID when given, else by full name, year of birth and commune) or record a new one."""

    person: int | None = Field(None, ge=1, description="id of a person (GET /api/v1/persons)")
    full_name: str = Field("", max_length=120)
    birth_year: int | None = Field(None, ge=1900, le=2100)
    citizen_id: str = Field("", max_length=12, description="12 digits")
    position: str = Field("", max_length=120)
    unit: str = Field("", max_length=10, description="code of the commune-level unit (default: the person's)")
    phone: str = Field("", max_length=20)


class ParticipantOut(Schema):
    id: int
    course: str
    person: int
    full_name: str
    birth_year: int | None
    unit: str | None
    result: str


class CoverageFilters(Schema):
    topic: TopicOrEvery = ""
    years: int = Field(5, ge=1, le=20)


class CoverageOut(Schema):
    commune: str
    name: str
    trained: int
    courses: int
    last_course_ended_on: dt.date
    topics: list[str]


class VerificationOut(Schema):
    valid: bool
    number: str
    issued_on: dt.date
    holder: str
    course: str


def _course_out(course: Course) -> dict[str, Any]:
    return {
        "id": course.pk, "code": course.code, "title": course.title, "year": course.plan.year,
        "plan_approved": course.plan.approved, "topic": course.topic, "target_group": course.target_group,
        "legal_basis": course.legal_basis.number if course.legal_basis else None, "starts_on": course.starts_on,
        "ends_on": course.ends_on, "place": course.place, "online": course.online, "trainers": course.trainers,
        "participants": getattr(course, "participant_count", 0), "passed": getattr(course, "passed_count", 0),
    }  # fmt: skip


@router.get("/courses", response=list[CourseOut], auth=Authorised(policies.VIEW), operation_id="training_list_courses")
@paginate(Pagination)
def list_courses(request: HttpRequest, year: int | None = Query(None, ge=2000, le=2100)) -> Any:
    qs = selectors.courses_for(request.user).order_by("-starts_on", "code")
    if year is not None:
        qs = qs.filter(plan__year=year)
    return [_course_out(c) for c in qs]


@router.post(
    "/courses", response={201: CourseOut}, auth=Authorised(policies.CREATE), operation_id="training_create_course"
)
def create_course(request: HttpRequest, payload: CourseIn) -> Any:
    plan = TrainingPlan.objects.filter(year=payload.year).first()
    if plan is None:
        raise DomainError(_("There is no training plan for %(year)s.") % {"year": payload.year}, field="year")
    values = payload.model_dump(exclude={"year", "legal_basis"})
    if payload.legal_basis:
        basis = LegalDocument.objects.filter(number=payload.legal_basis).first()
        if basis is None:
            raise DomainError(_("No legal document has the number %(n)s.") % {"n": payload.legal_basis},
                              field="legal_basis")  # fmt: skip
        values["legal_basis"] = basis
    course = services.create_course(plan=plan, values=values, actor=request.user, now=timezone.now())
    return Status(201, _course_out(get_object_or_404(selectors.courses_for(request.user), pk=course.pk)))


@router.post(
    "/courses/{course_id}/participants",
    response={201: ParticipantOut},
    auth=Authorised(policies.MANAGE),
    operation_id="training_enrol_participant",
)
def enrol_participant(request: HttpRequest, course_id: int, payload: ParticipantIn) -> Any:
    course = get_object_or_404(selectors.courses_for(request.user), pk=course_id)
    unit = None
    if payload.unit.strip():
        units = AdministrativeUnit.objects.filter(code=payload.unit.strip(), level="commune")
        unit = units.valid_on(course.starts_on).first() or units.order_by("-valid_from").first()
        if unit is None:
            raise DomainError(_("No commune has the code “%(value)s”.") % {"value": payload.unit}, field="unit")
    details = payload.model_dump(exclude={"person", "unit"})
    if payload.person is not None:
        person = persons_for(request.user).filter(pk=payload.person).first()
        if person is None:
            raise DomainError(_("No person has this id."), field="person")
        enrolment = services.enrol_participant(course=course, actor=request.user, now=timezone.now(), person=person,
                                               unit=unit)  # fmt: skip
    elif not payload.full_name.strip():
        raise DomainError(_("Give the participant's full name."), field="full_name")
    elif unit is None:
        raise DomainError(_("Give the code of the participant's commune."), field="unit")
    else:
        enrolment = services.enrol_participant(
            course=course, actor=request.user, now=timezone.now(), unit=unit, **details
        )
    return Status(
        201,
        {"id": enrolment.pk, "course": course.code, "person": enrolment.person_id,
         "full_name": enrolment.person.full_name, "birth_year": enrolment.person.birth_year,
         "unit": enrolment.unit.code if enrolment.unit else None, "result": enrolment.result},
    )  # fmt: skip


@router.get(
    "/training/coverage",
    response=list[CoverageOut],
    auth=Authorised(policies.VIEW),
    operation_id="training_coverage",
)
def coverage(request: HttpRequest, filters: Query[CoverageFilters]) -> Any:
    rows = selectors.coverage(request.user, today=timezone.localdate(), years=filters.years, topic=filters.topic)
    return [
        {"commune": r.code, "name": r.name, "trained": r.trained, "courses": r.courses,
         "last_course_ended_on": r.last_on, "topics": list(r.topics)}
        for r in rows
    ]  # fmt: skip


@router.get(
    "/certificates/{code}",
    response=VerificationOut,
    auth=None,
    operation_id="training_verify_certificate",
    summary="Public check of a training certificate's verification code",
)
def verify_certificate(request: HttpRequest, code: str) -> Any:
    found = selectors.verify_certificate(code)
    if found is None:
        raise HttpError(404, _("No certificate has this verification code."))
    return {"valid": True, "number": found.number, "issued_on": found.issued_on, "holder": found.holder,
            "course": found.course}  # fmt: skip
