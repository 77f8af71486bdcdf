"""A course's particulars are edited with the optimistic lock; the history tab shows the change."""

from __future__ import annotations

import pytest
from django.test import Client

from ictmis.training.models import Course

pytestmark = pytest.mark.django_db


def _form(course: Course, **changes: object) -> dict[str, object]:
    return {"title": course.title, "place": course.place, "trainers": "", "min_attendance": 80,
            "version": course.version, **changes}  # fmt: skip


def test_an_edit_from_a_stale_page_is_refused_and_a_fresh_one_is_kept_in_the_history(course) -> None:
    specialist = Client()
    specialist.force_login(course.created_by)
    stale = _form(course, title="Tiêu đề cũ")

    saved = specialist.post(f"/dao-tao/khoa/{course.pk}/sua/", _form(course, trainers="ThS. Lê Hà"))
    refused = specialist.post(f"/dao-tao/khoa/{course.pk}/sua/", stale)
    unplaced = specialist.post(f"/dao-tao/khoa/{course.pk}/sua/", _form(Course.objects.get(pk=course.pk), place=""))
    history = specialist.get(f"/dao-tao/khoa/{course.pk}/?tab=history").content.decode()

    assert saved.status_code == 302
    assert "đã được người khác cập nhật" in refused.content.decode()
    assert "Nhập địa điểm, hoặc đánh dấu khóa đào tạo trực tuyến." in unplaced.content.decode()
    course.refresh_from_db()
    kept = (course.trainers, course.title, course.place, course.version)
    assert kept == ("ThS. Lê Hà", "Khóa ttcs-2019", "Đồng Hới", 2)
    assert "ThS. Lê Hà" in history and "Sửa khóa đào tạo" in history and "training.course.changed" not in history
