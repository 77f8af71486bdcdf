"""The maps draw their base layer (offline by default) under the records, in a real browser, within the CSP."""

from __future__ import annotations

from playwright.sync_api import ConsoleMessage, Page, expect

from tests.browser.conftest import login


def watch_console(page: Page) -> list[str]:
    errors: list[str] = []

    def keep(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("console", keep)
    return errors


def expect_base_layer(page: Page, test_id: str) -> None:
    area = page.get_by_test_id(test_id)
    expect(area).to_have_attribute("data-base-layer", "vector")
    outlines = area.locator(".leaflet-mapBase-pane path")
    expect(outlines.first).to_be_attached()
    assert outlines.count() >= 10  # Viet Nam and its neighbours, one path each
    assert (outlines.first.get_attribute("d") or "").startswith("M")
    labels = area.locator(".leaflet-mapBaseLabels-pane")
    expect(labels).to_contain_text("Quần đảo Hoàng Sa")
    expect(labels).to_contain_text("Quần đảo Trường Sa")
    expect(labels).to_contain_text("Biển Đông")
    expect(labels.locator(".map-base-capital")).to_contain_text("Hà Nội")
    expect(area.locator(".leaflet-control-attribution")).to_contain_text("Natural Earth")


def test_the_public_register_map_draws_the_offline_base_layer_under_the_records(page: Page) -> None:
    errors = watch_console(page)
    page.goto("/cong-thong-tin/so-lieu/bts-stations/ban-do/")
    area = page.get_by_test_id("registry-map")
    expect(area).to_have_attribute("data-loading", "0")
    expect_base_layer(page, "registry-map")
    # the records stay above the base layer and clickable
    expect(page.locator(".leaflet-overlay-pane .leaflet-interactive, .map-cluster").first).to_be_visible()
    assert not [e for e in errors if "Content Security Policy" in e], errors


def test_a_staff_map_of_figures_by_commune_draws_it_too(page: Page) -> None:
    errors = watch_console(page)
    login(page, "chuyenvien")
    page.goto("/chuong-trinh/tv-digitisation/")
    expect_base_layer(page, "progress-map")
    # the communes' dots are still the only interactive shapes, drawn above the base layer
    area = page.get_by_test_id("progress-map")
    assert area.locator("path.leaflet-interactive").count() == int(area.get_attribute("data-points") or 0)
    assert not [e for e in errors if "Content Security Policy" in e], errors
