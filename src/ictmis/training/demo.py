"""Demo training: the approved 2019 and 2026 plans with courses for commune officers and radio station staff
in the demo communes (the former Quảng Bình in 2019, the 2025 units in 2026), attendance, results,
certificates and a few evaluations, all through the services. Fixed seed; nothing is added twice."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model

from ictmis.legal.public import LegalDocument
from ictmis.training import services
from ictmis.training.models import Result, TrainingPlan
from ictmis.units.public import demo_communes

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ"]
GIVEN = ["Văn An", "Thị Bình", "Văn Cường", "Thị Dung", "Văn Hải", "Thị Hoa", "Văn Long", "Thị Mai", "Đức Nam"]
COMMENTS = ["", "Nội dung thiết thực.", "Cần thêm thời gian thực hành."]
TZ = dt.timezone(dt.timedelta(hours=7))

COURSES: list[dict[str, Any]] = [
    {"year": 2019, "code": "2019-ttcs-xa", "title": "Bồi dưỡng nghiệp vụ thông tin cơ sở cho cán bộ xã",
     "topic": "grassroots_information", "target_group": "commune_officers", "basis": "101/2017/NĐ-CP",
     "starts_on": dt.date(2019, 5, 14), "ends_on": dt.date(2019, 5, 16), "place": "Hội trường Sở, Đồng Hới",
     "trainers": "Phòng Thông tin cơ sở", "position": "Công chức Văn hóa - Xã hội", "era": "old", "people": 14},
    {"year": 2019, "code": "2019-dtt-vanhanh", "title": "Vận hành, khai thác đài truyền thanh cơ sở",
     "topic": "radio_operation", "target_group": "radio_staff", "basis": "",
     "starts_on": dt.date(2019, 9, 10), "ends_on": dt.date(2019, 9, 11), "place": "Trung tâm Văn hóa huyện Bố Trạch",
     "trainers": "Đài Phát thanh - Truyền hình tỉnh", "position": "Nhân viên đài truyền thanh", "era": "old",
     "people": 10},
    {"year": 2026, "code": "2026-cds-xa", "title": "Chuyển đổi số và kỹ năng số cho cán bộ, công chức cấp xã",
     "topic": "digital_transformation", "target_group": "commune_officers", "basis": "171/2025/NĐ-CP",
     "starts_on": dt.date(2026, 4, 7), "ends_on": dt.date(2026, 4, 9), "place": "", "online": True,
     "trainers": "Phòng Chuyển đổi số", "position": "Công chức Văn hóa - Xã hội", "era": "new", "people": 12},
    {"year": 2026, "code": "2026-dtt-cntt",
     "title": "Đài truyền thanh cấp xã ứng dụng công nghệ thông tin - viễn thông",
     "topic": "radio_operation", "target_group": "radio_staff", "basis": "",
     "starts_on": dt.date(2026, 10, 20), "ends_on": dt.date(2026, 10, 21),
     "place": "Sở Khoa học và Công nghệ, Đông Hà",
     "trainers": "Phòng Bưu chính, Viễn thông", "position": "Nhân viên đài truyền thanh", "era": "new", "people": 8},
]  # fmt: skip


def _at(day: dt.date, hour: int = 16) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=TZ)


def load(now: dt.datetime, progress: Callable[[str], None]) -> None:
    if TrainingPlan.objects.filter(year=2019).exists():
        progress("  training: already loaded")
        return
    users = get_user_model().objects
    leader, specialist = users.get(username="lanhdao"), users.get(username="chuyenvien")
    communes = demo_communes()
    rng = random.Random(1417)
    for year, approved_on in ((2019, dt.date(2019, 1, 15)), (2026, dt.date(2026, 1, 20))):
        plan = services.create_plan(year=year, title=f"Kế hoạch đào tạo, bồi dưỡng năm {year}", actor=specialist,
                                    now=_at(approved_on, 9))  # fmt: skip
        services.approve_plan(plan_id=plan.pk, actor=leader, now=_at(approved_on))
    certificates = 0
    for spec in COURSES:
        plan = TrainingPlan.objects.get(year=spec["year"])
        basis = LegalDocument.objects.filter(number=spec["basis"]).first() if spec["basis"] else None
        values = {k: spec[k] for k in ("code", "title", "topic", "target_group", "starts_on", "ends_on", "place",
                                       "trainers")}  # fmt: skip
        values |= {"online": spec.get("online", False), "legal_basis": basis}
        start = _at(spec["starts_on"] - dt.timedelta(days=20), 9)
        course = services.create_course(plan=plan, values=values, actor=specialist, now=start)
        pool = [c.old if spec["era"] == "old" else c.current for c in communes]
        units = [u for u in pool if u is not None]
        enrolments = [
            services.enrol_participant(
                course=course, full_name=f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}",
                birth_year=rng.randint(1970, 1998),
                position=spec["position"], unit=unit, actor=specialist, now=start,
            )
            for unit in rng.sample(units, min(spec["people"], len(units)))
        ]  # fmt: skip
        for session in course.sessions.all():
            present = {e.pk for e in enrolments if rng.random() < 0.92}
            services.mark_attendance(session=session, present=present, actor=specialist, now=_at(session.day))
        end = _at(spec["ends_on"])
        for enrolment in enrolments:
            try:
                services.record_result(enrolment_id=enrolment.pk, result=Result.PASSED, actor=specialist, now=end)
            except services.TrainingRuleError:
                services.record_result(enrolment_id=enrolment.pk, result=Result.FAILED, actor=specialist, now=end)
                continue
            services.issue_certificate(enrolment_id=enrolment.pk, actor=specialist, now=end)
            certificates += 1
            if rng.random() < 0.6:
                services.submit_evaluation(token=enrolment.evaluation_token, rating=rng.choice([3, 4, 4, 5, 5]),
                                           comment=rng.choice(COMMENTS),
                                           now=end)  # fmt: skip
    progress(f"  training: 2 plans, {len(COURSES)} courses, {certificates} certificates")
