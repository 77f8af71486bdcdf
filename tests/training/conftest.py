from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ictmis.accounts.models import User
from ictmis.training import services
from ictmis.training.models import Course, Enrolment, TrainingPlan
from ictmis.units.models import AdministrativeUnit

ISSUED = dt.datetime(2019, 6, 20, 9, 0, tzinfo=dt.UTC)


def commune(code: str) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(code=code, level="commune", valid_to__isnull=False)


def user(username: str) -> User:
    return User.objects.get(username=username)


def make_plan(year: int, *, approved: bool = True) -> TrainingPlan:
    plan = services.create_plan(year=year, title=f"Kế hoạch {year}", actor=user("chuyenvien"),
                                now=dt.datetime(year, 1, 5, tzinfo=dt.UTC))  # fmt: skip
    if approved:
        at = dt.datetime(year, 1, 10, tzinfo=dt.UTC)
        plan = services.approve_plan(plan_id=plan.pk, actor=user("lanhdao"), now=at)
    return plan


def make_course(plan: TrainingPlan, code: str, *, topic: str = "grassroots_information", days: int = 2,
                starts_on: dt.date | None = None) -> Course:  # fmt: skip
    start = starts_on or dt.date(plan.year, 6, 10)
    values: dict[str, Any] = {
        "code": code, "title": f"Khóa {code}", "topic": topic, "target_group": "commune_officers",
        "starts_on": start, "ends_on": start + dt.timedelta(days=days - 1), "place": "Đồng Hới",
    }  # fmt: skip
    return services.create_course(plan=plan, values=values, actor=user("chuyenvien"),
                                  now=dt.datetime(plan.year, 5, 1, tzinfo=dt.UTC))  # fmt: skip


def enrol(course: Course, name: str, unit_code: str = "18880", birth_year: int = 1985) -> Enrolment:
    at = dt.datetime(course.plan.year, 5, 2, tzinfo=dt.UTC)
    return services.enrol_participant(course=course, full_name=name, birth_year=birth_year, unit=commune(unit_code),
                                      actor=user("chuyenvien"), now=at)  # fmt: skip


def attend_all_and_pass(course: Course, *enrolments: Enrolment) -> None:
    specialist = user("chuyenvien")
    at = dt.datetime(course.plan.year, 6, 30, tzinfo=dt.UTC)
    for session in course.sessions.all():
        services.mark_attendance(session=session, present={e.pk for e in enrolments}, actor=specialist, now=at)
    for enrolment in enrolments:
        services.record_result(enrolment_id=enrolment.pk, result="passed", actor=specialist, now=at)


@pytest.fixture
def plan() -> TrainingPlan:
    return make_plan(2019)


@pytest.fixture
def course(plan: TrainingPlan) -> Course:
    return make_course(plan, "ttcs-2019")
