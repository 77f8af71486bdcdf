"""The training API with its bad-input rules, participants imported through the core engine (all or nothing,
row errors naming the column), permissions, and the evaluation form by link."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from openpyxl import Workbook

from ictmis.accounts.models import User
from ictmis.accounts.services import create_token
from ictmis.core.errors import NotAllowedError
from ictmis.parties.models import Person
from ictmis.training import selectors, services
from ictmis.training.models import Course, Enrolment
from ictmis.training.workflow import TrainingRuleError

from .conftest import enrol, user

pytestmark = pytest.mark.django_db
COURSE = {"year": 2019, "code": "api-2019", "title": "Bồi dưỡng qua API", "topic": "radio_operation",
          "target_group": "radio_staff", "starts_on": "2019-09-10", "ends_on": "2019-09-11", "place": "Đồng Hới",
          "legal_basis": "101/2017/NĐ-CP"}  # fmt: skip


def api(username: str) -> Client:
    _token, raw = create_token(user=User.objects.get(username=username), name="t", now=timezone.now())
    return Client(headers={"Authorization": f"Bearer {raw}"})


def test_a_specialist_creates_a_course_and_enrols_a_participant_through_the_api(plan) -> None:
    client = api("chuyenvien")

    created = client.post("/api/v1/courses", COURSE, content_type="application/json")
    course_id = created.json()["id"]
    enrolled = client.post(f"/api/v1/courses/{course_id}/participants",
                           {"full_name": "Võ Thị Mai", "birth_year": 1990, "unit": "18880"},
                           content_type="application/json")  # fmt: skip
    listed = client.get("/api/v1/courses", {"year": 2019})

    assert created.status_code == 201
    assert created.json()["legal_basis"] == "101/2017/NĐ-CP" and created.json()["plan_approved"] is True
    assert Course.objects.get(pk=course_id).sessions.count() == 2
    assert enrolled.status_code == 201 and enrolled.json()["unit"] == "18880"
    assert [(c["code"], c["participants"]) for c in listed.json()["items"]] == [("api-2019", 1)]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"ends_on": "2019-09-01"}, "ends_on", "Ngày kết thúc không được trước ngày bắt đầu."),
        ({"starts_on": "2020-01-02", "ends_on": "2020-01-03"}, "starts_on", "phải bắt đầu trong năm 2019"),
        ({"place": ""}, "place", "Nhập địa điểm"),
        ({"year": 2030}, "year", "Chưa có kế hoạch đào tạo năm 2030."),
        ({"legal_basis": "1/2000/NĐ-CP"}, "legal_basis", "Không có văn bản pháp luật nào có số"),
    ],
)
def test_bad_course_input_is_refused_naming_the_field_and_nothing_is_written(plan, change, field, message) -> None:
    answer = api("chuyenvien").post("/api/v1/courses", {**COURSE, **change}, content_type="application/json")

    assert answer.status_code == 409
    assert answer.json()["errors"][0]["field"] == field and message in answer.json()["errors"][0]["message"]
    assert not Course.objects.exists()


def test_an_unknown_commune_or_a_second_enrolment_is_refused_through_the_api(course) -> None:
    client = api("chuyenvien")
    enrol(course, "Võ Thị Mai", "18880", birth_year=1990)

    unknown = client.post(f"/api/v1/courses/{course.pk}/participants", {"full_name": "Lê An", "unit": "00000"},
                          content_type="application/json")  # fmt: skip
    again = client.post(f"/api/v1/courses/{course.pk}/participants",
                        {"full_name": "Võ  Thị Mai", "birth_year": 1990, "unit": "18880"},
                        content_type="application/json")  # fmt: skip

    assert unknown.status_code == 409 and unknown.json()["errors"] == [
        {"field": "unit", "message": "Không có xã nào có mã “00000”."}
    ]
    assert again.status_code == 409 and again.json()["errors"][0]["field"] == "full_name"
    assert Enrolment.objects.filter(course=course).count() == 1


def test_a_leader_approves_plans_but_does_not_organise_courses(plan) -> None:
    draft = services.create_plan(year=2030, title="Kế hoạch 2030", actor=user("chuyenvien"), now=timezone.now())

    with pytest.raises(NotAllowedError):
        services.approve_plan(plan_id=draft.pk, actor=user("chuyenvien"), now=timezone.now())
    with pytest.raises(NotAllowedError):
        services.enrol_participant(course=Course(plan=plan), full_name="A", actor=user("lanhdao"), now=timezone.now())
    approved = services.approve_plan(plan_id=draft.pk, actor=user("lanhdao"), now=timezone.now())

    assert approved.approved_by == user("lanhdao")
    assert api("lanhdao").post("/api/v1/courses", COURSE, content_type="application/json").status_code == 403
    assert Client().get("/api/v1/courses").status_code == 401
    assert api("canboxa").get("/api/v1/training/coverage").status_code == 403


def _sheet(tmp_path: Path, *rows: list) -> Path:
    workbook = Workbook()
    workbook.active.append(["Họ và tên", "Năm sinh", "Chức vụ", "Mã đơn vị hành chính cấp xã"])
    for row in rows:
        workbook.active.append(row)
    path = tmp_path / "hoc-vien.xlsx"
    data = io.BytesIO()
    workbook.save(data)
    path.write_bytes(data.getvalue())
    return path


def test_participants_import_refuses_a_file_with_row_errors_then_enrols_all(course, tmp_path, capsys) -> None:
    enrol(course, "Đã Có Tên", "18880", birth_year=1980)
    bad = _sheet(
        tmp_path,
        ["Nguyễn Văn An", 1985, "Công chức", "18880"],
        ["Trần Thị Bình", 1987, "", "99999"],
        ["Đã Có Tên", 1980, "", "18880"],
        ["Lê Văn Cường", 2015, "", "18883"],
    )

    with pytest.raises(CommandError):
        call_command("import", "training-participants", str(bad), "--course", course.code, "--user", "chuyenvien")

    out = capsys.readouterr().out
    assert "3, Mã đơn vị hành chính cấp xã" in out and "99999" in out
    assert "4, Họ và tên" in out and "đã được ghi danh" in out
    assert "5, Năm sinh" in out and "Năm sinh không hợp lý." in out
    assert Enrolment.objects.filter(course=course).count() == 1 and Person.objects.count() == 1

    good = _sheet(tmp_path, ["Nguyễn Văn An", 1985, "Công chức", "18880"], ["Trần Thị Bình", 1987, "", "18883"])
    call_command("import", "training-participants", str(good), "--course", course.code, "--user", "chuyenvien")

    names = sorted(Enrolment.objects.filter(course=course).values_list("person__full_name", flat=True))
    assert names == ["Nguyễn Văn An", "Trần Thị Bình", "Đã Có Tên"]
    assert Enrolment.objects.get(person__full_name="Trần Thị Bình").unit.code == "18883"


def test_a_participant_evaluates_once_through_their_link_and_the_course_sees_the_summary(course) -> None:
    a, b = enrol(course, "Nguyễn Văn An"), enrol(course, "Trần Thị Bình", "18883")
    public = Client()

    public.post(f"/cong-thong-tin/danh-gia-khoa-hoc/{a.evaluation_token}/", {"rating": 5, "comment": "Rất bổ ích"})
    public.post(f"/cong-thong-tin/danh-gia-khoa-hoc/{b.evaluation_token}/", {"rating": 2})
    again = public.post(f"/cong-thong-tin/danh-gia-khoa-hoc/{a.evaluation_token}/", {"rating": 1})
    with pytest.raises(TrainingRuleError, match="đã đánh giá"):
        services.submit_evaluation(token=a.evaluation_token, rating=1, comment="", now=dt.datetime.now(dt.UTC))

    summary = selectors.evaluation_summary(course)
    assert (summary.count, summary.average, summary.by_rating[5], summary.comments) == (2, 3.5, 1, ["Rất bổ ích"])
    assert "Bạn đã đánh giá khóa đào tạo này" in again.content.decode()
    assert public.get("/cong-thong-tin/danh-gia-khoa-hoc/khong-co/").status_code == 404
