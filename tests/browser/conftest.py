"""Browser tests: a real server process (gunicorn) on its own database, driven by Debian's Chromium."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tests.live import Site, running_site

CHROMIUM = os.environ.get("ICTMIS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The live site's data folder; its e-mails are files under `mail/`."""
    return tmp_path_factory.mktemp("site")


@pytest.fixture(scope="session")
def site(site_dir: Path) -> Iterator[Site]:
    """The live site, whose `call` makes a test's data through the services on the server's database."""
    with running_site(site_dir, database="ictmis_browser_tests") as running:
        yield running


@pytest.fixture(scope="session")
def live_site(site: Site) -> str:
    return site.url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"Chromium is required at {CHROMIUM}: apt-get install chromium (make test does it as root)")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def context(browser: Browser, live_site: str) -> Iterator[BrowserContext]:
    ctx = browser.new_context(base_url=live_site, locale="vi-VN")
    ctx.set_default_timeout(15000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


def as_user(browser: Browser, live_site: str, username: str) -> Page:
    """A page of its own (Vietnamese, 15 s timeouts) logged in as `username`."""
    context = browser.new_context(base_url=live_site, locale="vi-VN")
    context.set_default_timeout(15000)
    page = context.new_page()
    login(page, username)
    return page


def login(page: Page, username: str, password: str = "ictmis-demo") -> None:
    page.goto("/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(lambda url: "dang-nhap" not in url)


@pytest.fixture
def login_as(page: Page) -> Any:
    def _login(username: str) -> Page:
        login(page, username)
        return page

    return _login
