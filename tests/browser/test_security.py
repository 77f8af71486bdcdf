from playwright.sync_api import Page, expect

from tests.browser.conftest import login


def test_administrator_finds_a_failed_login_in_the_security_log(page: Page) -> None:
    page.goto("/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("thanhtra")
    page.get_by_label("Mật khẩu").fill("mat-khau-sai")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("alert")).to_be_visible()

    login(page, "admin")
    page.goto("/quan-tri/nguoi-dung/")
    page.get_by_role("link", name="Nhật ký bảo mật").click()
    page.get_by_label("Sự kiện").select_option(label="Đăng nhập thất bại")
    page.get_by_label("Tên đăng nhập").fill("thanhtra")
    page.get_by_role("button", name="Lọc").click()

    log = page.get_by_test_id("security-log")
    expect(log.locator("tbody tr")).to_have_count(1)
    expect(log).to_contain_text("Đăng nhập thất bại")
    expect(log).to_contain_text("127.0.0.1")
    expect(log).not_to_contain_text("Đăng nhập thành công")
