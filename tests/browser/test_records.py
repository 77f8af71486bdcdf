import re

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import login


def _open_first_enterprise_edit(page: Page) -> str:
    page.goto("/to-chuc/?kind=enterprise&q=nhat+le")
    page.get_by_role("link", name=re.compile("Nhật Lệ")).first.click()
    detail_url = page.url
    page.get_by_role("link", name="Sửa").click()
    expect(page.get_by_test_id("organisation-form")).to_be_visible()
    return detail_url


def test_saving_from_a_stale_form_is_refused(browser: Browser, live_site: str) -> None:
    first = browser.new_context(base_url=live_site, locale="vi-VN").new_page()
    second = browser.new_context(base_url=live_site, locale="vi-VN").new_page()
    login(first, "chuyenvien")
    login(second, "admin")
    _open_first_enterprise_edit(first)
    detail_url = _open_first_enterprise_edit(second)

    first.get_by_label("Điện thoại", exact=True).fill("0232 3822 111")
    first.get_by_role("button", name="Lưu").click()
    expect(first.get_by_role("alert")).to_contain_text("Đã lưu")

    second.get_by_label("Điện thoại", exact=True).fill("0232 3999 999")
    second.get_by_role("button", name="Lưu").click()

    expect(second.get_by_test_id("form-errors")).to_contain_text("Bản ghi đã được người khác cập nhật")
    second.goto(detail_url)
    expect(second.locator("main")).to_contain_text("0232 3822 111")
    second.goto(detail_url + "?tab=history")
    expect(second.get_by_test_id("history")).to_contain_text("0232 3822 111")
    first.context.close()
    second.context.close()


def test_invalid_tax_code_is_reported_next_to_its_field(page: Page) -> None:
    login(page, "chuyenvien")
    page.goto("/to-chuc/them/")
    page.get_by_role("textbox", name="Tên", exact=True).fill("Công ty thử nghiệm")
    page.get_by_role("combobox", name="Loại", exact=True).select_option("enterprise")
    page.get_by_label("Mã số thuế").fill("0100109107")
    page.get_by_role("button", name="Lưu").click()

    tax_code = page.get_by_label("Mã số thuế")
    expect(tax_code).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_tax_code_errors")).to_contain_text("chữ số kiểm tra")


def test_delete_and_restore_an_organisation(page: Page) -> None:
    login(page, "chuyenvien")
    page.goto("/to-chuc/?q=song+gianh")
    page.get_by_role("link", name=re.compile("Sông Gianh")).click()

    page.get_by_role("button", name="Xóa").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Đã xóa")
    page.get_by_role("button", name="Khôi phục").click()
    expect(page.get_by_role("button", name="Xóa")).to_be_visible()


def test_export_what_is_filtered_to_excel(page: Page) -> None:
    login(page, "chuyenvien")
    page.goto("/to-chuc/?kind=enterprise")
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel").click()
    assert download.value.suggested_filename == "to-chuc.xlsx"
