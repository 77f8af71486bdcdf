"""The process-control sheet also comes as a Word document with every hand-off of the case."""

import io

import pytest
from django.test import Client
from docx import Document

from ictmis.accounts.models import User
from ictmis.licensing import services
from ictmis.parties.models import Organisation

pytestmark = pytest.mark.django_db


def test_the_process_sheet_as_docx_lists_each_step_in_vietnamese(today_now) -> None:
    specialist = User.objects.get(username="chuyenvien")
    case = services.open_case(
        procedure_code="website.new",
        applicant=Organisation.objects.get(tax_code="4701234564"),
        particulars={"domains": ["phieu.vn"], "server_location": "Đồng Hới", "responsible_person": "An"},
        actor=specialist,
        now=today_now,
        files=[services.Upload("Đơn", b"%PDF-1.4 test", "don.pdf")],
    )
    client = Client()
    client.force_login(specialist)

    response = client.get(f"/thu-tuc/ho-so/{case.pk}/phieu-kiem-soat/", {"format": "docx"})

    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument")
    document = Document(io.BytesIO(response.content))
    text = "\n".join(
        [p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows for c in r.cells]
    )
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text and case.code in text
    assert "Trần Thị Lan" in text and "Thời gian" in text
    assert "UBND TỈNH QUẢNG TRỊ" in text


def test_the_portal_footer_names_the_agency_and_who_answers_for_the_content(client, settings) -> None:
    settings.PORTAL_CONTACT = {
        "address": "Số 1 đường Thử, phường Đồng Hới",
        "phone": "0232 3 000 000",
        "email": "lienhe@example.gov.vn",
        "responsible": "Lê Minh Châu, Giám đốc",
    }

    page = client.get("/cong-thong-tin/").content.decode()

    for expected in ("Số 1 đường Thử", "tel:02323000000", "lienhe@example.gov.vn", "Lê Minh Châu, Giám đốc"):
        assert expected in page


def test_the_menu_holds_only_modules_the_user_can_open() -> None:
    from ictmis.core.navigation import modules_for

    editor = modules_for(User.objects.get(username="bientap"))

    assert {m["key"] for m in editor} == {"units", "portal", "calendar"}
    assert all(m["url"] for m in editor)
