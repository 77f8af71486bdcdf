"""The bell: a supplement requested on the demo's online case reaches the enterprise's bell and mailbox."""

from __future__ import annotations

import email
import re
import time
from email import policy
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import as_user


def step(page: Page, name: str, note: str = "", tick_all: bool = False) -> None:
    form = page.get_by_test_id("case-actions").locator("form", has=page.get_by_role("button", name=name, exact=True))
    if tick_all:
        for box in form.get_by_role("checkbox").all():
            box.check()
    if note:
        form.get_by_role("textbox").first.fill(note)
    form.get_by_role("button", name=name, exact=True).click()
    # The confirmation says what happened (its wording is the step's own); a refusal would be an alert-danger.
    expect(page.get_by_role("alert").first).to_have_class(re.compile(r"\balert-success\b"))


def mails_to(folder: Path, address: str, subject_part: str, timeout: float = 20) -> list[email.message.EmailMessage]:
    """The messages the task worker wrote for `address` whose subject contains `subject_part`."""
    deadline = time.monotonic() + timeout
    while True:
        found = []
        for path in sorted(folder.glob("*.log")) if folder.exists() else []:
            for raw in path.read_bytes().split(b"-" * 79 + b"\n"):
                if not raw.strip():
                    continue
                message = email.message_from_bytes(raw, policy=policy.default)
                if address in str(message["To"]) and subject_part in str(message["Subject"]):
                    found.append(message)
        if found or time.monotonic() > deadline:
            return found  # type: ignore[return-value]
        time.sleep(0.3)


def unread(page: Page) -> int:
    badge = page.get_by_test_id("unread-count")
    return int(badge.inner_text()) if badge.count() else 0


def test_a_supplement_request_reaches_the_enterprise_bell_and_mailbox(
    browser: Browser, live_site: str, site_dir: Path
) -> None:
    enterprise = as_user(browser, live_site, "doanhnghiep")
    before = unread(enterprise)

    specialist = as_user(browser, live_site, "chuyenvien")
    specialist.goto("/thu-tuc/ho-so/?q=nhatletelecom")
    row = specialist.get_by_role("row", name=re.compile("nhatletelecom.vn"))
    code = row.get_by_role("link").first.inner_text()
    row.get_by_role("link", name=code).click()
    expect(specialist.get_by_test_id("case-status")).to_have_text("đã nộp trực tuyến, chờ tiếp nhận")
    step(specialist, "Tiếp nhận", tick_all=True)
    step(specialist, "Yêu cầu bổ sung", "Bổ sung bản sao giấy chứng nhận đăng ký doanh nghiệp.")

    enterprise.goto("/")
    bell = enterprise.get_by_test_id("notification-bell")
    expect(bell.get_by_test_id("unread-count")).to_have_text(str(before + 2))  # received, then the request
    bell.get_by_role("button").click()
    latest = enterprise.get_by_test_id("notification-latest")
    request = latest.get_by_role("link", name=re.compile(f"Hồ sơ {code}: yêu cầu bổ sung"))
    expect(request).to_be_visible()
    request.click()
    expect(enterprise).to_have_url(re.compile(r"/thu-tuc/ho-so/\d+/$"))
    expect(enterprise.locator("h1")).to_contain_text(code)
    expect(enterprise.get_by_test_id("unread-count")).to_have_text(str(before + 1))

    enterprise.goto("/thong-bao/")
    expect(enterprise.get_by_test_id("notification-list")).to_contain_text(
        "Bổ sung bản sao giấy chứng nhận đăng ký doanh nghiệp."
    )
    enterprise.get_by_role("button", name="Đánh dấu tất cả đã đọc").click()
    expect(enterprise.get_by_test_id("unread-count")).to_have_count(0)

    [mail] = mails_to(site_dir / "mail", "doanhnghiep@demo.ictmis.example", f"Hồ sơ {code}: yêu cầu bổ sung")
    body = mail.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    assert "Bổ sung bản sao giấy chứng nhận đăng ký doanh nghiệp." in body
    assert re.search(r"http://127\.0\.0\.1:8000/thu-tuc/ho-so/\d+/", body)
