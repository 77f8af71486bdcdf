"""Outgoing numbers never repeat, even under concurrent issue; generated DOCX carry the official layout."""

import datetime as dt
import io
import threading
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from docx import Document

from ictmis.documents.models import OutgoingDocument
from ictmis.documents.public import date_line, issue_document, reserve_number


@pytest.mark.django_db
def test_numbers_count_per_kind_and_restart_each_year() -> None:
    assert reserve_number(kind_code="licence", year=2019) == (1, "01/GP-STTTT")
    assert reserve_number(kind_code="licence", year=2019) == (2, "02/GP-STTTT")
    assert reserve_number(kind_code="apology", year=2019) == (1, "01/STTTT-TTĐT")
    assert reserve_number(kind_code="licence", year=2020) == (1, "01/GP-STTTT")
    # the agency in the symbol is the one of the document's date: the Sở KH&CN after 2025
    assert reserve_number(kind_code="licence", year=2026, on=dt.date(2026, 5, 4)) == (1, "01/GP-SKHCN")


@pytest.mark.django_db(transaction=True)
def test_concurrent_issue_gives_no_duplicate_number() -> None:
    from ictmis.documents.models import DocumentKind

    # a transactional test may run after another one emptied the database: the seeded kind, if missing
    DocumentKind.objects.get_or_create(code="licence", defaults={"name": "Giấy phép", "symbol": "GP-STTTT"})
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


def docx_text(document: OutgoingDocument) -> str:
    with document.file.open("rb") as handle:
        docx = Document(io.BytesIO(handle.read()))
    cells = [cell.text for table in docx.tables for row in table.rows for cell in row.cells]
    return "\n".join([*(p.text for p in docx.paragraphs), *cells])


@pytest.mark.django_db
def test_a_generated_document_is_a_real_docx_with_every_part() -> None:
    now = dt.datetime(2026, 2, 5, 3, 0, tzinfo=dt.UTC)
    table = {
        "headers": ["TT", "Thành phần", "Số bản", "Có"],
        "rows": [["1", "Đơn đề nghị", "01", "x"], ["2", "Đề án", "02", ""]],
    }
    document = issue_document(
        kind_code="licence",
        title="GIẤY PHÉP THIẾT LẬP TRANG THÔNG TIN ĐIỆN TỬ TỔNG HỢP",
        subject="test:1",
        context={
            "bases": ["Căn cứ Nghị định số 147/2024/NĐ-CP"],
            "paragraphs": ["Cấp phép cho Công ty <A> & B:", "Giấy phép có hiệu lực 05 năm."],
            "fields": [{"label": "Tên miền", "value": "tintucnhatle.vn"}],
            "table": table,
            "recipients": ["Công ty A", "Lưu: VT"],
        },
        signer_title="Giám đốc",
        signer_name="Nguyễn Văn B",
        actor=None,
        now=now,
    )

    assert document.number == "01/GP-SKHCN" and document.issued_on == dt.date(2026, 2, 5)
    text = docx_text(document)
    for expected in (
        "Số: 01/GP-SKHCN",
        "UBND TỈNH QUẢNG TRỊ",
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Quảng Trị, ngày 05 tháng 02 năm 2026",
        "GIẤY PHÉP THIẾT LẬP TRANG THÔNG TIN ĐIỆN TỬ TỔNG HỢP",
        "Căn cứ Nghị định số 147/2024/NĐ-CP;",
        "Cấp phép cho Công ty <A> & B:",
        "Giấy phép có hiệu lực 05 năm.",
        "Tên miền",
        "tintucnhatle.vn",
        *table["headers"],
        *(cell for row in table["rows"] for cell in row if cell),
        "Nơi nhận:",
        "- Công ty A;",
        "- Lưu: VT;",
        "GIÁM ĐỐC",
        "Nguyễn Văn B",
    ):
        assert expected in text
    with document.file.open("rb") as handle:
        docx = Document(io.BytesIO(handle.read()))
    assert docx.sections[0].page_width.mm == pytest.approx(210, abs=0.5)
    assert [len(row.cells) for row in docx.tables[-2].rows] == [4, 4, 4]


@pytest.mark.django_db
def test_an_unnumbered_kind_takes_no_number() -> None:
    now = dt.datetime(2026, 2, 5, 3, 0, tzinfo=dt.UTC)
    document = issue_document(kind_code="process_sheet", title="PHIẾU", subject="t:2", context={}, actor=None, now=now)
    assert document.number == "" and document.sequence is None
    assert "Số:" not in docx_text(document)
    assert OutgoingDocument.objects.filter(kind__code="process_sheet").count() == 1


@pytest.mark.django_db
def test_a_document_that_fails_to_render_stores_nothing_and_keeps_its_number(settings: Any) -> None:
    now = dt.datetime(2026, 2, 5, 3, 0, tzinfo=dt.UTC)

    with pytest.raises(TypeError):
        issue_document(kind_code="licence", title="X", subject="t:3", context={"paragraphs": 5}, actor=None, now=now)

    assert not OutgoingDocument.objects.exists()
    assert not any(Path(settings.MEDIA_ROOT).rglob("*.docx"))
    assert reserve_number(kind_code="licence", year=2026) == (1, "01/GP-SKHCN")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "governing", "agency", "place"),
    [
        (dt.date(2019, 6, 3), "UBND TỈNH QUẢNG BÌNH", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Quảng Bình"),
        (dt.date(2025, 2, 28), "UBND TỈNH QUẢNG BÌNH", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Quảng Bình"),
        (dt.date(2025, 3, 1), "UBND TỈNH QUẢNG BÌNH", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Quảng Bình"),
        (dt.date(2025, 7, 1), "UBND TỈNH QUẢNG TRỊ", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Quảng Trị"),
        (dt.date(2026, 3, 16), "UBND TỈNH QUẢNG TRỊ", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Quảng Trị"),
    ],
)
def test_the_issuing_body_and_place_are_those_of_the_documents_date(day, governing, agency, place) -> None:
    now = dt.datetime(day.year, day.month, day.day, 3, 0, tzinfo=dt.UTC)

    document = issue_document(
        kind_code="receipt", title="GIẤY TIẾP NHẬN", subject="t:4", context={}, actor=None, now=now
    )

    text = docx_text(document)
    assert governing in text and agency in text
    assert date_line(place, day) in text


@pytest.mark.django_db
def test_the_form_code_is_printed_at_the_top_right_only_when_the_document_has_one() -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    now = dt.datetime(2026, 2, 5, 3, 0, tzinfo=dt.UTC)
    coded = issue_document(
        kind_code="receipt",
        title="BIÊN BẢN",
        subject="t:5",
        context={"form_code": "MBB01", "form_source": "Nghị định số 118/2021/NĐ-CP"},
        actor=None,
        now=now,
    )
    code_only = issue_document(
        kind_code="receipt", title="QUYẾT ĐỊNH", subject="t:6", context={"form_code": "MQĐ05"}, actor=None, now=now
    )
    plain = issue_document(kind_code="receipt", title="GIẤY TIẾP NHẬN", subject="t:7", context={}, actor=None, now=now)

    with coded.file.open("rb") as handle:
        first, second = Document(io.BytesIO(handle.read())).paragraphs[:2]
    assert (first.text, second.text) == ("Mẫu số MBB01", "(Kèm theo Nghị định số 118/2021/NĐ-CP)")
    assert first.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert "Mẫu số MQĐ05" in docx_text(code_only) and "Kèm theo" not in docx_text(code_only)
    assert "Mẫu số" not in docx_text(plain)
