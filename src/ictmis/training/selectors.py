"""Reads of training for the pages and the API, scoped to the actor: courses, enrolments, coverage by
commune, evaluations, certificate verification."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Count, Max, Q, QuerySet

from ictmis.core.access import scoped
from ictmis.training import policies, workflow
from ictmis.training.models import Course, Enrolment, Evaluation, Result, Topic, TrainingPlan


def plans() -> QuerySet[TrainingPlan]:
    return TrainingPlan.objects.select_related("approved_by").annotate(course_count=Count("courses"))


def courses_for(actor: Any) -> QuerySet[Any]:
    """Courses are the Department's own work: whoever may view training sees them all."""
    return (
        Course.objects.alive()
        .select_related("plan", "legal_basis")
        .annotate(
            participant_count=Count("enrolments", distinct=True),
            passed_count=Count("enrolments", filter=Q(enrolments__result=Result.PASSED), distinct=True),
        )
    )


def enrolments_for(actor: Any, course: Course) -> QuerySet[Enrolment]:
    """The participants of a course, limited to the actor's communes for anyone without the whole province."""
    qs = Enrolment.objects.filter(course=course).select_related("person", "unit", "certificate")
    return scoped(qs.annotate(attended=Count("attendances", filter=Q(attendances__present=True))), actor,
                  unit_path="unit_path")  # fmt: skip


def attendance_grid(course: Course, enrolments: list[Enrolment]) -> dict[int, set[int]]:
    """Per session id, the enrolments marked present (one query)."""
    from ictmis.training.models import Attendance

    grid: dict[int, set[int]] = {s.pk: set() for s in course.sessions.all()}
    for session_id, enrolment_id in Attendance.objects.filter(
        session__course=course, present=True, enrolment__in=enrolments
    ).values_list("session_id", "enrolment_id"):
        grid.setdefault(session_id, set()).add(enrolment_id)
    return grid


@dataclass(frozen=True)
class CoverageRow:
    unit_id: int
    code: str
    name: str
    trained: int
    courses: int
    last_on: dt.date
    topics: tuple[str, ...]


def coverage(actor: Any, *, today: dt.date, years: int, topic: str = "") -> list[CoverageRow]:
    """The communes where someone passed a course (on `topic`, or any) that ended in the last `years` years:
    persons trained, courses, the last course's end date, the topics. One grouped query."""
    since = workflow.coverage_since(today, years)
    qs = Enrolment.objects.filter(
        result=Result.PASSED,
        unit__isnull=False,
        course__deleted_at__isnull=True,
        course__ends_on__gte=since,
        course__ends_on__lte=today,
    )
    if topic:
        qs = qs.filter(course__topic=topic)
    qs = scoped(qs, actor, unit_path="unit_path")
    grouped = (
        qs.values("unit_id", "unit__code", "unit__name", "course__topic")
        .annotate(trained=Count("person", distinct=True), courses=Count("course", distinct=True),
                  last_on=Max("course__ends_on"))
        .order_by("unit__code")
    )  # fmt: skip
    rows: dict[int, dict[str, Any]] = {}
    people: dict[int, set[int]] = {}
    for row in grouped:
        entry = rows.setdefault(
            row["unit_id"],
            {"code": row["unit__code"], "name": row["unit__name"], "courses": 0, "last_on": row["last_on"],
             "topics": set()},
        )  # fmt: skip
        entry["courses"] += row["courses"]
        entry["last_on"] = max(entry["last_on"], row["last_on"])
        entry["topics"].add(row["course__topic"])
    for unit_id, person_id in qs.values_list("unit_id", "person_id").distinct().order_by():
        people.setdefault(unit_id, set()).add(person_id)
    labels = dict(Topic.choices)
    return [
        CoverageRow(
            unit_id=unit_id,
            code=entry["code"],
            name=entry["name"],
            trained=len(people.get(unit_id, ())),
            courses=entry["courses"],
            last_on=entry["last_on"],
            topics=tuple(str(labels.get(t, t)) for t in sorted(entry["topics"])),
        )
        for unit_id, entry in rows.items()
    ]


def coverage_points(rows: list[CoverageRow]) -> tuple[list[dict[str, Any]], int]:
    """The covered communes as map points, and how many have no position."""
    from ictmis.units.public import positions_of

    placed = positions_of([r.unit_id for r in rows])
    points = [
        {"lat": placed[r.unit_id][0], "lon": placed[r.unit_id][1], "name": r.name, "code": r.code,
         "trained": r.trained, "courses": r.courses, "last_on": r.last_on.strftime("%d/%m/%Y")}
        for r in rows
        if r.unit_id in placed
    ]  # fmt: skip
    return points, len(rows) - len(points)


@dataclass(frozen=True)
class EvaluationSummary:
    count: int
    average: float | None
    by_rating: dict[int, int]
    comments: list[str]


def evaluation_summary(course: Course) -> EvaluationSummary:
    qs = Evaluation.objects.filter(enrolment__course=course)
    totals = qs.aggregate(n=Count("pk"), average=Avg("rating"))
    by_rating = {r: 0 for r in range(1, 6)}
    for rating, n in qs.values_list("rating").annotate(n=Count("pk")).order_by():
        by_rating[rating] = n
    comments = [c for c in qs.exclude(comment="").order_by("submitted_at").values_list("comment", flat=True)]
    average = round(float(totals["average"]), 2) if totals["average"] is not None else None
    return EvaluationSummary(totals["n"], average, by_rating, comments)


@dataclass(frozen=True)
class Verification:
    """What the public learns of a valid certificate: that it is genuine, its number and date, the holder's
    name and the course. Nothing about a code that does not exist."""

    number: str
    issued_on: dt.date
    holder: str
    course: str


def verify_certificate(code: str) -> Verification | None:
    text = workflow.normalise_code(code)
    if not text or len(text) > 16:
        return None
    enrolment = (
        Enrolment.objects.filter(certificate_code=text, course__deleted_at__isnull=True)
        .select_related("person", "course")
        .first()
    )
    if enrolment is None or enrolment.certificate_issued_on is None:
        return None
    return Verification(
        number=enrolment.certificate_number,
        issued_on=enrolment.certificate_issued_on,
        holder=enrolment.person.full_name,
        course=enrolment.course.title,
    )


def person_trainings(actor: Any, person: Any) -> dict[str, Any] | None:
    """The section of a person's page: the courses they enrolled in, with result and certificate, newest first.
    The person's page is already scoped; the course links only for those who may open courses."""
    enrolments = (
        Enrolment.objects.filter(person_id=person.pk, course__deleted_at__isnull=True)
        .select_related("course", "unit")
        .order_by("-course__starts_on", "-pk")
    )
    return {"enrolments": list(enrolments), "may_open_courses": policies.can_view(actor)}
