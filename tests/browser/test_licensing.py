"""The whole licensing path in a browser: an enterprise applies online, the specialist and the leader
take it to a licence, the public register shows it; and a late case with its apology letter."""

import io
import re
from pathlib import Path

from docx import Document
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


def test_online_application_to_published_licence(browser: Browser, live_site: str, tmp_path: Path) -> None:
    application = tmp_path / "don.pdf"
    application.write_bytes(b"%PDF-1.7\n% don de nghi\n")

    enterprise = as_user(browser, live_site, "doanhnghiep")
    enterprise.goto("/thu-tuc/ho-so/them/")
    enterprise.get_by_role("link", name=re.compile("^Cấp giấy phép thiết lập")).click()
    expect(enterprise.get_by_test_id("rule")).to_contain_text("10 ngày làm việc")
    expect(enterprise.get_by_test_id("rule")).to_contain_text("147/2024/NĐ-CP")
    form = enterprise.get_by_test_id("case-form")
    form.get_by_label("Tên trang thông tin điện tử", exact=True).fill("Bản tin Nhật Lệ")
    form.get_by_label("Tên miền", exact=True).fill("bantinnhatle.vn")
    form.get_by_label("Địa chỉ đặt máy chủ tại Việt Nam", exact=True).fill("Trung tâm dữ liệu, Đồng Hới")
    form.get_by_label("Người chịu trách nhiệm quản lý nội dung", exact=True).fill("Hoàng Anh Tuấn")
    form.get_by_label(re.compile("^Đơn đề nghị cấp giấy phép")).set_input_files(application)
    form.get_by_role("button", name="Nộp hồ sơ").click()
    expect(enterprise.get_by_test_id("case-status")).to_have_text("đã nộp trực tuyến, chờ tiếp nhận")
    code = enterprise.locator("h1").inner_text().split()[-1]
    case_url = enterprise.url

    specialist = as_user(browser, live_site, "chuyenvien")
    specialist.goto("/thu-tuc/ho-so/?q=" + code)
    specialist.get_by_role("link", name=code).click()
    expect(specialist.get_by_test_id("files")).to_contain_text("don.pdf")
    receive = specialist.get_by_test_id("case-actions").locator(
        "form", has=specialist.get_by_role("button", name="Tiếp nhận")
    )
    expect(receive.get_by_role("checkbox").first).to_be_checked()  # the uploaded application form
    expect(receive.get_by_role("checkbox").nth(1)).not_to_be_checked()
    step(specialist, "Tiếp nhận", tick_all=True)
    expect(specialist.get_by_test_id("due-on")).to_contain_text("trong hạn")
    step(specialist, "Chuyển thẩm định")
    step(specialist, "Trình lãnh đạo", "Hồ sơ đủ điều kiện, đề nghị cấp phép.")
    expect(specialist.get_by_test_id("case-actions").get_by_role("button", name="Đồng ý cấp")).to_have_count(0)

    leader = as_user(browser, live_site, "lanhdao")
    leader.goto(case_url)
    step(leader, "Đồng ý cấp")

    specialist.reload()
    step(specialist, "Trả kết quả")
    expect(specialist.get_by_test_id("case-status")).to_have_text("đã trả kết quả")
    reference = specialist.get_by_test_id("case-licence").inner_text()
    number, _sep, issued = reference.partition(" ngày ")
    assert number.endswith("/GP-SKHCN") and re.fullmatch(r"\d\d/\d\d/\d{4}", issued)
    with specialist.expect_download() as download:
        specialist.get_by_test_id("documents").get_by_role("link", name=re.compile("GIẤY PHÉP")).click()
    licence = Document(io.BytesIO(Path(download.value.path()).read_bytes()))
    cells = " ".join(c.text for t in licence.tables for r in t.rows for c in r.cells)
    assert "bantinnhatle.vn" in cells and f"Số: {number}" in cells

    public = browser.new_page(base_url=live_site, locale="vi-VN")
    public.goto("/cong-thong-tin/")
    public.get_by_role("link", name="Giấy phép").click()
    public.get_by_test_id("register-search").fill("ban tin nhat le")
    public.get_by_role("button", name="Tìm kiếm").click()
    expect(public.get_by_test_id("licences")).to_contain_text(number)
    expect(public.get_by_test_id("licences")).to_contain_text("bantinnhatle.vn")
    public.get_by_test_id("register-search").fill("phongnhatravel")
    public.get_by_role("button", name="Tìm kiếm").click()
    expect(public.get_by_test_id("licences")).to_contain_text("đã thu hồi")


def test_a_late_case_has_an_apology_letter_with_a_new_appointment(browser: Browser, live_site: str) -> None:
    specialist = as_user(browser, live_site, "chuyenvien")
    specialist.goto("/thu-tuc/ho-so/?xem=overdue")
    specialist.get_by_test_id("cases").get_by_role("link").first.click()
    expect(specialist.get_by_test_id("late-alert")).to_be_visible()
    documents = specialist.get_by_test_id("documents")
    expect(documents).to_contain_text("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ")
    appointment = specialist.get_by_test_id("appointment").inner_text()
    with specialist.expect_download() as download:
        documents.get_by_role("link", name="PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ").first.click()
    letter = Document(io.BytesIO(Path(download.value.path()).read_bytes()))
    text = "\n".join(p.text for p in letter.paragraphs)
    assert "xin lỗi" in text and appointment in text

    specialist.get_by_test_id("late-alert").get_by_role("textbox").fill("31/12/2099")
    specialist.get_by_role("button", name="Soạn phiếu xin lỗi").click()
    expect(specialist.get_by_test_id("appointment")).to_have_text("31/12/2099")
    expect(specialist.get_by_test_id("documents").get_by_role("link", name=re.compile("XIN LỖI"))).to_have_count(2)

    sheet = specialist.get_by_role("link", name="Phiếu kiểm soát quá trình")
    sheet.click()
    expect(specialist.get_by_test_id("process-sheet")).to_contain_text("Chuyển thẩm định")
