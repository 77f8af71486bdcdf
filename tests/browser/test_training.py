"""A specialist creates a course, enrols participants, marks attendance, records results and issues a
certificate; the public portal confirms its verification code and says nothing of an unknown one."""

from playwright.sync_api import Browser, expect

from tests.browser.test_licensing import as_user

PEOPLE = [("Phan Thị Thu", "1988"), ("Đinh Văn Sơn", "1979")]


def test_a_course_ends_with_a_certificate_the_portal_verifies(browser: Browser, live_site: str) -> None:
    specialist = as_user(browser, live_site, "chuyenvien")
    specialist.goto("/dao-tao/")
    specialist.get_by_test_id("new-course").click()
    form = specialist.get_by_test_id("course-form")
    form.locator("[name=plan]").select_option(label="2026: Kế hoạch đào tạo, bồi dưỡng năm 2026")
    form.locator("[name=code]").fill("e2e-atttt")
    form.locator("[name=title]").fill("An toàn thông tin cho cán bộ xã")
    form.locator("[name=topic]").select_option("information_security")
    form.locator("[name=target_group]").select_option("commune_officers")
    form.locator("[name=starts_on]").fill("24/11/2026")
    form.locator("[name=ends_on]").fill("25/11/2026")
    form.locator("[name=place]").fill("Hội trường Sở, Đông Hà")
    form.get_by_role("button", name="Tạo khóa đào tạo").click()
    expect(specialist.get_by_role("heading", level=1)).to_contain_text("An toàn thông tin cho cán bộ xã")

    for name, year in PEOPLE:
        enrol = specialist.get_by_test_id("enrol-form")
        enrol.locator("[name=full_name]").fill(name)
        enrol.locator("[name=birth_year]").fill(year)
        enrol.locator("[name=unit]").fill("19015")
        enrol.get_by_role("button", name="Ghi danh").click()
        expect(specialist.get_by_test_id("participants")).to_contain_text(name)
    enrol = specialist.get_by_test_id("enrol-form")
    enrol.locator("[name=full_name]").fill("Người Không Xã")
    enrol.locator("[name=unit]").fill("00000")
    enrol.get_by_role("button", name="Ghi danh").click()
    expect(specialist.get_by_test_id("enrol-form")).to_contain_text("Không có xã nào có mã “00000”.")

    for day in ("2026-11-24", "2026-11-25"):
        sheet = specialist.get_by_test_id(f"attendance-{day}")
        for box in sheet.get_by_role("checkbox").all():
            box.check()
        sheet.get_by_role("button", name="Lưu điểm danh").click()
        expect(specialist.get_by_role("alert").first).to_contain_text("Đã lưu điểm danh")
    expect(specialist.get_by_test_id("participants").locator("tr", has_text=PEOPLE[0][0])).to_contain_text("2/2")

    row = specialist.get_by_test_id("participants").locator("tr", has_text=PEOPLE[0][0])
    row.locator("select[name=result]").select_option("passed")
    row.get_by_role("button", name="Lưu").click()
    expect(specialist.get_by_role("alert").first).to_contain_text("Đã ghi kết quả")
    specialist.get_by_test_id("participants").locator("tr", has_text=PEOPLE[0][0]).get_by_test_id(
        "issue-certificate"
    ).click()
    expect(specialist.get_by_role("alert").first).to_contain_text("Đã cấp giấy chứng nhận số")
    code = specialist.get_by_test_id("certificate-code").inner_text().strip()
    number = specialist.get_by_test_id("certificate-number").inner_text().strip()
    assert len(code) == 10 and number.startswith(tuple(f"{n:02d}/" for n in range(1, 100)))

    public = browser.new_context(base_url=live_site, locale="vi-VN").new_page()
    public.goto("/cong-thong-tin/")
    public.get_by_role("link", name="Xác minh chứng chỉ").click()
    public.get_by_label("Mã xác minh").fill(code.lower())
    public.get_by_role("button", name="Xác minh").click()
    result = public.get_by_test_id("verify-result")
    expect(result).to_contain_text("Giấy chứng nhận hợp lệ.")
    expect(result).to_contain_text(PEOPLE[0][0])
    expect(result).to_contain_text(number)

    public.get_by_label("Mã xác minh").fill("ZZZZ-ZZZZ-ZZ")
    public.get_by_role("button", name="Xác minh").click()
    expect(public.get_by_test_id("verify-result")).to_have_text("Không có giấy chứng nhận nào có mã xác minh này.")
    expect(public.locator("main")).not_to_contain_text(PEOPLE[0][0])
