"""Who signs: the head, or a deputy "KT." for the head; and how a legal text is cited on a document."""

import datetime as dt
import io

import pytest
from docx import Document

from ictmis.accounts.models import User
from ictmis.documents.models import IssuingBody, Signatory
from ictmis.documents.public import issue_document, signature_on
from ictmis.legal.public import by_number, formal_citation

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 3, 16)


def _signatories() -> User:
    body = IssuingBody.objects.get(abbreviation="SKHCN", place="Quảng Trị")
    leader = User.objects.get(username="lanhdao")
    Signatory.objects.create(body=body, full_name="Lê Minh Châu", position="GIÁM ĐỐC", is_head=True)
    Signatory.objects.create(body=body, full_name="Nguyễn Văn Hùng", position="PHÓ GIÁM ĐỐC", user=leader)
    return leader


def test_a_deputy_signs_for_the_head_and_the_head_signs_in_their_own_name() -> None:
    leader = _signatories()

    deputy = signature_on(DAY, user=leader)
    head = signature_on(DAY, user=User.objects.get(username="chuyenvien"))

    assert (deputy.authority, deputy.title, deputy.name) == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn Hùng")
    assert (head.authority, head.title, head.name) == ("", "GIÁM ĐỐC", "Lê Minh Châu")


def test_a_signatory_of_another_period_does_not_sign() -> None:
    _signatories()
    Signatory.objects.filter(is_head=True).update(valid_to=dt.date(2026, 1, 1))

    assert signature_on(DAY).name == ""


def test_the_signature_block_of_a_document_signed_by_a_deputy() -> None:
    leader = _signatories()
    now = dt.datetime(2026, 3, 16, 3, 0, tzinfo=dt.UTC)

    document = issue_document(
        kind_code="refusal", title="PHIẾU TỪ CHỐI", subject="t:9", context={}, actor=leader, now=now,
        signature=signature_on(DAY, user=leader),
    )  # fmt: skip

    with document.file.open("rb") as handle:
        docx = Document(io.BytesIO(handle.read()))
    cells = "\n".join(cell.text for table in docx.tables for row in table.rows for cell in row.cells)
    assert "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC" in cells and "Nguyễn Văn Hùng" in cells
    assert document.signer_title == "PHÓ GIÁM ĐỐC" and document.signer_name == "Nguyễn Văn Hùng"


def test_a_decree_is_cited_in_full_and_a_doubtful_date_is_left_out() -> None:
    assert formal_citation(by_number("147/2024/NĐ-CP")) == (
        "Nghị định số 147/2024/NĐ-CP ngày 09 tháng 11 năm 2024 của Chính phủ về quản lý, cung cấp, sử dụng dịch vụ "
        "Internet và thông tin trên mạng"
    )
    assert formal_citation(by_number("72/2013/NĐ-CP"), article="khoản 5 Điều 23").startswith(
        "khoản 5 Điều 23 Nghị định số 72/2013/NĐ-CP ngày 15 tháng 7 năm 2013 của Chính phủ"
    )
    assert formal_citation(by_number("61/2018/NĐ-CP")) == (
        "Nghị định số 61/2018/NĐ-CP của Chính phủ về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết "
        "thủ tục hành chính"
    )
    assert formal_citation(by_number("45/2019/QH14")) == "Bộ luật Lao động số 45/2019/QH14 ngày 20 tháng 11 năm 2019"
