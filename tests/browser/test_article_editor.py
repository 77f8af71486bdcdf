"""The article editor in Chromium: bold text and a picture from the library with its alternative text are
saved, sanitised and shown on the review page; the editor works under the site's CSP; without JavaScript
the body is a plain textarea."""

import re

from playwright.sync_api import Browser, ConsoleMessage, Page, expect

from tests.browser.conftest import login

LIBRARY_PICTURE = "Minh họa: cột ăng-ten phát sóng trên nền trời xanh"  # a demo article's cover


def test_an_editor_writes_bold_text_and_inserts_a_picture_from_the_library(page: Page) -> None:
    refused: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            refused.append(message.text)

    page.on("console", on_console)
    login(page, "bientap")
    page.goto("/bien-tap/them/")
    form = page.get_by_test_id("article-form")
    form.get_by_role("textbox", name="Tiêu đề", exact=True).fill("Trạm phát sóng mới ở vùng cao")
    form.get_by_role("textbox", name="Sapo", exact=True).fill("Ba xã vùng cao đã có sóng di động.")
    expect(form.locator("textarea[name=body]")).to_be_hidden()
    body = form.get_by_role("textbox", name="Nội dung", exact=True)
    body.click()
    page.keyboard.type("Sóng đã phủ ")
    form.get_by_role("button", name="Chữ đậm").click()
    page.keyboard.type("ba xã")
    expect(form.get_by_role("button", name="Chữ đậm")).to_have_attribute("aria-pressed", "true")
    form.get_by_role("button", name="Chữ đậm").click()
    page.keyboard.type(" trong tháng.")
    page.keyboard.press("Enter")
    page.keyboard.type("Theo Bộ KH&CN")
    for _character in "Bộ KH&CN":
        page.keyboard.press("Shift+ArrowLeft")
    page.once("dialog", lambda dialog: dialog.accept("https://mic.gov.vn/"))
    form.get_by_role("button", name="Liên kết", exact=True).click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    form.get_by_role("button", name="Chèn bảng").click()
    page.keyboard.type("Xã")
    page.keyboard.press("Tab")
    page.keyboard.type("Số trạm")
    page.keyboard.press("Control+End")

    form.get_by_role("button", name="Chèn ảnh từ thư viện").click()
    picker = page.get_by_test_id("picture-picker")
    picker.get_by_role("button", name=LIBRARY_PICTURE).click()
    alt = picker.get_by_role("textbox", name="Văn bản thay thế")
    expect(alt).to_have_value(LIBRARY_PICTURE)
    alt.fill("")
    picker.get_by_role("button", name="Chèn ảnh", exact=True).click()
    expect(picker.get_by_role("alert")).to_contain_text("mô tả ảnh")
    alt.fill("Trạm BTS mới trên đỉnh đồi")
    picker.get_by_role("textbox", name="Chú thích").fill("Ảnh: Viettel")
    picker.get_by_role("button", name="Chèn ảnh", exact=True).click()
    expect(picker).to_be_hidden()
    expect(body.get_by_role("img", name="Trạm BTS mới trên đỉnh đồi")).to_be_visible()
    form.get_by_role("button", name="Lưu").click()

    expect(page.get_by_test_id("article-status")).to_have_text("bản nháp")
    preview = page.get_by_test_id("article-preview")
    expect(preview.locator("strong")).to_have_text("ba xã")
    figure = preview.locator("figure", has=page.get_by_role("img", name="Trạm BTS mới trên đỉnh đồi"))
    expect(figure.locator("figcaption")).to_have_text("Ảnh: Viettel")
    expect(preview.get_by_role("link", name="Bộ KH&CN")).to_have_attribute("href", "https://mic.gov.vn/")
    expect(preview.locator("table th").first).to_have_text("Xã")
    expect(preview.locator("table th").nth(1)).to_have_text("Số trạm")
    saved = preview.get_by_role("img", name="Trạm BTS mới trên đỉnh đồi")
    expect(saved).to_have_attribute("src", re.compile(r"^/cong-thong-tin/anh/[0-9a-f]{64}/md\.webp$"))
    assert saved.evaluate("img => img.complete && img.naturalWidth > 0")

    page.get_by_role("link", name="Sửa", exact=True).click()  # the saved body opens in the editor again
    reopened = page.get_by_role("textbox", name="Nội dung", exact=True)
    expect(reopened.get_by_role("img", name="Trạm BTS mới trên đỉnh đồi")).to_be_visible()
    expect(reopened.locator("strong")).to_have_text("ba xã")
    assert refused == []


def test_without_javascript_the_body_is_a_plain_textarea(browser: Browser, live_site: str) -> None:
    context = browser.new_context(base_url=live_site, locale="vi-VN", java_script_enabled=False)
    page = context.new_page()
    login(page, "bientap")
    page.goto("/bien-tap/them/")
    form = page.get_by_test_id("article-form")
    expect(form.locator("textarea[name=body]")).to_be_visible()
    expect(page.get_by_role("toolbar")).to_have_count(0)
    context.close()
