"""Directives in a browser: a leader records a conclusion notice with three tasks; the commune officer
reports progress on one with a file; the overdue one appears in red on the leader's list."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import as_user


def fill_task(page: Page, index: int, title: str, lead: str, deadline: dt.date) -> None:
    row = page.get_by_test_id("task-row").nth(index)
    row.get_by_label("Nhiệm vụ", exact=True).fill(title)
    row.get_by_label("Đơn vị chủ trì", exact=True).select_option(label=lead)
    row.get_by_label("Thời hạn", exact=True).fill(deadline.strftime("%d/%m/%Y"))


def test_conclusion_notice_progress_and_overdue_in_red(browser: Browser, live_site: str, tmp_path: Path) -> None:
    today = dt.date.today()
    issued = today - dt.timedelta(days=40)
    leader = as_user(browser, live_site, "lanhdao")
    leader.goto("/chi-dao/")
    leader.get_by_test_id("directives-nav").get_by_role("link", name="Nhập thông báo kết luận").click()
    form = leader.get_by_test_id("document-form")
    form.get_by_label("Số hiệu").fill("77/TB-SKHCN")
    form.get_by_label("Ngày ban hành").fill(issued.strftime("%d/%m/%Y"))
    form.get_by_label("Cơ quan ban hành").fill("Sở Khoa học và Công nghệ")
    form.get_by_label("Người ký").fill("Giám đốc Sở")
    form.get_by_label("Trích yếu").fill("Kết luận giao ban tháng")
    fill_task(leader, 0, "Xây dựng kế hoạch chuyển đổi số BT", "Phòng Công nghệ thông tin", today + dt.timedelta(60))
    fill_task(leader, 1, "Sửa chữa cụm loa truyền thanh BT", "Phường Đồng Hới", today + dt.timedelta(30))
    fill_task(leader, 2, "Cập nhật điểm Bưu điện - Văn hóa xã BT", "Phường Đồng Hới", issued + dt.timedelta(10))
    form.get_by_role("button", name="Lưu").click()
    expect(leader.get_by_role("alert").first).to_contain_text("Đã ghi nhận văn bản và các nhiệm vụ")
    tasks = leader.get_by_test_id("document-tasks")
    expect(tasks.locator("tbody tr")).to_have_count(3)
    expect(tasks.locator("tr", has_text="Cập nhật điểm Bưu điện - Văn hóa xã BT")).to_have_attribute(
        "data-state", "open_overdue"
    )

    evidence = tmp_path / "tien-do.pdf"
    evidence.write_bytes(b"%PDF-1.7\n% bao cao tien do\n")
    officer = as_user(browser, live_site, "canboxa")
    officer.goto("/chi-dao/nhiem-vu/?q=cum+loa+truyen+thanh+bt")
    officer.get_by_role("link", name="Sửa chữa cụm loa truyền thanh BT").click()
    step = officer.get_by_test_id("task-actions").locator("form[data-step='progress']")
    step.get_by_label("Tiến độ thực hiện").fill("Đã sửa xong 3 trên 5 cụm loa")
    step.get_by_label("Tỷ lệ hoàn thành (%)").fill("60")
    step.get_by_label("Tệp (PDF, JPEG, PNG, DOCX, XLSX)").set_input_files(evidence)
    step.get_by_role("button", name="Báo cáo tiến độ").click()
    # The confirmation says what happened (its wording is the step's own); a refusal would be an alert-danger.
    expect(officer.get_by_role("alert").first).to_have_class(re.compile(r"\balert-success\b"))
    expect(officer.get_by_test_id("reports")).to_contain_text("Đã sửa xong 3 trên 5 cụm loa")
    expect(officer.get_by_test_id("reports").get_by_role("link", name="tien-do.pdf")).to_be_visible()

    leader.goto("/chi-dao/nhiem-vu/")
    leader.get_by_test_id("status-tabs").get_by_role("link", name="Chưa hoàn thành, quá hạn").click()
    row = leader.get_by_test_id("tasks").locator("tr", has_text="Cập nhật điểm Bưu điện - Văn hóa xã BT")
    expect(row).to_have_class(re.compile(r"\btable-danger\b"))
    link = row.get_by_role("link", name="Cập nhật điểm Bưu điện - Văn hóa xã BT")
    red, green, blue = (int(x) for x in re.findall(r"\d+", link.evaluate("e => getComputedStyle(e).color"))[:3])
    assert red > 150 and green < 100 and blue < 100
    expect(leader.get_by_test_id("tasks").locator("tr", has_text="Sửa chữa cụm loa truyền thanh BT")).to_have_count(0)
