"""The case list's row selection: the leader ticks two open cases and assigns them to the specialist, who finds
them under "assigned to me" and in the bell."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import as_user

FINISHED = {"đã trả kết quả", "đã đóng cửa", "đã rút hồ sơ"}


def unread(page: Page) -> int:
    badge = page.get_by_test_id("unread-count")
    return int(badge.inner_text()) if badge.count() else 0


def open_codes(page: Page, count: int) -> list[str]:
    """The codes of the first open cases on the list page."""
    codes = []
    for row in page.get_by_test_id("cases").locator("tbody tr").all():
        cells = row.locator("td")
        if cells.count() > 4 and cells.nth(4).inner_text().strip() not in FINISHED:
            codes.append(cells.nth(1).inner_text().strip())
    assert len(codes) >= count, codes
    return codes[:count]


def test_a_leader_assigns_two_ticked_cases_and_the_specialist_finds_them(browser: Browser, live_site: str) -> None:
    specialist = as_user(browser, live_site, "chuyenvien")
    before = unread(specialist)
    leader = as_user(browser, live_site, "lanhdao")
    leader.goto("/thu-tuc/ho-so/")
    codes = open_codes(leader, 2)

    for code in codes:
        leader.get_by_role("checkbox", name=f"Chọn {code}").check()
    bar = leader.get_by_test_id("bulk-bar")
    expect(bar).to_contain_text("Đã chọn: 2")
    bar.get_by_label("Giao cho").select_option(label="Trần Thị Lan")
    bar.get_by_role("button", name="Giao các hồ sơ đã chọn").click()
    expect(leader.get_by_role("alert").first).to_contain_text("Đã giao 2 hồ sơ cho Trần Thị Lan")

    specialist.goto("/thu-tuc/ho-so/")
    specialist.get_by_test_id("case-mine").get_by_role("link", name="Giao cho tôi").click()
    table = specialist.get_by_test_id("cases")
    for code in codes:
        expect(table.get_by_role("link", name=code, exact=True)).to_be_visible()
    assert unread(specialist) >= before + 2
    specialist.get_by_test_id("notification-bell").get_by_role("button").click()
    expect(specialist.get_by_test_id("notification-latest")).to_contain_text(f"Hồ sơ {codes[0]}")
