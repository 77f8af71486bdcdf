"""Every wired event reaches the right people: licensing steps, expiry reminders (once), the newsroom,
import jobs."""

from __future__ import annotations

import datetime as dt

import pytest

from ictmis.core import imports, registry
from ictmis.licensing import services
from ictmis.licensing.models import Licence
from ictmis.notifications.models import Notification
from ictmis.portal import articles
from tests.core.test_imports import GOOD, write_csv
from tests.licensing.conftest import WEBSITE

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n% bo sung\n"


def received(username: str, kind: str) -> list[Notification]:
    return list(Notification.objects.filter(recipient__username=username, kind=kind))


def kinds_of(username: str) -> list[str]:
    return list(Notification.objects.filter(recipient__username=username).order_by("pk").values_list("kind", flat=True))


def test_an_online_case_tells_each_party_at_each_step(applicant, users, leader, today_now) -> None:
    enterprise, specialist = users["doanhnghiep"], users["chuyenvien"]
    case = services.open_case(
        procedure_code="website.new",
        applicant=applicant,
        particulars=WEBSITE,
        actor=enterprise,
        now=today_now,
        channel="online",
    )
    [submitted] = received("chuyenvien", "licensing.case.submitted")
    assert submitted.link == f"/thu-tuc/ho-so/{case.pk}/" and case.code in submitted.title

    case = services.act(case=case, action="receive", actor=specialist, now=today_now, checklist=[True] * 5)
    [got] = received("doanhnghiep", "licensing.case.received")
    assert case.code in got.title

    case = services.act(case=case, action="request_supplement", actor=specialist, now=today_now, note="Bổ sung đề án")
    [asked] = received("doanhnghiep", "licensing.case.supplement_requested")
    assert "Bổ sung đề án" in asked.body

    services.add_file(case=case, upload=services.Upload("Đề án", PDF, "de-an.pdf"), actor=enterprise, now=today_now)
    [uploaded] = received("chuyenvien", "licensing.case.supplement_uploaded")
    assert uploaded.link == f"/thu-tuc/ho-so/{case.pk}/"
    assert received("lanhdao", "licensing.case.supplement_uploaded") == []

    for action, actor, note in [
        ("receive_supplement", specialist, ""),
        ("start_appraisal", specialist, ""),
        ("propose", specialist, "Đề nghị cấp phép"),
    ]:
        case = services.act(case=case, action=action, actor=actor, now=today_now, note=note)
    [proposed] = received("lanhdao", "licensing.case.proposed")
    assert "Đề nghị cấp phép" in proposed.body

    case = services.act(case=case, action="grant", actor=leader, now=today_now)
    case = services.act(case=case, action="issue", actor=specialist, now=today_now)
    [issued] = received("doanhnghiep", "licensing.case.issued")
    assert case.licence.number in issued.body

    assert kinds_of("doanhnghiep") == [
        "licensing.case.received",
        "licensing.case.supplement_requested",
        "licensing.case.received",
        "licensing.case.issued",
    ]
    assert kinds_of("chuyenvien") == ["licensing.case.submitted", "licensing.case.supplement_uploaded"]


def test_a_refused_case_says_so_to_the_applicant(applicant, users, leader, today_now) -> None:
    specialist = users["chuyenvien"]
    case = services.open_case(
        procedure_code="website.new", applicant=applicant, particulars=WEBSITE, actor=specialist, now=today_now
    )
    assert [n.kind for n in Notification.objects.filter(recipient__username="doanhnghiep")] == [
        "licensing.case.received"
    ]
    for action, actor, note in [
        ("start_appraisal", specialist, ""),
        ("propose", specialist, "Không đủ điều kiện"),
        ("refuse", leader, "Chưa có máy chủ tại Việt Nam"),
        ("issue", specialist, ""),
    ]:
        case = services.act(case=case, action=action, actor=actor, now=today_now, note=note)
    [issued] = received("doanhnghiep", "licensing.case.issued")
    assert "không được chấp thuận" in issued.body and "Chưa có máy chủ" in issued.body


