"""A commune officer fills and submits a report; the specialist returns it; the leader's dashboard shows the
late report and links to it."""

import re

from playwright.sync_api import Browser, expect

from tests.browser.test_licensing import as_user


def test_a_report_goes_from_the_commune_to_the_specialist_and_back_and_shows_late(
    browser: Browser, live_site: str
) -> None:
    officer = as_user(browser, live_site, "canboxa")
    officer.goto("/")
    officer.get_by_test_id("commune-reports").get_by_role("link", name=re.compile("TT02-THANG")).first.click()
    expect(officer.get_by_test_id("report-status")).to_have_text("Bản nháp")
    expect(officer.get_by_test_id("report-values")).to_contain_text("bản ghi được đếm")
    officer.get_by_test_id("value-TT03").fill("12")
    officer.get_by_test_id("value-TT04").fill("8")
    officer.get_by_test_id("save-values").click()
    expect(officer.get_by_test_id("findings")).to_contain_text("không được lớn hơn tổng số thôn")
    officer.get_by_test_id("value-TT03").fill("6")
    officer.get_by_test_id("save-values").click()
    expect(officer.get_by_test_id("shown-TT05")).to_have_text("75")
    officer.get_by_test_id("submit-report").click()
    expect(officer.get_by_test_id("report-status")).to_have_text("Chờ duyệt")
    report_url = officer.url

    specialist = as_user(browser, live_site, "chuyenvien")
    specialist.goto("/bao-cao/?status=submitted")
    specialist.get_by_test_id("report-list").get_by_role("row", name=re.compile("Phường Đồng Hới")).get_by_role(
        "link"
    ).click()
    assert specialist.url == report_url
    specialist.get_by_label("Lý do trả lại").fill("Số thôn chưa khớp với biên bản kiểm tra.")
    specialist.get_by_test_id("return-report").click()
    expect(specialist.get_by_test_id("report-status")).to_have_text("Bị trả lại")

    officer.reload()
    expect(officer.get_by_test_id("return-reason")).to_contain_text("Số thôn chưa khớp")

    leader = as_user(browser, live_site, "lanhdao")
    leader.goto("/")
    late = leader.get_by_test_id("attention-reports_late")
    assert int(late.locator(".display-6").inner_text()) >= 1
    expect(leader.get_by_test_id("headline-chart")).to_be_visible()
    late.click()
    row = leader.get_by_test_id("report-list").get_by_role("row", name=re.compile("Phường Đồng Hới"))
    expect(row).to_contain_text("Bị trả lại")
    row.get_by_role("link").click()
    assert leader.url == report_url
    expect(leader.get_by_test_id("submit-report")).to_have_count(0)  # the leader reads, does not fill
