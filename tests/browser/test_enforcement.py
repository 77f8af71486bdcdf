"""An inspector records a violation and drafts a decision; the form refuses a signer without the authority and
says who may sign; the leader signs; a payment closes the case. A leader orders the coercive enforcement of an
overdue fine from its own form, which refuses bad input beside the field; an inspector cannot."""

import datetime as dt
import io

from docx import Document
from playwright.sync_api import Browser, expect

from tests.browser.conftest import as_user
from tests.live import Site

SEEDS = "tests.browser.seeds"


def test_record_refused_signer_transfer_hint_signature_and_payment(browser: Browser, live_site: str) -> None:
    today = dt.date.today()
    inspector = as_user(browser, live_site, "thanhtra")
    inspector.goto("/thanh-tra/bien-ban/moi/")
    form = inspector.get_by_test_id("record-form")
    form.locator("#id_violator_type").select_option("organisation")
    form.get_by_label("Tên cá nhân, tổ chức vi phạm").fill("Công ty Cổ phần Viễn thông Nhật Lệ (dữ liệu mẫu)")
    form.get_by_label("Số định danh cá nhân hoặc mã số thuế").fill("4701234564")
    form.get_by_label("Địa điểm xảy ra vi phạm").fill("Trạm BTS, phường Đồng Hới")
    form.get_by_label("Ngày phát hiện").fill(today.strftime("%d/%m/%Y"))
    option = form.locator("#id_provisions option", has_text="khoản 1 Điều 41, 174/2026/NĐ-CP")
    form.locator("#id_provisions").select_option(option.get_attribute("value"))
    form.get_by_role("button", name="Lập biên bản").click()

    decision_form = inspector.get_by_test_id("decision-form")
    expect(decision_form.get_by_test_id("range")).to_contain_text("20.000.000 – 30.000.000")
    decision_form.get_by_label("Chức danh người ký").select_option("chief_inspector")
    decision_form.get_by_role("button", name="Dự thảo quyết định").click()
    expect(inspector.get_by_test_id("refusals")).to_contain_text("vượt quá thẩm quyền")
    expect(inspector.get_by_test_id("competent")).to_contain_text("Chủ tịch Ủy ban nhân dân cấp xã")

    inspector.get_by_test_id("decision-form").get_by_label("Chức danh người ký").select_option("commune_pc")
    inspector.get_by_test_id("decision-form").get_by_role("button", name="Dự thảo quyết định").click()
    expect(inspector.get_by_test_id("status")).to_contain_text("Bản nháp")
    url = inspector.url

    leader = as_user(browser, live_site, "lanhdao")
    leader.goto(url)
    leader.get_by_test_id("action-sign").click()
    expect(leader.get_by_test_id("status")).to_contain_text("Đã ký")

    inspector.goto(url)
    payment = inspector.get_by_test_id("payment-form")
    payment.get_by_label("Số tiền (đồng)").fill("25000000")
    payment.get_by_role("button", name="Ghi nhận nộp phạt").click()
    expect(inspector.get_by_test_id("status")).to_contain_text("Đã kết thúc")
    expect(inspector.get_by_test_id("paid")).to_contain_text("25.000.000")


def test_a_plan_approved_by_the_leader_an_inspection_concluded_and_followed_and_the_published_decision(
    browser: Browser, live_site: str
) -> None:
    inspector = as_user(browser, live_site, "thanhtra")
    inspector.goto("/thanh-tra/kiem-tra/")
    inspector.get_by_test_id("new-plan").click()
    plan_form = inspector.get_by_test_id("plan-form")
    plan_form.locator("#id_year").fill("2030")
    plan_form.locator("#id_title").fill("Kế hoạch kiểm tra chuyên ngành năm 2030 (thử nghiệm)")
    plan_form.locator("#id_planned_inspections").fill("2")
    plan_form.get_by_role("button", name="Lập dự thảo kế hoạch").click()

    leader = as_user(browser, live_site, "lanhdao")
    leader.goto("/thanh-tra/kiem-tra/")
    row = leader.get_by_test_id("plans").locator("tr", has_text="năm 2030 (thử nghiệm)")
    row.get_by_role("button", name="Phê duyệt").click()
    expect(leader.get_by_test_id("plans").locator("tr", has_text="năm 2030 (thử nghiệm)")).to_contain_text(
        "đã phê duyệt"
    )

    inspector.goto("/thanh-tra/kiem-tra/moi/")
    form = inspector.get_by_test_id("inspection-form")
    form.locator("#id_plan").select_option(label="Kế hoạch kiểm tra chuyên ngành năm 2030 (thử nghiệm)")
    form.locator("#id_subject").select_option(index=1)
    form.locator("#id_scope").fill("Trạm BTS và hạ tầng viễn thông thụ động")
    form.locator("#id_team_head").select_option(index=1)
    form.locator("#id_starts_on").fill("02/03/2030")
    form.locator("#id_ends_on").fill("06/03/2030")
    form.get_by_role("button", name="Mở cuộc thanh tra").click()

    conclusion = inspector.get_by_test_id("conclusion-form")
    conclusion.locator("#id_findings").fill("Hai trạm chưa thông báo cho Sở trước khi xây dựng.")
    conclusion.locator("#id_conclusion").fill("Yêu cầu thông báo bổ sung.")
    conclusion.locator("#id_remedies").fill("Thông báo bổ sung hai trạm; 30/04/2030")
    conclusion.get_by_role("button", name="Kết luận thanh tra").click()
    expect(inspector.get_by_test_id("inspection-status")).to_contain_text("Đã kết luận")
    inspector.get_by_test_id("remedy-done-0").click()
    expect(inspector.get_by_test_id("remedy-done-0")).to_have_count(0)
    expect(inspector.get_by_test_id("remedies")).to_contain_text(dt.date.today().strftime("%Y-"))

    public = browser.new_page(base_url=live_site, locale="vi-VN")
    public.goto("/cong-thong-tin/quyet-dinh-xu-phat/")
    expect(public.get_by_test_id("published-decisions")).to_contain_text("Điều 41, 15/2020/NĐ-CP")


