"""A commune officer records a person of their commune, finds them by a search without diacritics and edits
them; the person's page keeps the change in its history."""

from playwright.sync_api import Browser, expect

from tests.browser.conftest import as_user


def test_a_commune_officer_records_finds_and_edits_a_person(browser: Browser, live_site: str) -> None:
    officer = as_user(browser, live_site, "canboxa")
    officer.locator('[data-module="persons"]').click()
    expect(officer.get_by_role("heading", level=1)).to_have_text("Cá nhân")
    officer.get_by_test_id("new-person").click()
    form = officer.get_by_test_id("person-form")
    form.locator("[name=full_name]").fill("Trương Thị Ánh Dương")
    form.locator("[name=birth_year]").fill("1992")
    form.locator("[name=unit]").select_option(index=1)
    form.get_by_role("button", name="Lưu").click()
    expect(officer.get_by_role("heading", level=1)).to_have_text("Trương Thị Ánh Dương")

    officer.goto("/to-chuc/ca-nhan/?q=truong thi anh")
    officer.get_by_test_id("persons").get_by_role("link", name="Trương Thị Ánh Dương").click()
    officer.get_by_test_id("edit-person").click()
    officer.get_by_test_id("person-form").locator("[name=position]").fill("Nhân viên đài truyền thanh")
    officer.get_by_test_id("person-form").get_by_role("button", name="Lưu").click()
    expect(officer.get_by_test_id("person-facts")).to_contain_text("Nhân viên đài truyền thanh")
    officer.get_by_role("link", name="Lịch sử").click()
    expect(officer.get_by_test_id("history")).to_contain_text("Nhân viên đài truyền thanh")


def test_a_specialist_deletes_a_person_with_a_reason_and_restores_them(browser: Browser, live_site: str) -> None:
    specialist = as_user(browser, live_site, "chuyenvien")
    specialist.goto("/to-chuc/ca-nhan/them/")
    form = specialist.get_by_test_id("person-form")
    form.locator("[name=full_name]").fill("Lạc Thị Ghi Nhầm")
    form.locator("[name=birth_year]").fill("1988")
    form.get_by_role("button", name="Lưu").click()
    expect(specialist.get_by_role("heading", level=1)).to_have_text("Lạc Thị Ghi Nhầm")

    specialist.get_by_test_id("delete-person").click()
    delete_form = specialist.get_by_test_id("person-delete-form")
    delete_form.get_by_role("button", name="Xóa").click()
    expect(delete_form.locator(".errorlist")).to_be_visible()
    delete_form.get_by_label("Lý do xóa").fill("Ghi nhầm, trùng với hồ sơ khác")
    delete_form.get_by_role("button", name="Xóa").click()
    expect(specialist.get_by_text("Đã xóa cá nhân. Có thể khôi phục từ trang thông tin")).to_be_visible()
    expect(specialist.get_by_test_id("person-deletion")).to_contain_text("Ghi nhầm, trùng với hồ sơ khác")

    specialist.goto("/to-chuc/ca-nhan/?q=lac thi ghi")
    expect(specialist.get_by_test_id("persons")).not_to_contain_text("Lạc Thị Ghi Nhầm")
    specialist.get_by_test_id("filter-deleted").check()
    specialist.get_by_role("button", name="Lọc").click()
    specialist.get_by_test_id("persons").get_by_role("link", name="Lạc Thị Ghi Nhầm").click()
    specialist.get_by_test_id("restore-person").click()
    expect(specialist.get_by_text("Đã khôi phục cá nhân.")).to_be_visible()
    expect(specialist.get_by_test_id("person-deleted")).to_have_count(0)
    specialist.goto("/to-chuc/ca-nhan/?q=lac thi ghi")
    expect(specialist.get_by_test_id("persons")).to_contain_text("Lạc Thị Ghi Nhầm")