def grant_licence(applicant, specialist, leader, now) -> Licence:
    case = services.open_case(
        procedure_code="website.new", applicant=applicant, particulars=WEBSITE, actor=specialist, now=now
    )
    for action, actor in [("start_appraisal", specialist), ("propose", specialist), ("grant", leader)]:
        case = services.act(case=case, action=action, actor=actor, now=now, note="ok")
    return services.act(case=case, action="issue", actor=specialist, now=now).licence


def test_expiry_reminders_reach_the_holder_once_per_threshold(
    applicant, users, leader, today_now, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    licence = grant_licence(applicant, users["chuyenvien"], leader, today_now)
    Licence.objects.filter(pk=licence.pk).update(valid_until=today_now.date() + dt.timedelta(days=45))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_expiry_reminders(now=today_now) == 1
    [reminder] = received("doanhnghiep", "licensing.licence.expiring")
    assert licence.number in reminder.title and "còn 45 ngày" in reminder.body
    assert reminder.link == f"/thu-tuc/giay-phep/{licence.pk}/"
    assert len(received("chuyenvien", "licensing.licence.expiring")) == 1
    assert applicant.email in [m.to[0] for m in mailoutbox]  # the holder's own address, without an account

    # the dedup key holds even if the licence's own record of reminders is lost
    Licence.objects.filter(pk=licence.pk).update(reminded=[])
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_expiry_reminders(now=today_now) == 0
        assert services.send_expiry_reminders(now=today_now + dt.timedelta(days=1)) == 0
        assert services.send_expiry_reminders(now=today_now + dt.timedelta(days=20)) == 1
    assert len(received("doanhnghiep", "licensing.licence.expiring")) == 2


def test_the_newsroom_tells_leaders_of_submissions_and_authors_of_returns_and_publication(users, today_now) -> None:
    editor, leader = users["bientap"], users["lanhdao"]
    values = {"title": "Hội nghị chuyển đổi số", "lead": "a", "body": ""}
    article = articles.create_article(values=values, actor=editor, now=today_now)
    articles.transition(article=article, action="submit", actor=editor, now=today_now)
    [submitted] = received("lanhdao", "portal.article.submitted")
    assert "Hội nghị chuyển đổi số" in submitted.title and submitted.link == f"/bien-tap/{article.pk}/"

    articles.transition(article=article, action="return", actor=leader, now=today_now, comment="Thêm ảnh minh họa")
    [returned] = received("bientap", "portal.article.returned")
    assert "Thêm ảnh minh họa" in returned.body

    articles.transition(article=article, action="submit", actor=editor, now=today_now)
    articles.transition(article=article, action="publish", actor=leader, now=today_now)
    [published] = received("bientap", "portal.article.published")
    assert "26/11/2026 16:00" in published.body  # local time
    assert kinds_of("bientap") == ["portal.article.returned", "portal.article.published"]


def _job(content: list[list[str]], actor, now, tmp_path):
    data = write_csv(tmp_path / "tram.csv", content).read_bytes()
    spec = registry.get("bts-stations")
    job = imports.create_job(spec=spec, filename="tram.csv", chunks=iter([data]), actor=actor, now=now)
    return spec, job


def test_an_import_job_tells_who_started_it_how_it_ended(users, today_now, tmp_path) -> None:
    specialist = users["chuyenvien"]
    spec, job = _job(GOOD, specialist, today_now, tmp_path)
    imports.run_commit(job, spec, now=today_now)
    [done] = received("chuyenvien", "core.import.finished")
    assert "tram.csv" in done.title and "2 bản ghi mới" in done.body
    assert done.link == f"/co-so-du-lieu/bts-stations/nhap/{job.pk}/"

    bad = [[*GOOD[0][:4], "91.5", *GOOD[0][5:]]]
    spec, job = _job(bad, specialist, today_now, tmp_path)
    imports.run_commit(job, spec, now=today_now)
    [failed] = received("chuyenvien", "core.import.failed")
    assert "tram.csv" in failed.title and "Số lỗi phát hiện: 1" in failed.body
