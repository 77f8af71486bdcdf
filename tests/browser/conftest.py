"""Browser tests: a real server process (gunicorn) on its own database, driven by Debian's Chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

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
BIN = Path(sys.executable).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _database_url(tmp: Path) -> Iterator[str]:
    """SQLite in a temp folder, or a fresh PostgreSQL database beside the one the suite was given."""
    base = os.environ.get("ICTMIS_DATABASE_URL", "")
    if not base.startswith("postgres"):
        yield f"sqlite:///{tmp / 'browser.sqlite3'}"
        return
    import psycopg

    name = "ictmis_browser_tests"
    prefix, _, _db = base.rpartition("/")
    admin_url = f"{prefix}/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{prefix}/{name}"
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The live site's data folder; its e-mails are files under `mail/`."""
    return tmp_path_factory.mktemp("site")


@pytest.fixture(scope="session")
def live_site(site_dir: Path) -> Iterator[str]:
    tmp = site_dir
    database = _database_url(tmp)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ictmis.settings",
        "ICTMIS_DATABASE_URL": next(database),
        "ICTMIS_DATA_DIR": str(tmp),
        "ICTMIS_DEMO": "1",
        "ICTMIS_HTTPS": "0",
        "ICTMIS_REQUIRE_2FA": "0",
        "ICTMIS_DEBUG": "0",
        "ICTMIS_SECRET_KEY": "browser-tests-secret-key-0123456789abcdefghijklmnop",
        "ICTMIS_TASK_BACKEND": "db",  # imports run in a real `ictmis db_worker`, as in `make demo`
        "ICTMIS_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",  # into <site>/mail
    }
    for command in (["migrate", "--no-input", "-v0"], ["collectstatic", "--no-input", "-v0"], ["load_demo"]):
        subprocess.run([str(BIN / "ictmis"), *command], env=env, check=True, stdout=subprocess.DEVNULL)
    port = _free_port()
    log = (tmp / "server.log").open("w")
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "ictmis.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    worker = subprocess.Popen(
        [str(BIN / "ictmis"), "db_worker", "--interval", "0.2"], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{url}/tai-khoan/dang-nhap/", timeout=2)
            break
        except urllib.error.HTTPError as exc:
            server.terminate()
            raise RuntimeError(f"server answers {exc.code}: {(tmp / 'server.log').read_text()[-3000:]}") from exc
        except OSError as exc:
            if server.poll() is not None or time.monotonic() > deadline:
                server.terminate()
                raise RuntimeError(f"server did not start: {(tmp / 'server.log').read_text()[-3000:]}") from exc
            time.sleep(0.3)
    yield url
    worker.terminate()
    server.terminate()
    worker.wait(timeout=20)
    server.wait(timeout=20)
    log.close()
    for _ in database:
        pass


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
