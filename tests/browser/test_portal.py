import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import login


def test_a_visitor_searches_a_public_register_and_opens_its_map(page: Page) -> None:
    page.goto("/cong-thong-tin/")
    expect(page.get_by_test_id("public-registers")).to_contain_text("Trạm thu phát sóng")
    page.get_by_role("link", name=re.compile("Trạm thu phát sóng")).click()
    page.get_by_test_id("public-search").fill("ba don")
    page.get_by_role("button", name="Tìm kiếm").click()
    expect(page.get_by_test_id("public-records")).to_contain_text("Ba Đồn")
    expect(page.get_by_test_id("public-records")).not_to_contain_text("GPXD")

    page.get_by_role("link", name="Bản đồ").click()
    area = page.get_by_test_id("registry-map")
    expect(area).to_have_attribute("data-loading", "0")
    expect(page.locator(".leaflet-interactive, .map-cluster").first).to_be_visible()


def test_a_visitor_downloads_open_data(page: Page) -> None:
    page.goto("/cong-thong-tin/du-lieu-mo/")
    row = page.get_by_test_id("datasets").locator("tr").filter(has_text="Điểm Bưu điện")
    with page.expect_download() as download:
        row.get_by_role("link", name="GEOJSON").click()
    assert download.value.suggested_filename == "post-offices.geojson"


def test_feedback_reaches_the_staff_inbox(page: Page) -> None:
    page.goto("/cong-thong-tin/lien-he/")
    form = page.get_by_test_id("contact-form")
    form.get_by_label("Họ và tên").fill("Trần Văn Bình")
    form.get_by_label("Thư điện tử hoặc số điện thoại").fill("0912 345 678")
    form.get_by_label("Tiêu đề").fill("Loa truyền thanh hỏng")
    form.get_by_label("Nội dung").fill("Cụm loa ở thôn 3 không phát từ tuần trước.")
    page.wait_for_timeout(3200)
    form.get_by_role("button", name="Gửi").click()
    expect(page.get_by_role("alert")).to_contain_text("Cảm ơn")

    login(page, "bientap")
    page.goto("/hop-thu-gop-y/")
    page.get_by_role("link", name="Loa truyền thanh hỏng").click()
    expect(page.get_by_test_id("feedback-message")).to_contain_text("thôn 3")
    page.get_by_label("Trạng thái").select_option("answered")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_test_id("inbox")).to_contain_text("đã trả lời")
