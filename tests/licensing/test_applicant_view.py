"""What an enterprise reads on its own online application: a document it attached counts as attached, the
status says what it waits for, and a supplement request comes with the request and the upload form."""

import pytest
from django.test import Client

from ictmis.accounts.models import User
from ictmis.licensing import services
from ictmis.licensing.models import Case, Procedure
from tests.licensing.conftest import WEBSITE

pytestmark = pytest.mark.django_db


def _enterprise() -> Client:
    client = Client()
    client.force_login(User.objects.get(username="doanhnghiep"))
    return client


def test_attached_documents_count_as_attached_until_the_department_checks_them(applicant, today_now) -> None:
    enterprise = User.objects.get(username="doanhnghiep")
    required = services.rule_in_force(Procedure.objects.get(code="website.new"), today_now.date()).required_documents
    case = services.open_case(
        procedure_code="website.new",
        applicant=applicant,
        particulars=WEBSITE,
        actor=enterprise,
        now=today_now,
        channel="online",
        files=[services.Upload(name, b"%PDF-1.4 tep", f"tep-{n}.pdf") for n, name in enumerate(required)],
    )
    assert case.status == Case.Status.SUBMITTED

    page = _enterprise().get(f"/thu-tuc/ho-so/{case.pk}/").content.decode()

    assert page.count('data-state="attached"') == len(required) and 'data-state="missing"' not in page
    assert "đã nộp trực tuyến, chờ tiếp nhận" in page
    assert "chờ Sở tiếp nhận" in page and "Hiện bạn không có bước xử lý nào" not in page


def test_a_supplement_request_shows_the_request_and_the_upload_form(applicant, specialist, today_now) -> None:
    case = services.open_case(
        procedure_code="website.new", applicant=applicant, particulars=WEBSITE, actor=specialist, now=today_now,
        channel="online",
    )  # fmt: skip
    case = services.act(
        case=case, action="receive", actor=specialist, now=today_now, checklist=[True, False, True, True, True]
    )
    case = services.act(
        case=case, action="request_supplement", actor=specialist, now=today_now, note="Bổ sung bản sao giấy phép"
    )

    page = _enterprise().get(f"/thu-tuc/ho-so/{case.pk}/").content.decode()

    assert 'data-testid="applicant-status"' in page and "Bổ sung bản sao giấy phép" in page
    assert 'data-testid="upload-form"' in page
