import re
from pathlib import Path

from playwright.sync_api import Page, expect

from ictmis.portal.demo import illustration
from tests.browser.conftest import login


def test_a_visitor_reads_searches_and_rates_an_article(page: Page) -> None:
    page.goto("/cong-thong-tin/")
    expect(page.get_by_test_id("latest-news")).to_contain_text("Thứ trưởng")
    page.get_by_role("link", name="Tin tức").first.click()
    page.get_by_test_id("news-search").fill("truyen thanh")
    page.get_by_role("button", name="Tìm kiếm").click()
    page.get_by_test_id("news-items").get_by_role("link", name=re.compile("đài truyền thanh", re.I)).click()

    expect(page.get_by_test_id("lead")).to_contain_text("(Mic.gov.vn) -")
    expect(page.get_by_test_id("byline")).to_contain_text("Phòng Thông tin cơ sở")
    box = page.get_by_test_id("rating-box")
    expect(box).to_contain_text("(4)")
    box.get_by_role("button", name="5 sao").click()
    expect(page.get_by_test_id("rating-box")).to_contain_text("(5)")
    expect(page.get_by_test_id("my-rating")).to_have_text(re.compile("5/5"))
    expect(page.get_by_test_id("rating-box").get_by_role("button", name="5 sao")).to_have_attribute(
        "aria-pressed", "true"
    )
    page.get_by_test_id("rating-box").get_by_role("button", name="1 sao").click()
    expect(page.get_by_test_id("rating-box")).to_contain_text("(5)")
    expect(page.get_by_test_id("my-rating")).to_have_text(re.compile("1/5"))
    page.reload()  # the page itself is cached for everyone; the reader's own stars come from their cookie
    expect(page.get_by_test_id("my-rating")).to_have_text(re.compile("1/5"))

    page.get_by_test_id("language-form").get_by_role("link", name="EN").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_test_id("rating-box")).to_contain_text("Rate this article (5)")
    page.get_by_test_id("language-form").get_by_role("link", name="VI").click()
    expect(page.locator("html")).to_have_attribute("lang", "vi")


def test_editor_writes_and_submits_then_a_leader_publishes(page: Page, tmp_path: Path) -> None:
    cover = tmp_path / "bia.png"
    cover.write_bytes(illustration((20, 60, 120), (60, 140, 200), width=1200))
    login(page, "bientap")
    page.goto("/bien-tap/them/")
    form = page.get_by_test_id("article-form")
    form.get_by_role("textbox", name="Tiêu đề", exact=True).fill("Khai trương điểm truy nhập Internet mới")
    form.get_by_role("textbox", name="Sapo", exact=True).fill(
        "Một điểm truy nhập Internet công cộng mới phục vụ người dân."
    )
    form.get_by_role("button", name="Mã HTML").click()  # the editor's source view: raw HTML goes in as typed
    form.get_by_role("textbox", name="Nội dung", exact=True).fill(
        "<p>Điểm có năm máy tính.</p><script>alert(1)</script>"
    )
    form.get_by_label("Ảnh đại diện", exact=True).set_input_files(cover)
    form.get_by_role("button", name="Lưu").click()
    expect(page.get_by_test_id("form-errors").or_(page.locator(".errorlist")).first).to_contain_text("mô tả ảnh")
    form = page.get_by_test_id("article-form")
    form.get_by_label("Ảnh đại diện", exact=True).set_input_files(cover)
    form.get_by_role("textbox", name="Văn bản thay thế của ảnh đại diện").fill("Phòng máy của điểm truy nhập")
    form.get_by_role("button", name="Lưu").click()
    page.get_by_role("button", name="Gửi duyệt").click()
    expect(page.get_by_test_id("article-status")).to_have_text("chờ duyệt")
    expect(page.get_by_test_id("article-actions").get_by_role("button", name="Xuất bản")).to_have_count(0)
    page.get_by_test_id("user-menu").click()
    page.get_by_test_id("logout").click()

    login(page, "lanhdao")
    page.goto("/bien-tap/?status=review")
    page.get_by_role("link", name="Khai trương điểm truy nhập Internet mới").click()
    page.get_by_role("button", name="Xuất bản").click()
    expect(page.get_by_test_id("article-status")).to_have_text("đã xuất bản")
    page.get_by_role("link", name="Xem trên cổng thông tin").click()
    expect(page.get_by_test_id("article")).to_contain_text("Điểm có năm máy tính.")
    picture = page.get_by_test_id("cover").get_by_role("img", name="Phòng máy của điểm truy nhập")
    expect(picture).to_be_visible()
    assert picture.evaluate("img => img.complete && img.naturalWidth > 0")
    assert "<script" not in page.content().split('data-testid="article"')[1].split("</article>")[0]
