"""Information security in a browser: an operator reports an incident and the Department sees the countdown;
a specialist takes the demo's level-3 dossier in appraisal to its approval."""

import datetime as dt
import io
import re
from pathlib import Path
from zoneinfo import ZoneInfo

from docx import Document
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import as_user


def step(page: Page, name: str, note: str = "") -> None:
    form = page.get_by_test_id("case-actions").locator("form", has=page.get_by_role("button", name=name, exact=True))
    if note:
        form.get_by_role("textbox").first.fill(note)
    form.get_by_role("button", name=name, exact=True).click()
    # The confirmation says what happened (its wording is the step's own); a refusal would be an alert-danger.
    expect(page.get_by_role("alert").first).to_have_class(re.compile(r"\balert-success\b"))


def test_an_operator_reports_an_incident_and_the_department_sees_the_countdown(browser: Browser, live_site: str):
    detected = dt.datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")) - dt.timedelta(hours=1)

    operator = as_user(browser, live_site, "doanhnghiep")
    operator.goto("/an-toan-thong-tin/")
    operator.get_by_test_id("report-incident").first.click()
    form = operator.get_by_test_id("incident-form")
    system = "Hệ thống truyền thanh ứng dụng CNTT - viễn thông của xã"
    form.get_by_label("Hệ thống thông tin").select_option(label=system)
    form.get_by_label("Thời điểm phát hiện").fill(detected.strftime("%Y-%m-%dT%H:%M"))
    form.locator("select[name=incident_type]").select_option(label="từ chối dịch vụ")
    form.get_by_label("Dấu hiệu").fill("Loa IP không nhận được bản tin, máy chủ quá tải.")
    form.get_by_label("Người liên hệ (họ tên, điện thoại)").fill("Hoàng Anh Tuấn, 0905 111 222")
    form.get_by_role("button", name="Báo cáo").click()
    expect(operator.get_by_test_id("notify-clock")).to_have_text("còn 5 ngày")
    code = operator.locator("h1").inner_text().split()[2]

    specialist = as_user(browser, live_site, "chuyenvien")
    specialist.goto("/an-toan-thong-tin/su-co/")
    row = specialist.get_by_test_id("incidents").locator("tr", has=specialist.get_by_role("link", name=code))
    expect(row.get_by_test_id("notify-clock")).to_have_text("còn 5 ngày")
    expect(row).to_contain_text("Hệ thống truyền thanh")


def test_a_specialist_appraises_a_level_3_dossier_to_its_approval(browser: Browser, live_site: str) -> None:
    specialist = as_user(browser, live_site, "chuyenvien")
    specialist.goto("/thu-tuc/ho-so/?thu-tuc=infosec.level-3")
    specialist.get_by_test_id("cases").locator("tr", has_text="Hệ thống quản lý văn bản và điều hành").get_by_role(
        "link"
    ).first.click()
    expect(specialist.get_by_test_id("case-status")).to_have_text("đang thẩm định")
    case_url = specialist.url
    step(specialist, "Trình lãnh đạo", "Hồ sơ đáp ứng yêu cầu cấp độ 3, đề nghị phê duyệt.")

    leader = as_user(browser, live_site, "lanhdao")
    leader.goto(case_url)
    step(leader, "Đồng ý cấp")

    specialist.reload()
    step(specialist, "Trả kết quả")
    expect(specialist.get_by_test_id("case-licence")).to_contain_text("/QĐ-SKHCN")
    with specialist.expect_download() as download:
        specialist.get_by_test_id("documents").get_by_role("link", name=re.compile("QUYẾT ĐỊNH PHÊ DUYỆT")).click()
    decision = Document(io.BytesIO(Path(download.value.path()).read_bytes()))
    cells = " ".join(c.text for t in decision.tables for r in t.rows for c in r.cells)
    assert "Hệ thống quản lý văn bản và điều hành" in cells

    specialist.goto("/an-toan-thong-tin/?q=quan+ly+van+ban")
    specialist.get_by_role("link", name="Hệ thống quản lý văn bản và điều hành").click()
    expect(specialist.get_by_test_id("approved-level")).to_contain_text("3")
