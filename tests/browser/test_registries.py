import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.conftest import login


def count_of(page: Page, previous: int | None = None) -> int:
    """The number of records shown; with `previous`, first wait until the list has been replaced."""
    if previous is not None:
        page.wait_for_function(
            "previous => Number(document.querySelector('[data-testid=result-count]').innerText.replace(/\\D/g, ''))"
            " !== previous",
            arg=previous,
        )
    text = page.get_by_test_id("result-count").inner_text()
    return int(re.sub(r"\D", "", text))


def test_filter_bts_stations_by_status_and_unit(page: Page) -> None:
    login(page, "chuyenvien")
    page.goto("/co-so-du-lieu/bts-stations/")
    total = count_of(page)
    assert total >= 360

    page.get_by_test_id("filter-status").select_option("suspended")
    expect(page).to_have_url(re.compile("status=suspended"))
    suspended = count_of(page, total)
    assert 0 < suspended < total

    page.get_by_test_id("filter-status").select_option("")
    assert count_of(page, suspended) == total
    page.get_by_test_id("unit-filter").select_option(label="· Thị xã Ba Đồn")
    expect(page).to_have_url(re.compile("unit="))
    in_ba_don = count_of(page, total)
    assert 0 < in_ba_don < total
    expect(page.get_by_test_id("records")).to_contain_text("Ba Đồn")


def test_map_shows_clusters_and_zooms_into_one(page: Page) -> None:
    login(page, "lanhdao")
    page.goto("/co-so-du-lieu/bts-stations/ban-do/")
    area = page.get_by_test_id("registry-map")
    expect(area).to_have_attribute("data-loading", "0")
    clusters = page.locator(".map-cluster")
    expect(clusters.first).to_be_visible()
    before = int(area.get_attribute("data-points") or 0)

    clusters.first.click()

    expect(area).not_to_have_attribute("data-points", str(before))
    expect(page.locator(".leaflet-interactive").first).to_be_visible()


def test_import_with_errors_then_a_corrected_file(page: Page, tmp_path: Path) -> None:
    header = "Doanh nghiệp,Mã trạm,Mã đơn vị hành chính cấp xã,Vĩ độ,Kinh độ,Loại trạm,Trạng thái\n"
    bad = tmp_path / "tram-loi.csv"
    bad.write_text(
        header + "4701234564,WEB1,18880,17.47,106.61,rooftop,active\n4701234564,WEB2,99999,37.0,106.6,rooftop,active\n",
        encoding="utf-8",
    )
    good = tmp_path / "tram.csv"
    good.write_text(
        header
        + "4701234564,WEB1,18880,17.47,106.61,rooftop,active\n4701234564,WEB2,18880,17.48,106.62,rooftop,active\n",
        encoding="utf-8",
    )
    login(page, "doanhnghiep")
    page.goto("/co-so-du-lieu/bts-stations/nhap/")

    page.get_by_label("Tệp (.xlsx hoặc .csv)").set_input_files(bad)
    page.get_by_role("button", name=re.compile("Kiểm tra")).click()
    status = page.get_by_test_id("job-status")
    expect(status).to_have_attribute("data-status", "invalid", timeout=30000)
    errors = page.get_by_test_id("import-errors")
    expect(errors).to_contain_text("99999")
    expect(errors.locator("tbody tr").first).to_contain_text("3")

    page.goto("/co-so-du-lieu/bts-stations/nhap/")
    page.get_by_label("Tệp (.xlsx hoặc .csv)").set_input_files(good)
    page.get_by_role("button", name=re.compile("Kiểm tra")).click()
    expect(page.get_by_test_id("job-status")).to_have_attribute("data-status", "valid", timeout=30000)
    page.get_by_test_id("commit-import").click()
    expect(page.get_by_test_id("job-status")).to_have_attribute("data-status", "done", timeout=30000)
    expect(page.get_by_test_id("import-result")).to_contain_text("2")

    page.goto("/co-so-du-lieu/bts-stations/?q=web")
    assert count_of(page) == 2


def test_export_the_filtered_list(page: Page) -> None:
    login(page, "chuyenvien")
    page.goto("/co-so-du-lieu/post-offices/?status=active")
    with page.expect_download() as download:
        page.get_by_test_id("export-xlsx").click()
    assert download.value.suggested_filename == "post-offices.xlsx"


def test_commune_officer_edits_their_post_office_point(page: Page) -> None:
    login(page, "canboxa")
    page.goto("/co-so-du-lieu/post-offices/")
    assert count_of(page) == 1
    page.get_by_test_id("records").locator("tbody a").first.click()
    page.get_by_role("link", name="Sửa").click()
    page.get_by_label("Số máy tính").fill("4")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("alert").first).to_contain_text("Đã lưu")
    activity = page.get_by_test_id("activity-form")
    activity.get_by_label("Tháng (mm/yyyy)").fill("06/2019")
    activity.get_by_label("Lượt bạn đọc").fill("320")
    activity.get_by_role("button").click()
    expect(page.get_by_test_id("monthly-activity")).to_contain_text("06/2019")
    expect(page.get_by_test_id("monthly-activity")).to_contain_text("320")
    page.get_by_role("link", name="Lịch sử").click()
    expect(page.get_by_test_id("history")).to_contain_text("4")


def test_a_point_opens_its_card(page: Page) -> None:
    login(page, "chuyenvien")
    page.goto("/co-so-du-lieu/radio-stations/ban-do/?q=hai+thanh")
    area = page.get_by_test_id("registry-map")
    expect(area).to_have_attribute("data-loading", "0")
    point = page.locator("path.leaflet-interactive").first
    expect(point).to_be_visible()
    point.click(force=True)
    card = page.locator(".leaflet-popup-content")
    expect(card).to_contain_text("Đài truyền thanh")
    card.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Đài truyền thanh")
