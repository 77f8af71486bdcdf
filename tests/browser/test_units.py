import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import login


def test_search_units_without_diacritics(page: Page) -> None:
    login(page, "canboxa")
    page.goto("/don-vi-hanh-chinh/")

    page.get_by_test_id("unit-search").fill("dak lak")

    results = page.get_by_test_id("unit-results")
    expect(results).to_contain_text("Đắk Lắk")
    expect(page).to_have_url(re.compile(r"q=dak(\+|%20)lak"))

    page.get_by_test_id("unit-search").fill("quang tri")
    expect(results.locator("a").first).to_have_text("Quảng Trị")


def test_expand_a_province_in_the_tree(page: Page) -> None:
    login(page, "chuyenvien")
    page.goto("/don-vi-hanh-chinh/")
    province = page.get_by_test_id("unit-tree").locator("details").filter(has_text="Quảng Trị").first

    province.locator("summary").click(position={"x": 2, "y": 5})

    expect(province.locator(".children")).to_contain_text("Phường Đồng Hới")


def test_former_quang_binh_shows_its_districts_and_successor(page: Page) -> None:
    login(page, "lanhdao")
    page.goto("/don-vi-hanh-chinh/44/?on=2019-06-30")

    expect(page.get_by_role("heading", level=1)).to_contain_text("Tỉnh Quảng Bình")
    expect(page.get_by_test_id("children").locator("li")).to_have_count(8)
    history = page.get_by_test_id("unit-history")
    expect(history).to_contain_text("Quảng Trị")
    history.get_by_role("link", name="Quảng Trị").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Quảng Trị"))
