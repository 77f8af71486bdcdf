"""Outgoing numbers never repeat, even under concurrent issue; generated DOCX carry the official layout."""

import datetime as dt
import io
import threading

import pytest
from django.db import connection
from docx import Document

from ictmis.documents.models import OutgoingDocument
from ictmis.documents.public import date_line, issue_document, reserve_number


@pytest.mark.django_db
def test_numbers_count_per_kind_and_restart_each_year() -> None:
    assert reserve_number(kind_code="licence", year=2026) == (1, "1/GP-STTTT")
    assert reserve_number(kind_code="licence", year=2026) == (2, "2/GP-STTTT")
    assert reserve_number(kind_code="apology", year=2026) == (1, "1/STTTT-TTĐT")
    assert reserve_number(kind_code="licence", year=2027) == (1, "1/GP-STTTT")


@pytest.mark.django_db(transaction=True)
def test_concurrent_issue_gives_no_duplicate_number() -> None:
    taken: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def work() -> None:
        try:
            for _ in range(5):
                sequence, _number = reserve_number(kind_code="licence", year=2030)
                with lock:
                    taken.append(sequence)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(taken) == list(range(1, 41))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 2, 5), "Quảng Bình, ngày 05 tháng 02 năm 2026"),
        (dt.date(2026, 3, 15), "Quảng Bình, ngày 15 tháng 3 năm 2026"),
        (dt.date(2026, 12, 1), "Quảng Bình, ngày 01 tháng 12 năm 2026"),
    ],
)
def test_the_date_line_follows_decree_30(day: dt.date, expected: str) -> None:
    assert date_line("Quảng Bình", day) == expected


@pytest.mark.django_db
def test_a_generated_document_is_a_real_docx_with_every_part() -> None:
    now = dt.datetime(2026, 2, 5, 3, 0, tzinfo=dt.UTC)
    document = issue_document(
        kind_code="licence",
        title="GIẤY PHÉP THIẾT LẬP TRANG THÔNG TIN ĐIỆN TỬ TỔNG HỢP",
        subject="test:1",
        context={
            "bases": ["Căn cứ Nghị định số 147/2024/NĐ-CP"],
            "paragraphs": ["Cấp phép cho Công ty <A> & B:"],
            "fields": [{"label": "Tên miền", "value": "tintucnhatle.vn"}],
            "table": {"headers": ["TT", "Thành phần", "Có"], "rows": [["1", "Đơn đề nghị", "x"]]},
            "recipients": ["Công ty A", "Lưu: VT"],
        },
        signer_title="GIÁM ĐỐC",
        signer_name="Nguyễn Văn B",
        actor=None,
        now=now,
    )

    assert document.number == "1/GP-STTTT" and document.issued_on == dt.date(2026, 2, 5)
    with document.file.open("rb") as handle:
        docx = Document(io.BytesIO(handle.read()))
    text = "\n".join(p.text for p in docx.paragraphs)
    cells = "\n".join(c.text for t in docx.tables for r in t.rows for c in r.cells)
    for expected in (
        "Số: 1/GP-STTTT",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Quảng Bình, ngày 05 tháng 02 năm 2026",
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        "tintucnhatle.vn",
        "Đơn đề nghị",
        "- Công ty A;",
        "GIÁM ĐỐC",
        "Nguyễn Văn B",
    ):
        assert expected in cells or expected in text
    assert "GIẤY PHÉP THIẾT LẬP TRANG THÔNG TIN ĐIỆN TỬ TỔNG HỢP" in text
    assert "Cấp phép cho Công ty <A> & B:" in text
    assert docx.sections[0].page_width.mm == pytest.approx(210, abs=0.5)


@pytest.mark.django_db
def test_an_unnumbered_kind_takes_no_number() -> None:
    now = dt.datetime(2026, 2, 5, 3, 0, tzinfo=dt.UTC)
    document = issue_document(kind_code="process_sheet", title="PHIẾU", subject="t:2", context={}, actor=None, now=now)
    assert document.number == "" and document.sequence is None
    assert OutgoingDocument.objects.filter(kind__code="process_sheet").count() == 1
