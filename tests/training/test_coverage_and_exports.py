"""Coverage by commune over the last N years and per topic; the attendance sheet and the year's report."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from ictmis.training import selectors, services

from .conftest import attend_all_and_pass, enrol, make_course, make_plan, user

pytestmark = pytest.mark.django_db
TODAY = dt.date(2022, 3, 1)


def test_coverage_counts_communes_whose_people_passed_a_course_in_the_last_years() -> None:
    old = make_course(make_plan(2016), "k-2016", starts_on=dt.date(2016, 5, 2))
    recent = make_course(make_plan(2019), "k-2019", starts_on=dt.date(2019, 6, 10))
    radio = make_course(make_plan(2021), "k-2021", topic="radio_operation", starts_on=dt.date(2021, 4, 5))
    attend_all_and_pass(old, enrol(old, "Cũ Văn A", "18883"))
    a, b = enrol(recent, "Nguyễn Văn An", "18880"), enrol(recent, "Trần Thị Bình", "18880")
    attend_all_and_pass(recent, a, b)
    enrol(recent, "Lê Văn Trượt", "18886")  # enrolled, never passed
    attend_all_and_pass(radio, enrol(radio, "Nguyễn Văn An", "18880"))
    specialist = user("chuyenvien")

    everything = selectors.coverage(specialist, today=TODAY, years=5)
    grassroots = selectors.coverage(specialist, today=TODAY, years=5, topic="grassroots_information")
    ten_years = selectors.coverage(specialist, today=TODAY, years=10, topic="grassroots_information")

    assert [(r.code, r.trained, r.courses) for r in everything] == [("18880", 2, 2)]
    assert [(r.code, r.trained, r.last_on) for r in grassroots] == [("18880", 2, dt.date(2019, 6, 11))]
    assert [r.code for r in ten_years] == ["18880", "18883"]
    assert selectors.coverage(specialist, today=TODAY, years=5, topic="information_security") == []


def test_the_coverage_api_and_page_name_the_communes(course) -> None:
    from django.test import Client

    attend_all_and_pass(course, enrol(course, "Nguyễn Văn An", "18880"))
    client = Client()
    client.force_login(user("chuyenvien"))

    answer = client.get("/api/v1/training/coverage", {"topic": "grassroots_information", "years": 20})
    page = client.get("/dao-tao/bao-phu/", {"years": 20}).content.decode()
    bad = client.get("/api/v1/training/coverage", {"years": 0, "topic": "nau-an"})

    assert answer.status_code == 200
    assert [(r["commune"], r["trained"]) for r in answer.json()] == [("18880", 1)]
    assert "18880" in page and "1 xã đã có người được đào tạo." in page
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} == {"years", "topic"}


def test_the_attendance_sheet_marks_who_came_each_day(course) -> None:
    a, b = enrol(course, "Nguyễn Văn An"), enrol(course, "Trần Thị Bình", "18883")
    first, second = course.sessions.all()
    at = dt.datetime(2019, 6, 11, tzinfo=dt.UTC)
    services.mark_attendance(session=first, present={a.pk, b.pk}, actor=user("chuyenvien"), now=at)
    services.mark_attendance(session=second, present={a.pk}, actor=user("chuyenvien"), now=at)
    from django.test import Client

    client = Client()
    client.force_login(user("lanhdao"))

    response = client.get(f"/dao-tao/khoa/{course.pk}/diem-danh.xlsx")

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = next(r for r in rows if r[0] == "STT")
    assert header[5:8] == ("Ngày 10/06", "Ngày 11/06", "Ký tên")
    people = {r[1]: r[5:7] for r in rows if isinstance(r[0], int)}
    assert people == {"Nguyễn Văn An": ("x", "x"), "Trần Thị Bình": ("x", None)}


def test_the_year_report_totals_participants_passed_and_certificates(course) -> None:
    a = enrol(course, "Nguyễn Văn An")
    enrol(course, '=HYPERLINK("x")', "18883")
    attend_all_and_pass(course, a)
    services.issue_certificate(enrolment_id=a.pk, actor=user("chuyenvien"), now=dt.datetime(2019, 7, 1, tzinfo=dt.UTC))
    other = make_course(course.plan, "k-2", topic="radio_operation", starts_on=dt.date(2019, 8, 1))
    enrol(other, "Lê Văn Cường")
    from django.test import Client

    client = Client()
    client.force_login(user("chuyenvien"))

    response = client.get("/dao-tao/bao-cao/2019.xlsx")

    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert any("BÁO CÁO KẾT QUẢ ĐÀO TẠO, BỒI DƯỠNG NĂM 2019" in str(r[0]) for r in rows)
    lines = [r for r in rows if isinstance(r[0], int)]
    assert [(r[1], r[7], r[8], r[9]) for r in lines] == [("ttcs-2019", 2, 1, 1), ("k-2", 1, 0, 0)]
    total = next(r for r in rows if r[2] == "Tổng cộng")
    assert total[7:10] == (3, 1, 1)
    sheet = client.get(f"/dao-tao/khoa/{course.pk}/diem-danh.xlsx")
    names = [r[1] for r in load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True)]
    assert '\'=HYPERLINK("x")' in names  # a name that is a formula stays text
