import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import login

REPORTS = {"reports", "criterion8"}
ROOMS = {"training", "directives", "infosec", *REPORTS}
MENUS = {
    "admin": {
        "units",
        "programmes",
        "licensing",
        "organisations",
        "persons",
        "registries",
        "portal",
        "calendar",
        "administration",
        "training",
        "directives",
        "infosec",
        "inspections",
        *REPORTS,
    },
    "lanhdao": {
        "units",
        "programmes",
        "licensing",
        "organisations",
        "persons",
        "registries",
        "portal",
        "calendar",
        "inspections",
        *ROOMS,
    },
    "chuyenvien": {
        "units",
        "programmes",
        "licensing",
        "organisations",
        "persons",
        "registries",
        "portal",
        "calendar",
        *ROOMS,
    },
    "thanhtra": {"units", "licensing", "organisations", "persons", "registries", "calendar", "infosec", "inspections"},
    "canboxa": {
        "units",
        "programmes",
        "organisations",
        "persons",
        "registries",
        "calendar",
        "directives",
        "infosec",
        *REPORTS,
    },
    "doanhnghiep": {"units", "licensing", "organisations", "registries", "calendar", "infosec", "inspections"},
    "bientap": {"units", "portal", "calendar"},
}


@pytest.mark.parametrize("username", sorted(MENUS))
def test_each_demo_role_logs_in_and_sees_its_menu(page: Page, username: str) -> None:
    login(page, username)

    expect(page.get_by_test_id("counts")).to_be_visible()
    menu = page.get_by_test_id("main-menu")
    enabled = set(menu.locator("a.nav-link").evaluate_all("els => els.map(e => e.dataset.module)"))
    assert enabled == MENUS[username]
    assert menu.locator(".nav-link.disabled").count() == 0  # nothing a role cannot use, nothing not built


def test_login_page_is_vietnamese_and_names_the_demo_password(page: Page) -> None:
    page.goto("/tai-khoan/dang-nhap/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_test_id("demo-hint")).to_contain_text("ictmis-demo")
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()


def test_wrong_password_shows_a_vietnamese_error(page: Page) -> None:
    page.goto("/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("lanhdao")
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_test_id("form-errors")).to_contain_text(re.compile("tên đăng nhập", re.IGNORECASE))


def test_language_switch_to_english_and_back(page: Page) -> None:
    login(page, "chuyenvien")
    expect(page.locator('[data-module="units"]')).to_have_text(re.compile("Đơn vị hành chính"))

    page.get_by_test_id("language-form").get_by_role("button", name="EN").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator('[data-module="units"]')).to_have_text(re.compile("Administrative units"))

    page.get_by_test_id("language-form").get_by_role("button", name="VI").click()
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.locator('[data-module="units"]')).to_have_text(re.compile("Đơn vị hành chính"))


def test_pages_outside_the_role_are_refused_in_vietnamese(page: Page) -> None:
    login(page, "bientap")
    response = page.goto("/quan-tri/nguoi-dung/")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", name="403")).to_be_visible()
    expect(page.locator("main")).to_contain_text("không có quyền")


def test_unknown_page_is_a_vietnamese_404(page: Page) -> None:
    login(page, "lanhdao")
    response = page.goto("/khong-co-trang-nay/")
    assert response is not None and response.status == 404
    expect(page.locator("main")).to_contain_text("không tồn tại")


def test_logout_returns_to_the_login_page(page: Page) -> None:
    login(page, "thanhtra")
    page.get_by_test_id("user-menu").click()
    page.get_by_test_id("logout").click()
    expect(page).to_have_url(re.compile("/tai-khoan/dang-nhap/"))
