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


def test_vietnamese_names_sort_as_in_a_dictionary() -> None:
    from ictmis.core.text import collation_key

    names = ["Xã Vĩnh Định", "Xã Đồng Hới", "Xã Ái Tử", "Xã Ăn Khê", "Xã An Thủy", "Xã Dương Thủy", "Xã Ân Phú",
             "Xã Ba Đồn", "Xã Ơn", "Xã Ô Lâm", "Xã Ưu Điềm", "Xã Uy Nỗ", "Xã Áa", "Xã Aa", "Xã À"]  # fmt: skip

    ordered = sorted(names, key=collation_key)

    assert ordered == [
        "Xã À", "Xã Aa", "Xã Áa", "Xã Ái Tử", "Xã An Thủy", "Xã Ăn Khê", "Xã Ân Phú", "Xã Ba Đồn", "Xã Dương Thủy",
        "Xã Đồng Hới", "Xã Ô Lâm", "Xã Ơn", "Xã Uy Nỗ", "Xã Ưu Điềm", "Xã Vĩnh Định",
    ]  # fmt: skip
    assert all(key.isascii() and key.isalnum() for key in map(collation_key, names))


def test_a_full_name_gives_its_given_name() -> None:
    from ictmis.core.text import split_name

    assert split_name("Nguyễn Văn Hùng") == ("Nguyễn Văn", "Hùng")
    assert split_name("  Trần   Thị  Lan ") == ("Trần Thị", "Lan")
    assert split_name("Hùng") == ("", "Hùng")
    assert split_name("") == ("", "")
