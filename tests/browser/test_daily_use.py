"""What a civil servant sees every day: a printout that holds only the document, public tables that fit a
phone, a menu without dead entries."""

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import login


def test_printing_the_process_sheet_leaves_only_the_document(page: Page) -> None:
    login(page, "chuyenvien")
    page.goto("/thu-tuc/ho-so/")
    page.locator("a[href*='/thu-tuc/ho-so/']").filter(has_text=re.compile(r"\d")).first.click()
    page.locator("a[href*='/phieu-kiem-soat/']").first.click()
    expect(page.get_by_test_id("process-sheet")).to_be_visible()
    assert page.locator("header").is_visible() and page.get_by_test_id("main-menu").count() == 1

    page.emulate_media(media="print")

    expect(page.get_by_test_id("process-sheet")).to_be_visible()
    for hidden in ("header", "footer", "nav", "button[data-print]"):
        assert not page.locator(hidden).first.is_visible(), hidden


def test_public_tables_fit_a_phone_without_scrolling_sideways(browser, live_site: str) -> None:
    context = browser.new_context(base_url=live_site, locale="vi-VN", viewport={"width": 375, "height": 740})
    phone = context.new_page()
    for path in ("/cong-thong-tin/du-lieu-mo/", "/cong-thong-tin/so-lieu/bts-stations/", "/cong-thong-tin/giay-phep/"):
        phone.goto(path)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, (path, width)
    cell = phone.get_by_test_id("licences").locator("td[data-label]").first
    assert cell.evaluate("el => getComputedStyle(el, '::before').content").strip('"') == "Số giấy phép"
    context.close()


def test_an_editor_meets_no_button_that_ends_in_a_refusal(page: Page) -> None:
    login(page, "bientap")
    page.goto("/cong-thong-tin/giay-phep/")
    expect(page.get_by_test_id("licences")).to_be_visible()
    assert page.get_by_test_id("apply-online").count() == 0
    assert page.get_by_test_id("main-menu").locator(".disabled").count() == 0
