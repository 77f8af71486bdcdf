"""Participants are `parties` persons: enrolment finds the person (by citizen ID when given, else by name, year
of birth and commune) or records one; the API enrols a person by id; a person's page lists their trainings."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from ictmis.core.errors import DomainError
from ictmis.parties import services as parties
from ictmis.parties.models import Person
from ictmis.training import selectors, services
from ictmis.training.models import Enrolment
from ictmis.training.workflow import TrainingRuleError

from .conftest import attend_all_and_pass, commune, enrol, make_course, user

pytestmark = pytest.mark.django_db
AT = dt.datetime(2019, 5, 2, tzinfo=dt.UTC)


def browser(username: str) -> Client:
    client = Client()
    client.force_login(user(username))
    return client


def test_the_same_name_year_and_commune_in_two_courses_is_one_person(plan) -> None:
    first, second = make_course(plan, "k-a"), make_course(plan, "k-b")

    a = enrol(first, "Nguyễn Văn An", "18880", birth_year=1985)
    b = enrol(second, "Nguyễn  Văn An", "18880", birth_year=1985)
    other_commune = enrol(second, "Nguyễn Văn An", "18883", birth_year=1985)

    assert a.person_id == b.person_id != other_commune.person_id
    assert Person.objects.filter(full_name="Nguyễn Văn An").count() == 2


def test_a_citizen_id_names_the_person_wherever_they_now_work(plan) -> None:
    first, second = make_course(plan, "k-a"), make_course(plan, "k-b")
    kwargs = {"actor": user("chuyenvien"), "now": AT, "birth_year": 1985, "citizen_id": "044085001234"}

    a = services.enrol_participant(course=first, full_name="Lê Thị Hà", unit=commune("18880"), **kwargs)
    b = services.enrol_participant(course=second, full_name="Lê Thị Hà", unit=commune("18883"), **kwargs)

    assert a.person_id == b.person_id and b.unit.code == "18883"
    assert Person.objects.get(pk=a.person_id).citizen_id == "044085001234"


def test_a_citizen_id_of_someone_else_or_badly_formed_is_refused_and_nothing_is_written(course) -> None:
    enrol(course, "Lê Thị Hà", "18880", birth_year=1985)
    Person.objects.filter(full_name="Lê Thị Hà").update(citizen_id="044085001234")
    kwargs = {"course": course, "actor": user("chuyenvien"), "now": AT, "unit": commune("18880")}

    with pytest.raises(DomainError) as taken:
        services.enrol_participant(full_name="Trần Văn Bảy", citizen_id="044085001234", **kwargs)
    with pytest.raises(TrainingRuleError) as malformed:
        services.enrol_participant(full_name="Trần Văn Bảy", citizen_id="4408500", **kwargs)

    assert (taken.value.field, malformed.value.field) == ("citizen_id", "citizen_id")
    assert "Số định danh cá nhân gồm 12 chữ số." in malformed.value.message
    assert not Person.objects.filter(full_name="Trần Văn Bảy").exists()
    assert Enrolment.objects.filter(course=course).count() == 1


def test_the_api_enrols_an_existing_person_by_id_in_their_commune(course) -> None:
    values = {"full_name": "Hồ Thị Lý", "birth_year": 1990, "unit": commune("18883")}
    person = parties.create_person(actor=user("chuyenvien"), now=AT, values=values)
    client = browser("chuyenvien")

    enrolled = client.post(f"/api/v1/courses/{course.pk}/participants", {"person": person.pk},
                           content_type="application/json")  # fmt: skip
    unknown = client.post(f"/api/v1/courses/{course.pk}/participants", {"person": 999999},
                          content_type="application/json")  # fmt: skip
    nameless = client.post(f"/api/v1/courses/{course.pk}/participants", {"unit": "18880"},
                           content_type="application/json")  # fmt: skip

    assert enrolled.status_code == 201
    assert {k: enrolled.json()[k] for k in ("person", "full_name", "unit")} == {
        "person": person.pk, "full_name": "Hồ Thị Lý", "unit": "18883",
    }  # fmt: skip
    assert unknown.status_code == 409 and unknown.json()["errors"][0]["field"] == "person"
    assert nameless.status_code == 409 and nameless.json()["errors"][0]["field"] == "full_name"
    assert Enrolment.objects.filter(course=course).count() == 1


def test_a_persons_page_lists_their_courses_results_and_certificates(course) -> None:
    passed = enrol(course, "Đinh Văn Quang", "18880")
    attend_all_and_pass(course, passed)
    certified = services.issue_certificate(enrolment_id=passed.pk, actor=user("chuyenvien"), now=AT)

    specialist = browser("chuyenvien").get(f"/to-chuc/ca-nhan/{passed.person_id}/").content.decode()
    officer = browser("canboxa").get(f"/to-chuc/ca-nhan/{passed.person_id}/").content.decode()
    course_page = browser("chuyenvien").get(f"/dao-tao/khoa/{course.pk}/").content.decode()

    assert course.title in specialist and certified.certificate_number in specialist and "đạt yêu cầu" in specialist
    assert f"/dao-tao/khoa/{course.pk}/" in specialist
    assert course.title in officer and f"/dao-tao/khoa/{course.pk}/" not in officer  # no access to courses
    assert f"/to-chuc/ca-nhan/{passed.person_id}/" in course_page
    assert selectors.verify_certificate(certified.certificate_code).holder == "Đinh Văn Quang"


def test_an_enrolled_person_can_be_deleted_and_the_course_still_lists_them_marked_deleted(course) -> None:
    kept, gone = enrol(course, "Lý Văn Ở", "18880"), enrol(course, "Lý Văn Đi", "18880")
    attend_all_and_pass(course, gone)
    certified = services.issue_certificate(enrolment_id=gone.pk, actor=user("chuyenvien"), now=AT)

    parties.delete_person(person_id=gone.person_id, actor=user("chuyenvien"), now=AT, reason="Ghi nhầm người")
    client = browser("chuyenvien")
    course_page = client.get(f"/dao-tao/khoa/{course.pk}/")
    person_page = client.get(f"/to-chuc/ca-nhan/{gone.person_id}/")
    again = enrol(make_course(course.plan, "k-sau"), "Lý Văn Đi", "18880")

    assert course_page.status_code == 200
    row = course_page.content.decode().split(f'data-testid="participant-{gone.pk}"')[1].split("</tr>")[0]
    assert "Lý Văn Đi" in row and 'data-testid="participant-deleted"' in row
    kept_row = course_page.content.decode().split(f'data-testid="participant-{kept.pk}"')[1].split("</tr>")[0]
    assert 'data-testid="participant-deleted"' not in kept_row
    assert person_page.status_code == 200 and course.title in person_page.content.decode()
    assert "Ghi nhầm người" in person_page.content.decode()
    assert Enrolment.objects.get(pk=gone.pk).person_id == gone.person_id
    assert selectors.verify_certificate(certified.certificate_code).holder == "Lý Văn Đi"
    assert again.person_id != gone.person_id  # a deleted person is never matched again
