"""An inspector fines on the spot without a record, from the sanctions page: the form refuses an amount over the
ceiling of the day, saying a record must be made, then drafts the decision within it."""

from playwright.sync_api import Browser, expect

from tests.browser.conftest import as_user


def test_an_inspector_fines_on_the_spot_and_the_form_refuses_an_amount_over_the_ceiling(
    browser: Browser, live_site: str
) -> None:
    inspector = as_user(browser, live_site, "thanhtra")
    inspector.goto("/thanh-tra/")
    inspector.get_by_test_id("new-without-record").click()
    expect(inspector.get_by_test_id("ceilings")).to_contain_text("500.000")

    form = inspector.get_by_test_id("without-record-form")
    form.locator("#id_violator_type").select_option("individual")
    form.locator("#id_violator_name").fill("Trần Thị Mai (thử nghiệm)")
    form.locator("#id_violator_id_number").fill("044190004321")
    form.locator("#id_place").fill("Điểm phục vụ bưu chính, phường Đồng Hới")
    form.locator("#id_address").fill("25 Quang Trung, phường Đồng Hới")
    option = form.locator("#id_provision option", has_text="Không niêm yết công khai giá cước")
    form.locator("#id_provision").select_option(option.get_attribute("value"))
    form.locator("#id_fine").fill("600000")
    form.locator("#id_aggravating").fill("Vi phạm nhiều lần trong ngày")
    form.locator("#id_signer_title").select_option("commune_pc")
    form.get_by_role("button", name="Dự thảo quyết định").click()

    refusals = inspector.get_by_test_id("refusals")
    expect(refusals).to_contain_text("phải lập biên bản")
    expect(refusals).to_contain_text("Điều 56, 88/2025/QH15")

    form = inspector.get_by_test_id("without-record-form")
    form.locator("#id_fine").fill("500000")
    form.locator("#id_aggravating").fill("")
    form.get_by_role("button", name="Dự thảo quyết định").click()

    expect(inspector.get_by_test_id("status")).to_contain_text("Bản nháp")
    expect(inspector.get_by_test_id("without-record")).to_contain_text("không lập biên bản")
    expect(inspector.get_by_test_id("total")).to_contain_text("500.000")