def test_an_inspector_sees_no_coercion_action_and_is_refused_the_form(browser: Browser, site: Site) -> None:
    decision = site.call(f"{SEEDS}.overdue_sanction_decision")
    url = f"/thanh-tra/quyet-dinh/{decision['id']}/"
    inspector = as_user(browser, site.url, "thanhtra")
    inspector.goto(url)
    expect(inspector.get_by_test_id("status")).to_contain_text("Đã giao")
    expect(inspector.get_by_test_id("action-enforce")).to_have_count(0)
    token = inspector.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")

    opened = inspector.request.get(f"{url}cuong-che/")
    posted = inspector.request.post(
        f"{url}cuong-che/",
        form={"csrfmiddlewaretoken": token or "", "measure": "account", "decided_on": decision["today"]},
        headers={"X-CSRFToken": token or ""},
    )

    assert (opened.status, posted.status) == (403, 403)
    assert "Bạn không có quyền xem trang này." in posted.text()  # the permission refused, not the CSRF check
    assert site.call(f"{SEEDS}.coercions_of", decision_id=decision["id"]) == 0
    officer = as_user(browser, site.url, "canboxa")
    assert officer.request.get(f"{url}cuong-che/").status in (403, 404)


def test_a_leader_orders_coercion_of_an_overdue_fine_and_downloads_its_decision(browser: Browser, site: Site) -> None:
    decision = site.call(f"{SEEDS}.overdue_sanction_decision")
    day_before = dt.datetime.strptime(decision["decided_on"], "%d/%m/%Y").date() - dt.timedelta(days=1)
    leader = as_user(browser, site.url, "lanhdao")
    leader.goto(f"/thanh-tra/quyet-dinh/{decision['id']}/")
    expect(leader.get_by_test_id("status")).to_contain_text("Đã giao")
    leader.get_by_test_id("action-enforce").click()

    form = leader.get_by_test_id("coercion-form")
    expect(leader.get_by_test_id("coercion-basis")).to_contain_text("Luật Xử lý vi phạm hành chính")
    expect(leader.get_by_test_id("coercion-basis")).to_contain_text("chưa xác nhận")
    expect(leader.get_by_test_id("coerced-decision")).to_contain_text(decision["number"])
    form.get_by_role("button", name="Ra quyết định cưỡng chế").click()
    expect(leader.locator("#id_measure_errors")).to_contain_text("Trường này là bắt buộc")
    assert site.call(f"{SEEDS}.coercions_of", decision_id=decision["id"]) == 0

    form = leader.get_by_test_id("coercion-form")
    form.get_by_label("Biện pháp cưỡng chế").select_option("account")
    form.get_by_label("Ngày ra quyết định cưỡng chế").fill(day_before.strftime("%d/%m/%Y"))
    form.get_by_role("button", name="Ra quyết định cưỡng chế").click()
    expect(leader.locator("#id_decided_on_errors")).to_contain_text("không thể ghi ngày trước ngày")
    expect(leader.locator("#id_decided_on_errors")).to_contain_text(decision["decided_on"])
    assert site.call(f"{SEEDS}.coercions_of", decision_id=decision["id"]) == 0

    form = leader.get_by_test_id("coercion-form")
    form.get_by_label("Ngày ra quyết định cưỡng chế").fill(decision["today"])
    form.get_by_label("Chức danh người ký").select_option(label="Chủ tịch Ủy ban nhân dân cấp xã")
    form.get_by_label("Nơi và cách thực hiện").fill("Tài khoản của Công ty tại ngân hàng (thử nghiệm)")
    form.get_by_role("button", name="Ra quyết định cưỡng chế").click()

    expect(leader.get_by_role("alert").filter(has_text="Đã ra quyết định cưỡng chế số")).to_be_visible()
    expect(leader.get_by_test_id("status")).to_contain_text("Đã cưỡng chế")
    coercions = leader.get_by_test_id("coercions")
    expect(coercions).to_contain_text("QĐ-CCXP")
    expect(coercions).to_contain_text("Khấu trừ tiền từ tài khoản")
    expect(leader.get_by_test_id("history")).to_contain_text("Cưỡng chế thi hành")
    expect(leader.get_by_test_id("action-enforce")).to_have_count(0)
    assert site.call(f"{SEEDS}.coercions_of", decision_id=decision["id"]) == 1

    with leader.expect_download() as download:
        coercions.get_by_role("link", name="Quyết định cưỡng chế (DOCX)").click()
    docx = Document(io.BytesIO(download.value.path().read_bytes()))
    text = "\n".join(
        [*(p.text for p in docx.paragraphs), *(c.text for t in docx.tables for r in t.rows for c in r.cells)]
    )
    assert decision["number"] in text and decision["violator"] in text
