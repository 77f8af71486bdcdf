"""axe-core (from npm) run in Chromium on the main pages: no serious or critical violation."""

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import login

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

PUBLIC = ["/cong-thong-tin/", "/cong-thong-tin/so-lieu/bts-stations/", "/cong-thong-tin/du-lieu-mo/",
          "/cong-thong-tin/lien-he/", "/tai-khoan/dang-nhap/",
          "/cong-thong-tin/xac-minh-chung-chi/?ma=ABCDEFGH23"]  # fmt: skip
STAFF = ["/", "/don-vi-hanh-chinh/", "/to-chuc/", "/co-so-du-lieu/bts-stations/", "/co-so-du-lieu/post-offices/them/",
         "/lich-lam-viec/", "/quan-tri/nguoi-dung/them/", "/dao-tao/", "/dao-tao/bao-phu/",
         "/dao-tao/khoa/them/"]  # fmt: skip


def serious_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("path", PUBLIC)
def test_public_pages_have_no_serious_violations(browser: Browser, live_site: str, path: str) -> None:
    context = browser.new_context(base_url=live_site, locale="vi-VN", bypass_csp=True)
    page = context.new_page()
    page.goto(path)
    assert serious_violations(page) == []
    context.close()


def test_staff_pages_have_no_serious_violations(browser: Browser, live_site: str) -> None:
    context = browser.new_context(base_url=live_site, locale="vi-VN", bypass_csp=True)
    page = context.new_page()
    login(page, "admin")
    found = {}
    for path in STAFF:
        page.goto(path)
        violations = serious_violations(page)
        if violations:
            found[path] = violations
    context.close()
    assert found == {}
