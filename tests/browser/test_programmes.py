"""A commune officer ticks a delivery from the commune's list; the specialist sees the progress move."""

import re

from playwright.sync_api import Browser, expect

from tests.browser.test_licensing import as_user


def delivered_in(page, commune_code: str) -> int:
    row = page.get_by_test_id("progress").locator("tr", has_text=commune_code)
    return int(row.locator("td").nth(2).inner_text().replace(".", ""))


def test_a_delivery_from_the_commune_list_moves_the_progress(browser: Browser, live_site: str) -> None:
    officer = as_user(browser, live_site, "canboxa")
    officer.goto("/chuong-trinh/")
    officer.get_by_role("link", name=re.compile("đầu thu truyền hình số")).click()
    officer.get_by_role("link", name="Hộ đủ điều kiện chưa được hỗ trợ").click()
    first = officer.get_by_test_id("waiting").locator("tbody tr").first
    code = first.locator("td").nth(2).inner_text()
    commune_code = code.split("-")[1]

    specialist = as_user(browser, live_site, "chuyenvien")
    specialist.goto("/chuong-trinh/tv-digitisation/?cap=commune")
    before = delivered_in(specialist, commune_code)
    expect(specialist.locator("#deliveries-chart")).to_be_visible()

    officer.go_back()
    form = officer.get_by_test_id("delivery-form")
    form.get_by_label("Mã hộ").fill(code)
    form.get_by_label("Ngày bàn giao").fill("20/06/2019")
    form.get_by_label("Số sê-ri thiết bị").fill("DVB-T2-E2E-1")
    form.get_by_label("Cáp (m)").fill("16")
    form.get_by_role("button", name="Ghi nhận").click()
    expect(officer.locator(".errorlist")).to_contain_text("15")
    officer.get_by_test_id("delivery-form").get_by_label("Cáp (m)").fill("12")
    officer.get_by_test_id("delivery-form").get_by_role("button", name="Ghi nhận").click()
    expect(officer.get_by_role("alert").first).to_contain_text("Đã ghi nhận lượt hỗ trợ")

    specialist.reload()
    assert delivered_in(specialist, commune_code) == before + 1
    specialist.goto("/chuong-trinh/tv-digitisation/chua-ho-tro/")
    expect(specialist.get_by_test_id("waiting")).not_to_contain_text(code)


def test_the_map_colours_each_commune_by_completion(browser: Browser, live_site: str) -> None:
    specialist = as_user(browser, live_site, "chuyenvien")
    specialist.goto("/chuong-trinh/tv-digitisation/")
    area = specialist.get_by_test_id("progress-map")
    dots = area.locator("path.leaflet-interactive")
    expect(dots.first).to_be_visible()
    points = int(area.get_attribute("data-points") or 0)
    assert points > 20 and dots.count() == points
    # the demo commune officer's commune is half done, after the programme's end: behind the expected pace
    assert int(area.get_attribute("data-behind") or 0) >= 1 and int(area.get_attribute("data-done") or 0) >= 1
    red = area.locator('path.leaflet-interactive[fill="#dc3545"]')
    assert red.count() == int(area.get_attribute("data-behind") or 0)
    # Neighbouring communes' points overlap at the province's zoom, so the click goes to the point itself.
    red.first.dispatch_event("click")
    expect(area.locator(".leaflet-popup-content")).to_contain_text("Chỉ tiêu")


