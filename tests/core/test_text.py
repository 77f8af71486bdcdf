import pytest

from ictmis.core.text import normalise, search_terms


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Đắk Lắk", "dak lak"),
        ("Tỉnh Quảng Bình", "tinh quang binh"),
        ("  Thành phố   Hồ Chí Minh ", "thanh pho ho chi minh"),
        ("Phường Đức Ninh Đông", "phuong duc ninh dong"),
        ("Xã Hóa Hợp", "xa hoa hop"),
        ("Thừa Thiên Huế", "thua thien hue"),
        ("Điện Biên", "dien bien"),
        ("ĐỒNG HỚI", "dong hoi"),
        ("Xã Hoá Hợp", "xa hoa hop"),
    ],
)
def test_normalise_strips_diacritics_and_case(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


def test_decomposed_and_composed_forms_normalise_alike() -> None:
    composed = "Quảng Trị"
    decomposed = "Qua\u0309ng Tri\u0323"
    assert normalise(composed) == normalise(decomposed) == "quang tri"


def test_search_terms_split_the_normalised_query() -> None:
    assert search_terms(" Đắk  Lắk ") == ["dak", "lak"]
    assert search_terms("") == []
    assert search_terms(None) == []
