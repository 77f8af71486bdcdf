import io

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_unit_search_finds_without_diacritics() -> None:
    output = run("unit_search", "dak lak")
    assert "66  Đắk Lắk" in output


def test_unit_search_on_a_past_date_finds_former_units() -> None:
    assert "Tỉnh Quảng Bình" in run("unit_search", "quang binh", "--on", "30/06/2019")
    assert "Tỉnh Quảng Bình" not in run("unit_search", "quang binh")


def test_unit_show_prints_children_and_lineage() -> None:
    output = run("unit_show", "44", "--on", "30/06/2019")
    assert "Thị xã Ba Đồn" in output
    assert "Quảng Trị" in output


def test_unit_show_refuses_an_unknown_code() -> None:
    with pytest.raises(CommandError):
        run("unit_show", "00000")
