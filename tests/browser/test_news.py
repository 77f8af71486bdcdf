import re

from playwright.sync_api import Page, expect

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
    page.get_by_test_id("rating-box").get_by_role("button", name="1 sao").click()
    expect(page.get_by_test_id("rating-box")).to_contain_text("(5)")


def test_editor_writes_and_submits_then_a_leader_publishes(page: Page) -> None:
    login(page, "bientap")
    page.goto("/bien-tap/them/")
    form = page.get_by_test_id("article-form")
    form.get_by_role("textbox", name="Tiêu đề", exact=True).fill("Khai trương điểm truy nhập Internet mới")
    form.get_by_role("textbox", name="Sapo", exact=True).fill(
        "Một điểm truy nhập Internet công cộng mới phục vụ người dân."
    )
    form.get_by_role("textbox", name="Nội dung", exact=True).fill(
        "<p>Điểm có năm máy tính.</p><script>alert(1)</script>"
    )
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
    assert "<script" not in page.content().split('data-testid="article"')[1].split("</article>")[0]
