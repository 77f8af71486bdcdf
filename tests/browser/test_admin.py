import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import login


def test_administrator_adds_a_calendar_override_and_sees_it(page: Page) -> None:
    login(page, "admin")
    page.goto("/lich-lam-viec/?year=2026")
    days = page.get_by_test_id("special-days")
    expect(days).to_contain_text("Tết")

    form = page.get_by_test_id("override-form")
    form.get_by_label(re.compile(r"^Ngày( \*)?$")).fill("03/03/2026")
    form.get_by_label(re.compile(r"^Lý do")).fill("Nghỉ bù theo thông báo của tỉnh")
    form.get_by_role("button", name="Lưu").click()

    expect(days).to_contain_text("03/03/2026")
    row = days.locator("tr").filter(has_text="03/03/2026")
    expect(row).to_contain_text("Nghỉ bù theo thông báo của tỉnh")
    row.get_by_role("button", name="Xóa").click()
    expect(days).not_to_contain_text("03/03/2026")


def test_administrator_creates_a_commune_officer_with_a_scope(page: Page) -> None:
    login(page, "admin")
    page.goto("/quan-tri/nguoi-dung/them/")
    page.get_by_label("Tên đăng nhập").fill("canboxa2")
    page.get_by_label("Cán bộ cấp xã").check()
    page.get_by_label("Mật khẩu ban đầu").fill("mot-mat-khau-dai-2026")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("#id_scope_units_errors")).to_contain_text("ít nhất một xã")

    page.get_by_label("Các xã thuộc phạm vi phụ trách").select_option(label="Phường Đồng Hới – Quảng Trị")
    page.get_by_label("Mật khẩu ban đầu").fill("mot-mat-khau-dai-2026")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("alert")).to_contain_text("canboxa2")
    expect(page.locator("table")).to_contain_text("canboxa2")