def test_the_commune_officer_imports_deliveries_from_a_file(browser: Browser, live_site: str, tmp_path) -> None:
    officer = as_user(browser, live_site, "canboxa")
    officer.goto("/chuong-trinh/tv-digitisation/chua-ho-tro/")
    code = officer.get_by_test_id("waiting").locator("tbody tr").first.locator("td").nth(2).inner_text()
    header = "Mã chương trình,Mã hộ,Ngày hỗ trợ,Số sê-ri thiết bị,Dây cáp (m)\n"
    bad = tmp_path / "cap-phat-loi.csv"
    bad.write_text(header + f"tv-digitisation,{code},21/06/2019,DVB-T2-E2E-IMP,20\n", encoding="utf-8")
    good = tmp_path / "cap-phat.csv"
    good.write_text(header + f"tv-digitisation,{code},21/06/2019,DVB-T2-E2E-IMP,10\n", encoding="utf-8")

    officer.goto("/chuong-trinh/")
    officer.get_by_test_id("import-deliveries").click()
    officer.get_by_label("Tệp (.xlsx hoặc .csv)").set_input_files(bad)
    officer.get_by_role("button", name=re.compile("Kiểm tra")).click()
    expect(officer.get_by_test_id("job-status")).to_have_attribute("data-status", "invalid", timeout=30000)
    expect(officer.get_by_test_id("import-errors")).to_contain_text("tối đa 15 m")

    officer.goto("/co-so-du-lieu/deliveries/nhap/")
    officer.get_by_label("Tệp (.xlsx hoặc .csv)").set_input_files(good)
    officer.get_by_role("button", name=re.compile("Kiểm tra")).click()
    expect(officer.get_by_test_id("job-status")).to_have_attribute("data-status", "valid", timeout=30000)
    officer.get_by_test_id("commit-import").click()
    expect(officer.get_by_test_id("job-status")).to_have_attribute("data-status", "done", timeout=30000)
    expect(officer.get_by_test_id("import-result")).to_contain_text("tạo mới 1")
    officer.goto("/chuong-trinh/tv-digitisation/chua-ho-tro/")
    expect(officer.get_by_test_id("waiting")).not_to_contain_text(code)


def test_the_commune_officer_imports_their_communes_list(browser: Browser, live_site: str, tmp_path) -> None:
    officer = as_user(browser, live_site, "canboxa")
    header = 'Mã hộ,Họ tên chủ hộ,Năm sinh,Mã đơn vị hành chính cấp xã,"Thôn, bản",Diện\n'
    bad = tmp_path / "ds-loi.csv"
    bad.write_text(header + "E2E-DS-1,Hồ Văn Thử,1980,18883,Thôn 1,nghèo\n", encoding="utf-8")
    good = tmp_path / "ds.csv"
    good.write_text(header + "E2E-DS-1,Hồ Văn Thử,1980,18880,Thôn 1,nghèo\n", encoding="utf-8")

    officer.goto("/chuong-trinh/danh-sach-ho-ngheo/")
    officer.get_by_label("Năm của danh sách").fill("2024")
    officer.get_by_label("Tệp (.xlsx hoặc .csv)").set_input_files(bad)
    officer.get_by_role("button", name=re.compile("Kiểm tra")).click()
    expect(officer.get_by_test_id("job-status")).to_have_attribute("data-status", "invalid", timeout=30000)
    expect(officer.get_by_test_id("import-errors")).to_contain_text("Không có xã nào mã 18883 trong địa bàn của bạn")

    officer.goto("/co-so-du-lieu/poverty-list/nhap/")
    officer.get_by_label("Năm của danh sách").fill("2024")
    officer.get_by_label("Quyết định phê duyệt").fill("99/QĐ-E2E")
    officer.get_by_label("Tệp (.xlsx hoặc .csv)").set_input_files(good)
    officer.get_by_role("button", name=re.compile("Kiểm tra")).click()
    expect(officer.get_by_test_id("job-status")).to_have_attribute("data-status", "valid", timeout=30000)
    expect(officer.get_by_test_id("import-parameters")).to_contain_text("99/QĐ-E2E")
    officer.get_by_test_id("commit-import").click()
    expect(officer.get_by_test_id("job-status")).to_have_attribute("data-status", "done", timeout=30000)
    expect(officer.get_by_test_id("import-result")).to_contain_text("tạo mới 1")
